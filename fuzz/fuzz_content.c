/* libFuzzer target for the content-folder parser (core/frontmatter.h): any bytes from
 * a USB stick are either refused with a line number and a message, or parsed into
 * keys, values and a body that are valid UTF-8 with no CR and no line breaks inside a
 * header; the lines-file splitter keeps the same promises. Never a crash or a leak. */
#include "core/frontmatter.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, int single_line)
{
    if (!s || !utf8_valid(s, strlen(s)) || strchr(s, '\r'))
        abort();
    if (single_line && strchr(s, '\n'))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    FrontMatter fm;
    char err[200];
    int line = -1;
    err[0] = '\0';
    if (frontmatter_parse(text, size, &fm, &line, err, sizeof err) == 0) {
        if (fm.count > FRONTMATTER_MAX_FIELDS)
            abort();
        for (size_t i = 0; i < fm.count; i++) {
            check_text(fm.fields[i].key, 1);
            check_text(fm.fields[i].value, 1);
            if (!fm.fields[i].key[0] || fm.fields[i].line < 1)
                abort();
            frontmatter_bool(fm.fields[i].value);
            const char *names[] = {fm.fields[i].key, NULL};
            if (!frontmatter_find(&fm, names))
                abort(); /* every key can be found again */
        }
        check_text(fm.body, 0);
        if (fm.body[0] && fm.body_line < 1)
            abort();
        frontmatter_deinit(&fm);
    } else if (!err[0] || line < 0 || fm.count || fm.fields || fm.body) {
        abort(); /* a refusal says why and where, and holds nothing */
    }

    char **lines;
    int *numbers;
    size_t count;
    if (frontmatter_lines(text, size, &lines, &numbers, &count, &line, err, sizeof err) == 0) {
        for (size_t i = 0; i < count; i++) {
            check_text(lines[i], 1);
            if (i && numbers[i] <= numbers[i - 1])
                abort(); /* line numbers only grow */
            char *fields[FRONTMATTER_MAX_SPLIT];
            int n = frontmatter_split(lines[i], fields, FRONTMATTER_MAX_SPLIT);
            if (n > FRONTMATTER_MAX_SPLIT || n == 0)
                abort();
            for (int k = 0; k < n; k++)
                check_text(fields[k], 1);
        }
        frontmatter_lines_free(lines, numbers, count);
    }
    return 0;
}
