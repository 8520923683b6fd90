/* The duty roster (楼道值守排班): who keeps watch where, day by day, e.g. while the
 * lift is being installed. Entries are content (source_key import, tombstones). */
#ifndef YX_STORE_ROSTER_H
#define YX_STORE_ROSTER_H

#include "store/store.h"

typedef struct {
    int64_t id;
    int64_t day;  /* local midnight; add/update round any time of the day down to it */
    char *slot;   /* 上午 8:00-12:00 (may be "") */
    char *place;  /* 一楼大厅 (may be "") */
    char *person; /* required */
    char *room;   /* canonical room number or "" */
    char *source_key;
    int64_t updated_at;
} RosterEntry;

typedef struct {
    RosterEntry *items;
    size_t count;
} RosterList;

/* Entries with from <= day < to (0: unbounded on that side), by day, then id.
 * Free with roster_list_free; -1 on failure. */
int store_roster_list(Store *s, int64_t from, int64_t to, RosterList *out);
void roster_list_free(RosterList *l);

/* One entry; REASON_NOT_FOUND if none. Free with roster_entry_deinit. */
int store_roster_get(Store *s, int64_t id, RosterEntry *out);
void roster_entry_deinit(RosterEntry *e);

/* Validates (room against the building rule, REASON_ROOM_INVALID) and adds; with an
 * existing source_key updates that entry. *id_out may be NULL. */
int store_roster_add(Store *s, const RosterEntry *in, int64_t *id_out);

/* Replaces every field of entry in->id. REASON_NOT_FOUND if none. */
int store_roster_update(Store *s, const RosterEntry *in);

/* Tombstones an entry. REASON_NOT_FOUND if none. */
int store_roster_remove(Store *s, int64_t id);

#endif
