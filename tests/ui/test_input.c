/* The pointer from touch events: one finger taps, drags and flings; a second finger
 * down makes a pinch, whose scale and midpoint the photo viewer reads, and which is
 * never a tap, a drag of the first finger or a fling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "ui/input.h"

enum { W = 1000, H = 2000 };

static void touch(Pointer *p, Uint32 type, SDL_FingerID id, float x, float y, uint32_t ms)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.fingerId = id;
    ev.tfinger.x = x / W;
    ev.tfinger.y = y / H;
    ev.tfinger.timestamp = ms;
    input_handle_event(p, &ev, W, H);
}

static void test_one_finger_taps(void **state)
{
    (void)state;
    Pointer p;
    input_init(&p, 20);
    touch(&p, SDL_FINGERDOWN, 7, 500, 800, 1000);
    touch(&p, SDL_FINGERUP, 7, 503, 801, 1080);
    assert_true(p.tapped);
    assert_true(fabsf(p.pinch - 1.0f) < 1e-6f);
    assert_false(p.pinching);
}

static void test_two_fingers_pinch(void **state)
{
    (void)state;
    Pointer p;
    input_init(&p, 20);
    touch(&p, SDL_FINGERDOWN, 1, 400, 1000, 1000);
    touch(&p, SDL_FINGERDOWN, 2, 600, 1000, 1016);
    assert_true(p.pinching);
    input_frame_end(&p);
    /* spread from 200 to 400 px apart in two frames, the midpoint moving 50 px down */
    touch(&p, SDL_FINGERMOTION, 1, 350, 1025, 1032);
    touch(&p, SDL_FINGERMOTION, 2, 650, 1025, 1032);
    float first = p.pinch;
    assert_true(fabsf(first - 1.5f) < 0.01f);
    input_frame_end(&p);
    assert_true(fabsf(p.pinch - 1.0f) < 1e-6f); /* a frame's change, not a running total */
    touch(&p, SDL_FINGERMOTION, 1, 300, 1050, 1048);
    touch(&p, SDL_FINGERMOTION, 2, 700, 1050, 1048);
    assert_true(fabsf(first * p.pinch - 2.0f) < 0.01f);
    assert_true(fabsf(p.pinch_x - 500) < 0.5f && fabsf(p.pinch_y - 1050) < 0.5f);
    assert_true(fabsf(p.move_y - 25) < 0.5f); /* the midpoint's move this frame */
    input_frame_end(&p);
    /* lifted: no tap, no swipe to the next photo */
    touch(&p, SDL_FINGERUP, 2, 700, 1050, 1064);
    touch(&p, SDL_FINGERUP, 1, 300, 1050, 1064);
    assert_true(p.released);
    assert_false(p.tapped);
    assert_int_equal(p.swipe, 0);
    assert_false(p.pinching || p.finger_active || p.finger2_active);
    input_frame_end(&p);
    /* the next finger taps again */
    touch(&p, SDL_FINGERDOWN, 3, 500, 500, 2000);
    touch(&p, SDL_FINGERUP, 3, 500, 500, 2050);
    assert_true(p.tapped);
}

static void test_first_finger_lifts_first(void **state)
{
    (void)state;
    Pointer p;
    input_init(&p, 20);
    touch(&p, SDL_FINGERDOWN, 1, 400, 1000, 1000);
    touch(&p, SDL_FINGERDOWN, 2, 600, 1000, 1010);
    touch(&p, SDL_FINGERMOTION, 1, 300, 1000, 1020);
    touch(&p, SDL_FINGERUP, 1, 300, 1000, 1030);
    assert_true(p.released);
    assert_false(p.tapped);
    assert_int_equal(p.swipe, 0);
    input_frame_end(&p);
    /* the second finger, still down, moves nothing and is not taken for a new press */
    touch(&p, SDL_FINGERMOTION, 2, 900, 1000, 1040);
    assert_false(p.down);
    assert_true(fabsf(p.move_x) < 1e-6f);
    touch(&p, SDL_FINGERUP, 2, 900, 1000, 1050);
    assert_false(p.released);
    assert_false(p.finger2_active);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_finger_taps),
        cmocka_unit_test(test_two_fingers_pinch),
        cmocka_unit_test(test_first_finger_lifts_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
