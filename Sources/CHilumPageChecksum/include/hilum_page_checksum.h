#ifndef HILUM_PAGE_CHECKSUM_H
#define HILUM_PAGE_CHECKSUM_H
#include <stdint.h>

/// The name under which the checksumming VFS is registered.
#define HILUM_PAGE_CHECKSUM_VFS "hilum-checksum"

/// The bytes reserved at the end of every page for its checksum.
#define HILUM_PAGE_CHECKSUM_BYTES 8

/// Registers the VFS (not as the default) on top of the default VFS.
/// Safe to call more than once; returns an SQLite result code. The first
/// call, when SQLite is not yet initialised, also turns off SQLite's memory
/// statistics, which nothing in Hilum reads: keeping them takes a global
/// mutex on every allocation.
int hilum_page_checksum_register(void);

/// Writes the checksum of `page[0 .. size-8)` into `out[0..8)`.
/// `size` is the page size, a power of two from 512 to 65536.
void hilum_page_checksum(const unsigned char *page, int size, unsigned char *out);
#endif
