/* Tables as .xlsx (libxlsxwriter) for staff who open them in Excel or WPS on the
 * office PC (sign-up lists, from the store or the hub): every cell written as a string
 * or number, never as a formula, and a bold header row. The workbook is written to a private
 * temporary file (libxlsxwriter writes files), opened, unlinked, and sent from the open descriptor.
 */
#include "console/console.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/signup.h"

#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Writes t into path: a bold header row, then t->rows rows of cells, the numeric column
 * as a number. 0, or -1. */
static int write_workbook(const char *path, const XlsxTable *t)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (lxw_col_t k = 0; k < t->cols; k++) {
        worksheet_write_string(ws, 0, k, t->head[k], bold);
        worksheet_set_column(ws, k, k, t->widths[k], NULL);
    }
    char scratch[64];
    for (size_t i = 0; i < t->rows; i++) {
        lxw_row_t row = (lxw_row_t)(i + 1);
        for (lxw_col_t k = 0; k < t->cols; k++) {
            const char *v = t->cell(t->ctx, i, k, scratch, sizeof scratch);
            if ((int)k == t->numeric_col)
                worksheet_write_number(ws, row, k, strtod(v ? v : "0", NULL), NULL);
            else
                worksheet_write_string(ws, row, k, v ? v : "", NULL);
        }
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

void xlsx_send(Request *r, Response *w, const XlsxTable *t, const char *filename)
{
    char dir[PATH_MAX - 32], path[PATH_MAX];
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/yanxia-xlsx-XXXXXX", base && *base ? base : "/tmp");
    int fd = -1;
    if (mkdtemp(dir)) {
        snprintf(path, sizeof path, "%s/table.xlsx", dir);
        if (write_workbook(path, t) == 0)
            fd = open(path, O_RDONLY);
        unlink(path);
        rmdir(dir);
    }
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        if (fd >= 0)
            close(fd);
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "导出失败",
                     "表格没有生成（磁盘满了？），请再试一次或改用 CSV。");
        return;
    }
    w->fd = fd;
    w->fd_size = (size_t)st.st_size;
    w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    snprintf(w->disposition, sizeof w->disposition, "attachment; filename=\"%s\"", filename);
}

typedef struct {
    const Activity *a;
    const SignupList *l;
} Signups;

static const char *signup_cell(const void *ctx, size_t row, size_t col, char *scratch, size_t cap)
{
    const Signups *s = ctx;
    const Signup *g = &s->l->items[row];
    switch (col) {
    case 0:
        return s->a->title;
    case 1:
        return g->room;
    case 2:
        return g->name;
    case 3:
        return g->phone;
    case 4:
        snprintf(scratch, cap, "%d", g->party_size);
        return scratch;
    case 5:
        return signup_status_text(g->status);
    case 6:
        return g->receipt;
    default:
        time_format(g->created_at, "%Y-%m-%d %H:%M", scratch, cap);
        return scratch;
    }
}

void page_activity_xlsx(Console *c, Request *r, Response *w, int64_t id)
{
    Activity a;
    if (store_activity_get(c->store, id, &a) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个活动", "它可能已经被撤下了。");
        return;
    }
    SignupList l = {0};
    if (store_signup_list(c->store, id, 1, &l) < 0) {
        page_message(w, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "导出失败", "读取报名表失败。");
        activity_deinit(&a);
        return;
    }
    static const char *const head[] = {"活动", "房号", "称呼",   "电话",
                                       "人数", "状态", "回执码", "报名时间"};
    static const double widths[] = {24, 8, 10, 14, 6, 12, 10, 18};
    Signups ctx = {&a, &l};
    XlsxTable t = {"报名表", 8, head, widths, 4, l.count, signup_cell, &ctx};
    char name[64];
    snprintf(name, sizeof name, "signups-%lld.xlsx", (long long)id);
    xlsx_send(r, w, &t, name);
    signup_list_free(&l);
    activity_deinit(&a);
}
