/* `list` for authored content: one column table and one fill function per kind. The
 * same rows become the aligned table and the JSON array (cli_table_print). */
#include "tools/commands.h"

#include "core/buf.h"
#include "core/json.h"
#include "store/activity.h"
#include "store/contact.h"
#include "store/health.h"
#include "store/kiosk.h"
#include "store/notice.h"
#include "store/photo.h"
#include "store/phrase.h"
#include "store/poll.h"
#include "store/roster.h"
#include "store/vote.h"

#include <stdlib.h>
#include <string.h>

#define COLS(t, c) cli_table_init(t, c, sizeof c / sizeof c[0])

int fill_notices(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},          {"category", "分类", COL_STR, 0},
        {"title", "标题", COL_STR, 30},      {"pinned", "置顶", COL_BOOL, 0},
        {"publish_at", "发布", COL_TIME, 0}, {"expires_at", "截止", COL_TIME, 0},
        {"author", "作者", COL_STR, 12},     {"body", "正文", COL_STR, 24},
        {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    NoticeQuery q = {.include_hidden = a->all};
    NoticeList l;
    if (store_notice_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Notice *n = &l.items[i];
        cli_table_int(t, n->id);
        cli_table_str(t, n->category);
        cli_table_str(t, n->title);
        cli_table_bool(t, n->pinned);
        cli_table_time(t, n->publish_at);
        cli_table_time(t, n->expires_at);
        cli_table_str(t, n->author);
        cli_table_str(t, n->body);
        cli_table_str(t, n->source_key);
    }
    notice_list_free(&l);
    return 0;
}

int fill_tips(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},     {"month", "月份", COL_STR, 0},
        {"title", "标题", COL_STR, 30}, {"author", "作者", COL_STR, 12},
        {"body", "正文", COL_STR, 30},  {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    HealthTipQuery q = {.month = a->month};
    HealthTipList l;
    if (store_tip_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const HealthTip *h = &l.items[i];
        cli_table_int(t, h->id);
        cli_table_str(t, h->month);
        cli_table_str(t, h->title);
        cli_table_str(t, h->author);
        cli_table_str(t, h->body);
        cli_table_str(t, h->source_key);
    }
    health_tip_list_free(&l);
    return 0;
}

int fill_albums(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"name", "名称", COL_STR, 24},
        {"kind", "类型", COL_STR, 0},
        {"description", "说明", COL_STR, 24},
        {"event_at", "日期", COL_DAY, 0},
        {"sort", "排序", COL_INT, 0},
        {"photo_count", "照片数", COL_INT, 0},
        {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    AlbumQuery q = {.include_hidden = a->all};
    AlbumList l;
    if (store_album_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Album *al = &l.items[i];
        cli_table_int(t, al->id);
        cli_table_str(t, al->name);
        cli_table_str(t, al->kind);
        cli_table_str(t, al->description);
        cli_table_time(t, al->event_at);
        cli_table_int(t, al->sort);
        cli_table_int(t, al->photo_count);
        cli_table_str(t, al->source_key);
    }
    album_list_free(&l);
    return 0;
}

int fill_photos(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},          {"album_id", "相册", COL_INT, 0},
        {"sha256", "文件", COL_STR, 12},     {"width", "宽", COL_INT, 0},
        {"height", "高", COL_INT, 0},        {"bytes", "字节", COL_INT, 0},
        {"caption", "说明", COL_STR, 24},    {"person_name", "姓名", COL_STR, 10},
        {"floor", "楼层", COL_INT, 0},       {"consent", "同意展示", COL_BOOL, 0},
        {"source_key", "来源", COL_STR, 24},
    };
    COLS(t, cols);
    /* Staff see every photo by default: a missing consent is what they need to spot. */
    PhotoQuery q = {.include_hidden = 1};
    if (a->album) {
        Album al;
        if (store_album_find(s, a->album, &al) < 0)
            return -1;
        q.album_id = al.id;
        album_deinit(&al);
    }
    PhotoList l;
    if (store_photo_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Photo *p = &l.items[i];
        cli_table_int(t, p->id);
        cli_table_int(t, p->album_id);
        cli_table_str(t, p->sha256);
        cli_table_int(t, p->width);
        cli_table_int(t, p->height);
        cli_table_int(t, p->bytes);
        cli_table_str(t, p->caption);
        cli_table_str(t, p->person_name);
        if (p->floor)
            cli_table_int(t, p->floor);
        else
            cli_table_str(t, NULL);
        cli_table_bool(t, p->consent);
        cli_table_str(t, p->source_key);
    }
    photo_list_free(&l);
    return 0;
}

