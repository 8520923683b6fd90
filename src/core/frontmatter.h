/* The text files of a content folder (docs/content-folder.md): a few "key: value"
 * header lines, a blank line, then the body. Pure text, libc only; the importer gives
 * the keys their meaning. Tolerates a UTF-8 BOM, CRLF line ends and the full-width
 * colon (：) that Chinese input methods type. */
#ifndef YX_CORE_FRONTMATTER_H
#define YX_CORE_FRONTMATTER_H

#include <stddef.h>

#define FRONTMATTER_MAX_FIELDS 64
#define FRONTMATTER_MAX_SIZE   (4 * 1024 * 1024) /* bytes; bigger files are refused */
#define FRONTMATTER_MAX_SPLIT  16                /* fields in one "a | b | c" line */

typedef struct {
    char *key;   /* trimmed, never empty */
    char *value; /* trimmed, may be empty */
    int line;    /* 1-based line number in the file */
} FrontField;

typedef struct {
    FrontField *fields; /* in file order; a key may repeat (the caller decides) */
    size_t count;
    char *body;    /* after the first blank line, CRLF folded to LF, blank lines at
                      both ends removed; "" when the file has no body */
    int body_line; /* line number of the body's first line (0 without a body) */
} FrontMatter;

/* Parses text[0..len). Lines starting with '#' among the header lines are comments.
 * Returns 0 and fills *out (free with frontmatter_deinit), or -1 with *out empty,
 * *err_line the 1-based line at fault (0 for the whole file) and a one-line English
 * reason in err: invalid UTF-8, a NUL byte, a header line without a colon or with an
 * empty key, too many header lines, a file over FRONTMATTER_MAX_SIZE. */
int frontmatter_parse(const char *text, size_t len, FrontMatter *out, int *err_line, char *err,
                      size_t errlen);
void frontmatter_deinit(FrontMatter *fm);

/* The first field whose key equals one of the NULL-terminated names, or NULL. */
const FrontField *frontmatter_find(const FrontMatter *fm, const char *const *names);

/* Splits the text of a lines file (contacts.txt, roster.txt, captions.txt) into lines
 * the same way: BOM dropped, CRLF folded, UTF-8 checked (-1 and *err_line as above).
 * On success *lines_out is a malloc'd array of *count_out malloc'd strings (free with
 * frontmatter_lines_free) with line numbers in *numbers_out (malloc'd); blank lines and
 * '#' comment lines are left out. */
int frontmatter_lines(const char *text, size_t len, char ***lines_out, int **numbers_out,
                      size_t *count_out, int *err_line, char *err, size_t errlen);
void frontmatter_lines_free(char **lines, int *numbers, size_t count);

/* Splits line at '|' (or the full-width '｜') into at most FRONTMATTER_MAX_SPLIT trimmed
 * fields, written into line itself (fields[i] point into it). Returns the number of
 * fields, or -1 when there are more than max. */
int frontmatter_split(char *line, char **fields, int max);

/* Parses a yes/no word: 是/否, 有/无, 同意/不同意, yes/no, true/false, 1/0 (ASCII case
 * ignored). Returns 1 or 0, or -1 for anything else. */
int frontmatter_bool(const char *value);

#endif
