#ifndef HILUM_CPOCKETSPHINX_SHIM_H
#define HILUM_CPOCKETSPHINX_SHIM_H
// PocketSphinx 5prealpha (Debian's 0.8+5prealpha) and SphinxBase. The
// include paths come from pkg-config's pocketsphinx.pc.
#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>

// cmd_ln_init is variadic, which Swift cannot call: parse an argv-style
// array of "-name", "value" pairs with PocketSphinx's own argument table.
static inline cmd_ln_t *hilum_ps_config(int32 argc, char *argv[]) {
    return cmd_ln_parse_r(NULL, ps_args(), argc, argv, TRUE);
}

// SphinxBase logs to stderr unless told otherwise; curses owns the terminal,
// so the library stays silent.
static inline void hilum_ps_silence_logging(void) {
    err_set_logfp(NULL);
}
#endif
