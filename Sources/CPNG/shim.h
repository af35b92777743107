#ifndef HILUM_CPNG_SHIM_H
#define HILUM_CPNG_SHIM_H
// libpng's simplified API (png_image_*): no setjmp error handling to call from Swift.
#include <png.h>

// PNG_IMAGE_VERSION and the format macros are not importable as constants
// of the right type; these return them.
static inline png_uint_32 cpng_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 cpng_format_rgba(void) { return PNG_FORMAT_RGBA; }
static inline png_uint_32 cpng_format_gray(void) { return PNG_FORMAT_GRAY; }
#endif
