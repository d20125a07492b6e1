// EventStore: creating and opening the encrypted store, write transactions and appends.
#include "sango/event_store.h"
#include "sango/sync_state.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "sango/database.h"
#include "event_store_impl.h"
#include "projection.h"
#include "sango/crypto.h"
#include "sango/local_time.h"
#include "sango/log.h"
#include "sango/plain_store.h"

namespace sango {

namespace fs = std::filesystem;

namespace store_files {

Expected<void> writeFileDurably(const fs::path& p, std::string_view content, mode_t mode)
{
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return tl::unexpected(ioError(p, "create", errno));
    const ssize_t n = ::write(fd, content.data(), content.size());
    const int err = errno;
    const bool ok = n == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok)
        return tl::unexpected(ioError(p, "write", n < 0 ? err : ENOSPC));
    return {};
}

void removeWithSidecars(const fs::path& p)
{
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        fs::remove(fs::path(p.string() + suffix), ec);
}

Expected<void> keyConnection(db::Database& d, const StoreKey& key)
{
    std::string literal = key.sqlcipherLiteral(); // x'<hex>': a raw key, no passphrase derivation
    auto r = d.key(literal);
    crypto::wipe(literal.data(), literal.size());
    SANGO_TRY(r);
    // 4 KiB pages (SQLCipher 3.4 defaults to 1 KiB): a quarter of the pages to decrypt and authenticate
    // for every read. Part of the file format: every open must say the same.
    SANGO_TRY(d.exec("PRAGMA cipher_page_size = " + std::to_string(EventStore::kPageSize)));
    // Touch the schema: with a wrong key this is where SQLCipher notices.
    return d.exec("SELECT count(*) FROM sqlite_master");
}

} // namespace store_files

namespace {

using store_files::ioError;
using store_files::syncDirectory;
using store_files::writeFileDurably;

std::string readSmallFile(const fs::path& p)
{
    std::ifstream in(p);
    std::string s;
    std::getline(in, s);
    return s;
}

// Keyed connection set-up shared by create and open.
Expected<void> applyKeyAndPragmas(db::Database& d, const StoreKey* key)
{
    if (key) {
        SANGO_TRY(store_files::keyConnection(d, *key));
    } else {
        SANGO_TRY(d.exec("PRAGMA page_size = " + std::to_string(EventStore::kPageSize)));
        SANGO_TRY(d.exec("SELECT count(*) FROM sqlite_master"));
    }
    SANGO_TRY(d.exec("PRAGMA journal_mode = WAL"));
    SANGO_TRY(d.exec("PRAGMA synchronous = FULL"));
    return {};
}

} // namespace


EventStore::EventStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
EventStore::~EventStore() = default;
EventStore::EventStore(EventStore&&) noexcept = default;
EventStore& EventStore::operator=(EventStore&&) noexcept = default;

const fs::path& EventStore::path() const
{
    return m_impl->db.path();
}

namespace {

Expected<EventStore> populateNew(db::Database& d, const InitialConfig& config, Instant now,
                                 std::function<Expected<EventStore>(db::Database&&)> wrap,
                                 const EnrolmentRecord* enrolled = nullptr)
{
    SANGO_TRY(store_schema::createSchema(d));
    SANGO_TRY(db::exec(d, "INSERT INTO meta(key, value) VALUES ('schema_version', ?), ('head_seq', '0'), "
                          "('head_hash', '')",
                       std::to_string(EventStore::kSchemaVersion)));
    auto store = wrap(std::move(d));
    if (!store)
        return store;
    // demo: a demonstration store (EventStore::isDemo)
    const events::StoreInitialised first{config.terminalId, EventStore::kSchemaVersion, config.demo};
    auto r = store->transact([&]() -> Expected<void> {
        SANGO_TRY(store->append(first, now));
        for (const auto& [kind, body] : {std::pair<const char*, const nlohmann::json*>{"policy", &config.policy},
                                         {"provider", &config.provider},
                                         {"trust", &config.trust}}) {
            events::ConfigInstalled installed;
            installed.kind = kind;
            installed.body = *body;
            SANGO_TRY(store->append(installed, now));
        }
        if (enrolled) {
            const Enrolment& en = enrolled->enrolment;
            SANGO_TRY(store->append(events::TerminalEnrolled{en.ledgerUrl, en.terminalId, en.providerId,
                                                             en.publicKeyB64u},
                                    now));
            SANGO_TRY(SyncState(*store).record(enrolled->syncState));
        }
        return {};
    });
    SANGO_TRY(r);
    return store;
}

} // namespace

