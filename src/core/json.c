/* JSON string escaping and object members. */
#include "core/json.h"

#include <inttypes.h>

void json_put_str(Buf *b, const char *s)
{
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"':
            buf_puts(b, "\\\"");
            break;
        case '\\':
            buf_puts(b, "\\\\");
            break;
        case '\n':
            buf_puts(b, "\\n");
            break;
        case '\r':
            buf_puts(b, "\\r");
            break;
        case '\t':
            buf_puts(b, "\\t");
            break;
        default:
            if (c < 0x20)
                buf_printf(b, "\\u%04x", c);
            else
                buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

static void key(Buf *b, int *first, const char *k)
{
    if (!*first)
        buf_putc(b, ',');
    *first = 0;
    json_put_str(b, k);
    buf_putc(b, ':');
}

void json_member_str(Buf *b, int *first, const char *k, const char *val)
{
    key(b, first, k);
    json_put_str(b, val);
}

void json_member_int(Buf *b, int *first, const char *k, int64_t val)
{
    key(b, first, k);
    buf_printf(b, "%" PRId64, val);
}

void json_member_bool(Buf *b, int *first, const char *k, int val)
{
    key(b, first, k);
    buf_puts(b, val ? "true" : "false");
}
