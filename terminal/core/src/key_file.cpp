#include "sango/key_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sango/log.h"
#include "sango/crypto.h"

namespace sango {

StoreKey::~StoreKey()
{
    crypto::wipe(m_bytes.data(), m_bytes.size());
}

StoreKey StoreKey::random()
{
    std::array<std::uint8_t, kSize> b{};
    crypto::randomBytes(b.data(), b.size());
    StoreKey k(b);
    crypto::wipe(b.data(), b.size());
    return k;
}

std::string StoreKey::sqlcipherLiteral() const
{
    return "x'" + crypto::toHex(m_bytes) + "'";
}

std::string StoreKey::fingerprint() const
{
    std::string key(reinterpret_cast<const char*>(m_bytes.data()), m_bytes.size());
    const auto hash = crypto::blake2b256("sango store key fingerprint v1", key);
    crypto::wipe(key.data(), key.size());
    return crypto::toHex(hash);
}

bool KeyFile::exists() const
{
    std::error_code ec;
    return std::filesystem::exists(m_path, ec);
}

Expected<StoreKey> KeyFile::load() const
{
    const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return fail(Errc::key_missing, "the store key file " + m_path.string() +
                                               " is missing: restore it from your backup (without it the "
                                               "store cannot be read), or give its place with --key-file");
        return fail(Errc::key_missing, "cannot read the store key file " + m_path.string() + ": " +
                                           std::strerror(errno) + "; check its owner and permissions");
    }
    struct stat st {};
    // 0600 or 0400 (a systemd credential is 0400): both are the owner's alone.
    if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
        log::category("terminal.store")
            ->warn("the store key file {} can be read by other users: `chmod 600` it", m_path.string());
    char buf[130] = {};
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    std::string_view text(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    std::array<std::uint8_t, StoreKey::kSize> bytes{};
    if (!crypto::fromHex(text, bytes.data(), bytes.size())) {
        crypto::wipe(buf, sizeof buf);
        return fail(Errc::wrong_key, "the store key file " + m_path.string() +
                                         " does not hold a key (64 hex characters): restore it from your backup");
    }
    crypto::wipe(buf, sizeof buf);
    StoreKey key(bytes);
    crypto::wipe(bytes.data(), bytes.size());
    return key;
}

std::optional<std::filesystem::path> storeKeyCredential()
{
    const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
    if (!dir || !*dir)
        return std::nullopt;
    const std::filesystem::path file = std::filesystem::path(dir) / kStoreKeyCredential;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return std::nullopt;
    return file;
}

Expected<StoreKey> KeyFile::create() const
{
    const int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return fail(Errc::store_exists, "a key file already exists at " + m_path.string());
        if (errno == EACCES || errno == EROFS)
            return fail(Errc::store_read_only, "cannot create the key file " + m_path.string() + ": " +
                                                   std::strerror(errno) + "; choose a writable data directory");
        if (errno == ENOSPC)
            return fail(Errc::disk_full, "the disk is full: free some space and run the command again");
        return fail(Errc::store_io, "cannot create the key file " + m_path.string() + ": " + std::strerror(errno));
    }
    ::fchmod(fd, 0600);
    StoreKey key = StoreKey::random();
    std::string text = crypto::toHex(key.bytes()) + "\n";
    const ssize_t n = ::write(fd, text.data(), text.size());
    const int writeErrno = errno;
    const bool synced = n == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    crypto::wipe(text.data(), text.size());
    ::close(fd);
    if (synced) {
        // The key's directory entry must survive a power loss as surely as the store does.
        const auto dir = m_path.has_parent_path() ? m_path.parent_path() : std::filesystem::path(".");
        const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            ::fsync(dfd);
            ::close(dfd);
        }
    }
    if (!synced) {
        ::unlink(m_path.c_str());
        if (writeErrno == ENOSPC)
            return fail(Errc::disk_full, "the disk is full: free some space and run the command again");
        return fail(Errc::store_io, "cannot write the key file " + m_path.string());
    }
    return key;
}

} // namespace sango
