/* Sign-up status for hub activities, shared by signup.c (internal to the store): the
 * hub's decisions and tally, and the walk that puts this kiosk's undecided sign-ups
 * after them. */
#include "store/signup_internal.h"

#include <string.h>

static const char *const HUB_STATES[] = {
    [HUB_CONFIRMED] = "confirmed",
    [HUB_WAITLISTED] = "waitlisted",
    [HUB_FULL] = "full",
    [HUB_CANCELLED] = "cancelled",
};

HubState signup_hub_state_parse(const unsigned char *t)
{
    for (size_t i = 1; t && i < sizeof HUB_STATES / sizeof HUB_STATES[0]; i++)
        if (strcmp((const char *)t, HUB_STATES[i]) == 0)
            return (HubState)i;
    return HUB_NONE; /* a state this version does not know: decide locally meanwhile */
}

void signup_terms_read_tally(sqlite3_stmt *st, int col, Terms *t)
{
    t->has_tally = sqlite3_column_type(st, col) != SQLITE_NULL;
    t->tally.confirmed_people = sqlite3_column_int(st, col + 1);
    t->tally.confirmed_signups = sqlite3_column_int(st, col + 2);
    t->tally.waiting_signups = sqlite3_column_int(st, col + 3);
    t->tally.waiting_people = sqlite3_column_int(st, col + 4);
}

void signup_fill_finish(ActivityFill *f, int capacity)
{
    f->places_left = capacity == 0 ? -1 : capacity - f->confirmed_people;
    if (capacity && f->places_left < 0)
        f->places_left = 0; /* capacity lowered below those already confirmed */
}

/* Takes a hub-counted party out of f: this kiosk cancelled it, the hub has not heard. */
static void fill_drop(ActivityFill *f, HubState h, int party)
{
    int *signups = h == HUB_CONFIRMED ? &f->confirmed_signups : &f->waiting_signups;
    int *people = h == HUB_CONFIRMED ? &f->confirmed_people : &f->waiting_people;
    *signups = *signups > 0 ? *signups - 1 : 0;
    *people = *people > party ? *people - party : 0;
}

void signup_hub_apply(Signup *items, const HubState *hub, size_t n, const Terms *t,
                      ActivityFill *fill)
{
    ActivityFill f = t->has_tally ? t->tally : (ActivityFill){0};
    int own_waiting = 0;
    for (size_t i = 0; i < n; i++) {
        Signup *g = &items[i];
        g->waitlist_position = 0;
        g->pending = 0;
        HubState h = hub[i];
        if (h == HUB_NONE)
            continue;
        if (g->cancelled_at || h == HUB_CANCELLED) {
            g->status = SIGNUP_CANCELLED;
            if (t->has_tally && (h == HUB_CONFIRMED || h == HUB_WAITLISTED))
                fill_drop(&f, h, g->party_size);
            continue;
        }
        if (h == HUB_FULL) {
            g->status = SIGNUP_FULL;
            continue;
        }
        g->status = h == HUB_CONFIRMED ? SIGNUP_CONFIRMED : SIGNUP_WAITLISTED;
        own_waiting += h == HUB_WAITLISTED;
        if (t->has_tally)
            continue;
        if (h == HUB_CONFIRMED) {
            f.confirmed_people += g->party_size;
            f.confirmed_signups++;
        } else {
            f.waiting_people += g->party_size;
            f.waiting_signups++;
        }
    }
    /* the hub's waiting order is known here only when all who wait are ours */
    if (t->has_tally && own_waiting > 0 && own_waiting == f.waiting_signups)
        for (size_t i = 0, pos = 0; i < n; i++)
            if (items[i].status == SIGNUP_WAITLISTED && hub[i] == HUB_WAITLISTED &&
                !items[i].cancelled_at)
                items[i].waitlist_position = (int)++pos;
    for (size_t i = 0; i < n; i++) {
        Signup *g = &items[i];
        if (hub[i] != HUB_NONE)
            continue;
        if (g->cancelled_at) {
            g->status = SIGNUP_CANCELLED;
            continue;
        }
        g->pending = 1;
        int fits = t->capacity == 0 || f.confirmed_people + g->party_size <= t->capacity;
        if (fits && f.waiting_signups == 0) {
            g->status = SIGNUP_CONFIRMED;
            f.confirmed_people += g->party_size;
            f.confirmed_signups++;
        } else if (t->waitlist) {
            g->status = SIGNUP_WAITLISTED;
            g->waitlist_position = ++f.waiting_signups;
            f.waiting_people += g->party_size;
        } else {
            g->status = SIGNUP_FULL; /* what the hub will say unless a place frees first */
        }
    }
    signup_fill_finish(&f, t->capacity);
    if (fill)
        *fill = f;
}
