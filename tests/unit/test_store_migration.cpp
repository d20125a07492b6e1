// Upgrades keep every event, from every earlier schema version. Each tests/data/store-v<N>/ is a store of
// schema N made by the `sango` of that version (see its make-fixture.sh), with what that binary said about it:
// sessions.json (its `sango sessions`) and, from schema 2 on, expected.json (events, outbox). The tests run
// over every such directory found, so a new fixture is tested by adding its directory: the store opens with
// this version, is copied before it is migrated (backups/sango-schema-v<N>-*.db, a checked copy of the old
// file), migrates in place in one transaction, passes the audit with its chain unbroken, reads the same
// sessions, takes new events on the chain, and opens again without migrating.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sango/event_store.h"
#include "sango/store_backup.h"
#include "sango/terminal.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;

struct StoreFixtureDir {
    int version = 0;
    fs::path dir;
    std::int64_t events = 0;
    std::int64_t outbox = 0;
};

void PrintTo(const StoreFixtureDir& f, std::ostream* os)
{
    *os << f.dir.filename().string();
}

// Every tests/data/store-v<N>/, oldest first, with what its maker recorded about it.
std::vector<StoreFixtureDir> storeFixtures()
{
    std::vector<StoreFixtureDir> out;
    const std::regex name("store-v([0-9]+)");
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(testDataDir(), ec)) {
        std::smatch m;
        const std::string n = e.path().filename().string();
        if (!e.is_directory() || !std::regex_match(n, m, name))
            continue;
        StoreFixtureDir f;
        f.version = std::stoi(m[1]);
        f.dir = e.path();
        if (fs::exists(f.dir / "expected.json")) {
            const auto expected = readJson(f.dir / "expected.json");
            f.events = expected.at("events").get<std::int64_t>();
            f.outbox = expected.at("outbox").get<std::int64_t>();
        } else if (f.version == 1) {
            // store-v1 predates expected.json: 14 events, 9 of them session events (its make-fixture.sh).
            f.events = 14;
            f.outbox = 9;
        }
        out.push_back(f);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}



std::vector<fs::path> backupsIn(const StoreLocation& where)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(StoreBackup::directory(where), ec))
        out.push_back(e.path());
    return out;
}

TEST(StoreFixtures, EveryEarlierSchemaVersionHasAFixture)
{
    const auto fixtures = storeFixtures();
    for (int v = 1; v <= EventStore::kSchemaVersion; ++v) {
        const bool found =
            std::any_of(fixtures.begin(), fixtures.end(), [v](const StoreFixtureDir& f) { return f.version == v; });
        EXPECT_TRUE(found) << "tests/data/store-v" << v << " is missing: make it with the binary of schema " << v
                           << " (see tests/data/store-v2/make-fixture.sh)";
    }
    for (const auto& f : fixtures) {
        EXPECT_LE(f.version, EventStore::kSchemaVersion) << f.dir;
        EXPECT_GT(f.events, 0) << f.dir << ": no expected.json";
    }
}

class StoreUpgrade : public ::testing::TestWithParam<StoreFixtureDir> {
protected:
    void SetUp() override
    {
        m_where.dataDir = m_dir.path() / "data";
        fs::create_directories(m_where.dataDir);
        for (const char* f : {"sango.db", "store.key", "store.keycheck"})
            fs::copy_file(GetParam().dir / f, m_where.dataDir / f);
        fs::permissions(m_where.key(), fs::perms::owner_read | fs::perms::owner_write);
    }
    bool older() const { return GetParam().version < EventStore::kSchemaVersion; }
    StoreKey key() const { return KeyFile(m_where.key()).load().value(); }

    TempDir m_dir;
    StoreLocation m_where;
};

TEST_P(StoreUpgrade, OpensMigratesAndKeepsEveryEventAndSession)
{
    const StoreFixtureDir& fixture = GetParam();
    // The fixture is what it says it is.
    auto asMade = StoreBackup::verify(m_where.database(), key());
    ASSERT_TRUE(asMade) << asMade.error().message;
    EXPECT_EQ(asMade->schemaVersion, fixture.version);
    EXPECT_EQ(asMade->events, fixture.events);

    auto store = EventStore::open(m_where);
    ASSERT_TRUE(store) << store.error().message;
    auto audit = store->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
    EXPECT_EQ(audit->events, fixture.events);
    EXPECT_EQ(audit->headHash, asMade->headHash);

    // An older store was copied as it was before the migration: a checked backup of schema N.
    const auto copies = backupsIn(m_where);
    if (older()) {
        ASSERT_EQ(copies.size(), 1u);
        EXPECT_TRUE(copies[0].filename().string().starts_with("sango-schema-v" + std::to_string(fixture.version) + "-"))
            << copies[0];
        EXPECT_EQ(modeOf(copies[0]), 0600u);
        EXPECT_EQ(modeOf(StoreBackup::directory(m_where)), 0700u);
        auto copy = StoreBackup::verify(copies[0], key());
        ASSERT_TRUE(copy) << copy.error().message;
        EXPECT_EQ(copy->schemaVersion, fixture.version);
        EXPECT_EQ(copy->events, fixture.events);
        EXPECT_EQ(copy->headHash, asMade->headHash);
    } else {
        EXPECT_TRUE(copies.empty());
    }

    // The sessions read as the old version listed them (its `sango sessions` output, kept beside the store).
    const auto expected = readJson(fixture.dir / "sessions.json");
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
    EXPECT_EQ(outbox->count, fixture.outbox);
    auto enrolment = store->enrolment();
    ASSERT_TRUE(enrolment);
    EXPECT_FALSE(*enrolment);
    // Staff with their roles (m1 is a manager in every fixture).
    auto m1 = store->staff("m1");
    ASSERT_TRUE(m1);
    ASSERT_TRUE(m1->has_value());
    EXPECT_EQ((*m1)->role, "manager");

    // And it goes on: a new session on the migrated store, the chain still whole.
    FakeClock clock{Instant(std::chrono::seconds(1775260800))}; // 2026-04-04T09:00:00+09:00
    auto t = Terminal::load(*store, clock);
    ASSERT_TRUE(t) << t.error().message;
    TestIssuer issuer;
    TestIssuer::Claims c;
    c.couponId = TestIssuer::makeCouponId(99);
    auto opened = t->scan(ScanInput::qr(issuer.issue(c)), Service::day, "m1");
    ASSERT_TRUE(opened) << opened.error().message;
    audit = store->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
    EXPECT_EQ(audit->events, fixture.events + 1);
}

