#pragma once
// The one list of the ledger's tables and columns (schema version 2, both engines), for moving a ledger between
// engines (`sango-ledger export` / `import`, ledger_transfer.h). Engine-neutral: each engine reads and writes
// these columns with its own SQL (exportTable / importTable in *_ledger_store_transfer.cpp). Listed in an order
// that satisfies the foreign keys (providers before terminals, coupons before paper tickets), each table's rows
// in the order of its key, so that an export of the same ledger is the same file. schema_migrations is not
// listed: the target makes its own when it is created. A new schema version updates this list too.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sango::ledger {

// How a column's value travels: integers as JSON integers (BIGINT), text as strings, blobs (issuer key
// secrets) as lower-case hex; NULL as null where the column allows it.
enum class ColumnType { integer, text, blob };

struct ColumnSpec {
    std::string_view name;
    ColumnType type;
    bool nullable = false;
};

struct TableSpec {
    std::string_view name;
    std::vector<ColumnSpec> columns;
    std::string_view orderBy;   // its key's columns
    std::string_view serial;    // the column numbered by the engine (AUTOINCREMENT / BIGSERIAL), or ""
};

// Every table of the ledger's schema, in import order.
const std::vector<TableSpec>& ledgerTables();

} // namespace sango::ledger
