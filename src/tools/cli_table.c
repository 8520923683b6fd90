/* CliTable: rows of typed cells filled once per `list`/`export`, then printed as an
 * aligned table (CJK counted two columns wide), one JSON array, or CSV for Excel. */
#include "tools/cli.h"

#include "core/csv.h"

#include "core/buf.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

void cli_table_init(CliTable *t, const CliCol *cols, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
}

void cli_table_deinit(CliTable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->filled; i++) {
        free(t->cells[i].text);
        free(t->cells[i].json);
    }
    free(t->cells);
    memset(t, 0, sizeof *t);
}

/* The next cell to fill, growing the array; NULL (and t->failed) on OOM. */
static CliCell *next_cell(CliTable *t)
{
    if (t->filled == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        CliCell *p = realloc(t->cells, cap * sizeof *p);
        if (!p) {
            t->failed = 1;
            return NULL;
        }
        t->cells = p;
        t->cap = cap;
    }
    CliCell *cell = &t->cells[t->filled++];
    memset(cell, 0, sizeof *cell);
    t->nrows = (t->filled + t->ncols - 1) / t->ncols;
    return cell;
}

static void put(CliTable *t, const char *text, const char *json)
{
    CliCell *cell = next_cell(t);
    if (!cell)
        return;
    if (text && !(cell->text = strdup(text)))
        t->failed = 1;
    if (json && !(cell->json = strdup(json)))
        t->failed = 1;
}

void cli_table_str(CliTable *t, const char *s)
{
    put(t, s, NULL);
}

void cli_table_int(CliTable *t, int64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%" PRId64, v);
    put(t, b, NULL);
}

void cli_table_bool(CliTable *t, int v)
{
    put(t, v ? "true" : "false", NULL);
}

void cli_table_time(CliTable *t, int64_t v)
{
    if (!v) {
        put(t, NULL, NULL);
        return;
    }
    size_t col = t->filled % t->ncols;
    char b[32];
    time_format(v, t->cols[col].type == COL_DAY ? "%Y-%m-%d" : "%Y-%m-%d %H:%M", b, sizeof b);
    put(t, b, NULL);
}

void cli_table_raw(CliTable *t, const char *json, const char *text)
{
    put(t, text, json);
}

int cli_text_width(const char *s)
{
    int w = 0;
    while (*s) {
        int32_t cp = utf8_next(&s);
        if (cp < 0x20)
            continue;
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                   (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

/* One table cell: newlines flattened, cut to max columns with "…". */
static char *cell_plain(const char *s, int max)
{
    Buf b;
    buf_init(&b);
    const char *p = s ? s : "-";
    int cut = cli_text_width(p) > max, w = 0;
    while (*p) {
        const char *start = p;
        int32_t cp = utf8_next(&p);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)(p - start), start);
        if (cp == '\n' || cp == '\t' || cp == '\r' || cp < 0)
            strcpy(one, " ");
        int cw = cli_text_width(one);
        if (cut && w + cw > max - 1) {
            buf_puts(&b, "…");
            break;
        }
        buf_puts(&b, one);
        w += cw;
    }
    char *out = buf_take(&b);
    buf_deinit(&b);
    return out;
}

static int print_json(const CliTable *t, FILE *f)
{
    Buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (size_t r = 0; r < t->nrows; r++) {
        buf_puts(&b, r ? ",\n {" : "{");
        for (size_t c = 0; c < t->ncols; c++) {
            const CliCell *cell = &t->cells[r * t->ncols + c];
            if (c)
                buf_putc(&b, ',');
            json_put_str(&b, t->cols[c].key);
            buf_putc(&b, ':');
            if (t->cols[c].type == COL_RAW)
                buf_puts(&b, cell->json ? cell->json : "null");
            else if (!cell->text)
                buf_puts(&b, "null");
            else if (t->cols[c].type == COL_INT || t->cols[c].type == COL_BOOL)
                buf_puts(&b, cell->text);
            else
                json_put_str(&b, cell->text);
        }
        buf_putc(&b, '}');
    }
    buf_puts(&b, "]\n");
    int rc = b.failed ? -1 : (fwrite(b.data, 1, b.len, f) == b.len ? 0 : -1);
    buf_deinit(&b);
    return rc;
}

int cli_table_print(const CliTable *t, FILE *f, int json)
{
    if (t->failed || t->filled != t->nrows * t->ncols)
        return -1;
    if (json)
        return print_json(t, f);
    if (t->nrows == 0) {
        fprintf(f, "(没有记录)\n");
        return 0;
    }
    size_t n = t->nrows * t->ncols;
    char **plain = calloc(n, sizeof *plain);
    int *widths = calloc(t->ncols, sizeof *widths);
    int rc = -1;
    if (!plain || !widths)
        goto out;
    for (size_t c = 0; c < t->ncols; c++)
        widths[c] = cli_text_width(t->cols[c].label);
    for (size_t i = 0; i < n; i++) {
        const CliCol *col = &t->cols[i % t->ncols];
        const char *text = t->cells[i].text;
        if (col->type == COL_BOOL && text)
            text = strcmp(text, "true") == 0 ? "是" : "否";
        plain[i] = cell_plain(text, col->width ? col->width : 40);
        if (!plain[i])
            goto out;
        int w = cli_text_width(plain[i]);
        if (w > widths[i % t->ncols])
            widths[i % t->ncols] = w;
    }
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = r == 0 ? t->cols[c].label : plain[(r - 1) * t->ncols + c];
            int pad = c + 1 < t->ncols ? widths[c] - cli_text_width(s) + 2 : 0;
            fprintf(f, "%s%*s", s, pad, "");
        }
        fputc('\n', f);
    }
    rc = ferror(f) ? -1 : 0;
