#pragma once
// The one way both stores write a query over sango::sql: a statement with its arguments bound to ?1, ?2, ...
// in order (query), run without rows (exec), one value of the first row (scalar), or every row mapped to a
// value (rows). Failures are the connection's Errc values (disk full, read-only, corrupt ...).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sango/database.h"
#include "sango/error.h"

namespace sango::db {

// Bytes bound as a BLOB (a string would be bound as TEXT).
struct Blob {
    const void* data = nullptr;
    std::size_t size = 0;
};

namespace detail {

template <typename T>
void bindOne(Statement& st, int index, const T& value);

inline void bindOne(Statement& st, int index, std::nullopt_t)
{
    st.bindNull(index);
}

inline void bindOne(Statement& st, int index, Blob b)
{
    st.bindBlob(index, b.data, b.size);
}

template <typename T>
void bindOne(Statement& st, int index, const std::optional<T>& value)
{
    if (value)
        bindOne(st, index, *value);
    else
        st.bindNull(index);
}

template <typename T>
void bindOne(Statement& st, int index, const T& value)
{
    if constexpr (std::is_same_v<T, bool>)
        st.bind(index, static_cast<std::int64_t>(value ? 1 : 0));
    else if constexpr (std::is_integral_v<T>)
        st.bind(index, static_cast<std::int64_t>(value));
    else
        st.bind(index, value);
}

template <typename T>
struct IsExpected : std::false_type {};
template <typename T>
struct IsExpected<tl::expected<T, Error>> : std::true_type {};

} // namespace detail

// One column of the current row as T: std::int64_t, int, bool, std::string, std::vector<std::uint8_t>, or
// std::optional of one of them (nothing for NULL).
template <typename T>
T column(const Statement& st, int col)
{
    if constexpr (std::is_same_v<T, std::int64_t>)
        return st.int64(col);
    else if constexpr (std::is_same_v<T, int>)
        return st.int32(col);
    else if constexpr (std::is_same_v<T, bool>)
        return st.int64(col) != 0;
    else if constexpr (std::is_same_v<T, std::string>)
        return st.text(col);
    else if constexpr (std::is_same_v<T, std::vector<std::uint8_t>>)
        return st.blob(col);
    else {
        static_assert(std::is_same_v<T, std::optional<typename T::value_type>>, "no column reader for this type");
        if (st.isNull(col))
            return T();
        return T(column<typename T::value_type>(st, col));
    }
}

// A prepared statement with its arguments bound to ?1, ?2, ... in order.
template <typename... Args>
Expected<Statement> query(Database& d, std::string_view text, const Args&... args)
{
    SANGO_TRY_ASSIGN(Statement st, d.prepare(text));
    int index = 1;
    (detail::bindOne(st, index++, args), ...);
    return st;
}

// Runs one statement without rows (Database::exec runs a script of several, without arguments).
template <typename... Args>
Expected<void> exec(Database& d, std::string_view text, const Args&... args)
{
    SANGO_TRY_ASSIGN(Statement st, query(d, text, args...));
    return st.run();
}

// The first column of the first row as T, or nothing when there is no row or it is NULL.
template <typename T, typename... Args>
Expected<std::optional<T>> scalar(Database& d, std::string_view text, const Args&... args)
{
    SANGO_TRY_ASSIGN(Statement st, query(d, text, args...));
    SANGO_TRY_ASSIGN(const bool found, st.step());
    if (!found || st.isNull(0))
        return std::optional<T>();
    return std::optional<T>(column<T>(st, 0));
}

// Steps through every row, calling each(st) on it; each returns void, or Expected<void> to stop on a failure,
// or bool (false: stop early).
template <typename Each>
Expected<void> forEachRow(Statement& st, Each&& each)
{
    for (;;) {
        SANGO_TRY_ASSIGN(const bool more, st.step());
        if (!more)
            return {};
        using R = std::invoke_result_t<Each&, const Statement&>;
        if constexpr (std::is_void_v<R>) {
            each(static_cast<const Statement&>(st));
        } else if constexpr (std::is_same_v<R, bool>) {
            if (!each(static_cast<const Statement&>(st)))
                return {};
        } else {
            SANGO_TRY(each(static_cast<const Statement&>(st)));
        }
    }
}

// Every row mapped by map(const Statement&), which returns the value, or Expected of it (a failure stops).
template <typename Map, typename... Args>
auto rows(Database& d, std::string_view text, Map&& map, const Args&... args)
{
    using R = std::invoke_result_t<Map&, const Statement&>;
    using V = typename std::conditional_t<detail::IsExpected<R>::value, R, tl::expected<R, Error>>::value_type;
    return [&]() -> Expected<std::vector<V>> {
        SANGO_TRY_ASSIGN(Statement st, query(d, text, args...));
        std::vector<V> out;
        for (;;) {
            SANGO_TRY_ASSIGN(const bool more, st.step());
            if (!more)
                return out;
            if constexpr (detail::IsExpected<R>::value) {
                SANGO_TRY_ASSIGN(V v, map(static_cast<const Statement&>(st)));
                out.push_back(std::move(v));
            } else {
                out.push_back(map(static_cast<const Statement&>(st)));
            }
        }
    }();
}

// The first row mapped by map, or nothing when there is none.
template <typename Map, typename... Args>
auto row(Database& d, std::string_view text, Map&& map, const Args&... args)
{
    using R = std::invoke_result_t<Map&, const Statement&>;
    using V = typename std::conditional_t<detail::IsExpected<R>::value, R, tl::expected<R, Error>>::value_type;
    return [&]() -> Expected<std::optional<V>> {
        SANGO_TRY_ASSIGN(Statement st, query(d, text, args...));
        SANGO_TRY_ASSIGN(const bool found, st.step());
        if (!found)
            return std::optional<V>();
        if constexpr (detail::IsExpected<R>::value) {
            SANGO_TRY_ASSIGN(V v, map(static_cast<const Statement&>(st)));
            return std::optional<V>(std::move(v));
        } else {
            return std::optional<V>(map(static_cast<const Statement&>(st)));
        }
    }();
}

} // namespace sango::db
