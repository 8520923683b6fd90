/* The hub as staff and installers reach it (through `yanxiactl hub ...` and the
 * content commands' --hub): migrations, kiosks and their roles, status, publishing.
 * These run as the hub's owner, not as a kiosk. libpq stays behind this header. */
#ifndef YX_SYNC_HUB_ADMIN_H
#define YX_SYNC_HUB_ADMIN_H

#include <stdint.h>
#include <stdio.h>

typedef struct HubAdmin HubAdmin;

/* Connects. NULL with a message in err on failure. Close with hub_admin_close
 * (NULL is fine). */
HubAdmin *hub_admin_open(const char *conninfo, char *err, size_t errlen);
void hub_admin_close(HubAdmin *h);

/* Applies the numbered migrations NNN_*.sql of sql_dir that the hub has not recorded
 * yet, each in its own transaction with its record (safe to re-run, and to run twice
 * at once). *applied gets how many ran; *version the highest now recorded.
 * Returns 0, or -1 with err (the failing migration left no trace; two files of one
 * version, NNN, are refused before anything is applied). */
int hub_admin_migrate(HubAdmin *h, const char *sql_dir, int *applied, int *version, char *err,
                      size_t errlen);

/* Creates kiosk name in building (created if new) with a LOGIN role and a random
 * password, and returns in *config a kiosk configuration file ([kiosk], [sync])
 * whose hub connection string reaches this hub as that role. Caller frees *config.
 * Returns 0 or -1 with err (nothing created). */
int hub_admin_add_kiosk(HubAdmin *h, const char *name, const char *building, int interval,
                        char **config, char *err, size_t errlen);

/* Adds (or re-parents) a scope: kind is building, area or district. 0 or -1. */
int hub_admin_add_scope(HubAdmin *h, const char *code, const char *kind, const char *parent,
                        const char *name, char *err, size_t errlen);
/* Registers building code's household count (for consultations' participation). */
int hub_admin_set_households(HubAdmin *h, const char *code, int households, char *err,
                             size_t errlen);

/* Registers building code's room rule: floors rule[0]-rule[1], units rule[2]-rule[3]
 * (sql/hub/016_room_rule.sql); kiosks of the building take it at their next round. */
int hub_admin_set_room_rule(HubAdmin *h, const char *code, const int rule[4], char *err,
                            size_t errlen);

/* One pass of the guard (sql/hub/022_kiosk_guard.sql): ends every kiosk backend whose
 * statement has run longer than statement_s seconds or that has been idle in a
 * transaction longer than idle_s, calling ended(ctx, ...) for each. Returns how many
 * it ended, or -1 with err. */
int hub_admin_guard(HubAdmin *h, int statement_s, int idle_s,
                    void (*ended)(void *ctx, const char *kiosk, int pid, const char *state,
                                  long long seconds),
                    void *ctx, char *err, size_t errlen);

/* Adds a staff member: a PostgreSQL login role with this password (SCRAM), a member of
 * yanxia_staff that can call the scope-checked staff_* functions only (sql/hub/008).
 * scope: a building for lead, an area for committee, NULL for admin. 0 or -1. */
int hub_admin_add_staff(HubAdmin *h, const char *login, const char *password, const char *role,
                        const char *scope, char *err, size_t errlen);

/* Prints one line per kiosk: name, building, last heartbeat, queue, version, free disk,
 * cursor, hub gap-free sequence, submissions received, then the fleet facts of its last
 * heartbeat (uptime, restarts since boot, RSS in MB, night or awake; "-" when not
 * reported), whether it is silent (no heartbeat for more than silent_minutes by the
 * hub's clock, or never) and its last error line. json: one JSON array of objects
 * instead (null where not reported, "silent" a boolean). 0 or -1 with err. */
int hub_admin_status(HubAdmin *h, FILE *out, int json, int silent_minutes, char *err,
                     size_t errlen);

/* Publishes kind (notice, health_tip, album, photo, activity, poll, roster, contact,
 * quick_phrase) from a JSON object of its fields into scope; hub_id 0 adds a row,
 * otherwise the fields given replace that row's. *hub_id_out (may be NULL) gets the
 * row's hub id. 0 or -1 with err (the hub's message: a rule the row broke). */
int hub_admin_publish(HubAdmin *h, const char *kind, const char *scope, const char *fields_json,
                      int64_t hub_id, int64_t *hub_id_out, char *err, size_t errlen);

/* Tombstones kind hub_id on the hub. 0 or -1 with err (no such row). */
int hub_admin_unpublish(HubAdmin *h, const char *kind, int64_t hub_id, char *err, size_t errlen);

/* Uploads the file at path (content hash sha256, bytes long) into the hub's photo
 * store in 256 KiB chunks, in one transaction (a photo is there whole or not at all;
 * re-uploading is harmless). 0 or -1 with err. */
int hub_admin_put_photo(HubAdmin *h, const char *path, const char *sha256, int64_t bytes, char *err,
                        size_t errlen);

/* The hub id of the live album called name in scope, published there first when there
 * is none. 0 or -1 with err. */
int hub_admin_album(HubAdmin *h, const char *scope, const char *name, int64_t *hub_id, char *err,
                    size_t errlen);

/* A screenshot of kiosk name on request (sql/hub/021_screenshot.sql), through the
 * scope-checked staff functions: the connection is a staff member's (their scope
 * decides) or the hub owner's (everything). The kiosk sends one at its next sync round
 * when it shows the home screen, the slideshow or the night screen. 0, or -1 with err
 * (no such kiosk in the caller's scope). */
int hub_admin_request_screenshot(HubAdmin *h, const char *name, char *err, size_t errlen);

typedef struct {
    unsigned char *png; /* malloc'd (hub_screenshot_free); NULL: none arrived yet */
    size_t len;
    int width, height;
    int64_t taken_at;     /* Unix seconds the hub received it; 0: none */
    int64_t requested_at; /* Unix seconds of the open request; 0: none open */
} HubScreenshot;

/* The latest screenshot of kiosk name into *out (zeroed first; png NULL when none has
 * arrived). 0, or -1 with err. */
int hub_admin_get_screenshot(HubAdmin *h, const char *name, HubScreenshot *out, char *err,
                             size_t errlen);
void hub_screenshot_free(HubScreenshot *s);

/* Submissions as the hub holds them: cells row-major, ncols per row, NULL for SQL null. */
typedef struct {
    char **cells;
    size_t nrows, ncols;
} HubRows;

/* The submissions of kind (signup, suggestion, wish, question, vote) from the kiosks
 * of scope (a building, or an area or district: all its buildings; NULL: every kiosk),
 * in the hub's order of arrival. Each row: kiosk name, building code, received_at
 * (Unix seconds), the hub's decision (signups: confirmed, waitlisted, full or
 * cancelled, else the kiosk's status; wishes, suggestions, questions: the hub's
 * moderation state, review/new/unanswered before any, or withdrawn; votes: null),
 * then payload->>keys[i] for each of the nkeys (at most 16) keys, null where the
 * payload lacks it. Free *out
 * with hub_rows_free. 0, or -1 with err (unknown scope, the hub's error); *out is
 * then empty. */
int hub_admin_submissions(HubAdmin *h, const char *kind, const char *scope, const char *const *keys,
                          size_t nkeys, HubRows *out, char *err, size_t errlen);
void hub_rows_free(HubRows *r);

#endif
