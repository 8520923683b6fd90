/* What staff.c takes from staff_password.c beyond staff.h. Private to src/staff/. */
#ifndef YX_STAFF_STAFF_INTERNAL_H
#define YX_STAFF_STAFF_INTERNAL_H

/* True once libsodium is initialised (tried once; false when it cannot be). */
int staff_sodium_ready(void);

#endif
