/* Identifiers made on the kiosk: UUIDv4 for every submission and a short receipt
 * code a resident can read aloud. Both come from the kernel's random source. */
#ifndef YX_CORE_IDS_H
#define YX_CORE_IDS_H

#include <stddef.h>

#define IDS_UUID_LEN    36 /* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" */
#define IDS_RECEIPT_LEN 6  /* from RECEIPT_ALPHABET */

/* Letters and digits that cannot be misread: no 0/O, 1/I/L. */
#define IDS_RECEIPT_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* Fills out[IDS_UUID_LEN + 1]. Returns 0, or -1 if no randomness was available. */
int ids_uuid_v4(char out[IDS_UUID_LEN + 1]);

/* Fills out[IDS_RECEIPT_LEN + 1]. Returns 0 or -1 as above. */
int ids_receipt(char out[IDS_RECEIPT_LEN + 1]);

/* True when s looks like a receipt code (case-insensitive; normalised into out). */
int ids_receipt_normalize(const char *s, char out[IDS_RECEIPT_LEN + 1]);

/* Fills buf with n random bytes. Returns 0 or -1. */
int ids_random(void *buf, size_t n);

#endif