int fill_activities(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},
        {"kind", "类型", COL_STR, 0},
        {"title", "名称", COL_STR, 20},
        {"place", "地点", COL_STR, 12},
        {"starts_at", "开始", COL_TIME, 0},
        {"ends_at", "结束", COL_TIME, 0},
        {"schedule", "时间安排", COL_STR, 16},
        {"signup_deadline", "报名截止", COL_TIME, 0},
        {"capacity", "名额", COL_INT, 0},
        {"max_party", "每户最多", COL_INT, 0},
        {"waitlist", "候补", COL_BOOL, 0},
        {"confirmed_people", "已报名人数", COL_INT, 0},
        {"waiting_people", "候补人数", COL_INT, 0},
        {"organiser", "组织者", COL_STR, 10},
        {"description", "介绍", COL_STR, 20},
        {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    ActivityQuery q = {.include_hidden = a->all};
    ActivityList l;
    if (store_activity_list(s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Activity *v = &l.items[i];
        cli_table_int(t, v->id);
        cli_table_str(t, activity_kind_name(v->kind));
        cli_table_str(t, v->title);
        cli_table_str(t, v->place);
        cli_table_time(t, v->starts_at);
        cli_table_time(t, v->ends_at);
        cli_table_str(t, v->schedule);
        cli_table_time(t, v->signup_deadline);
        cli_table_int(t, v->capacity);
        cli_table_int(t, v->max_party);
        cli_table_bool(t, !v->no_waitlist);
        cli_table_int(t, v->fill.confirmed_people);
        cli_table_int(t, v->fill.waiting_people);
        cli_table_str(t, v->organiser);
        cli_table_str(t, v->description);
        cli_table_str(t, v->source_key);
    }
    activity_list_free(&l);
    return 0;
}

/* The options with their counts: a JSON array for --json, "同意 12 / 不同意 3" for
 * the table. */
static void poll_options_cell(CliTable *t, const Poll *p, const PollResults *r)
{
    Buf j, x;
    buf_init(&j);
    buf_init(&x);
    buf_putc(&j, '[');
    for (size_t i = 0; i < p->option_count; i++) {
        int64_t votes = 0;
        for (size_t k = 0; k < r->count; k++)
            if (r->tallies[k].option_id == p->options[i].id)
                votes = r->tallies[k].households;
        int first = 1;
        buf_puts(&j, i ? ",{" : "{");
        json_member_int(&j, &first, "option", (int64_t)i + 1);
        json_member_int(&j, &first, "option_id", p->options[i].id);
        json_member_str(&j, &first, "label", p->options[i].label);
        json_member_int(&j, &first, "votes", votes);
        buf_putc(&j, '}');
        buf_printf(&x, "%s%zu.%s %lld", i ? " / " : "", i + 1, p->options[i].label,
                   (long long)votes);
    }
    buf_putc(&j, ']');
    if (j.failed || x.failed)
        t->failed = 1;
    cli_table_raw(t, buf_str(&j), buf_str(&x));
    buf_deinit(&j);
    buf_deinit(&x);
}

int fill_polls(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},          {"question", "征询事项", COL_STR, 24},
        {"opens_at", "开始", COL_TIME, 0},   {"closes_at", "截止", COL_TIME, 0},
        {"open", "进行中", COL_BOOL, 0},     {"options", "选项与票数", COL_RAW, 40},
        {"voted", "已投户数", COL_INT, 0},   {"households", "总户数", COL_INT, 0},
        {"passed", "通过", COL_BOOL, 0},     {"description", "说明", COL_STR, 20},
        {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    PollQuery q = {.include_closed = a->all};
    PollList l;
    if (store_poll_list(s, &q, &l) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < l.count && rc == 0; i++) {
        const Poll *p = &l.items[i];
        PollResults r;
        if (store_poll_results(s, p->id, &r) < 0) {
            rc = -1;
            break;
        }
        cli_table_int(t, p->id);
        cli_table_str(t, p->question);
        cli_table_time(t, p->opens_at);
        cli_table_time(t, p->closes_at);
        cli_table_bool(t, poll_is_open(p, store_now(s)));
        poll_options_cell(t, p, &r);
        cli_table_int(t, r.voted);
        cli_table_int(t, r.households);
        cli_table_bool(t, r.passed);
        cli_table_str(t, p->description);
        cli_table_str(t, p->source_key);
        poll_results_deinit(&r);
    }
    poll_list_free(&l);
    return rc;
}

int fill_roster(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},          {"day", "日期", COL_DAY, 0},
        {"slot", "时段", COL_STR, 20},       {"place", "地点", COL_STR, 16},
        {"person", "值守人", COL_STR, 12},   {"room", "房号", COL_STR, 0},
        {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    RosterList l;
    if (store_roster_list(s, 0, 0, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const RosterEntry *e = &l.items[i];
        cli_table_int(t, e->id);
        cli_table_time(t, e->day);
        cli_table_str(t, e->slot);
        cli_table_str(t, e->place);
        cli_table_str(t, e->person);
        cli_table_str(t, e->room);
        cli_table_str(t, e->source_key);
    }
    roster_list_free(&l);
    return 0;
}

int fill_contacts(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},    {"kind", "类别", COL_STR, 0},
        {"name", "名称", COL_STR, 20}, {"phone", "电话", COL_STR, 0},
        {"note", "备注", COL_STR, 20}, {"qr_text", "二维码内容", COL_STR, 20},
        {"sort", "排序", COL_INT, 0},  {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    ContactList l;
    if (store_contact_list(s, NULL, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        const Contact *k = &l.items[i];
        cli_table_int(t, k->id);
        cli_table_str(t, k->kind);
        cli_table_str(t, k->name);
        cli_table_str(t, k->phone);
        cli_table_str(t, k->note);
        cli_table_str(t, k->qr_text);
        cli_table_int(t, k->sort);
        cli_table_str(t, k->source_key);
    }
    contact_list_free(&l);
    return 0;
}

int fill_phrases(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"id", "编号", COL_INT, 0},          {"form", "表单", COL_STR, 0},
        {"text", "短语", COL_STR, 40},       {"sort", "排序", COL_INT, 0},
        {"source_key", "来源", COL_STR, 20},
    };
    COLS(t, cols);
    PhraseList l;
    if (store_phrase_list(s, NULL, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++) {
        cli_table_int(t, l.items[i].id);
        cli_table_str(t, l.items[i].form);
        cli_table_str(t, l.items[i].text);
        cli_table_int(t, l.items[i].sort);
        cli_table_str(t, l.items[i].source_key);
    }
    phrase_list_free(&l);
    return 0;
}

int fill_kiosk(Store *s, const CliListArgs *a, CliTable *t)
{
    static const CliCol cols[] = {
        {"kiosk_uuid", "本机编号", COL_STR, 36}, {"building", "楼栋代码", COL_STR, 0},
        {"display_name", "名称", COL_STR, 0},    {"theme", "楼组主题", COL_STR, 0},
        {"address", "地址", COL_STR, 0},         {"floors", "楼层", COL_STR, 0},
        {"units", "每层房号", COL_STR, 0},       {"households", "户数", COL_INT, 0},
    };
    COLS(t, cols);
    KioskInfo k;
    if (store_kiosk_get(s, &k) < 0)
        return -1;
    char floors[16], units[16];
    snprintf(floors, sizeof floors, "%d-%d", k.floor_min, k.floor_max);
    snprintf(units, sizeof units, "%d-%d", k.unit_min, k.unit_max);
    cli_table_str(t, k.kiosk_uuid);
    cli_table_str(t, k.building);
    cli_table_str(t, k.display_name);
    cli_table_str(t, k.theme);
    cli_table_str(t, k.address);
    cli_table_str(t, floors);
    cli_table_str(t, units);
    cli_table_int(t, k.households);
    kiosk_info_deinit(&k);
    return 0;
}
