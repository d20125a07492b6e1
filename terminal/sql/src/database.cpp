// db::Database and db::Statement over SQLCipher's C API.
#include "sango/database.h"

#include "sango/disk_errors.h"

#include <sqlcipher/sqlite3.h>

#include <utility>

namespace sango::db {

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Expected<Database> Database::open(const std::filesystem::path& path, bool create)
{
    Database d;
    d.m_path = path;
    int flags = SQLITE_OPEN_READWRITE;
    if (create)
        flags |= SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_FULLMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &d.m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return tl::unexpected(d.errorFrom(rc, "open the store"));
    sqlite3_extended_result_codes(d.m_db, 1);
    sqlite3_busy_timeout(d.m_db, 10000);
    if (d.cipherVersion().empty())
        return fail(Errc::store_io, "this build of Sango is linked with plain SQLite, not SQLCipher, and would "
                                    "store data unencrypted: reinstall Sango from its package");
    return d;
}

std::string Database::cipherVersion()
{
    auto st = prepare("PRAGMA cipher_version");
    if (!st)
        return {};
    auto row = st->step();
    if (!row || !*row)
        return {};
    return st->text(0);
}

Expected<void> Database::exec(std::string_view sql)
{
    const std::string s(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK)
        return tl::unexpected(errorFrom(rc, "run a store statement"));
    return {};
}

Expected<void> Database::key(std::string_view keyMaterial)
{
    const int rc = sqlite3_key(m_db, keyMaterial.data(), static_cast<int>(keyMaterial.size()));
    if (rc != SQLITE_OK)
        return tl::unexpected(errorFrom(rc, "key the store"));
    return {};
}

Expected<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        return tl::unexpected(errorFrom(rc, "prepare a store statement"));
    return Statement(this, stmt);
}

Error Database::errorFrom(int rc, std::string_view what) const
{
    const std::string detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    return sqliteError(rc, detail, m_path, what);
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    // An empty string_view may carry a null pointer, which SQLite would bind as NULL, not ''.
    sqlite3_bind_text(m_stmt, index, text.data() ? text.data() : "", static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Expected<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return tl::unexpected(m_db->errorFrom(rc, "read or write the store"));
}

Expected<void> Statement::run()
{
    for (;;) {
        SANGO_TRY_ASSIGN(const bool more, step());
        if (!more)
            break;
    }
    reset();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::int64_t Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

std::string Statement::text(int col) const
{
    const auto* p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::int64_t> Statement::optInt64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

std::vector<std::uint8_t> Statement::blob(int col) const
{
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, col));
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
}

} // namespace sango::db
