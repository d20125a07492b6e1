// SqliteLedgerStore: the file — creating it under a temporary name, opening and keying it, its migrations — and its
// transactions.
#include "sqlite_ledger_store.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <utility>

#include "ledger_log.h"
#include "sqlite_schema.h"
#include "sango/crypto.h"
#include "sango/disk_errors.h"
#include "sango/key_file.h"
#include "sango/sql_query.h"

namespace sango::ledger {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kProgram = "sango-ledger"; // who needs write access, in messages

} // namespace

Expected<db::Database> SqliteLedgerStore::connect(const fs::path& file, const fs::path& keyFile, bool create)
{
    KeyFile keys(keyFile);
    SANGO_TRY_ASSIGN(auto key, keys.load());
    SANGO_TRY_ASSIGN(auto d, db::Database::open(file, create));
    if (create)
        ::chmod(file.c_str(), 0600); // before anything is written; SQLite gives -wal and -shm the same mode
    std::string literal = key.sqlcipherLiteral(); // a raw key: no passphrase derivation
    auto keyed = d.key(literal);
    crypto::wipe(literal.data(), literal.size());
    SANGO_TRY(keyed);
    // 4 KiB pages like the terminal's store (part of the file format: every open says the same).
    SANGO_TRY(d.exec("PRAGMA cipher_page_size = " + std::to_string(kPageSize)));
    // Touch the schema: with a wrong key this is where SQLCipher notices.
    if (auto r = d.exec("SELECT count(*) FROM sqlite_master"); !r) {
        if (r.error().code == Errc::wrong_key)
            return fail(Errc::wrong_key, "the key in " + keyFile.string() + " does not open the ledger " +
                                             file.string() + ": use the ledger's own key file, or restore the "
                                                             "right one from a backup");
        return tl::unexpected(r.error());
    }
    // The server and the admin commands use the file at once: a writer waits for the other instead of failing.
    SANGO_TRY(d.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs)));
    SANGO_TRY(d.exec("PRAGMA journal_mode = WAL"));
    SANGO_TRY(d.exec("PRAGMA synchronous = FULL"));
    SANGO_TRY(d.exec("PRAGMA foreign_keys = ON"));
    return d;
}

Expected<void> SqliteLedgerStore::migrate(db::Database& d, std::int64_t now)
{
    // Most opens find the store current: they check without taking the write lock, which `serve` may hold.
    SANGO_TRY_ASSIGN(const auto known, db::scalar<std::int64_t>(d, "SELECT count(*) FROM sqlite_master "
                                                                   "WHERE name = 'schema_migrations'"));
    if (known.value_or(0) > 0) {
        SANGO_TRY_ASSIGN(const auto current, db::scalar<std::int64_t>(d, "SELECT max(version) FROM schema_migrations"));
        if (current.value_or(0) == kSchemaVersion)
            return {};
    }
    SANGO_TRY_ASSIGN(auto tx, db::Transaction::begin(d, db::Transaction::Kind::write));
    SANGO_TRY(d.exec("CREATE TABLE IF NOT EXISTS schema_migrations("
                     "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"));
    SANGO_TRY_ASSIGN(const auto current, db::scalar<std::int64_t>(d, "SELECT max(version) FROM schema_migrations"));
    const std::int64_t version = current.value_or(0);
    if (version > kSchemaVersion)
        return fail(Errc::store_io, "the ledger was made by a newer sango-ledger (schema " + std::to_string(version) +
                                        "): run that version");
    for (std::int64_t v = version + 1; v <= kSchemaVersion; ++v) {
        SANGO_TRY(d.exec(schema::kMigrations[static_cast<std::size_t>(v - 1)]));
        SANGO_TRY(db::exec(d, "INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)", v, now));
        logger()->info("ledger schema migrated to version {}", v);
    }
    return tx.commit();
}

