/* HTML writing: every piece of residents' or staff's text goes through html_esc (text)
 * or html_attr (attribute values), so "<script>" in a suggestion is shown, not run.
 * Pages are phone first: one column, big tap targets, no script at all. */
#include "console/console.h"

#include "core/timeutil.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_esc(Buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

/* html_esc() of the first n bytes of s, its line breaks as spaces. */
static void esc_excerpt(Buf *b, const char *s, size_t n)
{
    char *part = strndup(s, n);
    for (char *p = part; p && *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    html_esc(b, part ? part : "");
    free(part);
}

void html_long_text(Buf *b, const char *s)
{
    enum { SHORT_CP = 150, SHORT_LINES = 4, EXCERPT_CP = 60 };
    size_t lines = 1;
    for (const char *p = s; p && *p; p++)
        lines += *p == '\n';
    if (!s || (utf8_count(s) <= SHORT_CP && lines <= SHORT_LINES)) {
        buf_puts(b, "<p class=\"text\">");
        html_esc(b, s);
        buf_puts(b, "</p>");
        return;
    }
    /* the excerpt: its first EXCERPT_CP characters, on one line (a first line alone is
     * often only the greeting) */
    buf_puts(b, "<details class=\"long\"><summary><span class=\"excerpt\">");
    esc_excerpt(b, s, utf8_prefix_bytes(s, EXCERPT_CP));
    buf_puts(b, "…</span><span class=\"more\"></span></summary><p class=\"text\">");
    html_esc(b, s);
    buf_puts(b, "</p></details>");
}

void html_attr(Buf *b, const char *s)
{
    html_esc(b, s);
}

void html_time(Buf *b, int64_t t)
{
    char s[48];
    if (t <= 0) {
        buf_puts(b, "—");
        return;
    }
    time_format(t, "%Y-%m-%d %H:%M", s, sizeof s);
    buf_puts(b, s);
}

void html_until(Buf *b, int64_t t)
{
    /* an end at midnight belongs to the day before: "12-19 24:00", not "12-20 00:00",
     * which reads as the night before the 20th */
    if (t > 0 && t == time_day_start(t)) {
        char s[48];
        time_format(t - 1, "%Y-%m-%d", s, sizeof s);
        buf_printf(b, "%s 24:00", s);
        return;
    }
    html_time(b, t);
}

void html_csrf(Buf *b, const Request *r)
{
    if (!r->session)
        return;
    buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    buf_puts(b, r->session->csrf);
    buf_puts(b, "\">");
}

/* The menu. On a phone the first NAV_PRIMARY items stand in one row beside 更多, a
 * <details> that opens the rest as a panel of big buttons (no script); from
 * NAV_WIDE_CSS's width up everything stands in one row. The rest are written twice, once
 * for each width, and CSS shows one copy. */
static const struct {
    const char *href, *label, *also; /* also: the same page under another address */
} NAV[] = {{"/", "待办", NULL},
           {"/notices", "通知", NULL},
           {"/suggestions", "建议", NULL},
           {"/wishes", "心愿", NULL},
           {"/activities", "活动", NULL},
           {"/questions", "答疑", NULL},
           {"/health", "健康", NULL},
           {"/polls", "征询", NULL},
           {"/photos", "照片", "/albums"},
           {"/roster", "值守电话", "/contacts"},
           {"/phrases", "快捷短语", NULL},
           {"/kiosks", "楼道屏", NULL},
           {"/staff", "账号", NULL},
           {"/audit", "日志", NULL}};
enum { NAV_PRIMARY = 5 };

static int nav_shown(const Request *r, size_t i)
{
    /* accounts are for administrators: the others would only find a refusal */
    return strcmp(NAV[i].href, "/staff") != 0 || staff_may_manage_accounts(&r->session->actor);
}

static int path_under(const char *path, const char *page)
{
    size_t n = strlen(page);
    return strcmp(path, page) == 0 ||
           (n > 1 && strncmp(path, page, n) == 0 && (path[n] == '/' || path[n] == '\0'));
}

static int nav_here(const Request *r, size_t i)
{
    return path_under(r->path, NAV[i].href) || (NAV[i].also && path_under(r->path, NAV[i].also));
}

static void nav_links(Buf *b, const Request *r, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (nav_shown(r, i))
            buf_printf(b, "<a href=\"%s\"%s>%s</a>", NAV[i].href,
                       nav_here(r, i) ? " class=\"here\" aria-current=\"page\"" : "", NAV[i].label);
}

static void nav_write(Buf *b, const Request *r)
{
    size_t all = sizeof NAV / sizeof NAV[0];
    int here_in_more = 0;
    for (size_t i = NAV_PRIMARY; i < all; i++)
        here_in_more |= nav_shown(r, i) && nav_here(r, i);
    buf_puts(b, "<nav aria-label=\"菜单\">");
    nav_links(b, r, 0, NAV_PRIMARY);
    buf_puts(b, "<span class=\"wide\">");
    nav_links(b, r, NAV_PRIMARY, all);
    /* the page shown is under 更多: 更多 is marked, and the page again inside it */
    buf_printf(b, "</span><details class=\"menu-more\"><summary%s>更多</summary><div>",
               here_in_more ? " class=\"here\"" : "");
    nav_links(b, r, NAV_PRIMARY, all);
    buf_puts(b, "</div></details></nav>");
}

void page_begin(Buf *b, const Request *r, const char *title)
{
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<link rel=\"stylesheet\" href=\"/static/console.css\"><title>");
    html_esc(b, title);
    buf_puts(b, " · 檐下管理后台</title></head><body>");
    if (r->session) {
        buf_puts(b, "<header><div class=\"bar\"><span class=\"brand\">檐下</span>"
                    "<span class=\"who\">");
        html_esc(b, r->session->actor.login);
        buf_puts(b, "</span><form method=\"post\" action=\"/logout\" class=\"inline\">");
        html_csrf(b, r);
        buf_puts(b, "<button class=\"link\">退出</button></form></div>");
        nav_write(b, r);
        buf_puts(b, "</header>");
    }
    buf_puts(b, "<main><h1>");
    html_esc(b, title);
    buf_puts(b, "</h1>");
}

