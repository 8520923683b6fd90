/* The before and after of an audit line as a 楼组长 can read them. The in-place edits
 * (an album's, sql/hub/041 and staff_album.c; a content folder's import, sql/hub/040)
 * record only the fields they changed, as JSON objects under the hub's column names with
 * Unix-second times: {"sort": 1} → {"sort": 2}. This page names each field in Chinese and
 * shows its values as the other pages do (the kiosk's dates, 是/否, long texts folded);
 * the stored line stays as it is, the record. Everything else shows as it is stored.
 * JSON comes through json-c, strictly (one object, valid UTF-8, nothing after it, none of
 * the leniencies json-c keeps even when strict). */
#include "console/console.h"

#include "core/timeutil.h"
#include "core/utf8.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    FIELD_TEXT,   /* as it is */
    FIELD_TIME,   /* Unix seconds: a date and time */
    FIELD_UNTIL,  /* Unix seconds that end something: midnight is 24:00 of the day before */
    FIELD_DATE,   /* Unix seconds of a day: the date */
    FIELD_BOOL,   /* 0/1 or false/true: 否/是 */
    FIELD_CHOICE, /* a code of a few ("portraits"): its words (笑脸墙) */
    FIELD_FILE,   /* a photo's SHA-256: not for reading */
} FieldType;

/* The fields the hub's content tables have (sql/hub/001, 024) and the staff functions
 * audit, by the subject of the action ("album" of "album.update"); a NULL subject is any
 * other. The first match counts. */
static const struct {
    const char *subject, *key, *label;
    FieldType type;
} FIELDS[] = {
    /* notices and health tips */
    {NULL, "title", "标题", FIELD_TEXT},
    {NULL, "body", "正文", FIELD_TEXT},
    {NULL, "category", "分类", FIELD_TEXT},
    {NULL, "pinned", "置顶", FIELD_BOOL},
    {NULL, "publish_at", "发布时间", FIELD_TIME},
    {NULL, "expires_at", "过期时间", FIELD_UNTIL},
    {NULL, "author", "署名", FIELD_TEXT},
    {NULL, "month", "月份", FIELD_TEXT},
    {NULL, "photo_sha256", "配图", FIELD_FILE},
    {NULL, "photo_width", "配图宽度", FIELD_TEXT},
    {NULL, "photo_height", "配图高度", FIELD_TEXT},
    {NULL, "photo_bytes", "配图大小（字节）", FIELD_TEXT},
    /* activities and teams */
    {"activity", "kind", "类型", FIELD_CHOICE},
    {NULL, "place", "地点", FIELD_TEXT},
    {NULL, "starts_at", "开始时间", FIELD_TIME},
    {NULL, "ends_at", "结束时间", FIELD_UNTIL},
    {NULL, "schedule", "时间安排", FIELD_TEXT},
    {NULL, "signup_deadline", "报名截止", FIELD_UNTIL},
    {NULL, "capacity", "名额", FIELD_TEXT},
    {NULL, "waitlist", "候补", FIELD_BOOL},
    {NULL, "max_party", "每户最多", FIELD_TEXT},
    {NULL, "organiser", "组织者", FIELD_TEXT},
    /* albums and photos */
    {"album", "name", "相册名", FIELD_TEXT},
    {"album", "kind", "类型", FIELD_CHOICE},
    {"album", "event_at", "日期", FIELD_DATE},
    {NULL, "event_at", "日期", FIELD_DATE},
    {NULL, "album_hub_id", "相册编号", FIELD_TEXT},
    {NULL, "sha256", "照片", FIELD_FILE},
    {NULL, "width", "宽度", FIELD_TEXT},
    {NULL, "height", "高度", FIELD_TEXT},
    {NULL, "bytes", "大小（字节）", FIELD_TEXT},
    {NULL, "caption", "照片说明", FIELD_TEXT},
    {NULL, "person_name", "姓名", FIELD_TEXT},
    {NULL, "floor", "楼层", FIELD_TEXT},
    {NULL, "consent", "同意展示", FIELD_BOOL},
    /* consultations */
    {NULL, "question", "征询的问题", FIELD_TEXT},
    {NULL, "options", "选项", FIELD_TEXT},
    {NULL, "opens_at", "开始时间", FIELD_TIME},
    {NULL, "closes_at", "截止时间", FIELD_UNTIL},
    /* the duty roster */
    {NULL, "day", "日期", FIELD_DATE},
    {NULL, "slot", "时段", FIELD_TEXT},
    {NULL, "person", "值守人", FIELD_TEXT},
    {NULL, "room", "房号", FIELD_TEXT},
    /* contacts */
    {"contact", "kind", "类型", FIELD_CHOICE},
    {"contact", "name", "名称", FIELD_TEXT},
    {NULL, "phone", "电话", FIELD_TEXT},
    {NULL, "note", "备注", FIELD_TEXT},
    {NULL, "qr_text", "二维码内容", FIELD_TEXT},
    /* quick phrases */
    {"phrase", "form", "用在", FIELD_CHOICE},
    {"phrase", "text", "短语", FIELD_TEXT},
    /* shared */
    {NULL, "description", "说明", FIELD_TEXT},
    {NULL, "sort", "排序", FIELD_TEXT},
    {NULL, "kind", "类型", FIELD_CHOICE},
    {NULL, "name", "名称", FIELD_TEXT},
    {NULL, "text", "内容", FIELD_TEXT},
};