Expected<std::unique_ptr<LedgerStore>> SqliteLedgerStore::create(const fs::path& dataDir, std::int64_t now,
                                          const std::function<Expected<void>(LedgerStore&)>& populate)
{
    std::error_code ec;
    const bool newDir = !fs::exists(dataDir, ec);
    if (newDir) {
        fs::create_directories(dataDir, ec);
        if (ec)
            return tl::unexpected(db::ioError(dataDir, "create the data directory", ec.value(), kProgram));
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
        SANGO_TRY(made);
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
        SqliteLedgerStore made(std::move(*d), tmp);
        auto done = [&]() -> Expected<void> {
            SANGO_TRY(migrate(made.m_db, now));
            SANGO_TRY_ASSIGN(auto tx, made.beginWrite());
            SANGO_TRY(populate(made));
            SANGO_TRY(tx.commit());
            // Fold the log into the file before the link; every open sets WAL again.
            SANGO_TRY_ASSIGN(const auto mode, db::scalar<std::string>(made.m_db, "PRAGMA journal_mode = DELETE"));
            if (mode.value_or("") != "delete")
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
        return tl::unexpected(db::ioError(file, "create", err, kProgram));
    }
    removeTemporary();
    db::syncDirectory(dataDir);
    logger()->info("created ledger {}", file.string());
    return open(dataDir, now);
}

Expected<std::unique_ptr<LedgerStore>> SqliteLedgerStore::open(const fs::path& dataDir, std::int64_t now)
{
    std::error_code ec;
    const fs::path file = dataDir / kDatabaseFileName;
    if (!fs::exists(file, ec))
        return fail(Errc::store_missing, "there is no ledger in " + dataDir.string() +
                                             ": run `sango-ledger init` first, or give the right --data-dir");
    SANGO_TRY_ASSIGN(auto d, connect(file, dataDir / kKeyFileName, /*create=*/false));
    // A keyed file without the migrations table is not a ledger (the terminal's store, say).
    SANGO_TRY_ASSIGN(const auto known, db::scalar<std::int64_t>(d, "SELECT count(*) FROM sqlite_master "
                                                                   "WHERE name = 'schema_migrations'"));
    if (known.value_or(0) == 0)
        return fail(Errc::store_corrupt, "the file " + file.string() + " is not a sango-ledger store");
    SANGO_TRY(migrate(d, now));
    return std::unique_ptr<LedgerStore>(new SqliteLedgerStore(std::move(d), file));
}

namespace {

// A SQLCipher transaction behind the engine-neutral handle.
class SqliteTransaction final : public LedgerTransaction::Impl {
public:
    explicit SqliteTransaction(db::Transaction tx) : m_tx(std::move(tx)) {}
    Expected<void> commit() override { return m_tx.commit(); }

private:
    db::Transaction m_tx;
};

} // namespace

Expected<LedgerTransaction> SqliteLedgerStore::begin(db::Transaction::Kind kind)
{
    SANGO_TRY_ASSIGN(auto tx, db::Transaction::begin(m_db, kind));
    return LedgerTransaction(std::make_unique<SqliteTransaction>(std::move(tx)));
}

Expected<LedgerTransaction> SqliteLedgerStore::beginWrite()
{
    return begin(db::Transaction::Kind::write);
}

Expected<LedgerTransaction> SqliteLedgerStore::beginRead()
{
    return begin(db::Transaction::Kind::read);
}

Expected<void> SqliteLedgerStore::checkReadable()
{
    SANGO_TRY(db::scalar<std::int64_t>(m_db, "SELECT count(*) FROM schema_migrations"));
    return {};
}

StoreInfo SqliteLedgerStore::info()
{
    StoreInfo i;
    i.engine = "sqlcipher";
    i.location = m_file.string();
    // A file this process cannot write is found out by the first write (store_read_only from sango::sql).
    i.readOnly = ::access(m_file.c_str(), W_OK) != 0;
    const auto v = db::scalar<std::int64_t>(m_db, "SELECT max(version) FROM schema_migrations");
    i.schemaVersion = v && *v ? static_cast<int>(**v) : 0;
    return i;
}

} // namespace sango::ledger
