// Wide-character ncurses for Swift: the macros and C globals that Swift cannot import
// (or that Swift 6 rejects as shared mutable state) are wrapped in static inline functions.
// Also the terminal's emergency restore, in C so that it is async-signal-safe.
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
#include <signal.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static inline WINDOW *gp_stdscr(void) { return stdscr; }
static inline WINDOW *gp_curscr(void) { return curscr; }
static inline int gp_cols(void) { return COLS; }
static inline int gp_lines(void) { return LINES; }
static inline int gp_colors(void) { return COLORS; }
static inline int gp_color_pairs(void) { return COLOR_PAIRS; }
static inline int gp_color_pair(int n) { return COLOR_PAIR(n); }
static inline int gp_key_f(int n) { return KEY_F(n); }
static inline int gp_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int gp_getmaxy(WINDOW *w) { return getmaxy(w); }

// Attributes (function-like macros in curses.h).
static inline attr_t gp_a_normal(void) { return A_NORMAL; }
static inline attr_t gp_a_bold(void) { return A_BOLD; }
static inline attr_t gp_a_dim(void) { return A_DIM; }
static inline attr_t gp_a_italic(void) { return A_ITALIC; }
static inline attr_t gp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gp_a_reverse(void) { return A_REVERSE; }

// Mouse buttons (macros built from NCURSES_MOUSE_MASK).
static inline mmask_t gp_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gp_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t gp_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t gp_wheel_down(void) { return BUTTON5_PRESSED; }

// The longest grapheme (in code points) one cell holds.
static inline int gp_cchar_max(void) { return CCHARW_MAX; }

// MARK: Emergency restore

// On a fatal signal, what endwin() would undo is undone with write(2) and tcsetattr(3) only:
// bracketed paste and mouse reporting off, the keypad back in normal mode (ncurses' keypad()
// turned on application cursor keys and keypad), attributes and the cursor reset, the
// alternate screen left, and the saved termios put back.
static const char gp_restore_sequence[] =
    "\033[?2004l\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?1015l\033[?1l\033>\033[0m\033[?25h\033[?1049l\r\n";
static const char gp_palette_reset_sequence[] = "\033]104\007";

static volatile sig_atomic_t gp_saved_termios_valid = 0;
static volatile sig_atomic_t gp_terminal_active = 0;
static volatile sig_atomic_t gp_palette_changed = 0;

// Storage as function-local statics, emitted along with the functions that use them.
static inline struct termios *gp_saved_termios(void) {
    static struct termios saved;
    return &saved;
}

static inline struct sigaction *gp_previous_action(int signal_number) {
    static struct sigaction previous[NSIG];
    return &previous[signal_number];
}

static inline void gp_save_terminal(void) {
    if (tcgetattr(STDIN_FILENO, gp_saved_termios()) == 0) gp_saved_termios_valid = 1;
}

static inline void gp_set_terminal_active(int active) { gp_terminal_active = active; }
static inline void gp_set_palette_changed(int changed) { gp_palette_changed = changed; }

static inline void gp_emergency_restore(void) {
    if (!gp_terminal_active) return;
    gp_terminal_active = 0;
    ssize_t ignored = write(STDOUT_FILENO, gp_restore_sequence, sizeof gp_restore_sequence - 1);
    if (gp_palette_changed) ignored = write(STDOUT_FILENO, gp_palette_reset_sequence, sizeof gp_palette_reset_sequence - 1);
    (void)ignored;
    if (gp_saved_termios_valid) tcsetattr(STDIN_FILENO, TCSAFLUSH, gp_saved_termios());
}

// A read past the end of a mapped file that shrank under us (SIGBUS, BUS_ADRERR): the model
// file was truncated or replaced while in use. Nothing in the program is wrong, so it gets one
// plain line on stderr (once, though every worker thread may fault) and no crash report.
static inline int gp_is_mapped_file_fault(int signal_number, const siginfo_t *info) {
    return signal_number == SIGBUS && info->si_code == BUS_ADRERR;
}

