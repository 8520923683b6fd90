/* UTF-8 validation and counting, following RFC 3629's table of well-formed sequences. */
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

int utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0; /* no overlongs */
            if (c == 0xED)
                hi = 0x9F; /* no surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F; /* nothing above U+10FFFF */
        } else {
            return 0;
        }
        if (i + n >= len)
            return 0; /* truncated sequence */
        if (s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k <= n; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += n + 1;
    }
    return 1;
}

size_t utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int32_t utf8_next(const char **ps)
{
    const unsigned char *s = (const unsigned char *)*ps;
    unsigned char c = s[0];
    int32_t cp;
    int n;
    if (c < 0x80) {
        *ps += 1;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        cp = c & 0x1F;
        n = 1;
    } else if ((c & 0xF0) == 0xE0) {
        cp = c & 0x0F;
        n = 2;
    } else if ((c & 0xF8) == 0xF0) {
        cp = c & 0x07;
        n = 3;
    } else {
        *ps += 1;
        return -1;
    }
    for (int k = 1; k <= n; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            *ps += 1;
            return -1;
        }
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    *ps += n + 1;
    return cp;
}

size_t utf8_prefix_bytes(const char *s, size_t max_cp)
{
    size_t cps = 0, i = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (cps == max_cp)
                break;
            cps++;
        }
        i++;
    }
    return i;
}

static size_t space_len(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3; /* U+3000 IDEOGRAPHIC SPACE, common from Chinese input methods */
    return 0;
}

char *utf8_trim_dup(const char *s)
{
    size_t k;
    while ((k = space_len(s)) > 0)
        s += k;
    size_t len = strlen(s);
    for (;;) {
        if (len >= 1 && space_len(s + len - 1) == 1) {
            len--;
        } else if (len >= 3 && space_len(s + len - 3) == 3) {
            len -= 3;
        } else {
            break;
        }
    }
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}
