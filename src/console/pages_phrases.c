/* 快捷短语: the ready-made sentences residents tap into the 建议, 心愿 and 健康问题 forms
 * on the kiosk, listed per form with 删除, and the form to add one, on both backends
 * (over the hub the scope's phrases from sql/hub/035's staff_phrase_rows, each with its
 * building). Written through the staff library (staff_phrase_add, staff_phrase_remove),
 * which audits them; over the hub a phrase of another scope reads as missing (404). */
#include "console/pages_hub.h"

#include "store/phrase.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kiosk's forms, in the order the page shows them. */
static const struct {
    const char *form, *label;
} FORMS[] = {{PHRASE_SUGGESTION, "建议"}, {PHRASE_WISH, "心愿"}, {PHRASE_QUESTION, "健康问题"}};

/* One section per form: its phrases (with their building when buildings is not NULL,
 * one per item), each with 删除; then the form to add one. */
static void phrase_sections(Buf *b, Request *r, const Phrase *items, size_t n,
                            const char *const *buildings)
{
    buf_puts(b, "<p class=\"actions\"><a class=\"button\" href=\"#new\">添加快捷短语</a></p>");
    for (size_t f = 0; f < sizeof FORMS / sizeof FORMS[0]; f++) {
        buf_printf(b, "<h2 id=\"%s\">%s</h2>", FORMS[f].form, FORMS[f].label);
        int shown = 0;
        for (size_t i = 0; i < n; i++) {
            const Phrase *p = &items[i];
            if (strcmp(p->form, FORMS[f].form) != 0)
                continue;
            shown++;
            buf_printf(b, "<article class=\"card phrase\" id=\"phrase-%lld\"><div><p>",
                       (long long)p->id);
            html_esc(b, p->text);
            buf_puts(b, "</p>");
            if (buildings) {
                buf_puts(b, "<p class=\"meta\">");
                html_esc(b, buildings[i]);
                buf_puts(b, "</p>");
            }
            buf_puts(b, "</div>");
            char action[48];
            snprintf(action, sizeof action, "/phrases/%lld/remove", (long long)p->id);
            html_confirm(b, r,
                         &(HtmlConfirm){.action = action,
                                        .label = "删除",
                                        .what = buildings ? "这条短语会从这栋楼的楼道屏上消失"
                                                            "（楼道屏下次同步后）。"
                                                          : "这条短语会从楼道屏上消失。",
                                        .button = "确定删除"});
            buf_puts(b, "</article>");
        }
        if (!shown)
            buf_puts(b, "<p class=\"meta\">还没有快捷短语。</p>");
    }
    buf_puts(b, "<form method=\"post\" action=\"/phrases/new\" class=\"card\" id=\"new\">"
                "<h2>添加快捷短语</h2>");
    html_csrf(b, r);
    if (buildings)
        hub_building_select(b, r, "哪栋楼的楼道屏上显示");
    const char *chosen = req_field(r, "form");
    buf_puts(b, "<label for=\"form\">用在哪张表上</label><select id=\"form\" name=\"form\">");
    for (size_t f = 0; f < sizeof FORMS / sizeof FORMS[0]; f++)
        buf_printf(b, "<option value=\"%s\"%s>%s</option>", FORMS[f].form,
                   chosen && strcmp(chosen, FORMS[f].form) == 0 ? " selected" : "", FORMS[f].label);
    buf_puts(b, "</select>");
    html_text_input(b, r, "text", "短语（居民点一下就填进去，例如 楼道灯坏了）", "text", NULL, 1);
    buf_puts(b, "<p class=\"meta\">最多 120 个字；同一张表上已有的短语不会重复添加。</p>"
                "<div class=\"actions\"><button>添加</button></div></form>");
}

/* Over the hub: the scope's phrases (rows: hub_id, building, building_name, form,
 * phrase, sort). */
static void hub_phrases_page(Request *r, Response *w, const char *error)
{
    char err[300];
    PGresult *res =
        hub_call(r, "SELECT * FROM yanxia_hub.staff_phrase_rows()", 0, NULL, err, sizeof err);
    if (!res) {
        if (strstr(err, "staff_phrase_rows")) /* a hub without sql/hub/035 */
            snprintf(err, sizeof err, "中心库还不能由工作人员管理快捷短语（需要先升级中心库）");
        hub_error(r, w, MHD_HTTP_BAD_GATEWAY, err);
        return;
    }
    size_t n = (size_t)PQntuples(res);
    Phrase *items = calloc(n + 1, sizeof *items);
    const char **buildings = calloc(n + 1, sizeof *buildings);
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "快捷短语");
    html_flash(b, r);
    html_error(b, error);
    if (!items || !buildings) {
        html_error(b, "内存不够，请稍后再试。");
        n = 0;
    }
    for (size_t i = 0; i < n; i++) {
        int k = (int)i;
        items[i] = (Phrase){.id = strtoll(PQgetvalue(res, k, 0), NULL, 10),
                            .form = PQgetvalue(res, k, 3),
                            .text = PQgetvalue(res, k, 4),
                            .sort = atoi(PQgetvalue(res, k, 5))};
        buildings[i] = *PQgetvalue(res, k, 2) ? PQgetvalue(res, k, 2) : PQgetvalue(res, k, 1);
    }
    buf_puts(b, "<p class=\"meta\">居民在楼道屏上写建议、心愿或健康问题时，点一下就能填入的句子。"
                "添加或删除后，这栋楼的楼道屏下次同步后更新。</p>");
    phrase_sections(b, r, items, n, buildings);
    page_end(b);
    free(items);
    free(buildings);
    PQclear(res);
}

/* The page of either backend, with error above when not NULL. */
static void phrases_page(Console *c, Request *r, Response *w, const char *error)
{
    if (r->session->actor.hub) {
        hub_phrases_page(r, w, error);
        return;
    }
    Buf *b = &w->body;
    buf_reset(b);
    page_begin(b, r, "快捷短语");
    html_flash(b, r);
    html_error(b, error);
    buf_puts(b, "<p class=\"meta\">居民在楼道屏上写建议、心愿或健康问题时，点一下就能填入的句子。"
                "</p>");
    PhraseList l = {0};
    if (store_phrase_list(c->store, NULL, &l) < 0)
        html_error(b, "读取快捷短语失败。");
    phrase_sections(b, r, l.items, l.count, NULL);
    phrase_list_free(&l);
    page_end(b);
}

void page_phrases(Console *c, Request *r, Response *w)
{
    phrases_page(c, r, w, NULL);
}

void page_phrase_new(Console *c, Request *r, Response *w)
{
    const char *form = req_field(r, "form");
    if (!phrase_form_valid(form)) {
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        phrases_page(c, r, w, "请选择这条短语用在哪张表上。");
        return;
    }
    StaffPhrase p = {.building = req_field(r, "building"),
                     .phrase = {.form = (char *)form, .text = (char *)req_field(r, "text")}};
    int64_t id = 0;
    if (staff_phrase_add(&r->session->actor, &p, &id) < 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "快捷短语没有添加：%s", staff_error(&r->session->actor));
        w->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
        phrases_page(c, r, w, msg);
        return;
    }
    resp_redirect(w, "/phrases?ok=%s#phrase-%lld",
                  r->session->actor.hub ? "hub_phrase_added" : "phrase_added", (long long)id);
}

void page_phrase_remove(Console *c, Request *r, Response *w, int64_t id)
{
    removed_or_refused(c, r, w, staff_phrase_remove(&r->session->actor, id),
                       r->session->actor.hub ? "/phrases?ok=hub_phrase_removed"
                                             : "/phrases?ok=phrase_removed");
}
