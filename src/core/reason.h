/* Why a resident's or staff member's request was refused, in words a screen can show.
 * Every rule the store enforces maps to one Reason; reason_text() gives the Chinese
 * sentence for the screen, reason_name() a stable ASCII name for logs and tests. */
#ifndef YX_CORE_REASON_H
#define YX_CORE_REASON_H

typedef enum {
    REASON_NONE = 0,
    REASON_ROOM_INVALID,      /* not a room number of this building */
    REASON_ROOM_REQUIRED,     /* the form needs a room number */
    REASON_PHONE_INVALID,     /* not a mainland mobile or a landline */
    REASON_TEXT_EMPTY,        /* nothing written */
    REASON_TEXT_TOO_LONG,     /* longer than the field allows */
    REASON_TEXT_BAD_UTF8,     /* bytes that are not UTF-8 */
    REASON_DAILY_CAP,         /* this room already sent today's quota */
    REASON_ACTIVITY_FULL,     /* no place and no waiting list */
    REASON_DEADLINE_PASSED,   /* sign-up deadline is over */
    REASON_ALREADY_SIGNED_UP, /* this room is already on the list */
    REASON_PARTY_SIZE,        /* party size out of range */
    REASON_POLL_NOT_OPEN,     /* voting has not started or is over */
    REASON_ALREADY_VOTED,     /* one household, one vote */
    REASON_NOT_VOTED,         /* changing a vote that was never cast */
    REASON_INVALID_OPTION,    /* not an option of this poll */
    REASON_NOT_FOUND,         /* the thing asked for does not exist (any more) */
    REASON_RECEIPT_MISMATCH,  /* room and receipt code do not match a sign-up */
    REASON_WISH_NOT_OPEN,     /* wish cannot be claimed in its state */
    REASON_OWN_WISH,          /* a household cannot claim the wish it posted */
    REASON_BAD_STATE,         /* moderation step not allowed from the current state */
    REASON_INVALID_VALUE,     /* a field has a value the store does not accept */
    REASON_DUPLICATE,         /* the same thing exists already */
    REASON_NOT_AN_IMAGE,      /* a photo file that does not decode */
    REASON_STORAGE,           /* the disk refused the write (full, read-only, I/O) */
    REASON_CHANGED,           /* an edit of a row someone else changed since it was read */
    REASON_COUNT
} Reason;

/* Chinese sentence for a resident; never NULL, static storage. */
const char *reason_text(Reason r);
/* Stable lower-case ASCII name ("room_invalid"); never NULL, static storage. */
const char *reason_name(Reason r);

#endif
