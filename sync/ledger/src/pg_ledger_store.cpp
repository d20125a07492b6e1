// PgLedgerStore: connecting, the schema and its migrations, transactions, and libpqxx's exceptions as Errors.
#include "pg_ledger_store.h"

#include "ledger_log.h"
#include "pg_query.h"
#include "pg_schema.h"
#include "sango/crypto.h"

namespace sango::ledger {

namespace {

// Advisory lock keys (any 64-bit numbers the ledger alone uses): one migration at a time, and the changes
// feed numbered in commit order.
constexpr std::int64_t kMigrationLock = 0x53414e474f4d4947; // "SANGOMIG"
constexpr std::int64_t kChangesLock = 0x53414e474f434847;   // "SANGOCHG"
constexpr int kLockTimeoutMs = 5000;

tl::unexpected<Error> readOnlyError(const PgUrl& url)
{
    return fail(Errc::store_read_only, "the ledger database " + url.text() +
                                           " is a read-only standby (or read-only by default): point the ledger "
                                           "at the primary");
}

// The Error for the exception being handled (call inside a catch block only).
Error currentError(const PgUrl& url)
{
    try {
        throw;
    } catch (const pqxx::broken_connection& e) {
        return Error{Errc::store_io, "lost the connection to the ledger database " + url.text() + " (" +
                                         std::string(e.what()) +
                                         "): check that PostgreSQL runs and accepts the ledger, then try again"};
    } catch (const pqxx::sql_error& e) {
        const std::string& state = e.sqlstate();
        // unique_violation, serialization_failure, deadlock_detected: another process got there first.
        if (state == "23505" || state == "40001" || state == "40P01")
            return conflictError(state == "23505" ? "a unique key" : "a serialization failure");
        if (state == "25006") // read_only_sql_transaction
            return readOnlyError(url).value();
        if (state == "55P03") // lock_not_available: lock_timeout passed
            return Error{Errc::store_in_use, "the ledger database is busy: another program has held a lock the "
                                             "ledger needs for over 5 s; try again"};
        if (state == "53100") // disk_full
            return Error{Errc::disk_full, "the ledger database server's disk is full: free space on it"};
        if (state.rfind("08", 0) == 0) // connection exceptions
            return Error{Errc::store_io, "the connection to the ledger database " + url.text() + " failed (" +
                                             std::string(e.what()) + "): check the database server, then try again"};
        if (state == "42501") // insufficient_privilege
            return Error{Errc::store_io, "the ledger's database role lacks a privilege on " + url.text() + " (" +
                                             std::string(e.what()) + "): make it the owner of the ledger's tables"};
        return Error{Errc::store_io, "the ledger database " + url.text() + " failed: " + std::string(e.what())};
    } catch (const pqxx::in_doubt_error&) {
        return Error{Errc::store_io, "the connection to the ledger database " + url.text() +
                                         " was lost during a commit, so whether it was made is unknown: the "
                                         "terminals will send it again, and it counts once"};
    } catch (const std::exception& e) {
        return Error{Errc::store_io, "the ledger database " + url.text() + " failed: " + std::string(e.what())};
    }
}

// A PostgreSQL transaction behind the engine-neutral handle.
class PgTransaction final : public LedgerTransaction::Impl {
public:
    explicit PgTransaction(PgLedgerStore& s) : m_store(&s) {}
    ~PgTransaction() override
    {
        if (!m_done)
            m_store->abortTransaction();
    }
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;

