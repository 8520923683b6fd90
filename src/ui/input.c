/* Pointer gestures: tap, drag, fling velocity, swipe, long press. */
#include "ui/input.h"

#include <math.h>
#include <string.h>

void input_init(Pointer *p, float threshold_px)
{
    memset(p, 0, sizeof *p);
    p->drag_threshold = threshold_px > 1 ? threshold_px : 1;
    p->pinch = 1.0f;
}

/* Both fingers' new positions: the scale and the midpoint's move of this frame. */
static void pinch_moved(Pointer *p, float f1x, float f1y, float f2x, float f2y)
{
    float mx = (p->f1x + p->f2x) / 2, my = (p->f1y + p->f2y) / 2;
    p->f1x = f1x, p->f1y = f1y, p->f2x = f2x, p->f2y = f2y;
    p->pinch_x = (f1x + f2x) / 2, p->pinch_y = (f1y + f2y) / 2;
    p->move_x += p->pinch_x - mx;
    p->move_y += p->pinch_y - my;
    float d = hypotf(f2x - f1x, f2y - f1y);
    if (p->pinch_dist >= 1.0f && d >= 1.0f)
        p->pinch *= d / p->pinch_dist;
    p->pinch_dist = d;
}

void input_configure_sdl_hints(void)
{
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
}

void input_press(Pointer *p, float x, float y, uint32_t ms)
{
    p->down = 1;
    p->pressed = 1;
    p->x = p->press_x = x;
    p->y = p->press_y = y;
    p->press_ms = p->last_ms = ms;
    p->dragging = 0;
    p->long_press_fired = 0;
    p->vx = p->vy = 0;
}

void input_move(Pointer *p, float x, float y, uint32_t ms)
{
    if (!p->down) {
        p->x = x;
        p->y = y;
        return;
    }
    float dx = x - p->x, dy = y - p->y;
    uint32_t dt = ms - p->last_ms;
    if (dt > 0) {
        /* exponential smoothing: recent moves dominate, one jittery sample does not */
        float a = dt >= 50 ? 1.0f : (float)dt / 50.0f;
        p->vx = (1 - a) * p->vx + a * (dx / (float)dt);
        p->vy = (1 - a) * p->vy + a * (dy / (float)dt);
        p->last_ms = ms;
    }
    p->move_x += dx;
    p->move_y += dy;
    p->x = x;
    p->y = y;
    if (!p->dragging && hypotf(x - p->press_x, y - p->press_y) > p->drag_threshold)
        p->dragging = 1;
}

void input_release(Pointer *p, float x, float y, uint32_t ms)
{
    if (!p->down)
        return;
    input_move(p, x, y, ms);
    /* a finger that stopped before lifting has no fling */
    if (ms - p->last_ms > 80)
        p->vx = p->vy = 0;
    p->down = 0;
    p->released = 1;
    p->tapped = !p->dragging && !p->long_press_fired;
    if (p->dragging && fabsf(p->vx) > INPUT_SWIPE_MIN_SPEED && fabsf(p->vx) > 2 * fabsf(p->vy))
        p->swipe = p->vx < 0 ? -1 : 1;
}

void input_tick(Pointer *p, uint32_t ms)
{
    if (p->down && !p->dragging && !p->long_press_fired &&
        ms - p->press_ms >= INPUT_LONG_PRESS_MS) {
        p->long_press_fired = 1;
        p->long_pressed = 1;
    }
}

int input_handle_event(Pointer *p, const SDL_Event *ev, int width, int height)
{
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return 0;
        input_press(p, (float)ev->button.x, (float)ev->button.y, ev->button.timestamp);
        return 1;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID)
            return 0;
        input_move(p, (float)ev->motion.x, (float)ev->motion.y, ev->motion.timestamp);
        return 1;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return 0;
        input_release(p, (float)ev->button.x, (float)ev->button.y, ev->button.timestamp);
        return 1;
    case SDL_FINGERDOWN:
        if (p->finger_active && !p->finger2_active && p->down) { /* a second finger: pinch */
            p->finger2 = ev->tfinger.fingerId;
            p->finger2_active = p->pinching = 1;
            p->dragging = 1; /* no tap, and no fling when the fingers lift */
            p->vx = p->vy = 0;
            p->f1x = p->x, p->f1y = p->y;
            p->f2x = ev->tfinger.x * (float)width, p->f2y = ev->tfinger.y * (float)height;
            p->pinch_dist = hypotf(p->f2x - p->f1x, p->f2y - p->f1y);
            p->pinch_x = (p->f1x + p->f2x) / 2, p->pinch_y = (p->f1y + p->f2y) / 2;
            return 1;
        }
        if (p->finger_active)
            return 0; /* a third finger: ignored */
        p->finger = ev->tfinger.fingerId;
        p->finger_active = 1;
        input_press(p, ev->tfinger.x * (float)width, ev->tfinger.y * (float)height,
                    ev->tfinger.timestamp);
        return 1;
    case SDL_FINGERMOTION:
        if (p->pinching &&
            (ev->tfinger.fingerId == p->finger || ev->tfinger.fingerId == p->finger2)) {
            float x = ev->tfinger.x * (float)width, y = ev->tfinger.y * (float)height;
            if (ev->tfinger.fingerId == p->finger)
                pinch_moved(p, x, y, p->f2x, p->f2y);
            else
                pinch_moved(p, p->f1x, p->f1y, x, y);
            return 1;
        }
        if (p->finger2_active && ev->tfinger.fingerId == p->finger2)
            return 1; /* the pinch is over; this finger is not the pointer */
        if (!p->finger_active || ev->tfinger.fingerId != p->finger)
            return 0;
        input_move(p, ev->tfinger.x * (float)width, ev->tfinger.y * (float)height,
                   ev->tfinger.timestamp);
        return 1;
    case SDL_FINGERUP:
        if (p->finger2_active && ev->tfinger.fingerId == p->finger2) {
            p->finger2_active = p->pinching = 0;
            return 1;
        }
        if (!p->finger_active || ev->tfinger.fingerId != p->finger)
            return 0;
        p->finger_active = 0;
        if (p->pinching) { /* the first finger lifts first: where the pinch left it */
            p->pinching = 0;
            p->x = p->f1x, p->y = p->f1y;
        }
        input_release(p, ev->tfinger.x * (float)width, ev->tfinger.y * (float)height,
                      ev->tfinger.timestamp);
        return 1;
    default:
        return 0;
    }
}

void input_frame_end(Pointer *p)
{
    p->pressed = p->released = p->tapped = p->long_pressed = 0;
    p->swipe = 0;
    p->move_x = p->move_y = 0;
    p->pinch = 1.0f;
}
