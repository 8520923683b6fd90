/* Handwriting through zinnia: the simplified-Chinese model (26 MB, ~30 MB resident) is
 * loaded when a form's pad opens and freed with it. The pad keeps its own strokes in pad
 * pixels; each finished stroke rebuilds the zinnia character in the model's 300x300 box
 * and classifies all strokes so far. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zinnia.h>

#include "ime/ime_internal.h"

#define HW_MODEL_PATH  "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"
#define HW_MAX_STROKES 40  /* more than any GB2312 character; stops runaway scribbles */
#define HW_MAX_POINTS  512 /* per stroke: a finger at 60 Hz for ~8 s */
/* Ink smaller than this (in the 300 box) is a tap, not writing: zinnia would read a
 * lone dot as 丶 with a high score, which no resident means. */
#define HW_MIN_INK 30

struct Handwriting {
    zinnia_recognizer_t *rec;
    zinnia_character_t *ch;
    int pad_w, pad_h;
    ImeStroke strokes[HW_MAX_STROKES];
    int count;         /* finished strokes plus the one being drawn */
    bool drawing;      /* strokes[count-1] is still under the finger */
    ImeCandidates out; /* the last classification */
};

Handwriting *hw_create(char *err, size_t errlen)
{
    const char *path = getenv("YANXIA_HW_MODEL");
    if (!path || !*path)
        path = HW_MODEL_PATH;
    Handwriting *hw = calloc(1, sizeof *hw);
    if (!hw)
        goto err;
    hw->pad_w = hw->pad_h = IME_HW_BOX;
    hw->rec = zinnia_recognizer_new();
    hw->ch = zinnia_character_new();
    if (!hw->rec || !hw->ch)
        goto err;
    if (!zinnia_recognizer_open(hw->rec, path)) {
        snprintf(err, errlen, "zinnia: %s: %s", path, zinnia_recognizer_strerror(hw->rec));
        hw_destroy(hw);
        return NULL;
    }
    return hw;
err:
    snprintf(err, errlen, "out of memory");
    hw_destroy(hw);
    return NULL;
}

void hw_destroy(Handwriting *hw)
{
    if (!hw)
        return;
    hw_clear(hw);
    if (hw->ch)
        zinnia_character_destroy(hw->ch);
    if (hw->rec)
        zinnia_recognizer_destroy(hw->rec); /* closes the model */
    free(hw);
}

void hw_set_pad(Handwriting *hw, int width, int height)
{
    hw->pad_w = width > 0 ? width : IME_HW_BOX;
    hw->pad_h = height > 0 ? height : IME_HW_BOX;
}

static int add_point(ImeStroke *st, int x, int y)
{
    if (st->count >= HW_MAX_POINTS)
        return 0; /* a long stroke keeps its shape; later points add nothing */
    if (st->count > 0 && st->points[st->count - 1].x == x && st->points[st->count - 1].y == y)
        return 0; /* touch screens repeat a resting finger's position */
    st->points[st->count].x = x;
    st->points[st->count].y = y;
    st->count++;
    return 0;
}

int hw_stroke_begin(Handwriting *hw, int x, int y)
{
    if (hw->drawing)
        hw_stroke_end(hw); /* a lost finger-up: close the stroke rather than merge */
    if (hw->count >= HW_MAX_STROKES)
        return -1;
    ImeStroke *st = &hw->strokes[hw->count];
    st->points = malloc(HW_MAX_POINTS * sizeof *st->points);
    if (!st->points)
        return -1;
    st->count = 0;
    hw->count++;
    hw->drawing = true;
    return add_point(st, x, y);
}

int hw_stroke_point(Handwriting *hw, int x, int y)
{
    if (!hw->drawing)
        return -1;
    return add_point(&hw->strokes[hw->count - 1], x, y);
}

static int scale(int v, int size)
{
    long s = (long)v * IME_HW_BOX / size;
    return s < 0 ? 0 : s > IME_HW_BOX ? IME_HW_BOX : (int)s;
}

static void hw_classify(Handwriting *hw)
{
    memset(&hw->out, 0, sizeof hw->out);
    if (hw->count == 0)
        return;
    int x0 = IME_HW_BOX, y0 = IME_HW_BOX, x1 = 0, y1 = 0;
    for (int i = 0; i < hw->count; i++)
        for (int j = 0; j < hw->strokes[i].count; j++) {
            int x = scale(hw->strokes[i].points[j].x, hw->pad_w);
            int y = scale(hw->strokes[i].points[j].y, hw->pad_h);
            x0 = x < x0 ? x : x0;
            x1 = x > x1 ? x : x1;
            y0 = y < y0 ? y : y0;
            y1 = y > y1 ? y : y1;
        }
    if (x1 - x0 < HW_MIN_INK && y1 - y0 < HW_MIN_INK)
        return;
    zinnia_character_clear(hw->ch);
    zinnia_character_set_width(hw->ch, IME_HW_BOX);
    zinnia_character_set_height(hw->ch, IME_HW_BOX);
    for (int i = 0; i < hw->count; i++)
        for (int j = 0; j < hw->strokes[i].count; j++)
            zinnia_character_add(hw->ch, (size_t)i, scale(hw->strokes[i].points[j].x, hw->pad_w),
                                 scale(hw->strokes[i].points[j].y, hw->pad_h));
    zinnia_result_t *res = zinnia_recognizer_classify(hw->rec, hw->ch, IME_PAGE_SIZE);
    if (!res)
        return;
    size_t n = zinnia_result_size(res);
    for (size_t i = 0; i < n && hw->out.count < IME_PAGE_SIZE; i++) {
        float score = zinnia_result_score(res, i);
        const char *v = zinnia_result_value(res, i);
        /* zinnia's scores are SVM margins: a right answer may well score below 0 */
        if (!v || strlen(v) >= IME_CAND_MAX)
            continue;
        strcpy(hw->out.text[hw->out.count], v);
        hw->out.score[hw->out.count] = score;
        hw->out.count++;
    }
    zinnia_result_destroy(res);
}

int hw_stroke_end(Handwriting *hw)
{
    if (!hw->drawing)
        return -1;
    hw->drawing = false;
    hw_classify(hw);
    return 0;
}

int hw_stroke_count(const Handwriting *hw)
{
    return hw->count;
}

const ImeCandidates *hw_result(const Handwriting *hw)
{
    return &hw->out;
}

void hw_undo(Handwriting *hw)
{
    if (hw->count == 0)
        return;
    hw->count--;
    free(hw->strokes[hw->count].points);
    hw->strokes[hw->count].points = NULL;
    hw->drawing = false;
    hw_classify(hw);
}

void hw_clear(Handwriting *hw)
{
    for (int i = 0; i < hw->count; i++) {
        free(hw->strokes[i].points);
        hw->strokes[i].points = NULL;
    }
    hw->count = 0;
    hw->drawing = false;
    memset(&hw->out, 0, sizeof hw->out);
}
