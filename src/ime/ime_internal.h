/* What ime.c needs from the two engines: librime (pinyin.c, one process-wide engine
 * plus one session per Ime) and zinnia (handwriting.c, one model and pad per Ime).
 * Everything here runs on the UI thread except pinyin.c's deployment thread. */
#ifndef YX_IME_INTERNAL_H
#define YX_IME_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "ime/ime.h"

/* --- pinyin.c -------------------------------------------------------------------- */
typedef enum { PINYIN_OFF, PINYIN_DEPLOYING, PINYIN_READY, PINYIN_FAILED } PinyinState;

/* Starts Rime's deployment on a background thread (idempotent: the first data_dir
 * wins). Returns -1 with err if the user-data directory can't be prepared. */
int pinyin_engine_start(const char *data_dir, char *err, size_t errlen);
PinyinState pinyin_engine_state(void);
/* Blocks while a deployment runs (not while a test holds it), at most timeout_ms.
 * Returns 1 if the engine is ready afterwards, else 0. */
int pinyin_engine_wait(int timeout_ms);
/* An Ime that may type pinyin takes the engine (starting it in the background if it is
 * off) and releases it when it goes; -1 with err as pinyin_engine_start. */
int pinyin_engine_acquire(const char *data_dir, char *err, size_t errlen);
/* Drops one user. The last one stops Rime and deletes its user dictionaries (Rime learns
 * every pick, and a lobby kiosk must not show one resident's words to the next), so an
 * idle kiosk holds no engine and the next form starts a clean one; returns true then. */
bool pinyin_engine_release(void);
void pinyin_engine_stop(void);

/* A session id, 0 for none. Opening fails (0) unless the engine is PINYIN_READY. */
uintptr_t pinyin_session_open(void);
void pinyin_session_close(uintptr_t s);
/* Sends one ASCII key (or IME_KEY_BACKSPACE / IME_KEY_ENTER); 1 if Rime used it. */
int pinyin_session_key(uintptr_t s, char key);
/* Copies the preedit into buf ("" if nothing composed). */
void pinyin_session_preedit(uintptr_t s, char *buf, size_t n);
/* Copies up to IME_PAGE_SIZE candidates starting at the global index first. */
int pinyin_session_candidates(uintptr_t s, int first, ImeCandidates *out);
/* Selects the candidate at a global index; -1 if there is none. */
int pinyin_session_select(uintptr_t s, int index);
/* Appends any committed text to into. */
void pinyin_session_take_commit(uintptr_t s, Buf *into);
void pinyin_session_clear(uintptr_t s);

/* --- handwriting.c ---------------------------------------------------------------- */
typedef struct Handwriting Handwriting;

/* Loads the zinnia model (YANXIA_HW_MODEL overrides the Debian path). NULL + err. */
Handwriting *hw_create(char *err, size_t errlen);
void hw_destroy(Handwriting *hw);
void hw_set_pad(Handwriting *hw, int width, int height);
int hw_stroke_begin(Handwriting *hw, int x, int y);
int hw_stroke_point(Handwriting *hw, int x, int y);
/* Ends the stroke and classifies every stroke so far. */
int hw_stroke_end(Handwriting *hw);
int hw_stroke_count(const Handwriting *hw);
/* Best-first characters after the last classification (count 0 if none). */
const ImeCandidates *hw_result(const Handwriting *hw);
void hw_undo(Handwriting *hw);
void hw_clear(Handwriting *hw);

#endif
