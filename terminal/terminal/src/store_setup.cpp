// A store's set-up from files, checked as a whole (store_setup.h).
#include "sango/store_setup.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sango/published_keys.h"
#include "sango/terminal.h"
#include "sango/trust_store.h"

namespace sango {

namespace {

Expected<nlohmann::json> readJsonFile(const std::filesystem::path& path, const char* what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(Errc::invalid_argument,
                    std::string("cannot read the ") + what + " file " + path.string() + ": check the path");
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded())
        return fail(Errc::invalid_config, std::string("the ") + what + " file " + path.string() + " is not valid JSON");
    return j;
}

} // namespace

Expected<StoreSetup> prepareStoreSetup(const SetupFiles& files)
{
    if (!Terminal::isStaffId(files.terminalId))
        return fail(Errc::invalid_argument, "the terminal id is 1 to 32 letters, digits, '-', '_' or '.'");
    auto policy = readJsonFile(files.policy, "policy");
    if (!policy)
        return tl::unexpected(policy.error());
    auto provider = readJsonFile(files.provider, "provider");
    if (!provider)
        return tl::unexpected(provider.error());
    auto trust = readJsonFile(files.trust, "trust store");
    if (!trust)
        return tl::unexpected(trust.error());
    return prepareStoreSetup(files.terminalId, *policy, *provider, *trust, files.demo);
}

Expected<StoreSetup> prepareStoreSetup(const std::string& terminalId, const nlohmann::json& policyJson,
                                       const nlohmann::json& providerJson, const nlohmann::json& trustJson, bool demo)
{
    if (!Terminal::isStaffId(terminalId))
        return fail(Errc::invalid_argument, "the terminal id is 1 to 32 letters, digits, '-', '_' or '.'");
    auto policy = Policy::fromJson(policyJson);
    if (!policy)
        return tl::unexpected(policy.error());
    auto provider = Provider::fromJson(providerJson);
    if (!provider)
        return tl::unexpected(provider.error());
    auto trust = TrustStore::fromJson(trustJson);
    if (!trust)
        return tl::unexpected(trust.error());
    if (provider->municipality != policy->municipality)
        return fail(Errc::invalid_config, "the provider belongs to municipality " + provider->municipality +
                                              " but the policy is municipality " + policy->municipality +
                                              "'s: use files of the same municipality");
    const auto& keys = trust->keys();
    if (std::none_of(keys.begin(), keys.end(),
                     [&](const TrustKey& k) { return k.municipality == policy->municipality; }))
        return fail(Errc::invalid_config, "the trust store holds no key of municipality " + policy->municipality +
                                              ": no coupon could be verified; use the trust store it sent");
    for (Service offered : provider->services)
        if (!policy->rule(offered))
            return fail(Errc::invalid_config, "the provider offers " + std::string(toString(offered)) +
                                                  " care but the policy has no rule for it: use the "
                                                  "municipality's full policy");
    if (auto ok = published_keys::checkForStore(*trust, demo); !ok)
        return tl::unexpected(ok.error());
    StoreSetup setup{InitialConfig{terminalId, policy->toJson(), provider->toJson(), trust->toJson(), demo},
                     std::move(*policy), std::move(*provider)};
    return setup;
}

} // namespace sango
