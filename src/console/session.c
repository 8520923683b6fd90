/* Sessions, CSRF tokens and the login throttle, all in the console's memory: a restart
 * of the console logs everybody out, which is the safe direction. */
#include "console/console.h"
#include "console/preview.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void random_hex(char *out, size_t bytes)
{
    unsigned char raw[64];
    if (bytes > sizeof raw)
        bytes = sizeof raw;
    randombytes_buf(raw, bytes);
    sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
    sodium_memzero(raw, sizeof raw);
}

Session *session_find(Console *c, const char *token, int64_t now)
{
    if (!token || strlen(token) != 64)
        return NULL;
    for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++) {
        Session *s = &c->sessions[i];
        if (!s->token[0] || sodium_memcmp(s->token, token, 64) != 0)
            continue;
        if (now - s->seen_at > SESSION_IDLE_S || now - s->created_at > SESSION_MAX_S) {
            session_drop(c, s);
            return NULL;
        }
        s->seen_at = now;
        return s;
    }
    return NULL;
}

Session *session_new(Console *c, const StaffActor *a, int64_t now)
{
    /* a free slot, else an expired one, else the least recently seen */
    Session *pick = NULL;
    for (int i = 0; i < CONSOLE_SESSIONS_MAX; i++) {
        Session *s = &c->sessions[i];
        if (!s->token[0] || now - s->seen_at > SESSION_IDLE_S) {
            pick = s;
            break;
        }
        if (!pick || s->seen_at < pick->seen_at)
            pick = s;
    }
    session_drop(c, pick);
    random_hex(pick->token, 32);
    random_hex(pick->csrf, 32);
    pick->actor = *a;
    pick->created_at = pick->seen_at = now;
    return pick;
}

void session_drop(Console *c, Session *s)
{
    if (!s)
        return;
    if (s->drawing) /* nobody will see its page: the kiosks go now, their slot with them */
        preview_supersede(c, s->drawing);
    preview_clear(s);
    staff_hub_logout(&s->actor);
    sodium_memzero(s, sizeof *s);
}

int session_csrf_ok(const Session *s, const char *csrf)
{
    return s && csrf && strlen(csrf) == 64 && sodium_memcmp(s->csrf, csrf, 64) == 0;
}

static Throttle *throttle_slot(Console *c, const char *key, int64_t now, int create)
{
    Throttle *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < THROTTLE_SLOTS; i++) {
        Throttle *t = &c->throttle[i];
        if (t->key[0] && strcmp(t->key, key) == 0)
            return t;
        if (!t->key[0] || (now - t->first_at > THROTTLE_WINDOW_S && now >= t->locked_until)) {
            if (!free_slot)
                free_slot = t;
        } else if (!oldest || t->first_at < oldest->first_at) {
            oldest = t;
        }
    }
    if (!create)
        return NULL;
    Throttle *t = free_slot ? free_slot : oldest;
    memset(t, 0, sizeof *t);
    snprintf(t->key, sizeof t->key, "%s", key);
    t->first_at = now;
    return t;
}

int throttle_locked(Console *c, const char *key, int64_t now, int64_t *until)
{
    Throttle *t = throttle_slot(c, key, now, 0);
    if (!t || now >= t->locked_until)
        return 0;
    *until = t->locked_until;
    return 1;
}

void throttle_fail(Console *c, const char *key, int limit, int64_t now)
{
    Throttle *t = throttle_slot(c, key, now, 1);
    if (now - t->first_at > THROTTLE_WINDOW_S) {
        t->fails = 0;
        t->first_at = now;
    }
    if (++t->fails >= limit)
        t->locked_until = now + THROTTLE_WINDOW_S;
}

void throttle_clear(Console *c, const char *key)
{
    for (int i = 0; i < THROTTLE_SLOTS; i++)
        if (strcmp(c->throttle[i].key, key) == 0)
            memset(&c->throttle[i], 0, sizeof c->throttle[i]);
}
