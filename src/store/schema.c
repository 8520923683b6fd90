/* The store's schema as numbered migrations. Migration N takes a file from
 * user_version N-1 to N. Never edit a released migration: add the next one.
 *
 * Content tables (shown to residents, authored by staff or pulled from the hub) share
 * the columns: hub_id (id on the hub, NULL for local content), hub_rev, deleted
 * (tombstone), source_key (stable key of an imported file, for idempotent import),
 * created_at, updated_at. Times are Unix seconds.
 * Submission tables (written by residents) share: uuid (made on the kiosk), receipt
 * (short code shown to the resident), created_at; every submission also has a row in
 * outbox until the hub acknowledges it. Submissions are never updated in place by a
 * resident's change: a cancel or re-vote is a new row. */
#include "store/store_internal.h"

#define CONTENT_COLUMNS                                                                            \
    "hub_id INTEGER UNIQUE, hub_rev INTEGER NOT NULL DEFAULT 0,"                                   \
    " deleted INTEGER NOT NULL DEFAULT 0, source_key TEXT UNIQUE,"                                 \
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL"

#define SUBMISSION_COLUMNS                                                                         \
    "uuid TEXT NOT NULL UNIQUE, receipt TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL"

static const char MIGRATION_1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"

    /* the kiosk itself: one row */
    "CREATE TABLE kiosk("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " kiosk_uuid TEXT NOT NULL,"
    " building TEXT NOT NULL DEFAULT '',"     /* code the hub knows, e.g. kangle-12 */
    " display_name TEXT NOT NULL DEFAULT ''," /* 康乐小区12号楼 */
    " theme TEXT NOT NULL DEFAULT '',"        /* 美丽楼组 theme, e.g. 敬老楼 */
    " address TEXT NOT NULL DEFAULT '',"
    " floor_min INTEGER NOT NULL DEFAULT 1, floor_max INTEGER NOT NULL DEFAULT 33,"
    " unit_min INTEGER NOT NULL DEFAULT 1, unit_max INTEGER NOT NULL DEFAULT 6,"
    " households INTEGER NOT NULL DEFAULT 0," /* for consultation participation */
    " CHECK (floor_min BETWEEN 1 AND 99 AND floor_max BETWEEN floor_min AND 99),"
    " CHECK (unit_min BETWEEN 1 AND 99 AND unit_max BETWEEN unit_min AND 99));"

    "CREATE TABLE notices("
    " id INTEGER PRIMARY KEY,"
    " category TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " author TEXT NOT NULL DEFAULT '',"
    " pinned INTEGER NOT NULL DEFAULT 0,"
    " publish_at INTEGER NOT NULL,"
    " expires_at INTEGER," /* NULL: never */
    " " CONTENT_COLUMNS ");"
    "CREATE INDEX notices_shown ON notices(deleted, publish_at, expires_at);"

    "CREATE TABLE health_tips("
    " id INTEGER PRIMARY KEY,"
    " month TEXT NOT NULL," /* YYYY-MM */
    " title TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " author TEXT NOT NULL DEFAULT '',"
    " " CONTENT_COLUMNS ");"
    "CREATE INDEX health_tips_month ON health_tips(month);"

    "CREATE TABLE albums("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind IN ('portraits', 'event')),"
    " description TEXT NOT NULL DEFAULT '',"
    " event_at INTEGER,"
    " sort INTEGER NOT NULL DEFAULT 0,"
    " " CONTENT_COLUMNS ");"

    "CREATE TABLE photos("
    " id INTEGER PRIMARY KEY,"
    " album_id INTEGER NOT NULL REFERENCES albums(id),"
    " sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
    " width INTEGER NOT NULL CHECK (width > 0),"
    " height INTEGER NOT NULL CHECK (height > 0),"
    " bytes INTEGER NOT NULL DEFAULT 0,"
    " caption TEXT NOT NULL DEFAULT '',"
    " person_name TEXT NOT NULL DEFAULT '',"
    " floor INTEGER,"                      /* NULL: not given */
    " consent INTEGER NOT NULL DEFAULT 0," /* 0: never shown */
    " sort INTEGER NOT NULL DEFAULT 0,"
    " " CONTENT_COLUMNS ","
    " UNIQUE (album_id, sha256));"
    "CREATE INDEX photos_album ON photos(album_id, sort);"

    "CREATE TABLE activities("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('event', 'team')),"
    " title TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " place TEXT NOT NULL DEFAULT '',"
    " starts_at INTEGER," /* events */
    " ends_at INTEGER,"
    " schedule TEXT NOT NULL DEFAULT ''," /* teams: 每周二、四 早上7点 */
    " signup_deadline INTEGER,"
    " capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0)," /* 0: no limit */
    " max_party INTEGER NOT NULL DEFAULT 4 CHECK (max_party BETWEEN 1 AND 20),"
    " waitlist INTEGER NOT NULL DEFAULT 1,"
    " organiser TEXT NOT NULL DEFAULT '',"
    " " CONTENT_COLUMNS ");"

    "CREATE TABLE polls("
    " id INTEGER PRIMARY KEY,"
    " question TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " opens_at INTEGER NOT NULL,"
    " closes_at INTEGER NOT NULL,"
    " " CONTENT_COLUMNS ","
    " CHECK (closes_at > opens_at));"
    "CREATE TABLE poll_options("
    " id INTEGER PRIMARY KEY,"
    " poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,"
    " sort INTEGER NOT NULL,"
    " label TEXT NOT NULL,"
    " UNIQUE (poll_id, sort));"

    "CREATE TABLE roster("
    " id INTEGER PRIMARY KEY,"
    " day INTEGER NOT NULL,"          /* local midnight */
    " slot TEXT NOT NULL DEFAULT ''," /* 上午 8:00-12:00 */
    " place TEXT NOT NULL DEFAULT '',"
    " person TEXT NOT NULL,"
    " room TEXT NOT NULL DEFAULT '',"
    " " CONTENT_COLUMNS ");"
    "CREATE INDEX roster_day ON roster(day);"

    "CREATE TABLE contacts("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL," /* (emergency,) committee, property, hotline, groupchat, other */
    " name TEXT NOT NULL,"
    " phone TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " qr_text TEXT NOT NULL DEFAULT ''," /* encoded as a QR code on screen */
    " sort INTEGER NOT NULL DEFAULT 0,"
    " " CONTENT_COLUMNS ");"

    "CREATE TABLE quick_phrases("
    " id INTEGER PRIMARY KEY,"
    " form TEXT NOT NULL CHECK (form IN ('suggestion', 'wish', 'question')),"
    " text TEXT NOT NULL,"
    " sort INTEGER NOT NULL DEFAULT 0,"
    " " CONTENT_COLUMNS ");"

    /* residents' submissions */
    "CREATE TABLE outbox("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT," /* the kiosk's own sequence */
    " uuid TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL,"
    " payload TEXT NOT NULL," /* JSON, as pushed to the hub */
    " created_at INTEGER NOT NULL,"
    " acked_at INTEGER);"

    "CREATE TABLE signups("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " activity_id INTEGER NOT NULL REFERENCES activities(id),"
    " room TEXT NOT NULL,"
    " name TEXT NOT NULL DEFAULT '',"
    " phone TEXT NOT NULL DEFAULT '',"
    " party_size INTEGER NOT NULL CHECK (party_size BETWEEN 1 AND 20));"
    "CREATE INDEX signups_activity ON signups(activity_id, id);"
    "CREATE TABLE signup_cancels("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " signup_uuid TEXT NOT NULL UNIQUE REFERENCES signups(uuid));"

    "CREATE TABLE suggestions("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " category TEXT NOT NULL DEFAULT '其他',"
    " text TEXT NOT NULL,"
    " room TEXT NOT NULL DEFAULT '',"
    " contact TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'seen', 'replied')),"
    " reply TEXT NOT NULL DEFAULT '',"
    " replied_at INTEGER);"

    "CREATE TABLE wishes("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " text TEXT NOT NULL,"
    " room TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'review'"
    "  CHECK (state IN ('review', 'open', 'claimed', 'fulfilled', 'declined')),"
    " decided_at INTEGER,"
    " note TEXT NOT NULL DEFAULT '');" /* moderator's note, e.g. why declined */
    "CREATE TABLE wish_claims("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " wish_uuid TEXT NOT NULL REFERENCES wishes(uuid),"
    " room TEXT NOT NULL,"
    " name TEXT NOT NULL DEFAULT '');"

    "CREATE TABLE questions("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " text TEXT NOT NULL,"
    " room TEXT NOT NULL DEFAULT '',"
    " answer TEXT NOT NULL DEFAULT '',"
    " answered_by TEXT NOT NULL DEFAULT '',"
    " answered_at INTEGER,"
    " public INTEGER NOT NULL DEFAULT 0);"

    "CREATE TABLE votes("
    " id INTEGER PRIMARY KEY,"
    " " SUBMISSION_COLUMNS ","
    " poll_id INTEGER NOT NULL REFERENCES polls(id),"
    " option_id INTEGER NOT NULL REFERENCES poll_options(id),"
    " room TEXT NOT NULL,"
    " supersedes TEXT REFERENCES votes(uuid));" /* a changed vote names the one it replaces */
    "CREATE INDEX votes_poll_room ON votes(poll_id, room, id);"

    /* sync (sync_apply.c): the hub's decisions on this building's submissions (sign-up
     * confirmed/waitlisted ...), and pulled photo rows waiting for their file */
    "CREATE TABLE sync_decisions("
    " uuid TEXT PRIMARY KEY," /* the submission decided on */
    " subject TEXT NOT NULL," /* signup, ... */
    " state TEXT NOT NULL,"
    " hub_id INTEGER NOT NULL UNIQUE, hub_rev INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE TABLE sync_pending_photos("
    " hub_id INTEGER PRIMARY KEY, hub_rev INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, payload TEXT NOT NULL);"

    /* Chinese full-text search: trigram tokens match any 3+ character substring;
     * shorter queries fall back to LIKE over the same table (search.c). */
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    " title, body, kind UNINDEXED, ref_id UNINDEXED, tokenize = 'trigram');"
    "CREATE TRIGGER notices_fts_ins AFTER INSERT ON notices BEGIN"
    " INSERT INTO search_fts(title, body, kind, ref_id)"
    "  VALUES (new.title, new.body, 'notice', new.id); END;"
    "CREATE TRIGGER notices_fts_upd AFTER UPDATE OF title, body ON notices BEGIN"
    " UPDATE search_fts SET title = new.title, body = new.body"
    "  WHERE kind = 'notice' AND ref_id = new.id; END;"
    "CREATE TRIGGER notices_fts_del AFTER DELETE ON notices BEGIN"
    " DELETE FROM search_fts WHERE kind = 'notice' AND ref_id = old.id; END;"
    "CREATE TRIGGER tips_fts_ins AFTER INSERT ON health_tips BEGIN"
    " INSERT INTO search_fts(title, body, kind, ref_id)"
    "  VALUES (new.title, new.body, 'tip', new.id); END;"
    "CREATE TRIGGER tips_fts_upd AFTER UPDATE OF title, body ON health_tips BEGIN"
    " UPDATE search_fts SET title = new.title, body = new.body"
    "  WHERE kind = 'tip' AND ref_id = new.id; END;"
    "CREATE TRIGGER tips_fts_del AFTER DELETE ON health_tips BEGIN"
    " DELETE FROM search_fts WHERE kind = 'tip' AND ref_id = old.id; END;";

