/* Accounts (administrators only) and the audit log (read only, for everyone). */
#include "console/console.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *staff_role_label(const char *role)
{
    if (strcmp(role, "lead") == 0)
        return "楼组长";
    if (strcmp(role, "committee") == 0)
        return "居委会";
    return "管理员";
}

int page_admin_only(Request *r, Response *w)
{
    if (staff_may_manage_accounts(&r->session->actor))
        return 1;
    page_message(w, r, MHD_HTTP_FORBIDDEN, "没有权限", "只有管理员可以管理账号。");
    return 0;
}

void staff_toggle_form(Buf *b, const Request *r, const char *login, int disabled)
{
    if (disabled) {
        buf_puts(b, "<form method=\"post\" class=\"inline\" action=\"/staff/");
        html_attr(b, login);
        buf_puts(b, "/enable\">");
        html_csrf(b, r);
        buf_puts(b, "<button class=\"quiet\">恢复</button></form>");
        return;
    }
    char action[STAFF_LOGIN_MAX + 24], what[STAFF_LOGIN_MAX + 160];
    snprintf(action, sizeof action, "/staff/%s/disable", login);
    snprintf(what, sizeof what, "停用后 %s 不能再登录后台；以后点“恢复”，可以用原来的密码登录。",
             login);
    html_confirm(
        b, r,
        &(HtmlConfirm){.action = action, .label = "停用", .what = what, .button = "确定停用"});
}

void staff_add_form(Buf *b, const Request *r, const char *scope_label)
{
    const char *login = req_field(r, "login"), *scope = req_field(r, "scope");
    const char *role = req_field(r, "role");
    buf_puts(b, "<h2>添加账号</h2><form method=\"post\" action=\"/staff/new\" class=\"card\">");
    html_csrf(b, r);
    buf_puts(b, "<label for=\"login\">账号名（字母、数字）</label><input type=\"text\" id=\"login\""
                " name=\"login\" autocapitalize=\"none\" required value=\"");
    html_attr(b, login ? login : "");
    buf_puts(b, "\"><label for=\"role\">角色</label><select id=\"role\" name=\"role\">");
    static const char *const roles[] = {"lead", "committee", "admin"};
    for (int i = 0; i < 3; i++)
        buf_printf(b, "<option value=\"%s\"%s>%s</option>", roles[i],
                   role && strcmp(role, roles[i]) == 0 ? " selected" : "",
                   staff_role_label(roles[i]));
    buf_printf(b,
               "</select><label for=\"scope\">%s</label><input type=\"text\" id=\"scope\" "
               "name=\"scope\" autocapitalize=\"none\" value=\"",
               scope_label);
    html_attr(b, scope ? scope : "");
    buf_printf(b,
               "\"><label for=\"password\">初始密码（至少%d个字符，告诉本人后请他登录后"
               "改掉）</label><input type=\"password\" id=\"password\" name=\"password\" "
               "autocomplete=\"new-password\" required>"
               "<div class=\"actions\"><button>添加</button></div></form>",
               STAFF_PASSWORD_MIN);
}

static void staff_page(Console *c, Request *r, Response *w, const char *error)
{
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "账号");
    html_flash(b, r);
    html_error(b, error);
    StaffAccountList l;
    if (store_staff_list(c->store, &l) == 0) {
        buf_puts(b, "<div class=\"scroll\"><table><thead><tr><th>账号</th><th>角色</th>"
                    "<th>范围</th><th>状态</th><th></th></tr></thead><tbody>");
        for (size_t i = 0; i < l.count; i++) {
            const StaffAccount *a = &l.items[i];
            buf_puts(b, "<tr><td>");
            html_esc(b, a->login);
            buf_printf(b, "</td><td>%s</td><td>", staff_role_label(a->role));
            html_esc(b, a->scope);
            buf_printf(b, "</td><td>%s</td><td>", a->disabled ? "已停用" : "可用");
            if (strcasecmp(a->login, r->session->actor.login) != 0) {
                staff_toggle_form(b, r, a->login, a->disabled);
            }
            buf_puts(b, "</td></tr>");
        }
        buf_puts(b, "</tbody></table></div>");
        staff_account_list_free(&l);
    }
    staff_add_form(b, r, "负责的楼栋或片区");
    page_end(b);
}

void page_staff(Console *c, Request *r, Response *w)
{
    if (page_admin_only(r, w))
        staff_page(c, r, w, NULL);
}

