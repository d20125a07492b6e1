// Upgrades keep every event: a store of schema version 1, made by the `sango` of that version
// (tests/data/store-v1, see its make-fixture.sh), opens with this version, migrates in place in one
// transaction, passes the audit with its chain unbroken, reads the same sessions, and takes new events.
#include <gtest/gtest.h>

#include <fstream>

#include "sango/event_store.h"
#include "sango/terminal.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;

class StoreV1 : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_where.dataDir = m_dir.path() / "data";
        fs::create_directories(m_where.dataDir);
        for (const char* f : {"sango.db", "store.key", "store.keycheck"})
            fs::copy_file(testDataDir() / "store-v1" / f, m_where.dataDir / f);
        fs::permissions(m_where.key(), fs::perms::owner_read | fs::perms::owner_write);
    }

    TempDir m_dir;
    StoreLocation m_where;
};

TEST_F(StoreV1, OpensMigratesAndKeepsEveryEventAndSession)
{
    auto store = EventStore::open(m_where);
    ASSERT_TRUE(store) << store.error().message;
    auto audit = store->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
    EXPECT_EQ(audit->events, 14);

    // The sessions read as the old version listed them (its `sango sessions` output, kept beside the store).
    std::ifstream in(testDataDir() / "store-v1" / "sessions.json");
    const auto expected = nlohmann::json::parse(in);
    auto sessions = store->sessions(std::nullopt, std::nullopt, false);
    ASSERT_TRUE(sessions);
    ASSERT_EQ(sessions->size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& s = (*sessions)[i];
        EXPECT_EQ(s.sessionId, expected[i]["session_id"].get<std::string>());
        EXPECT_EQ(std::string(toString(s.status)), expected[i]["status"].get<std::string>());
        if (expected[i]["billed_minutes"].is_number()) {
            EXPECT_EQ(s.billedMinutes, expected[i]["billed_minutes"].get<int>());
        }
        EXPECT_TRUE(s.ledgerStatus.empty());
    }
    // Nothing of it was ever sent: every session event waits in the outbox.
    auto outbox = store->outboxSummary();
    ASSERT_TRUE(outbox);
    EXPECT_EQ(outbox->count, 9);
    auto enrolment = store->enrolment();
    ASSERT_TRUE(enrolment);
    EXPECT_FALSE(*enrolment);

    // And it goes on: a new session on the migrated store, the chain still whole.
    FakeClock clock{Instant(std::chrono::seconds(1775260800))}; // 2026-04-04T09:00:00+09:00
    auto t = Terminal::load(*store, clock);
    ASSERT_TRUE(t) << t.error().message;
    TestIssuer issuer;
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(4);
    auto opened = t->scan(ScanInput::qr(issuer.issue(c)), Service::day, "m1");
    ASSERT_TRUE(opened) << opened.error().message;
    audit = store->audit();
    EXPECT_TRUE(audit && audit->intact) << audit->problem;
    EXPECT_EQ(audit->events, 15);
}

TEST_F(StoreV1, AMigratedStoreOpensAgainWithoutMigrating)
{
    {
        auto first = EventStore::open(m_where);
        ASSERT_TRUE(first) << first.error().message;
    }
    const auto size = fs::file_size(m_where.database());
    auto again = EventStore::open(m_where);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->eventCount().value(), 14);
    EXPECT_GT(size, 0u);
}

} // namespace
} // namespace sango::test
