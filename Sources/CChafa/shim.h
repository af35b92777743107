#ifndef HILUM_CCHAFA_SHIM_H
#define HILUM_CCHAFA_SHIM_H
// chafa.h includes glib.h and chafaconfig.h, which live outside /usr/include:
// Package.swift names the pkg-config package "chafa" so SwiftPM adds
// -I/usr/include/glib-2.0, -I/usr/lib/<triplet>/glib-2.0/include and
// -I/usr/lib/<triplet>/chafa/include. Without them the import fails on glib.h.
#include <chafa.h>

// GString is a struct with a length; these helpers keep Swift off glib's macros.
static inline const char *cchafa_gstring_bytes(GString *string) { return string->str; }
static inline size_t cchafa_gstring_length(GString *string) { return string->len; }
static inline void cchafa_gstring_free(GString *string) { g_string_free(string, TRUE); }
#endif
