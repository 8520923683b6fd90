/* Editing a notice or an activity (an album's revision too, staff_album.c): read it with
 * its revision, write it back only if nobody changed it in between. Over the hub the hub keeps the
 * revision (sql/hub/036); standalone it is a digest of the stored row, checked inside the write's
 * transaction. */
#include "staff/staff.h"

#include "staff/staff_hub.h"
#include "staff/staff_internal.h"
#include "store/activity.h"
#include "store/notice.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* FNV-1a, 64 bits: a string (with its NUL, so that "ab","c" and "a","bc" differ) or a
 * number folded into h. */
static uint64_t fold_text(uint64_t h, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    do {
        h = (h ^ *p) * 0x100000001b3ULL;
    } while (*p++);
    return h;
}

static uint64_t fold_int(uint64_t h, int64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        h = (h ^ (uint64_t)(v & 0xff)) * 0x100000001b3ULL;
    return h;
}

/* The revision of a stored row: never 0 (0 says "no check"). The row's updated_at is in
 * seconds, so two saves in one second would share it; the fields themselves change with
 * every save that changes anything. */
static int64_t rev_of(uint64_t h)
{
    int64_t rev = (int64_t)(h & INT64_MAX);
    return rev ? rev : 1;
}

static int64_t notice_rev(const Notice *n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fold_text(h, n->category);
    h = fold_text(h, n->title);
    h = fold_text(h, n->body);
    h = fold_text(h, n->author);
    h = fold_int(h, n->pinned);
    h = fold_int(h, n->publish_at);
    h = fold_int(h, n->expires_at);
    return rev_of(fold_int(h, n->updated_at));
}

static int64_t activity_rev(const Activity *a)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fold_text(h, a->title);
    h = fold_text(h, a->description);
    h = fold_text(h, a->place);
    h = fold_text(h, a->schedule);
    h = fold_text(h, a->organiser);
    h = fold_int(h, a->starts_at);
    h = fold_int(h, a->signup_deadline);
    h = fold_int(h, a->capacity);
    h = fold_int(h, a->no_waitlist);
    h = fold_int(h, a->ends_at);
    h = fold_int(h, a->max_party);
    return rev_of(fold_int(h, a->updated_at));
}

int64_t staff_album_rev(const Album *al)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fold_text(h, al->name);
    h = fold_text(h, al->kind);
    h = fold_text(h, al->description);
    h = fold_int(h, al->event_at);
    h = fold_int(h, al->sort);
    return rev_of(fold_int(h, al->updated_at));
}

/* Ends the batch unwritten and says the row moved (REASON_CHANGED). */
static int refuse_changed(const StaffActor *a)
{
    store_batch_end(a->store, 0);
    return store_refuse(a->store, REASON_CHANGED);
}

/* Whether s has nothing but spaces (the store and the hub trim a name). */
static int blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

/* A notice's audit line, in sql/hub/038's shape: "TITLE; by AUTHOR; from PUBLISH_AT". */
static void notice_audit_text(char *out, size_t n, const char *title, const char *author,
                              int64_t publish_at)
{
    snprintf(out, n, "%s; by %s; from %lld", title ? title : "", author ? author : "",
             (long long)publish_at);
}

