#ifndef HILUM_CSODIUM_SHIM_H
#define HILUM_CSODIUM_SHIM_H
#include <sodium.h>
#endif