/* The codes of FIELD_CHOICE fields in staff's words (album_actions.c, plan_forms.c). */
static const char *const CHOICES[][2] = {
    {"portraits", "笑脸墙"},     {"event", "活动"},       {"team", "长期团队"},
    {"emergency", "急救与紧急"}, {"committee", "居委会"}, {"property", "物业"},
    {"hotline", "服务热线"},     {"groupchat", "楼组群"}, {"other", "其他"},
    {"suggestion", "建议"},      {"wish", "心愿"},        {"question", "健康问题"},
};

/* A value this long (characters), or of more than one line, is folded to its start. */
enum { SHORT_CP = 40, EXCERPT_CP = 24 };

static int field_find(const char *subject, size_t subject_len, const char *key)
{
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
        if (strcmp(FIELDS[i].key, key) != 0)
            continue;
        if (!FIELDS[i].subject || (strlen(FIELDS[i].subject) == subject_len &&
                                   strncmp(FIELDS[i].subject, subject, subject_len) == 0))
            return (int)i;
    }
    return -1;
}

/* 1 when s has none of what json-c takes even when strict but RFC 8259 does not: single
 * quotes, NaN and Infinity, "1.", control characters inside a string; nor an integer of
 * more digits than int64 surely holds (json-c would show it saturated). */
static int json_lexically_plain(const char *s)
{
    int in_string = 0;
    size_t digits = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (in_string) {
            if (*p < 0x20)
                return 0;
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                in_string = 0;
            continue;
        }
        digits = *p >= '0' && *p <= '9' ? digits + 1 : 0;
        if (digits > 18 || *p == '\'' || (*p == '.' && !(p[1] >= '0' && p[1] <= '9')))
            return 0;
        if (*p == '"')
            in_string = 1;
        else if (((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) &&
                 !strchr("truefalsnE", *p))
            return 0;
    }
    return 1;
}

/* 1 when every number in v is finite (json-c reads 1e999 as infinity, nan as NaN). */
static int json_finite(json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_double:
        return isfinite(json_object_get_double(v));
    case json_type_array:
        for (size_t i = 0; i < json_object_array_length(v); i++)
            if (!json_finite(json_object_array_get_idx(v, i)))
                return 0;
        return 1;
    case json_type_object: {
        json_object_object_foreach(v, key, member)
        {
            (void)key;
            if (!json_finite(member))
                return 0;
        }
        return 1;
    }
    default:
        return 1;
    }
}

/* s as one JSON object, or NULL when it is anything else (an array, a number, text,
 * broken JSON, invalid UTF-8, something after the object). The caller puts it. */
