// The terminal's side of synchronisation on a real encrypted store: the outbox, the ledger's answers and the
// attention list, the ledger's balances in the terminal's decisions, policies by date, clock honesty, and the
// StoreSyncLocal that the sync engine drives.
#include <gtest/gtest.h>

#include "sango/clock_witness.h"
#include "sango/protocol/messages.h"
#include "sango/sync/store_sync_local.h"
#include "sango/sync_state.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

using nlohmann::json;

class FakeBootClock final : public BootClock {
public:
    BootReading read() const override { return m_reading; }
    BootReading m_reading{"boot-1", 1000};
};

// An enrolled terminal: the store made as enrolment makes it.
class EnrolledFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_where.dataDir = m_dir.path() / "data";
        InitialConfig config{"P-0001-T01", readJson(testDataDir() / "policy.json"),
                             readJson(testDataDir() / "provider.json"), m_issuer.trustJson()};
        const auto key = crypto::SigningKey::generate();
        EnrolmentRecord record{Enrolment{"http://127.0.0.1:9", "P-0001-T01", "P-0001", "pub"},
                               {{"device_key", crypto::toHex(key.secret)}, {"cursor", "0"}}};
        auto store = EventStore::create(m_where, config, m_clock.now(), &record);
        ASSERT_TRUE(store) << store.error().message;
        m_store = std::make_unique<EventStore>(std::move(*store));
        m_witness = std::make_unique<StoredClockWitness>(*m_store, m_boot);
        reload();
        m_local = std::make_unique<sync::StoreSyncLocal>(*m_store, m_clock, m_boot);
    }

    void reload()
    {
        auto t = Terminal::load(*m_store, m_clock);
        ASSERT_TRUE(t) << t.error().message;
        m_terminal = std::make_unique<Terminal>(std::move(*t));
        m_terminal->setClockWitness(m_witness.get());
    }

    std::string coupon(std::uint64_t n, int grant = 2520)
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        c.grant = grant;
        return m_issuer.issue(c);
    }

    // Opens and closes a day session of `minutes` on coupon n.
    ScanResult session(std::uint64_t n, int minutes, int grant = 2520)
    {
        auto o = m_terminal->scan(ScanInput::qr(coupon(n, grant)), Service::day, "s1");
        EXPECT_TRUE(o) << o.error().message;
        m_clock.advance(std::chrono::minutes(minutes));
        auto c = m_terminal->scan(ScanInput::qr(coupon(n, grant)), Service::day, "s1");
        EXPECT_TRUE(c && c->action == ScanAction::closed);
        m_clock.advance(std::chrono::minutes(1));
        return *c;
    }

    // The ledger answers every waiting event with `status` (and reason).
    void answerAll(protocol::EventStatus status, const std::string& reason = {})
    {
        auto out = m_local->outbox(500, 1 << 20);
        ASSERT_TRUE(out);
        std::vector<protocol::EventResult> results;
        for (const auto& e : *out)
            results.push_back({e.id, status, reason, std::nullopt, {}, {}, {}});
        ASSERT_TRUE(m_local->recordResults(*out, results));
    }

    TempDir m_dir;
    StoreLocation m_where;
    FakeClock m_clock{kApril3Morning};
    FakeBootClock m_boot;
    TestIssuer m_issuer;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<StoredClockWitness> m_witness;
    std::unique_ptr<Terminal> m_terminal;
    std::unique_ptr<sync::StoreSyncLocal> m_local;
};

TEST_F(EnrolledFixture, TheOutboxHoldsSessionEventsInOrderWithinItsBounds)
{
    session(1, 90);
    session(2, 90);
    ASSERT_TRUE(m_terminal->addStaff("m1", StaffRole::manager, "123456")); // stays local
    auto all = m_local->outbox(100, 1 << 20);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 4u);
    for (std::size_t i = 1; i < all->size(); ++i)
        EXPECT_LT((*all)[i - 1].seq, (*all)[i].seq);
    for (const auto& e : *all) {
        EXPECT_TRUE(protocol::isUploadedEventType(e.type)) << e.type;
        EXPECT_TRUE(e.body.contains("clock")) << e.body;
    }
    EXPECT_EQ(m_local->outbox(3, 1 << 20)->size(), 3u);
    EXPECT_EQ(m_local->outbox(100, 1)->size(), 1u); // at least one, whatever its size
    auto summary = m_store->outboxSummary();
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->count, 4);

    // Answered events leave the outbox; the answers are events in the chain.
    auto two = m_local->outbox(2, 1 << 20);
    std::vector<protocol::EventResult> results{{(*two)[0].id, protocol::EventStatus::accepted, "", std::nullopt, {}, {}, {}},
                                               {(*two)[1].id, protocol::EventStatus::accepted, "", std::nullopt, {}, {}, {}}};
    ASSERT_TRUE(m_local->recordResults(*two, results));
    auto rest = m_local->outbox(100, 1 << 20);
    ASSERT_EQ(rest->size(), 2u);
    EXPECT_EQ((*rest)[0].id, (*all)[2].id);
    auto audit = m_store->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
}

