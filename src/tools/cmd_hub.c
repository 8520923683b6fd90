/* `yanxiactl hub ...`: set up a hub (migrations), add kiosks with their roles and
 * configuration, see their heartbeats, and author content on the hub (`rm KIND ID
 * --hub`, `photo add --hub`, `hub publish KIND`; `add KIND --hub` is cmd_add_hub.c).
 * `rm KIND ID --hub --as LOGIN` and `photo add --hub --as LOGIN` act as a staff member,
 * through the staff library. */
#include "tools/cmd_hub.h"

#include "core/buf.h"
#include "core/json.h"
#include "core/paths.h"
#include "core/sha256.h"
#include "core/timeutil.h"
#include "sync/hub_admin.h"
#include "tools/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define END_OPTS                                                                                   \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

static HubAdmin *open_hub(Cli *c, const char *conn)
{
    if (!conn || !*conn) {
        cli_usage(c, "missing --conn (the hub's connection string)");
        c->status = CLI_EXIT_USAGE;
        return NULL;
    }
    char err[512];
    HubAdmin *h = hub_admin_open(conn, err, sizeof err);
    if (!h)
        c->status = cli_fail(c, "%s", err);
    return h;
}

static const char *sql_dir(const char *given)
{
    if (given)
        return given;
    const char *env = getenv("YANXIA_HUB_SQL");
    return env && *env ? env : paths_hub_sql_dir(); /* installed or the source tree */
}

static int hub_init(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *dir = NULL;
    char dir_help[600]; /* says which folder: installed, or the source tree */
    snprintf(dir_help, sizeof dir_help, "迁移脚本目录（默认 %s）", sql_dir(NULL));
    CliOpt opts[] = {{"conn", OPT_STR, &conn, "CONNINFO", "中心库的连接串（需有建角色的权限）", 0},
                     {"sql-dir", OPT_STR, &dir, "DIR", dir_help, 0},
                     END_OPTS};
    CliSpec spec = {"hub init --conn CONNINFO", "创建或升级中心库；可重复执行。", opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    int applied = 0, version = 0;
    int rc = hub_admin_migrate(h, sql_dir(dir), &applied, &version, err, sizeof err);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("hub schema %d (%d migration%s applied)\n", version, applied, applied == 1 ? "" : "s");
    return CLI_EXIT_OK;
}

static int hub_add_kiosk(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *building = NULL, *out = NULL;
    int64_t interval = 60;
    CliOpt opts[] = {
        {"conn", OPT_STR, &conn, "CONNINFO", "中心库的连接串", 0},
        {"building", OPT_STR, &building, "CODE", "楼栋代码（必填），例如 kangle-12", 0},
        {"interval", OPT_INT, &interval, "SECONDS", "同步间隔（默认 60）", 0},
        {"out", OPT_STR, &out, "FILE", "把配置写入文件（默认打印）", 0},
        END_OPTS};
    CliSpec spec = {"hub add-kiosk NAME --building B --conn CONNINFO [--out FILE]",
                    "登记一台楼道屏：建立它自己的数据库角色，输出它的配置文件。", opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!building)
        return cli_usage(c, "missing --building");
    if (interval < 5 || interval > 86400)
        return cli_usage(c, "--interval must be 5..86400 seconds");
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024], *config = NULL;
    int rc = hub_admin_add_kiosk(h, c->pos[0], building, (int)interval, &config, err, sizeof err);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    if (out && cli_write_atomic(out, config, strlen(config)) < 0) {
        free(config);
        return cli_fail(c, "cannot write %s", out);
    }
    if (!out)
        fputs(config, stdout);
    else
        printf("kiosk %s added; its configuration is in %s\n", c->pos[0], out);
    free(config);
    return CLI_EXIT_OK;
}

