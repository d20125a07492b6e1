// Backups and restores of the encrypted store (issue 5): EventStore::backupTo writes a checked copy with the
// same key (a snapshot, while other connections write); StoreBackup::restore checks a backup before anything
// changes (wrong key, damaged file, broken chain, newer schema), refuses to lose events unless forced, keeps
// the store it replaces, and works on a machine that has only the key file.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "sango/crypto.h"
#include "sango/database.h"
#include "sango/event.h"
#include "sango/store_backup.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;




std::set<std::string> namesIn(const fs::path& dir)
{
    std::set<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        out.insert(e.path().filename().string());
    return out;
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Runs SQL on a store file keyed with `key` (what someone holding the key could do to a backup).
void tamper(const fs::path& file, const StoreKey& key, const std::string& sql)
{
    auto d = db::Database::open(file, false);
    ASSERT_TRUE(d) << d.error().message;
    ASSERT_TRUE(d->key(key.sqlcipherLiteral()));
    ASSERT_TRUE(d->exec("PRAGMA cipher_page_size = " + std::to_string(EventStore::kPageSize)));
    auto r = d->exec(sql);
    ASSERT_TRUE(r) << r.error().message;
}

// A small tmpfs, for a disk that really is full (root only; the test skips elsewhere).
class Tmpfs {
public:
    std::string mount(const fs::path& dir, const std::string& options)
    {
        if (::geteuid() != 0)
            return "not root: cannot mount a tmpfs";
        fs::create_directories(dir);
        if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0)
            return std::string("mount -t tmpfs failed: ") + std::strerror(errno);
        m_dir = dir;
        return {};
    }
    ~Tmpfs()
    {
        if (!m_dir.empty())
            ::umount2(m_dir.c_str(), MNT_DETACH);
    }

private:
    fs::path m_dir;
};

class StoreBackupTest : public StoreFixture {
protected:
    // Opens n sessions (one event each, at least): the store grows.
    void record(int n)
    {
        for (int i = 0; i < n; ++i) {
            m_clock.advance(std::chrono::minutes(1));
            auto r = m_terminal->scan(ScanInput::qr(coupon(static_cast<std::uint64_t>(100 + m_recorded++))),
                                      Service::day, "s1");
            ASSERT_TRUE(r) << r.error().message;
        }
    }
    std::int64_t events() { return m_store->eventCount().value(); }
    // Closes the fixture's store (it holds the store lock, which a restore needs alone).
    void closeStore()
    {
        m_terminal.reset();
        m_store.reset();
    }
    StoreKey key() const { return KeyFile(m_where.key()).load().value(); }
    StoreCopyInfo backup(const std::string& name)
    {
        auto info = m_store->backupTo(m_dir.path() / name);
        EXPECT_TRUE(info) << info.error().message;
        return info ? *info : StoreCopyInfo{};
    }
    // Another store in its own data directory; with this store's key file when sameKey.
    StoreLocation otherStore(const std::string& name, bool sameKey)
    {
        StoreLocation where;
        where.dataDir = m_dir.path() / name;
        if (sameKey)
            where.keyFile = m_where.key();
        InitialConfig config{"T9", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                             m_issuer.trustJson()};
        auto store = EventStore::create(where, config, m_clock.now());
        EXPECT_TRUE(store) << store.error().message;
        return where;
    }
    // The data directory before and after a refused restore: names and the store's bytes.
    struct State {
        std::set<std::string> names;
        std::string store;
        bool operator==(const State&) const = default;
    };
    State state() const { return {namesIn(m_where.dataDir), readBytes(m_where.database())}; }

    int m_recorded = 0;
};

// ---- backup ----

