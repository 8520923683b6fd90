/* Writes the demo tables (demo.h) into a store through the public store API, in one
 * batch: a refusal anywhere rolls everything back and removes the picture files this
 * run put under the photo directory, so a failed seed leaves the store as it was. */
#include "tools/demo.h"

#include "core/sha256.h"
#include "core/timeutil.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "store/outbox.h"
#include "store/phrase.h"
#include "store/photo.h"
#include "store/poll.h"
#include "store/question.h"
#include "store/roster.h"
#include "store/signup.h"
#include "store/suggestion.h"
#include "store/vote.h"
#include "store/wish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DAY 86400

typedef struct {
    Store *s;
    int64_t now, today; /* today: local midnight */
    char *err;
    size_t errlen;
    char **made; /* photo files this run created (removed again on failure) */
    size_t made_count, made_cap;
} Seeder;

/* The store functions take const structs whose fields are char *; the tables hold
 * string literals that the store only reads. */
static char *text(const char *s)
{
    return (char *)s;
}

static int fail(Seeder *sd, const char *what)
{
    snprintf(sd->err, sd->errlen, "demo seed: %s: %s", what, store_errmsg(sd->s));
    return -1;
}

static int fail_msg(Seeder *sd, const char *msg)
{
    snprintf(sd->err, sd->errlen, "demo seed: %s", msg);
    return -1;
}

/* "{+2}" -> "11月25日", "{-3w}" -> "11月20日（周五）"; other text is copied. Caller frees;
 * NULL when memory runs out. */
static char *expand_dates(const char *in, int64_t today)
{
    static const char *const weekdays[] = {"日", "一", "二", "三", "四", "五", "六"};
    size_t cap = strlen(in) + 64, len = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (const char *p = in; *p;) {
        int days = 0, used = 0;
        char w = 0;
        if (p[0] == '{' && (p[1] == '+' || p[1] == '-') &&
            (sscanf(p + 1, "%d%n", &days, &used) == 1) &&
            (p[1 + used] == '}' || (p[1 + used] == 'w' && p[2 + used] == '}'))) {
            w = p[1 + used];
            char date[64];
            int month = 0, mday = 0, wday = 0;
            char num[32];
            time_format(today + (int64_t)days * DAY + 12 * 3600, "%m %d %w", num, sizeof num);
            sscanf(num, "%d %d %d", &month, &mday, &wday);
            if (w == 'w')
                snprintf(date, sizeof date, "%d月%d日（周%s）", month, mday, weekdays[wday % 7]);
            else
                snprintf(date, sizeof date, "%d月%d日", month, mday);
            size_t dl = strlen(date);
            if (len + dl + 1 > cap) {
                cap = (len + dl + 1) * 2;
                char *q = realloc(out, cap);
                if (!q) {
                    free(out);
                    return NULL;
                }
                out = q;
            }
            memcpy(out + len, date, dl);
            len += dl;
            p += 2 + used + (w == 'w' ? 1 : 0);
            continue;
        }
        if (len + 2 > cap) {
            cap *= 2;
            char *q = realloc(out, cap);
            if (!q) {
                free(out);
                return NULL;
            }
            out = q;
        }
        out[len++] = *p++;
    }
    out[len] = 0;
    return out;
}

static int seed_kiosk(Seeder *sd)
{
    KioskInfo k;
    memset(&k, 0, sizeof k);
    /* a 1990s six-storey building without a lift: the kind that consults on adding one */
    k.building = text("kangle-12");
    k.display_name = text("康乐小区12号楼");
    k.theme = text("敬老楼");
    k.address = text("上海市普陀区康乐路128弄12号");
    k.floor_min = 1;
    k.floor_max = 6;
    k.unit_min = 1;
    k.unit_max = 6;
    k.households = 36;
    return store_kiosk_set(sd->s, &k) < 0 ? fail(sd, "kiosk") : 0;
}