static int hub_add_scope(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *kind = "building", *parent = NULL, *name = NULL, *floors = NULL,
               *units = NULL;
    int64_t households = -1;
    CliOpt opts[] = {
        {"conn", OPT_STR, &conn, "CONNINFO", "中心库的连接串", 0},
        {"kind", OPT_STR, &kind, "KIND", "building（楼组）/area（居民区）/district", 0},
        {"parent", OPT_STR, &parent, "CODE", "上级范围", 0},
        {"name", OPT_STR, &name, "TEXT", "名称，例如 康乐居民区", 0},
        {"households", OPT_INT, &households, "N", "楼组的总户数（用于征询的参与率）", 0},
        {"floors", OPT_STR, &floors, "A-B", "楼组的楼层范围，例如 1-33（与 --units 一起）", 0},
        {"units", OPT_STR, &units, "A-B", "每层的户号范围，例如 1-6", 0},
        END_OPTS};
    CliSpec spec = {"hub add-scope CODE --kind KIND [--parent CODE] [--households N]"
                    " [--floors 1-33 --units 1-6] --conn CONNINFO",
                    "添加或调整一个范围（楼组、居民区、街道）。", opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (households > 1000000)
        return cli_usage(c, "--households is a count from 0 to 1000000");
    if (households >= 0 && strcmp(kind, "building") != 0)
        return cli_usage(c, "--households is a building's count (--kind building)");
    int rule[4] = {0};
    if (!floors != !units)
        return cli_usage(c, "a room rule needs both --floors and --units");
    if (floors && strcmp(kind, "building") != 0)
        return cli_usage(c, "--floors and --units are a building's room rule (--kind building)");
    if (floors && (cli_parse_range(floors, &rule[0], &rule[1]) < 0 ||
                   cli_parse_range(units, &rule[2], &rule[3]) < 0))
        return cli_usage(c, "--floors and --units: ranges like 1-33 and 1-6");
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    int rc = hub_admin_add_scope(h, c->pos[0], kind, parent, name, err, sizeof err);
    if (rc == 0 && households >= 0)
        rc = hub_admin_set_households(h, c->pos[0], (int)households, err, sizeof err);
    if (rc == 0 && floors)
        rc = hub_admin_set_room_rule(h, c->pos[0], rule, err, sizeof err);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("scope %s (%s)\n", c->pos[0], kind);
    return CLI_EXIT_OK;
}

static int hub_status(Cli *c, int argc, char **argv)
{
    const char *conn = NULL;
    int json = 0;
    int64_t silent = 15;
    CliOpt opts[] = {{"conn", OPT_STR, &conn, "CONNINFO", "中心库的连接串", 0},
                     {"json", OPT_FLAG, &json, NULL, "输出 JSON", 0},
                     {"silent-minutes", OPT_INT, &silent, "M",
                      "超过 M 分钟（按中心库的时钟）没有心跳的标为 SILENT（默认 15）", 0},
                     END_OPTS};
    CliSpec spec = {"hub status --conn CONNINFO [--json] [--silent-minutes M]",
                    "各楼道屏：最后心跳、待传队列、版本、剩余磁盘、运行时长、开机后重启次数、"
                    "内存、夜间状态、最近的错误；久未联系的标出来。",
                    opts, 0, 0};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (silent < 1 || silent > 525600)
        return cli_fail(c, "--silent-minutes: expected 1 to 525600, got %lld", (long long)silent);
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    int rc = hub_admin_status(h, stdout, json, (int)silent, err, sizeof err);
    hub_admin_close(h);
    return rc < 0 ? cli_fail(c, "%s", err) : CLI_EXIT_OK;
}

/* `hub screenshot KIOSK`: staff ask for one (the kiosk sends it at its next round);
 * with --get FILE, the latest that arrived is written to FILE. */
static int hub_screenshot(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *get = NULL;
    CliOpt opts[] = {{"conn", OPT_STR, &conn, "CONNINFO",
                      "中心库的连接串（工作人员自己的账号，或中心库的所有者）", 0},
                     {"get", OPT_STR, &get, "FILE", "不请求，把最近收到的截屏写入 FILE（PNG）", 0},
                     END_OPTS};
    CliSpec spec = {"hub screenshot KIOSK --conn CONNINFO [--get FILE]",
                    "请楼道屏在下一轮同步时截屏（只截首页、轮播或夜间画面，"
                    "不截居民正在填写的表单）；--get 取回最近一张。",
                    opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    const char *kiosk = c->pos[0];
    if (!get) {
        int rc = hub_admin_request_screenshot(h, kiosk, err, sizeof err);
        hub_admin_close(h);
        if (rc < 0)
            return cli_fail(c, "%s", err);
        printf("asked kiosk %s for a screenshot: it sends one at its next sync round; then\n"
               "  yanxiactl hub screenshot %s --get FILE.png\n",
               kiosk, kiosk);
        return CLI_EXIT_OK;
    }
    HubScreenshot shot;
    int rc = hub_admin_get_screenshot(h, kiosk, &shot, err, sizeof err);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    if (!shot.png) {
        char asked[32] = "";
        if (shot.requested_at)
            time_format(shot.requested_at, "%Y-%m-%d %H:%M", asked, sizeof asked);
        rc =
            cli_fail(c, "no screenshot of kiosk %s yet%s%s", kiosk,
                     shot.requested_at ? "; asked at " : " (ask with hub screenshot KIOSK)", asked);
        hub_screenshot_free(&shot);
        return rc;
    }
    if (cli_write_atomic(get, (const char *)shot.png, shot.len) < 0) {
        hub_screenshot_free(&shot);
        return cli_fail(c, "cannot write %s", get);
    }
    char taken[32];
    time_format(shot.taken_at, "%Y-%m-%d %H:%M", taken, sizeof taken);
    printf("wrote %s: kiosk %s, %dx%d, received %s%s\n", get, kiosk, shot.width, shot.height, taken,
           shot.requested_at ? " (a newer one is asked for)" : "");
    hub_screenshot_free(&shot);
    return CLI_EXIT_OK;
}

static int publish(Cli *c, const char *conn, const char *kind, const char *scope,
                   const char *fields, int64_t hub_id)
{
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    int64_t id = 0;
    int rc = hub_admin_publish(h, kind, scope, fields, hub_id, &id, err, sizeof err);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("%s %s on the hub: id %lld\n", hub_id ? "updated" : "published", kind, (long long)id);
    return CLI_EXIT_OK;
}

static int hub_publish(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *scope = NULL, *fields = NULL;
    int64_t id = 0;
    CliOpt opts[] = {{"conn", OPT_STR, &conn, "CONNINFO", "中心库的连接串", 0},
                     {"scope", OPT_STR, &scope, "CODE", "发布范围（楼组、居民区……）", 0},
                     {"fields", OPT_STR, &fields, "JSON", "字段，JSON 对象", 0},
                     {"id", OPT_INT, &id, "HUB_ID", "修改已有的一条", 0},
                     END_OPTS};
    CliSpec spec = {"hub publish KIND --scope CODE --fields JSON --conn CONNINFO\n"
                    "KIND: notice health_tip album activity poll roster contact quick_phrase",
                    "在中心库发布任意一类内容。", opts, 1, 1};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!fields || (!scope && !id))
        return cli_usage(c, "missing --%s", fields ? "scope" : "fields");
    return publish(c, conn, c->pos[0], scope, fields, id);
}

/* The kinds the staff library takes off the kiosks, by hub id (staff.h). */
static const struct {
    const char *kind; /* the hub's name, as in the table below */
    int (*remove)(const StaffActor *a, int64_t id);
} STAFF_REMOVE[] = {
    {"notice", staff_notice_withdraw},     {"health_tip", staff_tip_remove},
    {"photo", staff_photo_remove},         {"roster", staff_roster_remove},
    {"contact", staff_contact_remove},     {"activity", staff_activity_withdraw},
    {"poll", staff_poll_withdraw},         {"album", staff_album_withdraw},
    {"quick_phrase", staff_phrase_remove},
};

/* `rm KIND HUB_ID --hub CONNINFO --as LOGIN`: the member logs in and removes through the
 * staff library; the hub refuses what lies outside the member's scope as missing, and
 * audits the rest under the member's login. */
static int rm_as(Cli *c, const char *conn, const char *as, const char *kind, int64_t id)
{
    int (*remove)(const StaffActor *, int64_t) = NULL;
    for (size_t i = 0; i < sizeof STAFF_REMOVE / sizeof STAFF_REMOVE[0]; i++)
        if (strcmp(kind, STAFF_REMOVE[i].kind) == 0)
            remove = STAFF_REMOVE[i].remove;
    if (!remove)
        return cli_usage(
            c,
            "with --as, rm takes notice, tip, photo, album, activity, poll, roster, contact or "
            "phrase, not %s",
            kind);
    StaffActor a;
    if (cli_hub_login(c, conn, as, &a) < 0)
        return c->status;
    int rc = remove(&a, id) == 0 ? CLI_EXIT_OK : cli_fail_staff(c, &a);
    staff_hub_logout(&a);
    if (rc == CLI_EXIT_OK)
        printf("removed %s %lld on the hub\n", kind, (long long)id);
    return rc;
}

int cmd_hub_rm(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *as = NULL;
    CliOpt opts[] = {
        {"hub", OPT_STR, &conn, "CONNINFO", "在中心库撤下", 0},
        {"as", OPT_STR, &as, "LOGIN",
         "以这个工作人员的身份撤下（密码从标准输入读一行）：只能撤下自己负责的楼栋的"
         "通知、健康小贴士、照片、相册（连同其中的照片）、活动、征询、值守、联系电话和快捷短语，"
         "记入操作日志",
         0},
        END_OPTS};
    CliSpec spec = {"rm KIND HUB_ID --hub CONNINFO [--as LOGIN]",
                    "在中心库撤下一条内容（各楼道屏随之撤下）。", opts, 2, 2};
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int64_t id;
    if (cli_parse_id(c, c->pos[1], "HUB_ID", &id) < 0)
        return c->status;
    static const char *const kinds[][2] = {
        {"notice", "notice"}, {"tip", "health_tip"},    {"album", "album"},
        {"photo", "photo"},   {"activity", "activity"}, {"poll", "poll"},
        {"roster", "roster"}, {"contact", "contact"},   {"phrase", "quick_phrase"}};
    const char *kind = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(c->pos[0], kinds[i][0]) == 0 || strcmp(c->pos[0], kinds[i][1]) == 0)
            kind = kinds[i][1];
    if (!kind)
        return cli_usage(c, "cannot remove \"%.40s\" on the hub", c->pos[0]);
    if (as)
        return rm_as(c, conn, as, kind, id);
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    int rc = hub_admin_unpublish(h, kind, id, err, sizeof err);
    hub_admin_close(h);
    if (rc < 0)
        return cli_fail(c, "%s", err);
    printf("removed %s %lld on the hub\n", kind, (long long)id);
    return CLI_EXIT_OK;
}

