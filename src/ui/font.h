/* Fonts resolved from installed Debian packages, one fallback chain per face, so a
 * character missing from the main face is taken from the next face that has it.
 * Fonts are opened lazily per (file, pixel size) and owned by the FontSet.
 * UI thread only (SDL_ttf is not thread-safe). */
#ifndef YX_UI_FONT_H
#define YX_UI_FONT_H

#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL_ttf.h>

typedef enum {
    FONT_SANS,      /* Noto Sans CJK SC: body text and titles */
    FONT_SANS_BOLD, /* Noto Sans CJK SC Bold */
    FONT_KAI,       /* AR PL KaitiM GB / UKai: the health column's handwritten look */
    FONT_FACE_COUNT
} FontFace;

#define FONT_CHAIN_MAX 5 /* faces in one fallback chain */

typedef struct FontSet FontSet;

/* Initialises SDL_ttf and finds the font files. Fails (NULL, message in err) only when
 * the main CJK face is missing; a missing fallback is logged and skipped. The
 * environment variable YANXIA_FONT_DIR, when set, is searched first by file name.
 * Free with font_set_destroy. */
FontSet *font_set_create(char *err, size_t errlen);

/* Closes every opened font and quits SDL_ttf. font_set_destroy(NULL) does nothing. */
void font_set_destroy(FontSet *fs);

/* Number of usable faces in face's chain (>= 1). */
int font_chain_len(const FontSet *fs, FontFace face);

/* The font at position link of face's chain at px pixels, opened on first use and
 * owned by fs. NULL when link is out of range or the file fails to open (logged). */
TTF_Font *font_get(FontSet *fs, FontFace face, int link, int px);

/* Position in face's chain of the first font that has a glyph for cp, or -1 when none
 * does. Control characters and spaces are attributed to link 0. */
int font_find_glyph(FontSet *fs, FontFace face, uint32_t cp);

/* Human-readable name of the file behind a chain link, e.g. "NotoSansCJK-Regular.ttc#2"
 * (static storage, for logs and tests); NULL when out of range. */
const char *font_link_name(const FontSet *fs, FontFace face, int link);

#endif
