#ifndef HILUM_CNCURSESW_SHIM_H
#define HILUM_CNCURSESW_SHIM_H
// SwiftPM drops the -D flags pkg-config gives for ncursesw; without this the wide functions are missing.
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#endif