/* The photo's fields for hub_publish; NULL when memory runs out. Caller frees. */
static char *photo_fields(int64_t album, const char *sha, long long bytes, int w, int h,
                          const char *caption, const char *name, int64_t floor, int consent)
{
    Buf b;
    buf_init(&b);
    int first = 1;
    buf_putc(&b, '{');
    json_member_int(&b, &first, "album_hub_id", album);
    json_member_str(&b, &first, "sha256", sha);
    json_member_int(&b, &first, "bytes", bytes);
    json_member_int(&b, &first, "width", w);
    json_member_int(&b, &first, "height", h);
    if (caption)
        json_member_str(&b, &first, "caption", caption);
    if (name)
        json_member_str(&b, &first, "person_name", name);
    if (floor)
        json_member_int(&b, &first, "floor", floor);
    json_member_int(&b, &first, "consent", consent);
    buf_putc(&b, '}');
    char *out = buf_take(&b);
    buf_deinit(&b);
    return out;
}

/* `photo add FILE... --hub CONNINFO --building B --album NAME --as LOGIN`: every file
 * is probed first (as the owner's path does), then the member logs in and the staff
 * library sends them all in one transaction (staff_photos_add, as the console's upload):
 * all of them reach the album or none, each audited under the member's login. */
static int photo_add_as(Cli *c, const char *conn, const char *as, const StaffPhotoMeta *meta)
{
    StaffPhotoFile *files = calloc((size_t)c->npos, sizeof *files);
    if (!files)
        return cli_fail(c, "out of memory");
    int rc = CLI_EXIT_OK;
    for (int i = 0; i < c->npos && rc == CLI_EXIT_OK; i++) {
        files[i] = (StaffPhotoFile){.path = c->pos[i], .label = c->pos[i]};
        if (cli_photo_probe(c, c->pos[i], &files[i].width, &files[i].height) < 0)
            rc = c->status;
    }
    StaffActor a;
    if (rc == CLI_EXIT_OK && cli_hub_login(c, conn, as, &a) < 0)
        rc = c->status;
    else if (rc == CLI_EXIT_OK) {
        size_t bad = (size_t)c->npos;
        if (staff_photos_add(&a, 0, files, (size_t)c->npos, meta, &bad) < 0) {
            if (bad < (size_t)c->npos) /* the sentence names the file the hub refused */
                rc = cli_fail(c, "%s: %s (no photo was published)", files[bad].label,
                              *staff_error(&a) ? staff_error(&a) : "中心库没有说原因");
            else
                rc = cli_fail_staff(c, &a);
        }
        staff_hub_logout(&a);
    }
    for (int i = 0; i < c->npos && rc == CLI_EXIT_OK; i++)
        printf("published photo %s %dx%d on the hub (album %s)\n", files[i].path, files[i].width,
               files[i].height, meta->album);
    free(files);
    return rc;
}

