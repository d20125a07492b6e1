#pragma once
// Private to the ledger: what a Ledger holds, shared by its source files (ledger.cpp: store and keys;
// ledger_admin.cpp: policy, coupons, providers, reports; ledger_sync.cpp: the terminal API).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "ledger_store.h"
#include "sango/ledger/ledger.h"
#include "sango/local_time.h"
#include "sango/policy.h"
#include "sango/provider.h"

namespace sango::ledger {

struct Ledger::Impl {
    Impl(LedgerStore s, const Clock& c, std::string m) : store(std::move(s)), clock(&c), municipality(std::move(m)) {}

    // One connection, so one caller at a time: LedgerApi calls from several threads, and SQLite transactions
    // belong to a connection, not to a thread.
    std::mutex mutex;
    LedgerStore store;
    const Clock* clock;
    std::string municipality;

    std::int64_t now() const { return clock->now().time_since_epoch().count(); }
};

// Helpers over the store, usable before a Ledger exists (init) and inside its transactions.
namespace detail {

// The policy in force at `now`: the one with the latest `from` not after the local date (in the zone of the
// policy set last), or the earliest when none has started yet.
Expected<nlohmann::json> policyInForce(LedgerStore& store, std::int64_t now);
Expected<LocalTime> localTime(LedgerStore& store);
Expected<nlohmann::json> trustStore(LedgerStore& store, const std::string& municipality);
// Makes an issuer key (kid given, or <municipality>-<yyyy><a..z> by the local year of now).
Expected<std::string> addIssuerKey(LedgerStore& store, const std::string& municipality, std::optional<std::string> kid,
                                   std::int64_t now);
Expected<std::optional<Provider>> provider(LedgerStore& store, const std::string& providerId);
// A new one-time enrolment code for the provider; only its keyed hash is stored.
Expected<std::string> newEnrolmentCode(LedgerStore& store, const std::string& providerId, std::int64_t now,
                                       std::int64_t validDays);
// The keyed BLAKE2b of a normalized code (key: the ledger's code secret, made at init).
Expected<std::string> codeHash(LedgerStore& store, const std::string& normalizedCode);
// Letters, digits, '.', '_' and '-', 1 to max characters: ids that go into other ids and file names.
bool isSimpleId(std::string_view id, std::size_t max);

} // namespace detail

} // namespace sango::ledger
