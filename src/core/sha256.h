/* SHA-256 of files and memory, through OpenSSL's libcrypto. Photos are addressed by
 * their SHA-256; the admin PIN is stored as one. */
#ifndef YX_CORE_SHA256_H
#define YX_CORE_SHA256_H

#include <stddef.h>

#define SHA256_HEX_LEN 64

/* Hex digest (lower case) of data[0..len) into out[65]. Returns 0 or -1. */
int sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1]);

/* Hex digest of a whole file; *size_out (if not NULL) gets its length in bytes.
 * Returns 0, or -1 with errno set when the file cannot be read. */
int sha256_file_hex(const char *path, char out[SHA256_HEX_LEN + 1], long long *size_out);

#endif