TEST_F(EnrolledFixture, AnswersOutOfOrderOrTooFewRecordNothing)
{
    session(1, 90);
    auto out = m_local->outbox(100, 1 << 20);
    std::vector<protocol::EventResult> swapped{{(*out)[1].id, protocol::EventStatus::accepted, "", std::nullopt, {}, {}, {}},
                                               {(*out)[0].id, protocol::EventStatus::accepted, "", std::nullopt, {}, {}, {}}};
    EXPECT_FALSE(m_local->recordResults(*out, swapped));
    EXPECT_FALSE(m_local->recordResults(*out, {swapped[0]}));
    EXPECT_EQ(m_store->outboxSummary()->count, 2);
}

TEST_F(EnrolledFixture, ARejectedSessionGoesToTheAttentionListIsFlaggedAndBillsNothing)
{
    auto s = session(1, 90);
    answerAll(protocol::EventStatus::rejected, "no_balance");
    auto items = m_store->attention();
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].sessionId, s.session.sessionId);
    EXPECT_EQ((*items)[0].reason, "no_balance");
    auto rec = m_store->session(s.session.sessionId);
    ASSERT_TRUE(rec && *rec);
    EXPECT_TRUE((*rec)->hasFlag("rejected"));
    EXPECT_EQ(m_store->usedMinutes(s.session.couponId).value(), 0);
    EXPECT_TRUE(m_store->dailyTotals(date::year{2026} / 4 / 1, date::year{2026} / 4 / 30)->empty());

    // A manager's correction that the ledger accepts clears it.
    ASSERT_TRUE(m_terminal->correct(s.session.sessionId, *s.session.stop - std::chrono::minutes(60), *s.session.stop,
                                    "m1", "wrong_time"));
    answerAll(protocol::EventStatus::accepted);
    EXPECT_TRUE(m_store->attention()->empty());
    EXPECT_EQ(m_store->usedMinutes(s.session.couponId).value(), 60);
    auto audit = m_store->audit();
    EXPECT_TRUE(audit && audit->intact) << audit->problem;
}

TEST_F(EnrolledFixture, TheLedgersFiguresAndExplanationStayWithTheRejection)
{
    auto s = session(1, 95);
    ASSERT_EQ(s.session.billedMinutes, 90);
    auto out = m_local->outbox(100, 1 << 20);
    ASSERT_TRUE(out);
    ASSERT_EQ(out->size(), 2u);
    // The close carries the session's identity: the start it was opened with.
    EXPECT_EQ((*out)[1].body.at("session_start"), (*out)[0].body.at("start"));
    protocol::SessionFigures figures{"2026-04-03", (*out)[0].at, (*out)[1].at, 95, 90, 5100};
    std::vector<protocol::EventResult> results{
        {(*out)[0].id, protocol::EventStatus::accepted, "", std::nullopt, {}, {}, {}},
        {(*out)[1].id, protocol::EventStatus::rejected, "figures_mismatch", std::nullopt, {},
         "the policy bills 90 minutes", figures}};
    ASSERT_TRUE(m_local->recordResults(*out, results));
    auto items = m_store->attention();
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].reason, "figures_mismatch");
    EXPECT_EQ((*items)[0].detail, "the policy bills 90 minutes");
    EXPECT_EQ((*items)[0].figures, figures.toJson());
    // Kept through a reopen, and the audit's replay of the log gives the same projection.
    m_local.reset();
    m_terminal.reset();
    m_witness.reset();
    m_store.reset();
    auto reopened = EventStore::open(m_where);
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto again = reopened->attention();
    ASSERT_TRUE(again);
    ASSERT_EQ(again->size(), 1u);
    EXPECT_EQ((*again)[0].figures, figures.toJson());
    auto audit = reopened->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
}

