/* add/edit for authored content: notices, health tips, albums, quick phrases,
 * contacts and the duty roster. `edit KIND ID` loads the row, replaces the fields
 * given on the command line and writes it back; the store validates both paths. */
#include "tools/commands.h"

#include "store/contact.h"
#include "store/health.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/roster.h"

#include <stdlib.h>
#include <string.h>

#define BODY_FILE_MAX (1024 * 1024) /* bytes; the store's own limit is in characters */
#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

/* Cuts the option table before the edit-only options when adding. */
static void drop_edit_only(CliOpt *opts, const char *first_edit_only, int edit)
{
    if (edit)
        return;
    for (CliOpt *o = opts; o->name; o++)
        if (strcmp(o->name, first_edit_only) == 0) {
            o->name = NULL;
            return;
        }
}

/* Replaces *field with a copy of value when the option was given. -1 on OOM. */
static int take(char **field, const char *value, int given)
{
    if (!given)
        return 0;
    char *copy = strdup(value ? value : "");
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

/* --body or --body-file into *out (a new string). Usage error when both are given. */
static int body_from(Cli *c, const char *body, const char *file, char **out)
{
    *out = NULL;
    if (body && file)
        return cli_usage(c, "give --body or --body-file, not both"), -1;
    if (file) {
        *out = cli_read_text(c, file, BODY_FILE_MAX);
        return *out ? 0 : -1;
    }
    if (body && !(*out = strdup(body)))
        return cli_fail(c, "out of memory"), -1;
    return 0;
}

static int edit_id(Cli *c, int edit, int64_t *id)
{
    *id = 0;
    return edit ? cli_parse_id(c, c->pos[0], "ID", id) : 0;
}

static int report(Cli *c, const char *kind, int edit, int64_t id)
{
    if (!c->quiet)
        printf("%s %s %lld\n", edit ? "updated" : "added", kind, (long long)id);
    return CLI_EXIT_OK;
}

static int notice_run(Cli *c, int argc, char **argv, int edit)
{
    const char *title = NULL, *body = NULL, *file = NULL, *category = NULL, *author = NULL;
    int pinned = 0, unpinned = 0, no_expiry = 0;
    int64_t publish = 0, expires = 0;
    CliOpt opts[] = {
        {"title", OPT_STR, &title, "TEXT", "标题（必填，最多 80 字）", 0},
        {"body", OPT_STR, &body, "TEXT", "正文", 0},
        {"body-file", OPT_STR, &file, "FILE", "从 UTF-8 文本文件读正文（- 为标准输入）", 0},
        {"category", OPT_STR, &category, "CAT", "紧急 通知 公约 倡议书 活动回顾 物业 其他", 0},
        {"pinned", OPT_FLAG, &pinned, NULL, "置顶", 0},
        {"publish", OPT_TIME, &publish, "DATE", "发布时间（默认现在）", 0},
        {"expires", OPT_TIME, &expires, "DATE", "截止时间，过期后不再显示", 0},
        {"author", OPT_STR, &author, "NAME",
         "署名（与 --as 同用时写空：楼组长或居委会，按账号身份）", 0},
        {"unpinned", OPT_FLAG, &unpinned, NULL, "取消置顶", 0},
        {"no-expiry", OPT_FLAG, &no_expiry, NULL, "不设截止时间", 0},
        OPT_END};
    drop_edit_only(opts, "unpinned", edit);
    CliSpec spec = {edit ? "edit notice ID [options]"
                         : "add notice --title T (--body B | --body-file FILE) [options]",
                    edit ? "修改一条通知：只改给出的项。" : "发布一条通知。", opts, edit, edit};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (edit_id(c, edit, &id) < 0)
        return c->status;
    if (!edit && !title)
        return cli_usage(c, "missing --title");
    if (!edit && !body && !file)
        return cli_usage(c, "missing --body or --body-file");
    char *text;
    if (body_from(c, body, file, &text) < 0)
        return c->status;
    if (c->check_only) {
        free(text);
        return CLI_EXIT_OK;
    }
    Store *s = cli_store(c);
    if (!s) {
        free(text);
        return c->status;
    }
    Notice n = {0};
    int rc;
    if (edit && store_notice_get(s, id, &n) < 0) {
        free(text);
        return cli_fail_store(c);
    }
    if (take(&n.title, title, cli_given(opts, "title")) < 0 ||
        take(&n.category, category, cli_given(opts, "category")) < 0 ||
        take(&n.author, author, cli_given(opts, "author")) < 0) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (text) {
        free(n.body);
        n.body = text;
        text = NULL;
    }
    if (pinned || unpinned)
        n.pinned = pinned;
    if (publish)
        n.publish_at = publish;
    if (expires || no_expiry)
        n.expires_at = expires;
    if (edit ? store_notice_update(s, &n) : store_notice_add(s, &n, &id))
        rc = cli_fail_store(c);
    else
        rc = report(c, "notice", edit, id);
out:
    free(text);
    notice_deinit(&n);
    return rc;
}

int cmd_add_notice(Cli *c, int argc, char **argv)
{
    return notice_run(c, argc, argv, 0);
}

int cmd_edit_notice(Cli *c, int argc, char **argv)
{
    return notice_run(c, argc, argv, 1);
}

static int tip_run(Cli *c, int argc, char **argv, int edit)
{
    const char *month = NULL, *title = NULL, *body = NULL, *file = NULL, *author = NULL;
    CliOpt opts[] = {{"month", OPT_STR, &month, "YYYY-MM", "月份（必填）", 0},
                     {"title", OPT_STR, &title, "TEXT", "标题（必填）", 0},
                     {"body", OPT_STR, &body, "TEXT", "正文", 0},
                     {"body-file", OPT_STR, &file, "FILE", "从文件读正文（- 为标准输入）", 0},
                     {"author", OPT_STR, &author, "NAME", "作者，例如 张医生", 0},
                     OPT_END};
    CliSpec spec = {edit ? "edit tip ID [options]"
                         : "add tip --month YYYY-MM --title T (--body B | --body-file FILE)",
                    "健康小贴士：每月几条。", opts, edit, edit};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (edit_id(c, edit, &id) < 0)
        return c->status;
    if (!edit && (!month || !title))
        return cli_usage(c, "missing --%s", month ? "title" : "month");
    if (!edit && !body && !file)
        return cli_usage(c, "missing --body or --body-file");
    char *text;
    if (body_from(c, body, file, &text) < 0)
        return c->status;
    Store *s = cli_store(c);
    HealthTip h = {0};
    int rc;
    if (!s || (edit && store_tip_get(s, id, &h) < 0)) {
        free(text);
        return s ? cli_fail_store(c) : c->status;
    }
    if (take(&h.month, month, cli_given(opts, "month")) < 0 ||
        take(&h.title, title, cli_given(opts, "title")) < 0 ||
        take(&h.author, author, cli_given(opts, "author")) < 0) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (text) {
        free(h.body);
        h.body = text;
        text = NULL;
    }
    if (edit ? store_tip_update(s, &h) : store_tip_add(s, &h, &id))
        rc = cli_fail_store(c);
    else
        rc = report(c, "tip", edit, id);
out:
    free(text);
    health_tip_deinit(&h);
    return rc;
}

int cmd_add_tip(Cli *c, int argc, char **argv)
{
    return tip_run(c, argc, argv, 0);
}

int cmd_edit_tip(Cli *c, int argc, char **argv)
{
    return tip_run(c, argc, argv, 1);
}

/* "笑脸墙"/"portraits" and "活动"/"event" to the store's album kinds. */
static const char *album_kind(const char *k)
{
    if (!k)
        return NULL;
    if (strcmp(k, "笑脸墙") == 0 || strcmp(k, "portrait") == 0)
        return ALBUM_PORTRAITS;
    if (strcmp(k, "活动") == 0 || strcmp(k, "活动相册") == 0)
        return ALBUM_EVENT;
    return k;
}

static int album_run(Cli *c, int argc, char **argv, int edit)
{
    const char *name = NULL, *kind = NULL, *desc = NULL;
    int64_t date = 0, sort = 0;
    CliOpt opts[] = {
        {"name", OPT_STR, &name, "NAME", "相册名称（必填，不可重复）", 0},
        {"kind", OPT_STR, &kind, "KIND", "portraits（笑脸墙）或 event（活动，默认）", 0},
        {"description", OPT_STR, &desc, "TEXT", "说明", 0},
        {"date", OPT_TIME, &date, "DATE", "活动日期", 0},
        {"sort", OPT_INT, &sort, "N", "排序，小的在前", 0},
        OPT_END};
    CliSpec spec = {edit ? "edit album ID [options]" : "add album --name NAME [options]",
                    "相册：笑脸墙或活动相册。照片用 `photo add` 加入。", opts, edit, edit};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (edit_id(c, edit, &id) < 0)
        return c->status;
    if (!edit && !name)
        return cli_usage(c, "missing --name");
    if (c->check_only)
        return CLI_EXIT_OK;
    Store *s = cli_store(c);
    Album a = {0};
    if (!s || (edit && store_album_get(s, id, &a) < 0))
        return s ? cli_fail_store(c) : c->status;
    int rc;
    if (take(&a.name, name, cli_given(opts, "name")) < 0 ||
        take(&a.kind, album_kind(kind), kind != NULL) < 0 ||
        take(&a.description, desc, cli_given(opts, "description")) < 0 ||
        (!a.kind && !(a.kind = strdup(ALBUM_EVENT)))) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (cli_given(opts, "date"))
        a.event_at = date;
    if (cli_given(opts, "sort"))
        a.sort = (int)sort;
    if (edit ? store_album_update(s, &a) : store_album_add(s, &a, &id))
        rc = cli_fail_store(c);
    else
        rc = report(c, "album", edit, id);
out:
    album_deinit(&a);
    return rc;
}

int cmd_add_album(Cli *c, int argc, char **argv)
{
    return album_run(c, argc, argv, 0);
}

int cmd_edit_album(Cli *c, int argc, char **argv)
{
    return album_run(c, argc, argv, 1);
}

int cmd_add_phrase(Cli *c, int argc, char **argv)
{
    const char *form = NULL, *text = NULL;
    int64_t sort = 0;
    CliOpt opts[] = {{"form", OPT_STR, &form, "FORM", "suggestion、wish 或 question", 0},
                     {"text", OPT_STR, &text, "TEXT", "短语，例如 楼道灯坏了", 0},
                     {"sort", OPT_INT, &sort, "N", "排序，小的在前", 0},
                     OPT_END};
    CliSpec spec = {"add phrase --form FORM --text TEXT [--sort N]",
                    "快捷短语：居民在表单里点一下就能填入的常用句子。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!form || !text)
        return cli_usage(c, "missing --%s", form ? "text" : "form");
    Store *s = cli_store(c);
    if (!s)
        return c->status;
    Phrase p = {.form = (char *)form, .text = (char *)text, .sort = (int)sort};
    int64_t id;
    if (store_phrase_add(s, &p, &id) < 0)
        return cli_fail_store(c);
    return report(c, "phrase", 0, id);
}

static int contact_run(Cli *c, int argc, char **argv, int edit)
{
    const char *kind = NULL, *name = NULL, *phone = NULL, *note = NULL, *qr = NULL;
    int64_t sort = 0;
    CliOpt opts[] = {
        {"kind", OPT_STR, &kind, "KIND", "emergency committee property hotline groupchat other", 0},
        {"name", OPT_STR, &name, "NAME", "名称，例如 康乐居委会（必填）", 0},
        {"phone", OPT_STR, &phone, "PHONE", "电话", 0},
        {"note", OPT_STR, &note, "TEXT", "备注，例如 工作日 8:30-17:00", 0},
        {"qr", OPT_STR, &qr, "TEXT", "显示为二维码的文字（如群聊邀请）", 0},
        {"sort", OPT_INT, &sort, "N", "排序，小的在前", 0},
        OPT_END};
    CliSpec spec = {edit ? "edit contact ID [options]"
                         : "add contact --kind KIND --name NAME [options]",
                    "联系电话与群聊二维码。", opts, edit, edit};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (edit_id(c, edit, &id) < 0)
        return c->status;
    if (!edit && (!kind || !name))
        return cli_usage(c, "missing --%s", kind ? "name" : "kind");
    Store *s = cli_store(c);
    Contact k = {0};
    if (!s || (edit && store_contact_get(s, id, &k) < 0))
        return s ? cli_fail_store(c) : c->status;
    int rc;
    if (take(&k.kind, kind, kind != NULL) < 0 || take(&k.name, name, name != NULL) < 0 ||
        take(&k.phone, phone, phone != NULL) < 0 || take(&k.note, note, note != NULL) < 0 ||
        take(&k.qr_text, qr, qr != NULL) < 0) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (cli_given(opts, "sort"))
        k.sort = (int)sort;
    if (edit ? store_contact_update(s, &k) : store_contact_add(s, &k, &id))
        rc = cli_fail_store(c);
    else
        rc = report(c, "contact", edit, id);
out:
    contact_deinit(&k);
    return rc;
}

int cmd_add_contact(Cli *c, int argc, char **argv)
{
    return contact_run(c, argc, argv, 0);
}

int cmd_edit_contact(Cli *c, int argc, char **argv)
{
    return contact_run(c, argc, argv, 1);
}

static int roster_run(Cli *c, int argc, char **argv, int edit)
{
    const char *slot = NULL, *place = NULL, *person = NULL, *room = NULL;
    int64_t day = 0;
    CliOpt opts[] = {{"day", OPT_TIME, &day, "DATE", "日期（必填）", 0},
                     {"slot", OPT_STR, &slot, "TEXT", "时段，例如 上午 8:00-12:00", 0},
                     {"place", OPT_STR, &place, "TEXT", "地点，例如 一楼大厅", 0},
                     {"person", OPT_STR, &person, "NAME", "值守人（必填）", 0},
                     {"room", OPT_STR, &room, "ROOM", "值守人房号", 0},
                     OPT_END};
    CliSpec spec = {edit ? "edit roster ID [options]"
                         : "add roster --day DATE --person NAME [options]",
                    "楼道值守排班。", opts, edit, edit};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (edit_id(c, edit, &id) < 0)
        return c->status;
    if (!edit && (!day || !person))
        return cli_usage(c, "missing --%s", day ? "person" : "day");
    Store *s = cli_store(c);
    RosterEntry e = {0};
    if (!s || (edit && store_roster_get(s, id, &e) < 0))
        return s ? cli_fail_store(c) : c->status;
    int rc;
    if (take(&e.slot, slot, slot != NULL) < 0 || take(&e.place, place, place != NULL) < 0 ||
        take(&e.person, person, person != NULL) < 0 || take(&e.room, room, room != NULL) < 0) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    if (day)
        e.day = day;
    if (edit ? store_roster_update(s, &e) : store_roster_add(s, &e, &id))
        rc = cli_fail_store(c);
    else
        rc = report(c, "roster", edit, id);
out:
    roster_entry_deinit(&e);
    return rc;
}

int cmd_add_roster(Cli *c, int argc, char **argv)
{
    return roster_run(c, argc, argv, 0);
}

int cmd_edit_roster(Cli *c, int argc, char **argv)
{
    return roster_run(c, argc, argv, 1);
}