/* Migration 2: the hub's moderation reaches every kiosk of the building (sync_verdict.c).
 * A wish, suggestion or question another kiosk took in arrives as a row with from_hub = 1
 * (never pushed back, never counted as this kiosk's submission); a claim decided on the
 * hub for a wish this kiosk has no claim row of is kept on the wish itself. The hub's
 * running tally of each hub activity's places (sync_tallies) lets a kiosk count the
 * sign-ups made on other kiosks. */
static const char MIGRATION_2[] =
    "ALTER TABLE wishes ADD COLUMN from_hub INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE wishes ADD COLUMN hub_claim_room TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE wishes ADD COLUMN hub_claimed_at INTEGER;"
    "ALTER TABLE suggestions ADD COLUMN from_hub INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE questions ADD COLUMN from_hub INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE sync_tallies("
    " activity_hub_id INTEGER PRIMARY KEY,"
    " confirmed_people INTEGER NOT NULL, confirmed_signups INTEGER NOT NULL,"
    " waiting_signups INTEGER NOT NULL, waiting_people INTEGER NOT NULL,"
    " hub_rev INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    /* the last verdict applied per submission: its rev orders verdicts, and a delete
     * (which carries no payload) finds its submission by hub_id */
    "CREATE TABLE sync_verdicts("
    " uuid TEXT PRIMARY KEY, subject TEXT NOT NULL, state TEXT NOT NULL,"
    " hub_id INTEGER NOT NULL UNIQUE, hub_rev INTEGER NOT NULL, updated_at INTEGER NOT NULL);";

