// Chooses the ledger's store engine from its location.
#include "open_ledger_store.h"

#include "pg_ledger_store.h"
#include "sqlite_ledger_store.h"

namespace sango::ledger {

Expected<std::unique_ptr<LedgerStore>> createLedgerStore(const LedgerLocation& location, std::int64_t now,
                                                         const std::function<Expected<void>(LedgerStore&)>& populate)
{
    if (location.postgres())
        return PgLedgerStore::create(location, now, populate);
    return SqliteLedgerStore::create(location.dataDir, now, populate);
}

Expected<std::unique_ptr<LedgerStore>> openLedgerStore(const LedgerLocation& location, std::int64_t now)
{
    if (location.postgres())
        return PgLedgerStore::open(location, now);
    return SqliteLedgerStore::open(location.dataDir, now);
}

} // namespace sango::ledger