void page_staff_new(Console *c, Request *r, Response *w)
{
    if (!page_admin_only(r, w))
        return;
    char err[256];
    if (staff_account_create(&r->session->actor, req_field(r, "login"), req_field(r, "role"),
                             req_field(r, "scope"), req_field(r, "password"), err,
                             sizeof err) < 0) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        staff_page(c, r, w, err);
        return;
    }
    resp_redirect(w, "/staff?ok=staff_added");
}

void page_staff_switch(Console *c, Request *r, Response *w, const char *login, int enable)
{
    if (!page_admin_only(r, w))
        return;
    char err[256];
    if ((enable ? staff_account_enable : staff_account_disable)(&r->session->actor, login, err,
                                                                sizeof err) < 0) {
        page_message(w, r, MHD_HTTP_UNPROCESSABLE_CONTENT, enable ? "没有恢复" : "没有停用", err);
        return;
    }
    /* a disabled account's open sessions end now */
    for (int i = 0; !enable && i < CONSOLE_SESSIONS_MAX; i++)
        if (c->sessions[i].token[0] && strcasecmp(c->sessions[i].actor.login, login) == 0)
            session_drop(c, &c->sessions[i]);
    resp_redirect(w, "/staff?ok=%s", enable ? "staff_enabled" : "staff_disabled");
}

/* What an audit line's action code (local store and hub alike) means, in staff's words;
 * a code not listed shows as it is. */
static const char *audit_action_words(const char *action)
{
    static const char *const words[][2] = {
        {"notice.publish", "发布通知"},
        {"notice.edit", "修改通知"},
        {"notice.update", "修改通知"},
        {"notice.withdraw", "撤下通知"},
        {"tip.publish", "发布健康小贴士"},
        {"health_tip.publish", "发布健康小贴士"},
        {"tip.remove", "撤下健康小贴士"},
        {"health_tip.remove", "撤下健康小贴士"},
        {"health_tip.update", "修改健康小贴士"},
        {"activity.create", "新建活动"},
        {"activity.update", "修改活动"},
        {"activity.withdraw", "撤下活动"},
        {"poll.create", "发起征询"},
        {"poll.withdraw", "撤下征询"},
        {"poll.update", "修改征询"},
        {"signup.cancel", "代居民取消报名"},
        {"photo.add", "上传照片"},
        {"photo.remove", "撤下照片"},
        {"photo.update", "修改照片说明"},
        {"album.add", "新建相册"},
        {"album.rename", "相册改名"},
        {"album.withdraw", "撤下相册"},
        {"album.update", "修改相册"},
        {"phrase.add", "添加快捷短语"},
        {"phrase.remove", "删去快捷短语"},
        {"phrase.update", "修改快捷短语"},
        {"roster.add", "排值守"},
        {"roster.remove", "删去值守"},
        {"roster.update", "修改值守"},
        {"contact.add", "添加电话"},
        {"contact.remove", "删去电话"},
        {"contact.update", "修改电话"},
        {"suggestion.reply", "回复建议"},
        {"suggestion.seen", "建议标为已阅"},
        {"suggestion.withdraw", "撤下建议"},
        {"wish.approve", "通过心愿"},
        {"wish.decline", "婉拒心愿"},
        {"wish.fulfil", "心愿已实现"},
        {"wish.withdraw", "撤下心愿"},
        {"question.answer", "解答健康问题"},
        {"question.withdraw", "撤下健康问题"},
        {"staff.add", "添加账号"},
        {"staff.passwd", "设置密码"},
        {"staff.disable", "停用账号"},
        {"staff.enable", "恢复账号"},
        {"kiosk.screenshot", "请楼道屏截屏"},
        {"folder.import", "导入内容文件夹"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(action, words[i][0]) == 0)
            return words[i][1];
    return NULL;
}

/* What an audit line's target ("notice 12", "building kangle-12" …) is, in staff's words,
 * by its first word; NULL for a target of another kind (an account's login, …). */
static const char *audit_target_words(const char *target)
{
    static const char *const words[][2] = {
        {"notice", "通知"},
        {"activity", "活动"},
        {"poll", "征询"},
        {"album", "相册"},
        {"photo", "照片"},
        {"tip", "健康小贴士"},
        {"health_tip", "健康小贴士"},
        {"phrase", "快捷短语"},
        {"roster", "值守"},
        {"contact", "电话"},
        {"kiosk", "楼道屏"},
        {"building", "楼"},
        {"folder", "内容文件夹"},
        {"suggestion", "建议"},
        {"wish", "心愿"},
        {"question", "健康问题"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i][0]);
        if (strncmp(target, words[i][0], n) == 0 && target[n] == ' ')
            return words[i][1];
    }
    return NULL;
}

