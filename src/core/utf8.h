/* UTF-8 checks and counts. Residents' text arrives from touch input, USB sticks and
 * the command line; everything is validated here before it reaches the store. */
#ifndef YX_CORE_UTF8_H
#define YX_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int utf8_valid(const char *s, size_t len);

/* Number of code points in a valid NUL-terminated UTF-8 string. */
size_t utf8_count(const char *s);

/* Decodes one code point at *s and advances *s. Returns -1 on malformed input
 * (and advances by one byte so callers can skip). */
int32_t utf8_next(const char **s);

/* Byte length of the longest prefix of s holding at most max_cp code points. */
size_t utf8_prefix_bytes(const char *s, size_t max_cp);

/* Copies s into a new string with leading/trailing ASCII and ideographic (U+3000)
 * whitespace removed. Caller frees. NULL on allocation failure. */
char *utf8_trim_dup(const char *s);

#endif