static int seed_notices(Seeder *sd)
{
    for (size_t i = 0; i < DEMO_NOTICE_COUNT; i++) {
        const DemoNotice *d = &DEMO_NOTICES[i];
        char key[48];
        snprintf(key, sizeof key, "demo/notice/%02zu", i + 1);
        Notice n;
        memset(&n, 0, sizeof n);
        n.category = text(d->category);
        n.title = text(d->title);
        n.author = text(d->author);
        n.pinned = d->pinned;
        n.publish_at = sd->today - (int64_t)d->published_days_ago * DAY + d->publish_hour * 3600;
        if (d->expires_in_days > 0) /* shown until the end of that day */
            n.expires_at = sd->today + (int64_t)(d->expires_in_days + 1) * DAY;
        else if (d->expires_in_days < 0)
            n.expires_at = sd->today + (int64_t)d->expires_in_days * DAY;
        n.source_key = key;
        n.body = expand_dates(d->body, sd->today);
        if (!n.body)
            return fail_msg(sd, "out of memory");
        int rc = store_notice_add(sd->s, &n, NULL);
        free(n.body);
        if (rc < 0)
            return fail(sd, d->title);
    }
    return 0;
}

/* Last month's second tip (m0: months since year 0): no typed body, only a photo of the
 * doctor's handwritten page, as staff upload one from a phone. */
static int seed_tip_page(Seeder *sd, int m0)
{
    char tmp[4096], msg[256] = "", mon[16];
    snprintf(tmp, sizeof tmp, "%s/.demo-page-XXXXXX", store_dir(sd->s));
    int fd = mkstemp(tmp);
    if (fd < 0)
        return fail_msg(sd, "cannot create a temporary file beside the store");
    close(fd);
    HealthTip t;
    memset(&t, 0, sizeof t);
    if (demo_page_render(DEMO_TIP_PAGE_LINES, DEMO_TIP_PAGE_LINE_COUNT, tmp, &t.photo_width,
                         &t.photo_height, msg, sizeof msg) < 0 ||
        store_photo_put_file(sd->s, tmp, t.photo_sha256, &t.photo_bytes) < 0) {
        unlink(tmp);
        return msg[0] ? fail_msg(sd, msg) : fail(sd, "tip page");
    }
    unlink(tmp);
    snprintf(mon, sizeof mon, "%04d-%02d", (m0 / 12) % 10000, m0 % 12 + 1);
    t.month = mon;
    t.title = text(DEMO_TIP_PAGE_TITLE);
    t.body = text("");
    t.author = text(DEMO_TIP_AUTHOR);
    t.source_key = text("demo/tip/page");
    return store_tip_add(sd->s, &t, NULL) < 0 ? fail(sd, t.title) : 0;
}

static int seed_health(Seeder *sd)
{
    char ym[16];
    int year = 0, month = 0;
    time_format(sd->now, "%Y %m", ym, sizeof ym);
    sscanf(ym, "%d %d", &year, &month);
    /* the twelve months ending with this one, oldest first */
    for (int back = 11; back >= 0; back--) {
        int m0 = year * 12 + (month - 1) - back;
        int y = m0 / 12, m = m0 % 12 + 1;
        char mon[16], key[48];
        snprintf(mon, sizeof mon, "%04d-%02d", y % 10000, m);
        snprintf(key, sizeof key, "demo/tip/%s", mon);
        HealthTip t;
        memset(&t, 0, sizeof t);
        t.month = mon;
        t.title = text(DEMO_TIPS[m - 1].title);
        t.body = text(DEMO_TIPS[m - 1].body);
        t.author = text(DEMO_TIP_AUTHOR);
        t.source_key = key;
        if (store_tip_add(sd->s, &t, NULL) < 0)
            return fail(sd, t.title);
    }
    if (seed_tip_page(sd, year * 12 + (month - 1) - 1) < 0)
        return -1;
    for (size_t i = 0; i < DEMO_QUESTION_COUNT; i++) {
        const DemoQuestion *q = &DEMO_QUESTIONS[i];
        StoreReceipt r;
        if (store_question_add(sd->s, q->text, q->room, &r) < 0)
            return fail(sd, "health question");
        if (q->answer &&
            store_question_answer(sd->s, r.id, q->answer, DEMO_QUESTION_ANSWERER, 1) < 0)
            return fail(sd, "health answer");
    }
    return 0;
}

