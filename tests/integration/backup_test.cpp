// `sango backup` and `sango restore` (issue 5) as the real binary under libfaketime: a backup is a checked,
// encrypted copy that can be made while another program has the store open; a restore that would lose events
// is refused (exit 2, nothing changed) unless --force, which keeps the replaced store; a restore while another
// program has the store open is refused (exit 3); a fresh machine needs only the key file; an older store is
// copied before it is upgraded.
#include <sys/stat.h>

#include <memory>
#include <regex>

#include <gtest/gtest.h>

#include "sango/event_store.h"
#include "sango/store_backup.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

using test::TestIssuer;

unsigned modeOf(const fs::path& p)
{
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? static_cast<unsigned>(st.st_mode) & 07777u : 0u;
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

class BackupCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_store = std::make_unique<TestStore>(m_issuer);
        s = &m_store->sango();
    }

    std::string qr(std::uint64_t n) const
    {
        TestIssuer::Claims c;
        c.couponId = couponId(n);
        return m_issuer.issue(c);
    }

    CliResult scan(std::uint64_t coupon, Instant at) const
    {
        return s->run({"scan", qr(coupon), "--service", "day", "--staff", "s1"}, at);
    }

    // The store as this test process opens it: a second program holding it, as the kiosk would.
    StoreLocation where() const { return StoreLocation{s->dataDir(), {}}; }

    static void expectCopyJson(const CliResult& r)
    {
        ASSERT_TRUE(r.out.is_object()) << r;
        EXPECT_TRUE(r.out["file"].is_string()) << r;
        EXPECT_TRUE(r.out["events"].is_number_integer()) << r;
        EXPECT_TRUE(r.out["head_seq"].is_number_integer()) << r;
        EXPECT_TRUE(std::regex_match(r.out.value("head_hash", std::string()), std::regex("[0-9a-f]{64}"))) << r;
        EXPECT_EQ(r.out.value("schema_version", 0), EventStore::kSchemaVersion) << r;
    }

    TestIssuer m_issuer;
    std::unique_ptr<TestStore> m_store;
    Sango* s = nullptr;
};

TEST_F(BackupCli, BackupThenMoreScansThenRestoreIsRefusedUntilForcedAndKeepsTheReplacedStore)
{
    ASSERT_EQ(scan(1, jst(2026, 4, 3, 10, 0)).exit, 0);

    auto b = s->run({"backup"}, jst(2026, 4, 3, 10, 1));
    ASSERT_EQ(b.exit, 0) << b;
    expectCopyJson(b);
    const fs::path file = s->dataDir() / "backups" / "sango-20260403T010100Z.db";
    EXPECT_EQ(b.out["file"].get<std::string>(), file.string());
    EXPECT_TRUE(fs::exists(file));
    EXPECT_EQ(modeOf(file), 0600u);
    EXPECT_EQ(modeOf(s->dataDir() / "backups"), 0700u);
    const std::int64_t backedUp = b.out["events"].get<std::int64_t>();
    EXPECT_EQ(backedUp, s->eventCount());
    EXPECT_TRUE(contains(b.err, "store.key")) << b.err; // says the key is not in it
    EXPECT_FALSE(contains(readFile(file), "SQLite format 3"));

    // More care after the backup: the coupon's session closed, another opened.
    ASSERT_EQ(scan(1, jst(2026, 4, 3, 11, 0)).exit, 0);
    ASSERT_EQ(scan(2, jst(2026, 4, 3, 11, 5)).exit, 0);
    const std::int64_t before = s->eventCount();
    ASSERT_EQ(before, backedUp + 2);
    const json sessionsBefore = s->sessions();
    const auto filesBefore = snapshot(s->dataDir());

    auto refused = s->run({"restore", file.string()}, jst(2026, 4, 3, 12, 0));
    EXPECT_EQ(refused.exit, 2) << refused;
    EXPECT_EQ(refused.result(), "events_would_be_lost") << refused;
    EXPECT_TRUE(contains(refused.out.value("detail", ""), "2 events")) << refused;
    EXPECT_TRUE(contains(refused.out.value("message", ""), "--force")) << refused;
    EXPECT_TRUE(snapshot(s->dataDir()) == filesBefore) << "a refused restore changed the data directory";
    EXPECT_EQ(s->eventCount(), before); // the audit passes
    EXPECT_EQ(s->sessions(), sessionsBefore);

    auto forced = s->run({"restore", file.string(), "--force"}, jst(2026, 4, 3, 12, 1));
    ASSERT_EQ(forced.exit, 0) << forced;
    expectCopyJson(forced);
    EXPECT_EQ(forced.out.value("events", 0), backedUp);
    EXPECT_EQ(forced.out.value("events_lost", 0), 2);
    EXPECT_EQ(forced.out.value("previous_events", 0), before);
    const fs::path replaced = s->dataDir() / "sango.db.replaced-20260403T030100Z";
    EXPECT_EQ(forced.out.value("replaced", ""), replaced.string()) << forced;
    EXPECT_TRUE(fs::exists(replaced));
    EXPECT_EQ(modeOf(replaced), 0600u);
    EXPECT_EQ(modeOf(s->dataDir() / "sango.db"), 0600u);
    // `sango audit` passes on the restored store, which is the backup's state (coupon 1 open again) and the
    // mark of a new incarnation, since events were lost.
    ASSERT_TRUE(forced.out["incarnation"].is_string()) << forced;
    EXPECT_EQ(forced.out["incarnation"].get<std::string>().size(), 4u);
    EXPECT_EQ(s->eventCount(), backedUp + 1);
    const json sessions = s->sessions();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(text(sessions[0], "status"), "open");
    // The replaced store is whole: as a backup of its own it restores every event it had.
    auto back = s->run({"restore", replaced.string()}, jst(2026, 4, 3, 12, 2));
    ASSERT_EQ(back.exit, 0) << back;
    EXPECT_EQ(back.out.value("events_lost", -1), 0);
    EXPECT_TRUE(back.out["incarnation"].is_null()) << back; // the replaced line goes on, whole
    EXPECT_EQ(s->eventCount(), before);
    EXPECT_EQ(s->sessions(), sessionsBefore);
}

