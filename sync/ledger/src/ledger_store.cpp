#include "ledger_store.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <utility>

#include "ledger_log.h"
#include "ledger_schema.h"
#include "sango/crypto.h"
#include "sango/key_file.h"
#include "sql.h"

namespace sango::ledger {

namespace fs = std::filesystem;

namespace {

Error ioError(const fs::path& p, const std::string& what, int err)
{
    if (err == ENOSPC)
        return {Errc::disk_full, "the disk is full: nothing was recorded; free some space and try again"};
    if (err == EACCES || err == EROFS || err == EPERM)
        return {Errc::store_read_only, "cannot " + what + " " + p.string() + ": " + std::strerror(err) +
                                           "; give sango-ledger write access to its data directory"};
    return {Errc::store_io, "cannot " + what + " " + p.string() + ": " + std::strerror(err)};
}

void syncDirectory(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Expected<db::Database> LedgerStore::connect(const fs::path& file, const fs::path& keyFile, bool create)
{
    KeyFile keys(keyFile);
    auto key = keys.load();
    if (!key)
        return tl::unexpected(key.error());
    auto d = db::Database::open(file, create);
    if (!d)
        return tl::unexpected(d.error());
    if (create)
        ::chmod(file.c_str(), 0600); // before anything is written; SQLite gives -wal and -shm the same mode
    std::string literal = key->sqlcipherLiteral(); // a raw key: no passphrase derivation
    auto keyed = d->key(literal);
    crypto::wipe(literal.data(), literal.size());
    if (!keyed)
        return tl::unexpected(keyed.error());
    // 4 KiB pages like the terminal's store (part of the file format: every open says the same).
    SANGO_TRY(d->exec("PRAGMA cipher_page_size = " + std::to_string(kPageSize)));
    // Touch the schema: with a wrong key this is where SQLCipher notices.
    if (auto r = d->exec("SELECT count(*) FROM sqlite_master"); !r) {
        if (r.error().code == Errc::wrong_key)
            return fail(Errc::wrong_key, "the key in " + keyFile.string() + " does not open the ledger " +
                                             file.string() + ": use the ledger's own key file, or restore the "
                                                             "right one from a backup");
        return tl::unexpected(r.error());
    }
    // The server and the admin commands use the file at once: a writer waits for the other instead of failing.
    SANGO_TRY(d->exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs)));
    SANGO_TRY(d->exec("PRAGMA journal_mode = WAL"));
    SANGO_TRY(d->exec("PRAGMA synchronous = FULL"));
    SANGO_TRY(d->exec("PRAGMA foreign_keys = ON"));
    return std::move(*d);
}

Expected<void> LedgerStore::migrate(db::Database& d, std::int64_t now)
{
    // Most opens find the store current: they check without taking the write lock, which `serve` may hold.
    auto known = sql::scalarInt(d, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'");
    if (!known)
        return tl::unexpected(known.error());
    if (known->value_or(0) > 0) {
        auto current = sql::scalarInt(d, "SELECT max(version) FROM schema_migrations");
        if (!current)
            return tl::unexpected(current.error());
        if (current->value_or(0) == kSchemaVersion)
            return {};
    }
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    SANGO_TRY(d.exec("CREATE TABLE IF NOT EXISTS schema_migrations("
                            "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"));
    auto current = sql::scalarInt(d, "SELECT max(version) FROM schema_migrations");
    if (!current)
        return tl::unexpected(current.error());
    const std::int64_t version = current->value_or(0);
    if (version > kSchemaVersion)
        return fail(Errc::store_io, "the ledger was made by a newer sango-ledger (schema " + std::to_string(version) +
                                        "): run that version");
    for (std::int64_t v = version + 1; v <= kSchemaVersion; ++v) {
        SANGO_TRY(d.exec(schema::kMigrations[static_cast<std::size_t>(v - 1)]));
        SANGO_TRY(sql::exec(d, "INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)", v, now));
        logger()->info("ledger schema migrated to version {}", v);
    }
    return tx->commit();
}

Expected<LedgerStore> LedgerStore::create(const fs::path& dataDir, std::int64_t now,
                                          const std::function<Expected<void>(db::Database&)>& populate)
{
    std::error_code ec;
    const bool newDir = !fs::exists(dataDir, ec);
    if (newDir) {
        fs::create_directories(dataDir, ec);
        if (ec)
            return tl::unexpected(ioError(dataDir, "create the data directory", ec.value()));
        fs::permissions(dataDir, fs::perms::owner_all, ec); // 0700: the ledger holds the issuer keys
    }
    const fs::path file = dataDir / kDatabaseFileName;
    const fs::path keyPath = dataDir / kKeyFileName;
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(fs::path(file.string() + suffix), ec))
            return fail(Errc::store_exists, "a ledger already exists in " + dataDir.string() +
                                                " (" + file.filename().string() + suffix +
                                                "): sango-ledger never overwrites one");
    KeyFile keyFile(keyPath);
    const bool newKey = !keyFile.exists();
    if (newKey) {
        auto made = keyFile.create();
        if (!made)
            return tl::unexpected(made.error());
    }
    // Built under a temporary name and linked into place: a failure or a crash leaves no half-made ledger.
    const fs::path tmp = dataDir / ("ledger.db.init-" + std::to_string(::getpid()));
    auto removeTemporary = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(fs::path(tmp.string() + suffix), ec);
    };
    auto cleanup = [&] {
        removeTemporary();
        if (newKey)
            fs::remove(keyPath, ec);
        if (newDir)
            fs::remove(dataDir, ec); // only when empty
    };
    removeTemporary();
    {
        auto d = connect(tmp, keyPath, /*create=*/true);
        if (!d) {
            cleanup();
            return tl::unexpected(d.error());
        }
        auto done = [&]() -> Expected<void> {
            SANGO_TRY(migrate(*d, now));
            auto tx = Transaction::begin(*d, Transaction::Kind::write);
            if (!tx)
                return tl::unexpected(tx.error());
            SANGO_TRY(populate(*d));
            SANGO_TRY(tx->commit());
            // Fold the log into the file before the link; every open sets WAL again.
            auto mode = d->prepare("PRAGMA journal_mode = DELETE");
            if (!mode)
                return tl::unexpected(mode.error());
            auto row = mode->step();
            if (!row)
                return tl::unexpected(row.error());
            if (!*row || mode->text(0) != "delete")
                return fail(Errc::store_io, "cannot finish the new ledger: try again");
            return {};
        }();
        if (!done) {
            cleanup();
            return tl::unexpected(done.error());
        }
    }
    // link() refuses to replace: of two inits at once, the second fails instead of replacing the first.
    int linked = ::link(tmp.c_str(), file.c_str());
    if (linked != 0 && (errno == EPERM || errno == EOPNOTSUPP) && !fs::exists(file, ec))
        linked = ::rename(tmp.c_str(), file.c_str());
    if (linked != 0) {
        const int err = errno;
        cleanup();
        if (err == EEXIST)
            return fail(Errc::store_exists, "a ledger already exists in " + dataDir.string());
        return tl::unexpected(ioError(file, "create", err));
    }
    removeTemporary();
    syncDirectory(dataDir);
    logger()->info("created ledger {}", file.string());
    return open(dataDir, now);
}

