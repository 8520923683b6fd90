/* Header checks before decoding: format, dimensions and completeness read straight from the
 * bytes, so a 20000x20000 claim or a truncated file is refused before a decoder allocates
 * or guesses. No SDL here: this is the part an attacker's file reaches first. */
#include "ui/image_internal.h"

#include <stdint.h>
#include <string.h>

#include <libexif/exif-data.h>

#define SIDE_MAX 32767 /* SDL surfaces and textures are int-sized; far above any photo */

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[1] << 8 | p[0];
}

static unsigned long le32(const unsigned char *p)
{
    return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

static int find2(const unsigned char *p, size_t from, size_t len, unsigned char a, unsigned char b)
{
    for (size_t i = from; i + 1 < len; i++)
        if (p[i] == a && p[i + 1] == b)
            return 1;
    return 0;
}

static int probe_png(const unsigned char *p, size_t len, ImageProbe *out, const char **why)
{
    /* signature, then IHDR must come first: length 13, "IHDR", width, height */
    if (len < 8 + 8 + 13 + 4 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0) {
        *why = "PNG without a valid IHDR";
        return -1;
    }
    unsigned long w = be32(p + 16), h = be32(p + 20);
    if (w == 0 || h == 0 || w > SIDE_MAX || h > SIDE_MAX) {
        *why = "PNG dimensions out of range";
        return -1;
    }
    /* The IEND chunk closes every whole PNG; look for it near the end (a few bytes of
     * trailing junk are tolerated). */
    size_t from = len > 1024 ? len - 1024 : 8;
    int seen = 0;
    for (size_t i = from; i + 4 <= len; i++)
        if (memcmp(p + i, "IEND", 4) == 0)
            seen = 1;
    if (!seen) {
        *why = "truncated PNG (no IEND)";
        return -1;
    }
    out->format = IMAGE_FMT_PNG;
    out->width = (int)w;
    out->height = (int)h;
    return 0;
}

static int is_sof(unsigned m)
{
    /* C0-CF are frame headers except DHT (C4), JPG (C8) and DAC (CC) */
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static int probe_jpeg(const unsigned char *p, size_t len, ImageProbe *out, const char **why)
{
    size_t i = 2;
    int w = 0, h = 0;
    for (;;) {
        while (i < len && p[i] == 0xFF && i + 1 < len && p[i + 1] == 0xFF)
            i++; /* fill bytes */
        if (i + 4 > len || p[i] != 0xFF) {
            *why = "truncated or corrupt JPEG header";
            return -1;
        }
        unsigned m = p[i + 1];
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2; /* markers without a length */
            continue;
        }
        if (m == 0xD9) {
            *why = "JPEG ends before its image data";
            return -1;
        }
        size_t seglen = be16(p + i + 2);
        if (seglen < 2 || i + 2 + seglen > len) {
            *why = "truncated JPEG segment";
            return -1;
        }
        const unsigned char *seg = p + i + 4;
        size_t n = seglen - 2;
        if (is_sof(m)) {
            if (n < 5) {
                *why = "short JPEG frame header";
                return -1;
            }
            h = (int)be16(seg + 1);
            w = (int)be16(seg + 3);
        } else if (m == 0xE1 && out->exif_len == 0 && n >= 6 && memcmp(seg, "Exif\0\0", 6) == 0) {
            out->exif_off = (size_t)(seg - p);
            out->exif_len = n;
        } else if (m == 0xDA) {
            if (w == 0 || h == 0) {
                *why = "JPEG without frame size";
                return -1;
            }
            /* Entropy-coded data never contains FF D9 (FF is stuffed as FF 00), so an EOI
             * after the first scan means the file reached its end. */
            if (!find2(p, i + 2 + seglen, len, 0xFF, 0xD9)) {
                *why = "truncated JPEG (no EOI)";
                return -1;
            }
            out->format = IMAGE_FMT_JPEG;
            out->width = w;
            out->height = h;
            return 0;
        }
        i += 2 + seglen;
    }
}

static int probe_gif(const unsigned char *p, size_t len, ImageProbe *out, const char **why)
{
    if (len < 14) {
        *why = "truncated GIF";
        return -1;
    }
    if (p[len - 1] != 0x3B) {
        *why = "truncated GIF (no trailer)";
        return -1;
    }
    out->format = IMAGE_FMT_GIF;
    out->width = (int)le16(p + 6);
    out->height = (int)le16(p + 8);
    return 0;
}

static int probe_bmp(const unsigned char *p, size_t len, ImageProbe *out, const char **why)
{
    if (len < 26) {
        *why = "truncated BMP";
        return -1;
    }
    unsigned long dib = le32(p + 14);
    long w, h;
    if (dib == 12) {
        w = (long)le16(p + 18);
        h = (long)le16(p + 20);
    } else if (dib >= 40 && len >= 26) {
        w = (long)(int32_t)le32(p + 18);
        h = (long)(int32_t)le32(p + 22);
        if (h < 0)
            h = -h; /* top-down rows */
    } else {
        *why = "unknown BMP header";
        return -1;
    }
    if (le32(p + 2) > len || le32(p + 10) >= len) {
        *why = "truncated BMP";
        return -1;
    }
    out->format = IMAGE_FMT_BMP;
    out->width = (int)(w > SIDE_MAX ? 0 : w);
    out->height = (int)(h > SIDE_MAX ? 0 : h);
    return 0;
}

static int probe_webp(const unsigned char *p, size_t len, ImageProbe *out, const char **why)
{
    if (len < 30 || le32(p + 4) + 8 > len) {
        *why = "truncated WebP";
        return -1;
    }
    const unsigned char *c = p + 12;
    if (memcmp(c, "VP8X", 4) == 0) {
        out->width = (int)(1 + (c[12] | c[13] << 8 | (unsigned long)c[14] << 16));
        out->height = (int)(1 + (c[15] | c[16] << 8 | (unsigned long)c[17] << 16));
    } else if (memcmp(c, "VP8L", 4) == 0 && c[8] == 0x2F) {
        unsigned long bits = le32(c + 9);
        out->width = (int)(1 + (bits & 0x3FFF));
        out->height = (int)(1 + ((bits >> 14) & 0x3FFF));
    } else if (memcmp(c, "VP8 ", 4) == 0 && c[11] == 0x9D && c[12] == 0x01 && c[13] == 0x2A) {
        out->width = (int)(le16(c + 14) & 0x3FFF);
        out->height = (int)(le16(c + 16) & 0x3FFF);
    } else {
        *why = "unknown WebP chunk";
        return -1;
    }
    out->format = IMAGE_FMT_WEBP;
    return 0;
}

int image_probe(const unsigned char *data, size_t len, ImageProbe *out, const char **why)
{
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    memset(out, 0, sizeof *out);
    int rc;
    if (len >= 8 && memcmp(data, png_sig, 8) == 0)
        rc = probe_png(data, len, out, why);
    else if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        rc = probe_jpeg(data, len, out, why);
    else if (len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
        rc = probe_gif(data, len, out, why);
    else if (len >= 2 && data[0] == 'B' && data[1] == 'M')
        rc = probe_bmp(data, len, out, why);
    else if (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
        rc = probe_webp(data, len, out, why);
    else {
        *why = len == 0 ? "empty file" : "not an image (unknown format)";
        return -1;
    }
    if (rc == 0 &&
        (out->width <= 0 || out->height <= 0 || out->width > SIDE_MAX || out->height > SIDE_MAX)) {
        *why = "image dimensions out of range";
        rc = -1;
    }
    if (rc != 0)
        out->format = IMAGE_FMT_UNKNOWN;
    return rc;
}

/* Pure C like the probe (libexif), so the console reads an upload's orientation with
 * the kiosk's own rule. */
int image_exif_orientation(const unsigned char *app1, size_t len)
{
    if (!app1 || len < 6 || len > 65535)
        return 1;
    ExifData *ed = exif_data_new_from_data(app1, (unsigned int)len);
    if (!ed)
        return 1;
    int o = 1;
    ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->data && e->size >= 2) {
        int v = exif_get_short(e->data, exif_data_get_byte_order(ed));
        if (v >= 1 && v <= 8)
            o = v;
    }
    exif_data_unref(ed);
    return o;
}
