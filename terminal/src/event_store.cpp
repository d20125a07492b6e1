#include "sango/event_store.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "database.h"
#include "projection.h"
#include "sango/crypto.h"
#include "sango/local_time.h"
#include "log.h"

namespace sango {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE config(kind TEXT PRIMARY KEY, body TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE staff(staff_id TEXT PRIMARY KEY, role TEXT NOT NULL, pin_hash TEXT NOT NULL);
CREATE TABLE coupons(
  coupon_id TEXT PRIMARY KEY,
  verified INTEGER NOT NULL DEFAULT 0,
  coupon_type TEXT NOT NULL DEFAULT '',
  grant_minutes INTEGER,
  services TEXT NOT NULL DEFAULT '',
  not_before INTEGER NOT NULL DEFAULT 0,
  expires INTEGER NOT NULL DEFAULT 0,
  last_scan_at INTEGER);
CREATE TABLE revocations(coupon_id TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE sessions(
  session_id TEXT PRIMARY KEY,
  coupon_id TEXT NOT NULL,
  source TEXT NOT NULL,
  service TEXT NOT NULL,
  start INTEGER NOT NULL,
  stop INTEGER,
  local_date TEXT NOT NULL,
  actual_minutes INTEGER,
  billed_minutes INTEGER,
  staff_id TEXT NOT NULL,
  status TEXT NOT NULL,
  flags TEXT NOT NULL DEFAULT '',
  correction_reason TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT NOT NULL DEFAULT '',
  last_event TEXT NOT NULL DEFAULT '');
CREATE INDEX sessions_by_date ON sessions(local_date, start);
CREATE INDEX sessions_by_coupon ON sessions(coupon_id, status);
)SQL";

Error ioError(const fs::path& p, const std::string& what, int err)
{
    if (err == ENOSPC)
        return {Errc::disk_full, "the disk is full: nothing was recorded; free some space and try again"};
    if (err == EACCES || err == EROFS || err == EPERM)
        return {Errc::store_read_only, "cannot " + what + " " + p.string() + ": " + std::strerror(err) +
                                           "; give Sango write access to its data directory"};
    return {Errc::store_io, "cannot " + what + " " + p.string() + ": " + std::strerror(err)};
}

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

void syncDirectory(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

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
        std::string literal = key->sqlcipherLiteral(); // x'<hex>': a raw key, no passphrase derivation
        auto r = d.key(literal);
        crypto::wipe(literal.data(), literal.size());
        if (!r)
            return r;
        // 4 KiB pages (SQLCipher 3.4 defaults to 1 KiB): a quarter of the pages to decrypt and authenticate
        // for every read. Part of the file format: every open must say the same.
        if (auto p = d.exec("PRAGMA cipher_page_size = " + std::to_string(EventStore::kPageSize)); !p)
            return p;
    } else if (auto p = d.exec("PRAGMA page_size = " + std::to_string(EventStore::kPageSize)); !p) {
        return p;
    }
    // Touch the schema: with a wrong key this is where SQLCipher notices.
    if (auto r = d.exec("SELECT count(*) FROM sqlite_master"); !r)
        return r;
    if (auto r = d.exec("PRAGMA journal_mode = WAL"); !r)
        return r;
    if (auto r = d.exec("PRAGMA synchronous = FULL"); !r)
        return r;
    return {};
}

// The first column of the first row of a query as an integer (0 when there is no row).
template <typename... Args>
Expected<std::int64_t> queryInt(db::Database& d, std::string_view sql, const Args&... args)
{
    auto st = d.prepare(sql);
    if (!st)
        return tl::unexpected(st.error());
    int index = 1;
    (st->bind(index++, args), ...);
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    return *row ? st->int64(0) : 0;
}

Expected<bool> queryExists(db::Database& d, std::string_view sql, std::string_view param)
{
    auto n = queryInt(d, sql, param);
    if (!n)
        return tl::unexpected(n.error());
    return *n != 0;
}

// Compares a projection table with its replayed twin, row by row in key order; "" when equal, else which
// row differs.
Expected<std::string> firstDifference(db::Database& stored, db::Database& replayed, const std::string& table)
{
    const std::string sql = "SELECT * FROM " + table + " ORDER BY 1";
    auto a = stored.prepare(sql);
    auto b = replayed.prepare(sql);
    if (!a)
        return tl::unexpected(a.error());
    if (!b)
        return tl::unexpected(b.error());
    for (;;) {
        auto ra = a->step();
        auto rb = b->step();
        if (!ra)
            return tl::unexpected(ra.error());
        if (!rb)
            return tl::unexpected(rb.error());
        if (!*ra && !*rb)
            return std::string();
        if (*ra != *rb)
            return std::string(*ra ? "a row that no event made: " + a->text(0) : "a row is missing: " + b->text(0));
        if (a->columnCount() != b->columnCount())
            return std::string("its columns");
        for (int c = 0; c < a->columnCount(); ++c) {
            if (a->isNull(c) != b->isNull(c) || a->text(c) != b->text(c))
                return "row " + a->text(0);
        }
    }
}

} // namespace

