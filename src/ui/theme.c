/* The palette and type scale as tables. Colours were chosen for contrast first
 * (body text >= 12:1, every text colour >= 7:1, WCAG AAA) and warmth second:
 * paper, brick red and gold rather than cold blue-grey. */
#include "ui/theme.h"

#include <math.h>

typedef struct {
    const char *name;
    SDL_Color c;
} ThemeColorDef;

static const ThemeColorDef theme_colors[THEME_COLOR_COUNT] = {
    [THEME_BG] = {"bg", {251, 246, 238, 255}},
    [THEME_SURFACE] = {"surface", {255, 255, 255, 255}},
    [THEME_SURFACE_ALT] = {"surface-alt", {243, 233, 218, 255}},
    [THEME_TEXT] = {"text", {43, 33, 24, 255}},
    [THEME_TEXT_MUTED] = {"text-muted", {84, 68, 54, 255}},
    [THEME_PRIMARY] = {"primary", {150, 36, 24, 255}},
    [THEME_ON_PRIMARY] = {"on-primary", {255, 255, 255, 255}},
    [THEME_ACCENT] = {"accent", {214, 154, 42, 255}},
    [THEME_URGENT] = {"urgent", {168, 22, 22, 255}},
    [THEME_ON_URGENT] = {"on-urgent", {255, 255, 255, 255}},
    [THEME_URGENT_BG] = {"urgent-bg", {253, 231, 228, 255}},
    [THEME_SUCCESS] = {"success", {30, 94, 40, 255}},
    [THEME_WARNING] = {"warning", {122, 74, 0, 255}},
    [THEME_DIVIDER] = {"divider", {224, 210, 190, 255}},
    [THEME_PRESSED] = {"pressed", {60, 30, 10, 48}},
    [THEME_PAPER] = {"paper", {255, 250, 232, 255}},
    [THEME_INK] = {"ink", {28, 38, 66, 255}},
};

typedef struct {
    float dp;
    FontFace face;
    float line_spacing;
} ThemeTextDef;

/* Body 34 dp is about 8.4 mm per character on a 21.5-inch 1080p screen. */
static const ThemeTextDef theme_texts[THEME_TEXT_COUNT] = {
    [THEME_TEXT_CAPTION] = {28, FONT_SANS, 1.0f},
    [THEME_TEXT_BODY] = {34, FONT_SANS, 1.1f},
    [THEME_TEXT_BUTTON] = {36, FONT_SANS_BOLD, 1.0f},
    [THEME_TEXT_SUBTITLE] = {40, FONT_SANS_BOLD, 1.0f},
    [THEME_TEXT_TITLE] = {48, FONT_SANS_BOLD, 1.0f},
    [THEME_TEXT_DISPLAY] = {80, FONT_SANS_BOLD, 1.0f},
    [THEME_TEXT_HANDWRITING] = {40, FONT_KAI, 1.25f},
};

static const float theme_sizes[THEME_SIZE_COUNT] = {
    [THEME_SIZE_TOUCH_MIN] = 96, [THEME_SIZE_GAP_XS] = 8,   [THEME_SIZE_GAP_S] = 16,
    [THEME_SIZE_GAP_M] = 24,     [THEME_SIZE_GAP_L] = 40,   [THEME_SIZE_GAP_XL] = 64,
    [THEME_SIZE_RADIUS] = 20,    [THEME_SIZE_HEADER] = 128, [THEME_SIZE_BORDER] = 3,
    [THEME_SIZE_TILE] = 220,
};

SDL_Color theme_color(ThemeColor c)
{
    return theme_colors[c].c;
}

const char *theme_color_name(ThemeColor c)
{
    return theme_colors[c].name;
}

float theme_text_dp(const Theme *th, ThemeText t)
{
    float dp = theme_texts[t].dp;
    return th && th->large_text ? dp * THEME_LARGE_TEXT_FACTOR : dp;
}

int theme_text_px(const Theme *th, const Gfx *g, ThemeText t)
{
    return gfx_dp(g, theme_text_dp(th, t));
}

TextStyle theme_text_style(const Theme *th, const Gfx *g, ThemeText t, ThemeColor color)
{
    TextStyle st = {0};
    st.face = theme_texts[t].face;
    st.px = theme_text_px(th, g, t);
    st.color = theme_color(color);
    st.line_spacing = theme_texts[t].line_spacing;
    return st;
}

float theme_size_dp(ThemeSize s)
{
    return theme_sizes[s];
}

int theme_size_px(const Gfx *g, ThemeSize s)
{
    return gfx_dp(g, theme_sizes[s]);
}

static double theme_channel(Uint8 v)
{
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double theme_luminance(SDL_Color c)
{
    return 0.2126 * theme_channel(c.r) + 0.7152 * theme_channel(c.g) + 0.0722 * theme_channel(c.b);
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
    double la = theme_luminance(a), lb = theme_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
