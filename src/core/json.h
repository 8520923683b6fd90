/* Minimal JSON writing into a Buf: enough for `yanxiactl list --json` and the outbox
 * payloads. Strings are escaped per RFC 8259; non-ASCII UTF-8 passes through. */
#ifndef YX_CORE_JSON_H
#define YX_CORE_JSON_H

#include "core/buf.h"

#include <stdint.h>

/* Appends s as a quoted JSON string ("null" when s is NULL). */
void json_put_str(Buf *b, const char *s);

/* Object-member helpers: each writes `,"key":value` or `"key":value` depending on
 * *first (set to 0 afterwards), so a caller can emit members in any order. */
void json_member_str(Buf *b, int *first, const char *key, const char *val);
void json_member_int(Buf *b, int *first, const char *key, int64_t val);
void json_member_bool(Buf *b, int *first, const char *key, int val);

#endif
