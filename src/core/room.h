/* Room numbers and phone numbers as residents type them on a keypad.
 * A room number is floor * 100 + unit ("1203" is floor 12, unit 03); a building's
 * rule says which floors and units exist. */
#ifndef YX_CORE_ROOM_H
#define YX_CORE_ROOM_H

#include "core/reason.h"

#define ROOM_MAX_LEN  8  /* "3306" plus room for a wing prefix later */
#define PHONE_MAX_LEN 16 /* "021-12345678" */

typedef struct {
    int floor_min, floor_max; /* e.g. 1 .. 33 */
    int unit_min, unit_max;   /* e.g. 1 .. 6 */
} RoomRule;

/* A rule that accepts floors 1-99 and units 1-99: used before a kiosk is configured. */
RoomRule room_rule_default(void);

/* Parses "1203", "1203室", " 503 " into the canonical digits ("1203", "503").
 * Returns REASON_NONE and fills out, or REASON_ROOM_INVALID. */
Reason room_normalize(const RoomRule *rule, const char *in, char out[ROOM_MAX_LEN + 1]);

/* "1203" -> "12**室": a room number fit for a public list. out must hold 16 bytes. */
void room_mask(const char *room, char out[16]);

/* Accepts a mainland mobile (11 digits, 1[3-9]…) or a landline (8 digits, optionally
 * with a 0xx/0xxx area code and a dash). Spaces and dashes are dropped for mobiles.
 * Returns REASON_NONE and fills out, or REASON_PHONE_INVALID. */
Reason phone_normalize(const char *in, char out[PHONE_MAX_LEN + 1]);

/* "13812345678" -> "138****5678"; anything else -> "****". out holds 16 bytes. */
void phone_mask(const char *phone, char out[16]);

#endif
