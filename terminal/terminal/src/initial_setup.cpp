// A terminal's set-up from the municipality's files, checked as a whole (initial_setup.h).
#include "sango/initial_setup.h"

#include <algorithm>

#include "sango/json_file.h"
#include "sango/published_keys.h"
#include "sango/terminal.h"
#include "sango/trust_store.h"

namespace sango {

namespace {

constexpr const char* kBadTerminalId = "the terminal id is 1 to 32 letters, digits, '-', '_' or '.'";

} // namespace

Expected<InitialSetup> InitialSetup::fromFiles(const SetupFiles& files)
{
    if (!Terminal::isStaffId(files.terminalId))
        return fail(Errc::invalid_argument, kBadTerminalId);
    SANGO_TRY_ASSIGN(const nlohmann::json policy, readJsonFile(files.policy, "policy", "check the path"));
    SANGO_TRY_ASSIGN(const nlohmann::json provider, readJsonFile(files.provider, "provider", "check the path"));
    SANGO_TRY_ASSIGN(const nlohmann::json trust, readJsonFile(files.trust, "trust store", "check the path"));
    return fromJson(files.terminalId, policy, provider, trust, files.demo);
}

Expected<InitialSetup> InitialSetup::fromJson(const std::string& terminalId, const nlohmann::json& policyJson,
                                              const nlohmann::json& providerJson, const nlohmann::json& trustJson,
                                              bool demo)
{
    if (!Terminal::isStaffId(terminalId))
        return fail(Errc::invalid_argument, kBadTerminalId);
    SANGO_TRY_ASSIGN(Policy policy, Policy::fromJson(policyJson));
    SANGO_TRY_ASSIGN(Provider provider, Provider::fromJson(providerJson));
    SANGO_TRY_ASSIGN(const TrustStore trust, TrustStore::fromJson(trustJson));
    if (provider.municipality != policy.municipality)
        return fail(Errc::invalid_config, "the provider belongs to municipality " + provider.municipality +
                                              " but the policy is municipality " + policy.municipality +
                                              "'s: use files of the same municipality");
    const auto& keys = trust.keys();
    if (std::none_of(keys.begin(), keys.end(),
                     [&](const TrustKey& k) { return k.municipality == policy.municipality; }))
        return fail(Errc::invalid_config, "the trust store holds no key of municipality " + policy.municipality +
                                              ": no coupon could be verified; use the trust store it sent");
    for (Service offered : provider.services)
        if (!policy.rule(offered))
            return fail(Errc::invalid_config, "the provider offers " + std::string(toString(offered)) +
                                                  " care but the policy has no rule for it: use the "
                                                  "municipality's full policy");
    SANGO_TRY(published_keys::checkForStore(trust, demo));
    InitialSetup setup{InitialConfig{terminalId, policy.toJson(), provider.toJson(), trust.toJson(), demo},
                       std::move(policy), std::move(provider)};
    return setup;
}

Expected<EventStore> InitialSetup::createStore(const StoreLocation& where, Instant now) const
{
    return EventStore::create(where, config, now);
}

} // namespace sango
