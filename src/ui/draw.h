/* Drawing helpers on an SDL_Renderer: filled and outlined rectangles with
 * anti-aliased rounded corners, thick lines and circles. Shapes with curves are
 * triangle meshes (SDL_RenderGeometry) with a one-pixel feathered rim, so edges look
 * smooth on the software renderer too. UI thread only; none of these can fail in a
 * way the caller could act on, so they return nothing. */
#ifndef YX_UI_DRAW_H
#define YX_UI_DRAW_H

#include <SDL2/SDL.h>

/* Solid rectangle (alpha blended when c.a < 255). */
void draw_rect(SDL_Renderer *r, SDL_Rect rect, SDL_Color c);

/* Filled rectangle with corners of the given radius (clamped to half the shorter side). */
void draw_round_rect(SDL_Renderer *r, SDL_Rect rect, int radius, SDL_Color c);

/* Outline of a rounded rectangle drawn inside rect, thickness pixels wide. */
void draw_round_rect_outline(SDL_Renderer *r, SDL_Rect rect, int radius, int thickness,
                             SDL_Color c);

/* Line from (x1,y1) to (x2,y2), thickness pixels wide, with smooth long edges. */
void draw_line(SDL_Renderer *r, float x1, float y1, float x2, float y2, float thickness,
               SDL_Color c);

/* Filled disc centred on (cx,cy). */
void draw_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);

/* Ring (circle outline) thickness pixels wide, inside radius. */
void draw_circle_outline(SDL_Renderer *r, float cx, float cy, float radius, float thickness,
                         SDL_Color c);

#endif
