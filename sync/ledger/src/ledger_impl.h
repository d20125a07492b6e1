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
    Impl(std::unique_ptr<LedgerStore> s, const Clock& c, std::string m)
        : owned(std::move(s)), store(*owned), clock(&c), municipality(std::move(m))
    {
    }

    // One connection, so one caller at a time: LedgerApi calls from several threads, and transactions belong
    // to a connection (SQLite's or PostgreSQL's), not to a thread.
    std::mutex mutex;
    std::unique_ptr<LedgerStore> owned; // the engine
    LedgerStore& store;
    const Clock* clock;
    std::string municipality;

    std::int64_t now() const { return clock->now().time_since_epoch().count(); }
};

// Runs a write (its own transaction, begun and committed by fn) again when it lost a race with another ledger
// process on the same database (isConflict): the next run sees what the other one committed, and answers as
// if it had come second (a duplicate event, a replayed nonce, a spent code, the balance that is left). Only
// the PostgreSQL engine reports conflicts; SQLCipher has one writer at a time.
template <typename F>
auto retryOnConflict(F&& fn) -> decltype(fn())
{
    constexpr int kAttempts = 8;
    for (int attempt = 1;; ++attempt) {
        auto r = fn();
        if (r || !isConflict(r.error()) || attempt == kAttempts)
            return r;
    }
}

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
