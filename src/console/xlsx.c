/* Sign-up lists as .xlsx (libxlsxwriter) for staff who open them in Excel or WPS on the
 * office PC: every cell written as a string or number, never as a formula, and a bold
 * header row. The workbook is written to a private temporary file (libxlsxwriter
 * writes files), opened, unlinked, and sent from the open descriptor. */
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

/* Writes the sign-ups of activity a into path. 0, or -1. */
static int write_workbook(const char *path, const Activity *a, const SignupList *l)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "报名表");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    static const char *const head[] = {"活动", "房号", "称呼",   "电话",
                                       "人数", "状态", "回执码", "报名时间"};
    static const double widths[] = {24, 8, 10, 14, 6, 12, 10, 18};
    for (lxw_col_t k = 0; k < 8; k++) {
        worksheet_write_string(ws, 0, k, head[k], bold);
        worksheet_set_column(ws, k, k, widths[k], NULL);
    }
    for (size_t i = 0; i < l->count; i++) {
        const Signup *g = &l->items[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        char when[32];
        time_format(g->created_at, "%Y-%m-%d %H:%M", when, sizeof when);
        worksheet_write_string(ws, row, 0, a->title, NULL);
        worksheet_write_string(ws, row, 1, g->room, NULL);
        worksheet_write_string(ws, row, 2, g->name, NULL);
        worksheet_write_string(ws, row, 3, g->phone, NULL);
        worksheet_write_number(ws, row, 4, g->party_size, NULL);
        worksheet_write_string(ws, row, 5, signup_status_text(g->status), NULL);
        worksheet_write_string(ws, row, 6, g->receipt, NULL);
        worksheet_write_string(ws, row, 7, when, NULL);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

void page_activity_xlsx(Console *c, Request *r, Response *w, int64_t id)
{
    Activity a;
    if (store_activity_get(c->store, id, &a) < 0) {
        page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个活动", "它可能已经被撤下了。");
        return;
    }
    SignupList l = {0};
    char dir[PATH_MAX - 32], path[PATH_MAX];
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/yanxia-xlsx-XXXXXX", base && *base ? base : "/tmp");
    int fd = -1;
    if (store_signup_list(c->store, id, 1, &l) == 0 && mkdtemp(dir)) {
        snprintf(path, sizeof path, "%s/signups.xlsx", dir);
        if (write_workbook(path, &a, &l) == 0)
            fd = open(path, O_RDONLY);
        unlink(path);
        rmdir(dir);
    }
    signup_list_free(&l);
    activity_deinit(&a);
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
    snprintf(w->disposition, sizeof w->disposition, "attachment; filename=\"signups-%lld.xlsx\"",
             (long long)id);
}
