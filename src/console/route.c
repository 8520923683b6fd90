/* Maps a request to its page after the checks every request passes: a form that is too
 * big (413), a session (else 303 to /login, or 403 for a post), and for every post a
 * CSRF token that matches the session's (else 403, nothing written). */
#include "console/console.h"
#include "console/tip_photo.h"

#include "core/timeutil.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Matches "/PREFIX/ID/SUFFIX" (suffix may be NULL for "/PREFIX/ID"); sets *id. */
static int match_id(const char *path, const char *prefix, const char *suffix, int64_t *id)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0 || path[n] != '/')
        return 0;
    char *end;
    long long v = strtoll(path + n + 1, &end, 10);
    if (end == path + n + 1 || v <= 0)
        return 0;
    if (suffix ? (end[0] != '/' || strcmp(end + 1, suffix) != 0) : end[0] != '\0')
        return 0;
    *id = v;
    return 1;
}

/* Matches "/staff/LOGIN/ACTION" for ACTION disable, enable or passwd; copies LOGIN into
 * login (STAFF_LOGIN_MAX + 1 bytes) and points *action at the action's name. */
static int staff_login_action(const char *path, char *login, const char **action)
{
    static const char *const actions[] = {"disable", "enable", "passwd"};
    if (strncmp(path, "/staff/", 7) != 0)
        return 0;
    const char *slash = strchr(path + 7, '/');
    size_t n = slash ? (size_t)(slash - (path + 7)) : 0;
    if (!n || n > STAFF_LOGIN_MAX)
        return 0;
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(slash + 1, actions[i]) == 0) {
            memcpy(login, path + 7, n);
            login[n] = '\0';
            *action = actions[i];
            return 1;
        }
    return 0;
}

static void not_found(Request *r, Response *w)
{
    page_message(w, r, MHD_HTTP_NOT_FOUND, "找不到这个页面", "地址不对，或者这一条已经不在了。");
}

static void route_get(Console *c, Request *r, Response *w)
{
    const char *p = r->path;
    int64_t id;
    if (strcmp(p, "/") == 0)
        page_home(c, r, w);
    else if (strcmp(p, "/notices") == 0)
        page_notices(c, r, w);
    else if (strcmp(p, "/notices/new") == 0)
        page_notice_new(c, r, w);
    else if (strncmp(p, "/notices/preview/", 17) == 0 && p[17] >= '1' &&
             p[17] < '1' + PREVIEW_COUNT && strcmp(p + 18, ".png") == 0)
        page_notice_preview_png(c, r, w, p[17] - '1');
    else if (match_id(p, "/notices", "edit", &id))
        page_notice_edit(c, r, w, id);
    else if (strcmp(p, "/roster") == 0 || strcmp(p, "/contacts") == 0)
        page_roster(c, r, w);
    else if (strcmp(p, "/phrases") == 0)
        page_phrases(c, r, w);
    else if (strcmp(p, "/suggestions") == 0)
        page_suggestions(c, r, w);
    else if (strcmp(p, "/wishes") == 0)
        page_wishes(c, r, w);
    else if (strcmp(p, "/questions") == 0)
        page_questions(c, r, w);
    else if (strcmp(p, "/activities") == 0)
        page_activities(c, r, w);
    else if (strcmp(p, "/activities/new") == 0)
        page_activity_new(c, r, w);
    else if (strcmp(p, "/health") == 0)
        page_health(c, r, w);
    else if (match_id(p, "/health", "photo", &id))
        page_health_photo(c, r, w, id);
    else if (match_id(p, "/polls", "votes.csv", &id))
        page_poll_csv(c, r, w, id);
    else if (match_id(p, "/activities", NULL, &id))
        page_activity(c, r, w, id);
    else if (match_id(p, "/activities", "edit", &id))
        page_activity_edit(c, r, w, id);
    else if (match_id(p, "/albums", "edit", &id))
        page_album_edit(c, r, w, id);
    else if (match_id(p, "/activities", "signups.csv", &id))
        page_activity_csv(c, r, w, id);
    else if (match_id(p, "/activities", "signups.xlsx", &id))
        page_activity_xlsx(c, r, w, id);
    else if (strcmp(p, "/polls") == 0)
        page_polls(c, r, w);
    else if (strcmp(p, "/polls/new") == 0)
        page_poll_new(c, r, w);
    else if (strcmp(p, "/photos") == 0)
        page_photos(c, r, w);
    else if (match_id(p, "/photos", "file", &id))
        page_photo_file(c, r, w, id);
    else if (strcmp(p, "/kiosks") == 0)
        page_kiosks(c, r, w);
    else if (strcmp(p, "/staff") == 0)
        page_staff(c, r, w);
    else if (strcmp(p, "/audit") == 0)
        page_audit(c, r, w);
    else
        not_found(r, w);
}

