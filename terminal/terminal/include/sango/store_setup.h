#pragma once
// Setting a store up from the municipality's files (`sango init`, the kiosk's first run from files): the policy,
// the provider profile and the trust store, each validated, then checked together — the provider and the policy
// of one municipality, a trust key of that municipality, a rule for every service the provider offers — and the
// trust store checked for the published test keys (sango/published_keys.h: refused unless the store is a
// demonstration store). Files that cannot work together are refused now, not found out at the first scan.
//
// Reads the files on the caller's thread; makes no store (EventStore::create does, with what this returns).
// Failures: invalid_argument (a file that cannot be read, a bad terminal id), invalid_config (not JSON, not
// valid, not consistent), test_key_refused.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/policy.h"
#include "sango/provider.h"

namespace sango {

struct StoreSetup {
    InitialConfig config; // what EventStore::create takes
    Policy policy;
    Provider provider;
};

struct SetupFiles {
    std::string terminalId;
    std::filesystem::path policy;
    std::filesystem::path provider;
    std::filesystem::path trust;
    bool demo = false; // a demonstration store: it may trust the published test keys
};

Expected<StoreSetup> prepareStoreSetup(const SetupFiles& files);
Expected<StoreSetup> prepareStoreSetup(const std::string& terminalId, const nlohmann::json& policy,
                                       const nlohmann::json& provider, const nlohmann::json& trust, bool demo);

} // namespace sango