int cmd_hub_photo_add(Cli *c, int argc, char **argv)
{
    const char *conn = NULL, *scope = NULL, *album = NULL, *caption = NULL, *name = NULL,
               *as = NULL;
    int64_t floor = 0;
    int consent = 0;
    CliOpt opts[] = {{"hub", OPT_STR, &conn, "CONNINFO", "发布到中心库", 0},
                     {"building", OPT_STR, &scope, "CODE", "楼组（或更大的范围）代码，必填", 0},
                     {"album", OPT_STR, &album, "NAME", "相册名称（没有就新建）", 0},
                     {"caption", OPT_STR, &caption, "TEXT", "说明", 0},
                     {"name", OPT_STR, &name, "NAME", "照片中的人（笑脸墙）", 0},
                     {"floor", OPT_INT, &floor, "N", "住在几楼（笑脸墙）", 0},
                     {"consent", OPT_FLAG, &consent, NULL, "本人已同意展示", 0},
                     {"as", OPT_STR, &as, "LOGIN",
                      "以这个工作人员的身份发布（密码从标准输入读一行）：只能发布到自己负责的楼栋，"
                      "这一次的照片全部发布或都不发布，记入操作日志",
                      0},
                     END_OPTS};
    CliSpec spec = {"photo add FILE... --hub CONNINFO --building B --album NAME [--as LOGIN] "
                    "[options]",
                    "把照片发布到中心库的相册；楼道屏分块下载，完整后才显示。", opts, 1, -1};
    cli_set_cmd(c, "photo", "add");
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!scope || !album)
        return cli_usage(c, "missing --%s", !scope ? "building" : "album");
    if (floor < 0 || floor > 99)
        return cli_usage(c, "--floor: 1 to 99");
    if (as)
        return photo_add_as(c, conn, as,
                            &(StaffPhotoMeta){.building = scope,
                                              .album = album,
                                              .caption = caption,
                                              .person_name = name,
                                              .floor = (int)floor,
                                              .consent = consent});
    HubAdmin *h = open_hub(c, conn);
    if (!h)
        return c->status;
    char err[1024];
    int64_t album_id = 0;
    int rc = CLI_EXIT_OK;
    if (hub_admin_album(h, scope, album, &album_id, err, sizeof err) < 0) {
        rc = cli_fail(c, "%s", err);
        goto out;
    }
    for (int i = 0; i < c->npos; i++) {
        const char *path = c->pos[i];
        int w, hgt;
        char sha[SHA256_HEX_LEN + 1];
        long long bytes = 0;
        if (cli_photo_probe(c, path, &w, &hgt) < 0) {
            rc = c->status;
            goto out;
        }
        if (sha256_file_hex(path, sha, &bytes) < 0) {
            rc = cli_fail(c, "cannot read %s", path);
            goto out;
        }
        char *fields = photo_fields(album_id, sha, bytes, w, hgt, caption, name, floor, consent);
        int64_t id = 0;
        int prc = !fields ? (snprintf(err, sizeof err, "out of memory"), -1)
                  : hub_admin_put_photo(h, path, sha, bytes, err, sizeof err) < 0
                      ? -1
                      : hub_admin_publish(h, "photo", scope, fields, 0, &id, err, sizeof err);
        free(fields);
        if (prc < 0) {
            rc = cli_fail(c, "%s: %s", path, err);
            goto out;
        }
        printf("published photo %lld %s %dx%d on the hub\n", (long long)id, path, w, hgt);
    }
