#ifndef HILUM_TERMINAL_RESTORE_H
#define HILUM_TERMINAL_RESTORE_H
#include <stddef.h>

// Terminal restore on fatal signals and exit, written for async-signal safety:
// the handler only calls write(2), tcsetattr(3), sigaction(2) and raise(3).

/// Saves the terminal modes of `fd` (call before curses changes them) and installs
/// handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGTERM, SIGHUP,
/// SIGQUIT and SIGINT plus an atexit hook. Returns 0, or -1 with errno set.
int hilum_restore_install(int fd);

/// Sets the bytes written to `fd` on restore (leave the alternate screen, show the
/// cursor, reset attributes, stop mouse reports). Longer than 512 bytes is cut.
void hilum_restore_set_sequence(const char *bytes, size_t length);

/// Restores the terminal now if a restore is armed; safe to call more than once.
void hilum_restore_now(void);

/// Disarms the restore after a normal shutdown and puts the previous handlers back.
void hilum_restore_uninstall(void);
#endif
