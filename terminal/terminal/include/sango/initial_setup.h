#pragma once
// Setting a terminal up from the municipality's files — `sango init` and the kiosk's first run from files both
// come here, so that both check the same things: the policy, the provider profile and the trust store, each
// validated, then checked together — the provider and the policy of one municipality, a trust key of that
// municipality, a rule for every service the provider offers — and the trust store checked for the published
// test keys (sango/published_keys.h: refused unless the store is a demonstration store). Files that cannot work
// together are refused now, not found out at the first scan.
//
// fromFiles reads the files on the caller's thread and makes no store; createStore makes it (EventStore::create).
// Failures: invalid_argument (a file that cannot be read, a bad terminal id), invalid_config (not JSON, not
// valid, not consistent), test_key_refused.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/policy.h"
#include "sango/provider.h"

namespace sango {

// The files a person names for the set-up (the --policy, --provider and --trust of `sango init`).
struct SetupFiles {
    std::string terminalId;
    std::filesystem::path policy;
    std::filesystem::path provider;
    std::filesystem::path trust;
    bool demo = false; // a demonstration store: it may trust the published test keys
};

struct InitialSetup {
    InitialConfig config; // what EventStore::create takes
    Policy policy;
    Provider provider;

    static Expected<InitialSetup> fromFiles(const SetupFiles& files);
    static Expected<InitialSetup> fromJson(const std::string& terminalId, const nlohmann::json& policy,
                                           const nlohmann::json& provider, const nlohmann::json& trust, bool demo);

    // The new store holding this set-up (store_exists when there is one already).
    Expected<EventStore> createStore(const StoreLocation& where, Instant now) const;
};

} // namespace sango
