#pragma once
// Chooses the ledger's store engine from its location: SQLCipher in a data directory, or PostgreSQL at a URL.
#include <cstdint>
#include <functional>
#include <memory>

#include "ledger_store.h"
#include "sango/ledger/ledger_location.h"

namespace sango::ledger {

// Makes a new store (refused with store_exists where one is) and fills it with populate, in one transaction
// with the schema, so that a failure leaves nothing behind.
Expected<std::unique_ptr<LedgerStore>> createLedgerStore(const LedgerLocation& location, std::int64_t now,
                                                         const std::function<Expected<void>(LedgerStore&)>& populate);
// Opens a store and applies the migrations it lacks.
Expected<std::unique_ptr<LedgerStore>> openLedgerStore(const LedgerLocation& location, std::int64_t now);

} // namespace sango::ledger
