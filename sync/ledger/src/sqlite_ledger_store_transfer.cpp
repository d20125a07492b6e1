// SqliteLedgerStore: a table's rows out and in as JSON values, for moving a ledger between engines
// (ledger_transfer.h). The columns come from ledger_tables.h; the values go unchanged (AUTOINCREMENT numbers
// included), and sqlite_sequence is raised to the source's sequence so that new numbers continue after it.
#include <string>

#include "sqlite_ledger_store.h"
#include "sango/crypto.h"
#include "sango/sql_query.h"

namespace sango::ledger {

namespace {

std::string columnList(const TableSpec& table)
{
    std::string out;
    for (const auto& c : table.columns)
        out += (out.empty() ? "\"" : ", \"") + std::string(c.name) + "\"";
    return out;
}

} // namespace

Expected<std::int64_t> SqliteLedgerStore::exportTable(const TableSpec& table, const RowSink& sink)
{
    SANGO_TRY_ASSIGN(auto st, m_db.prepare("SELECT " + columnList(table) + " FROM \"" + std::string(table.name) +
                                           "\" ORDER BY " + std::string(table.orderBy)));
    std::int64_t count = 0;
    for (;;) {
        SANGO_TRY_ASSIGN(const bool more, st.step());
        if (!more)
            break;
        nlohmann::json row = nlohmann::json::array();
        for (int i = 0; i < static_cast<int>(table.columns.size()); ++i) {
            if (st.isNull(i)) {
                row.push_back(nullptr);
                continue;
            }
            switch (table.columns[static_cast<std::size_t>(i)].type) {
            case ColumnType::integer: row.push_back(st.int64(i)); break;
            case ColumnType::text: row.push_back(st.text(i)); break;
            case ColumnType::blob: {
                const auto bytes = st.blob(i);
                row.push_back(crypto::toHex(bytes.data(), bytes.size()));
                break;
            }
            }
        }
        SANGO_TRY(sink(std::move(row)));
        ++count;
    }
    return count;
}

Expected<std::int64_t> SqliteLedgerStore::importTable(const TableSpec& table, const RowSource& source,
                                                      std::int64_t sequenceFloor)
{
    std::string marks;
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        marks += i == 0 ? "?" : ", ?";
    SANGO_TRY_ASSIGN(auto st, m_db.prepare("INSERT INTO \"" + std::string(table.name) + "\"(" + columnList(table) +
                                           ") VALUES (" + marks + ")"));
    std::int64_t count = 0;
    for (;;) {
        SANGO_TRY_ASSIGN(auto row, source());
        if (!row)
            break;
        std::vector<std::vector<std::uint8_t>> blobs; // alive until the row is inserted
        blobs.reserve(table.columns.size());
        st.reset();
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const auto& v = (*row)[i];
            const int at = static_cast<int>(i) + 1;
            if (v.is_null()) {
                st.bindNull(at);
                continue;
            }
            switch (table.columns[i].type) {
            case ColumnType::integer: st.bind(at, v.get<std::int64_t>()); break;
            case ColumnType::text: st.bind(at, v.get_ref<const std::string&>()); break;
            case ColumnType::blob: {
                const auto& hex = v.get_ref<const std::string&>();
                auto& bytes = blobs.emplace_back(hex.size() / 2);
                if (!crypto::fromHex(hex, bytes.data(), bytes.size()))
                    return fail(Errc::malformed, "a blob of " + std::string(table.name) + " is not hex");
                st.bindBlob(at, bytes.data(), bytes.size());
                break;
            }
            }
        }
        SANGO_TRY(st.run());
        ++count;
    }
    if (!table.serial.empty()) {
        // sqlite_sequence has the largest number inserted; the source's may be higher (a deleted last change).
        const std::string name(table.name);
        SANGO_TRY(db::exec(m_db, "INSERT INTO sqlite_sequence(name, seq) SELECT ?, 0 WHERE NOT EXISTS "
                                 "(SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                           name, name));
        SANGO_TRY(db::exec(m_db, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", sequenceFloor, name));
    }
    return count;
}

} // namespace sango::ledger