TEST_F(EnrolledFixture, ARefusedCorrectionLeavesTheSessionCountedAndDisputed)
{
    auto s = session(1, 90);
    answerAll(protocol::EventStatus::accepted);
    ASSERT_TRUE(m_terminal->correct(s.session.sessionId, *s.session.stop - std::chrono::minutes(150), *s.session.stop,
                                    "m1", "wrong_time"));
    answerAll(protocol::EventStatus::rejected, "no_balance");
    // The ledger still counts the session as it was: so does this terminal, flagged for the manager.
    auto rec = m_store->session(s.session.sessionId);
    ASSERT_TRUE(rec && *rec);
    EXPECT_EQ((*rec)->ledgerStatus, "disputed");
    EXPECT_TRUE((*rec)->hasFlag("disputed"));
    EXPECT_EQ(m_store->usedMinutes(s.session.couponId).value(), 150);
    ASSERT_EQ(m_store->attention()->size(), 1u);
    EXPECT_EQ(m_store->attention()->front().couponId, s.session.couponId);
}

TEST_F(EnrolledFixture, AnswersRecordedLateBySecondSyncProcessChangeNothing)
{
    auto s = session(1, 90);
    auto first = m_local->outbox(1, 1 << 20); // the opening, as a slow second process read it
    ASSERT_EQ(first->size(), 1u);
    // The first process answers both events: the close is rejected.
    auto both = m_local->outbox(10, 1 << 20);
    std::vector<protocol::EventResult> results{{(*both)[0].id, protocol::EventStatus::accepted, "", std::nullopt, {}, {}, {}},
                                               {(*both)[1].id, protocol::EventStatus::rejected, "no_balance",
                                                std::nullopt, {}, {}, {}}};
    ASSERT_TRUE(m_local->recordResults(*both, results));
    const auto events = m_store->eventCount().value();
    // The slow one records its (duplicate) answer to the opening afterwards: ignored.
    ASSERT_TRUE(m_local->recordResults(
        *first, {{(*first)[0].id, protocol::EventStatus::duplicate, "", protocol::EventStatus::accepted, {}, {}, {}}}));
    EXPECT_EQ(m_store->eventCount().value(), events);
    EXPECT_EQ(m_store->session(s.session.sessionId).value()->ledgerStatus, "rejected");
}

TEST_F(EnrolledFixture, APageOfChangesIsAppliedOnceWhenTwoSyncsRace)
{
    const std::string id = TestIssuer::makeCouponId(3);
    sync::StoreSyncLocal other(*m_store, m_clock, m_boot);
    ASSERT_EQ(m_local->cursor().value(), "0");
    ASSERT_EQ(other.cursor().value(), "0");
    protocol::Change revoke{1, "revocation", {{"coupon_id", id}, {"reason", "paper"}, {"at", 0}}};
    json policy = readJson(testDataDir() / "policy.json");
    policy["version"] = "2026-05-01.1";
    protocol::Change newPolicy{2, "policy", {{"policy", policy}, {"from", "2026-05-01"}}};
    ASSERT_TRUE(m_local->applyChanges({revoke, newPolicy}, "2"));
    const auto events = m_store->eventCount().value();
    // The other process fetched the same page from the same cursor: it applies nothing, the cursor stays.
    ASSERT_TRUE(other.applyChanges({revoke, newPolicy}, "2"));
    EXPECT_EQ(m_store->eventCount().value(), events);
    ASSERT_TRUE(other.applyChanges({revoke}, "1"));
    EXPECT_EQ(SyncState(*m_store).cursor().value(), "2");
}

TEST_F(EnrolledFixture, ADuplicateDeliveryIsRecordedAsWhatItWasFirstAnswered)
{
    auto s = session(1, 90);
    auto out = m_local->outbox(100, 1 << 20);
    std::vector<protocol::EventResult> results{
        {(*out)[0].id, protocol::EventStatus::duplicate, "", protocol::EventStatus::accepted, {}, {}, {}},
        {(*out)[1].id, protocol::EventStatus::duplicate, "", protocol::EventStatus::rejected, "no_balance", {}, {}}};
    ASSERT_TRUE(m_local->recordResults(*out, results));
    ASSERT_EQ(m_store->attention()->size(), 1u);
    EXPECT_EQ(m_store->attention()->front().reason, "no_balance");
}