TEST_F(BackupCli, BackupWorksWhileAnotherProgramHasTheStoreOpenAndWriting)
{
    ASSERT_EQ(scan(1, jst(2026, 4, 3, 10, 0)).exit, 0);
    auto held = EventStore::open(where());
    ASSERT_TRUE(held) << held.error().message;
    const std::int64_t committed = held->eventCount().value();

    auto b = s->run({"backup", "--out", (m_store->root() / "while-open.db").string()});
    ASSERT_EQ(b.exit, 0) << b;
    expectCopyJson(b);
    EXPECT_EQ(b.out.value("events", 0), committed);

    // Even in the middle of its write transaction: the backup holds what was committed.
    auto w = held->beginWrite();
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE(held->append(events::CouponRevoked{couponId(9), "paper", {}, {}}, jst(2026, 4, 3, 10, 5)));
    auto during = s->run({"backup", "--out", (m_store->root() / "during-write.db").string()});
    ASSERT_EQ(during.exit, 0) << during;
    EXPECT_EQ(during.out.value("events", 0), committed);
    ASSERT_TRUE(w->commit());
    EXPECT_EQ(held->eventCount().value(), committed + 1);

    // An existing file is never overwritten.
    auto again = s->run({"backup", "--out", (m_store->root() / "while-open.db").string()});
    EXPECT_EQ(again.exit, 3) << again;
    EXPECT_EQ(again.result(), "store_exists") << again;
}

TEST_F(BackupCli, RestoreIsRefusedWhileAnotherProgramHasTheStoreOpen)
{
    auto b = s->run({"backup", "--out", (m_store->root() / "b.db").string()});
    ASSERT_EQ(b.exit, 0) << b;
    {
        auto held = EventStore::open(where());
        ASSERT_TRUE(held) << held.error().message;
        const auto filesBefore = snapshot(s->dataDir()); // with the open store's -wal and -shm
        auto r = s->run({"restore", (m_store->root() / "b.db").string(), "--force"});
        EXPECT_EQ(r.exit, 3) << r;
        EXPECT_EQ(r.result(), "store_in_use") << r;
        EXPECT_TRUE(contains(r.out.value("detail", ""), "systemctl stop sango-kiosk")) << r;
        EXPECT_TRUE(contains(r.err, "systemctl stop sango-kiosk")) << r.err;
        EXPECT_TRUE(snapshot(s->dataDir()) == filesBefore) << "a refused restore changed the data directory";
    }
    // Closed there, it goes through.
    auto r = s->run({"restore", (m_store->root() / "b.db").string()});
    EXPECT_EQ(r.exit, 0) << r;
}