static inline void gp_report_mapped_file_fault(void) {
    static volatile int reported = 0;
    if (__atomic_exchange_n(&reported, 1, __ATOMIC_SEQ_CST)) return;
    static const char message[] = "genplay: a file in use (the model?) was truncated or changed on disk; stopping\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
}

// SIGINT, SIGTERM and SIGHUP while the app runs are deferred once: the handler writes the
// signal's number to the frame loop's wake pipe, and the loop saves the chat and its partial
// reply, restores the terminal and dies of the signal. A second signal, or five seconds
// without the loop getting there (SIGALRM), end the process at once as before.
// (This state is `static`, one copy per object file that uses it: only the handler and the
// function installing it touch it, and they are always emitted together.)
static volatile sig_atomic_t gp_termination_pending = 0;
static volatile int gp_termination_wake_fd = -1;

static inline int gp_defers(int signal_number) {
    int deferrable = signal_number == SIGINT || signal_number == SIGTERM || signal_number == SIGHUP;
    if (!deferrable || gp_termination_wake_fd < 0 || gp_termination_pending) return 0;
    gp_termination_pending = signal_number;
    unsigned char byte = (unsigned char)signal_number;
    ssize_t ignored = write(gp_termination_wake_fd, &byte, 1);
    (void)ignored;
    alarm(5);
    return 1;
}

// Restores the terminal, then lets the signal take its course. Termination signals get their
// default action, and so do crash signals sent by another process (kill -SEGV): the handler
// installed before, Swift's backtracer, would print and return, and the process would go on.
// A real crash (a trap, a bad address, abort()) gets that handler, which now prints to a
// sane terminal.
static void gp_on_fatal_signal(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    if (gp_defers(signal_number)) return;
    // The deferred end took too long: end as the signal would have.
    if (signal_number == SIGALRM && gp_termination_pending) signal_number = gp_termination_pending;
    gp_emergency_restore();
    int terminates = signal_number == SIGINT || signal_number == SIGTERM || signal_number == SIGHUP || signal_number == SIGQUIT
        || signal_number == SIGALRM;
    int sent = info->si_code == SI_USER || info->si_code == SI_QUEUE;
    int mapped_file_fault = gp_is_mapped_file_fault(signal_number, info);
    if (mapped_file_fault) gp_report_mapped_file_fault();
    if (terminates || sent || mapped_file_fault) {
        signal(signal_number, SIG_DFL);
    } else {
        sigaction(signal_number, gp_previous_action(signal_number), NULL);
    }
    raise(signal_number);
}

// The headless commands' SIGBUS handler: a mapped file cut short is reported as above; any
// other bus error goes to the handler installed before (Swift's backtracer).
static void gp_on_bus_error(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    if (gp_is_mapped_file_fault(signal_number, info)) {
        gp_report_mapped_file_fault();
        signal(signal_number, SIG_DFL);
    } else {
        sigaction(signal_number, gp_previous_action(signal_number), NULL);
    }
    raise(signal_number);
}

static inline void gp_install_mapped_file_fault_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = gp_on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, gp_previous_action(SIGBUS));
}

static void gp_restore_at_exit(void) { gp_emergency_restore(); }

// A parent may start us with signals blocked (the mask is inherited across exec): unblock
// the ones the app relies on — resize, suspend/resume and the termination signals.
static inline void gp_unblock_terminal_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    static const int signals[] = {SIGWINCH, SIGTSTP, SIGCONT, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&set, signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

// Also restores on exit(3) from anywhere while the app runs (a no-op after a normal end).
// `termination_wake_fd` gets the number of a deferred termination signal (see `gp_defers`).
static inline void gp_install_restore_handlers(int termination_wake_fd) {
    gp_termination_wake_fd = termination_wake_fd;
    gp_unblock_terminal_signals();
    atexit(gp_restore_at_exit);
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = gp_on_fatal_signal;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        sigaction(signals[i], &action, gp_previous_action(signals[i]));
    }
}

#endif