/* Writes a picture to a temporary file beside the store, adds it, removes the file. */
static int add_picture(Seeder *sd, const Canvas *c, Photo *meta)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/.demo-XXXXXX", store_dir(sd->s));
    int fd = mkstemp(tmp);
    if (fd < 0)
        return fail_msg(sd, "cannot create a temporary file beside the store");
    close(fd);
    char msg[256];
    if (canvas_write_png(c, tmp, msg, sizeof msg) < 0) {
        unlink(tmp);
        return fail_msg(sd, msg);
    }
    /* remember files that are new to the photo store, to undo them on failure */
    char sha[SHA256_HEX_LEN + 1];
    char *dest = NULL;
    if (sha256_file_hex(tmp, sha, NULL) == 0) {
        dest = store_photo_path(sd->s, sha);
        if (dest && access(dest, F_OK) == 0) {
            free(dest);
            dest = NULL;
        }
    }
    meta->width = c->width;
    meta->height = c->height;
    int rc = store_photo_add_file(sd->s, tmp, meta);
    unlink(tmp);
    if (rc < 0) {
        free(dest);
        return fail(sd, "photo");
    }
    if (dest) {
        if (sd->made_count == sd->made_cap) {
            size_t cap = sd->made_cap ? sd->made_cap * 2 : 128;
            char **p = realloc(sd->made, cap * sizeof *p);
            if (!p) {
                free(dest);
                return fail_msg(sd, "out of memory");
            }
            sd->made = p;
            sd->made_cap = cap;
        }
        sd->made[sd->made_count++] = dest;
    }
    return 0;
}

static int album_ensure(Seeder *sd, const char *name, const char *kind, const char *description,
                        int64_t event_at, int sort, int64_t *id)
{
    Album a;
    if (store_album_find(sd->s, name, &a) == 0) {
        *id = a.id;
        album_deinit(&a);
        return 0;
    }
    memset(&a, 0, sizeof a);
    a.name = text(name);
    a.kind = text(kind);
    a.description = text(description);
    a.event_at = event_at;
    a.sort = sort;
    return store_album_add(sd->s, &a, id) < 0 ? fail(sd, name) : 0;
}

static int add_portrait(Seeder *sd, int64_t album, const DemoPerson *p, uint32_t seed, int sort)
{
    PortraitSpec spec = {seed, p->age, p->sex};
    Canvas c;
    if (portrait_render(&spec, &c) < 0)
        return fail_msg(sd, "out of memory");
    char caption[160];
    if (p->hobby && *p->hobby)
        snprintf(caption, sizeof caption, "%d楼 · %s", p->floor, p->hobby);
    else
        snprintf(caption, sizeof caption, "%d楼", p->floor);
    Photo meta;
    memset(&meta, 0, sizeof meta);
    meta.album_id = album;
    meta.caption = caption;
    meta.person_name = text(p->name);
    meta.floor = p->floor;
    meta.consent = p->consent;
    meta.sort = sort;
    int rc = add_picture(sd, &c, &meta);
    canvas_deinit(&c);
    return rc;
}

static int seed_albums(Seeder *sd)
{
    int64_t wall, autumn, stairs;
    if (album_ensure(sd, DEMO_ALBUM_PORTRAITS, ALBUM_PORTRAITS,
                     "住在12号楼的邻居们，见面打个招呼吧。每张画像都经本人同意后才展示。", 0, 0,
                     &wall) < 0 ||
        album_ensure(sd, DEMO_ALBUM_MID_AUTUMN, ALBUM_EVENT,
                     "楼前小花园里的中秋夜：灯笼、月饼、灯谜和全楼的笑声。",
                     sd->today - 40 * DAY + 18 * 3600, 1, &autumn) < 0 ||
        album_ensure(sd, DEMO_ALBUM_STAIRWELL, ALBUM_EVENT,
                     "三十多位邻居一起清堆物、刷墙裙、摆绿植，楼道换了新颜。",
                     sd->today - 21 * DAY + 9 * 3600, 2, &stairs) < 0)
        return -1;
    for (size_t i = 0; i < DEMO_PEOPLE_COUNT; i++)
        if (add_portrait(sd, wall, &DEMO_PEOPLE[i], 1000u + (uint32_t)i * 7919u, (int)i) < 0)
            return -1;
    const struct {
        int64_t album;
        SceneKind kind;
        const DemoScene *scenes;
        size_t count;
    } events[] = {{autumn, SCENE_MID_AUTUMN, DEMO_MID_AUTUMN_SCENES, DEMO_MID_AUTUMN_SCENE_COUNT},
                  {stairs, SCENE_STAIRWELL, DEMO_STAIRWELL_SCENES, DEMO_STAIRWELL_SCENE_COUNT}};
    for (size_t e = 0; e < 2; e++)
        for (size_t i = 0; i < events[e].count; i++) {
            Canvas c;
            if (scene_render(events[e].kind, (int)i, 77u + (uint32_t)(e * 100 + i), &c) < 0)
                return fail_msg(sd, "out of memory");
            Photo meta;
            memset(&meta, 0, sizeof meta);
            meta.album_id = events[e].album;
            meta.caption = text(events[e].scenes[i].caption);
            meta.consent = 1; /* scenes of the event, no one to recognise */
            meta.sort = (int)i;
            int rc = add_picture(sd, &c, &meta);
            canvas_deinit(&c);
            if (rc < 0)
                return -1;
        }
    return 0;
}

