#include "terminal_restore.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int fatal_signals[] = {
    SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGTERM, SIGHUP, SIGQUIT, SIGINT,
};
#define FATAL_SIGNAL_COUNT (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static struct sigaction previous_actions[FATAL_SIGNAL_COUNT];
static struct termios saved_modes;
static int terminal_fd = -1;
static volatile sig_atomic_t armed = 0;
static char sequence[512];
static volatile size_t sequence_length = 0;
static int atexit_registered = 0;

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0) {
            if (errno == EINTR) { continue; }
            return;
        }
        bytes += written;
        length -= (size_t)written;
    }
}

void hilum_restore_now(void) {
    if (!armed) { return; }
    armed = 0;
    int saved_errno = errno;
    write_all(terminal_fd, sequence, sequence_length);
    tcsetattr(terminal_fd, TCSANOW, &saved_modes);
    errno = saved_errno;
}

static void restore_on_signal(int signal_number) {
    hilum_restore_now();
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        if (fatal_signals[i] == signal_number) {
            sigaction(signal_number, &previous_actions[i], NULL);
        }
    }
    // The signal is blocked while this handler runs, so it reaches the previous
    // handler (Swift's backtracer or the default action) once this returns.
    raise(signal_number);
}

static void restore_at_exit(void) { hilum_restore_now(); }

int hilum_restore_install(int fd) {
    if (tcgetattr(fd, &saved_modes) != 0) { return -1; }
    terminal_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = restore_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        if (sigaction(fatal_signals[i], &action, &previous_actions[i]) != 0) { return -1; }
    }
    if (!atexit_registered) {
        atexit(restore_at_exit);
        atexit_registered = 1;
    }
    armed = 1;
    return 0;
}

void hilum_restore_set_sequence(const char *bytes, size_t length) {
    if (length > sizeof(sequence)) { length = sizeof(sequence); }
    sequence_length = 0;
    memcpy(sequence, bytes, length);
    sequence_length = length;
}

void hilum_restore_uninstall(void) {
    armed = 0;
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal_signals[i], &previous_actions[i], NULL);
    }
}
