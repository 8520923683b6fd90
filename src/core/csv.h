/* CSV for Excel and WPS: the one cell writer every export uses (yanxiactl export, the
 * console's downloads), so a resident's text that starts like a formula is written as
 * text everywhere. */
#ifndef YX_CORE_CSV_H
#define YX_CORE_CSV_H

#include "core/buf.h"

/* Appends one cell (no separator). NULL writes nothing (an empty cell). text: the cell
 * is text, and one starting with = + - @ tab or CR gets a leading ' inside quotes so
 * spreadsheets show it instead of evaluating it. Quotes, commas and line breaks are
 * quoted. */
void csv_field(Buf *b, const char *s, int text);

#endif
