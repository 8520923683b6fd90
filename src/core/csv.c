/* CSV cells (see csv.h). */
#include "core/csv.h"

#include <string.h>

void csv_field(Buf *b, const char *s, int text)
{
    if (!s)
        return;
    int formula = text && *s && strchr("=+-@\t\r", *s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    if (formula)
        buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}