    Expected<void> commit() override
    {
        SANGO_TRY(m_store->commitTransaction());
        m_done = true;
        return {};
    }

private:
    PgLedgerStore* m_store;
    bool m_done = false;
};

} // namespace

PgLedgerStore::PgLedgerStore(std::unique_ptr<pqxx::connection> c, PgUrl url)
    : m_conn(std::move(c)), m_url(std::move(url))
{
}

PgLedgerStore::~PgLedgerStore()
{
    abortTransaction();
}

Expected<std::unique_ptr<PgLedgerStore>> PgLedgerStore::connect(const LedgerLocation& location)
{
    SANGO_TRY_ASSIGN(auto url, PgUrl::parse(location.databaseUrl));
    SANGO_TRY_ASSIGN(auto password, readDatabasePassword(location));
    std::string conninfo = url.connectionString(password);
    crypto::wipe(password.data(), password.size());
    std::unique_ptr<pqxx::connection> conn;
    try {
        conn = std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
        crypto::wipe(conninfo.data(), conninfo.size());
        // libpq's message names the host and the role, never the password.
        std::string why = e.what();
        while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
            why.pop_back();
        return fail(Errc::store_io, "cannot connect to the ledger database " + url.text() + " (" + why +
                                        "): check that PostgreSQL runs there, that the URL names the right host, "
                                        "database and role, and that the password file holds the role's password");
    }
    crypto::wipe(conninfo.data(), conninfo.size());
    std::unique_ptr<PgLedgerStore> store(new PgLedgerStore(std::move(conn), std::move(url)));
    SANGO_TRY_ASSIGN(const auto r, store->query("SELECT pg_is_in_recovery(), "
                                                "current_setting('default_transaction_read_only') = 'on'"));
    store->m_readOnly = pg::boolean(r[0][0]) || pg::boolean(r[0][1]);
    // Like SQLCipher's busy timeout: a write waits for another's lock at most this long, then is told to retry.
    SANGO_TRY(store->query("SELECT set_config('lock_timeout', $1, false)", std::to_string(kLockTimeoutMs) + "ms"));
    return store;
}

Expected<std::unique_ptr<LedgerStore>> PgLedgerStore::create(const LedgerLocation& location, std::int64_t now,
                                                             const std::function<Expected<void>(LedgerStore&)>& populate)
{
    SANGO_TRY_ASSIGN(auto store, connect(location));
    {
        // Schema and first contents in one transaction: a failure leaves the database as it was.
        SANGO_TRY_ASSIGN(auto tx, store->beginWrite());
        SANGO_TRY(store->query("SELECT pg_advisory_xact_lock($1)", kMigrationLock));
        SANGO_TRY_ASSIGN(const auto known, store->scalarInt("SELECT count(*) FROM pg_tables WHERE schemaname = "
                                                            "current_schema() AND tablename = 'schema_migrations'"));
        if (known.value_or(0) > 0)
            return fail(Errc::store_exists, "the database " + store->m_url.text() +
                                                " holds a ledger already: sango-ledger never overwrites one");
        SANGO_TRY(store->migrate(now));
        SANGO_TRY(populate(*store));
        SANGO_TRY(tx.commit());
    }
    logger()->info("created ledger in the PostgreSQL database {}", store->m_url.text());
    return std::unique_ptr<LedgerStore>(std::move(store));
}

Expected<std::unique_ptr<LedgerStore>> PgLedgerStore::open(const LedgerLocation& location, std::int64_t now)
{
    SANGO_TRY_ASSIGN(auto store, connect(location));
    SANGO_TRY_ASSIGN(const auto known, store->scalarInt("SELECT count(*) FROM pg_tables WHERE schemaname = "
                                                        "current_schema() AND tablename = 'schema_migrations'"));
    if (known.value_or(0) == 0)
        return fail(Errc::store_missing, "the database " + store->m_url.text() +
                                             " holds no ledger: run `sango-ledger init` with this --database "
                                             "first");
    // Most opens find the schema current and take no lock.
    SANGO_TRY_ASSIGN(const auto current, store->scalarInt("SELECT max(version) FROM schema_migrations"));
    if (current.value_or(0) != kSchemaVersion) {
        if (current.value_or(0) > kSchemaVersion)
            return fail(Errc::schema_too_new, "the ledger database was made by a newer sango-ledger (schema " +
                                                  std::to_string(*current) + "): run that version");
        SANGO_TRY_ASSIGN(auto tx, store->beginWrite());
        SANGO_TRY(store->query("SELECT pg_advisory_xact_lock($1)", kMigrationLock));
        SANGO_TRY(store->migrate(now));
        SANGO_TRY(tx.commit());
    }
    return std::unique_ptr<LedgerStore>(std::move(store));
}

Expected<void> PgLedgerStore::migrate(std::int64_t now)
{
    SANGO_TRY(query("CREATE TABLE IF NOT EXISTS schema_migrations(version BIGINT PRIMARY KEY, "
                    "applied_at BIGINT NOT NULL)"));
    SANGO_TRY_ASSIGN(const auto current, scalarInt("SELECT max(version) FROM schema_migrations"));
    const std::int64_t version = current.value_or(0);
    if (version > kSchemaVersion)
        return fail(Errc::schema_too_new, "the ledger database was made by a newer sango-ledger (schema " +
                                              std::to_string(version) + "): run that version");
    for (std::int64_t v = version + 1; v <= kSchemaVersion; ++v) {
        // Several statements: the simple query protocol (exec), not exec_params.
        try {
            m_tx->exec(std::string(pg_schema::kMigrations[static_cast<std::size_t>(v - 1)]));
        } catch (const std::exception&) {
            return tl::unexpected(currentError(m_url));
        }
        SANGO_TRY(query("INSERT INTO schema_migrations(version, applied_at) VALUES ($1, $2)", v, now));
        logger()->info("ledger schema migrated to version {} (PostgreSQL)", v);
    }
    return {};
}

Expected<LedgerTransaction> PgLedgerStore::begin(bool write)
{
    if (m_tx)
        return fail(Errc::store_io, "the ledger began a transaction inside another (a bug)");
    if (write && m_readOnly)
        return readOnlyError(m_url);
    try {
        if (write)
            m_tx = std::make_unique<pqxx::work>(*m_conn);
        else // one snapshot for the whole read, like SQLite's BEGIN
            m_tx = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(*m_conn);
    } catch (const std::exception&) {
        return tl::unexpected(currentError(m_url));
    }
    m_writing = write;
    m_changesLocked = false;
    return LedgerTransaction(std::make_unique<PgTransaction>(*this));
}

Expected<LedgerTransaction> PgLedgerStore::beginWrite()
{
    return begin(true);
}

Expected<LedgerTransaction> PgLedgerStore::beginRead()
{
    return begin(false);
}

Expected<void> PgLedgerStore::commitTransaction()
{
    if (!m_tx)
        return fail(Errc::store_io, "the ledger committed a transaction it had not begun (a bug)");
    try {
        m_tx->commit();
    } catch (const std::exception&) {
        auto e = currentError(m_url);
        abortTransaction();
        return tl::unexpected(std::move(e));
    }
    m_tx.reset();
    m_writing = false;
    m_changesLocked = false;
    return {};
}

void PgLedgerStore::abortTransaction()
{
    if (m_tx) {
        try {
            m_tx->abort();
        } catch (const std::exception& e) {
            logger()->warn("rolling back on the ledger database failed: {}", e.what());
        }
        m_tx.reset();
    }
    m_writing = false;
    m_changesLocked = false;
}

Expected<pqxx::result> PgLedgerStore::run(const std::string& sql, const std::vector<Param>& params)
{
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& p : params)
        values.push_back(p ? p->c_str() : nullptr); // nullptr: NULL
    try {
        const auto dynamic = pqxx::prepare::make_dynamic_params(values);
        if (m_tx)
            return m_tx->exec_params(sql, dynamic);
        // Outside a transaction: the statement on its own (autocommit), as SQLite runs one.
        pqxx::nontransaction alone(*m_conn);
        return alone.exec_params(sql, dynamic);
    } catch (const std::exception&) {
        return tl::unexpected(currentError(m_url));
    }
}

std::string PgLedgerStore::lockForWrite() const
{
    return m_tx && m_writing ? " FOR UPDATE" : "";
}

Expected<void> PgLedgerStore::lockChanges()
{
    if (m_changesLocked || !m_tx)
        return {};
    SANGO_TRY(query("SELECT pg_advisory_xact_lock($1)", kChangesLock));
    m_changesLocked = true;
    return {};
}

Expected<void> PgLedgerStore::checkReadable()
{
    SANGO_TRY(query("SELECT count(*) FROM schema_migrations"));
    return {};
}

StoreInfo PgLedgerStore::info()
{
    StoreInfo i;
    i.engine = "postgresql";
    i.location = m_url.text();
    i.readOnly = m_readOnly;
    if (const auto v = scalarInt("SELECT max(version) FROM schema_migrations"); v && *v)
        i.schemaVersion = static_cast<int>(**v);
    return i;
}

} // namespace sango::ledger