int staff_notice_update(const StaffActor *a, int64_t id, const StaffNotice *given)
{
    StaffNotice signed_in = *given;
    if (given->author && blank(given->author))
        signed_in.author = staff_signature(a); /* emptied: the role signs it, as a publish */
    const StaffNotice *in = &signed_in;
    if (a->hub)
        return staff_hub_notice_update(a, id, in);
    if (store_batch_begin(a->store) < 0)
        return -1;
    Notice old;
    if (store_notice_get(a->store, id, &old) < 0) {
        store_batch_end(a->store, 0);
        return -1;
    }
    if (in->rev && in->rev != notice_rev(&old)) {
        notice_deinit(&old);
        return refuse_changed(a);
    }
    Notice n = old;
    n.title = (char *)in->title;
    n.body = (char *)in->body;
    n.category = (char *)(in->urgent ? NOTICE_URGENT : in->category);
    n.pinned = in->pinned;
    n.expires_at = in->expires_at;
    if (in->author && *in->author)
        n.author = (char *)in->author;
    if (in->publish_at)
        n.publish_at = in->publish_at;
    char target[32], before[512], after[512];
    snprintf(target, sizeof target, "notice %lld", (long long)id);
    notice_audit_text(before, sizeof before, old.title, old.author, old.publish_at);
    int rc = store_notice_update(a->store, &n);
    if (rc == 0) { /* as stored: trimmed, and the store's now for a publish time of 0 */
        Notice now;
        rc = store_notice_get(a->store, id, &now);
        if (rc == 0) {
            notice_audit_text(after, sizeof after, now.title, now.author, now.publish_at);
            notice_deinit(&now);
        }
    }
    rc = rc == 0 ? staff_finish(a, 0, "notice.edit", target, before, after)
                 : (store_batch_end(a->store, 0), -1);
    notice_deinit(&old);
    return rc;
}

int staff_notice_get(const StaffActor *a, int64_t id, Notice *out, int64_t *rev)
{
    if (a->hub)
        return staff_hub_notice_get(a, id, out, rev);
    if (rev)
        *rev = 0;
    if (store_notice_get(a->store, id, out) < 0)
        return -1;
    if (rev)
        *rev = notice_rev(out);
    return 0;
}

/* An activity's audit line, in sql/hub/038's shape: "TITLE; capacity N; ends AT; max party
 * N" (ends 0: none). */
static void activity_audit_text(char *out, size_t n, const Activity *ac)
{
    snprintf(out, n, "%s; capacity %d; ends %lld; max party %d", ac->title ? ac->title : "",
             ac->capacity, (long long)ac->ends_at, ac->max_party);
}

int staff_activity_update(const StaffActor *a, int64_t id, const StaffActivity *sa)
{
    if (a->hub)
        return staff_hub_activity_update(a, id, sa);
    const Activity *in = &sa->activity;
    if (store_batch_begin(a->store) < 0)
        return -1;
    Activity old;
    if (store_activity_get(a->store, id, &old) < 0) {
        store_batch_end(a->store, 0);
        return -1;
    }
    if (sa->rev && sa->rev != activity_rev(&old)) {
        activity_deinit(&old);
        return refuse_changed(a);
    }
    Activity n = old; /* kind and source_key stay, ends_at and max_party unless asked */
    n.title = in->title;
    n.description = in->description;
    n.place = in->place;
    n.starts_at = in->starts_at;
    n.schedule = in->schedule;
    n.signup_deadline = in->signup_deadline;
    n.capacity = in->capacity;
    n.no_waitlist = in->no_waitlist;
    if (in->organiser && *in->organiser)
        n.organiser = in->organiser;
    if (sa->ends_party) {
        n.ends_at = in->ends_at;
        n.max_party = in->max_party ? in->max_party : ACTIVITY_MAX_PARTY_DEFAULT;
    }
    char target[32], before[400], after[400];
    snprintf(target, sizeof target, "activity %lld", (long long)id);
    activity_audit_text(before, sizeof before, &old);
    activity_audit_text(after, sizeof after, &n);
    int rc = staff_finish(a, store_activity_update(a->store, &n), "activity.update", target, before,
                          after);
    activity_deinit(&old);
    return rc;
}

int staff_activity_get(const StaffActor *a, int64_t id, Activity *out, int64_t *rev)
{
    if (a->hub)
        return staff_hub_activity_get(a, id, out, rev);
    if (rev)
        *rev = 0;
    if (store_activity_get(a->store, id, out) < 0)
        return -1;
    if (rev)
        *rev = activity_rev(out);
    return 0;
}
