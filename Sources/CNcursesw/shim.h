#ifndef HILUM_CNCURSESW_SHIM_H
#define HILUM_CNCURSESW_SHIM_H
// SwiftPM drops the -D flags pkg-config gives for ncursesw; without this the wide functions are missing.
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <term.h>
#include <wchar.h>
#include <string.h>

// Swift cannot read curses globals safely or expand function-like macros; these
// helpers do it in C. Call them on the thread that owns curses (the main actor).

static inline WINDOW *cncursesw_stdscr(void) { return stdscr; }
static inline int cncursesw_lines(void) { return LINES; }
static inline int cncursesw_cols(void) { return COLS; }
static inline int cncursesw_colors(void) { return COLORS; }
static inline int cncursesw_key_f(int n) { return KEY_F(n); }

static inline attr_t cncursesw_a_normal(void) { return A_NORMAL; }
static inline attr_t cncursesw_a_bold(void) { return A_BOLD; }
static inline attr_t cncursesw_a_dim(void) { return A_DIM; }
static inline attr_t cncursesw_a_italic(void) { return A_ITALIC; }
static inline attr_t cncursesw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cncursesw_a_reverse(void) { return A_REVERSE; }

static inline mmask_t cncursesw_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED
         | BUTTON2_PRESSED | BUTTON2_CLICKED | BUTTON3_PRESSED | BUTTON3_CLICKED
         | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t cncursesw_button1_press(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t cncursesw_button1_double(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t cncursesw_button2_press(void) { return BUTTON2_PRESSED | BUTTON2_CLICKED; }
static inline mmask_t cncursesw_button3_press(void) { return BUTTON3_PRESSED | BUTTON3_CLICKED; }
static inline mmask_t cncursesw_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t cncursesw_wheel_down(void) { return BUTTON5_PRESSED; }

// Draws one cell: `text` is a spacing character plus combining marks, NUL-terminated.
// The colour pair goes through setcchar's opts argument so pairs above 255 work.
static inline int cncursesw_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, 0, &pair) != OK) { return ERR; }
    return mvadd_wch(y, x, &cell);
}

// Result of probing the terminfo entry for `term` before initscr, which would exit on an unknown TERM.
enum {
    CNCURSESW_TERM_OK = 0,
    CNCURSESW_TERM_UNKNOWN = 1,
    CNCURSESW_TERM_NO_DATABASE = 2,
    CNCURSESW_TERM_HARDCOPY = 3,
    CNCURSESW_TERM_NO_CURSOR_ADDRESSING = 4,
};

static inline int cncursesw_probe_terminal(const char *term, int fd) {
    int status = 0;
    if (setupterm(term, fd, &status) != OK) {
        if (status == 1) { return CNCURSESW_TERM_HARDCOPY; }
        if (status == -1) { return CNCURSESW_TERM_NO_DATABASE; }
        return CNCURSESW_TERM_UNKNOWN;
    }
    const char *address = tigetstr("cup");
    int result = CNCURSESW_TERM_OK;
    if (tigetflag("hc") > 0) {
        result = CNCURSESW_TERM_HARDCOPY;
    } else if (tigetflag("gn") > 0 || address == NULL || address == (char *)-1) {
        result = CNCURSESW_TERM_NO_CURSOR_ADDRESSING;
    }
    del_curterm(cur_term);
    return result;
}

// Copies terminfo capability `name` into `buffer`; returns its length, or 0 when the terminal lacks it.
static inline size_t cncursesw_capability(const char *name, char *buffer, size_t size) {
    const char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1 || size == 0) { return 0; }
    size_t length = strlen(value);
    if (length >= size) { return 0; }
    memcpy(buffer, value, length + 1);
    return length;
}

// glibc hides wcwidth without _GNU_SOURCE/_XOPEN_SOURCE, which Swift's Glibc module must not see.
extern int wcwidth(wchar_t c);
#endif
