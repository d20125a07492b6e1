#pragma once
// Small helpers over sango::sql for the ledger's queries: prepare with positional arguments bound in order,
// run, and read one optional row. Private to the ledger.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "sango/database.h"
#include "sango/error.h"

namespace sango::ledger::sql {

inline void bindOne(db::Statement& st, int index, std::nullopt_t)
{
    st.bindNull(index);
}

template <typename T>
void bindOne(db::Statement& st, int index, const T& value)
{
    if constexpr (std::is_same_v<T, bool>)
        st.bind(index, static_cast<std::int64_t>(value ? 1 : 0));
    else if constexpr (std::is_integral_v<T>)
        st.bind(index, static_cast<std::int64_t>(value));
    else
        st.bind(index, value);
}

// A prepared statement with its arguments bound to ?1, ?2, ... in order.
template <typename... Args>
Expected<db::Statement> query(db::Database& d, std::string_view text, const Args&... args)
{
    auto st = d.prepare(text);
    if (!st)
        return tl::unexpected(st.error());
    int index = 1;
    (bindOne(*st, index++, args), ...);
    return st;
}

// Runs a statement without rows.
template <typename... Args>
Expected<void> exec(db::Database& d, std::string_view text, const Args&... args)
{
    auto st = query(d, text, args...);
    if (!st)
        return tl::unexpected(st.error());
    return st->run();
}

// The first column of the first row as an integer, or nothing when there is no row (or it is NULL).
template <typename... Args>
Expected<std::optional<std::int64_t>> scalarInt(db::Database& d, std::string_view text, const Args&... args)
{
    auto st = query(d, text, args...);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<std::int64_t>();
    return st->optInt64(0);
}

template <typename... Args>
Expected<std::optional<std::string>> scalarText(db::Database& d, std::string_view text, const Args&... args)
{
    auto st = query(d, text, args...);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row || st->isNull(0))
        return std::optional<std::string>();
    return std::optional<std::string>(st->text(0));
}

} // namespace sango::ledger::sql

