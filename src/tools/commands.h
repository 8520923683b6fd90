/* yanxiactl's commands and the table of kinds (notices, tips, ... outbox): one row per
 * kind says how to list it, whether it exports to CSV, and which add/edit/rm
 * functions serve it. Every command function takes the arguments after its own words
 * and returns the process exit code (CLI_EXIT_*). */
#ifndef YX_TOOLS_COMMANDS_H
#define YX_TOOLS_COMMANDS_H

#include "staff/staff.h"
#include "tools/cli.h"

typedef int (*CliCmdFn)(Cli *c, int argc, char **argv);

/* Filters `list` takes besides --json and --all. */
typedef struct {
    int all;           /* staff view: expired, closed, hidden, answered ... too */
    const char *album; /* photos: album name */
    int64_t activity;  /* signups: one activity (0: all) */
    int64_t poll;      /* votes: one poll (0: all) */
    const char *state; /* suggestions, wishes: one state */
    const char *month; /* tips: one month */
} CliListArgs;

#define CLI_FILTER_ALBUM    (1u << 0)
#define CLI_FILTER_ACTIVITY (1u << 1)
#define CLI_FILTER_POLL     (1u << 2)
#define CLI_FILTER_STATE    (1u << 3)
#define CLI_FILTER_MONTH    (1u << 4)

/* Fills t (initialising it with the kind's columns) from the store. Returns 0, or -1
 * after a store failure (the caller reports it); t is then deinit-safe. */
typedef int (*CliFillFn)(Store *s, const CliListArgs *a, CliTable *t);

typedef struct {
    const char *name;   /* plural, as in `list notices` */
    const char *single; /* as in `add notice` */
    const char *about;  /* Chinese, for --help */
    CliFillFn fill;
    unsigned filters;
    int exportable; /* `export KIND --csv` */
    CliCmdFn add, edit;
    int (*remove)(Store *s, int64_t id);
} CliKind;

extern const CliKind CLI_KINDS[];
extern const size_t CLI_KIND_COUNT;
/* The kind named name (plural or singular), or NULL. */
const CliKind *cli_kind_find(const char *name);

/* cmd_maintain.c */
int cmd_maintain(Cli *c, int argc, char **argv);

/* list_content.c */
int fill_notices(Store *s, const CliListArgs *a, CliTable *t);
int fill_tips(Store *s, const CliListArgs *a, CliTable *t);
int fill_albums(Store *s, const CliListArgs *a, CliTable *t);
int fill_photos(Store *s, const CliListArgs *a, CliTable *t);
int fill_activities(Store *s, const CliListArgs *a, CliTable *t);
int fill_polls(Store *s, const CliListArgs *a, CliTable *t);
int fill_roster(Store *s, const CliListArgs *a, CliTable *t);
int fill_contacts(Store *s, const CliListArgs *a, CliTable *t);
int fill_phrases(Store *s, const CliListArgs *a, CliTable *t);
int fill_kiosk(Store *s, const CliListArgs *a, CliTable *t);
/* list_submit.c */
int fill_signups(Store *s, const CliListArgs *a, CliTable *t);
int fill_votes(Store *s, const CliListArgs *a, CliTable *t);
int fill_suggestions(Store *s, const CliListArgs *a, CliTable *t);
int fill_wishes(Store *s, const CliListArgs *a, CliTable *t);
int fill_questions(Store *s, const CliListArgs *a, CliTable *t);
int fill_outbox(Store *s, const CliListArgs *a, CliTable *t);

/* cmd_content.c: add/edit of authored content */
int cmd_add_notice(Cli *c, int argc, char **argv);
int cmd_edit_notice(Cli *c, int argc, char **argv);
int cmd_add_tip(Cli *c, int argc, char **argv);
int cmd_edit_tip(Cli *c, int argc, char **argv);
int cmd_add_album(Cli *c, int argc, char **argv);
int cmd_edit_album(Cli *c, int argc, char **argv);
int cmd_add_phrase(Cli *c, int argc, char **argv);
int cmd_add_contact(Cli *c, int argc, char **argv);
int cmd_edit_contact(Cli *c, int argc, char **argv);
int cmd_add_roster(Cli *c, int argc, char **argv);
int cmd_edit_roster(Cli *c, int argc, char **argv);
/* cmd_activity.c: activities, polls, the kiosk row */
int cmd_add_activity(Cli *c, int argc, char **argv);
int cmd_edit_activity(Cli *c, int argc, char **argv);
int cmd_add_poll(Cli *c, int argc, char **argv);
int cmd_kiosk(Cli *c, int argc, char **argv);
/* cmd_submit.c: paper forms typed in by staff */
int cmd_add_suggestion(Cli *c, int argc, char **argv);
int cmd_add_wish(Cli *c, int argc, char **argv);
int cmd_add_question(Cli *c, int argc, char **argv);
int cmd_add_signup(Cli *c, int argc, char **argv);
int cmd_add_vote(Cli *c, int argc, char **argv);
int cmd_cancel(Cli *c, int argc, char **argv);
int cmd_claim(Cli *c, int argc, char **argv);
/* cmd_moderate.c */
int cmd_moderate(Cli *c, int argc, char **argv);
/* cmd_export.c */
int cmd_export(Cli *c, int argc, char **argv);
/* cmd_import.c */
int cmd_import(Cli *c, int argc, char **argv);
/* cmd_photo.c */
int cmd_photo(Cli *c, int argc, char **argv);
/* cmd_staff.c */
int cmd_staff(Cli *c, int argc, char **argv);
/* The shell user as an administrator ("shell:$USER", address "cli") over c->store,
 * which must be open: yanxiactl's staff actions go through src/staff/ as this actor. */
void cli_shell_actor(Cli *c, StaffActor *a);
/* cli_staff.c: reads one line of password from standard input (echo off on a terminal,
 * after prompt, or the new-password prompt when NULL). 0, or -1 after printing why
 * (nothing read, or longer than STAFF_PASSWORD_MAX bytes). */
int cli_read_password(Cli *c, const char *prompt, char *out, size_t cap);
/* `--as LOGIN`: reads LOGIN's password from standard input and logs in to the hub conn
 * through the staff library (staff_hub_login), so the hub checks the member's password,
 * role and scope and writes the audit line of each step. 0 with *a open (close it with
 * staff_hub_logout), or -1 with the message printed and c->status set. */
int cli_hub_login(Cli *c, const char *conn, const char *login, StaffActor *a);
/* Prints the staff library's last refusal on a's backend (staff_error) as the command's
 * one line on stderr and returns its exit code (by staff_refusal: CLI_EXIT_FAIL for
 * every refusal, as the owner's hub path). */
int cli_fail_staff(Cli *c, const StaffActor *a);
/* cli_photo.c: decodes path with SDL_image to learn its size; refuses (message printed, -1) a file
 * that is not an image, over 60 MB or wider/taller than 12000 px. */
int cli_photo_probe(Cli *c, const char *path, int *width, int *height);

#endif
