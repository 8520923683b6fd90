/* yanxia-console: the staff's web console over a standalone building's store, or over
 * the committee's hub (--hub). One libmicrohttpd thread serves every request, so the
 * Store, the sessions and the login throttle are used by one thread only and need no
 * locks (the one other thread, the preview waiter, touches none of them). Staff writes go through
 * the staff library (staff/staff.h) on either backend.
 *
 *   http.c        the server (libmicrohttpd): requests gathered, responses sent with headers
 *   request.c     what a handler reads of its request (fields, query, cookies, uploads)
 *   session.c     sessions (random 256-bit tokens), CSRF tokens, the login throttle
 *   html.c        escaping by context, the page frame and the stylesheet
 *   pages_*.c     one handler per route (pages_hub*.c over the hub); route.c maps paths
 *   plan_forms.c  forms and sections both backends' pages show
 *   edit_form.c   the version an edit form carries, so an overtaken save is refused
 *   photo_upload.c  the photo upload form and its post, both backends
 *   hub_read.c    the hub pages' reads, and what the shared pages read over the hub
 *   preview.c, xlsx.c, heic.c, tip_photo.c  the kiosk's preview, Excel, photo uploads
 *   preview_wait.c  the waiter thread: a preview's request waits aside for its kiosks */
#ifndef YX_CONSOLE_CONSOLE_H
#define YX_CONSOLE_CONSOLE_H

#include "core/buf.h"
#include "staff/staff.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "store/vote.h"

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_FORM_MAX     (256 * 1024)        /* bytes of one form post, files aside */
#define UPLOAD_FILE_MAX      (25 * 1024 * 1024)  /* one uploaded photo */
#define UPLOAD_TOTAL_MAX     (120 * 1024 * 1024) /* one post with its files */
#define UPLOAD_FILES_MAX     20
#define CONSOLE_SESSIONS_MAX 64
#define SESSION_IDLE_S       (2 * 3600)
#define SESSION_MAX_S        (12 * 3600)
#define THROTTLE_SLOTS       128
#define THROTTLE_LOGIN_FAILS 5  /* per account within THROTTLE_WINDOW_S */
#define THROTTLE_ADDR_FAILS  20 /* per client address */
#define THROTTLE_WINDOW_S    (15 * 60)

typedef struct {
    char token[65]; /* hex of 32 random bytes; "" = free slot */
    char csrf[65];
    StaffActor actor;
    int64_t created_at, seen_at;
    char preview_dir[200];   /* the last notice preview's pictures (preview.c); "" none */
    struct Preview *drawing; /* its preview whose kiosks are drawing, if any: a newer one
                                supersedes it (preview.c) */
    /* hub mode: actor.hub is the member's own hub connection, opened at login
     * (staff_hub_login) and closed with the session (session_drop) */
} Session;

typedef struct {
    char key[80]; /* "login:wang" or "addr:10.0.0.7"; "" = free */
    int fails;
    int64_t first_at;
    int64_t locked_until;
} Throttle;

typedef struct PreviewWaiter PreviewWaiter; /* preview_wait.c */
typedef struct Preview Preview;             /* preview.h */

typedef struct {
    Store *store;             /* standalone building; NULL in hub mode */
    const char *hub_conninfo; /* hub mode: where the hub is, without user or password */
    const char *db_path;
    int secure_cookies; /* under HTTPS */
    int silent_minutes; /* hub mode: a kiosk this long without a heartbeat is silent */
    Session sessions[CONSOLE_SESSIONS_MAX];
    Throttle throttle[THROTTLE_SLOTS];
    PreviewWaiter *waiter; /* the thread that watches preview kiosks (preview_wait.c) */
} Console;

typedef struct {
    char *key, *value;
} Field;

/* A file of a multipart post, streamed to a private temporary folder as it arrives
 * and removed with the request. */
typedef struct {
    char *field, *filename, *path;
    size_t size;
    void *fp; /* FILE * while it is being written */
} Upload;

