#pragma once
// Where a ledger keeps its store, and what a running ledger says about it.
//
// Two engines: the default, embedded SQLCipher file in a data directory (ledger.db, keyed from ledger.key), or a
// PostgreSQL database named by a URL, which several ledger processes can share. The URL never carries a
// password (one that does is refused): the password comes from a file only (passwordFile, else
// $CREDENTIALS_DIRECTORY/ledger-db-password, systemd's LoadCredential=), so that it never shows in a command
// line, a process list or a log.
#include <filesystem>
#include <string>

namespace sango::ledger {

struct LedgerLocation {
    LedgerLocation() = default;
    // The SQLCipher engine in this data directory (so that a path is a location).
    LedgerLocation(std::filesystem::path dir) : dataDir(std::move(dir)) {} // NOLINT: implicit on purpose

    std::filesystem::path dataDir;     // SQLCipher: ledger.db and ledger.key here
    std::string databaseUrl;           // not empty: PostgreSQL, postgresql://[user@]host[:port]/dbname[?...]
    std::filesystem::path passwordFile; // PostgreSQL: the password's file (empty: the systemd credential, if any)

    bool postgres() const { return !databaseUrl.empty(); }
};

// What `sango-ledger status` and the logs say about the store (never a password).
struct StoreInfo {
    std::string engine;   // "sqlcipher" | "postgresql"
    std::string location; // the data file, or the database URL
    bool readOnly = false; // a standby, or a read-only transaction default: writes are refused
    int schemaVersion = 0;
};

} // namespace sango::ledger
