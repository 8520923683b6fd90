/* Shared by yanxiactl's command files: the option tables every command declares (and
 * its --help is printed from), one-line error reporting, and CliTable, the rows that
 * `list` prints as an aligned table or JSON and `export` writes as CSV. */
#ifndef YX_TOOLS_CLI_H
#define YX_TOOLS_CLI_H

#include "store/store.h"

#include <stdint.h>
#include <stdio.h>

#define CLI_EXIT_OK    0
#define CLI_EXIT_FAIL  1 /* refused by a rule, or the disk */
#define CLI_EXIT_USAGE 2 /* the command line itself is wrong */
#define CLI_LIST_MAX   32

typedef struct {
    const char *db_path;
    Store *store; /* opened by cli_store(); closed by main */
    char cmd[64]; /* "add notice": prefixes every message */
    int status;   /* exit code after cli_parse() returned -1 */
    char **pos;   /* positional arguments of the last cli_parse() */
    int npos;
    char **pos_heap; /* owned storage behind pos */
    int quiet;       /* no "added KIND ID" line: `add KIND --hub` adds into a scratch store */
    int check_only;  /* `edit KIND --as`: an edit parses and checks its options, then returns
                      * CLI_EXIT_OK without opening a store (before the password is asked) */
} Cli;

typedef enum {
    OPT_FLAG, /* int *: set to 1 */
    OPT_STR,  /* const char **: points into argv */
    OPT_INT,  /* int64_t *: decimal */
    OPT_TIME, /* int64_t *: "YYYY-MM-DD[ HH:MM[:SS]]" local time */
    OPT_LIST, /* CliStrList *: the option may repeat */
} CliOptType;

typedef struct {
    const char *v[CLI_LIST_MAX];
    int n;
} CliStrList;

typedef struct {
    const char *name; /* without the leading "--"; NULL ends a table */
    CliOptType type;
    void *dest;
    const char *arg;  /* placeholder in --help ("TEXT"); NULL for flags */
    const char *help; /* one line */
    int given;        /* set by cli_parse */
} CliOpt;

typedef struct {
    const char *usage;    /* after "yanxiactl ": "add notice --title T --body B [options]" */
    const char *about;    /* one line on what the command does */
    CliOpt *opts;         /* may be NULL */
    int min_pos, max_pos; /* positional arguments allowed; max_pos -1: any number */
} CliSpec;

/* Parses argv[0..argc) (argv[0] is the first argument after the command words) into
 * the spec's destinations and c->pos/c->npos. --help prints the spec and returns -1
 * with c->status 0; a usage error prints one line and returns -1 with c->status 2.
 * Returns 0 when the command should run. */
int cli_parse(Cli *c, const CliSpec *spec, int argc, char **argv);

/* cli_parse for the commands that write a file: "-o" (the one short option yanxiactl
 * takes) means "--output". Same returns. */
int cli_parse_output(Cli *c, const CliSpec *spec, int argc, char **argv);

/* True when option name was on the command line. */
int cli_given(const CliOpt *opts, const char *name);

/* Sets c->cmd from words (e.g. "add", "notice"). */
void cli_set_cmd(Cli *c, const char *a, const char *b);

/* One line on stderr "yanxiactl: <cmd>: <message>"; returns CLI_EXIT_USAGE /
 * CLI_EXIT_FAIL so callers can `return cli_usage(...)`. */