void page_end(Buf *b)
{
    buf_puts(b, "</main></body></html>\n");
}

/* The messages a redirect may ask a page to show (?ok=KEY): fixed sentences, so the
 * address bar cannot put words on the page. */
static const struct {
    const char *key, *text;
} FLASH[] = {{"published", "通知已发布，楼道屏上马上就能看到。"},
             {"saved_hub", "已保存到中心库，这栋楼的楼道屏下次同步后更新。"},
             {"hub_published", "通知已发布到中心库，这栋楼的楼道屏下次同步后显示。"},
             {"withdrawn", "已撤下。"},
             {"saved", "修改已保存，楼道屏上马上就能看到。"},
             {"added", "已添加。"},
             {"replied", "回复已保存，居民可以在屏上看到。"},
             {"approved", "心愿已通过，已上墙。"},
             {"declined", "心愿未通过，原因只有工作人员能看到。"},
             {"fulfilled", "心愿已标记为完成。"},
             {"answered", "解答已保存。"},
             {"staff_added", "账号已添加。"},
             {"uploaded", "照片已收下，楼道屏上马上就能看到（没有勾选“同意展示”的不会显示）。"},
             {"removed", "照片已撤下，楼道屏上不再显示。"},
             {"cancelled", "已替居民取消报名；候补的第一户自动补上。"},
             {"staff_disabled", "账号已停用。"},
             {"staff_enabled", "账号已恢复，可以用原来的密码登录。"},
             {"staff_passwd", "密码已重设，请把新密码告诉本人。"},
             {"hub_activity", "活动已发布到中心库，这栋楼的楼道屏下次同步后显示。"},
             {"hub_cancelled", "已替居民取消报名；候补的第一户自动补上，楼道屏下次同步后更新。"},
             {"hub_uploaded", "照片已收下，这栋楼的楼道屏下次同步后显示（没有勾选“同意展示”的不会"
                              "显示）。"},
             {"hub_tip", "小贴士已发布到中心库，这栋楼的楼道屏下次同步后显示。"},
             {"poll", "征询已发起，楼道屏上马上就能投票。"},
             {"hub_poll", "征询已发布到中心库，这栋楼的楼道屏下次同步后就能投票。"},
             {"activity_withdrawn", "活动已撤下，楼道屏上不再显示；报名名单仍可导出。"},
             {"hub_withdrawn", "活动已撤下，这栋楼的楼道屏下次同步后不再显示。"},
             {"poll_withdrawn", "征询已撤下，楼道屏上不再显示。"},
             {"hub_poll_withdrawn", "征询已撤下，这栋楼的楼道屏下次同步后不再显示。"},
             {"album_renamed", "相册已改名。"},
             {"hub_album_renamed", "相册已改名，这栋楼的楼道屏下次同步后更新。"},
             {"album_saved", "相册已修改。"},
             {"hub_album_saved", "相册已修改，这栋楼的楼道屏下次同步后更新。"},
             {"album_withdrawn", "相册和其中的照片已撤下，楼道屏上不再显示。"},
             {"hub_album_withdrawn", "相册和其中的照片已撤下，这栋楼的楼道屏下次同步后不再显示。"},
             {"phrase_added", "快捷短语已添加，楼道屏上马上就能点选。"},
             {"hub_phrase_added", "快捷短语已发布到中心库，这栋楼的楼道屏下次同步后就能点选。"},
             {"phrase_removed", "快捷短语已删除，楼道屏上不再出现。"},
             {"hub_phrase_removed", "快捷短语已删除，这栋楼的楼道屏下次同步后不再出现。"}};

