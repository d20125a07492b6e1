// PgLedgerStore: a table's rows out and in as JSON values, for moving a ledger between engines
// (ledger_transfer.h). The columns come from ledger_tables.h; the values go unchanged (BIGSERIAL numbers
// included: an explicit value does not advance the sequence), and each serial column's sequence is then set
// past both the largest value imported and the source's sequence, so that new rows continue the numbering and
// terminals' cursors stay valid. Blobs (BYTEA) travel as hex: encode() out, decode() in.
#include <string>

#include "pg_query.h"

namespace sango::ledger {

namespace {

std::string quoted(std::string_view name)
{
    return "\"" + std::string(name) + "\"";
}

} // namespace

Expected<std::int64_t> PgLedgerStore::exportTable(const TableSpec& table, const RowSink& sink)
{
    std::string select;
    for (const auto& c : table.columns) {
        select += select.empty() ? "" : ", ";
        select += c.type == ColumnType::blob ? "encode(" + quoted(c.name) + ", 'hex')" : quoted(c.name);
    }
    SANGO_TRY_ASSIGN(const auto r, query("SELECT " + select + " FROM " + quoted(table.name) + " ORDER BY " +
                                         std::string(table.orderBy)));
    std::int64_t count = 0;
    for (const auto& dbRow : r) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const auto f = dbRow[static_cast<int>(i)];
            if (f.is_null())
                row.push_back(nullptr);
            else if (table.columns[i].type == ColumnType::integer)
                row.push_back(f.as<std::int64_t>());
            else
                row.push_back(f.as<std::string>());
        }
        SANGO_TRY(sink(std::move(row)));
        ++count;
    }
    return count;
}

Expected<std::int64_t> PgLedgerStore::importTable(const TableSpec& table, const RowSource& source,
                                                  std::int64_t sequenceFloor)
{
    std::string columns, values;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const std::string mark = "$" + std::to_string(i + 1);
        columns += (i ? ", " : "") + quoted(table.columns[i].name);
        values += (i ? ", " : "") + (table.columns[i].type == ColumnType::blob ? "decode(" + mark + ", 'hex')" : mark);
    }
    const std::string sql = "INSERT INTO " + quoted(table.name) + "(" + columns + ") VALUES (" + values + ")";
    std::int64_t count = 0;
    for (;;) {
        SANGO_TRY_ASSIGN(auto row, source());
        if (!row)
            break;
        std::vector<Param> params;
        params.reserve(table.columns.size());
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const auto& v = (*row)[i];
            if (v.is_null())
                params.emplace_back();
            else if (table.columns[i].type == ColumnType::integer)
                params.emplace_back(std::to_string(v.get<std::int64_t>()));
            else
                params.emplace_back(v.get<std::string>());
        }
        SANGO_TRY(run(sql, params));
        ++count;
    }
    if (!table.serial.empty()) {
        // The next value is after the larger of the largest imported and the source's sequence.
        const std::string col = quoted(table.serial);
        SANGO_TRY(query("SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(v, 1), v > 0) FROM (SELECT "
                        "GREATEST(COALESCE(max(" + col + "), 0), $3::bigint) AS v FROM " + quoted(table.name) + ") m",
                        std::string(table.name), std::string(table.serial), sequenceFloor));
    }
    return count;
}

} // namespace sango::ledger
