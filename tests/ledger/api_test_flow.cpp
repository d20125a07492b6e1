// The terminal's life through the API: health, enrolment (once per code), a pushed batch (accepted), the
// same batch again (duplicate, counted once), and the changes after a revocation.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "api_support.h"
#include "sango/base64url.h"
#include "sango/protocol/messages.h"

namespace sango::test {
namespace {

using nlohmann::json;

class LedgerApiFlow : public ApiFixture {};

TEST_F(LedgerApiFlow, HealthNeedsNoSignature)
{
    const auto r = call(server::HttpRequest{"GET", "/v1/health", {}, {}, "127.0.0.1"});
    ASSERT_EQ(r.status, 200) << r.body;
    auto h = protocol::Health::fromJson(json::parse(r.body));
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->status, "ok");
    EXPECT_EQ(h->municipality, "131016");
    EXPECT_EQ(h->serverTime, now());
    // A query is no other route.
    EXPECT_EQ(call(server::HttpRequest{"GET", "/v1/health?probe=1", {}, {}, "127.0.0.1"}).status, 200);
}

TEST_F(LedgerApiFlow, EnrolmentCodeWorksOnce)
{
    auto code = m_ledger->newEnrolmentCode(m_providerId);
    ASSERT_TRUE(code) << code.error().message;
    const auto key = crypto::SigningKey::generate();
    const json body{{"code", *code}, {"public_key_b64u", base64url::encode(key.publicKey.data(), 32)},
                    {"label", "reception 2"}};
    const auto first = call(server::HttpRequest{"POST", "/v1/enrol", {}, body.dump(), "127.0.0.1"});
    ASSERT_EQ(first.status, 200) << first.body;
    auto enrolled = protocol::EnrolResponse::fromJson(json::parse(first.body));
    ASSERT_TRUE(enrolled) << enrolled.error().message;
    EXPECT_FALSE(enrolled->terminalId.empty());
    EXPECT_NE(enrolled->terminalId, m_terminal.id);
    EXPECT_EQ(enrolled->provider.value("provider_id", ""), m_providerId);
    EXPECT_EQ(enrolled->policy.value("municipality", ""), "131016");
    EXPECT_FALSE(enrolled->trust.empty());
    EXPECT_EQ(enrolled->serverTime, now());

    // The answer was lost on the way: the same code with the same device key gets the same answer again.
    const auto again = call(server::HttpRequest{"POST", "/v1/enrol", {}, body.dump(), "127.0.0.1"});
    ASSERT_EQ(again.status, 200) << again.body;
    auto repeated = protocol::EnrolResponse::fromJson(json::parse(again.body));
    ASSERT_TRUE(repeated) << repeated.error().message;
    EXPECT_EQ(repeated->terminalId, enrolled->terminalId);
    // Another device with the spent code is refused.
    json stolen = body;
    stolen["public_key_b64u"] = base64url::encode(crypto::SigningKey::generate().publicKey.data(), 32);
    expectRefusal(call(server::HttpRequest{"POST", "/v1/enrol", {}, stolen.dump(), "127.0.0.1"}), 403, "bad_code");
    auto terminals = m_ledger->terminals();
    ASSERT_TRUE(terminals);
    EXPECT_EQ(terminals->size(), 2u);

    // The new terminal signs with its own key from now on.
    const TestTerminal t{enrolled->terminalId, key, enrolled->cursor};
    EXPECT_EQ(call(sign(t, "GET", "/v1/changes?cursor=" + t.cursor)).status, 200);
}

TEST_F(LedgerApiFlow, PushedBatchIsAcceptedOnceAndItsRepeatIsDuplicate)
{
    const std::string coupon = issueCoupon(2520);
    const std::int64_t start = now() - 2 * 3600;
    const std::string body =
        batch({openEvent(coupon, "T1-S1", start, 1), closeEvent(coupon, "T1-S1", now(), 2, 120, 120)});

    const auto first = call(sign(m_terminal, "POST", "/v1/events", body));
    ASSERT_EQ(first.status, 200) << first.body;
    auto pushed = protocol::PushResponse::fromJson(json::parse(first.body));
    ASSERT_TRUE(pushed) << pushed.error().message;
    ASSERT_EQ(pushed->results.size(), 2u);
    for (const auto& r : pushed->results)
        EXPECT_EQ(r.status, protocol::EventStatus::accepted) << r.id << " " << r.reason;
    EXPECT_EQ(pushed->serverTime, now());
    auto balance = m_ledger->balance(coupon);
    ASSERT_TRUE(balance);
    EXPECT_EQ(balance->usedMinutes, 120);

    // The same batch again, as after a lost answer: newly signed, judged duplicate, counted once.
    const auto second = call(sign(m_terminal, "POST", "/v1/events", body));
    ASSERT_EQ(second.status, 200) << second.body;
    auto repeated = protocol::PushResponse::fromJson(json::parse(second.body));
    ASSERT_TRUE(repeated);
    ASSERT_EQ(repeated->results.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(repeated->results[i].id, pushed->results[i].id);
        EXPECT_EQ(repeated->results[i].status, protocol::EventStatus::duplicate);
        EXPECT_EQ(repeated->results[i].effective(), protocol::EventStatus::accepted);
    }
    balance = m_ledger->balance(coupon);
    ASSERT_TRUE(balance);
    EXPECT_EQ(balance->usedMinutes, 120);
    auto events = m_ledger->events(coupon, std::nullopt);
    ASSERT_TRUE(events);
    EXPECT_EQ(events->size(), 2u);
}

TEST_F(LedgerApiFlow, ChangesAfterARevocation)
{
    const std::string coupon = issueCoupon();
    const auto before = call(sign(m_terminal, "GET", "/v1/changes?cursor=" + m_terminal.cursor));
    ASSERT_EQ(before.status, 200) << before.body;
    auto page = protocol::ChangesResponse::fromJson(json::parse(before.body));
    ASSERT_TRUE(page) << page.error().message;
    const std::string cursor = page->cursor;

    ASSERT_TRUE(m_ledger->revoke(coupon, "paper"));
    const auto after = call(sign(m_terminal, "GET", "/v1/changes?cursor=" + cursor + "&limit=10"));
    ASSERT_EQ(after.status, 200) << after.body;
    page = protocol::ChangesResponse::fromJson(json::parse(after.body));
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->serverTime, now());
    const auto revocation = std::find_if(page->changes.begin(), page->changes.end(), [&](const protocol::Change& c) {
        return c.kind == protocol::change_kind::revocation && c.body.value("coupon_id", "") == coupon;
    });
    ASSERT_NE(revocation, page->changes.end()) << after.body;
    EXPECT_EQ(revocation->body.value("reason", ""), "paper");
    EXPECT_NE(page->cursor, cursor);