/* Migration 3: the hub checks every submission as a stranger's (sql/hub/007); one it
 * refuses is acknowledged with its reason, kept here for `yanxiactl check`. */
static const char MIGRATION_3[] = "ALTER TABLE outbox ADD COLUMN rejected TEXT;";

/* Migration 4: the staff console over a standalone building's store (src/console):
 * staff accounts (Argon2id hashes only) and an audit log of every staff action that
 * nobody can edit through SQL short of dropping its triggers. */
static const char MIGRATION_4[] =
    "CREATE TABLE staff_accounts("
    " id INTEGER PRIMARY KEY,"
    " login TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " role TEXT NOT NULL CHECK (role IN ('lead', 'committee', 'admin')),"
    " scope TEXT NOT NULL DEFAULT '',"
    " pwhash TEXT NOT NULL,"
    " disabled INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE staff_audit("
    " id INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL, login TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',"
    " action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '',"
    " before TEXT NOT NULL DEFAULT '', after TEXT NOT NULL DEFAULT '');"
    "CREATE TRIGGER staff_audit_no_update BEFORE UPDATE ON staff_audit BEGIN"
    " SELECT RAISE(ABORT, 'the staff audit log is append-only'); END;"
    "CREATE TRIGGER staff_audit_no_delete BEFORE DELETE ON staff_audit BEGIN"
    " SELECT RAISE(ABORT, 'the staff audit log is append-only'); END;";

