#pragma once
// Which store engine the ledger's tests run on. The same test executables run twice (tests/ledger/
// CMakeLists.txt): on SQLCipher by default, and on PostgreSQL when SANGO_TEST_LEDGER_ENGINE=postgresql, each
// test then on a fresh database of the process's test cluster (tests/support/pg_cluster.h). So every
// assertion of the store, rules, lifecycle, CLI and API tests holds on both engines.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pg_cluster.h"
#include "sango/ledger/ledger_location.h"

namespace sango::test {

inline bool onPostgres()
{
    return PgCluster::requested();
}

// Where a new test ledger goes: the data directory given, or (on PostgreSQL) a new database.
inline ledger::LedgerLocation newLedgerLocation(const std::filesystem::path& dataDir)
{
    if (!onPostgres())
        return dataDir;
    ledger::LedgerLocation where;
    if (auto* cluster = PgCluster::shared())
        where.databaseUrl = cluster->createDatabase();
    else
        where.databaseUrl = "postgresql://no-test-cluster/none"; // shared() has failed the test already
    return where;
}

// The command-line options that name a location: --data-dir DIR, or --database URL.
inline std::vector<std::string> locationArgs(const ledger::LedgerLocation& where)
{
    if (where.postgres())
        return {"--database", where.databaseUrl};
    return {"--data-dir", where.dataDir.string()};
}

} // namespace sango::test