void html_flash(Buf *b, const Request *r)
{
    const char *ok = req_query(r, "ok");
    for (size_t i = 0; ok && i < sizeof FLASH / sizeof FLASH[0]; i++)
        if (strcmp(ok, FLASH[i].key) == 0)
            buf_printf(b, "<p class=\"flash\" role=\"status\">%s</p>", FLASH[i].text);
}

size_t page_number(const Request *r)
{
    const char *p = req_query(r, "page");
    long n = p ? strtol(p, NULL, 10) : 1;
    return n >= 1 && n <= 100000 ? (size_t)n : 1;
}

void html_pager(Buf *b, const char *base, size_t page, int has_more)
{
    if (page <= 1 && !has_more)
        return;
    char sep = strchr(base, '?') ? '&' : '?';
    buf_puts(b, "<p class=\"actions pager\">");
    if (page > 1)
        buf_printf(b, "<a class=\"button quiet\" href=\"%s%cpage=%zu\">‹ 上一页</a>", base, sep,
                   page - 1);
    buf_printf(b, "<span>第 %zu 页</span>", page);
    if (has_more)
        buf_printf(b, "<a class=\"button quiet\" href=\"%s%cpage=%zu\">下一页 ›</a>", base, sep,
                   page + 1);
    buf_puts(b, "</p>");
}

void html_confirm(Buf *b, const Request *r, const HtmlConfirm *c)
{
    buf_puts(b, "<details class=\"confirm\"><summary>");
    html_esc(b, c->label);
    buf_puts(b, "</summary><div class=\"confirm-body\"><p>");
    html_esc(b, c->what);
    buf_puts(b, "</p><form method=\"post\" action=\"");
    html_attr(b, c->action);
    buf_puts(b, "\">");
    html_csrf(b, r);
    for (size_t k = 0; k < 2 && c->fields[k][0]; k++) {
        buf_puts(b, "<input type=\"hidden\" name=\"");
        html_attr(b, c->fields[k][0]);
        buf_puts(b, "\" value=\"");
        html_attr(b, c->fields[k][1]);
        buf_puts(b, "\">");
    }
    /* closing is a tap on the summary again; the hint says so for those who hesitate */
    buf_puts(b, "<button class=\"danger\">");
    html_esc(b, c->button);
    buf_puts(b, "</button><span class=\"meta\">改主意了，再点一下上面的按钮就收起。</span>"
                "</form></div></details>");
}

void removed_or_refused(Console *c, Request *r, Response *w, int rc, const char *to)
{
    if (rc < 0)
        page_message(w, r, 404, "没有撤下", staff_error(&r->session->actor));
    else
        resp_redirect(w, "%s", to);
}

void page_message(Response *w, const Request *r, int status, const char *title,
                  const char *sentence)
{
    w->status = status;
    buf_reset(&w->body);
    page_begin(&w->body, r, title);
    buf_puts(&w->body, "<p class=\"message\">");
    html_esc(&w->body, sentence);
    buf_puts(&w->body, "</p><p><a class=\"button\" href=\"/\">回到待办</a></p>");
    page_end(&w->body);
}