static int seed_activities(Seeder *sd)
{
    int64_t ids[32] = {0};
    if (DEMO_ACTIVITY_COUNT > 32)
        return fail_msg(sd, "too many demo activities");
    for (size_t i = 0; i < DEMO_ACTIVITY_COUNT; i++) {
        const DemoActivity *d = &DEMO_ACTIVITIES[i];
        char key[48];
        snprintf(key, sizeof key, "demo/activity/%02zu", i + 1);
        Activity a;
        memset(&a, 0, sizeof a);
        a.kind = d->kind;
        a.title = text(d->title);
        a.description = text(d->description);
        a.place = text(d->place);
        a.schedule = text(d->schedule);
        a.organiser = text(d->organiser);
        a.capacity = d->capacity;
        a.max_party = d->max_party;
        a.no_waitlist = d->no_waitlist;
        a.source_key = key;
        if (d->kind == ACTIVITY_EVENT) {
            int64_t day = sd->today + (int64_t)d->starts_in_days * DAY;
            a.starts_at = day + d->start_hour * 3600 + d->start_minute * 60;
            a.ends_at = a.starts_at + d->minutes * 60;
            /* closes at the end of the day deadline_days_before the event */
            if (d->deadline_days_before > 0)
                a.signup_deadline = day - (int64_t)(d->deadline_days_before - 1) * DAY;
        }
        if (store_activity_add(sd->s, &a, &ids[i]) < 0)
            return fail(sd, d->title);
    }
    for (size_t i = 0; i < DEMO_SIGNUP_COUNT; i++) {
        const DemoSignup *g = &DEMO_SIGNUPS[i];
        SignupResult res;
        if (store_signup_add(sd->s, ids[g->activity], g->room, g->name, NULL, g->party, &res) < 0)
            return fail(sd, DEMO_ACTIVITIES[g->activity].title);
    }
    return 0;
}

static int seed_poll(Seeder *sd)
{
    Poll p;
    memset(&p, 0, sizeof p);
    p.question = text(DEMO_POLL_QUESTION);
    p.description = text(DEMO_POLL_DESCRIPTION);
    p.opens_at = sd->today - 9 * DAY + 10 * 3600;
    p.closes_at = sd->today + 27 * DAY; /* the end of the day the notice names */
    p.source_key = text("demo/poll/lift");
    int64_t id;
    if (store_poll_add(sd->s, &p, DEMO_POLL_OPTIONS, DEMO_POLL_OPTION_COUNT, &id) < 0)
        return fail(sd, "poll");
    Poll got;
    if (store_poll_get(sd->s, id, &got) < 0)
        return fail(sd, "poll");
    int rc = 0;
    for (size_t i = 0; i < DEMO_VOTE_COUNT && rc == 0; i++) {
        const DemoVote *v = &DEMO_VOTES[i];
        StoreReceipt r;
        if ((size_t)v->option >= got.option_count)
            rc = fail_msg(sd, "vote for an option the poll does not have");
        else if (store_vote_cast(sd->s, id, got.options[v->option].id, v->room, &r) < 0)
            rc = fail(sd, "vote");
    }
    poll_deinit(&got);
    return rc;
}