Expected<LedgerStore> LedgerStore::open(const fs::path& dataDir, std::int64_t now)
{
    std::error_code ec;
    const fs::path file = dataDir / kDatabaseFileName;
    if (!fs::exists(file, ec))
        return fail(Errc::store_missing, "there is no ledger in " + dataDir.string() +
                                             ": run `sango-ledger init` first, or give the right --data-dir");
    auto d = connect(file, dataDir / kKeyFileName, /*create=*/false);
    if (!d)
        return tl::unexpected(d.error());
    // A keyed file without the migrations table is not a ledger (the terminal's store, say).
    auto known = sql::scalarInt(*d, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'");
    if (!known)
        return tl::unexpected(known.error());
    if (known->value_or(0) == 0)
        return fail(Errc::store_corrupt, "the file " + file.string() + " is not a sango-ledger store");
    SANGO_TRY(migrate(*d, now));
    return LedgerStore(std::move(*d));
}

Expected<Transaction> Transaction::begin(db::Database& d, Kind kind)
{
    SANGO_TRY(d.exec(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN"));
    return Transaction(&d);
}

Transaction::~Transaction()
{
    if (m_db)
        (void)m_db->exec("ROLLBACK");
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Expected<void> Transaction::commit()
{
    auto r = m_db->exec("COMMIT");
    if (!r)
        return r; // the destructor rolls back
    m_db = nullptr;
    return {};
}

} // namespace sango::ledger