TEST_F(EnrolledFixture, TheLedgersBalanceReplacesTheLocalEstimateWhenNewer)
{
    const std::string qr = coupon(1, 300);
    session(1, 90, 300); // 90 billed here
    const std::string id = TestIssuer::makeCouponId(1);
    auto local = m_terminal->balance(id);
    ASSERT_TRUE(local);
    EXPECT_EQ(local->source, "local");
    EXPECT_EQ(local->balanceMinutes, 210);

    // The ledger: grant raised to 360, 150 used of which 90 here (60 at another provider).
    protocol::Change c{7, std::string(protocol::change_kind::balance),
                       {{"coupon_id", id}, {"grant_minutes", 360}, {"used_minutes", 150}, {"used_here_minutes", 90}}};
    ASSERT_TRUE(m_local->applyChanges({c}, "7"));
    auto fromLedger = m_terminal->balance(id);
    ASSERT_TRUE(fromLedger);
    EXPECT_EQ(fromLedger->source, "ledger");
    EXPECT_EQ(fromLedger->grantMinutes, 360);
    EXPECT_EQ(fromLedger->usedMinutes, 150);
    EXPECT_EQ(fromLedger->balanceMinutes, 210);
    EXPECT_EQ(m_local->cursor().value(), "7");

    // An older figure (a change delivered again) does not replace a newer one.
    protocol::Change old{5, std::string(protocol::change_kind::balance),
                         {{"coupon_id", id}, {"grant_minutes", 100}, {"used_minutes", 100}, {"used_here_minutes", 0}}};
    ASSERT_TRUE(m_local->applyChanges({old}, "7"));
    EXPECT_EQ(m_terminal->balance(id)->balanceMinutes, 210);

    // The ledger's figures decide the next scan: with all used elsewhere, no_balance.
    protocol::Change spent{9, std::string(protocol::change_kind::balance),
                           {{"coupon_id", id}, {"grant_minutes", 360}, {"used_minutes", 360}, {"used_here_minutes", 90}}};
    ASSERT_TRUE(m_local->applyChanges({spent}, "9"));
    auto refused = m_terminal->scan(ScanInput::qr(qr), Service::day, "s1");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::no_balance);
    auto audit = m_store->audit();
    EXPECT_TRUE(audit && audit->intact) << audit->problem;
}

TEST_F(EnrolledFixture, ALedgersBalanceOutOfBoundsIsSkippedNotWrapped)
{
    const std::string qr = coupon(1, 300);
    session(1, 90, 300);
    const std::string id = TestIssuer::makeCouponId(1);
    // 2^63 + 1 as a JSON unsigned integer: an int64 would wrap it to a huge negative grant.
    const std::uint64_t huge = (std::uint64_t{1} << 63) + 1;
    std::vector<protocol::Change> liars{
        {7, std::string(protocol::change_kind::balance),
         {{"coupon_id", id}, {"grant_minutes", huge}, {"used_minutes", 0}, {"used_here_minutes", 0}}},
        {8, std::string(protocol::change_kind::balance),
         {{"coupon_id", id}, {"grant_minutes", 360}, {"used_minutes", -5}, {"used_here_minutes", 0}}},
        {9, std::string(protocol::change_kind::balance),
         {{"coupon_id", id}, {"grant_minutes", 360}, {"used_minutes", 60.0}, {"used_here_minutes", 0}}},
    };
    ASSERT_TRUE(m_local->applyChanges(liars, "9"));
    auto balance = m_terminal->balance(id);
    ASSERT_TRUE(balance);
    EXPECT_EQ(balance->source, "local"); // none of them was taken
    EXPECT_EQ(balance->balanceMinutes, 210);
    EXPECT_EQ(m_local->cursor().value(), "9"); // passed over, not stuck on
}