/* Migration 5: a health tip may carry a photo of the doctor's handwritten page (issue
 * 13). The file lives in the photo store by its SHA-256 like any photo's, and a pulled
 * tip with a photo waits in sync_pending_photos (now told apart by kind) until its file
 * is whole, as a pulled photo does. photo_sha256 NULL: a typed tip only. The sizes may
 * be NULL (a tip pulled from a hub without them reads as 0). */
static const char MIGRATION_5[] =
    "ALTER TABLE health_tips ADD COLUMN photo_sha256 TEXT"
    " CHECK (photo_sha256 IS NULL OR length(photo_sha256) = 64);"
    "ALTER TABLE health_tips ADD COLUMN photo_width INTEGER DEFAULT 0;"
    "ALTER TABLE health_tips ADD COLUMN photo_height INTEGER DEFAULT 0;"
    "ALTER TABLE health_tips ADD COLUMN photo_bytes INTEGER DEFAULT 0;"
    "CREATE INDEX health_tips_photo ON health_tips(photo_sha256) WHERE photo_sha256 IS NOT NULL;"
    "ALTER TABLE sync_pending_photos ADD COLUMN kind TEXT NOT NULL DEFAULT 'photo';";

const char *const STORE_MIGRATIONS[] = {MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4,
                                        MIGRATION_5};
const int STORE_MIGRATION_COUNT = (int)(sizeof STORE_MIGRATIONS / sizeof STORE_MIGRATIONS[0]);