struct EventStore::Impl {
    db::Database db;
    bool inWrite = false;
};

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
                                 std::function<Expected<EventStore>(db::Database&&)> wrap)
{
    if (auto r = d.exec(kSchema); !r)
        return tl::unexpected(r.error());
    if (auto r = d.exec("INSERT INTO meta(key, value) VALUES ('schema_version', '" +
                        std::to_string(EventStore::kSchemaVersion) + "'), ('head_seq', '0'), ('head_hash', '')");
        !r)
        return tl::unexpected(r.error());
    auto store = wrap(std::move(d));
    if (!store)
        return store;
    auto r = store->transact([&]() -> Expected<void> {
        if (auto e = store->append(event_type::store_initialised, now,
                                   {{"terminal_id", config.terminalId}, {"schema_version", EventStore::kSchemaVersion}});
            !e)
            return tl::unexpected(e.error());
        for (const auto& [kind, body] : {std::pair<const char*, const nlohmann::json*>{"policy", &config.policy},
                                         {"provider", &config.provider},
                                         {"trust", &config.trust}}) {
            if (auto e = store->append(event_type::config_installed, now, {{"kind", kind}, {"body", *body}}); !e)
                return tl::unexpected(e.error());
        }
        return {};
    });
    if (!r)
        return tl::unexpected(r.error());
    return store;
}

} // namespace