int cli_usage(Cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_fail(Cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The store's last refusal: "<reason_text> (<store_errmsg>)". Returns CLI_EXIT_FAIL. */
int cli_fail_store(Cli *c);
/* A refusal found by the tool itself, worded like the store's. Returns CLI_EXIT_FAIL. */
int cli_fail_reason(Cli *c, Reason r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Opens c->db_path once (creating its directory if needed). NULL after printing the
 * error (c->status = 1). */
Store *cli_store(Cli *c);

/* Parses a positive id; -1 (message printed, c->status 2) when s is not one. */
int cli_parse_id(Cli *c, const char *s, const char *what, int64_t *out);

/* Parses "1-33" (or "1~33", or a single "5") into lo..hi. Returns 0 or -1. */
int cli_parse_range(const char *s, int *lo, int *hi);

/* True when argv[0..argc) holds --hub (the content command then goes to the hub). */
int cli_wants_hub(int argc, char **argv);

/* Reads a whole text file ("-": standard input) into a new string without a UTF-8 BOM
 * and with CRLF folded to LF. Caller frees. NULL after printing the error. Files over
 * max_bytes are refused. */
char *cli_read_text(Cli *c, const char *path, size_t max_bytes);

/* Writes data to path through a temporary file in the same directory, fsync and
 * rename, so a reader never sees half a file. The file is readable by its owner only
 * (mode 0600): what the tools write is a kiosk's hub password or residents' personal
 * data. Returns 0, or -1 with errno set. */
int cli_write_atomic(const char *path, const char *data, size_t len);

/* cli_write_atomic in two steps, for a command that must know it can write before it
 * reads or does what cannot be undone (an audited export): cli_out_open makes the
 * temporary file beside path now (mode 0600; 0, or -1 with errno set and *o empty, EISDIR
 * for a path that is a folder),
 * cli_out_commit writes data to it, fsyncs and renames it into place (0, or -1 with errno
 * set and the temporary file removed), cli_out_abort removes it. After open, exactly one
 * of commit and abort; abort of an empty or committed CliOut does nothing. */
typedef struct {
    char *path; /* the file asked for (copied) */
    char *tmp;  /* the temporary file beside it; NULL once committed or aborted */
    int fd;
} CliOut;
int cli_out_open(CliOut *o, const char *path);
int cli_out_commit(CliOut *o, const char *data, size_t len);
void cli_out_abort(CliOut *o);

/* --- tables ---------------------------------------------------------------------- */

typedef enum { COL_STR, COL_INT, COL_BOOL, COL_TIME, COL_DAY, COL_RAW } CliColType;

typedef struct {
    const char *key;   /* JSON member name */
    const char *label; /* table and CSV header (Chinese) */
    CliColType type;
    int width; /* widest a table cell may be, in terminal columns; 0: 40 */
} CliCol;

typedef struct {
    char *text; /* plain text (NULL: null) */
    char *json; /* COL_RAW: JSON text for --json */
} CliCell;

typedef struct {
    const CliCol *cols;
    size_t ncols;
    CliCell *cells; /* nrows * ncols */
    size_t nrows, cap, filled;
    int failed; /* an allocation failed */
} CliTable;

void cli_table_init(CliTable *t, const CliCol *cols, size_t ncols);
void cli_table_deinit(CliTable *t);
/* Cells are appended left to right, row after row. */
void cli_table_str(CliTable *t, const char *s); /* NULL: null */
void cli_table_int(CliTable *t, int64_t v);
void cli_table_bool(CliTable *t, int v);
void cli_table_time(CliTable *t, int64_t v); /* 0: null; COL_DAY shows the date only */
void cli_table_raw(CliTable *t, const char *json, const char *text);

/* Writes an aligned table (empty: a line saying so) or one JSON array to f.
 * Returns 0, or -1 if the table ran out of memory or the write failed. */
int cli_table_print(const CliTable *t, FILE *f, int json);

/* Writes CSV for Excel: UTF-8 BOM, the labels as header row, RFC 4180 quoting, CRLF.
 * The result is in *out (caller frees) with its length. Returns 0 or -1. */
int cli_table_csv(const CliTable *t, char **out, size_t *len);

/* Writes t as CSV (UTF-8 BOM, RFC 4180, CRLF) to the file out, atomically, or to
 * standard output when out is NULL. Returns the exit code; on failure the one-line
 * message is already printed. t stays the caller's. */
int cli_emit_csv(Cli *c, const CliTable *t, const char *out);
/* The same into an output opened with cli_out_open (out NULL: standard output); out is
 * committed or aborted either way. */
int cli_emit_csv_to(Cli *c, const CliTable *t, CliOut *out);

/* Terminal columns s takes (CJK counts two). */
int cli_text_width(const char *s);

#endif
