/* Header lines + body parsing for content-folder text files: everything a USB stick
 * can hold is checked here (UTF-8, NUL bytes, line shapes) before the importer sees it. */
#include "core/frontmatter.h"

#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FULLWIDTH_COLON "\xEF\xBC\x9A" /* ： */
#define FULLWIDTH_BAR   "\xEF\xBD\x9C" /* ｜ */
#define IDEO_SPACE      "\xE3\x80\x80" /* U+3000 */

static int fail(int *err_line, int line, char *err, size_t errlen, const char *msg)
{
    if (err_line)
        *err_line = line;
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
    return -1;
}

/* Copies text into a NUL-terminated string without the BOM and with CRLF (and lone
 * CR) folded to LF, after checking size, NUL bytes and UTF-8. */
static char *normalize(const char *text, size_t len, int *err_line, char *err, size_t errlen)
{
    if (len > FRONTMATTER_MAX_SIZE) {
        fail(err_line, 0, err, errlen, "file too large (over 4 MB)");
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\0') {
            fail(err_line, line, err, errlen, "contains a NUL byte (not a text file?)");
            return NULL;
        }
        if (text[i] == '\n')
            line++;
    }
    if (!utf8_valid(text, len)) {
        /* name the first bad line: validate line by line */
        const char *p = text, *end = text + len;
        line = 1;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *stop = nl ? nl : end;
            if (!utf8_valid(p, (size_t)(stop - p)))
                break;
            line++;
            p = nl ? nl + 1 : end;
        }
        fail(err_line, line, err, errlen, "not valid UTF-8 (save the file as UTF-8)");
        return NULL;
    }
    char *out = malloc(len + 1);
    if (!out) {
        fail(err_line, 0, err, errlen, "out of memory");
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r') {
            out[n++] = '\n';
            if (i + 1 < len && text[i + 1] == '\n')
                i++;
        } else {
            out[n++] = text[i];
        }
    }
    out[n] = '\0';
    return out;
}

/* Trims ASCII whitespace and U+3000 from both ends of s, in place; returns s's start. */
static char *trim(char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v')
            s++;
        else if (strncmp(s, IDEO_SPACE, 3) == 0)
            s += 3;
        else
            break;
    }
    size_t n = strlen(s);
    for (;;) {
        if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\f' || s[n - 1] == '\v' ||
                      s[n - 1] == '\n'))
            n--;
        else if (n >= 3 && memcmp(s + n - 3, IDEO_SPACE, 3) == 0)
            n -= 3;
        else
            break;
    }
    s[n] = '\0';
    return s;
}

void frontmatter_deinit(FrontMatter *fm)
{
    if (!fm)
        return;
    for (size_t i = 0; i < fm->count; i++) {
        free(fm->fields[i].key);
        free(fm->fields[i].value);
    }
    free(fm->fields);
    free(fm->body);
    memset(fm, 0, sizeof *fm);
}

/* Splits "key: value" (ASCII or full-width colon, whichever comes first). */
static int split_field(char *line, char **key, char **value)
{
    char *a = strchr(line, ':');
    char *b = strstr(line, FULLWIDTH_COLON);
    char *c = a && (!b || a < b) ? a : b;
    if (!c)
        return -1;
    size_t seplen = c == a ? 1 : 3;
    *c = '\0';
    *key = trim(line);
    *value = trim(c + seplen);
    return **key ? 0 : -1;
}

/* Keeps the body from start, without blank lines at either end. */
static char *body_dup(const char *start, int *first_line, int line)
{
    while (*start) {
        const char *nl = strchr(start, '\n');
        size_t n = nl ? (size_t)(nl - start) : strlen(start);
        int blank = 1;
        for (size_t i = 0; i < n && blank; i++)
            if (start[i] != ' ' && start[i] != '\t')
                blank = 0;
        if (!blank)
            break;
        if (!nl) {
            start += n;
            break;
        }
        start = nl + 1;
        line++;
    }
    char *b = strdup(start);
    if (!b)
        return NULL;
    size_t n = strlen(b);
    while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == ' ' || b[n - 1] == '\t'))
        n--;
    b[n] = '\0';
    *first_line = n ? line : 0;
    return b;
}

