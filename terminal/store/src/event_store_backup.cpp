// EventStore's copies of itself: backupTo (`sango backup`, and the copy made before a schema upgrade), and
// openCopy, which opens a store file only to read and check it (a backup, or the store a restore replaces).
#include "sango/event_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "event_store_impl.h"
#include "sango/crypto.h"
#include "sango/log.h"
#include "sango/store_backup.h"

namespace sango {

namespace fs = std::filesystem;

namespace {

// The store's own name for the attached copy while it is written.
constexpr const char* kCopySchema = "sango_backup";

Expected<void> syncFile(const fs::path& p)
{
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tl::unexpected(store_files::ioError(p, "sync", errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return tl::unexpected(store_files::ioError(p, "sync", err));
    return {};
}

} // namespace

Expected<EventStore> EventStore::openCopy(const fs::path& file, const StoreKey& key, const std::string& shownAs)
{
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return tl::unexpected(store_files::ioError(file, "read", ec.value()));
    // Shorter than its first page it cannot be a store (SQLCipher would take it for a new, empty one).
    if (size < 1024)
        return fail(Errc::store_corrupt, shownAs + " is truncated (" + std::to_string(size) +
                                             " bytes): it is not a whole Sango store");
    SANGO_TRY_ASSIGN(auto d, db::Database::open(file, /*create=*/false));
    if (auto r = store_files::keyConnection(d, key); !r) {
        if (r.error().code == Errc::wrong_key)
            return fail(Errc::wrong_key, shownAs + " cannot be read with this store's key: it was made with another "
                                                   "key (for another store), or it is damaged or not a Sango store");
        return tl::unexpected(r.error());
    }
    auto impl = std::make_unique<Impl>();
    impl->db = std::move(d);
    impl->key = key;
    auto version = db::scalar<std::int64_t>(impl->db, "SELECT CAST(value AS INTEGER) FROM meta "
                                                      "WHERE key = 'schema_version'");
    if (!version) {
        const Error& e = version.error();
        if (e.code == Errc::store_corrupt || e.code == Errc::wrong_key)
            return fail(Errc::store_corrupt, shownAs + " is damaged (" + e.message + ")");
        if (e.code == Errc::store_io) // no meta table: some other SQLCipher file with this key
            return fail(Errc::store_corrupt, shownAs + " is not a Sango store (it has no schema version)");
        return tl::unexpected(e);
    }
    if (version->value_or(0) <= 0)
        return fail(Errc::store_corrupt, shownAs + " is not a Sango store (it has no schema version)");
    impl->schemaVersion = static_cast<int>(version->value_or(0));
    return EventStore(std::move(impl));
}

Expected<StoreCopyInfo> EventStore::backupTo(const fs::path& file)
{
    if (m_impl->write)
        return fail(Errc::store_io, "internal error: a backup was asked for inside a write transaction");
    if (!m_impl->key)
        return fail(Errc::not_available, "this store is not encrypted (a benchmark's): it has no key to copy with");
    std::error_code ec;
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
        return fail(Errc::invalid_argument, "the folder " + folder.string() + " does not exist: make it first, or "
                                                                               "choose another file for the backup");
    if (fs::exists(fs::symlink_status(file, ec)))
        return fail(Errc::store_exists, "a file already exists at " + file.string() +
                                            ": Sango does not overwrite it; choose another name for the backup");

    // The copy is made under a temporary name beside the target (mode 0600 from the start).
    std::string tmpName = (folder / ("." + file.filename().string() + ".part-XXXXXX")).string();
    const int fd = ::mkstemp(tmpName.data());
    if (fd < 0)
        return tl::unexpected(store_files::ioError(folder, "write a backup in", errno));
    ::fchmod(fd, 0600);
    ::close(fd);
    const fs::path tmp = tmpName;
    auto copyError = [&](const Error& e) -> Error {
        store_files::removeWithSidecars(tmp);
        if (e.code == Errc::disk_full)
            return {Errc::disk_full, "the disk holding " + folder.string() + " is full: the backup " + file.string() +
                                         " was not written (the store is unchanged); free some space and try again"};
        return {e.code, "the backup " + file.string() + " was not written: " + e.message};
    };

    auto& d = m_impl->db;
    {
        // ATTACH ... KEY with the key bound, never spelled out in SQL text.
        auto attach = d.prepare(std::string("ATTACH DATABASE ? AS ") + kCopySchema + " KEY ?");
        if (!attach)
            return tl::unexpected(copyError(attach.error()));
        std::string literal = m_impl->key->sqlcipherLiteral();
        attach->bind(1, tmp.string()).bind(2, literal);
        crypto::wipe(literal.data(), literal.size());
        auto attached = attach->run();
        attach = Expected<db::Statement>(db::Statement()); // finalised: its bound key goes with it
        if (!attached)
            return tl::unexpected(copyError(attached.error()));
    }
    auto exported = [&]() -> Expected<void> {
        // Same page size as the store (part of the file format), and durable at commit.
        SANGO_TRY(d.exec(std::string("PRAGMA ") + kCopySchema + ".cipher_page_size = " + std::to_string(kPageSize)));
        SANGO_TRY(d.exec(std::string("PRAGMA ") + kCopySchema + ".synchronous = FULL"));
        // One read transaction on the store: the copy is one snapshot, while other connections go on writing.
        SANGO_TRY_ASSIGN(auto snapshot, db::Transaction::begin(d, db::Transaction::Kind::read));
        SANGO_TRY(d.exec(std::string("SELECT sqlcipher_export('") + kCopySchema + "')"));
        return snapshot.commit();
    }();
    auto detached = d.exec(std::string("DETACH DATABASE ") + kCopySchema);
    if (!exported)
        return tl::unexpected(copyError(exported.error()));
    if (!detached)
        return tl::unexpected(copyError(detached.error()));
    if (auto r = syncFile(tmp); !r)
        return tl::unexpected(copyError(r.error()));

    // Checked before it is called a backup: opened with the key, schema version read, chain audited.
    auto info = StoreBackup::verify(tmp, *m_impl->key, file);
    if (!info)
        return tl::unexpected(copyError(info.error()));

    // link() never replaces: a file that appeared meanwhile is kept. (File systems without hard links, such
    // as FAT on a USB stick, fall back to a rename after the check.)
    int placed = ::link(tmp.c_str(), file.c_str());
    if (placed != 0 && (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) &&
        !fs::exists(fs::symlink_status(file, ec)))
        placed = ::rename(tmp.c_str(), file.c_str());
    if (placed != 0) {
        const int err = errno;
        store_files::removeWithSidecars(tmp);
        if (err == EEXIST)
            return fail(Errc::store_exists, "a file already exists at " + file.string() +
                                                ": Sango does not overwrite it; choose another name for the backup");
        return tl::unexpected(store_files::ioError(file, "write the backup", err));
    }
    store_files::removeWithSidecars(tmp);
    store_files::syncDirectory(folder);
    info->file = file;
    log::category("terminal.store")
        ->info("backup {} written: {} events, schema {}", file.string(), info->events, info->schemaVersion);
    return info;
}

Expected<void> EventStore::copyBeforeMigration(const StoreLocation& where, int version)
{
    const auto failed = [&](const fs::path& target, const Error& e) {
        return fail(e.code, "before upgrading the store " + where.database().string() + " from schema " +
                                std::to_string(version) + " to " + std::to_string(kSchemaVersion) +
                                ", Sango keeps a copy of it" + (target.empty() ? "" : " at " + target.string()) +
                                ", and that copy failed (" + e.message + "): the store was not upgraded and is "
                                "unchanged; " +
                                (e.code == Errc::disk_full ? "free some space and try again"
                                                           : "fix that and try again"));
    };
    if (auto dir = StoreBackup::makeDirectory(where); !dir)
        return failed({}, dir.error());
    // The file name only: the core's clock is injected everywhere else, and libfaketime steers this one.
    const Instant now = SystemClock().now();
    fs::path target = StoreBackup::preMigrationFile(where, version, now);
    std::error_code ec;
    for (int n = 2; fs::exists(fs::symlink_status(target, ec)) && n < 100; ++n) { // two programs in one second
        target = StoreBackup::preMigrationFile(where, version, now);
        target.replace_filename(target.stem().string() + "-" + std::to_string(n) + ".db");
    }
    auto copy = backupTo(target);
    if (!copy)
        return failed(target, copy.error());
    log::category("terminal.store")
        ->info("before upgrading the store from schema {} to {}: a checked copy of it is {}", version, kSchemaVersion,
               target.string());
    return {};
}

} // namespace sango