out:
    hub_admin_close(h);
    return rc;
}

typedef struct {
    const char *name;
    int (*fn)(Cli *c, int argc, char **argv);
    const char *about;
} HubCommand;

static const HubCommand HUB_COMMANDS[] = {
    {"init", hub_init, "创建或升级中心库（可重复执行）"},
    {"add-kiosk", hub_add_kiosk, "登记楼道屏，输出它的配置文件"},
    {"add-scope", hub_add_scope, "添加楼组、居民区、街道范围"},
    {"status", hub_status, "各楼道屏的心跳、队列、版本、磁盘、运行状况"},
    {"publish", hub_publish, "发布任意一类内容"},
    {"guard", cmd_hub_guard, "结束超出限度的楼道屏会话（可常驻运行）"},
    {"screenshot", hub_screenshot, "请楼道屏截屏，或取回最近一张截屏"},
};

int cmd_hub(Cli *c, int argc, char **argv)
{
    size_t n = sizeof HUB_COMMANDS / sizeof HUB_COMMANDS[0];
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        printf("用法: yanxiactl hub SUBCOMMAND ... (yanxiactl hub SUBCOMMAND --help)\n");
        for (size_t i = 0; i < n; i++)
            printf("  %-10s %s\n", HUB_COMMANDS[i].name, HUB_COMMANDS[i].about);
        return argc < 1 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(argv[0], HUB_COMMANDS[i].name) == 0) {
            cli_set_cmd(c, "hub", HUB_COMMANDS[i].name);
            return HUB_COMMANDS[i].fn(c, argc - 1, argv + 1);
        }
    return cli_usage(c, "unknown hub command \"%.40s\"", argv[0]);
}
