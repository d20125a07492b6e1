#pragma once
// Private to the PostgreSQL engine's sources: statement parameters from the store's C++ types, field
// readers, and PgLedgerStore's query templates. Parameters go as text (or NULL) and PostgreSQL types them
// from their place in the statement ($1, $2, ...); integers are BIGINT both ways.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

#include "pg_ledger_store.h"

namespace sango::ledger::pg {

using Param = PgLedgerStore::Param;

inline Param param(const std::string& s) { return s; }
inline Param param(std::string_view s) { return std::string(s); }
inline Param param(const char* s) { return std::string(s); }
inline Param param(std::int64_t v) { return std::to_string(v); }
inline Param param(int v) { return std::to_string(v); }
inline Param param(const std::optional<std::string>& s) { return s; }
inline Param param(const std::optional<std::int64_t>& v)
{
    return v ? Param(std::to_string(*v)) : Param();
}

// "" / 0 / false for NULL, like the SQLCipher engine's column readers.
inline std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : f.as<std::string>(); }
inline std::int64_t int64(const pqxx::field& f) { return f.is_null() ? 0 : f.as<std::int64_t>(); }
inline bool boolean(const pqxx::field& f) { return !f.is_null() && f.as<bool>(); }
inline std::optional<std::int64_t> optInt64(const pqxx::field& f)
{
    return f.is_null() ? std::nullopt : std::optional<std::int64_t>(f.as<std::int64_t>());
}
inline std::optional<std::string> optText(const pqxx::field& f)
{
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.as<std::string>());
}

} // namespace sango::ledger::pg

namespace sango::ledger {

template <typename... Args>
Expected<pqxx::result> PgLedgerStore::query(const std::string& sql, const Args&... args)
{
    return run(sql, std::vector<Param>{pg::param(args)...});
}

template <typename... Args>
Expected<void> PgLedgerStore::exec(const std::string& sql, const Args&... args)
{
    SANGO_TRY(query(sql, args...));
    return {};
}

template <typename... Args>
Expected<bool> PgLedgerStore::any(const std::string& sql, const Args&... args)
{
    SANGO_TRY_ASSIGN(const auto n, scalarInt(sql, args...));
    return n.value_or(0) > 0;
}

template <typename... Args>
Expected<std::optional<std::string>> PgLedgerStore::scalarText(const std::string& sql, const Args&... args)
{
    SANGO_TRY_ASSIGN(const auto r, query(sql, args...));
    if (r.empty())
        return std::optional<std::string>();
    return pg::optText(r[0][0]);
}

template <typename... Args>
Expected<std::optional<std::int64_t>> PgLedgerStore::scalarInt(const std::string& sql, const Args&... args)
{
    SANGO_TRY_ASSIGN(const auto r, query(sql, args...));
    if (r.empty())
        return std::optional<std::int64_t>();
    return pg::optInt64(r[0][0]);
}

} // namespace sango::ledger