TEST_P(StoreUpgrade, AMigratedStoreOpensAgainWithoutMigrating)
{
    {
        auto first = EventStore::open(m_where);
        ASSERT_TRUE(first) << first.error().message;
    }
    const auto copies = backupsIn(m_where);
    auto now = StoreBackup::verify(m_where.database(), key());
    ASSERT_TRUE(now) << now.error().message;
    EXPECT_EQ(now->schemaVersion, EventStore::kSchemaVersion);
    auto again = EventStore::open(m_where);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->eventCount().value(), GetParam().events);
    EXPECT_EQ(backupsIn(m_where), copies) << "a second open made another pre-migration copy";
}

TEST_P(StoreUpgrade, AFailedPreMigrationCopyLeavesTheStoreUnmigratedAndUnchanged)
{
    if (!older())
        GTEST_SKIP() << "schema " << GetParam().version << " is this version's: nothing to migrate";
    // Something in the way of the backup folder: the copy cannot be made.
    { std::ofstream(StoreBackup::directory(m_where)) << "in the way"; }
    const std::string before = readBytes(m_where.database());
    auto store = EventStore::open(m_where);
    ASSERT_FALSE(store);
    EXPECT_TRUE(store.error().message.find("not upgraded") != std::string::npos) << store.error().message;
    EXPECT_EQ(exitStatus(store.error().code), 3);
    EXPECT_EQ(readBytes(m_where.database()), before);
    auto unchanged = StoreBackup::verify(m_where.database(), key());
    ASSERT_TRUE(unchanged) << unchanged.error().message;
    EXPECT_EQ(unchanged->schemaVersion, GetParam().version);
    // Out of the way, the next open copies and migrates.
    fs::remove(StoreBackup::directory(m_where));
    auto retried = EventStore::open(m_where);
    ASSERT_TRUE(retried) << retried.error().message;
    EXPECT_EQ(backupsIn(m_where).size(), 1u);
}

TEST_P(StoreUpgrade, APreMigrationCopyOnAFullDiskLeavesTheStoreUnmigratedAndUnchanged)
{
    if (!older())
        GTEST_SKIP() << "schema " << GetParam().version << " is this version's: nothing to migrate";
    if (::geteuid() != 0)
        GTEST_SKIP() << "not root: cannot mount a tmpfs for a full disk";
    // A file system with room for the store as it is (and SQLite's shared-memory file) but not for a copy.
    const fs::path mnt = m_dir.path() / "mnt";
    fs::create_directories(mnt);
    const auto pages = (fs::file_size(m_where.database()) + 4095) / 4096;
    const std::string options = "size=" + std::to_string((pages + pages / 2 + 14) * 4) + "k,mode=0700";
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, options.c_str()) != 0)
        GTEST_SKIP() << "mount -t tmpfs failed: " << std::strerror(errno);
    struct Unmount {
        fs::path dir;
        ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
    } unmount{mnt};
    StoreLocation where;
    where.dataDir = mnt / "data";
    fs::create_directories(where.dataDir);
    for (const char* f : {"sango.db", "store.key", "store.keycheck"})
        fs::copy_file(m_where.dataDir / f, where.dataDir / f);
    const std::string before = readBytes(where.database());

    auto store = EventStore::open(where);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, Errc::disk_full) << store.error().message;
    EXPECT_TRUE(store.error().message.find("not upgraded") != std::string::npos) << store.error().message;
    EXPECT_TRUE(store.error().message.find("free some space") != std::string::npos) << store.error().message;
    EXPECT_EQ(readBytes(where.database()), before);
    EXPECT_TRUE(backupsIn(where).empty()) << "a partial copy was left";
    auto unchanged = StoreBackup::verify(where.database(), key());
    ASSERT_TRUE(unchanged) << unchanged.error().message;
    EXPECT_EQ(unchanged->schemaVersion, GetParam().version);
}

INSTANTIATE_TEST_SUITE_P(EverySchema, StoreUpgrade, ::testing::ValuesIn(storeFixtures()),
                         [](const ::testing::TestParamInfo<StoreFixtureDir>& p) {
                             return "v" + std::to_string(p.param.version);
                         });

} // namespace
} // namespace sango::test
