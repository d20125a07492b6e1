#pragma once
// The stage of the hostile-terminal suite: a real `sango-ledger` (its CLI and `serve` on loopback, under
// libfaketime) that has received an honest month from two terminals enrolled over HTTP with real device keys
// — providers P-0001 and P-0002; coupons scanned and typed; a stay, a correction, a cancellation within the
// window, paper sessions on issued tickets; one session of each terminal left open — and a coupon revoked just
// before "now" (2026-07-02 12:00 JST). That ledger is built once; every test gets a copy of its directory and
// its own server, so that one cheat that got through cannot spoil another test's verdicts.
//
// The books are what the municipality pays from: the raw stdout of `sango-ledger totals` for each provider and
// month touched and of `sango-ledger balance` for every coupon. Each test's cheats must leave them byte for
// byte as the honest month made them, and after the cheats the honest terminals' next events are still
// accepted (checked in TearDown).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ledger_http.h"
#include "ledger_runner.h"
#include "sango_runner.h"

namespace sango::itest {

// A terminal made by hand: its device and the seq of the last event it recorded.
struct HandTerminal {
    http::Device device;
    std::int64_t seq = 0;
};

// "accepted" or "rejected:reason" (or "duplicate") of one answer of a push.
inline std::string verdictOf(const json& result)
{
    std::string s = result.value("status", std::string("?"));
    if (result.contains("reason") && result["reason"].is_string() && !result["reason"].get<std::string>().empty())
        s += ":" + result["reason"].get<std::string>();
    return s;
}

// Events in the bodies the terminal records, each with a new id and the terminal's next seq.
namespace hand {
json common(const std::string& sessionId, const std::string& staff = "S1");
json event(HandTerminal& t, const std::string& type, std::int64_t at, json body);
json open(HandTerminal& t, const std::string& sessionId, const std::string& coupon, const std::string& service,
          std::int64_t start, const std::string& source = "qr");
json close(HandTerminal& t, const std::string& sessionId, const std::string& coupon, std::int64_t sessionStart,
           std::int64_t stop, int actual, int billed);
json cancel(HandTerminal& t, const std::string& sessionId, const std::string& coupon, std::int64_t sessionStart,
            const std::string& corrects, const std::string& reason, std::int64_t at);
json correct(HandTerminal& t, const std::string& sessionId, const std::string& coupon, std::int64_t sessionStart,
             const std::string& corrects, std::int64_t start, std::int64_t stop, int actual, int billed,
             std::int64_t at);
json paper(HandTerminal& t, const std::string& sessionId, const std::string& ticket, const std::string& service,
           std::int64_t start, std::int64_t stop, int actual, int billed, std::int64_t at);
json withOffset(json e, json offset);
// Pushes a batch, signed; the answers, one per event (a test failure, and an empty array, otherwise).
json push(std::uint16_t port, const HandTerminal& t, const std::vector<json>& events);
} // namespace hand

// The ledger's "now" when the cheats come: the day after the honest month, at noon.
inline Instant hostileNow()
{
    return jst(2026, 7, 2, 12, 0);
}

// What the honest month left, for the cheats to name.
struct HonestStage {
    std::string a, b, c, d, e, f;     // coupons: a, b, c in use; d on paper; e fresh; f revoked at 11:58
    std::vector<std::string> tickets; // d's: [0] used by P-0002, [1] by P-0001, [2] unused
    HandTerminal t1, t2;              // P-0001, P-0002
    std::int64_t s1Start = 0, s2Start = 0, s7Start = 0, o1Start = 0, o2Start = 0;
    std::string s1Close, s2Close, s7Close; // their close events' ids
    json s1Figures;                        // the ledger's figures for s1
    std::int64_t revokedAt = 0;
    std::string books; // the books after the honest month
};

// The books: the raw stdout of every totals and balance command the municipality pays from.
std::string ledgerBooks(const LedgerRunner& ledger, const HonestStage& s);

class HostileTerminalTest : public ::testing::Test {
protected:
    // The ledger's "now" for every cheat.
    static Instant cheatTime() { return hostileNow(); }
    // 2026, JST.
    static std::int64_t at(int month, int day, int hour, int minute)
    {
        return epoch(jst(2026, static_cast<unsigned>(month), static_cast<unsigned>(day), hour, minute));
    }

    static void SetUpTestSuite();
    static void TearDownTestSuite();
    void SetUp() override;
    void TearDown() override;

    // POST /v1/events, signed; the raw reply.
    http::Reply pushRaw(const HandTerminal& t, const std::string& body) const;
    json push(const HandTerminal& t, const std::vector<json>& events) const { return hand::push(m_port, t, events); }
    json pushOne(const HandTerminal& t, const json& e) const;
    http::Reply pull(const HandTerminal& t) const;
    // GET /v1/health answers 200: the ledger is still serving.
    void expectServing() const;

    std::int64_t used(const std::string& coupon) const;

    test::TempDir m_tmp;
    std::unique_ptr<LedgerRunner> m_ledger;
    std::uint16_t m_port = 0;
    HonestStage m;
    bool m_providerSuspended = false; // a test that suspends P-0002: resumed before the honest end
};

} // namespace sango::itest
