/* Content-folder files of the "header lines, blank line, body" kind: notices, health
 * tips, activities and polls. Each file's relative path is its source_key, so a
 * second import of the same folder updates in place and changes nothing. */
#include "tools/import.h"

#include "core/timeutil.h"
#include "store/activity.h"
#include "store/health.h"
#include "store/notice.h"
#include "store/poll.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int import_fail(Import *im, int line, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        cli_fail(im->c, "%s:%d: %s", im->rel, line, msg);
    else
        cli_fail(im->c, "%s: %s", im->rel, msg);
    return -1;
}

int import_fail_store(Import *im, const FrontMatter *fm, const ImportKey *keys)
{
    const char *detail = store_errmsg(im->s);
    int line = 0;
    size_t n = strcspn(detail, ":");
    if (detail[n] == ':') {
        if (strncmp(detail, "body", n) == 0 && n == 4)
            line = fm->body_line;
        for (const ImportKey *k = keys; k->names[0] && !line; k++)
            if (k->field && strlen(k->field) == n && strncmp(k->field, detail, n) == 0)
                import_value(fm, k, &line);
    }
    return import_fail(im, line, "%s (%s)", reason_text(store_reason(im->s)), detail);
}

static const ImportKey *find_key(const ImportKey *keys, const char *name)
{
    for (const ImportKey *k = keys; k->names[0]; k++)
        for (int i = 0; i < 5 && k->names[i]; i++)
            if (strcmp(k->names[i], name) == 0)
                return k;
    return NULL;
}

int import_check_keys(Import *im, const FrontMatter *fm, const ImportKey *keys)
{
    for (size_t i = 0; i < fm->count; i++) {
        const FrontField *f = &fm->fields[i];
        const ImportKey *k = find_key(keys, f->key);
        if (!k) {
            char known[400] = "";
            for (const ImportKey *q = keys; q->names[0]; q++) {
                size_t n = strlen(known);
                snprintf(known + n, sizeof known - n, "%s%s", n ? " " : "", q->names[0]);
            }
            return import_fail(im, f->line, "unknown key \"%.40s\" (known: %s)", f->key, known);
        }
        for (size_t j = 0; j < i && !k->repeat; j++)
            if (find_key(keys, fm->fields[j].key) == k)
                return import_fail(im, f->line, "\"%.40s\" given twice (first on line %d)", f->key,
                                   fm->fields[j].line);
    }
    return 0;
}

const char *import_value(const FrontMatter *fm, const ImportKey *key, int *line)
{
    const FrontField *f = frontmatter_find(fm, key->names);
    if (line)
        *line = f ? f->line : 0;
    return f ? f->value : NULL;
}

int import_time(Import *im, const FrontMatter *fm, const ImportKey *key, int64_t *out)
{
    int line;
    const char *v = import_value(fm, key, &line);
    if (!v || !*v)
        return 0;
    if (time_parse(v, out) < 0)
        return import_fail(im, line, "%s: not a date like 2026-11-23 or 2026-11-23 18:30: %.40s",
                           key->names[0], v);
    return 0;
}

int import_bool(Import *im, const FrontMatter *fm, const ImportKey *key, int *out)
{
    int line;
    const char *v = import_value(fm, key, &line);
    if (!v || !*v)
        return 0;
    int b = frontmatter_bool(v);
    if (b < 0)
        return import_fail(im, line, "%s: write 是 or 否 (yes/no), not \"%.40s\"", key->names[0],
                           v);
    *out = b;
    return 0;
}

int import_int(Import *im, const FrontMatter *fm, const ImportKey *key, int lo, int hi, int *out)
{
    int line;
    const char *v = import_value(fm, key, &line);
    if (!v || !*v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < lo || n > hi)
        return import_fail(im, line, "%s: a whole number from %d to %d, not \"%.40s\"",
                           key->names[0], lo, hi, v);
    *out = (int)n;
    return 0;
}

/* Parses text into fm and checks its keys. */
static int parse(Import *im, const char *text, size_t len, const ImportKey *keys, FrontMatter *fm)
{
    char err[200];
    int line;
    if (frontmatter_parse(text, len, fm, &line, err, sizeof err) < 0)
        return import_fail(im, line, "%s", err);
    if (import_check_keys(im, fm, keys) < 0) {
        frontmatter_deinit(fm);
        return -1;
    }
    return 0;
}

/* A required key: present and not empty. */
static const char *need(Import *im, const FrontMatter *fm, const ImportKey *key)
{
    const char *v = import_value(fm, key, NULL);
    if (!v || !*v)
        import_fail(im, 1, "missing \"%s: ...\" line (%s)", key->names[0], key->names[1]);
    return v && *v ? v : NULL;
}

/* A file without a 发布 date is published when first imported; a later import keeps
 * that time (else every import would change the notice). *out stays 0 for a new one. */
