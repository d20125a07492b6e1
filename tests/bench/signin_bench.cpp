// sango_signin_bench: how long Terminal::signIn takes to answer a wrong PIN for a registered staff id and for
// an id that is not registered. The two must not differ beyond noise (README, Security model): both run one
// Argon2id verification of the same cost (the stored hash, or crypto::dummyPinHash()), one read of the staff
// table and one of the failure count, and one write of the new count. A plain main printing medians and the
// ratio; not a test (timings depend on the machine). A real encrypted store in TMPDIR, a FakeClock moved past
// every lockout between tries so that each answer is a full wrong_pin.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "sango/event_store.h"
#include "sango/terminal.h"
#include "store_fixture.h"

namespace {

using namespace sango;
using Wall = std::chrono::steady_clock;

double medianMs(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main()
{
    test::TempDir dir;
    StoreLocation where;
    where.dataDir = dir.path() / "data";
    FakeClock clock{test::kApril3Morning};
    test::TestIssuer issuer;
    auto store = EventStore::create(where, InitialConfig{"T1", test::readJson(test::testDataDir() / "policy.json"),
                                                         test::readJson(test::testDataDir() / "provider.json"),
                                                         issuer.trustJson()},
                                    clock.now());
    if (!store) {
        std::fprintf(stderr, "cannot make the store: %s\n", store.error().message.c_str());
        return 1;
    }
    auto terminal = Terminal::load(*store, clock);
    if (!terminal || !terminal->addStaff("rec1", StaffRole::staff, "1357")) {
        std::fprintf(stderr, "cannot set up the terminal\n");
        return 1;
    }
    constexpr int kRounds = 40;
    std::vector<double> known, unknown;
    for (int i = 0; i < kRounds; ++i) {
        for (const char* id : {"rec1", "nobody"}) {
            const auto start = Wall::now();
            auto r = terminal->signIn(id, "0000");
            const double ms = std::chrono::duration<double, std::milli>(Wall::now() - start).count();
            if (r || r.error().code == Errc::locked_out) {
                // A lockout answers without Argon2id: move past it and do not count this try.
                clock.advance(std::chrono::hours(2));
                continue;
            }
            (std::string_view(id) == "rec1" ? known : unknown).push_back(ms);
        }
    }
    const double k = medianMs(known), u = medianMs(unknown);
    std::printf("sign-in with a wrong PIN (median of %zu and %zu tries, encrypted store)\n", known.size(),
                unknown.size());
    std::printf("  registered id   %8.2f ms\n  unknown id      %8.2f ms\n  ratio           %8.3f\n", k, u,
                k > 0 ? u / k : 0.0);
    return 0;
}
