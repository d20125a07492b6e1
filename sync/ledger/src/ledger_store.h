#pragma once
// The ledger's encrypted store: one SQLCipher file (ledger.db) keyed from ledger.key (0600), the terminal's
// settings (4 KiB cipher pages, WAL, synchronous=FULL) plus a busy timeout so that `serve` and the admin
// commands share the file, and numbered schema migrations recorded in schema_migrations.
#include <cstdint>
#include <filesystem>
#include <functional>

#include "sango/database.h"
#include "sango/error.h"

namespace sango::ledger {

inline constexpr const char* kDatabaseFileName = "ledger.db";
inline constexpr const char* kKeyFileName = "ledger.key";

class LedgerStore {
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr int kPageSize = 4096;
    static constexpr int kBusyTimeoutMs = 5000;

    // Makes the data directory (0700), the key file and the store, migrated to the current schema; populate
    // fills it (in a write transaction) before it takes its final name, so that a failure leaves nothing.
    // Refuses (store_exists) when the directory already holds a ledger.
    static Expected<LedgerStore> create(const std::filesystem::path& dataDir, std::int64_t now,
                                        const std::function<Expected<void>(db::Database&)>& populate);
    // Opens and applies the migrations the file lacks (now: their applied_at).
    static Expected<LedgerStore> open(const std::filesystem::path& dataDir, std::int64_t now);

    db::Database& db() { return m_db; }

private:
    explicit LedgerStore(db::Database d) : m_db(std::move(d)) {}
    static Expected<db::Database> connect(const std::filesystem::path& file, const std::filesystem::path& keyFile,
                                          bool create);
    static Expected<void> migrate(db::Database& d, std::int64_t now);

    db::Database m_db;
};

// A transaction: BEGIN IMMEDIATE for writes (one writer at a time, waiting up to the busy timeout), BEGIN
// for reads that must see one state. Rolled back unless committed.
class Transaction {
public:
    enum class Kind { read, write };
    static Expected<Transaction> begin(db::Database& d, Kind kind);
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Expected<void> commit();

private:
    explicit Transaction(db::Database* d) : m_db(d) {}
    db::Database* m_db = nullptr;
};

} // namespace sango::ledger