TEST_F(StoreBackupTest, ABackupIsACheckedEncryptedCopyWithTheSameKey)
{
    record(3);
    const fs::path file = m_dir.path() / "b.db";
    auto info = m_store->backupTo(file);
    ASSERT_TRUE(info) << info.error().message;
    auto audit = m_store->audit();
    ASSERT_TRUE(audit && audit->intact);
    EXPECT_EQ(info->file, file);
    EXPECT_EQ(info->events, audit->events);
    EXPECT_EQ(info->headSeq, audit->headSeq);
    EXPECT_EQ(info->headHash, audit->headHash);
    EXPECT_EQ(info->headHash.size(), 64u);
    EXPECT_EQ(info->schemaVersion, EventStore::kSchemaVersion);
    EXPECT_EQ(modeOf(file), 0600u);
    // Encrypted: no SQLite header, no coupon id in plaintext; and nothing else left in the folder.
    const std::string bytes = readBytes(file);
    EXPECT_FALSE(contains(bytes, "SQLite format 3"));
    EXPECT_FALSE(contains(bytes, TestIssuer::makeCouponId(101)));
    EXPECT_EQ(namesIn(m_dir.path()), (std::set<std::string>{"b.db", "data"}));
    // It opens with the store's key, and as a store it holds the same sessions.
    auto checked = StoreBackup::verify(file, key());
    ASSERT_TRUE(checked) << checked.error().message;
    EXPECT_EQ(checked->events, info->events);
    EXPECT_EQ(checked->headHash, info->headHash);
    StoreLocation copy;
    copy.dataDir = m_dir.path() / "copy";
    fs::create_directories(copy.dataDir);
    fs::copy_file(file, copy.database());
    fs::copy_file(m_where.key(), copy.key());
    auto opened = EventStore::open(copy);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->sessions(std::nullopt, std::nullopt, false)->size(), 3u);
    // With another key it does not open at all.
    auto wrong = StoreBackup::verify(file, StoreKey::random());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::wrong_key);
}

TEST_F(StoreBackupTest, ABackupIsOneSnapshotWhileAnotherConnectionWrites)
{
    record(1);
    const auto before = events();
    auto writer = EventStore::open(m_where);
    ASSERT_TRUE(writer) << writer.error().message;
    auto w = writer->beginWrite();
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE(writer->append(events::CouponRevoked{TestIssuer::makeCouponId(7), "paper", {}, {}}, m_clock.now()));
    // The write is not committed: the backup has what was committed before it, and checks out.
    auto info = m_store->backupTo(m_dir.path() / "during.db");
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->events, before);
    ASSERT_TRUE(w->commit());
    EXPECT_EQ(events(), before + 1);
    auto after = m_store->backupTo(m_dir.path() / "after.db");
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(after->events, before + 1);
}

TEST_F(StoreBackupTest, ABackupNeverOverwritesAFile)
{
    const fs::path file = m_dir.path() / "precious.db";
    writeBytes(file, "precious");
    auto info = m_store->backupTo(file);
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, Errc::store_exists);
    EXPECT_EQ(readBytes(file), "precious");
    EXPECT_EQ(namesIn(m_dir.path()), (std::set<std::string>{"data", "precious.db"}));
    // Nor into a folder that does not exist (a usage error: the folder is the caller's).
    auto missing = m_store->backupTo(m_dir.path() / "no-such-folder" / "b.db");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::invalid_argument);
}

TEST_F(StoreBackupTest, ABackupOnAFullDiskLeavesNothingAndTheStoreGoesOn)
{
    record(2);
    Tmpfs mnt;
    const fs::path full = m_dir.path() / "full";
    if (auto e = mnt.mount(full, "size=32k,mode=0700"); !e.empty())
        GTEST_SKIP() << e;
    auto info = m_store->backupTo(full / "b.db");
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, Errc::disk_full) << info.error().message;
    EXPECT_TRUE(contains(info.error().message, "free some space")) << info.error().message;
    EXPECT_TRUE(namesIn(full).empty());
    auto audit = m_store->audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact);
    record(1);
}

TEST_F(StoreBackupTest, DefaultNamesCarryTheUtcTime)
{
    const Instant t = kApril3Morning; // 2026-04-03T10:00:00+09:00
    EXPECT_EQ(StoreBackup::stamp(t), "20260403T010000Z");
    EXPECT_EQ(StoreBackup::defaultFile(m_where, t), m_where.dataDir / "backups" / "sango-20260403T010000Z.db");
    EXPECT_EQ(StoreBackup::preMigrationFile(m_where, 1, t),
              m_where.dataDir / "backups" / "sango-schema-v1-20260403T010000Z.db");
    ASSERT_TRUE(StoreBackup::makeDirectory(m_where));
    EXPECT_EQ(modeOf(StoreBackup::directory(m_where)), 0700u);
    ASSERT_TRUE(StoreBackup::makeDirectory(m_where)); // again: it is there
}

// ---- restore ----