Expected<EventStore> EventStore::create(const StoreLocation& where, const InitialConfig& config, Instant now,
                                       const EnrolmentRecord* enrolled)
{
    std::error_code ec;
    const bool newDir = !fs::exists(where.dataDir, ec);
    if (newDir) {
        fs::create_directories(where.dataDir, ec);
        if (ec)
            return tl::unexpected(ioError(where.dataDir, "create the data directory", ec.value()));
        fs::permissions(where.dataDir, fs::perms::owner_all, ec); // 0700: the store is nobody else's business
    }
    // A -wal or -shm without its store is a store moved away in use: its log would be replayed into a new one.
    for (const char* suffix : {"-wal", "-shm"})
        if (fs::exists(fs::path(where.database().string() + suffix), ec))
            return fail(Errc::store_exists, "the data directory still holds " + where.database().string() + suffix +
                                                " of an earlier store: move it away with that store, or choose an "
                                                "empty data directory");
    if (fs::exists(where.database(), ec))
        return fail(Errc::store_exists, "a store already exists at " + where.database().string() +
                                            ": Sango never overwrites one (move it away first if you mean to)");
    // Shared, as every user of the store: a restore cannot put a store in place while this one is made.
    const bool newLockFile = !fs::exists(StoreLock::file(where.dataDir), ec);
    auto lock = StoreLock::acquire(where.dataDir, StoreLock::Mode::shared);
    if (!lock) {
        if (newDir)
            fs::remove(where.dataDir, ec);
        return tl::unexpected(lock.error());
    }
    auto removeLockFile = [&] {
        if (newLockFile)
            fs::remove(StoreLock::file(where.dataDir), ec);
    };
    KeyFile keyFile(where.key());
    const bool newKey = !keyFile.exists();
    Expected<StoreKey> key = newKey ? keyFile.create() : keyFile.load();
    if (!key) {
        removeLockFile();
        if (newDir)
            fs::remove(where.dataDir, ec);
        return tl::unexpected(key.error());
    }

    // Build the new store under a temporary name and rename it into place, so that a crash or a full disk
    // during init leaves no half-made store behind.
    const fs::path tmp = where.dataDir / ("sango.db.init-" + std::to_string(::getpid()));
    auto removeTemporary = [&] { store_files::removeWithSidecars(tmp); };
    // A failed init changes nothing: no half-made store, and no key file that this call made.
    auto cleanup = [&] {
        removeTemporary();
        if (newKey) {
            fs::remove(where.key(), ec);
            fs::remove(where.keyCheck(), ec);
        }
        removeLockFile();
        if (newDir)
            fs::remove(where.dataDir, ec); // only if empty
    };
    removeTemporary();
    {
        auto d = db::Database::open(tmp, /*create=*/true);
        if (!d) {
            cleanup();
            return tl::unexpected(d.error());
        }
        // 0600 before anything is written; SQLite gives its -wal and -shm files the same mode.
        ::chmod(tmp.c_str(), 0600);
        if (auto r = applyKeyAndPragmas(*d, &*key); !r) {
            cleanup();
            return tl::unexpected(r.error());
        }
        auto made = populateNew(
            *d, config, now,
            [](db::Database&& db) -> Expected<EventStore> {
                auto impl = std::make_unique<Impl>();
                impl->db = std::move(db);
                return EventStore(std::move(impl));
            },
            enrolled);
        if (!made) {
            cleanup();
            return tl::unexpected(made.error());
        }
        // Fold the log into the file before the rename (DELETE mode checkpoints and removes the -wal file, or
        // fails, on a full disk for one); every open sets WAL again.
        auto mode = made->m_impl->db.prepare("PRAGMA journal_mode = DELETE");
        auto row = mode ? mode->step() : Expected<bool>(tl::unexpected(mode.error()));
        if (!row || !*row || mode->text(0) != "delete") {
            Error e = !row ? row.error() : Error{Errc::store_io, "cannot finish the new store"};
            cleanup();
            return tl::unexpected(e);
        }
    }
    if (fs::exists(fs::path(tmp.string() + "-wal"), ec)) {
        cleanup();
        return fail(Errc::store_io, "the new store could not be completed (its log is still open): try again");
    }
    if (auto r = writeFileDurably(where.keyCheck(), key->fingerprint() + "\n", 0600); !r) {
        cleanup();
        return tl::unexpected(r.error());
    }
    // link() refuses to replace: of two `sango init` at once, the second fails instead of replacing the first.
    // (File systems without hard links, such as FAT on a USB stick, fall back to a rename after the check.)
    int linked = ::link(tmp.c_str(), where.database().c_str());
    if (linked != 0 && (errno == EPERM || errno == EOPNOTSUPP) && !fs::exists(where.database(), ec))
        linked = ::rename(tmp.c_str(), where.database().c_str());
    if (linked != 0) {
        const int err = errno;
        cleanup();
        if (err == EEXIST)
            return fail(Errc::store_exists, "a store already exists at " + where.database().string() +
                                                ": Sango never overwrites one");
        return tl::unexpected(ioError(where.database(), "create", err));
    }
    removeTemporary();
    syncDirectory(where.dataDir);
    log::category("terminal.store")->info("created store {}", where.database().string());
    auto opened = open(where, keyFile);
    if (!opened) {
        fs::remove(where.database(), ec);
        cleanup();
    }
    return opened;
}

