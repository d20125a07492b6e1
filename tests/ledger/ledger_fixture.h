#pragma once
// A real encrypted ledger in a temporary directory, made from the test data's policy and provider, driven by
// a FakeClock; helpers to enrol terminals and to write the events terminals push, in the bodies the terminal
// records (terminal/src/terminal.cpp, terminal_records.cpp).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process.h"
#include "sango/base64url.h"
#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/ledger/ledger.h"
#include "sango/local_time.h"
#include "sango/protocol/messages.h"
#include "test_engine.h"
#include "test_paths.h"

namespace sango::test {

inline nlohmann::json readTestJson(const std::string& name)
{
    std::ifstream in(testDataDir() / name);
    return nlohmann::json::parse(in);
}

// 2026-04-03T10:00:00+09:00
inline constexpr Instant kLedgerStart{std::chrono::seconds(1775178000)};

class LedgerFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dataDir = m_dir.path() / "ledger";
        m_location = newLedgerLocation(m_dataDir);
        auto made = ledger::Ledger::create(m_location, "131016", readTestJson("policy.json"), m_clock);
        ASSERT_TRUE(made) << made.error().message;
        m_ledger = std::make_unique<ledger::Ledger>(std::move(*made));
    }

    std::int64_t now() const { return m_clock.now().time_since_epoch().count(); }

    // A provider like tests/data/provider.json under another id (and the services given).
    nlohmann::json providerJson(const std::string& id,
                                const std::vector<std::string>& services = {"stay", "day", "visit"}) const
    {
        auto p = readTestJson("provider.json");
        p["provider_id"] = id;
        p["services"] = services;
        // Prices only for what it offers (Provider::fromJson refuses others).
        nlohmann::json prices = nlohmann::json::array();
        for (const auto& price : p["prices"])
            if (std::find(services.begin(), services.end(), price["service"].get<std::string>()) != services.end())
                prices.push_back(price);
        p["prices"] = prices;
        return p;
    }

    std::string addProvider(const std::string& id, const std::vector<std::string>& services = {"stay", "day", "visit"})
    {
        auto r = m_ledger->addProvider(providerJson(id, services));
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        return r ? r->enrolmentCode : std::string();
    }

    // Enrols a new terminal of the provider (registering the provider first when needed).
    ledger::TerminalInfo enrolTerminal(const std::string& providerId)
    {
        std::string code;
        auto existing = m_ledger->newEnrolmentCode(providerId);
        if (existing)
            code = *existing;
        else
            code = addProvider(providerId);
        const auto key = crypto::SigningKey::generate();
        protocol::EnrolRequest req{code, base64url::encode(key.publicKey.data(), key.publicKey.size()), "test"};
        auto r = m_ledger->enrol(req);
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        auto t = m_ledger->terminal(r ? r->terminalId : "");
        EXPECT_TRUE(t && *t);
        return t && *t ? **t : ledger::TerminalInfo{};
    }

    std::string issue(int grant = 2520, std::vector<std::string> services = {})
    {
        ledger::IssueRequest req;
        req.type = "standard";
        req.grantMinutes = grant;
        req.services = std::move(services);
        auto c = m_ledger->issue(req);
        EXPECT_TRUE(c) << (c ? "" : c.error().message);
        return c ? c->couponId : std::string();
    }

    // ---- events, as the terminal writes them ----

    static nlohmann::json clock(bool verified = true)
    {
        return {{"offset_s", verified ? nlohmann::json(0) : nlohmann::json()}, {"verified", verified}};
    }

    protocol::WireEvent event(const std::string& type, nlohmann::json body, std::int64_t at = 0)
    {
        protocol::WireEvent e;
        e.id = crypto::randomUuid();
        e.seq = ++m_seq;
        e.type = type;
        e.at = at ? at : now();
        e.body = std::move(body);
        return e;
    }

    // The local date (Asia/Tokyo, the test policy's zone) of an instant, as the terminal attributes a session.
    static std::string dateOf(std::int64_t t)
    {
        return formatDate(date::year_month_day{
            date::floor<date::days>(date::sys_seconds{std::chrono::seconds(t + 9 * 3600)})});
    }

    protocol::WireEvent opened(const std::string& sessionId, const std::string& couponId, std::int64_t start,
                               const std::string& service = "day", std::string date = {})
    {
        if (date.empty())
            date = dateOf(start);
        m_opened[sessionId] = {couponId, start};
        return event("session_opened", {{"session_id", sessionId},
                                        {"coupon_id", couponId},
                                        {"source", "qr"},
                                        {"service", service},
                                        {"start", start},
                                        {"date", date},
                                        {"staff_id", "S1"},
                                        {"flags", nlohmann::json::array()},
                                        {"coupon", nlohmann::json::object()},
                                        {"clock", clock()}},
                     start);
    }

    // A close as the terminal writes it: actual minutes (default: the billed ones) and the session's start as
    // opened (when this fixture opened it).
    protocol::WireEvent closed(const std::string& sessionId, const std::string& couponId, std::int64_t stop,
                               int billed, int actual = -1)
    {
        nlohmann::json body = {{"session_id", sessionId},
                               {"coupon_id", couponId},
                               {"stop", stop},
                               {"actual_minutes", actual < 0 ? billed : actual},
                               {"billed_minutes", billed},
                               {"flags", nlohmann::json::array()},
                               {"staff_id", "S1"},
                               {"by_scan", true},
                               {"coupon", nlohmann::json::object()},
                               {"clock", clock()}};
        if (auto it = m_opened.find(sessionId); it != m_opened.end())
            body["session_start"] = it->second.start;
        return event("session_closed", std::move(body), stop);
    }

    // The session's identity as the terminal sends it with a cancellation or correction.
    void identify(nlohmann::json& body, const std::string& sessionId) const
    {
        if (auto it = m_opened.find(sessionId); it != m_opened.end()) {
            body["coupon_id"] = it->second.coupon;
            body["session_start"] = it->second.start;
        }
    }

    protocol::WireEvent cancelled(const std::string& sessionId, std::vector<std::string> flags = {})
    {
        nlohmann::json body = {{"session_id", sessionId},
                               {"corrects", "x"},
                               {"reason", "opened_by_mistake"},
                               {"flags", flags},
                               {"staff_id", "S1"},
                               {"clock", clock()}};
        identify(body, sessionId);
        return event("session_cancelled", std::move(body));
    }

    protocol::WireEvent corrected(const std::string& sessionId, std::int64_t start, std::int64_t stop, int billed,
                                  int actual = -1)
    {
        nlohmann::json body = {{"session_id", sessionId},
                               {"corrects", "x"},
                               {"start", start},
                               {"stop", stop},
                               {"date", dateOf(start)},
                               {"actual_minutes", actual < 0 ? billed : actual},
                               {"billed_minutes", billed},
                               {"flags", {"corrected"}},
                               {"reason", "forgotten_stop"},
                               {"staff_id", "M1"},
                               {"clock", clock()}};
        identify(body, sessionId);
        // A manager records a correction after the session it corrects.
        return event("session_corrected", std::move(body), std::max(now(), stop));
    }

    // Paper tickets issued by the ledger for a new coupon (the switch to paper).
    std::vector<std::string> tickets(const std::string& couponId, int n = 2)
    {
        auto t = m_ledger->issuePaperTickets(couponId, n);
        EXPECT_TRUE(t) << (t ? "" : t.error().message);
        return t ? t->tickets : std::vector<std::string>{};
    }

    protocol::WireEvent paper(const std::string& sessionId, const std::string& ticket, std::int64_t start,
                              std::int64_t stop, int billed, const std::string& service = "day", int actual = -1)
    {
        m_opened[sessionId] = {ticket, start};
        const std::string date = dateOf(start);
        return event("paper_session", {{"session_id", sessionId},
                                       {"ticket", ticket},
                                       {"service", service},
                                       {"start", start},
                                       {"stop", stop},
                                       {"date", date},
                                       {"actual_minutes", actual < 0 ? billed : actual},
                                       {"billed_minutes", billed},
                                       {"flags", nlohmann::json::array()},
                                       {"staff_id", "M1"},
                                       {"clock", clock()}},
                     std::max(now(), stop));
    }

    // Pushes and returns the results (failing the test on a store error). The ledger hears of events once they
    // have happened: its clock moves up to the latest event's time first (pushAsIs leaves it).
    std::vector<protocol::EventResult> push(const ledger::TerminalInfo& t, std::vector<protocol::WireEvent> events)
    {
        for (const auto& e : events)
            if (e.at > now())
                m_clock.set(Instant(std::chrono::seconds(e.at)));
        return pushAsIs(t, std::move(events));
    }

    std::vector<protocol::EventResult> pushAsIs(const ledger::TerminalInfo& t, std::vector<protocol::WireEvent> events)
    {
        protocol::PushRequest req;
        req.events = std::move(events);
        auto r = m_ledger->push(t, nonce(), req);
        EXPECT_TRUE(r && *r) << (r ? "replayed" : r.error().message);
        return r && *r ? (*r)->results : std::vector<protocol::EventResult>{};
    }

    // A fresh nonce of a signed request made now.
    ledger::Ledger::Nonce nonce() const { return {crypto::randomUuid(), now()}; }

    // A page of changes, as a signed pull would get it (recording the pull).
    Expected<protocol::ChangesResponse> pull(const ledger::TerminalInfo& t, const std::string& cursor,
                                             std::size_t limit = 100)
    {
        auto r = m_ledger->changes(t, nonce(), cursor, limit);
        if (!r)
            return tl::unexpected(r.error());
        if (!*r)
            return fail(Errc::invalid_argument, "replayed");
        return std::move(**r);
    }

    protocol::EventResult pushOne(const ledger::TerminalInfo& t, protocol::WireEvent e)
    {
        auto r = push(t, {std::move(e)});
        return r.empty() ? protocol::EventResult{} : r.front();
    }

    TempDir m_dir;
    std::filesystem::path m_dataDir;
    ledger::LedgerLocation m_location; // m_dataDir, or a PostgreSQL database (test_engine.h)
    FakeClock m_clock{kLedgerStart};
    std::unique_ptr<ledger::Ledger> m_ledger;
    std::int64_t m_seq = 0;
    struct Opened {
        std::string coupon;
        std::int64_t start = 0;
    };
    std::map<std::string, Opened> m_opened; // by session id, as opened (or recorded, for paper)
};

// The result's status and reason as one string, for readable failures: "accepted", "rejected:no_balance".
inline std::string verdict(const protocol::EventResult& r)
{
    std::string s(protocol::toString(r.status));
    if (!r.reason.empty())
        s += ":" + r.reason;
    return s;
}

} // namespace sango::test