TEST_F(StoreBackupTest, RestoreRefusesToLoseEventsUnlessForcedAndKeepsTheStoreItReplaces)
{
    record(1);
    const StoreCopyInfo b = backup("b.db");
    record(2);
    const auto before = events();
    ASSERT_EQ(before, b.events + 2);
    closeStore();

    const State unchanged = state();
    auto refused = StoreBackup::restore(m_where, m_dir.path() / "b.db", false, m_clock.now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::events_would_be_lost);
    EXPECT_EQ(exitStatus(refused.error().code), 2);
    EXPECT_TRUE(contains(refused.error().message, "2 events")) << refused.error().message;
    EXPECT_TRUE(contains(refused.error().message, "--force")) << refused.error().message;
    EXPECT_TRUE(state() == unchanged);
    {
        auto store = EventStore::open(m_where);
        ASSERT_TRUE(store) << store.error().message;
        EXPECT_EQ(store->eventCount().value(), before);
        EXPECT_TRUE(store->audit()->intact);
    }

    auto forced = StoreBackup::restore(m_where, m_dir.path() / "b.db", true, m_clock.now());
    ASSERT_TRUE(forced) << forced.error().message;
    EXPECT_EQ(forced->eventsLost, 2);
    EXPECT_EQ(forced->previousEvents, before);
    EXPECT_EQ(forced->restored.events, b.events);
    EXPECT_EQ(forced->restored.headHash, b.headHash);
    ASSERT_TRUE(forced->replaced);
    EXPECT_EQ(*forced->replaced,
              fs::path(m_where.database().string() + ".replaced-" + StoreBackup::stamp(m_clock.now())));
    EXPECT_EQ(modeOf(*forced->replaced), 0600u);
    EXPECT_EQ(modeOf(m_where.database()), 0600u);
    // The replaced store is whole, with every event it had.
    auto kept = StoreBackup::verify(*forced->replaced, key());
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept->events, before);
    // No temporary file is left; the restored store opens, audits, and takes new events.
    for (const auto& n : namesIn(m_where.dataDir))
        EXPECT_FALSE(contains(n, "restore-")) << n;
    // Events were lost: the restored store begins a new incarnation (one event on top of the backup's), and
    // the sessions it opens from now on carry its tag, so none has an id the lost events had.
    auto store = EventStore::open(m_where);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ(store->eventCount().value(), b.events + 1);
    EXPECT_TRUE(store->audit()->intact);
    ASSERT_EQ(forced->incarnation.size(), 4u);
    EXPECT_EQ(store->incarnation().value(), forced->incarnation);
    m_store = std::make_unique<EventStore>(std::move(*store));
    m_terminal = std::make_unique<Terminal>(Terminal::load(*m_store, m_clock).value());
    record(1);
    EXPECT_EQ(events(), b.events + 2);
    auto sessions = m_store->sessions(std::nullopt, std::nullopt, false);
    ASSERT_TRUE(sessions);
    ASSERT_FALSE(sessions->empty());
    EXPECT_TRUE(contains(sessions->back().sessionId, "-" + forced->incarnation + "-")) << sessions->back().sessionId;
}

TEST_F(StoreBackupTest, RestoreOfTheSameOrALaterStateNeedsNoForce)
{
    const StoreCopyInfo early = backup("early.db");
    record(2);
    const StoreCopyInfo late = backup("late.db");
    closeStore();
    // The same state: nothing to lose.
    auto same = StoreBackup::restore(m_where, m_dir.path() / "late.db", false, m_clock.now());
    ASSERT_TRUE(same) << same.error().message;
    EXPECT_EQ(same->eventsLost, 0);
    EXPECT_TRUE(same->incarnation.empty()); // nothing lost: the same line of the store goes on
    // Back to the early state (forced: a new incarnation), then forward to the late one without force: the
    // store is a prefix of it but for the restore's own mark, so nothing is lost and the late line goes on.
    m_clock.advance(std::chrono::seconds(1));
    auto back = StoreBackup::restore(m_where, m_dir.path() / "early.db", true, m_clock.now());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_FALSE(back->incarnation.empty());
    m_clock.advance(std::chrono::seconds(1));
    auto forward = StoreBackup::restore(m_where, m_dir.path() / "late.db", false, m_clock.now());
    ASSERT_TRUE(forward) << forward.error().message;
    EXPECT_EQ(forward->eventsLost, 0);
    EXPECT_EQ(forward->previousEvents, early.events + 1);
    EXPECT_TRUE(forward->incarnation.empty());
    auto store = EventStore::open(m_where);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->eventCount().value(), late.events);
    EXPECT_EQ(store->incarnation().value(), "");
    // Every replaced store was kept, under its own name.
    int replaced = 0;
    for (const auto& n : namesIn(m_where.dataDir))
        replaced += contains(n, "sango.db.replaced-");
    EXPECT_EQ(replaced, 3);
}

