// Wide-character ncurses for Swift: the macros and C globals that Swift cannot import
// (or that Swift 6 rejects as shared mutable state) are wrapped in static inline functions.
#ifndef GENPLAY_CNCURSES_SHIM_H
#define GENPLAY_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *gp_stdscr(void) { return stdscr; }
static inline int gp_cols(void) { return COLS; }
static inline int gp_lines(void) { return LINES; }
static inline int gp_colors(void) { return COLORS; }
static inline int gp_color_pairs(void) { return COLOR_PAIRS; }
static inline int gp_color_pair(int n) { return COLOR_PAIR(n); }
static inline int gp_key_f(int n) { return KEY_F(n); }
static inline int gp_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int gp_getmaxy(WINDOW *w) { return getmaxy(w); }

#endif
