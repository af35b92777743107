#ifndef HILUM_CSQLITE_SHIM_H
#define HILUM_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// Extended result codes are macros built with | and <<, which Swift does not import.
static inline int csqlite_ioerr_data(void) { return SQLITE_IOERR_DATA; }
#endif
