#include "raw_store.h"

#include "sango/database.h"
#include "sango/key_file.h"
#include "sango/sql_query.h"

namespace sango::test {

Expected<std::optional<std::string>> rawSyncValue(const StoreLocation& where, std::string_view name)
{
    SANGO_TRY_ASSIGN(const StoreKey key, KeyFile(where.key()).load());
    SANGO_TRY_ASSIGN(db::Database d, db::Database::open(where.database(), false));
    SANGO_TRY(d.key(key.sqlcipherLiteral()));
    SANGO_TRY(d.exec("PRAGMA cipher_page_size = " + std::to_string(EventStore::kPageSize)));
    return db::row(
        d, "SELECT value FROM sync_state WHERE key = ?", [](const db::Statement& st) { return st.text(0); },
        std::string(name));
}

} // namespace sango::test