Expected<EventStore> EventStore::create(const StoreLocation& where, const InitialConfig& config, Instant now)
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
    KeyFile keyFile(where.key());
    const bool newKey = !keyFile.exists();
    Expected<StoreKey> key = newKey ? keyFile.create() : keyFile.load();
    if (!key) {
        if (newDir)
            fs::remove(where.dataDir, ec);
        return tl::unexpected(key.error());
    }

    // Build the new store under a temporary name and rename it into place, so that a crash or a full disk
    // during init leaves no half-made store behind.
    const fs::path tmp = where.dataDir / ("sango.db.init-" + std::to_string(::getpid()));
    auto removeTemporary = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(fs::path(tmp.string() + suffix), ec);
    };
    // A failed init changes nothing: no half-made store, and no key file that this call made.
    auto cleanup = [&] {
        removeTemporary();
        if (newKey) {
            fs::remove(where.key(), ec);
            fs::remove(where.keyCheck(), ec);
        }
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
        auto made = populateNew(*d, config, now, [](db::Database&& db) -> Expected<EventStore> {
            auto impl = std::make_unique<Impl>();
            impl->db = std::move(db);
            return EventStore(std::move(impl));
        });
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
    if (::link(tmp.c_str(), where.database().c_str()) != 0) {
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

Expected<EventStore> EventStore::createUnencryptedForBenchmark(const fs::path& file, const InitialConfig& config,
                                                               Instant now)
{
    auto d = db::Database::open(file, true);
    if (!d)
        return tl::unexpected(d.error());
    if (auto r = applyKeyAndPragmas(*d, nullptr); !r)
        return tl::unexpected(r.error());
    return populateNew(*d, config, now, [](db::Database&& db) -> Expected<EventStore> {
        auto impl = std::make_unique<Impl>();
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
    if (!fs::exists(file, ec))
        return fail(Errc::store_missing, "there is no Sango store in " + where.dataDir.string() +
                                             ": run `sango init` first, or give the right --data-dir");
    auto key = keys.load();
    if (!key)
        return tl::unexpected(key.error());
    // The fingerprint tells a wrong key from a damaged file; decryption has the last word (a damaged
    // fingerprint file must not lock out a healthy store).
    const std::string expected = readSmallFile(where.keyCheck());
    const bool keyMatches = !expected.empty() && expected == key->fingerprint();
    const Error wrongKey{Errc::wrong_key, "the key in " + keys.describe() + " is not the key of the store " +
                                              file.string() + ": use the store's own key file (--key-file), or "
                                                              "restore the right one from your backup"};
    // A file shorter than its first page cannot be a store: SQLCipher would otherwise treat it as new.
    const auto size = fs::file_size(file, ec);
    if (!ec && size < 1024)
        return fail(Errc::store_corrupt, "the store " + file.string() + " is truncated (" + std::to_string(size) +
                                             " bytes): restore it from a backup");
    auto d = db::Database::open(file, /*create=*/false);
    if (!d)
        return tl::unexpected(d.error());
    if (auto r = applyKeyAndPragmas(*d, &*key); !r) {
        Error e = r.error();
        if (e.code == Errc::wrong_key)
            e = keyMatches ? Error{Errc::store_corrupt, "the store " + file.string() +
                                                            " is damaged (its key is right but it cannot be read): "
                                                            "restore it from a backup"}
                           : wrongKey;
        return tl::unexpected(e);
    }
    if (!keyMatches) // the key decrypts the store: the fingerprint file was missing or damaged
        (void)writeFileDurably(where.keyCheck(), key->fingerprint() + "\n", 0600);
    auto impl = std::make_unique<Impl>();
    impl->db = std::move(*d);
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
        return fail(Errc::store_io, "the store was made by a newer Sango (schema " + std::to_string(version) +
                                        "): install that version again");
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

EventStore::Write::~Write()
{
    if (m_store) {
        (void)m_store->m_impl->db.exec("ROLLBACK");
        m_store->m_impl->inWrite = false;
    }
}

EventStore::Write::Write(Write&& other) noexcept : m_store(std::exchange(other.m_store, nullptr)) {}

Expected<void> EventStore::Write::commit()
{
    auto r = m_store->m_impl->db.exec("COMMIT");
    if (!r)
        return r; // the destructor rolls back
    m_store->m_impl->inWrite = false;
    m_store = nullptr;
    return {};
}

Expected<EventStore::Write> EventStore::beginWrite()
{
    if (auto r = m_impl->db.exec("BEGIN IMMEDIATE"); !r)
        return tl::unexpected(r.error());
    m_impl->inWrite = true;
    return Write(this);
}

Expected<Event> EventStore::append(std::string_view type, Instant at, nlohmann::json body)
{
    if (!m_impl->inWrite)
        return fail(Errc::store_io, "internal error: an event was appended outside a transaction");
    auto& d = m_impl->db;
    Event ev;
    ev.type = std::string(type);
    ev.at = at;
    ev.body = std::move(body);
    ev.id = crypto::randomUuid();
    {
        auto head = d.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
        if (!head)
            return tl::unexpected(head.error());
        auto row = head->step();
        if (!row)
            return tl::unexpected(row.error());
        if (*row) {
            ev.seq = head->int64(0) + 1;
            const auto h = head->blob(1);
            if (h.size() == ev.prevHash.size())
                std::copy(h.begin(), h.end(), ev.prevHash.begin());
        } else {
            ev.seq = 1;
        }
    }
    const std::string bodyText = ev.body.dump();
    const std::int64_t atSec = at.time_since_epoch().count();
    ev.hash = Event::chainHash(ev.prevHash, ev.seq, ev.id, ev.type, atSec, bodyText);
    auto ins = d.prepare("INSERT INTO events(seq, id, type, at, body, prev_hash, hash) VALUES (?,?,?,?,?,?,?)");
    if (!ins)
        return tl::unexpected(ins.error());
    ins->bind(1, ev.seq).bind(2, ev.id).bind(3, ev.type).bind(4, atSec).bind(5, bodyText);
    ins->bindBlob(6, ev.prevHash.data(), ev.prevHash.size()).bindBlob(7, ev.hash.data(), ev.hash.size());
    if (auto r = ins->run(); !r)
        return tl::unexpected(r.error());
    auto meta = d.prepare("UPDATE meta SET value = CASE key WHEN 'head_seq' THEN ? ELSE ? END "
                          "WHERE key IN ('head_seq', 'head_hash')");
    if (!meta)
        return tl::unexpected(meta.error());
    meta->bind(1, std::to_string(ev.seq)).bind(2, crypto::toHex(ev.hash));
    if (auto r = meta->run(); !r)
        return tl::unexpected(r.error());
    if (auto r = projection::apply(d, ev); !r)
        return tl::unexpected(r.error());
    return ev;
}

// ---- reads ----

Expected<std::string> EventStore::terminalId()
{
    auto st = m_impl->db.prepare("SELECT body FROM events WHERE type = 'store_initialised' ORDER BY seq LIMIT 1");
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return fail(Errc::store_corrupt, "the store has lost its first event: restore it from a backup");
    auto j = nlohmann::json::parse(st->text(0), nullptr, false);
    if (!j.is_object() || !j.contains("terminal_id") || !j["terminal_id"].is_string())
        return fail(Errc::store_corrupt, "the store's first event is damaged: restore it from a backup");
    return j["terminal_id"].get<std::string>();
}

Expected<nlohmann::json> EventStore::config(std::string_view kind)
{
    auto st = m_impl->db.prepare("SELECT body FROM config WHERE kind = ?");
    if (!st)
        return tl::unexpected(st.error());
    st->bind(1, kind);
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return fail(Errc::store_corrupt, "the store holds no " + std::string(kind) + ": run `sango init` again on a new data directory");
    auto j = nlohmann::json::parse(st->text(0), nullptr, false);
    if (j.is_discarded())
        return fail(Errc::store_corrupt, "the stored " + std::string(kind) + " is damaged");
    return j;
}

Expected<std::optional<SessionRecord>> EventStore::session(std::string_view sessionId)
{
    return projection::findSession(m_impl->db, "session_id = ?", sessionId);
}

Expected<std::optional<SessionRecord>> EventStore::openSessionFor(std::string_view couponId)
{
    return projection::findSession(m_impl->db, "coupon_id = ? AND status = 'open' AND source != 'paper'", couponId);
}

Expected<std::optional<SessionRecord>> EventStore::lastSessionFor(std::string_view couponId)
{
    return projection::findSession(m_impl->db, "coupon_id = ? AND source != 'paper'", couponId);
}

Expected<std::optional<CouponRecord>> EventStore::coupon(std::string_view couponId)
{
    return projection::findCoupon(m_impl->db, couponId);
}

Expected<std::int64_t> EventStore::usedMinutes(std::string_view couponId, std::string_view exceptSession)
{
    return queryInt(m_impl->db,
                    "SELECT COALESCE(SUM(billed_minutes), 0) FROM sessions WHERE coupon_id = ? AND status = 'closed' "
                    "AND source != 'paper' AND session_id != ?",
                    couponId, exceptSession);
}

Expected<bool> EventStore::isRevoked(std::string_view couponId)
{
    return queryExists(m_impl->db, "SELECT count(*) FROM revocations WHERE coupon_id = ?", couponId);
}

Expected<bool> EventStore::ticketUsed(std::string_view ticket)
{
    return queryExists(m_impl->db,
                       "SELECT count(*) FROM sessions WHERE source = 'paper' AND coupon_id = ? AND status != 'cancelled'",
                       ticket);
}

Expected<std::optional<StaffRecord>> EventStore::staff(std::string_view staffId)
{
    auto st = m_impl->db.prepare("SELECT staff_id, role, pin_hash FROM staff WHERE staff_id = ?");
    if (!st)
        return tl::unexpected(st.error());
    st->bind(1, staffId);
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<StaffRecord>();
    return std::optional<StaffRecord>(StaffRecord{st->text(0), st->text(1), st->text(2)});
}

Expected<std::int64_t> EventStore::staffCount()
{
    return queryInt(m_impl->db, "SELECT count(*) FROM staff");
}

Expected<std::vector<SessionRecord>> EventStore::sessions(std::optional<date::year_month_day> first,
                                                          std::optional<date::year_month_day> last, bool openOnly)
{
    return projection::listSessions(m_impl->db, first, last, openOnly);
}

Expected<std::vector<DailyRow>> EventStore::dailyTotals(date::year_month_day first, date::year_month_day last)
{
    auto st = m_impl->db.prepare(
        "SELECT local_date, service, count(*), COALESCE(SUM(billed_minutes), 0) FROM sessions "
        "WHERE local_date BETWEEN ? AND ? AND status = 'closed' GROUP BY local_date, service "
        "ORDER BY local_date, CASE service WHEN 'stay' THEN 0 WHEN 'day' THEN 1 ELSE 2 END");
    if (!st)
        return tl::unexpected(st.error());
    st->bind(1, formatDate(first)).bind(2, formatDate(last));
    std::vector<DailyRow> rows;
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        auto d = parseDate(st->text(0));
        auto s = parseService(st->text(1));
        if (!d || !s)
            return fail(Errc::store_corrupt, "a stored session has a bad date or service");
        rows.push_back({*d, *s, st->int32(2), st->int64(3)});
    }
    return rows;
}

Expected<std::int64_t> EventStore::lastSeq()
{
    return queryInt(m_impl->db, "SELECT COALESCE(MAX(seq), 0) FROM events");
}

Expected<std::int64_t> EventStore::eventCount()
{
    return queryInt(m_impl->db, "SELECT count(*) FROM events");
}

Expected<std::vector<Event>> EventStore::events(std::int64_t fromSeq, std::int64_t limit)
{
    auto st = m_impl->db.prepare(
        "SELECT seq, id, type, at, body, prev_hash, hash FROM events WHERE seq >= ? ORDER BY seq LIMIT ?");
    if (!st)
        return tl::unexpected(st.error());
    st->bind(1, fromSeq).bind(2, limit);
    std::vector<Event> out;
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        Event ev;
        ev.seq = st->int64(0);
        ev.id = st->text(1);
        ev.type = st->text(2);
        ev.at = Instant(std::chrono::seconds(st->int64(3)));
        ev.body = nlohmann::json::parse(st->text(4), nullptr, false);
        const auto p = st->blob(5);
        const auto h = st->blob(6);
        if (p.size() == 32)
            std::copy(p.begin(), p.end(), ev.prevHash.begin());
        if (h.size() == 32)
            std::copy(h.begin(), h.end(), ev.hash.begin());
        out.push_back(std::move(ev));
    }
    return out;
}

Expected<EventStore::Summary> EventStore::sessionEventSummary()
{
    auto st = m_impl->db.prepare("SELECT count(*), MIN(at) FROM events WHERE type IN ('session_opened', "
                                 "'session_closed', 'session_cancelled', 'session_corrected', 'paper_session')");
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    Summary s;
    s.count = st->int64(0);
    if (auto at = st->optInt64(1))
        s.oldest = Instant(std::chrono::seconds(*at));
    return s;
}

Expected<AuditResult> EventStore::audit()
{
    AuditResult res;
    auto& d = m_impl->db;
    // One read transaction: every check sees the same snapshot, even while a kiosk records scans.
    if (auto r = d.exec("BEGIN"); !r)
        return tl::unexpected(r.error());
    struct EndRead {
        db::Database& d;
        ~EndRead() { (void)d.exec("COMMIT"); }
    } endRead{d};
    auto st = d.prepare("SELECT seq, id, type, at, body, prev_hash, hash FROM events ORDER BY seq");
    if (!st)
        return tl::unexpected(st.error());
    crypto::Hash256 prev{};
    std::int64_t expectSeq = 1;
    // The projections are rebuilt from the events in memory alongside, to be compared with the stored ones:
    // reports come from projections, so a change there must show too.
    auto replay = db::Database::open(":memory:", true);
    if (!replay)
        return tl::unexpected(replay.error());
    if (auto r = replay->exec(kSchema); !r)
        return tl::unexpected(r.error());
    if (auto r = replay->exec("INSERT INTO meta(key, value) VALUES ('schema_version', ''), ('head_seq', ''), "
                              "('head_hash', '')");
        !r)
        return tl::unexpected(r.error());
    auto broken = [&](std::int64_t seq, std::string what) {
        res.intact = false;
        res.brokenAt = seq;
        res.problem = std::move(what);
    };
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        const std::int64_t seq = st->int64(0);
        ++res.events;
        if (seq != expectSeq) {
            broken(expectSeq, "event " + std::to_string(expectSeq) + " is missing (the log jumps to " +
                                  std::to_string(seq) + ")");
            return res;
        }
        const auto p = st->blob(5);
        const auto h = st->blob(6);
        if (p.size() != 32 || !std::equal(p.begin(), p.end(), prev.begin())) {
            broken(seq, "event " + std::to_string(seq) +
                            " does not follow the event before it (reordered, replaced or removed)");
            return res;
        }
        const auto computed = Event::chainHash(prev, seq, st->text(1), st->text(2), st->int64(3), st->text(4));
        if (h.size() != 32 || !std::equal(h.begin(), h.end(), computed.begin())) {
            broken(seq, "event " + std::to_string(seq) + " was changed after it was recorded");
            return res;
        }
        prev = computed;
        ++expectSeq;
        if (replay) {
            Event ev;
            ev.seq = seq;
            ev.id = st->text(1);
            ev.type = st->text(2);
            ev.at = Instant(std::chrono::seconds(st->int64(3)));
            ev.body = nlohmann::json::parse(st->text(4), nullptr, false);
            if (auto r = projection::apply(*replay, ev); !r) {
                broken(seq, "event " + std::to_string(seq) + " cannot be replayed: " + r.error().message);
                return res;
            }
        }
    }
    auto meta = d.prepare("SELECT (SELECT value FROM meta WHERE key = 'head_seq'), "
                          "(SELECT value FROM meta WHERE key = 'head_hash')");
    if (!meta)
        return tl::unexpected(meta.error());
    if (auto row = meta->step(); !row)
        return tl::unexpected(row.error());
    const std::string headSeq = meta->text(0);
    const std::string headHash = meta->text(1);
    const std::int64_t last = expectSeq - 1;
    if (headSeq != std::to_string(last)) {
        broken(expectSeq, "the log ends at event " + std::to_string(last) + " but the store recorded " + headSeq +
                              " as its last: events were removed from the end");
        return res;
    }
    if (last > 0 && headHash != crypto::toHex(prev)) {
        broken(last, "event " + std::to_string(last) + ", the last, is not the one the store recorded: it was "
                                                       "changed or replaced");
        return res;
    }
    for (const char* table : {"sessions", "coupons", "staff", "config", "revocations"}) {
        auto diff = firstDifference(d, *replay, table);
        if (!diff)
            return tl::unexpected(diff.error());
        if (!diff->empty()) {
            broken(0, std::string("the ") + table + " table differs from what the events say (" + *diff +
                          "): it was changed outside Sango; the events are intact, so the table can be rebuilt");
            return res;
        }
    }
    auto integrity = d.prepare("PRAGMA integrity_check");
    if (!integrity)
        return tl::unexpected(integrity.error());
    if (auto row = integrity->step(); !row)
        return tl::unexpected(row.error());
    if (integrity->text(0) != "ok")
        broken(0, "the database file is damaged: " + integrity->text(0));
    return res;
}

} // namespace sango
