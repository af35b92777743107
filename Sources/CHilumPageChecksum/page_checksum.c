// A VFS that keeps an 8-byte checksum in the reserved bytes at the end of
// every page of a main database file. It computes the checksum on each
// page write and checks it on each whole-page read, which then fails with
// SQLITE_IOERR_DATA. Files whose header reserves no 8 bytes per page pass
// through unchanged. WAL and journal files are not touched: SQLite's WAL
// frames carry their own checksums, and a checkpoint writes each page to
// the database file through this VFS.
#include <sqlite3.h>
#include <string.h>
#include "hilum_page_checksum.h"

typedef struct ChecksumFile {
    sqlite3_file base;
    sqlite3_file *real;
    int isMainDatabase;
    // For reads only: -1 until page 1 has been read, then 1 when its header reserves 8 bytes per page.
    int enabled;
} ChecksumFile;

static sqlite3_vfs *root;

static uint32_t littleEndian32(const unsigned char *bytes) {
    return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
}

void hilum_page_checksum(const unsigned char *page, int size, unsigned char *out) {
    // Two running sums over 32-bit words, each feeding the other, as SQLite's WAL frame checksum does.
    uint32_t first = 0, second = 0;
    for (int offset = 0; offset < size - HILUM_PAGE_CHECKSUM_BYTES; offset += 8) {
        first += littleEndian32(page + offset) + second;
        second += littleEndian32(page + offset + 4) + first;
    }
    for (int index = 0; index < 4; index++) {
        out[index] = (unsigned char)(first >> (8 * index));
        out[4 + index] = (unsigned char)(second >> (8 * index));
    }
}

static int isPageSize(int amount) {
    return amount >= 512 && amount <= 65536 && (amount & (amount - 1)) == 0;
}

static int isAllZero(const unsigned char *bytes, int count) {
    for (int index = 0; index < count; index++) {
        if (bytes[index] != 0) return 0;
    }
    return 1;
}

// Reads the header's reserved-bytes field from disk: 1 when it reserves 8 bytes per page, 0 when
// not, -1 when the file has no header yet. Another connection may change it with VACUUM, so writes ask every time.
static int reservesChecksum(ChecksumFile *file) {
    unsigned char reserved = 0;
    int result = file->real->pMethods->xRead(file->real, &reserved, 1, 20);
    if (result != SQLITE_OK) return -1;
    return reserved == HILUM_PAGE_CHECKSUM_BYTES;
}

static int checksumClose(sqlite3_file *handle) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xClose(file->real);
}

static int checksumRead(sqlite3_file *handle, void *buffer, int amount, sqlite3_int64 offset) {
    ChecksumFile *file = (ChecksumFile *)handle;
    int result = file->real->pMethods->xRead(file->real, buffer, amount, offset);
    if (result != SQLITE_OK || !file->isMainDatabase || !isPageSize(amount) || offset % amount != 0) return result;
    unsigned char *page = buffer;
    if (offset == 0) file->enabled = page[20] == HILUM_PAGE_CHECKSUM_BYTES;
    if (file->enabled < 0) file->enabled = reservesChecksum(file);
    if (file->enabled <= 0 || isAllZero(page, amount)) return SQLITE_OK;
    unsigned char expected[HILUM_PAGE_CHECKSUM_BYTES];
    hilum_page_checksum(page, amount, expected);
    if (memcmp(expected, page + amount - HILUM_PAGE_CHECKSUM_BYTES, HILUM_PAGE_CHECKSUM_BYTES) != 0) {
        sqlite3_log(SQLITE_IOERR_DATA, "page checksum mismatch at page %lld", (long long)(offset / amount) + 1);
        return SQLITE_IOERR_DATA;
    }
    return SQLITE_OK;
}

static int checksumWrite(sqlite3_file *handle, const void *buffer, int amount, sqlite3_int64 offset) {
    ChecksumFile *file = (ChecksumFile *)handle;
    if (file->isMainDatabase && isPageSize(amount) && offset % amount == 0) {
        const unsigned char *page = buffer;
        int enabled = offset == 0 ? page[20] == HILUM_PAGE_CHECKSUM_BYTES : reservesChecksum(file);
        if (offset == 0) file->enabled = enabled;
        if (enabled > 0) {
            // The reserved bytes belong to this VFS, so writing them into SQLite's page buffer changes nothing SQLite reads.
            hilum_page_checksum(page, amount, (unsigned char *)page + amount - HILUM_PAGE_CHECKSUM_BYTES);
        }
    }
    return file->real->pMethods->xWrite(file->real, buffer, amount, offset);
}

static int checksumTruncate(sqlite3_file *handle, sqlite3_int64 size) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xTruncate(file->real, size);
}

static int checksumSync(sqlite3_file *handle, int flags) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xSync(file->real, flags);
}

static int checksumFileSize(sqlite3_file *handle, sqlite3_int64 *size) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xFileSize(file->real, size);
}

static int checksumLock(sqlite3_file *handle, int level) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xLock(file->real, level);
}

static int checksumUnlock(sqlite3_file *handle, int level) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xUnlock(file->real, level);
}

static int checksumCheckReservedLock(sqlite3_file *handle, int *reserved) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xCheckReservedLock(file->real, reserved);
}

static int checksumFileControl(sqlite3_file *handle, int operation, void *argument) {
    ChecksumFile *file = (ChecksumFile *)handle;
    int result = file->real->pMethods->xFileControl(file->real, operation, argument);
    if (operation == SQLITE_FCNTL_VFSNAME && result == SQLITE_OK && argument != 0) {
        char **name = argument;
        char *wrapped = sqlite3_mprintf(HILUM_PAGE_CHECKSUM_VFS "/%z", *name);
        *name = wrapped;
    }
    return result;
}