TEST_F(EnrolledFixture, RevocationsPoliciesProvidersAndTrustComeDownAndBadOnesAreSkipped)
{
    const std::string qr = coupon(2);
    const std::string id = TestIssuer::makeCouponId(2);
    json policy = readJson(testDataDir() / "policy.json");
    policy["version"] = "2026-05-01.1";
    policy["services"]["day"]["unit_minutes"] = 15;
    json provider = readJson(testDataDir() / "provider.json");
    provider["name"] = "new name";
    json otherProvider = provider;
    otherProvider["provider_id"] = "P-0002";
    std::vector<protocol::Change> changes{
        {1, "revocation", {{"coupon_id", id}, {"reason", "paper"}, {"at", 0}}},
        {2, "policy", {{"policy", policy}, {"from", "2026-05-01"}}},
        {3, "provider", {{"provider", provider}}},
        {4, "provider", {{"provider", otherProvider}}},     // not ours: skipped
        {5, "policy", {{"policy", {{"version", 1}}}}},       // not a policy: skipped
        {6, "something_new", json::object()},                // a newer ledger: skipped
        {7, "trust", {{"trust", m_issuer.trustJson()}}},
    };
    ASSERT_TRUE(m_local->applyChanges(changes, "7"));
    reload();
    auto refused = m_terminal->scan(ScanInput::qr(qr), Service::day, "s1");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::revoked);
    EXPECT_EQ(m_terminal->provider().name, "new name");
    EXPECT_EQ(m_terminal->policy().version, "2026-04-01.1"); // April: the new policy is not in force yet
    m_clock.set(kApril3Morning + std::chrono::hours(24 * 30));
    reload();
    EXPECT_EQ(m_terminal->policy().version, "2026-05-01.1");
    // Applying the same page again changes nothing (a crash before the answer was recorded).
    const auto events = m_store->eventCount().value();
    ASSERT_TRUE(m_local->applyChanges({changes[0]}, "7"));
    EXPECT_EQ(m_store->eventCount().value(), events);
    auto audit = m_store->audit();
    EXPECT_TRUE(audit && audit->intact) << audit->problem;
}

TEST_F(EnrolledFixture, IdentityCarriesTheDeviceKeyAndANotEnrolledStoreSaysSo)
{
    auto id = m_local->identity();
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(id->terminalId, "P-0001-T01");
    EXPECT_EQ(id->ledgerUrl, "http://127.0.0.1:9");

    TempDir other;
    InitialConfig config{"T9", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                         m_issuer.trustJson()};
    auto plain = EventStore::create(StoreLocation{other.path() / "d", {}}, config, m_clock.now());
    ASSERT_TRUE(plain);
    sync::StoreSyncLocal local(*plain, m_clock, m_boot);
    auto none = local.identity();
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, Errc::not_enrolled);
}

TEST_F(EnrolledFixture, ClockHonestyRebootsAndJumpsUnverifyTheTime)
{
    // Enrolled, never measured: unverified.
    auto first = m_witness->read();
    ASSERT_TRUE(first);
    EXPECT_FALSE(first->verified);
    auto s = m_terminal->scan(ScanInput::qr(coupon(1)), Service::day, "s1");
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->session.hasFlag("unverified_time"));

    ASSERT_TRUE(m_local->recordClock(-42, m_clock.now()));
    auto measured = m_witness->read();
    EXPECT_TRUE(measured->verified);
    EXPECT_EQ(measured->offsetSeconds, -42);
    m_boot.m_reading.wallMinusBoot += 30; // NTP-sized drift
    EXPECT_TRUE(m_witness->read()->verified);
    m_boot.m_reading.wallMinusBoot += 3600; // the clock was set an hour ahead
    EXPECT_FALSE(m_witness->read()->verified);
    ASSERT_TRUE(m_local->recordClock(-42, m_clock.now()));
    EXPECT_TRUE(m_witness->read()->verified);
    m_boot.m_reading.bootId = "boot-2"; // a reboot
    EXPECT_FALSE(m_witness->read()->verified);
    EXPECT_EQ(m_witness->read()->offsetSeconds, -42);
}

TEST(ClockWitness, ATerminalWithoutALedgerSaysSoAndFlagsNothing)
{
    TempDir dir;
    TestIssuer issuer;
    FakeClock clock{kApril3Morning};
    FakeBootClock boot;
    InitialConfig config{"T1", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                         issuer.trustJson()};
    auto store = EventStore::create(StoreLocation{dir.path() / "d", {}}, config, clock.now());
    ASSERT_TRUE(store);
    StoredClockWitness witness(*store, boot);
    auto r = witness.read();
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->verified);
    EXPECT_FALSE(r->enrolled);
    EXPECT_FALSE(r->offsetSeconds);
    auto t = Terminal::load(*store, clock);
    ASSERT_TRUE(t);
    t->setClockWitness(&witness);
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(1);
    auto opened = t->scan(ScanInput::qr(issuer.issue(c)), Service::day, "s1");
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened->session.flags.empty());
}

} // namespace
} // namespace sango::test