out:
    for (size_t i = 0; plain && i < n; i++)
        free(plain[i]);
    free(plain);
    free(widths);
    return rc;
}

/* RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes. A text
 * that Excel or WPS would take for a formula (it starts with = + - @, a tab or a CR:
 * "=HYPERLINK(...)" in a resident's suggestion) gets a leading apostrophe inside
 * quotes, so the sheet shows it as the text it is and runs nothing. */

int cli_table_csv(const CliTable *t, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (t->failed || t->filled != t->nrows * t->ncols)
        return -1;
    Buf b;
    buf_init(&b);
    buf_puts(&b, "\xEF\xBB\xBF"); /* the BOM makes Excel read the file as UTF-8 */
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            buf_putc(&b, ',');
        csv_field(&b, t->cols[c].label, 1);
    }
    buf_puts(&b, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const CliCell *cell = &t->cells[r * t->ncols + c];
            const char *text = cell->text;
            if (t->cols[c].type == COL_BOOL && text)
                text = strcmp(text, "true") == 0 ? "是" : "否";
            if (c)
                buf_putc(&b, ',');
            csv_field(&b, text, t->cols[c].type == COL_STR || t->cols[c].type == COL_RAW);
        }
        buf_puts(&b, "\r\n");
    }
    *len = b.len;
    *out = buf_take(&b);
    buf_deinit(&b);
    return *out ? 0 : -1;
}

int cli_emit_csv_to(Cli *c, const CliTable *t, CliOut *out)
{
    char *data = NULL;
    size_t len = 0;
    int rc;
    const char *path = out && out->path ? out->path : NULL;
    char *shown = path ? strdup(path) : NULL; /* commit frees out->path */
    if (cli_table_csv(t, &data, &len) < 0) {
        rc = cli_fail(c, "out of memory");
    } else if (path && cli_out_commit(out, data, len) < 0) {
        rc =
            cli_fail_reason(c, REASON_STORAGE, "%s: %s", shown ? shown : "output", strerror(errno));
    } else if (!path && (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)) {
        rc = cli_fail(c, "cannot write to standard output");
    } else {
        rc = CLI_EXIT_OK;
        if (path)
            printf("%s: %zu rows\n", shown ? shown : "output", t->nrows);
    }
    if (out)
        cli_out_abort(out); /* after a commit: nothing left to do */
    free(shown);
    free(data);
    return rc;
}

int cli_emit_csv(Cli *c, const CliTable *t, const char *out)
{
    if (!out)
        return cli_emit_csv_to(c, t, NULL);
    CliOut o;
    if (cli_out_open(&o, out) < 0)
        return cli_fail_reason(c, REASON_STORAGE, "%s: %s", out, strerror(errno));
    return cli_emit_csv_to(c, t, &o);
}