TEST_F(BackupCli, RestoreOnAFreshMachineWithOnlyTheKeyFile)
{
    ASSERT_EQ(scan(1, jst(2026, 4, 3, 10, 0)).exit, 0);
    const fs::path file = m_store->root() / "b.db";
    ASSERT_EQ(s->run({"backup", "--out", file.string()}).exit, 0);
    const std::int64_t events = s->eventCount();

    const fs::path fresh = m_store->root() / "fresh";
    fs::create_directories(fresh);
    fs::copy_file(s->dataDir() / "store.key", fresh / "store.key");
    Sango other(fresh);
    auto r = other.run({"restore", file.string()});
    ASSERT_EQ(r.exit, 0) << r;
    EXPECT_TRUE(r.out["replaced"].is_null()) << r;
    EXPECT_TRUE(r.out["incarnation"].is_string()) << r; // what the lost machine held after it may be at the ledger
    EXPECT_EQ(other.eventCount(), events + 1);
    EXPECT_EQ(other.sessions(), s->sessions());

    // Without the key file nothing is made: the backup does not hold the key.
    Sango keyless(m_store->root() / "keyless");
    auto k = keyless.run({"restore", file.string()});
    EXPECT_EQ(k.exit, 3) << k;
    EXPECT_EQ(k.result(), "key_missing") << k;
    EXPECT_FALSE(fs::exists(m_store->root() / "keyless"));
}

TEST_F(BackupCli, RestoreRefusesADamagedFileAndABackupOfAnotherKey)
{
    const fs::path file = m_store->root() / "b.db";
    ASSERT_EQ(s->run({"backup", "--out", file.string()}).exit, 0);
    const auto filesBefore = snapshot(s->dataDir());

    std::string bytes = readFile(file);
    for (std::size_t i = 4096 + 10; i < 4096 + 60 && i < bytes.size(); ++i)
        bytes[i] = static_cast<char>(bytes[i] ^ 0x33);
    writeFile(m_store->root() / "damaged.db", bytes);
    auto damaged = s->run({"restore", (m_store->root() / "damaged.db").string(), "--force"});
    EXPECT_EQ(damaged.exit, 3) << damaged;
    EXPECT_EQ(damaged.result(), "store_corrupt") << damaged;

    TestStore stranger(m_issuer, "T2");
    const fs::path theirs = m_store->root() / "theirs.db";
    ASSERT_EQ(stranger.sango().run({"backup", "--out", theirs.string()}).exit, 0);
    auto wrongKey = s->run({"restore", theirs.string(), "--force"});
    EXPECT_EQ(wrongKey.exit, 3) << wrongKey;
    EXPECT_EQ(wrongKey.result(), "wrong_key") << wrongKey;

    EXPECT_TRUE(snapshot(s->dataDir()) == filesBefore) << "a refused restore changed the data directory";
    EXPECT_GT(s->eventCount(), 0);
}

TEST_F(BackupCli, AnOlderStoreIsCopiedBeforeItIsUpgraded)
{
    const fs::path dir = m_store->root() / "v1";
    fs::create_directories(dir);
    for (const char* f : {"sango.db", "store.key", "store.keycheck"})
        fs::copy_file(test::testDataDir() / "store-v1" / f, dir / f);
    fs::permissions(dir / "store.key", fs::perms::owner_read | fs::perms::owner_write);
    Sango old(dir);
    old.setNow(jst(2026, 4, 5, 9, 0));
    auto status = old.run({"status"});
    ASSERT_EQ(status.exit, 0) << status;
    const fs::path copy = dir / "backups" / "sango-schema-v1-20260405T000000Z.db";
    ASSERT_TRUE(fs::exists(copy)) << status.err;
    EXPECT_EQ(modeOf(copy), 0600u);
    EXPECT_EQ(old.eventCount(), 14);
    // The copy is a backup of schema 1 like any other: restored, the store is upgraded again at the next open.
    auto restored = old.run({"restore", copy.string()}, jst(2026, 4, 5, 9, 1));
    ASSERT_EQ(restored.exit, 0) << restored;
    EXPECT_EQ(restored.out.value("schema_version", 0), 1);
    EXPECT_EQ(old.eventCount(), 14);
}

} // namespace
} // namespace sango::itest