static void route_post(Console *c, Request *r, Response *w)
{
    const char *p = r->path;
    int64_t id;
    char login[STAFF_LOGIN_MAX + 1];
    const char *action;
    static const char *const wish_steps[] = {"approve", "decline", "fulfil"};
    if (strcmp(p, "/logout") == 0)
        page_logout(c, r, w);
    else if (strcmp(p, "/notices/new") == 0)
        page_notice_new(c, r, w);
    else if (match_id(p, "/notices", "edit", &id))
        page_notice_edit(c, r, w, id);
    else if (strcmp(p, "/roster/new") == 0)
        page_roster_new(c, r, w);
    else if (match_id(p, "/roster", "remove", &id))
        page_roster_remove(c, r, w, id);
    else if (strcmp(p, "/contacts/new") == 0)
        page_contact_new(c, r, w);
    else if (match_id(p, "/contacts", "remove", &id))
        page_contact_remove(c, r, w, id);
    else if (strcmp(p, "/phrases/new") == 0)
        page_phrase_new(c, r, w);
    else if (match_id(p, "/phrases", "remove", &id))
        page_phrase_remove(c, r, w, id);
    else if (match_id(p, "/notices", "withdraw", &id))
        page_notice_withdraw(c, r, w, id);
    else if (match_id(p, "/suggestions", "reply", &id))
        page_suggestion_reply(c, r, w, id);
    else if (match_id(p, "/questions", "answer", &id))
        page_question_answer(c, r, w, id);
    else if (strcmp(p, "/activities/new") == 0)
        page_activity_new(c, r, w);
    else if (match_id(p, "/activities", "edit", &id))
        page_activity_edit(c, r, w, id);
    else if (match_id(p, "/activities", "cancel", &id))
        page_signup_cancel(c, r, w, id);
    else if (match_id(p, "/activities", "withdraw", &id))
        page_activity_withdraw(c, r, w, id);
    else if (match_id(p, "/polls", "withdraw", &id))
        page_poll_withdraw(c, r, w, id);
    else if (strcmp(p, "/polls/new") == 0)
        page_poll_new(c, r, w);
    else if (strcmp(p, "/health/new") == 0)
        page_health_new(c, r, w);
    else if (match_id(p, "/health", "remove", &id))
        page_health_remove(c, r, w, id);
    else if (strcmp(p, "/photos/upload") == 0)
        page_photo_upload(c, r, w);
    else if (match_id(p, "/photos", "remove", &id))
        page_photo_remove(c, r, w, id);
    else if (match_id(p, "/albums", "rename", &id))
        page_album_rename(c, r, w, id);
    else if (match_id(p, "/albums", "edit", &id))
        page_album_edit(c, r, w, id);
    else if (match_id(p, "/albums", "withdraw", &id))
        page_album_withdraw(c, r, w, id);
    else if (strcmp(p, "/staff/new") == 0)
        page_staff_new(c, r, w);
    else if (staff_login_action(p, login, &action) && strcmp(action, "passwd") != 0)
        page_staff_switch(c, r, w, login, strcmp(action, "enable") == 0);
    else {
        for (size_t i = 0; i < 3; i++)
            if (match_id(p, "/wishes", wish_steps[i], &id)) {
                page_wish_step(c, r, w, id, wish_steps[i]);
                return;
            }
        not_found(r, w);
    }
}

/* "/kiosks/NAME" + tail, NAME a kiosk's name (sql/hub/001: [A-Za-z0-9_.-]{1,40}),
 * copied into name. */
