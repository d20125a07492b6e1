// The mapping of SQLite and OS failures to Errc, shared by the terminal's store and the ledger's store.
#include "sango/disk_errors.h"

#include <sqlcipher/sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace sango::db {

Error ioError(const std::filesystem::path& p, const std::string& what, int err, std::string_view program)
{
    if (err == ENOSPC)
        return {Errc::disk_full, "the disk is full: nothing was recorded; free some space and try again"};
    if (err == EACCES || err == EROFS || err == EPERM)
        return {Errc::store_read_only, "cannot " + what + " " + p.string() + ": " + std::strerror(err) + "; give " +
                                           std::string(program) + " write access to its data directory"};
    return {Errc::store_io, "cannot " + what + " " + p.string() + ": " + std::strerror(err)};
}

Error sqliteError(int rc, const std::string& detail, const std::filesystem::path& path, std::string_view what)
{
    const std::string where = path.string();
    switch (rc & 0xFF) {
    case SQLITE_FULL:
        return {Errc::disk_full, "the disk holding " + where +
                                     " is full: nothing was recorded; free some space and try again"};
    case SQLITE_READONLY:
        return {Errc::store_read_only, "the store " + where +
                                           " is read-only: give Sango write access to its data directory"};
    case SQLITE_CANTOPEN:
        return {Errc::store_read_only, "cannot open the store " + where + " (" + detail +
                                           "): check that the data directory exists and is writable"};
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return {Errc::store_read_only, "no permission to use the store " + where + ": check its owner and mode"};
    case SQLITE_NOTADB:
        return {Errc::wrong_key, "the store " + where +
                                     " cannot be decrypted: the key is wrong or the file is not a Sango store"};
    case SQLITE_CORRUPT:
        return {Errc::store_corrupt, "the store " + where + " is damaged (" + detail + "): restore it from a backup"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {Errc::store_io, "the store " + where +
                                    " is busy in another program for too long: try again in a moment"};
    case SQLITE_IOERR:
        if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC) {
            if (errno == ENOSPC)
                return {Errc::disk_full, "the disk holding " + where +
                                             " is full: nothing was recorded; free some space and try again"};
        }
        return {Errc::store_io, "cannot " + std::string(what) + " at " + where + " (" + detail +
                                    "): check the disk and try again"};
    default:
        return {Errc::store_io, "cannot " + std::string(what) + " at " + where + " (" + detail + ")"};
    }
}

void syncDirectory(const std::filesystem::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace sango::db