static int checksumSectorSize(sqlite3_file *handle) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xSectorSize(file->real);
}

static int checksumDeviceCharacteristics(sqlite3_file *handle) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xDeviceCharacteristics(file->real);
}

static int checksumShmMap(sqlite3_file *handle, int region, int size, int extend, void volatile **pointer) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xShmMap(file->real, region, size, extend, pointer);
}

static int checksumShmLock(sqlite3_file *handle, int offset, int count, int flags) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xShmLock(file->real, offset, count, flags);
}

static void checksumShmBarrier(sqlite3_file *handle) {
    ChecksumFile *file = (ChecksumFile *)handle;
    file->real->pMethods->xShmBarrier(file->real);
}

static int checksumShmUnmap(sqlite3_file *handle, int deleteFlag) {
    ChecksumFile *file = (ChecksumFile *)handle;
    return file->real->pMethods->xShmUnmap(file->real, deleteFlag);
}

// Memory-mapped reads would bypass the check, so every page is read through xRead.
static int checksumFetch(sqlite3_file *handle, sqlite3_int64 offset, int amount, void **pointer) {
    (void)handle; (void)offset; (void)amount;
    *pointer = 0;
    return SQLITE_OK;
}

static int checksumUnfetch(sqlite3_file *handle, sqlite3_int64 offset, void *pointer) {
    (void)handle; (void)offset; (void)pointer;
    return SQLITE_OK;
}

static const sqlite3_io_methods checksumMethods = {
    3,
    checksumClose, checksumRead, checksumWrite, checksumTruncate, checksumSync, checksumFileSize,
    checksumLock, checksumUnlock, checksumCheckReservedLock, checksumFileControl, checksumSectorSize,
    checksumDeviceCharacteristics, checksumShmMap, checksumShmLock, checksumShmBarrier, checksumShmUnmap,
    checksumFetch, checksumUnfetch,
};

static int checksumOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *handle, int flags, int *outFlags) {
    (void)vfs;
    ChecksumFile *file = (ChecksumFile *)handle;
    memset(file, 0, sizeof(ChecksumFile));
    file->real = (sqlite3_file *)&file[1];
    file->isMainDatabase = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    file->enabled = -1;
    int result = root->xOpen(root, name, file->real, flags, outFlags);
    // The wrapper's methods are installed only over an opened file, so SQLite never closes a file that failed to open.
    if (file->real->pMethods != 0) {
        // Every forwarded method exists from version 2 of the real methods on; version 3 adds xFetch, which this VFS never uses.
        if (file->real->pMethods->iVersion < 2) {
            file->real->pMethods->xClose(file->real);
            return SQLITE_CANTOPEN;
        }
        file->base.pMethods = &checksumMethods;
    }
    return result;
}

static int checksumDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    (void)vfs;
    return root->xDelete(root, name, syncDirectory);
}

static int checksumAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void)vfs;
    return root->xAccess(root, name, flags, result);
}

static int checksumFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
    (void)vfs;
    return root->xFullPathname(root, name, size, out);
}

static void *checksumDlOpen(sqlite3_vfs *vfs, const char *name) {
    (void)vfs;
    return root->xDlOpen(root, name);
}

static void checksumDlError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    root->xDlError(root, size, message);
}

static void (*checksumDlSym(sqlite3_vfs *vfs, void *library, const char *symbol))(void) {
    (void)vfs;
    return root->xDlSym(root, library, symbol);
}

static void checksumDlClose(sqlite3_vfs *vfs, void *library) {
    (void)vfs;
    root->xDlClose(root, library);
}

static int checksumRandomness(sqlite3_vfs *vfs, int size, char *out) {
    (void)vfs;
    return root->xRandomness(root, size, out);
}

static int checksumSleep(sqlite3_vfs *vfs, int microseconds) {
    (void)vfs;
    return root->xSleep(root, microseconds);
}

static int checksumCurrentTime(sqlite3_vfs *vfs, double *now) {
    (void)vfs;
    return root->xCurrentTime(root, now);
}

static int checksumGetLastError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    return root->xGetLastError ? root->xGetLastError(root, size, message) : 0;
}

static int checksumCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
    (void)vfs;
    return root->xCurrentTimeInt64(root, now);
}

static sqlite3_vfs checksumVFS = {
    2, 0, 0, 0, HILUM_PAGE_CHECKSUM_VFS, 0,
    checksumOpen, checksumDelete, checksumAccess, checksumFullPathname,
    checksumDlOpen, checksumDlError, checksumDlSym, checksumDlClose,
    checksumRandomness, checksumSleep, checksumCurrentTime, checksumGetLastError, checksumCurrentTimeInt64,
    0, 0, 0,
};

int hilum_page_checksum_register(void) {
    // Fails harmlessly with SQLITE_MISUSE once SQLite is initialised; it must come before the first sqlite3_vfs_find.
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (sqlite3_vfs_find(HILUM_PAGE_CHECKSUM_VFS) != 0) return SQLITE_OK;
    root = sqlite3_vfs_find(0);
    if (root == 0) return SQLITE_ERROR;
    if (root->iVersion < 2 || root->xCurrentTimeInt64 == 0) return SQLITE_ERROR;
    checksumVFS.szOsFile = (int)sizeof(ChecksumFile) + root->szOsFile;
    checksumVFS.mxPathname = root->mxPathname;
    return sqlite3_vfs_register(&checksumVFS, 0);
}

