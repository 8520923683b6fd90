/* The kiosk's own row: which building it stands in, what it is called on screen, the
 * building's 美丽楼组 theme and the room-number rule every form checks against. */
#ifndef YX_STORE_KIOSK_H
#define YX_STORE_KIOSK_H

#include "store/store.h"

/* Themes of the 美丽楼组 programme offered by yanxiactl and the seeder; any other
 * short text is accepted too. */
extern const char *const KIOSK_THEMES[];
extern const size_t KIOSK_THEME_COUNT;

#define KIOSK_BUILDING_MAX 40 /* ASCII code the hub knows: [a-z0-9._-] */

typedef struct {
    char kiosk_uuid[37]; /* made at store creation; read-only */
    char *building;      /* "kangle-12" */
    char *display_name;  /* 康乐小区12号楼 */
    char *theme;         /* 敬老楼 */
    char *address;
    int floor_min, floor_max; /* 1 <= min <= max <= 99 */
    int unit_min, unit_max;   /* 1 <= min <= max <= 99 */
    int households;           /* >= 0; for consultation participation */
} KioskInfo;

/* Reads the kiosk row. Free with kiosk_info_deinit; -1 on failure. */
int store_kiosk_get(Store *s, KioskInfo *out);
void kiosk_info_deinit(KioskInfo *k);

/* Validates and writes every field but kiosk_uuid. REASON_INVALID_VALUE for a bad
 * building code, floor/unit range or household count; text rules as elsewhere.
 * Nothing is written on failure. The room rule (store_room_rule) follows at once. */
int store_kiosk_set(Store *s, const KioskInfo *in);

#endif
