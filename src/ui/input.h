/* One pointer for touch and mouse: a finger and a mouse button both become a press,
 * moves and a release, each physical tap counted once (SDL's synthetic mouse events
 * for touches and touch events for the mouse are turned off and ignored). From those
 * it derives what widgets ask about: a tap (release near the press, not dragged), a
 * drag past a threshold, the release velocity for flings, a swipe and a long press.
 * Pure logic over timestamps: tests feed it without SDL. UI thread only. */
#ifndef YX_UI_INPUT_H
#define YX_UI_INPUT_H

#include <stdint.h>

#include <SDL2/SDL.h>

#define INPUT_LONG_PRESS_MS   800
#define INPUT_SWIPE_MIN_SPEED 0.5f /* px per ms at release */

typedef struct {
    /* state */
    int down;               /* a finger or button is held */
    float x, y;             /* current position in pixels */
    float press_x, press_y; /* where the press began */
    uint32_t press_ms;      /* when */
    int dragging;           /* moved further than the threshold since the press */
    int long_press_fired;
    /* events of the current frame, cleared by input_frame_end */
    int pressed;      /* went down */
    int released;     /* went up */
    int tapped;       /* released without dragging or long-pressing */
    int long_pressed; /* held still for INPUT_LONG_PRESS_MS */
    int swipe;        /* -1 left, +1 right, 0 none: a fast horizontal release */
    float move_x, move_y;
    /* velocity estimate in px/ms, smoothed over recent moves */
    float vx, vy;
    uint32_t last_ms;
    float drag_threshold; /* pixels; set from the screen's density */
    SDL_FingerID finger;  /* the finger being tracked; others are ignored */
    int finger_active;
    /* a second finger while the first is down: a pinch (the first finger's press is
     * then never a tap, a drag or a swipe) */
    SDL_FingerID finger2;
    int finger2_active;
    int pinching;             /* both fingers are down */
    float f1x, f1y, f2x, f2y; /* where they are, pixels */
    float pinch_dist;         /* their distance at the last move */
    float pinch;              /* this frame's change of scale: 1 none, 2 twice as far apart */
    float pinch_x, pinch_y;   /* their midpoint */
} Pointer;

/* Resets p; threshold_px is how far a press may wander and still be a tap. */
void input_init(Pointer *p, float threshold_px);

/* Feeds one pointer step. Time in milliseconds (any monotonic origin). */
void input_press(Pointer *p, float x, float y, uint32_t ms);
void input_move(Pointer *p, float x, float y, uint32_t ms);
void input_release(Pointer *p, float x, float y, uint32_t ms);

/* Advances time without movement (fires long presses). */
void input_tick(Pointer *p, uint32_t ms);

/* Feeds an SDL event; returns 1 if it was a pointer event. width/height convert touch
 * coordinates (0..1) into pixels. Ignores SDL's synthetic mouse-from-touch events. */
int input_handle_event(Pointer *p, const SDL_Event *ev, int width, int height);

/* Clears the per-frame events (pressed, released, tapped, ...). */
void input_frame_end(Pointer *p);

/* Asks SDL not to synthesise mouse events from touches nor touches from the mouse.
 * Call before SDL_Init. */
void input_configure_sdl_hints(void);

#endif
