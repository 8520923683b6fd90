/* Contacts on the "找人办事" page: the committee (居委会), property management (物业),
 * hotlines, the building's group chat (qr_text is drawn as a QR code), others. */
#ifndef YX_STORE_CONTACT_H
#define YX_STORE_CONTACT_H

#include "store/store.h"

/* Kinds in the order screens show them. */
/* emergency (120, 110, 119: listed first, in red) committee property hotline groupchat other */
extern const char *const CONTACT_KINDS[];
extern const size_t CONTACT_KIND_COUNT;

#define CONTACT_PHONE_MAX 32  /* "021-12345678 转 8012" */
#define CONTACT_QR_MAX    400 /* bytes of text in the QR code */

typedef struct {
    int64_t id;
    char *kind; /* one of CONTACT_KINDS */
    char *name;
    char *phone;   /* digits, spaces, - + ( ) and 转; may be "" */
    char *note;    /* 工作日 8:30-17:00 */
    char *qr_text; /* may be "" */
    int sort;      /* smaller first */
    char *source_key;
    int64_t updated_at;
} Contact;

typedef struct {
    Contact *items;
    size_t count;
} ContactList;

/* Contacts of kind (NULL: all) by kind order, then sort, then id. Free with
 * contact_list_free; -1 on failure. */
int store_contact_list(Store *s, const char *kind, ContactList *out);
void contact_list_free(ContactList *l);

/* One contact; REASON_NOT_FOUND if none. Free with contact_deinit. */
int store_contact_get(Store *s, int64_t id, Contact *out);
void contact_deinit(Contact *c);

/* Validates (REASON_INVALID_VALUE for an unknown kind, REASON_PHONE_INVALID) and adds;
 * with an existing source_key updates that contact. *id_out may be NULL. */
int store_contact_add(Store *s, const Contact *in, int64_t *id_out);

/* Replaces every field of contact in->id. REASON_NOT_FOUND if none. */
int store_contact_update(Store *s, const Contact *in);

/* Tombstones a contact. REASON_NOT_FOUND if none. */
int store_contact_remove(Store *s, int64_t id);

/* True when kind is one of CONTACT_KINDS. */
int contact_kind_valid(const char *kind);

#endif