    // From the new cursor: nothing more.
    const auto next = call(sign(m_terminal, "GET", "/v1/changes?cursor=" + page->cursor));
    ASSERT_EQ(next.status, 200) << next.body;
    auto rest = protocol::ChangesResponse::fromJson(json::parse(next.body));
    ASSERT_TRUE(rest);
    EXPECT_TRUE(rest->changes.empty());
    EXPECT_FALSE(rest->more);
    EXPECT_EQ(rest->cursor, page->cursor);
}

TEST_F(LedgerApiFlow, ChangesArePagedByLimit)
{
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(m_ledger->revoke(issueCoupon(), "withdrawn"));
    std::string cursor = m_terminal.cursor;
    std::size_t revocations = 0;
    for (int pages = 0; pages < 20; ++pages) {
        const auto r = call(sign(m_terminal, "GET", "/v1/changes?cursor=" + cursor + "&limit=1"));
        ASSERT_EQ(r.status, 200) << r.body;
        auto page = protocol::ChangesResponse::fromJson(json::parse(r.body));
        ASSERT_TRUE(page);
        ASSERT_LE(page->changes.size(), 1u);
        for (const auto& c : page->changes)
            revocations += c.kind == protocol::change_kind::revocation ? 1 : 0;
        cursor = page->cursor;
        if (!page->more)
            break;
    }
    EXPECT_EQ(revocations, 3u);
}

} // namespace
} // namespace sango::test