TEST_F(StoreBackupTest, RestoreOfAnotherStoresBackupIsRefused)
{
    const StoreLocation other = otherStore("other", /*sameKey=*/true);
    {
        auto store = EventStore::open(other);
        ASSERT_TRUE(store) << store.error().message;
        ASSERT_TRUE(store->backupTo(m_dir.path() / "other.db"));
    }
    closeStore();
    const State unchanged = state();
    auto r = StoreBackup::restore(m_where, m_dir.path() / "other.db", false, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::events_would_be_lost);
    EXPECT_TRUE(contains(r.error().message, "share no event")) << r.error().message;
    EXPECT_TRUE(state() == unchanged);
}

TEST_F(StoreBackupTest, RestoreRefusesABackupMadeWithAnotherKeyAndChangesNothing)
{
    const StoreLocation other = otherStore("other", /*sameKey=*/false);
    {
        auto store = EventStore::open(other);
        ASSERT_TRUE(store) << store.error().message;
        ASSERT_TRUE(store->backupTo(m_dir.path() / "other.db"));
    }
    closeStore();
    const State unchanged = state();
    auto r = StoreBackup::restore(m_where, m_dir.path() / "other.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::wrong_key);
    EXPECT_EQ(exitStatus(r.error().code), 3);
    EXPECT_TRUE(contains(r.error().message, "other.db")) << r.error().message;
    EXPECT_TRUE(state() == unchanged);
}

TEST_F(StoreBackupTest, RestoreRefusesADamagedOrTruncatedBackup)
{
    record(3);
    backup("b.db");
    closeStore();
    const std::string good = readBytes(m_dir.path() / "b.db");
    ASSERT_GT(good.size(), 6u * 4096u);
    const State unchanged = state();

    std::string damaged = good;
    for (std::size_t i = 3 * 4096 + 100; i < 3 * 4096 + 200; ++i)
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    writeBytes(m_dir.path() / "damaged.db", damaged);
    auto r = StoreBackup::restore(m_where, m_dir.path() / "damaged.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::store_corrupt) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "damaged.db")) << r.error().message;
    EXPECT_TRUE(state() == unchanged);

    writeBytes(m_dir.path() / "short.db", good.substr(0, 1000));
    r = StoreBackup::restore(m_where, m_dir.path() / "short.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::store_corrupt) << r.error().message;
    EXPECT_TRUE(state() == unchanged);

    r = StoreBackup::restore(m_where, m_dir.path() / "missing.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::invalid_argument);
    EXPECT_TRUE(state() == unchanged);
}

TEST_F(StoreBackupTest, RestoreRefusesAFileWithAWriteAheadLogBesideIt)
{
    // A store that was in use (a sango.db.replaced-* left by a crash) keeps committed events in its -wal: a copy of
    // the file alone would lose them, so restore refuses it and says how to go on.
    record(3);
    backup("b.db");
    closeStore();
    const State unchanged = state();
    writeBytes(m_dir.path() / "b.db-wal", std::string(4096, 'x'));
    auto r = StoreBackup::restore(m_where, m_dir.path() / "b.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::invalid_argument) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "b.db-wal")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "backup --out")) << r.error().message;
    EXPECT_TRUE(state() == unchanged);

    // An empty log (what a clean close leaves on some systems) holds nothing: the restore goes ahead.
    writeBytes(m_dir.path() / "b.db-wal", "");
    r = StoreBackup::restore(m_where, m_dir.path() / "b.db", true, m_clock.now());
    EXPECT_TRUE(r) << r.error().message;
}

TEST_F(StoreBackupTest, RestoreRefusesABackupWhoseChainIsBroken)
{
    record(2);
    backup("b.db");
    closeStore();
    tamper(m_dir.path() / "b.db", key(),
           "DROP TRIGGER events_append_only_update; UPDATE events SET at = at + 60 WHERE seq = 3;");
    const State unchanged = state();
    auto r = StoreBackup::restore(m_where, m_dir.path() / "b.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::audit_broken);
    EXPECT_TRUE(contains(r.error().message, "event 3")) << r.error().message;
    EXPECT_TRUE(state() == unchanged);
}

TEST_F(StoreBackupTest, RestoreRefusesABackupOfANewerSchema)
{
    backup("b.db");
    closeStore();
    tamper(m_dir.path() / "b.db", key(), "UPDATE meta SET value = '99' WHERE key = 'schema_version';");
    const State unchanged = state();
    auto r = StoreBackup::restore(m_where, m_dir.path() / "b.db", true, m_clock.now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::schema_too_new);
    EXPECT_EQ(exitStatus(r.error().code), 3);
    EXPECT_TRUE(contains(r.error().message, "schema 99")) << r.error().message;
    EXPECT_TRUE(state() == unchanged);
}

TEST_F(StoreBackupTest, RestoreOnAFreshMachineNeedsOnlyTheKeyFile)
{
    record(2);
    const StoreCopyInfo b = backup("b.db");
    StoreLocation fresh;
    fresh.dataDir = m_dir.path() / "fresh";
    fresh.keyFile = m_dir.path() / "kept-safe.key"; // the key kept apart, as the README says
    fs::copy_file(m_where.key(), fresh.key());

    // Without the key nothing can be restored: the backup does not hold it.
    StoreLocation keyless;
    keyless.dataDir = m_dir.path() / "keyless";
    auto noKey = StoreBackup::restore(keyless, m_dir.path() / "b.db", false, m_clock.now());
    ASSERT_FALSE(noKey);
    EXPECT_EQ(noKey.error().code, Errc::key_missing);
    EXPECT_TRUE(contains(noKey.error().message, "holds no key")) << noKey.error().message;
    EXPECT_FALSE(fs::exists(keyless.dataDir));

    auto r = StoreBackup::restore(fresh, m_dir.path() / "b.db", false, m_clock.now());
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_FALSE(r->replaced);
    EXPECT_EQ(r->previousEvents, 0);
    EXPECT_EQ(modeOf(fresh.dataDir), 0700u);
    EXPECT_EQ(modeOf(fresh.database()), 0600u);
    EXPECT_EQ(readBytes(fresh.keyCheck()), key().fingerprint() + "\n");
    // Whatever the lost store held after the backup may be at the ledger: a new incarnation.
    EXPECT_FALSE(r->incarnation.empty());
    auto store = EventStore::open(fresh);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ(store->eventCount().value(), b.events + 1);
    EXPECT_EQ(store->incarnation().value(), r->incarnation);
    EXPECT_EQ(store->terminalId().value(), "T1");
}

TEST_F(StoreBackupTest, ABackupOfAnOlderSchemaIsRestoredAndMigratedAtTheNextOpen)
{
    StoreLocation where;
    where.dataDir = m_dir.path() / "v1";
    fs::create_directories(where.dataDir);
    fs::copy_file(testDataDir() / "store-v1" / "store.key", where.key());
    auto r = StoreBackup::restore(where, testDataDir() / "store-v1" / "sango.db", false, m_clock.now());
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->restored.schemaVersion, 1);
    EXPECT_EQ(r->restored.events, 14);
    auto store = EventStore::open(where);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_TRUE(store->audit()->intact);
    EXPECT_EQ(store->eventCount().value(), 15); // and the new incarnation's mark, made on the old schema
    EXPECT_EQ(store->incarnation().value(), r->incarnation);
    // The upgrade kept a copy of the store as restored.
    std::vector<fs::path> copies;
    for (const auto& e : fs::directory_iterator(StoreBackup::directory(where)))
        copies.push_back(e.path());
    ASSERT_EQ(copies.size(), 1u);
    EXPECT_TRUE(contains(copies[0].filename().string(), "sango-schema-v1-"));
    auto copy = StoreBackup::verify(copies[0], KeyFile(where.key()).load().value());
    ASSERT_TRUE(copy) << copy.error().message;
    EXPECT_EQ(copy->schemaVersion, 1);
}

} // namespace
} // namespace sango::test