Expected<EventStore> plainStoreForBenchmark(const fs::path& file, const InitialConfig& config, Instant now)
{
    SANGO_TRY_ASSIGN(auto d, db::Database::open(file, true));
    SANGO_TRY(applyKeyAndPragmas(d, nullptr));
    return populateNew(d, config, now, [](db::Database&& db) -> Expected<EventStore> {
        auto impl = std::make_unique<EventStore::Impl>();
        impl->db = std::move(db);
        return EventStore(std::move(impl));
    });
}

Expected<EventStore> EventStore::open(const StoreLocation& where)
{
    return open(where, KeyFile(where.key()));
}

Expected<EventStore> EventStore::open(const StoreLocation& where, const KeyProvider& keys)
{
    std::error_code ec;
    const fs::path file = where.database();
    const bool exists = fs::exists(file, ec);
    if (ec)
        return tl::unexpected(ioError(file, "look for the store", ec.value()));
    if (!exists)
        return fail(Errc::store_missing, "there is no Sango store in " + where.dataDir.string() +
                                             ": run `sango init` first, or give the right --data-dir");
    SANGO_TRY_ASSIGN(auto key, keys.load());
    // The fingerprint tells a wrong key from a damaged file; decryption has the last word (a damaged
    // fingerprint file must not lock out a healthy store).
    const std::string expected = readSmallFile(where.keyCheck());
    const bool keyMatches = !expected.empty() && expected == key.fingerprint();
    const Error wrongKey{Errc::wrong_key, "the key in " + keys.describe() + " is not the key of the store " +
                                              file.string() + ": use the store's own key file (--key-file), or "
                                                              "restore the right one from your backup"};
    // A file shorter than its first page cannot be a store: SQLCipher would otherwise treat it as new.
    const auto size = fs::file_size(file, ec);
    if (!ec && size < 1024)
        return fail(Errc::store_corrupt, "the store " + file.string() + " is truncated (" + std::to_string(size) +
                                             " bytes): restore it from a backup");
    // Shared for the store's lifetime: `sango restore` cannot replace the file under this connection. The lock
    // file stays even when this open fails: deleting it could pull it from under another process that has just
    // locked it, and a restore would then lock a new file and replace the store beneath that process.
    SANGO_TRY_ASSIGN(auto lock, StoreLock::acquire(where.dataDir, StoreLock::Mode::shared));
    SANGO_TRY_ASSIGN(auto d, db::Database::open(file, /*create=*/false));
    if (auto r = applyKeyAndPragmas(d, &key); !r) {
        Error e = r.error();
        if (e.code == Errc::wrong_key)
            e = keyMatches ? Error{Errc::store_corrupt, "the store " + file.string() +
                                                            " is damaged (its key is right but it cannot be read): "
                                                            "restore it from a backup"}
                           : wrongKey;
        return tl::unexpected(e);
    }
    if (!keyMatches) // the key decrypts the store: the fingerprint file was missing or damaged
        (void)writeFileDurably(where.keyCheck(), key.fingerprint() + "\n", 0600);
    auto impl = std::make_unique<Impl>();
    impl->lock = std::move(lock);
    impl->db = std::move(d);
    impl->key = std::move(key);
    EventStore store(std::move(impl));
    // The schema version tells a store from the future (made by a newer Sango) from one we can use.
    auto st = store.m_impl->db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!st)
        return fail(Errc::store_corrupt, "the store " + file.string() + " is damaged (" + st.error().message +
                                             "): restore it from a backup");
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error().code == Errc::wrong_key
                                  ? Error{Errc::store_corrupt, "the store " + file.string() +
                                                                   " is damaged: restore it from a backup"}
                                  : row.error());
    if (!*row)
        return fail(Errc::store_corrupt, "the store " + file.string() + " has no schema version: restore it from a backup");
    const int version = st->int32(0);
    if (version > kSchemaVersion)
        return fail(Errc::schema_too_new, "the store " + file.string() + " was made by a newer Sango (schema " +
                                              std::to_string(version) + ", this one knows " +
                                              std::to_string(kSchemaVersion) + "): install that version again");
    st = Expected<db::Statement>(db::Statement());
    if (version < kSchemaVersion) {
        // A checked copy of the store as it is comes first: an upgrade that goes wrong can be undone.
        SANGO_TRY(store.copyBeforeMigration(where, version));
        SANGO_TRY(store.migrateFrom(version));
    }
    // A truncated file is found here rather than halfway through a report.
    auto pages = store.m_impl->db.prepare("PRAGMA page_count");
    auto pageSize = store.m_impl->db.prepare("PRAGMA page_size");
    if (pages && pageSize && pages->step().value_or(false) && pageSize->step().value_or(false)) {
        const auto expectedSize = static_cast<std::uintmax_t>(pages->int64(0) * pageSize->int64(0));
        const bool walHasPages = fs::exists(fs::path(file.string() + "-wal"), ec) &&
                                 fs::file_size(fs::path(file.string() + "-wal"), ec) > 0;
        if (!walHasPages && fs::file_size(file, ec) < expectedSize)
            return fail(Errc::store_corrupt, "the store " + file.string() +
                                                 " is truncated: restore it from a backup");
    }
    return store;
}

