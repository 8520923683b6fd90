/* Measurements for bench/bench_kiosk.sh, off unless the environment variable
 * YANXIA_BENCH is set: the moment of the first frame, real time and CPU time spent in
 * each frame of the photo wall, and the peak resident memory at exit. Lines go to
 * stderr as "yanxia-bench: KEY VALUE". UI thread only. */
#ifndef YX_SCREENS_BENCH_H
#define YX_SCREENS_BENCH_H

#include <stdint.h>

#include "screens/app.h"

/* Calls app_frame(app, now_ms); when benchmarking, also times it. Frames on the
 * "photos" screen that did not change screen are the ones counted. Cannot fail. */
void bench_app_frame(App *app, uint32_t now_ms);

/* Prints the frame-time percentiles, the frame count and the peak RSS (VmHWM) and
 * frees what was recorded. Does nothing when not benchmarking. */
void bench_report(void);

#endif
