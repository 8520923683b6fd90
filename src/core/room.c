/* Room and phone number rules. */
#include "core/room.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

RoomRule room_rule_default(void)
{
    RoomRule r = {1, 99, 1, 99};
    return r;
}

Reason room_normalize(const RoomRule *rule, const char *in, char out[ROOM_MAX_LEN + 1])
{
    char digits[ROOM_MAX_LEN + 1];
    size_t n = 0;
    const char *p = in;
    while (*p == ' ')
        p++;
    while (isdigit((unsigned char)*p)) {
        if (n == ROOM_MAX_LEN)
            return REASON_ROOM_INVALID;
        digits[n++] = *p++;
    }
    digits[n] = '\0';
    if (strncmp(p, "室", strlen("室")) == 0 || strncmp(p, "号", strlen("号")) == 0)
        p += strlen("室"); /* both are three bytes in UTF-8 */
    while (*p == ' ')
        p++;
    if (*p != '\0' || n < 3 || n > 4 || digits[0] == '0')
        return REASON_ROOM_INVALID;
    int value = 0;
    for (size_t i = 0; i < n; i++)
        value = value * 10 + (digits[i] - '0');
    int floor = value / 100, unit = value % 100;
    if (floor < rule->floor_min || floor > rule->floor_max || unit < rule->unit_min ||
        unit > rule->unit_max)
        return REASON_ROOM_INVALID;
    /* floor <= 99 and unit <= 99 here, so at most four digits */
    snprintf(out, ROOM_MAX_LEN + 1, "%d%02d", floor % 100, unit % 100);
    return REASON_NONE;
}

void room_mask(const char *room, char out[16])
{
    size_t n = strlen(room);
    if (n < 3 || n > 4) {
        snprintf(out, 16, "**室");
        return;
    }
    snprintf(out, 16, "%.*s**室", (int)(n - 2), room);
}

Reason phone_normalize(const char *in, char out[PHONE_MAX_LEN + 1])
{
    char d[PHONE_MAX_LEN + 1];
    size_t n = 0, dash_at = 0;
    int dashes = 0;
    for (const char *p = in; *p; p++) {
        if (*p == ' ')
            continue;
        if (*p == '-') {
            dashes++;
            dash_at = n;
            continue;
        }
        if (!isdigit((unsigned char)*p) || n == PHONE_MAX_LEN)
            return REASON_PHONE_INVALID;
        d[n++] = *p;
    }
    d[n] = '\0';
    if (n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9') {
        memcpy(out, d, n + 1);
        return REASON_NONE;
    }
    if (n == 8 && dashes == 0 && d[0] != '0' && d[0] != '1') {
        memcpy(out, d, n + 1);
        return REASON_NONE;
    }
    /* landline with area code: 0 + 2-3 digits, then 7-8 digits */
    if (d[0] == '0' && dashes <= 1) {
        size_t area = dashes ? dash_at : (d[1] == '1' || d[1] == '2' ? 3 : 4);
        size_t local = n - area;
        if (area >= 3 && area <= 4 && local >= 7 && local <= 8 && d[area] != '0') {
            snprintf(out, PHONE_MAX_LEN + 1, "%.*s-%s", (int)area, d, d + area);
            return REASON_NONE;
        }
    }
    return REASON_PHONE_INVALID;
}

void phone_mask(const char *phone, char out[16])
{
    if (strlen(phone) == 11)
        snprintf(out, 16, "%.3s****%s", phone, phone + 7);
    else
        snprintf(out, 16, "****");
}
