/* `photo add FILE... --album NAME`: every file is decoded with SDL_image first (a file
 * that does not decode, or is absurdly large, is refused by name), then all are copied
 * into the store in one batch: all files or none. `photo sample` writes a small PNG
 * for tests and demos. */
#include "tools/commands.h"

#include "staff/staff.h"
#include "store/photo.h"
#include "tools/cmd_hub.h"

#include <SDL.h>
#include <SDL_image.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OPT_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, NULL, 0                                                               \
    }

static int photo_add(Cli *c, int argc, char **argv)
{
    const char *album = NULL, *caption = NULL, *name = NULL;
    int64_t floor = 0;
    int consent = 0;
    CliOpt opts[] = {
        {"album", OPT_STR, &album, "NAME", "相册名称（必填，先 add album）", 0},
        {"caption", OPT_STR, &caption, "TEXT", "说明", 0},
        {"name", OPT_STR, &name, "NAME", "照片中的人（笑脸墙）", 0},
        {"floor", OPT_INT, &floor, "N", "住在几楼（笑脸墙）", 0},
        {"consent", OPT_FLAG, &consent, NULL, "本人已同意展示；没有同意的照片永远不会显示", 0},
        OPT_END};
    CliSpec spec = {"photo add FILE... --album NAME [--caption C] [--name N] [--floor F] "
                    "[--consent]",
                    "把照片加入相册：每个文件都先解码检查，全部成功才写入。", opts, 1, -1};
    cli_set_cmd(c, "photo", "add");
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    if (!album)
        return cli_usage(c, "missing --album");
    if (floor < 0 || floor > 99)
        return cli_usage(c, "--floor: 1 to 99");
    int n = c->npos;
    int *w = calloc((size_t)n, sizeof *w), *h = calloc((size_t)n, sizeof *h);
    int rc = CLI_EXIT_OK;
    if (!w || !h) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++)
        if (cli_photo_probe(c, c->pos[i], &w[i], &h[i]) < 0) {
            rc = c->status;
            goto out;
        }
    Store *s = cli_store(c);
    if (!s) {
        rc = c->status;
        goto out;
    }
    Album a;
    if (store_album_find(s, album, &a) < 0) {
        rc = cli_fail_reason(c, store_reason(s),
                             "no album \"%.40s\" (yanxiactl add album --name ...)", album);
        goto out;
    }
    int64_t album_id = a.id;
    album_deinit(&a);
    StaffActor actor;
    cli_shell_actor(c, &actor);
    StaffPhotoFile *files = calloc((size_t)n, sizeof *files);
    if (!files) {
        rc = cli_fail(c, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++)
        files[i] =
            (StaffPhotoFile){.path = c->pos[i], .label = c->pos[i], .width = w[i], .height = h[i]};
    StaffPhotoMeta meta = {
        .caption = caption, .person_name = name, .floor = (int)floor, .consent = consent};
    size_t bad;
    if (staff_photos_add(&actor, album_id, files, (size_t)n, &meta, &bad) < 0)
        rc = cli_fail(c, "%s: %s (%s)", bad < (size_t)n ? c->pos[bad] : "photos",
                      reason_text(store_reason(s)), store_errmsg(s));
    else
        for (int i = 0; i < n; i++)
            printf("added photo %lld %s %dx%d\n", (long long)files[i].id, c->pos[i], w[i], h[i]);
    free(files);
out:
    free(w);
    free(h);
    return rc;
}

/* A gradient PNG (or JPEG, for an OUT ending in .jpg) of the given size: test fixtures
 * without committed binaries. */
static int photo_sample(Cli *c, int argc, char **argv)
{
    const char *size = "64x48";
    CliOpt opts[] = {{"size", OPT_STR, &size, "WxH", "尺寸，默认 64x48", 0}, OPT_END};
    CliSpec spec = {"photo sample OUT.png|OUT.jpg [--size WxH]",
                    "生成一张测试用的 PNG（或 JPEG）图片。", opts, 1, 1};
    cli_set_cmd(c, "photo", "sample");
    if (cli_parse(c, &spec, argc, argv) < 0)
        return c->status;
    int w, h;
    char x;
    if (sscanf(size, "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 1 || h < 1 || w > 4096 ||
        h > 4096)
        return cli_usage(c, "--size: like 64x48, at most 4096x4096");
    SDL_Surface *img = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!img)
        return cli_fail(c, "%s", SDL_GetError());
    for (int y = 0; y < h; y++) {
        Uint8 *row = (Uint8 *)img->pixels + (size_t)y * (size_t)img->pitch;
        for (int i = 0; i < w; i++) {
            row[i * 4 + 0] = (Uint8)(255 * i / w);
            row[i * 4 + 1] = (Uint8)(255 * y / h);
            row[i * 4 + 2] = 160;
            row[i * 4 + 3] = 255;
        }
    }
    size_t n = strlen(c->pos[0]);
    int jpg = n > 4 && strcmp(c->pos[0] + n - 4, ".jpg") == 0;
    int rc = (jpg ? IMG_SaveJPG(img, c->pos[0], 90) : IMG_SavePNG(img, c->pos[0])) == 0
                 ? CLI_EXIT_OK
                 : cli_fail(c, "%s: %s", c->pos[0], IMG_GetError());
    SDL_FreeSurface(img);
    return rc;
}

int cmd_photo(Cli *c, int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "add") == 0 && cli_wants_hub(argc, argv))
        return cmd_hub_photo_add(c, argc - 1, argv + 1); /* published on the hub */
    if (argc >= 1 && strcmp(argv[0], "add") == 0)
        return photo_add(c, argc - 1, argv + 1);
    if (argc >= 1 && strcmp(argv[0], "sample") == 0)
        return photo_sample(c, argc - 1, argv + 1);
    int help = argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0);
    if (!help && argc >= 1)
        return cli_usage(c, "unknown subcommand \"%.40s\" (add, sample)", argv[0]);
    printf("用法: yanxiactl [--db PATH] photo add FILE... --album NAME [options]\n"
           "      yanxiactl photo sample OUT.png [--size WxH]\n"
           "撤下照片: yanxiactl rm photo ID；列出: yanxiactl list photos --album NAME\n");
    return help ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
