#pragma once
// Moving a ledger between store engines, or backing it up: `sango-ledger export` writes every row of every
// table (ledger_tables.h) to a JSON Lines file, and `import` makes a new ledger from one, on either engine.
//
// The file: a header line {"format":"sango-ledger-export","version":1,"municipality","schema","engine",
// "exported_at","tables":{name: rows},"sequences":{"changes": last seq},"figures":{"digest","coupons",
// "provider_months"}}, then one line per row {"t": table, "r": [values in the columns' order]}, tables in
// ledger_tables.h's order, then {"end": true, "rows": total}. Integers are JSON integers, blobs hex, NULL null.
// It holds the issuer keys' secrets and the enrolment-code secret in plain form: it is written 0600, atomically
// (a temporary file renamed into place), and must be kept like ledger.key.
//
// The figures: every coupon's balance and every provider's totals for every month with a dated session,
// computed by the ledger's own code (LedgerStore::couponBalance, Totals) on the source as it is exported and
// on the target before the import commits; the import refuses (and writes nothing) when they differ, as it does
// for a file that is not an export, is newer, is truncated, has counts that do not match, or a value of the
// wrong type. The import is one transaction, in a store that did not exist before (store_exists otherwise).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "ledger_store.h"
#include "sango/ledger/ledger_location.h"

namespace sango::ledger {

inline constexpr const char* kExportFormat = "sango-ledger-export";
inline constexpr int kExportVersion = 1;

// What an export wrote, or an import read and checked.
struct TransferSummary {
    std::string engine; // of the source (export) or the target (import)
    std::string municipality;
    std::map<std::string, std::int64_t> tables; // rows per table
    std::int64_t rows = 0;
    std::int64_t lastChangeSeq = 0;
    std::string figuresDigest;
    std::int64_t coupons = 0;
    std::int64_t providerMonths = 0;
};

// Writes the whole store, in one read transaction, to file (refused when it exists).
Expected<TransferSummary> exportLedger(LedgerStore& store, const std::filesystem::path& file, std::int64_t now);
// Makes a new ledger at location from an export, checked row by row and figure by figure; nothing is left
// behind on a failure.
Expected<TransferSummary> importLedger(const LedgerLocation& location, const std::filesystem::path& file,
                                       std::int64_t now);

} // namespace sango::ledger
