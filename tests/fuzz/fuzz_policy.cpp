// libFuzzer target: any bytes, parsed as JSON, through Policy::fromJson and Provider::fromJson. Nothing may
// throw, crash or trip a sanitizer; a policy that parses must bill sanely for any duration and balance, and
// must survive its own toJson round trip.
// Built with -DSANGO_BUILD_FUZZ=ON (tests/fuzz/CMakeLists.txt), or by hand from the source tree's top:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -DUSE_OS_TZDB=1 -I terminal/include
//     tests/fuzz/fuzz_policy.cpp terminal/src/{policy,rounding,provider,local_time,service,error,json_members}.cpp
//     -ldate-tz -o fuzz_policy
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>

#include "sango/policy.h"
#include "sango/provider.h"
#include "sango/rounding.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void exercisePolicy(const sango::Policy& policy)
{
    const int durations[] = {0, 1, 4, 5, 6, 14, 15, 29, 30, 31, 55, 59, 60, 84, 85, 479, 480, 600, 1440, 100000,
                             std::numeric_limits<int>::max()};
    const std::optional<int> balances[] = {std::nullopt, 0, -5, 45, 2520, std::numeric_limits<int>::max()};
    for (sango::Service s : sango::kAllServices) {
        const sango::ServiceRule* rule = policy.rule(s);
        if (rule == nullptr)
            continue;
        check(rule->unitMinutes == 15 || rule->unitMinutes == 30 || rule->unitMinutes == 60);
        check(rule->graceMinutes >= 0 && rule->graceMinutes < rule->unitMinutes);
        for (const auto& balance : balances) {
            int previous = 0;
            for (int d : durations) {
                const int r = sango::roundMinutes(*rule, d);
                check(r >= 0 && r % rule->unitMinutes == 0);
                const sango::Billing b = sango::bill(*rule, d, balance);
                check(b.billedMinutes >= 0);
                check(b.billedMinutes >= previous);
                if (balance)
                    check(b.billedMinutes <= (*balance > 0 ? *balance : 0));
                else
                    check(!b.capped);
                if (rule->maxMinutes > 0)
                    check(b.billedMinutes <= rule->maxMinutes);
                previous = b.billedMinutes;
            }
        }
    }
    const auto again = sango::Policy::fromJson(policy.toJson());
    check(again.has_value());
    check(again->toJson() == policy.toJson());
}

void exerciseProvider(const sango::Provider& provider)
{
    (void)provider.priceTableVersion();
    for (sango::Service s : sango::kAllServices) {
        const auto periods = provider.periodsIn(s, date::year{2026} / date::April);
        for (const auto& period : periods)
            check(period.first <= period.last);
        (void)provider.priceOn(s, date::year{2026} / date::April / date::day{16});
    }
    const auto again = sango::Provider::fromJson(provider.toJson());
    check(again.has_value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto* text = reinterpret_cast<const char*>(data);
    const nlohmann::json j = nlohmann::json::parse(text, text + size, nullptr, false);
    if (j.is_discarded())
        return 0;

    if (const auto policy = sango::Policy::fromJson(j))
        exercisePolicy(*policy);
    else
        check(policy.error().code == sango::Errc::invalid_config && !policy.error().message.empty());

    if (const auto provider = sango::Provider::fromJson(j))
        exerciseProvider(*provider);
    else
        check(provider.error().code == sango::Errc::invalid_config && !provider.error().message.empty());
    return 0;
}