int frontmatter_parse(const char *text, size_t len, FrontMatter *out, int *err_line, char *err,
                      size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (err_line)
        *err_line = 0;
    char *buf = normalize(text, len, err_line, err, errlen);
    if (!buf)
        return -1;
    out->fields = calloc(FRONTMATTER_MAX_FIELDS, sizeof *out->fields);
    if (!out->fields) {
        free(buf);
        return fail(err_line, 0, err, errlen, "out of memory");
    }
    char *p = buf;
    int line = 1, seen_header = 0;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        char *next = nl ? nl + 1 : p + strlen(p);
        char *t = trim(p);
        if (!*t) {
            if (seen_header) { /* the blank line that ends the header */
                p = next;
                line++;
                break;
            }
        } else if (*t == '#') {
            seen_header = 1; /* a comment belongs to the header */
        } else {
            char *key, *value;
            char msg[160];
            if (split_field(t, &key, &value) < 0) {
                snprintf(msg, sizeof msg,
                         "expected \"key: value\" (or a blank line before the body)");
                goto bad;
            }
            if (out->count == FRONTMATTER_MAX_FIELDS) {
                snprintf(msg, sizeof msg, "more than %d header lines", FRONTMATTER_MAX_FIELDS);
                goto bad;
            }
            FrontField *f = &out->fields[out->count];
            f->key = strdup(key);
            f->value = strdup(value);
            f->line = line;
            out->count++;
            if (!f->key || !f->value) {
                snprintf(msg, sizeof msg, "out of memory");
                goto bad;
            }
            seen_header = 1;
            p = next;
            line++;
            continue;
        bad:
            free(buf);
            frontmatter_deinit(out);
            return fail(err_line, line, err, errlen, msg);
        }
        p = next;
        line++;
    }
    out->body = body_dup(p, &out->body_line, line);
    free(buf);
    if (!out->body) {
        frontmatter_deinit(out);
        return fail(err_line, 0, err, errlen, "out of memory");
    }
    return 0;
}

const FrontField *frontmatter_find(const FrontMatter *fm, const char *const *names)
{
    for (size_t i = 0; i < fm->count; i++)
        for (const char *const *n = names; *n; n++)
            if (strcmp(fm->fields[i].key, *n) == 0)
                return &fm->fields[i];
    return NULL;
}

void frontmatter_lines_free(char **lines, int *numbers, size_t count)
{
    for (size_t i = 0; lines && i < count; i++)
        free(lines[i]);
    free(lines);
    free(numbers);
}

int frontmatter_lines(const char *text, size_t len, char ***lines_out, int **numbers_out,
                      size_t *count_out, int *err_line, char *err, size_t errlen)
{
    *lines_out = NULL;
    *numbers_out = NULL;
    *count_out = 0;
    if (err_line)
        *err_line = 0;
    char *buf = normalize(text, len, err_line, err, errlen);
    if (!buf)
        return -1;
    size_t cap = 1;
    for (const char *q = buf; *q; q++)
        cap += *q == '\n';
    char **lines = calloc(cap, sizeof *lines);
    int *numbers = calloc(cap, sizeof *numbers);
    size_t n = 0;
    if (!lines || !numbers)
        goto oom;
    char *p = buf;
    for (int line = 1; *p; line++) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        char *next = nl ? nl + 1 : p + strlen(p);
        char *t = trim(p);
        if (*t && *t != '#') {
            lines[n] = strdup(t);
            if (!lines[n])
                goto oom;
            numbers[n++] = line;
        }
        p = next;
    }
    free(buf);
    *lines_out = lines;
    *numbers_out = numbers;
    *count_out = n;
    return 0;
oom:
    free(buf);
    frontmatter_lines_free(lines, numbers, n);
    return fail(err_line, 0, err, errlen, "out of memory");
}

int frontmatter_split(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *a = strchr(p, '|');
        char *b = strstr(p, FULLWIDTH_BAR);
        char *c = a && (!b || a < b) ? a : b;
        if (n == max)
            return -1;
        if (c)
            *c = '\0';
        fields[n++] = trim(p);
        if (!c)
            break;
        p = c + (c == a ? 1 : 3);
    }
    return n;
}

int frontmatter_bool(const char *value)
{
    static const char *const yes[] = {"是", "有", "同意", "允许", "yes", "y", "true", "1", "on"};
    static const char *const no[] = {"否", "无",    "不同意", "不允许", "no",
                                     "n",  "false", "0",      "off"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcasecmp(value, yes[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcasecmp(value, no[i]) == 0)
            return 0;
    return -1;
}