static int kiosk_path(const char *p, const char *tail, char name[41])
{
    size_t n = strlen(p), t = strlen(tail);
    if (strncmp(p, "/kiosks/", 8) != 0 || n <= 8 + t || strcmp(p + n - t, tail) != 0)
        return 0;
    size_t len = n - 8 - t;
    if (len > 40 || strspn(p + 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789_.-") < len)
        return 0;
    memcpy(name, p + 8, len);
    name[len] = '\0';
    return 1;
}

/* Hub mode: the pages built on the hub's staff functions so far. */
static void route_hub(Console *c, Request *r, Response *w)
{
    const char *p = r->path;
    int64_t id;
    char login[STAFF_LOGIN_MAX + 1];
    const char *action;
    char name[41];
    int post = strcmp(r->method, "POST") == 0;
    if (post && strcmp(p, "/logout") == 0)
        page_logout(c, r, w);
    else if (strcmp(p, "/") == 0 && !post)
        hub_page_home(c, r, w);
    else if (strcmp(p, "/notices/new") == 0)
        page_notice_new(c, r, w);
    else if (match_id(p, "/notices", "edit", &id))
        page_notice_edit(c, r, w, id);
    else if (!post && strncmp(p, "/notices/preview/", 17) == 0 && p[17] >= '1' &&
             p[17] < '1' + PREVIEW_COUNT && strcmp(p + 18, ".png") == 0)
        page_notice_preview_png(c, r, w, p[17] - '1');
    else if (strcmp(p, "/notices") == 0 && !post)
        hub_page_notices(c, r, w);
    else if (post && match_id(p, "/notices", "withdraw", &id))
        hub_page_notice_withdraw(c, r, w, id);
    else if (strcmp(p, "/kiosks") == 0 && !post)
        hub_page_kiosks(c, r, w);
    else if (kiosk_path(p, post ? "/screenshot" : "/screenshot.png", name))
        hub_page_kiosk_screenshot(c, r, w, name, post);
    else if (strcmp(p, "/wishes") == 0 && !post)
        hub_page_writing(c, r, w, "wish");
    else if (strcmp(p, "/suggestions") == 0 && !post)
        hub_page_writing(c, r, w, "suggestion");
    else if (strcmp(p, "/questions") == 0 && !post)
        hub_page_writing(c, r, w, "question");
    else if (strcmp(p, "/moderate") == 0 && post)
        hub_page_moderate(c, r, w);
    else if (strcmp(p, "/polls") == 0 && !post)
        hub_page_polls(c, r, w);
    else if (strcmp(p, "/audit") == 0 && !post)
        hub_page_audit(c, r, w);
    else if (strcmp(p, "/activities") == 0 && !post)
        hub_page_activities(c, r, w);
    else if (strcmp(p, "/activities/new") == 0)
        hub_page_activity_new(c, r, w);
    else if (post && match_id(p, "/activities", "cancel", &id))
        hub_page_signup_cancel(c, r, w, id);
    else if (post && match_id(p, "/activities", "withdraw", &id))
        page_activity_withdraw(c, r, w, id);
    else if (post && match_id(p, "/polls", "withdraw", &id))
        page_poll_withdraw(c, r, w, id);
    else if (strcmp(p, "/polls/new") == 0)
        page_poll_new(c, r, w);
    else if (strcmp(p, "/health") == 0 && !post)
        hub_page_health(c, r, w);
    else if (!post && match_id(p, "/health", "photo", &id))
        hub_page_health_photo(c, r, w, id);
    else if (strcmp(p, "/health/new") == 0 && post)
        page_health_new(c, r, w);
    else if (post && match_id(p, "/health", "remove", &id))
        hub_page_health_remove(c, r, w, id);
    else if (strcmp(p, "/staff") == 0 && !post)
        hub_page_staff(c, r, w);
    else if (strcmp(p, "/staff/new") == 0 && post)
        hub_page_staff_new(c, r, w);
    else if (post && staff_login_action(p, login, &action))
        hub_page_staff_action(c, r, w, login, action);
    else if (strcmp(p, "/photos") == 0 && !post)
        hub_page_photos(c, r, w);
    else if (strcmp(p, "/photos/upload") == 0 && post)
        hub_page_photo_upload(c, r, w);
    else if (post && match_id(p, "/photos", "remove", &id))
        hub_page_photo_remove(c, r, w, id);
    else if (post && match_id(p, "/albums", "rename", &id))
        page_album_rename(c, r, w, id);
    else if (match_id(p, "/albums", "edit", &id))
        page_album_edit(c, r, w, id);
    else if (post && match_id(p, "/albums", "withdraw", &id))
        page_album_withdraw(c, r, w, id);
    else if (!post && match_id(p, "/activities", NULL, &id))
        hub_page_activity(c, r, w, id);
    else if (match_id(p, "/activities", "edit", &id))
        page_activity_edit(c, r, w, id);
    else if (!post && match_id(p, "/activities", "signups.csv", &id))
        hub_page_activity_csv(c, r, w, id);
    else if (!post && match_id(p, "/activities", "signups.xlsx", &id))
        hub_page_activity_xlsx(c, r, w, id);
    else if (!post && match_id(p, "/polls", "votes.csv", &id))
        hub_page_poll_csv(c, r, w, id);
    else if (!post && match_id(p, "/polls", NULL, &id))
        hub_page_poll(c, r, w, id);
    else if (!post && (strcmp(p, "/roster") == 0 || strcmp(p, "/contacts") == 0))
        hub_page_roster(c, r, w, NULL);
    else if (post && strcmp(p, "/roster/new") == 0)
        page_roster_new(c, r, w);
    else if (post && match_id(p, "/roster", "remove", &id))
        page_roster_remove(c, r, w, id);
    else if (post && strcmp(p, "/contacts/new") == 0)
        page_contact_new(c, r, w);
    else if (post && match_id(p, "/contacts", "remove", &id))
        page_contact_remove(c, r, w, id);
    else if (!post && strcmp(p, "/phrases") == 0)
        page_phrases(c, r, w);
    else if (post && strcmp(p, "/phrases/new") == 0)
        page_phrase_new(c, r, w);
    else if (post && match_id(p, "/phrases", "remove", &id))
        page_phrase_remove(c, r, w, id);
    else
        page_message(
            w, r, MHD_HTTP_NOT_FOUND, "没有这一页",
            "连着中心库时没有这一页（修改已发布的通知和活动，请用 yanxiactl --hub 命令）。");
}

void route(Console *c, Request *r, Response *w)
{
    if (strcmp(r->path, "/static/console.css") == 0) {
        buf_puts(&w->body, CONSOLE_CSS);
        w->content_type = "text/css; charset=utf-8";
        w->cacheable = 1;
        return;
    }
    if (strcmp(r->path, "/favicon.ico") == 0) {
        w->status = MHD_HTTP_NO_CONTENT;
        w->content_type = "image/x-icon";
        w->cacheable = 1;
        return;
    }
    if (!r->method[0]) {
        page_message(w, r, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求",
                     "这个地址只能打开或提交表单。");
        return;
    }
    if (r->too_big) {
        page_message(w, r, MHD_HTTP_CONTENT_TOO_LARGE, "提交的内容太大",
                     r->nuploads ? "一次最多传20张照片，每张不超过25 MB。什么都没有保存，"
                                   "请分几次上传。"
                                 : "一次提交最多256 KB，什么都没有保存。请把内容缩短后再提交。");
        return;
    }
    if (r->upload_error) {
        page_message(w, r, MHD_HTTP_INSUFFICIENT_STORAGE, "照片没有收下",
                     "服务器写不下上传的文件（磁盘满了？）。什么都没有保存，请告诉管理员。");
        return;
    }
    int64_t now = time_now();
    r->session = session_find(c, req_cookie(r, "yx_session"), now);
    if (strcmp(r->path, "/login") == 0) {
        page_login(c, r, w);
        return;
    }
    int post = strcmp(r->method, "POST") == 0;
    if (!r->session) {
        if (post)
            page_message(w, r, MHD_HTTP_FORBIDDEN, "请先登录",
                         "登录已过期或已退出，什么都没有保存。");
        else
            resp_redirect(w, "/login");
        return;
    }
    if (post && !session_csrf_ok(r->session, req_field(r, "csrf"))) {
        page_message(w, r, MHD_HTTP_FORBIDDEN, "页面已过期",
                     "这个表单不是从本后台的页面提交的，或者页面已过期。什么都没有保存，"
                     "请回到页面重新填写。");
        return;
    }
    if (!c->store) {
        route_hub(c, r, w);
        return;
    }
    if (post) {
        if (!session_csrf_ok(r->session, req_field(r, "csrf"))) {
            page_message(w, r, MHD_HTTP_FORBIDDEN, "页面已过期",
                         "这个表单不是从本后台的页面提交的，或者页面已过期。什么都没有保存，"
                         "请回到页面重新填写。");
            return;
        }
        route_post(c, r, w);
    } else {
        route_get(c, r, w);
    }
}
