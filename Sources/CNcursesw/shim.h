// Shim for importing ncursesw into Swift.
//
// SwiftPM ignores the -D flags reported by pkg-config, so the wide-character
// API is enabled here before curses.h is parsed. Everything Swift cannot
// import directly (function-like macros, complex macros and mutable globals,
// which Swift 6 rejects as shared mutable state) gets a static inline wrapper.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// MARK: - Globals

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

// MARK: - Setup

/// setlocale(LC_ALL, "") so ncursesw honours the user's UTF-8 locale.
static inline const char *cnc_setlocale_from_environment(void) {
  return setlocale(LC_ALL, "");
}

/// newterm(NULL, stdout, stdin): unlike initscr it returns NULL for an
/// unusable TERM instead of exiting the process.
static inline SCREEN *cnc_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

/// The TERM environment variable (NULL when unset), for error messages.
static inline const char *cnc_term_name(void) { return getenv("TERM"); }

// MARK: - Attributes

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_italic(void) { return A_ITALIC; }
static inline attr_t cnc_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// MARK: - Geometry

static inline int cnc_getmaxy(WINDOW *win) {
  int y, x;
  getmaxyx(win, y, x);
  (void)x;
  return y;
}

static inline int cnc_getmaxx(WINDOW *win) {
  int y, x;
  getmaxyx(win, y, x);
  (void)y;
  return x;
}

// MARK: - Keys and mouse

static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline int cnc_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cnc_key_resize(void) { return KEY_RESIZE; }
static inline int cnc_key_mouse(void) { return KEY_MOUSE; }
static inline int cnc_key_up(void) { return KEY_UP; }
static inline int cnc_key_down(void) { return KEY_DOWN; }
static inline int cnc_key_left(void) { return KEY_LEFT; }
static inline int cnc_key_right(void) { return KEY_RIGHT; }
static inline int cnc_key_npage(void) { return KEY_NPAGE; }
static inline int cnc_key_ppage(void) { return KEY_PPAGE; }
static inline int cnc_key_home(void) { return KEY_HOME; }
static inline int cnc_key_end(void) { return KEY_END; }
static inline int cnc_key_btab(void) { return KEY_BTAB; }
static inline int cnc_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cnc_key_dc(void) { return KEY_DC; }
static inline int cnc_key_enter(void) { return KEY_ENTER; }

static inline mmask_t cnc_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t cnc_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t cnc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnc_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cnc_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cnc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_button5_pressed(void) { return BUTTON5_PRESSED; }

// MARK: - Drawing

/// Draws one cell made of up to CCHARW_MAX Unicode scalars (a base character
/// plus combining marks) at (y, x) with the given attributes and colour pair.
/// The pair is passed through setcchar's extension argument so pair numbers
/// above SHRT_MAX work. Returns the ncurses status (ERR is expected for the
/// bottom-right cell of a non-scrolling window, where the glyph is still
/// drawn).
static inline int cnc_put_cell(
    WINDOW *win, int y, int x, const uint32_t *scalars, int count, attr_t attrs, int pair) {
  wchar_t text[CCHARW_MAX + 1];
  int n = count < CCHARW_MAX ? count : CCHARW_MAX;
  if (n < 1) {
    text[0] = L' ';
    n = 1;
  } else {
    for (int i = 0; i < n; i++) {
      text[i] = (wchar_t)scalars[i];
    }
  }
  text[n] = L'\0';
  cchar_t cell;
  int extendedPair = pair;
  if (setcchar(&cell, text, attrs, (short)(pair > 0x7fff ? 0 : pair), &extendedPair) == ERR) {
    return ERR;
  }
  return mvwadd_wch(win, y, x, &cell);
}

#endif
