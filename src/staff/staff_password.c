/* The accounts' password rules and their Argon2id hashes (libsodium), for both
 * implementations (staff.c, and staff_hub.c, which checks a password by the same rules
 * before the hub gets its verifier). */
#include "staff/staff.h"

#include "core/utf8.h"
#include "staff/staff_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* One of OWASP's equivalent minimum settings for Argon2id (7 MiB, 5 passes; the same
 * strength as 19 MiB with 2): a login costs tens of milliseconds and the console, which
 * lives on the lobby PC beside the kiosk, peaks at a few MB more while one is checked.
 * The parameters are stored in each hash, so changing them keeps old hashes valid. */
#define PWHASH_OPS 5
#define PWHASH_MEM (7u * 1024u * 1024u)

int staff_sodium_ready(void)
{
    static int state; /* 0 not tried, 1 ready, -1 failed */
    if (!state)
        state = sodium_init() < 0 ? -1 : 1;
    return state > 0;
}

int staff_password_check(const char *password, char *err, size_t errlen)
{
    size_t n = password ? strlen(password) : 0;
    if (!password || !utf8_valid(password, n)) {
        snprintf(err, errlen, "密码里有无法识别的字符");
        return -1;
    }
    if (utf8_count(password) < STAFF_PASSWORD_MIN) {
        snprintf(err, errlen, "密码至少要%d个字符", STAFF_PASSWORD_MIN);
        return -1;
    }
    if (n > STAFF_PASSWORD_MAX) {
        snprintf(err, errlen, "密码太长了（最多%d个字节）", STAFF_PASSWORD_MAX);
        return -1;
    }
    return 0;
}

int staff_password_hash(const char *password, char out[STAFF_HASH_MAX + 1], char *err,
                        size_t errlen)
{
    if (staff_password_check(password, err, errlen) < 0)
        return -1;
    size_t n = strlen(password);
    char hash[crypto_pwhash_STRBYTES];
    if (!staff_sodium_ready() || crypto_pwhash_str_alg(hash, password, n, PWHASH_OPS, PWHASH_MEM,
                                                       crypto_pwhash_ALG_ARGON2ID13) != 0) {
        snprintf(err, errlen, "无法计算密码的散列（内存不足？）");
        return -1;
    }
    snprintf(out, STAFF_HASH_MAX + 1, "%s", hash);
    return 0;
}