/* The facts of a notice's or an activity's audit line, as the library and the hub write
 * them (staff_notice_update, staff_activity_update, sql/hub/030 and 038): "TITLE; by
 * AUTHOR; from PUBLISH_AT", "TITLE; capacity N[; ends AT; max party N]" and an older
 * store's "TITLE, N places". Each part points into the line (len bytes, not
 * NUL-terminated); a number is -1 when the line does not say it. */
typedef struct {
    const char *title, *author;
    size_t title_len, author_len;
    long long publish_at, capacity, ends_at, max_party;
    int waitlist; /* a hub's activity.create: ", waitlist" after its capacity */
} AuditFacts;

/* Cuts "KEY digits" off the end of s[0, *len): its number, *len left before KEY; -1 and
 * *len untouched when s does not end so. */
static long long cut_number(const char *s, size_t *len, const char *key, const char *unit)
{
    size_t k = strlen(key), u = strlen(unit), end = *len;
    if (end < u || memcmp(s + end - u, unit, u) != 0)
        return -1;
    end -= u;
    size_t start = end;
    while (start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9')
        start--;
    if (start == end || start < k || memcmp(s + start - k, key, k) != 0 || end - start > 15)
        return -1;
    long long v = 0;
    for (size_t i = start; i < end; i++)
        v = v * 10 + (s[i] - '0');
    *len = start - k;
    return v;
}

/* The facts of line s of action; 0 when it is of neither shape (shown as it is). */
static int audit_facts(const char *action, const char *s, AuditFacts *f)
{
    *f = (AuditFacts){.publish_at = -1, .capacity = -1, .ends_at = -1, .max_party = -1};
    size_t len = strlen(s);
    if (strcmp(action, "notice.edit") == 0 || strcmp(action, "notice.update") == 0) {
        if ((f->publish_at = cut_number(s, &len, "; from ", "")) < 0)
            return 0;
        const char *by = NULL;
        for (const char *p = s; (p = strstr(p, "; by ")) && (size_t)(p - s) < len; p++)
            by = p; /* the last: a title may hold "; by " itself */
        if (!by)
            return 0;
        f->author = by + 5;
        f->author_len = len - (size_t)(f->author - s);
        f->title = s;
        f->title_len = (size_t)(by - s);
        return 1;
    }
    if (strcmp(action, "activity.update") != 0 && strcmp(action, "activity.create") != 0)
        return 0;
    static const char WAITLIST[] = ", waitlist"; /* sql/hub/017 and 037's create */
    size_t w = sizeof WAITLIST - 1;
    if (len > w && memcmp(s + len - w, WAITLIST, w) == 0) {
        f->waitlist = 1;
        len -= w;
    }
    f->max_party = cut_number(s, &len, "; max party ", "");
    if (f->max_party >= 0 && (f->ends_at = cut_number(s, &len, "; ends ", "")) < 0)
        return 0;
    f->capacity = cut_number(s, &len, "; capacity ", "");
    if (f->capacity < 0 && f->max_party < 0)
        f->capacity = cut_number(s, &len, ", ", " places");
    if (f->capacity < 0)
        return 0;
    f->title = s;
    f->title_len = len;
    return 1;
}

/* s[0, n) escaped; nothing when memory runs out. */
static void esc_part(Buf *b, const char *s, size_t n)
{
    char *part = strndup(s, n);
    if (part)
        html_esc(b, part);
    free(part);
}

/* Whether fact k of f differs from was's (was NULL: nothing to compare with). */
static int fact_changed(const AuditFacts *f, const AuditFacts *was, int k)
{
    if (!was)
        return 0;
    switch (k) {
    case 0:
        return f->author_len != was->author_len ||
               memcmp(f->author, was->author, f->author_len) != 0;
    case 1:
        return f->publish_at != was->publish_at;
    case 2:
        return f->capacity != was->capacity;
    case 3:
        return f->ends_at != was->ends_at;
    default:
        return f->max_party != was->max_party;
    }
}

/* f in staff's words: the title, then its facts in a quiet line; the title and each fact
 * that differ from was's (the line before, for the "after" cell) in bold. */
static void audit_facts_words(Buf *b, const AuditFacts *f, const AuditFacts *was)
{
    int renamed =
        was && (f->title_len != was->title_len || memcmp(f->title, was->title, f->title_len) != 0);
    buf_puts(b, renamed ? "<b>" : "");
    esc_part(b, f->title, f->title_len);
    buf_puts(b, renamed ? "</b>" : "");
    buf_puts(b, "<span class=\"meta audit-facts\">");
    for (int k = 0, first = 1; k < 5; k++) {
        long long n = k == 1   ? f->publish_at
                      : k == 2 ? f->capacity
                      : k == 3 ? f->ends_at
                               : f->max_party;
        if (k == 0 ? !f->author : n < 0)
            continue;
        int bold = fact_changed(f, was, k);
        /* a fact breaks from the next, not within (a long author may) */
        buf_printf(b, "%s<%s%s>", first ? "" : "；", bold ? "b" : "span",
                   k ? " class=\"fact\"" : "");
        first = 0;
        if (k == 0) {
            buf_puts(b, "署名 ");
            if (f->author_len)
                esc_part(b, f->author, f->author_len);
            else
                buf_puts(b, "（无）");
        } else if (k == 1) {
            buf_puts(b, "发布 ");
            html_time(b, n);
        } else if (k == 2 && n == 0) {
            buf_puts(b, "名额不限");
        } else if (k == 2) {
            buf_printf(b, "名额 %lld", n);
        } else if (k == 3) {
            buf_puts(b, "结束 ");
            if (n)
                html_time(b, n);
            else
                buf_puts(b, "未定");
        } else {
            buf_printf(b, "每户最多 %lld 人", n);
        }
        buf_puts(b, bold ? "</b>" : "</span>");
    }
    if (f->waitlist)
        buf_puts(b, "；<span class=\"fact\">满了可以候补</span>");
    buf_puts(b, "</span>");
}

void html_audit_table(Buf *b, const AuditEntry *items, size_t count)
{
    static const char *const labels[] = {"谁", "做了什么", "对象", "之前", "之后"};
    buf_puts(b, "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>时间</th>");
    for (int k = 0; k < 5; k++)
        buf_printf(b, "<th>%s</th>", labels[k]);
    buf_puts(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < count; i++) {
        const AuditEntry *e = &items[i];
        const char *cells[] = {e->login, e->action, e->target, e->before, e->after};
        /* an in-place edit's JSON of the changed fields: one cell of them under both */
        Buf changes;
        buf_init(&changes);
        int json = html_audit_changes(&changes, e->action, e->before, e->after) == 0;
        buf_puts(b, "<tr><td data-label=\"时间\">");
        html_time(b, e->at);
        for (int k = 0; k < 5; k++) {
            if (k == 3 && json) {
                buf_puts(b, "</td><td data-label=\"改动\" class=\"changes\" colspan=\"2\">");
                buf_puts(b, buf_str(&changes));
                break;
            }
            buf_printf(b, "</td><td data-label=\"%s\"%s>", labels[k],
                       k > 1 ? " class=\"text\"" : "");
            if (!cells[k][0])
                continue; /* left empty: the phone's card leaves the row out */
            /* one span: on a phone the cell is a row of its label and this */
            const char *words = k == 1   ? audit_action_words(e->action)
                                : k == 2 ? audit_target_words(e->target)
                                         : NULL;
            buf_printf(b, "<span>%s%s", words ? words : "", words ? " <span class=\"meta\">" : "");
            AuditFacts f, was;
            if (k > 2 && audit_facts(e->action, cells[k], &f))
                audit_facts_words(b, &f,
                                  k == 4 && audit_facts(e->action, e->before, &was) ? &was : NULL);
            else
                html_esc(b, cells[k]);
            buf_puts(b, words ? "</span>" : "");
            if (k == 0 && e->address[0]) {
                buf_puts(b, " <span class=\"meta\">");
                html_esc(b, e->address);
                buf_puts(b, "</span>");
            }
            buf_puts(b, "</span>");
        }
        buf_deinit(&changes);
        buf_puts(b, "</td></tr>");
    }
    if (!count)
        buf_puts(b, "<tr><td colspan=\"6\">还没有记录。</td></tr>");
    buf_puts(b, "</tbody></table></div>");
}

void page_audit(Console *c, Request *r, Response *w)
{
    Buf *b = &w->body;
    page_begin(b, r, "操作日志");
    buf_puts(b,
             "<p class=\"meta\">每一次后台操作都记在这里，谁也不能修改或删除。显示最近200条。</p>");
    AuditList l;
    if (store_audit_list(c->store, 200, &l) < 0) {
        buf_puts(b, "<p class=\"error\">读取日志失败。</p>");
        page_end(b);
        return;
    }
    html_audit_table(b, l.items, l.count);
    audit_list_free(&l);
    page_end(b);
}
