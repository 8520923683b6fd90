/* The layout audit: what the kiosk knows of the frame it just drew (the pressables and
 * scroll views ui.c recorded, the strings text.c drew and what of them can be read),
 * checked against the rules for older residents' screens. Not pixels: the same records
 * scripts use for `expect` and `tap`. UI thread only.
 *
 * A finding is one of:
 *   - a control or text outside the screen, or outside the container clipping it (a
 *     scroll view only sideways: up and down it scrolls);
 *   - two controls whose hit areas overlap (a finger cannot tell which it hits);
 *   - text that a control drawn after it lies over (a keypad over a hint);
 *   - a label that must show whole (TextStyle.whole: buttons, options, tiles, keys) cut
 *     with "…", clipped, or running out of its control;
 *   - a touch target smaller than UI_AUDIT_TOUCH_MM on the configured display;
 *   - a control declared with ui_require that is missing or cannot be scrolled into view. */
#ifndef YX_UI_AUDIT_H
#define YX_UI_AUDIT_H

#include <stdio.h>

#include "ui/ui.h"

#define UI_AUDIT_TOUCH_MM 12.0f

/* Audits the last frame drawn with ui. Writes one line per finding to out (may be NULL):
 *   audit: SCREEN: 「NAME」 WHAT at X,Y WxH
 * and returns how many there were (0: the screen passes). Cannot fail. */
int ui_audit(const Ui *ui, const char *screen, FILE *out);

#endif