Expected<void> EventStore::migrateFrom(int version)
{
    // One transaction: a crash or a full disk during the upgrade leaves the store at its old version.
    return transact([&]() -> Expected<void> {
        // Another process may have migrated it since the version was read (two programs started together).
        SANGO_TRY_ASSIGN(const auto current, db::scalar<std::int64_t>(m_impl->db, "SELECT CAST(value AS INTEGER) "
                                                                                 "FROM meta WHERE key = 'schema_version'"));
        if (current.value_or(0) >= kSchemaVersion)
            return {};
        version = static_cast<int>(current.value_or(0));
        for (const store_schema::Migration& m : store_schema::kMigrations) {
            if (m.version <= version)
                continue;
            SANGO_TRY(m_impl->db.exec(m.sql));
            if (m.backfill)
                SANGO_TRY(m.backfill(m_impl->db));
        }
        SANGO_TRY(db::exec(m_impl->db, "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                           std::to_string(kSchemaVersion)));
        log::category("terminal.store")->info("store schema migrated from version {} to {}", version, kSchemaVersion);
        return {};
    });
}

// The store's one write transaction lives in its Impl (append checks for it); a Write ends it.
EventStore::Write::~Write()
{
    if (m_store)
        m_store->m_impl->write.reset(); // rolls back
}

EventStore::Write::Write(Write&& other) noexcept : m_store(std::exchange(other.m_store, nullptr)) {}

Expected<void> EventStore::Write::commit()
{
    SANGO_TRY(m_store->m_impl->write->commit()); // on failure the destructor rolls back
    m_store->m_impl->write.reset();
    m_store = nullptr;
    return {};
}

Expected<EventStore::Write> EventStore::beginWrite()
{
    SANGO_TRY_ASSIGN(auto tx, db::Transaction::begin(m_impl->db, db::Transaction::Kind::write));
    m_impl->write.emplace(std::move(tx));
    return Write(this);
}

Expected<Event> EventStore::append(const events::AnyEvent& event, Instant at)
{
    if (!m_impl->write)
        return fail(Errc::store_io, "internal error: an event was appended outside a transaction");
    auto& d = m_impl->db;
    Event ev;
    ev.type = std::string(events::typeOf(event));
    ev.at = at;
    ev.body = events::toJson(event);
    ev.id = crypto::randomUuid();
    {
        SANGO_TRY_ASSIGN(auto head, db::query(d, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"));
        SANGO_TRY_ASSIGN(const bool any, head.step());
        if (any) {
            ev.seq = head.int64(0) + 1;
            const auto h = head.blob(1);
            if (h.size() == ev.prevHash.size())
                std::copy(h.begin(), h.end(), ev.prevHash.begin());
        } else {
            ev.seq = 1;
        }
    }
    const std::string bodyText = ev.body.dump();
    const std::int64_t atSec = at.time_since_epoch().count();
    ev.hash = Event::chainHash(ev.prevHash, ev.seq, ev.id, ev.type, atSec, bodyText);
    SANGO_TRY(db::exec(d, "INSERT INTO events(seq, id, type, at, body, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                       ev.seq, ev.id, ev.type, atSec, bodyText, db::Blob{ev.prevHash.data(), ev.prevHash.size()},
                       db::Blob{ev.hash.data(), ev.hash.size()}));
    SANGO_TRY(db::exec(d,
                       "UPDATE meta SET value = CASE key WHEN 'head_seq' THEN ? ELSE ? END "
                       "WHERE key IN ('head_seq', 'head_hash')",
                       std::to_string(ev.seq), crypto::toHex(ev.hash)));
    // The body as typed, not read back from its JSON.
    SANGO_TRY(projection::apply(d, ev, event));
    return ev;
}

} // namespace sango

namespace sango {

StoreLocation StoreLocation::resolve(const std::string& dataDir, const std::string& keyFile,
                                     const std::string& configDataDir, const std::string& configKeyFile)
{
    namespace fs = std::filesystem;
    StoreLocation where;
    if (!dataDir.empty())
        where.dataDir = dataDir;
    else if (const char* env = std::getenv("SANGO_DATA_DIR"); env && *env)
        where.dataDir = env;
    else if (!configDataDir.empty())
        where.dataDir = configDataDir;
    else if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        where.dataDir = fs::path(xdg) / "sango";
    else if (const char* home = std::getenv("HOME"); home && *home)
        where.dataDir = fs::path(home) / ".local/share/sango";
    else
        where.dataDir = "/var/lib/sango";
    if (!keyFile.empty())
        where.keyFile = keyFile;
    else if (!configKeyFile.empty())
        where.keyFile = configKeyFile;
    else if (auto credential = storeKeyCredential())
        where.keyFile = *credential; // systemd's LoadCredential=store-key:...: `sango init` uses it too
    return where;
}

} // namespace sango
