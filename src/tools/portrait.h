/* Illustrated pictures for the demo store, drawn in C (no real people's photos):
 * portraits for the 笑脸墙 and scenes for the event albums. Every picture is fully
 * determined by its spec and seed, so a demo store looks the same on every machine. */
#ifndef YX_TOOLS_PORTRAIT_H
#define YX_TOOLS_PORTRAIT_H

#include "tools/canvas.h"

#include <stdint.h>

#define PORTRAIT_WIDTH  480
#define PORTRAIT_HEIGHT 600
#define SCENE_WIDTH     1200
#define SCENE_HEIGHT    800

typedef enum { PORTRAIT_CHILD, PORTRAIT_YOUNG, PORTRAIT_MIDDLE, PORTRAIT_ELDER } PortraitAge;
typedef enum { PORTRAIT_FEMALE, PORTRAIT_MALE } PortraitSex;

typedef struct {
    uint32_t seed; /* picks skin, hair, clothes, glasses, expression */
    PortraitAge age;
    PortraitSex sex;
} PortraitSpec;

typedef enum {
    SCENE_MID_AUTUMN, /* 中秋游园会: moon, lanterns, mooncakes, neighbours at a table */
    SCENE_STAIRWELL   /* 楼道美化日: stairs, plants, pictures on the wall, volunteers */
} SceneKind;

/* Draws a head-and-shoulders figure into the 480 x 600 design box of c's current
 * placement (canvas_place), without background; cannot fail. */
void portrait_draw_person(Canvas *c, const PortraitSpec *spec);

/* Makes a PORTRAIT_WIDTH x PORTRAIT_HEIGHT picture: soft background and the person.
 * Returns 0, or -1 when memory runs out. Free with canvas_deinit. */
int portrait_render(const PortraitSpec *spec, Canvas *out);

/* Makes a SCENE_WIDTH x SCENE_HEIGHT event picture; variant chooses the composition
 * (any int; they repeat), seed the details. Returns 0, or -1 when memory runs out.
 * Free with canvas_deinit. */
int scene_render(SceneKind kind, int variant, uint32_t seed, Canvas *out);

#endif
