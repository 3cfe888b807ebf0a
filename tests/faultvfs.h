// A SQLite VFS for tests that fails writes, syncs and opens on demand, the way a file system that went
// read-only or ran out of space would. It delegates everything else to the default "unix" VFS.
#pragma once

namespace faultvfs {

enum class Mode {
    None,
    ReadOnly, // like EROFS: writes and syncs fail with SQLITE_IOERR_WRITE/FSYNC, opens for writing come back read-only
    DiskFull, // like ENOSPC: writes fail with SQLITE_FULL
};

// Registers the VFS (once; not as the default) and returns its name, for StoreConfig::vfs.
const char *registerVfs();
void setMode(Mode mode);
Mode mode();
// How many calls failed on purpose since the last reset: a test can check that the fault was hit.
int injectedFaults();
void resetInjectedFaults();

} // namespace faultvfs