const char CONSOLE_CSS[] =
    ":root{--ink:#1f2a33;--soft:#5b6770;--line:#d9dee2;--bg:#f6f4ef;--card:#fff;"
    "--accent:#b5452a;--ok:#2f7d4f;--warn:#b7791f}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.6 \"Noto Sans CJK SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\n"
    "header{background:#7a2e1c;color:#fff;position:relative}\n"
    ".bar,nav{max-width:960px;margin:0 auto}\n"
    ".bar{display:flex;align-items:center;gap:.75em;padding:.5em 1em}\n"
    ".brand{font-weight:700;font-size:1.2em}.who{margin-left:auto;opacity:.9}\n"
    /* the menu (nav_write): on a phone one row, the first pages and 更多 sharing it evenly;
     * 更多 opens the rest as a panel of big buttons over the page, below the header */
    /* a phone whose browser enlarges the type (WeChat's font size): the row scrolls
     * sideways rather than its words overlapping */
    "nav{display:flex;gap:.25em;padding:0 .5em .5em;overflow-x:auto}\n"
    "nav a,nav summary{color:#fff;text-decoration:none;padding:0 .3em;border-radius:1em;"
    "min-height:44px;display:flex;align-items:center;justify-content:center;"
    "white-space:nowrap}\n"
    "nav a.here,nav summary.here{background:#fff;color:#7a2e1c;font-weight:700}\n"
    "nav>a{flex:1 1 0;max-width:7em}nav .wide{display:none}\n"
    "details.menu-more{flex:1.3 1 0;max-width:8em}\n"
    "details.menu-more summary{list-style:none;cursor:pointer}\n"
    "details.menu-more summary::-webkit-details-marker{display:none}\n"
    "details.menu-more summary::after{content:\"\";width:.4em;height:.4em;margin:-.25em 0 0 .35em;"
    "border:solid currentColor;border-width:0 2px 2px 0;transform:rotate(45deg)}\n"
    "details.menu-more[open] summary::after{margin-top:.25em;transform:rotate(225deg)}\n"
    "details.menu-more[open] summary:not(.here){background:rgba(255,255,255,.2)}\n"
    "details.menu-more>div{position:absolute;left:0;right:0;top:100%;z-index:10;"
    "background:#7a2e1c;display:grid;grid-template-columns:repeat(3,1fr);gap:.4em;"
    "padding:.2em .5em .7em;box-shadow:0 8px 16px rgba(0,0,0,.35)}\n"
    "details.menu-more>div a{border:1px solid rgba(255,255,255,.4);border-radius:10px;"
    "min-height:48px}\n"
    /* wide enough for the whole menu in one row (14 pages, 16px type: about 910px) */
    "@media (min-width:960px){nav{flex-wrap:wrap;overflow:visible}" /* larger type: wrap */
    "nav>a{flex:none;max-width:none;padding:.35em .7em}"
    "nav .wide{display:contents}nav .wide a{padding:.35em .7em}details.menu-more{display:none}}\n"
    "main{max-width:960px;margin:0 auto;padding:1em}\n"
    "h1{font-size:1.5em;margin:.2em 0 .6em}h2{font-size:1.2em;margin:1.2em 0 .4em}\n"
    ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:.9em 1em;margin:0 0 .8em}\n"
    ".card h3{margin:0 0 .3em;font-size:1.1em}.card>h2:first-child{margin-top:0}\n"
    ".meta{color:var(--soft);font-size:.9em}\n"
    /* an audit line's facts (署名, 发布, 名额 …) under its title, a changed one bold */
    ".audit-facts{display:block}.audit-facts b{color:var(--ink)}.fact{white-space:nowrap}\n"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere}\n"
    /* a long text folded to its start (html_long_text): a tap opens it in place */
    "details.long summary{cursor:pointer;list-style:none;margin:.6em 0 0;min-height:44px}\n"
    "details.long summary::-webkit-details-marker{display:none}\n"
    "details.long[open] .excerpt{display:none}\n"
    ".more{color:#7a2e1c;text-decoration:underline;margin-left:.4em;white-space:nowrap}\n"
    ".more::after{content:\"展开全文\"}details.long[open] .more::after{content:\"收起\"}\n"
    /* an audit line's changes (html_audit_changes): each field's name, then before → after */
    "ul.changes{list-style:none;margin:0;padding:0}"
    "ul.changes li{margin:0 0 .4em;overflow-wrap:anywhere}ul.changes li:last-child{margin:0}"
    "ul.changes .field{color:var(--soft);margin-right:.6em}"
    "ul.changes details.long summary{margin:0}ul.changes details.long .text{margin:.2em 0}\n"
    ".todo{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.6em}\n"
    ".todo a{display:block;background:var(--card);border:1px solid var(--line);"
    "border-radius:10px;padding:.8em;text-decoration:none;color:var(--ink)}\n"
    ".todo b{display:block;font-size:2em;line-height:1.2}\n"
    ".todo a.hot{border-color:var(--accent)}.todo a.hot b{color:var(--accent)}\n"
    "label{display:block;margin:.7em 0 .2em;font-weight:700}\n"
    "input[type=text],input[type=password],input[type=date],input[type=datetime-local],select,"
    "textarea{width:100%;"
    "font:inherit;padding:.55em .6em;border:1px solid #aab3ba;border-radius:8px;"
    "background:#fff;min-height:44px}\n"
    "textarea{min-height:8em}\n"
    ".hint{margin:.2em 0 0}\n" /* a field's format, under it (html_text_input) */
    ".check{display:flex;align-items:center;gap:.5em;font-weight:400;min-height:44px}\n"
    /* flex:none: a label of two lines must not shrink its box */
    ".check input{width:22px;height:22px;flex:none}\n"
    "button,.button{font:inherit;background:#7a2e1c;color:#fff;border:0;border-radius:8px;"
    "padding:.55em 1.1em;min-height:44px;cursor:pointer;text-decoration:none;"
    "display:inline-block}\n"
    ".quiet,button.quiet{background:#e9e4da;color:var(--ink)}\n"
    "button.link{background:none;color:#fff;text-decoration:underline;padding:.3em}\n"
    /* html_confirm: closed, the summary is the quiet button it replaces; open, the sentence
     * and the red confirming button stand out in a bordered panel below it */
    "details.confirm{display:inline-block;vertical-align:top}\n"
    "details.confirm summary{list-style:none;cursor:pointer;display:inline-flex;"
    "align-items:center;min-height:44px;padding:.55em 1.1em;border-radius:8px;"
    "background:#e9e4da;color:var(--ink)}\n"
    "details.confirm summary::-webkit-details-marker{display:none}\n"
    "details.confirm[open]{display:block;flex-basis:100%;width:100%}\n"
    "details.confirm[open] summary{background:#fbeaea;color:var(--accent);font-weight:700}\n"
    ".confirm-body{border:2px solid var(--accent);border-radius:8px;background:#fff;"
    "padding:.6em .8em;margin-top:.4em;white-space:normal;min-width:14em;text-align:left}\n"
    ".confirm-body p{margin:0 0 .5em;white-space:normal}.confirm-body form{margin:0;"
    "display:flex;flex-wrap:wrap;align-items:center;gap:.5em}\n"
    "button.danger{background:var(--accent);font-weight:700}\n"
    "td details.confirm summary{min-height:36px;padding:.3em .8em}\n"
    ".actions{display:flex;flex-wrap:wrap;gap:.5em;margin-top:.6em}\n"
    "form.inline{display:inline}\n"
    ".pager span{align-self:center;color:var(--soft)}\n"
    ".flash{background:#e7f4ec;border-left:4px solid var(--ok);padding:.6em .8em}\n"
    ".error{background:#fbeaea;border-left:4px solid var(--accent);padding:.6em .8em}\n"
    ".tag{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;"
    "background:#e9e4da}.tag.urgent{background:var(--accent);color:#fff}\n"
    "table{border-collapse:collapse;width:100%;background:#fff}\n"
    "th,td{border-bottom:1px solid var(--line);padding:.45em .5em;text-align:left;"
    "vertical-align:top}\n"
    ".scroll{overflow-x:auto}\n"
    "table.nowrap th,table.nowrap td{white-space:nowrap}td form{margin:0}\n"
    "td button{min-height:36px;padding:.3em .8em}\n"
    ".bar-chart{background:#eee;border-radius:4px;height:.8em}\n"
    ".bar-chart span{display:block;height:100%;background:#7a2e1c;border-radius:4px}\n"
    ".facts{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;margin:.6em 0}\n"
    ".facts dt{color:var(--soft)}.facts dd{margin:0}\n"
    ".pass{color:var(--ok);font-weight:700}.fail{color:var(--accent);font-weight:700}\n"
    ".previews{display:grid;grid-template-columns:repeat(2,1fr);gap:.6em;align-items:start}\n"
    ".previews figure{margin:0}.previews img{width:100%;height:auto;border:1px solid "
    "var(--line);border-radius:6px;background:#fff}\n"
    ".previews figcaption{font-size:.9em;color:var(--soft);text-align:center}\n"
    ".photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(110px,1fr));gap:.6em}\n"
    ".photos figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;"
    "padding:.3em;text-align:center}\n"
    ".photos img{width:100%;aspect-ratio:4/5;object-fit:cover;border-radius:4px}\n"
    ".photos figcaption{font-size:.9em;min-height:1.6em}\n"
    /* a photo's 撤下 opens inside its narrow cell: no room for the hint */
    ".photos .confirm-body{min-width:0;padding:.4em;font-size:.9em}"
    ".photos .confirm-body .meta{display:none}.photos button.danger{padding:.5em .6em}\n"
    /* an album's 修改 and 撤下 on one row (album_forms) */
    ".album-actions{display:flex;flex-wrap:wrap;gap:.5em;margin:.2em 0 1em}\n"
    ".album-actions form{margin:0}\n"
    /* a quick phrase: its words (and building) with 删除 at the end of the same row */
    ".card.phrase{display:flex;flex-wrap:wrap;align-items:center;gap:.8em;"
    "padding:.5em .6em .5em 1em;"
    "margin-bottom:.5em}\n"
    ".phrase div{flex:1;min-width:0;overflow-wrap:anywhere}.phrase p{margin:0}"
    ".phrase form{margin:0;flex:none}\n"
    /* a wide table (class stack, each cell with its data-label) becomes one card per row
     * on a phone: the label before the value, empty cells left out */
    "@media (max-width:600px){table.stack thead{display:none}"
    "table.stack,table.stack tbody,table.stack tr{display:block}"
    "table.stack tr{border:1px solid var(--line);border-radius:8px;margin-bottom:.6em}"
    "table.stack td{display:flex;gap:1em;justify-content:space-between;border:0;"
    "border-bottom:1px solid var(--line)}table.stack td:last-child{border-bottom:0}"
    "table.stack td:empty{display:none}"
    "table.stack td::before{content:attr(data-label);color:var(--soft);white-space:nowrap}"
    "table.stack td{text-align:right}"
    "table.stack td.changes{display:block;text-align:left}"
    "table.stack td.changes::before{display:block;margin-bottom:.2em}}\n"
    /* the duty roster on a phone: one short entry per duty, when and who first */
    "@media (max-width:600px){table.duty thead{display:none}"
    "table.duty,table.duty tbody{display:block}"
    "table.duty tr{display:flex;flex-wrap:wrap;align-items:center;gap:0 .5em;"
    "border-bottom:1px solid var(--line);padding:.4em .5em}"
    "table.duty td{border:0;padding:0}table.duty td.when{font-weight:700}"
    "table.duty td.who{order:1}table.duty td.where{order:2;color:var(--soft)}"
    "table.duty td.act{order:3;margin-left:auto}}\n"
    "@media (min-width:720px){body{font-size:16px}}\n";

