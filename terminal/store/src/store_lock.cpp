#include "sango/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "sango/log.h"

namespace sango {

namespace fs = std::filesystem;

Expected<StoreLock> StoreLock::acquire(const fs::path& dataDir, Mode mode)
{
    const fs::path path = file(dataDir);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    int err = fd < 0 ? errno : 0;
    if (fd < 0 && (err == EACCES || err == EROFS || err == EPERM)) {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW); // flock needs no write access
        if (fd < 0 && errno != ENOENT)
            err = errno; // else: not there, and it cannot be made (err says why)
    }
    if (fd < 0) {
        if (mode == Mode::shared && (err == EACCES || err == EROFS || err == EPERM)) {
            log::category("terminal.store")->debug("no lock file in {} ({}): the store is used without one",
                                                   dataDir.string(), std::strerror(err));
            return StoreLock();
        }
        if (err == ENOSPC)
            return fail(Errc::disk_full, "cannot make the lock file " + path.string() +
                                             ": the disk is full; free some space and try again");
        if (err == EACCES || err == EROFS || err == EPERM)
            return fail(Errc::store_read_only, "cannot open the lock file " + path.string() + ": " +
                                                   std::strerror(err) +
                                                   "; give Sango write access to its data directory");
        return fail(Errc::store_io, "cannot open the lock file " + path.string() + ": " + std::strerror(err));
    }
    const int op = (mode == Mode::shared ? LOCK_SH : LOCK_EX) | LOCK_NB;
    int rc;
    do
        rc = ::flock(fd, op);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) {
            if (mode == Mode::shared)
                return fail(Errc::store_in_use, "the store in " + dataDir.string() +
                                                    " is being restored from a backup right now: try again when "
                                                    "`sango restore` has finished");
            return fail(Errc::store_in_use,
                        "another program has the store in " + dataDir.string() +
                            " open (the kiosk, a running `sango sync`, or another command): stop it first (for the "
                            "kiosk: `systemctl stop sango-kiosk`), then try again; nothing was changed");
        }
        return fail(Errc::store_io, "cannot lock " + path.string() + ": " + std::strerror(err));
    }
    return StoreLock(fd, mode);
}

StoreLock::~StoreLock()
{
    release();
}

StoreLock::StoreLock(StoreLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_mode(other.m_mode)
{
}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
        m_mode = other.m_mode;
    }
    return *this;
}

void StoreLock::release()
{
    if (m_fd >= 0) {
        ::close(m_fd); // closing the only descriptor of its open file description drops the lock
        m_fd = -1;
    }
}

} // namespace sango
