#pragma once
// Who may use the store at once: an advisory lock (flock) on <data-dir>/sango.lock. Every EventStore holds a
// SHARED lock for its lifetime, so any number of connections and processes (the kiosk, its sync thread,
// `sango` commands) use the store side by side as SQLite allows; `sango restore`, which replaces the store
// file, takes it EXCLUSIVE and only when nobody else holds it. Neither waits: a lock that cannot be had is
// Errc::store_in_use at once.
//
// flock locks belong to an open file description: each StoreLock opens the file itself (O_CLOEXEC, never
// dup'd or inherited by a child), so two shared locks of one process are as independent as two processes'
// and never block each other, while an exclusive one is refused as long as any shared one is held, in this
// process or another.
#include <filesystem>

#include "sango/error.h"

namespace sango {

class StoreLock {
public:
    enum class Mode { shared, exclusive };

    // The lock file of a data directory.
    static std::filesystem::path file(const std::filesystem::path& dataDir) { return dataDir / "sango.lock"; }

    // Takes the lock without waiting; the data directory must exist. The file is made (0600) when missing.
    // A shared lock on a directory where the file can neither be made nor opened (a read-only medium) is an
    // empty lock (held() false): nothing there can replace the store either.
    static Expected<StoreLock> acquire(const std::filesystem::path& dataDir, Mode mode);

    StoreLock() = default;
    ~StoreLock();
    StoreLock(StoreLock&& other) noexcept;
    StoreLock& operator=(StoreLock&& other) noexcept;
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

    bool held() const { return m_fd >= 0; }
    Mode mode() const { return m_mode; }
    // Gives the lock up now (the destructor does it too).
    void release();

private:
    StoreLock(int fd, Mode mode) : m_fd(fd), m_mode(mode) {}
    int m_fd = -1;
    Mode m_mode = Mode::shared;
};

} // namespace sango