static int seed_roster(Seeder *sd)
{
    static const char *const slots[] = {"早上 7:00—9:00", "晚上 18:00—20:00"};
    for (int d = 0; d < 14; d++)
        for (int slot = 0; slot < 2; slot++) {
            const DemoVolunteer *v =
                &DEMO_VOLUNTEERS[(size_t)(d * 2 + slot) % DEMO_VOLUNTEER_COUNT];
            char key[48];
            snprintf(key, sizeof key, "demo/roster/%02d/%d", d, slot);
            RosterEntry e;
            memset(&e, 0, sizeof e);
            e.day = sd->today + (int64_t)d * DAY;
            e.slot = text(slots[slot]);
            e.place = text("垃圾厢房（垃圾分类值守）");
            e.person = text(v->name);
            e.room = text(v->room);
            e.source_key = key;
            if (store_roster_add(sd->s, &e, NULL) < 0)
                return fail(sd, "roster");
        }
    return 0;
}

static int seed_contacts_phrases(Seeder *sd)
{
    for (size_t i = 0; i < DEMO_CONTACT_COUNT; i++) {
        const DemoContact *d = &DEMO_CONTACTS[i];
        char key[48];
        snprintf(key, sizeof key, "demo/contact/%02zu", i + 1);
        Contact c;
        memset(&c, 0, sizeof c);
        c.kind = text(d->kind);
        c.name = text(d->name);
        c.phone = text(d->phone);
        c.note = text(d->note);
        c.qr_text = text(d->qr_text);
        c.sort = (int)i;
        c.source_key = key;
        if (store_contact_add(sd->s, &c, NULL) < 0)
            return fail(sd, d->name);
    }
    for (size_t i = 0; i < DEMO_PHRASE_COUNT; i++) {
        char key[48];
        snprintf(key, sizeof key, "demo/phrase/%02zu", i + 1);
        Phrase p;
        memset(&p, 0, sizeof p);
        p.form = text(DEMO_PHRASES[i].form);
        p.text = text(DEMO_PHRASES[i].text);
        p.sort = (int)i;
        p.source_key = key;
        if (store_phrase_add(sd->s, &p, NULL) < 0)
            return fail(sd, p.text);
    }
    return 0;
}

static int seed_writing(Seeder *sd)
{
    for (size_t i = 0; i < DEMO_SUGGESTION_COUNT; i++) {
        const DemoSuggestion *d = &DEMO_SUGGESTIONS[i];
        SuggestionInput in = {d->category, d->text, d->room, d->contact};
        StoreReceipt r;
        if (store_suggestion_add(sd->s, &in, &r) < 0)
            return fail(sd, "suggestion");
        if (d->reply && !*d->reply && store_suggestion_mark_seen(sd->s, r.id) < 0)
            return fail(sd, "suggestion seen");
        if (d->reply && *d->reply && store_suggestion_reply(sd->s, r.id, d->reply) < 0)
            return fail(sd, "suggestion reply");
    }
    for (size_t i = 0; i < DEMO_WISH_COUNT; i++) {
        const DemoWish *d = &DEMO_WISHES[i];
        StoreReceipt r, claim;
        if (store_wish_add(sd->s, d->text, d->room, &r) < 0)
            return fail(sd, "wish");
        if (d->state >= DEMO_WISH_OPEN && store_wish_approve(sd->s, r.id) < 0)
            return fail(sd, "wish approve");
        if (d->state >= DEMO_WISH_CLAIMED &&
            store_wish_claim(sd->s, r.id, d->claim_room, d->claim_name, &claim) < 0)
            return fail(sd, "wish claim");
        if (d->state >= DEMO_WISH_FULFILLED && store_wish_fulfil(sd->s, r.id) < 0)
            return fail(sd, "wish fulfil");
    }
    return 0;
}

/* Commits or rolls back the batch and, on failure, removes the new photo files. */
static int seeder_finish(Seeder *sd, int ok)
{
    if (store_batch_end(sd->s, ok) < 0 && ok) {
        fail(sd, "commit");
        ok = 0;
    }
    for (size_t i = 0; i < sd->made_count; i++) {
        if (!ok)
            unlink(sd->made[i]);
        free(sd->made[i]);
    }
    free(sd->made);
    sd->made = NULL;
    return ok ? 0 : -1;
}