static int existing_notice_publish(Import *im, int64_t *out)
{
    NoticeQuery q = {.include_hidden = 1};
    NoticeList l;
    if (store_notice_list(im->s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].source_key && strcmp(l.items[i].source_key, im->rel) == 0)
            *out = l.items[i].publish_at;
    notice_list_free(&l);
    return 0;
}

static int existing_poll_opens(Import *im, int64_t *out)
{
    PollQuery q = {.include_closed = 1};
    PollList l;
    if (store_poll_list(im->s, &q, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.count; i++)
        if (l.items[i].source_key && strcmp(l.items[i].source_key, im->rel) == 0)
            *out = l.items[i].opens_at;
    poll_list_free(&l);
    return 0;
}

enum { N_TITLE, N_CATEGORY, N_PINNED, N_PUBLISH, N_EXPIRES, N_AUTHOR };
static const ImportKey NOTICE_KEYS[] = {
    [N_TITLE] = {{"标题", "title"}, "title", 0},
    [N_CATEGORY] = {{"分类", "category", "类别"}, "category", 0},
    [N_PINNED] = {{"置顶", "pinned"}, NULL, 0},
    [N_PUBLISH] = {{"发布", "publish", "发布时间"}, NULL, 0},
    [N_EXPIRES] = {{"截止", "expires", "截止时间", "有效期至"}, NULL, 0},
    [N_AUTHOR] = {{"作者", "author", "署名", "落款"}, "author", 0},
    {{NULL}, NULL, 0},
};

int import_notice(Import *im, const char *text, size_t len)
{
    FrontMatter fm;
    if (parse(im, text, len, NOTICE_KEYS, &fm) < 0)
        return -1;
    Notice n = {.source_key = im->rel};
    int rc = -1;
    if (!(n.title = (char *)need(im, &fm, &NOTICE_KEYS[N_TITLE])) ||
        import_bool(im, &fm, &NOTICE_KEYS[N_PINNED], &n.pinned) < 0 ||
        import_time(im, &fm, &NOTICE_KEYS[N_PUBLISH], &n.publish_at) < 0 ||
        import_time(im, &fm, &NOTICE_KEYS[N_EXPIRES], &n.expires_at) < 0)
        goto out;
    n.category = (char *)import_value(&fm, &NOTICE_KEYS[N_CATEGORY], NULL);
    n.author = (char *)import_value(&fm, &NOTICE_KEYS[N_AUTHOR], NULL);
    n.body = fm.body;
    if (!n.publish_at && existing_notice_publish(im, &n.publish_at) < 0) {
        import_fail_store(im, &fm, NOTICE_KEYS);
        goto out;
    }
    if (store_notice_add(im->s, &n, NULL) < 0)
        import_fail_store(im, &fm, NOTICE_KEYS);
    else
        rc = 0, im->notices++;
out:
    frontmatter_deinit(&fm);
    return rc;
}

enum { T_MONTH, T_TITLE, T_AUTHOR };
static const ImportKey TIP_KEYS[] = {
    [T_MONTH] = {{"月份", "month"}, "month", 0},
    [T_TITLE] = {{"标题", "title"}, "title", 0},
    [T_AUTHOR] = {{"作者", "author", "署名"}, "author", 0},
    {{NULL}, NULL, 0},
};

int import_tip(Import *im, const char *text, size_t len)
{
    FrontMatter fm;
    if (parse(im, text, len, TIP_KEYS, &fm) < 0)
        return -1;
    HealthTip h = {.source_key = im->rel, .body = fm.body};
    int rc = -1;
    if (!(h.month = (char *)need(im, &fm, &TIP_KEYS[T_MONTH])) ||
        !(h.title = (char *)need(im, &fm, &TIP_KEYS[T_TITLE])))
        goto out;
    h.author = (char *)import_value(&fm, &TIP_KEYS[T_AUTHOR], NULL);
    if (store_tip_add(im->s, &h, NULL) < 0)
        import_fail_store(im, &fm, TIP_KEYS);
    else
        rc = 0, im->tips++;
out:
    frontmatter_deinit(&fm);
    return rc;
}

enum {
    A_TITLE,
    A_KIND,
    A_PLACE,
    A_STARTS,
    A_ENDS,
    A_SCHEDULE,
    A_DEADLINE,
    A_CAPACITY,
    A_MAX_PARTY,
    A_WAITLIST,
    A_ORGANISER
};
static const ImportKey ACTIVITY_KEYS[] = {
    [A_TITLE] = {{"标题", "title", "名称"}, "title", 0},
    [A_KIND] = {{"类型", "kind"}, NULL, 0},
    [A_PLACE] = {{"地点", "place"}, "place", 0},
    [A_STARTS] = {{"开始", "starts", "开始时间"}, NULL, 0},
    [A_ENDS] = {{"结束", "ends", "结束时间"}, NULL, 0},
    [A_SCHEDULE] = {{"时间安排", "schedule"}, "schedule", 0},
    [A_DEADLINE] = {{"报名截止", "deadline"}, NULL, 0},
    [A_CAPACITY] = {{"名额", "capacity"}, "capacity", 0},
    [A_MAX_PARTY] = {{"每户最多", "max_party", "max-party"}, "max_party", 0},
    [A_WAITLIST] = {{"候补", "waitlist"}, NULL, 0},
    [A_ORGANISER] = {{"组织者", "organiser", "organizer", "负责人"}, "organiser", 0},
    {{NULL}, NULL, 0},
};

int import_activity(Import *im, const char *text, size_t len)
{
    FrontMatter fm;
    if (parse(im, text, len, ACTIVITY_KEYS, &fm) < 0)
        return -1;
    Activity a = {.source_key = im->rel, .description = fm.body};
    int waitlist = 1, rc = -1, line;
    const char *kind = import_value(&fm, &ACTIVITY_KEYS[A_KIND], &line);
    if (kind && *kind) {
        if (strcmp(kind, "团队") == 0 || strcmp(kind, "team") == 0)
            a.kind = ACTIVITY_TEAM;
        else if (strcmp(kind, "活动") != 0 && strcmp(kind, "event") != 0) {
            import_fail(im, line, "类型: 活动 or 团队 (event/team), not \"%.40s\"", kind);
            goto out;
        }
    }
    if (!(a.title = (char *)need(im, &fm, &ACTIVITY_KEYS[A_TITLE])) ||
        import_time(im, &fm, &ACTIVITY_KEYS[A_STARTS], &a.starts_at) < 0 ||
        import_time(im, &fm, &ACTIVITY_KEYS[A_ENDS], &a.ends_at) < 0 ||
        import_time(im, &fm, &ACTIVITY_KEYS[A_DEADLINE], &a.signup_deadline) < 0 ||
        import_int(im, &fm, &ACTIVITY_KEYS[A_CAPACITY], 0, 100000, &a.capacity) < 0 ||
        import_int(im, &fm, &ACTIVITY_KEYS[A_MAX_PARTY], 1, ACTIVITY_MAX_PARTY_LIMIT,
                   &a.max_party) < 0 ||
        import_bool(im, &fm, &ACTIVITY_KEYS[A_WAITLIST], &waitlist) < 0)
        goto out;
    a.no_waitlist = !waitlist;
    a.place = (char *)import_value(&fm, &ACTIVITY_KEYS[A_PLACE], NULL);
    a.schedule = (char *)import_value(&fm, &ACTIVITY_KEYS[A_SCHEDULE], NULL);
    a.organiser = (char *)import_value(&fm, &ACTIVITY_KEYS[A_ORGANISER], NULL);
    if (store_activity_add(im->s, &a, NULL) < 0)
        import_fail_store(im, &fm, ACTIVITY_KEYS);
    else
        rc = 0, im->activities++;
out:
    frontmatter_deinit(&fm);
    return rc;
}

enum { P_QUESTION, P_OPTION, P_OPENS, P_CLOSES };
static const ImportKey POLL_KEYS[] = {
    [P_QUESTION] = {{"问题", "question", "征询事项", "标题"}, "question", 0},
    [P_OPTION] = {{"选项", "option"}, NULL, 1},
    [P_OPENS] = {{"开始", "opens"}, NULL, 0},
    [P_CLOSES] = {{"截止", "closes"}, NULL, 0},
    {{NULL}, NULL, 0},
};

int import_poll(Import *im, const char *text, size_t len)
{
    FrontMatter fm;
    if (parse(im, text, len, POLL_KEYS, &fm) < 0)
        return -1;
    Poll p = {.source_key = im->rel, .description = fm.body};
    const char *labels[FRONTMATTER_MAX_FIELDS];
    size_t n = 0;
    int rc = -1;
    for (size_t i = 0; i < fm.count; i++)
        if (find_key(POLL_KEYS, fm.fields[i].key) == &POLL_KEYS[P_OPTION])
            labels[n++] = fm.fields[i].value;
    if (!(p.question = (char *)need(im, &fm, &POLL_KEYS[P_QUESTION])) ||
        import_time(im, &fm, &POLL_KEYS[P_OPENS], &p.opens_at) < 0 ||
        import_time(im, &fm, &POLL_KEYS[P_CLOSES], &p.closes_at) < 0)
        goto out;
    if (!p.closes_at) {
        import_fail(im, 1, "missing \"截止: 2026-12-31\" line (closes)");
        goto out;
    }
    if (!p.opens_at && existing_poll_opens(im, &p.opens_at) < 0) {
        import_fail_store(im, &fm, POLL_KEYS);
        goto out;
    }
    if (store_poll_add(im->s, &p, labels, n, NULL) < 0)
        import_fail_store(im, &fm, POLL_KEYS);
    else
        rc = 0, im->polls++;
out:
    frontmatter_deinit(&fm);
    return rc;
}