typedef struct {
    const char *method; /* "GET", "POST" */
    const char *path;   /* without the query */
    void *conn;         /* the MHD connection (query arguments, cookies) */
    char address[64];
    Field *fields; /* the posted form */
    size_t nfields, cap;
    size_t posted; /* bytes of form fields received */
    int too_big;
    Upload uploads[UPLOAD_FILES_MAX];
    size_t nuploads;
    size_t uploaded;  /* bytes of files received */
    char updir[200];  /* "" until the first file */
    int upload_error; /* a file could not be written (disk full?) */
    void *pp;         /* MHD post processor */
    Session *session;
    /* a notice preview whose kiosks are drawing: the connection is suspended meanwhile,
     * and the request routed again once they are done (http.c) */
    Preview *preview;
} Request;

typedef struct {
    int status;
    Buf body;
    const char *content_type; /* NULL: text/html; charset=utf-8 */
    char location[256];       /* for 303 */
    char cookies[2][200];
    char disposition[160]; /* Content-Disposition for downloads */
    int cacheable;         /* the stylesheet */
    int fd;                /* > 0: send this open file (fd_size bytes) instead of body */
    size_t fd_size;
} Response;

/* http.c */
const char *req_field(const Request *r, const char *key); /* posted field or NULL */
const char *req_query(const Request *r, const char *key); /* ?key= or NULL */
const char *req_cookie(const Request *r, const char *key);
/* The files posted under field name key, in order: their count, and each by index. */
size_t req_uploads(const Request *r, const char *key, const Upload **out, size_t cap);
void resp_redirect(Response *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Starts serving on listen ("ADDR:PORT"); with cert_pem and key_pem (PEM text) over
 * HTTPS (GnuTLS, through libmicrohttpd), and the preview waiter's thread. 0, or -1 after
 * a message. */
int console_serve(Console *c, const char *listen, const char *cert_pem, const char *key_pem,
                  int *port_out, void **daemon_out);
/* Stops the previews in flight (their kiosks killed, their requests answered or
 * closed), then the server; from the thread that called console_serve. */
void console_stop(Console *c, void *daemon);

/* session.c */
Session *session_find(Console *c, const char *token, int64_t now);
Session *session_new(Console *c, const StaffActor *a, int64_t now);
/* Ends s (NULL: nothing): its preview still drawing is superseded, so its kiosks are
 * killed now and its slot freed instead of drawing for nobody (its request, routed again,
 * finds no session), then its pictures and hub connection go. Server's thread. */
void session_drop(Console *c, Session *s);
int session_csrf_ok(const Session *s, const char *csrf);
void random_hex(char *out, size_t bytes); /* out holds 2*bytes+1 */
/* Is key locked now? Sets *until when it is. */
int throttle_locked(Console *c, const char *key, int64_t now, int64_t *until);
void throttle_fail(Console *c, const char *key, int limit, int64_t now);
void throttle_clear(Console *c, const char *key);

/* preview.c: the kiosk renders a draft notice in PREVIEW_COUNT variants */
#define PREVIEW_COUNT 4
typedef struct {
    const char *size; /* --size for the kiosk */
    int large;        /* 大字 */
    const char *label;
} PreviewVariant;
extern const PreviewVariant PREVIEW_VARIANTS[PREVIEW_COUNT];
/* Starts drawing n as the kiosks of building (over the hub: its code and name; NULL:
 * this store's own kiosk row) would show it, for r's session: 0 with r->preview set, the
 * kiosks running (the handler then returns without an answer: http.c suspends the
 * request, and routes it again when they are done, to preview_finish), or -1 with a
 * Chinese sentence in err and nothing left running (also when PREVIEW_FLIGHTS_MAX
 * previews are drawing already: "…预览太多…"). A preview the session is still drawing
 * is superseded either way: its kiosks are killed and its page says so. Server's
 * thread. */
int preview_start(Console *c, Request *r, const StaffNotice *n, const KioskInfo *building,
                  char *err, size_t errlen);
/* The routed-again request of a preview_start: moves the pictures into r's session's
 * preview folder (the previous preview's goes) and frees r->preview. 0, or -1 with a
 * Chinese sentence in err (a kiosk failed, was too slow, the console is stopping, the
 * browser went away, or a newer preview of the session replaced it: "…又点了预览…").
 * Server's thread. */
int preview_finish(Console *c, Request *r, char *err, size_t errlen);
/* 1 when r has a preview whose kiosks are still to be handed to the waiter. */
int preview_started(const Request *r);
/* Frees p (NULL: nothing) with its scratch folder; kiosks not yet reaped are killed
 * first. Not while the waiter watches it. */
void preview_free(Preview *p);
/* preview_wait.c: the waiter thread. start: 0, or -1 (no thread). stop: kills the
 * kiosks of every preview in flight, resumes their connections and joins the thread;
 * previews handed over afterwards are cancelled at once. destroy (after the server has
 * stopped) frees it; both do nothing when it was not started. */
int preview_waiter_start(Console *c);
void preview_waiter_stop(Console *c);
void preview_waiter_destroy(Console *c);
/* Hands p (PREVIEW_STARTED) to the waiter, which resumes conn (suspended by the caller)
 * when its kiosks are reaped, or once it has killed them because conn's browser hung up,
 * the deadline passed, or the session superseded p. Server's thread. */
void preview_watch(Console *c, Preview *p, void *conn);
int preview_file(const Session *s, int i, char *path, size_t cap);
void preview_clear(Session *s);

/* html.c */
void html_esc(Buf *b, const char *s);
/* A text of many lines (a notice's or a tip's body) for a list: as it is when short,
 * otherwise folded to its first sentence or so, opened in place by a tap (<details>, no script). */
void html_long_text(Buf *b, const char *s);
void html_attr(Buf *b, const char *s);
void page_begin(Buf *b, const Request *r, const char *title);
void page_end(Buf *b);
void html_csrf(Buf *b, const Request *r);
void html_time(Buf *b, int64_t t);
void html_until(Buf *b, int64_t t); /* an end time: midnight shows as 24:00 of the day before */
void html_flash(Buf *b, const Request *r);
/* Long lists come in pages of CONSOLE_PAGE_SIZE: ?page=N (1-based). */
#define CONSOLE_PAGE_SIZE 30
size_t page_number(const Request *r);
/* "‹ 上一页 · 第N页 · 下一页 ›" links; base is the list's address with its filter. */
void html_pager(Buf *b, const char *base, size_t page, int has_more);
/* A form's error line (role alert); nothing when error is NULL. */
void html_error(Buf *b, const char *error);
/* A labelled input named name, refilled from the posted form (or fallback). A "date" or
 * "datetime-local" field has its format in words under it (<p id="NAME-format">, the
 * field's aria-describedby) and an example as its placeholder: the picker's own follows the
 * phone's language, and a browser without a picker shows a text field. */
void html_text_input(Buf *b, const Request *r, const char *name, const char *label,
                     const char *type, const char *fallback, int required);
/* A button that takes something off the kiosks (撤下, 删除, 取消, 停用), behind one more
 * tap that needs no script: a <details class="confirm"> whose summary looks like the quiet
 * button it stands for; opened, it says what will happen and holds the POST form (the
 * session's csrf, the hidden fields, the confirming button). Every string is escaped
 * here; fields ends at the first NULL name. Writes into b only; cannot fail. */
typedef struct {
    const char *action;       /* the form's address, e.g. "/albums/7/withdraw" */
    const char *label;        /* the summary: 撤下, 删除 ... */
    const char *what;         /* plain text: what the tap will do, with counts */
    const char *button;       /* the confirming button: 确定撤下 ... */
    const char *fields[2][2]; /* hidden fields, {name, value} */
} HtmlConfirm;
void html_confirm(Buf *b, const Request *r, const HtmlConfirm *c);
/* After a staff removal: on success 303 to `to`, else a page with the store's reason. */
void removed_or_refused(Console *c, Request *r, Response *w, int rc, const char *to);
/* A page that only says something: status, title and one sentence. */
void page_message(Response *w, const Request *r, int status, const char *title,
                  const char *sentence);
extern const char CONSOLE_CSS[];

/* pages_hub.c: the hub mode */
void hub_page_home(Console *c, Request *r, Response *w);
/* A labelled <select name="building"> of the buildings the member may publish to
 * (staff_buildings), the posted one selected. On a refusal, the hub's sentence above
 * an empty list. */
void hub_building_select(Buf *b, Request *r, const char *label);

/* The member's building code as a kiosk row for the notice preview: 0, or -1 with a
 * Chinese sentence in err (a building outside the scope: 不能发布到楼栋). Free *out with
 * kiosk_info_deinit. */
int hub_building_info(Request *r, const char *code, KioskInfo *out, char *err, size_t errlen);

/* Activity id of the member's scope (sql/hub/026_staff_activity.sql) into *out (free
 * with activity_deinit), its building's name into building (cap bytes; may be NULL):
 * 0, or -1 after answering w (another scope's: 404). */
int hub_activity_get(Request *r, Response *w, int64_t id, Activity *out, char *building,
                     size_t cap);
/* Notice id of the member's scope (sql/hub/029_staff_notice_edit.sql) into *out (free
 * with notice_deinit) and, when building is not NULL, its building as a kiosk row (free
 * with kiosk_info_deinit): 0, or -1 after answering w (another scope's: 404). */
int hub_notice_get(Request *r, Response *w, int64_t id, Notice *out, KioskInfo *building);

void hub_page_kiosks(Console *c, Request *r, Response *w);
void hub_page_kiosk_screenshot(Console *c, Request *r, Response *w, const char *name, int post);
void hub_page_writing(Console *c, Request *r, Response *w, const char *subject);
void hub_page_moderate(Console *c, Request *r, Response *w);
void hub_page_notices(Console *c, Request *r, Response *w);
void hub_page_notice_withdraw(Console *c, Request *r, Response *w, int64_t id);
void hub_page_polls(Console *c, Request *r, Response *w);
void hub_page_audit(Console *c, Request *r, Response *w);
void hub_page_activities(Console *c, Request *r, Response *w);
void hub_page_activity(Console *c, Request *r, Response *w, int64_t id);
void hub_page_activity_csv(Console *c, Request *r, Response *w, int64_t id);
void hub_page_activity_xlsx(Console *c, Request *r, Response *w, int64_t id);
void hub_page_poll_csv(Console *c, Request *r, Response *w, int64_t id);
void hub_page_poll(Console *c, Request *r, Response *w, int64_t id);
/* pages_hub_plan.c */
void hub_page_activity_new(Console *c, Request *r, Response *w);
void hub_page_signup_cancel(Console *c, Request *r, Response *w, int64_t activity_id);
void hub_page_health(Console *c, Request *r, Response *w);
/* The hub's 健康专栏 page (pages_hub_plan.c), with error above it when not NULL. */
void hub_health_page(Request *r, Response *w, const char *error);
void hub_page_health_remove(Console *c, Request *r, Response *w, int64_t id);
/* pages_hub_photos.c */
void hub_page_photos(Console *c, Request *r, Response *w);
void hub_page_photo_upload(Console *c, Request *r, Response *w);
void hub_page_photo_remove(Console *c, Request *r, Response *w, int64_t id);
/* pages_hub_staff.c */
void hub_page_staff(Console *c, Request *r, Response *w);
void hub_page_staff_new(Console *c, Request *r, Response *w);
void hub_page_staff_action(Console *c, Request *r, Response *w, const char *login,
                           const char *action);

/* route.c: fills w for r. */
void route(Console *c, Request *r, Response *w);

/* pages_*.c */
void page_login(Console *c, Request *r, Response *w);
void page_logout(Console *c, Request *r, Response *w);
void page_home(Console *c, Request *r, Response *w);
void page_notices(Console *c, Request *r, Response *w);
void page_notice_new(Console *c, Request *r, Response *w);
void page_notice_edit(Console *c, Request *r, Response *w, int64_t id);
/* Writes a building choice (hub mode: hub_building_select) labelled label into b. */
typedef void (*ActivityBuildingSelect)(Buf *b, Request *r, const char *label);
/* The roster's and the contacts' sections of the 值守与电话 page (pages_plan.c; both
 * backends): the list (with a 楼栋 column when buildings, one per item, is not NULL) and
 * the form to add one, which starts with building's choice when not NULL. */
void roster_section(Buf *b, Request *r, const RosterEntry *items, size_t n,
                    const char *const *buildings, ActivityBuildingSelect building);
void contact_section(Buf *b, Request *r, const Contact *items, size_t n,
                     const char *const *buildings, ActivityBuildingSelect building);
/* 值守与电话 over the hub (pages_hub_plan.c), with error above when not NULL. */
void hub_page_roster(Console *c, Request *r, Response *w, const char *error);
void page_roster(Console *c, Request *r, Response *w);
void page_roster_new(Console *c, Request *r, Response *w);
void page_roster_remove(Console *c, Request *r, Response *w, int64_t id);
void page_contact_new(Console *c, Request *r, Response *w);
void page_contact_remove(Console *c, Request *r, Response *w, int64_t id);
void page_notice_preview_png(Console *c, Request *r, Response *w, int64_t i);
void page_notice_withdraw(Console *c, Request *r, Response *w, int64_t id);
void page_suggestions(Console *c, Request *r, Response *w);
void page_suggestion_reply(Console *c, Request *r, Response *w, int64_t id);
void page_wishes(Console *c, Request *r, Response *w);
void page_wish_step(Console *c, Request *r, Response *w, int64_t id, const char *step);
void page_questions(Console *c, Request *r, Response *w);
void page_question_answer(Console *c, Request *r, Response *w, int64_t id);
void page_activities(Console *c, Request *r, Response *w);
/* What residents see of activity a on the kiosk, and how full it is (a->fill), as a
 * list of facts and the description below; building (may be NULL) where it runs. */
void html_activity_facts(Buf *b, const Activity *a, const char *building);
void page_activity(Console *c, Request *r, Response *w, int64_t id);
/* The 撤下 button of activity id's page (poll_form.c; both backends), behind
 * html_confirm: a POST with the session's csrf to /activities/ID/withdraw. */
void html_withdraw_activity(Buf *b, const Request *r, int64_t id);
/* The 撤下 button of poll id's card on /polls (poll_form.c; both backends), behind
 * html_confirm, which says the voted households' votes stay: a POST with the session's
 * csrf to /polls/ID/withdraw. */
void html_withdraw_poll(Buf *b, const Request *r, int64_t id, int64_t voted);
void page_activity_csv(Console *c, Request *r, Response *w, int64_t id);
void page_activity_xlsx(Console *c, Request *r, Response *w, int64_t id);

/* A table for xlsx_send: cols columns with their headings and widths (characters), and
 * rows rows whose cells cell() gives (it may write into scratch and return it); the
 * cells of column numeric_col (-1: none) are written as numbers. */
typedef struct {
    const char *sheet;
    size_t cols;
    const char *const *head;
    const double *widths;
    int numeric_col;
    size_t rows;
    const char *(*cell)(const void *ctx, size_t row, size_t col, char *scratch, size_t cap);
    const void *ctx;
} XlsxTable;

/* Answers w with t as an .xlsx attachment named filename, or with a page saying the
 * export failed (a full disk). */
void xlsx_send(Request *r, Response *w, const XlsxTable *t, const char *filename);
void page_polls(Console *c, Request *r, Response *w);
void html_poll_results(Buf *b, const PollResults *res, const char *whose, const char *how);
/* The audit log's rows as a table (both backends' 操作日志). */
void html_audit_table(Buf *b, const AuditEntry *items, size_t count);
/* audit_view.c: an audit line's before and after as the changes they record, for staff's
 * eyes, when both are JSON objects of changed fields, as the in-place
 * edits and a folder's import write them: a <ul class="changes">, one item per field,
 * its name in Chinese, before → after, times as the kiosk's dates, 是/否, long texts
 * folded. 0 with the list appended to b; -1 with b untouched when either is something
 * else (the line is then shown as it is stored). action ("album.update") says whose
 * field a shared name ("kind", "name") is. */
int html_audit_changes(Buf *b, const char *action, const char *before, const char *after);
void page_photos(Console *c, Request *r, Response *w);
void page_photo_upload(Console *c, Request *r, Response *w);

/* photo_upload.c: the photo upload of both backends. The form is begin, then the
 * backend's choice of where the photos go (fields album, and building over the hub),
 * then end; note (may be "") follows the consent's line. */
void photo_upload_form_begin(Buf *b, const Request *r);
void photo_upload_form_end(Buf *b, const char *note);
/* Where an upload goes: standalone an album of the store (album_id, checked by the
 * caller), over the hub an album named album of building (made when missing). */
typedef struct {
    int64_t album_id;     /* standalone; 0 over the hub */
    const char *building; /* over the hub: as StaffPhotoMeta's; NULL standalone */
    const char *album;    /* over the hub: as StaffPhotoMeta's; NULL standalone */
    const char *done;     /* the address to go to once the photos are in */
} PhotoUploadTarget;
/* Answers the upload form's post into to: the floor and every file checked first
 * (photo_upload_check), then all the files added in one batch (staff_photos_add), and a
 * 303 to to->done. Any refusal answers a page naming the file at fault (422; 403 for a
 * building outside the member's scope) and keeps every photo of the upload out. */
void photo_upload_receive(Request *r, Response *w, const PhotoUploadTarget *to);
/* Checks one uploaded photo, an iPhone's HEIC first turned into a JPEG in place: 0 with
 * its size, or -1 with why, a sentence for staff (not a whole JPEG, PNG or WebP, over
 * 12000 pixels). */
int photo_upload_check(const Upload *u, int *width, int *height, const char **why);
void page_photo_file(Console *c, Request *r, Response *w, int64_t id);
/* Answers w with the store's photo file of sha256 (a photo's or a tip page's), or 404
 * when the file is missing. */
void resp_photo_file(Console *c, Request *r, Response *w, const char *sha256);
/* The MIME type of an image by its first n bytes (JPEG, PNG, WebP). */
const char *image_mime(const unsigned char *head, size_t n);
void page_photo_remove(Console *c, Request *r, Response *w, int64_t id);
void page_kiosks(Console *c, Request *r, Response *w);
void page_staff(Console *c, Request *r, Response *w);
void page_staff_new(Console *c, Request *r, Response *w);
/* 楼组长, 居委会 or 管理员 for a role (lead, committee, admin). */
const char *staff_role_label(const char *role);
/* 1 when the session's member is an administrator; otherwise answers 403 and returns 0.
 * In hub mode the hub checks again (calling_admin). */
int page_admin_only(Request *r, Response *w);
/* The 添加账号 form, refilled from the posted one; scope_label says what the scope is. */
void staff_add_form(Buf *b, const Request *r, const char *scope_label);
/* Account login's 停用 (behind html_confirm: the person can no longer log in) or, when
 * disabled, its 恢复 (one tap: nothing is lost by it); both backends. */
void staff_toggle_form(Buf *b, const Request *r, const char *login, int disabled);
/* Disables (enable 0) or enables again (1) an account; disabling ends its sessions. */
void page_staff_switch(Console *c, Request *r, Response *w, const char *login, int enable);
void page_audit(Console *c, Request *r, Response *w);
void page_health(Console *c, Request *r, Response *w);
void page_health_new(Console *c, Request *r, Response *w);
void page_health_remove(Console *c, Request *r, Response *w, int64_t id);
void page_activity_new(Console *c, Request *r, Response *w);
/* The 新活动或团队 page with its form (pages_plan.c; both backends), refilled from the
 * posted one, with error above it when not NULL. building, when not NULL, writes the
 * hub's building choice at the top, and the form says an empty organiser is signed 楼组长
 * or 居委会 and that it is published to the hub. With edit_id, the form edits that
 * activity, filled from `from` where nothing was posted; its kind is shown, not chosen. */
void activity_form(Request *r, Response *w, const char *error, ActivityBuildingSelect building,
                   const Activity *from, int64_t edit_id);
/* The edit form of activity edit_id carrying revision rev (-1: the posted one); current,
 * when not NULL, is the activity as someone else's save left it, shown above the
 * posted draft. activity_form is this with rev -1 and no current. */
void activity_edit_form(Request *r, Response *w, const char *error, const Activity *from,
                        int64_t edit_id, int64_t rev, const Activity *current);
/* edit_form.c: an edit's revision (staff_notice_get's, staff_activity_get's) goes out
 * in the form as a hidden field "rev" and comes back with the save, so that a save of a
 * row someone else changed in between is refused (409, EDIT_OVERTAKEN_HELP over the
 * row as it is now and the staff member's draft) instead of overwriting their change.
 * html_rev writes the field with rev, or with the posted one when rev is -1; posted_rev
 * reads it (0, no check, when absent or not a number). The save knows it by
 * staff_refusal() STAFF_REFUSAL_CHANGED, whatever words staff_error() has. */
extern const char EDIT_OVERTAKEN_HELP[]; /* the sentence above the two versions */
void html_rev(Buf *b, const Request *r, int64_t rev);
int64_t posted_rev(const Request *r);
/* A field an edit sends only when the staff member changed it (a hub without the
 * migration that takes it still saves the rest): html_was writes the hidden
 * "was_NAME" with value as read (the posted one when refilled), form_changed is true
 * when field name was posted different from it (an absent field counts as ""). */
void html_was(Buf *b, const Request *r, const char *name, const char *value);
int form_changed(const Request *r, const char *name);
/* The page for an edit whose row staff_notice_get/staff_activity_get did not give:
 * 404 with title for one missing or outside the scope, else 502 (the hub) or 500. */
void edit_read_refused(Request *r, Response *w, const char *title);
/* /activities/ID/edit on either backend: the form filled from the activity (GET), or
 * its facts replaced through the staff library (POST). */
void page_activity_edit(Console *c, Request *r, Response *w, int64_t id);
/* Reads the posted activity form into *out (its strings point into r): NULL, or the
 * sentence saying what is wrong with it (capacity, the party size, a time, an event
 * without a start, an end before the start). */
const char *activity_from_form(const Request *r, StaffActivity *out);
void page_signup_cancel(Console *c, Request *r, Response *w, int64_t activity_id);

/* One household's sign-up as both backends' activity pages list it (plan_forms.c). */
typedef struct {
    const char *room, *name;
    const char *status;       /* in residents' words (已报名, 候补 ...) */
    int cancellable;          /* confirmed or waiting: a 替他取消 button */
    const char *cancel[2][2]; /* the hidden fields naming it for /activities/ID/cancel,
                               * {name, value}; a NULL name is unused */
    const char *phone;        /* unmasked, "" none */
    int party;
    const char *building; /* the 楼组 column's, when the table has one */
    int64_t created_at;
} SignupRow;
/* The sign-up table of activity id, phone first: who, their state and 替他取消 fit a
 * phone's width and the rest scrolls; phones masked. with_building adds 楼组. */
void signup_table(Buf *b, Request *r, int64_t id, const SignupRow *rows, size_t n,
                  int with_building);
void page_poll_csv(Console *c, Request *r, Response *w, int64_t poll_id);
/* poll_form.c, both backends: /polls/new, the 发起征询 form (GET) or a poll published
 * through the staff library (POST; a refusal shows the form again with its sentence,
 * 422, or 403 for a building outside the member's scope); and POST
 * /activities/ID/withdraw and /polls/ID/withdraw, the activity or the poll taken off the
 * kiosks (404 when missing or of another scope). */
void page_poll_new(Console *c, Request *r, Response *w);
void page_activity_withdraw(Console *c, Request *r, Response *w, int64_t id);
void page_poll_withdraw(Console *c, Request *r, Response *w, int64_t id);
/* album_actions.c, both backends: /albums/ID/edit (GET the form filled from
 * staff_album_get with its revision, POST its name, kind, description, date and sort:
 * staff_album_update with that revision, 409 with the album as it is now above the draft
 * when someone else saved it since; without a revision (a hub without sql/hub/041) a new
 * name alone is staff_album_rename, which a hub without 039 takes too), POST
 * /albums/ID/rename (field name; forms of older pages) and /albums/ID/withdraw (the
 * album and its photos off the kiosks), through the staff library; 404 for an album
 * missing or of another scope, 422 for a value refused. Over a hub without 039 the edit
 * form offers the name only. */
/* The 修改 link and the 撤下 form of album id (named name); 撤下 behind html_confirm,
 * which says what goes with it: of its photos (withdrawn ones not counted) shown are on
 * the screens (consented), all in all; shown < 0 when not known (over a hub without
 * sql/hub/041, whose counts take in photos without consent). */
void album_forms(Buf *b, const Request *r, long long id, const char *name, long long shown,
                 long long all);
void page_album_edit(Console *c, Request *r, Response *w, int64_t id);
void page_album_rename(Console *c, Request *r, Response *w, int64_t id);
void page_album_withdraw(Console *c, Request *r, Response *w, int64_t id);
/* pages_phrases.c, both backends: GET /phrases, the quick phrases per form; POST
 * /phrases/new (fields form, text, over the hub building) and /phrases/ID/remove,
 * through the staff library; 404 for a phrase missing or of another scope, 422 for a
 * phrase refused (the page again with the reason and the typed words). */
void page_phrases(Console *c, Request *r, Response *w);
void page_phrase_new(Console *c, Request *r, Response *w);
void page_phrase_remove(Console *c, Request *r, Response *w, int64_t id);
/* One CSV cell for Excel and WPS: quoted, and a cell they would read as a formula
 * (= + - @ tab CR) written as text. */
void csv_cell(Buf *b, const char *s, int last);

#endif