static void seeder_init(Seeder *sd, Store *s, char *err, size_t errlen)
{
    memset(sd, 0, sizeof *sd);
    sd->s = s;
    sd->now = store_now(s);
    sd->today = time_day_start(sd->now);
    sd->err = err;
    sd->errlen = errlen;
    if (errlen)
        err[0] = 0;
}

/* The demo is written into a store without content of its own: refuses otherwise. */
static int store_is_empty(Seeder *sd)
{
    NoticeQuery nq = {.include_hidden = 1, .limit = 1};
    NoticeList nl;
    AlbumList al;
    ActivityQuery aq = {.include_hidden = 1, .limit = 1};
    ActivityList acl;
    if (store_notice_list(sd->s, &nq, &nl) < 0 || store_album_list(sd->s, NULL, &al) < 0)
        return fail(sd, "read store");
    if (store_activity_list(sd->s, &aq, &acl) < 0) {
        notice_list_free(&nl);
        album_list_free(&al);
        return fail(sd, "read store");
    }
    int empty = nl.count == 0 && al.count == 0 && acl.count == 0;
    notice_list_free(&nl);
    album_list_free(&al);
    activity_list_free(&acl);
    if (!empty)
        return fail_msg(sd, "the store already has content; seed the demo into a new store");
    return 0;
}

/* The demo's sign-ups, votes and writing are sample data, not residents' submissions:
 * they are marked delivered so a demo store later pointed at a real hub uploads none
 * of them (the outbox keeps them, acknowledged, for the record). */
static int seed_mark_delivered(Seeder *sd)
{
    OutboxList l;
    if (store_outbox_list_pending(sd->s, 0, 0, &l) < 0)
        return fail(sd, "read outbox");
    const char **uuids = calloc(l.count ? l.count : 1, sizeof *uuids);
    if (!uuids) {
        outbox_list_free(&l);
        return fail_msg(sd, "out of memory");
    }
    for (size_t i = 0; i < l.count; i++)
        uuids[i] = l.items[i].uuid;
    int rc = store_outbox_ack(sd->s, uuids, NULL, l.count, NULL);
    free(uuids);
    outbox_list_free(&l);
    return rc < 0 ? fail(sd, "mark demo submissions delivered") : 0;
}

int demo_seed(Store *s, char *err, size_t errlen)
{
    Seeder sd;
    seeder_init(&sd, s, err, errlen);
    if (store_is_empty(&sd) < 0)
        return -1;
    if (store_batch_begin(s) < 0)
        return fail(&sd, "begin");
    int ok = seed_kiosk(&sd) == 0 && seed_notices(&sd) == 0 && seed_health(&sd) == 0 &&
             seed_albums(&sd) == 0 && seed_activities(&sd) == 0 && seed_poll(&sd) == 0 &&
             seed_roster(&sd) == 0 && seed_contacts_phrases(&sd) == 0 && seed_writing(&sd) == 0 &&
             seed_mark_delivered(&sd) == 0;
    return seeder_finish(&sd, ok);
}

int demo_seed_portraits(Store *s, const char *album, int count, unsigned seed, char *err,
                        size_t errlen)
{
    Seeder sd;
    seeder_init(&sd, s, err, errlen);
    if (!album || !*album || count < 0)
        return fail_msg(&sd, "an album name and a count >= 0 are needed");
    if (store_batch_begin(s) < 0)
        return fail(&sd, "begin");
    int64_t id;
    int ok = album_ensure(&sd, album, ALBUM_PORTRAITS, "", 0, 0, &id) == 0;
    for (int i = 0; ok && i < count; i++) {
        DemoPerson p = DEMO_PEOPLE[(size_t)i % DEMO_PEOPLE_COUNT];
        p.consent = 1;
        if (!*p.hobby)
            p.hobby = "邻居";
        ok = add_portrait(&sd, id, &p, seed * 2654435761u + (uint32_t)i * 7919u, i) == 0;
    }
    return seeder_finish(&sd, ok);
}
