#include "sango/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sango {

Expected<void> writeFileAtomically(const std::filesystem::path& file, std::string_view bytes, mode_t mode)
{
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    std::string tmp = (folder / ("." + file.filename().string() + ".XXXXXX")).string();
    auto writeError = [&](int err) {
        return fail(err == ENOSPC ? Errc::disk_full : Errc::invalid_argument,
                    "cannot write " + file.string() + ": " + std::strerror(err) +
                        "; check the folder exists, is writable and has space");
    };
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0)
        return writeError(errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            ::unlink(tmp.c_str());
            return writeError(err);
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const int syncErr = errno;
    ::close(fd);
    if (!synced || ::rename(tmp.c_str(), file.c_str()) != 0) {
        const int err = synced ? errno : syncErr;
        ::unlink(tmp.c_str());
        return writeError(err);
    }
    if (const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

} // namespace sango
