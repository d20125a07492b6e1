#pragma once
// The one place that speaks SQLCipher's C API (target sango::sql): the terminal's store and the ledger's store
// both use it. A connection, prepared statements with typed binding, and failures as Errc values (disk full,
// read-only, corrupt, wrong key ...: sango/disk_errors.h). Queries are written with sango/sql_query.h
// (query, exec, scalar, rows) and transactions with sango/transaction.h.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sango/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sango::db {

class Statement;

class Database {
public:
    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (create = make the file if missing). Checks that the library is SQLCipher (a cipher_version
    // row), so a build that picked up plain SQLite refuses to start instead of writing plaintext.
    static Expected<Database> open(const std::filesystem::path& path, bool create);
    // The library's cipher_version ("" when the linked library is plain SQLite).
    std::string cipherVersion();

    Expected<void> exec(std::string_view sql);
    // Keys the connection (SQLCipher's sqlite3_key: no copy of the key in an SQL string).
    Expected<void> key(std::string_view keyMaterial);
    Expected<Statement> prepare(std::string_view sql);

    // Maps the connection's last error (code rc) to an Errc with a message that says what to do.
    Error errorFrom(int rc, std::string_view what) const;

    sqlite3* handle() const { return m_db; }
    const std::filesystem::path& path() const { return m_path; }

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

class Statement {
public:
    Statement() = default;
    Statement(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& v) { return v ? bind(index, *v) : bindNull(index); }

    // true: a row is ready; false: done. Errors as values.
    Expected<bool> step();
    // Runs to completion (for statements without rows).
    Expected<void> run();
    void reset();

    int columnCount() const;
    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    int int32(int col) const { return static_cast<int>(int64(col)); }
    std::string text(int col) const;
    std::optional<std::int64_t> optInt64(int col) const;
    std::vector<std::uint8_t> blob(int col) const;

private:
    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace sango::db