static json_object *object_parse(const char *s)
{
    size_t n = strlen(s);
    if (!json_lexically_plain(s))
        return NULL;
    struct json_tokener *tok = json_tokener_new_ex(8);
    if (!tok || n > (size_t)INT32_MAX) {
        if (tok)
            json_tokener_free(tok);
        return NULL;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    json_object *o = json_tokener_parse_ex(tok, s, (int)n);
    size_t end = json_tokener_get_parse_end(tok);
    if (json_tokener_get_error(tok) != json_tokener_success)
        o = NULL; /* nothing was returned to put */
    json_tokener_free(tok);
    if (!o)
        return NULL;
    while (end < n && strchr(" \t\r\n", s[end]))
        end++;
    if (end != n || !json_object_is_type(o, json_type_object) || !json_finite(o)) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

/* v as text: a string as it is, a number as JSON writes it, an array's members joined
 * by 、 (a consultation's options), anything else as its JSON. */
static void value_text(Buf *out, json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_string:
        buf_puts(out, json_object_get_string(v));
        break;
    case json_type_array:
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            if (i)
                buf_puts(out, "、");
            value_text(out, json_object_array_get_idx(v, i));
        }
        break;
    default:
        buf_puts(out, json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
    }
}

/* 1 when v is short enough to stand inline. */
static int value_short(json_object *v, FieldType type)
{
    if (type != FIELD_TEXT || !v || json_object_is_type(v, json_type_null))
        return 1;
    Buf t;
    buf_init(&t);
    value_text(&t, v);
    const char *s = buf_str(&t);
    int ok = utf8_count(s) <= SHORT_CP && !strpbrk(s, "\r\n");
    buf_deinit(&t);
    return ok;
}

/* Long text s folded as html_long_text() folds it (<details class="long">), its excerpt
 * from byte from (a character's first), on one line. */
static void text_folded(Buf *b, const char *s, size_t from)
{
    size_t n = utf8_prefix_bytes(s + from, EXCERPT_CP);
    buf_puts(b, "<details class=\"long\"><summary><span class=\"excerpt\">");
    buf_puts(b, from ? "…" : "");
    for (const char *p = s + from; p < s + from + n;) {
        size_t line = strcspn(p, "\r\n");
        if (line > (size_t)(s + from + n - p))
            line = (size_t)(s + from + n - p);
        char *part = strndup(p, line);
        html_esc(b, part ? part : "");
        free(part);
        p += line;
        if (p < s + from + n) {
            buf_putc(b, ' ');
            p++;
        }
    }
    buf_puts(b, s[from + n] ? "…" : "");
    buf_puts(b, "</span><span class=\"more\"></span></summary><p class=\"text\">");
    html_esc(b, s);
    buf_puts(b, "</p></details>");
}

/* Where the excerpts of two long texts start: 0, or a few characters before where they
 * first differ when that is beyond the excerpt, so that an edit deep in a notice's body
 * shows in both excerpts instead of the same beginning twice. */
static size_t diff_from(const char *a, const char *b)
{
    enum { CONTEXT_CP = 8 };
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    while (i > 0 && ((unsigned char)a[i] & 0xC0) == 0x80) /* a character's first byte */
        i--;
    if (utf8_prefix_bytes(a, EXCERPT_CP - CONTEXT_CP) >= i)
        return 0;
    for (int k = 0; k < CONTEXT_CP && i > 0; k++) {
        i--;
        while (i > 0 && ((unsigned char)a[i] & 0xC0) == 0x80)
            i--;
    }
    return i;
}

/* One side's value of a field. present: the object has the key at all; from: where a
 * long text's excerpt starts (diff_from). */
static void value_write(Buf *b, json_object *v, int present, FieldType type, size_t from)
{
    if (!present) {
        buf_puts(b, "<span class=\"meta\">（未记）</span>");
        return;
    }
    json_type jt = json_object_get_type(v);
    if (jt == json_type_null) {
        buf_puts(b, "<span class=\"meta\">（无）</span>");
        return;
    }
    if (jt == json_type_boolean || (jt == json_type_int && type == FIELD_BOOL)) {
        buf_puts(b, json_object_get_int64(v) ? "是" : "否");
        return;
    }
    if (jt == json_type_int && (type == FIELD_TIME || type == FIELD_UNTIL || type == FIELD_DATE)) {
        int64_t t = json_object_get_int64(v);
        if (t <= 0) {
            buf_puts(b, "<span class=\"meta\">（无）</span>");
        } else if (type == FIELD_DATE) {
            char s[48];
            time_format(t, "%Y-%m-%d", s, sizeof s);
            buf_puts(b, s);
        } else if (type == FIELD_UNTIL) {
            html_until(b, t);
        } else {
            html_time(b, t);
        }
        return;
    }
    Buf t;
    buf_init(&t);
    value_text(&t, v);
    const char *s = buf_str(&t);
    if (type == FIELD_CHOICE && jt == json_type_string) {
        for (size_t i = 0; i < sizeof CHOICES / sizeof CHOICES[0]; i++)
            if (strcmp(s, CHOICES[i][0]) == 0) {
                buf_puts(b, CHOICES[i][1]);
                buf_deinit(&t);
                return;
            }
    }
    if (type == FIELD_FILE && strlen(s) > 8 && strspn(s, "0123456789abcdef") == strlen(s)) {
        buf_printf(b, "<span class=\"meta\">%.8s…</span>", s); /* hex only */
    } else if (!*s) {
        buf_puts(b, "<span class=\"meta\">（空）</span>");
    } else if (utf8_count(s) <= SHORT_CP && !strpbrk(s, "\r\n")) {
        html_esc(b, s);
    } else {
        text_folded(b, s, from < strlen(s) ? from : 0);
    }
    buf_deinit(&t);
}

/* One field's item: its name, then before → after on one line when both are short,
 * otherwise 原来 and 改为 each on their own, folded. */
static void field_write(Buf *b, const char *subject, size_t subject_len, const char *key,
                        json_object *was, int had, json_object *now, int has)
{
    int f = field_find(subject, subject_len, key);
    FieldType type = f < 0 ? FIELD_TEXT : FIELDS[f].type;
    buf_puts(b, "<li><span class=\"field\">");
    html_esc(b, f < 0 ? key : FIELDS[f].label);
    buf_puts(b, "</span>");
    if (value_short(was, type) && value_short(now, type)) {
        buf_puts(b, "<span class=\"was\">");
        value_write(b, was, had, type, 0);
        buf_puts(b, "</span> → <span class=\"now\">");
        value_write(b, now, has, type, 0);
        buf_puts(b, "</span>");
    } else {
        size_t from =
            json_object_is_type(was, json_type_string) && json_object_is_type(now, json_type_string)
                ? diff_from(json_object_get_string(was), json_object_get_string(now))
                : 0;
        buf_puts(b, "<div class=\"was\"><span class=\"meta\">原来：</span>");
        value_write(b, was, had, type, from);
        buf_puts(b, "</div><div class=\"now\"><span class=\"meta\">改为：</span>");
        value_write(b, now, has, type, from);
        buf_puts(b, "</div>");
    }
    buf_puts(b, "</li>");
}

int html_audit_changes(Buf *b, const char *action, const char *before, const char *after)
{
    if (!before || !after || !*before || !*after)
        return -1;
    json_object *was = object_parse(before);
    json_object *now = object_parse(after);
    if (!was || !now) {
        json_object_put(was);
        json_object_put(now);
        return -1;
    }
    const char *dot = action ? strchr(action, '.') : NULL;
    size_t subject_len = dot ? (size_t)(dot - action) : 0;
    buf_puts(b, "<ul class=\"changes\">");
    /* the fields of before in its order, then those only after has */
    json_object_object_foreach(was, key, v0)
    {
        json_object *v1 = NULL;
        int has = json_object_object_get_ex(now, key, &v1);
        field_write(b, action, subject_len, key, v0, 1, v1, has);
    }
    json_object_object_foreach(now, key1, v1)
    {
        if (!json_object_object_get_ex(was, key1, NULL))
            field_write(b, action, subject_len, key1, NULL, 0, v1, 1);
    }
    if (json_object_object_length(was) == 0 && json_object_object_length(now) == 0)
        buf_puts(b, "<li><span class=\"meta\">（没有改动）</span></li>");
    buf_puts(b, "</ul>");
    json_object_put(was);
    json_object_put(now);
    return 0;
}
