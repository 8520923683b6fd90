/* A growable byte buffer for building strings (JSON, CSV, SQL-free messages).
 * Allocation failure is sticky: the buffer remembers it and buf_take() returns NULL,
 * so callers append freely and check once at the end. */
#ifndef YX_CORE_BUF_H
#define YX_CORE_BUF_H

#include <stddef.h>

typedef struct {
    char *data; /* always NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    int failed; /* an allocation failed; contents are incomplete */
} Buf;

void buf_init(Buf *b);
void buf_deinit(Buf *b);
void buf_reset(Buf *b);
void buf_append(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents (caller frees) and leaves the buffer empty; NULL if any
 * append failed. */
char *buf_take(Buf *b);
/* Contents as a string (never NULL; "" when empty). Owned by the buffer. */
const char *buf_str(const Buf *b);

#endif
