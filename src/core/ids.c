/* UUIDv4 and receipt codes from getrandom(2). */
#include "core/ids.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

int ids_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

int ids_uuid_v4(char out[IDS_UUID_LEN + 1])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    if (ids_random(b, sizeof b) < 0)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[b[i] >> 4];
        *o++ = hex[b[i] & 0x0F];
    }
    *o = '\0';
    return 0;
}

int ids_receipt(char out[IDS_RECEIPT_LEN + 1])
{
    const size_t n = sizeof IDS_RECEIPT_ALPHABET - 1;
    for (int i = 0; i < IDS_RECEIPT_LEN; i++) {
        unsigned char r;
        do { /* rejection sampling keeps every letter equally likely */
            if (ids_random(&r, 1) < 0)
                return -1;
        } while (r >= 256 - (256 % n));
        out[i] = IDS_RECEIPT_ALPHABET[r % n];
    }
    out[IDS_RECEIPT_LEN] = '\0';
    return 0;
}

int ids_receipt_normalize(const char *s, char out[IDS_RECEIPT_LEN + 1])
{
    int k = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '-')
            continue;
        if (k == IDS_RECEIPT_LEN)
            return 0;
        char c = (char)toupper((unsigned char)*s);
        if (!strchr(IDS_RECEIPT_ALPHABET, c) || c == '\0')
            return 0;
        out[k++] = c;
    }
    out[k] = '\0';
    return k == IDS_RECEIPT_LEN;
}