void html_error(Buf *b, const char *error)
{
    if (!error)
        return;
    buf_puts(b, "<p class=\"error\" role=\"alert\">");
    html_esc(b, error);
    buf_puts(b, "</p>");
}

/* How a date or a time is typed, in words: the picker's own placeholder (mm/dd/yyyy …)
 * follows the phone's language, and a browser without the picker shows a plain text field,
 * where the example is also the placeholder. NULL for other fields. */
static const char *time_field_format(const char *type, const char **example)
{
    if (strcmp(type, "date") == 0) {
        *example = "2026-12-31";
        return "格式：年-月-日，如 2026-12-31";
    }
    if (strcmp(type, "datetime-local") == 0) {
        *example = "2026-12-01 18:30";
        return "格式：年-月-日 时:分，如 2026-12-01 18:30"; /* 18:30: a day of 24 hours */
    }
    return NULL;
}

void html_text_input(Buf *b, const Request *r, const char *name, const char *label,
                     const char *type, const char *fallback, int required)
{
    const char *v = req_field(r, name), *example = NULL;
    const char *format = time_field_format(type, &example);
    buf_printf(b, "<label for=\"%s\">%s</label><input type=\"%s\" id=\"%s\" name=\"%s\"%s", name,
               label, type, name, name, required ? " required" : "");
    if (format)
        buf_printf(b, " placeholder=\"%s\" aria-describedby=\"%s-format\"", example, name);
    buf_puts(b, " value=\"");
    html_attr(b, v ? v : fallback ? fallback : "");
    buf_puts(b, "\">");
    if (format)
        buf_printf(b, "<p class=\"meta hint\" id=\"%s-format\">%s</p>", name, format);
}
