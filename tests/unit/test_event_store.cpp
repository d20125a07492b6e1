// The encrypted event store (issue: "SQLCipher 3.4 with a random 256-bit raw key ... append-only events with a
// hash chain ... a clear message and exit status 3 for every store failure, changing nothing ... no coupon id in
// plaintext in any file of the store").
//
// Most tests run on StoreFixture's real store (a temporary directory, a Terminal on a FakeClock). The read-only
// and disk-full tests need a file system that really refuses writes: as root (CI) they mount a small tmpfs, and
// skip with a message where that is not possible.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "sango/coupon_id.h"
#include "sango/crypto.h"
#include "sango/event.h"
#include "sango/event_store.h"
#include "sango/key_file.h"
#include "sango/local_time.h"
#include "store_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

// ---- helpers ----



// Every regular file of a directory (not recursive: a store has no subdirectories), name -> bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir)
{
    std::map<std::string, std::string> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file())
            files[entry.path().filename().string()] = readBytes(entry.path());
    return files;
}

std::vector<std::string> names(const std::map<std::string, std::string>& files)
{
    std::vector<std::string> out;
    for (const auto& [name, bytes] : files)
        out.push_back(name);
    return out;
}


std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
        s.pop_back();
    return s;
}

bool isLowerHex(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

fs::path sqlcipherBinary()
{
    for (const char* p : {"/usr/bin/sqlcipher", "/usr/local/bin/sqlcipher", "/bin/sqlcipher"})
        if (fs::exists(p))
            return p;
    return {};
}

// Runs SQL through the sqlcipher command-line shell on the store's file, keyed as the issue says:
// PRAGMA key = "x'<64 hex>'", then the store's page size (part of its file format). A failing statement makes
// the shell exit non-zero (-bail).
ProcessResult sqlcipherShell(const StoreLocation& where, const std::string& sql, bool withKey = true)
{
    RunOptions o;
    if (withKey)
        o.stdinText = "PRAGMA key = \"x'" + trimmed(readBytes(where.key())) + "'\";\nPRAGMA cipher_page_size = " +
                      std::to_string(EventStore::kPageSize) + ";\n";
    o.stdinText += sql + "\n";
    return run({sqlcipherBinary().string(), "-bail", where.database().string()}, o);
}

constexpr const char* kDropTriggers =
    "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;";

date::year_month_day april(unsigned d)
{
    return date::year{2026} / date::April / date::day{d};
}

// A mount of a small tmpfs, for a file system that really is full or read-only even for root.
class TmpfsMount {
public:
    // Empty error: mounted.
    std::string mount(const fs::path& dir, const std::string& options)
    {
        if (::geteuid() != 0)
            return "not root: cannot mount a tmpfs";
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0)
            return "mount -t tmpfs failed: " + std::string(std::strerror(errno));
        m_dir = dir;
        return {};
    }
    std::string remount(unsigned long flags, const std::string& options)
    {
        if (::mount("tmpfs", m_dir.c_str(), "tmpfs", MS_REMOUNT | flags, options.c_str()) != 0)
            return "remount failed: " + std::string(std::strerror(errno));
        return {};
    }
    void unmount()
    {
        if (!m_dir.empty() && ::umount2(m_dir.c_str(), 0) != 0)
            ::umount2(m_dir.c_str(), MNT_DETACH);
        m_dir.clear();
    }
    ~TmpfsMount() { unmount(); }
    bool mounted() const { return !m_dir.empty(); }

private:
    fs::path m_dir;
};

// ---- the fixture ----

class EventStoreTest : public StoreFixture {
protected:
    void closeStore()
    {
        m_terminal.reset();
        m_store.reset();
    }

    // Opens the store again (as a restarted process would) with a new Terminal over it.
    void reopen()
    {
        closeStore();
        auto s = EventStore::open(m_where);
        ASSERT_TRUE(s) << s.error().message;
        m_store = std::make_unique<EventStore>(std::move(*s));
        auto t = Terminal::load(*m_store, m_clock);
        ASSERT_TRUE(t) << t.error().message;
        m_terminal = std::make_unique<Terminal>(std::move(*t));
    }

    Expected<ScanResult> scanQr(std::uint64_t n, Service service = Service::stay)
    {
        return m_terminal->scan(ScanInput::qr(coupon(n)), service, "staff1");
    }

    // Opens one session per coupon (distinct coupons, a minute apart) through the Terminal.
    void openSessions(std::uint64_t firstCoupon, int count)
    {
        for (int i = 0; i < count; ++i) {
            m_clock.advance(1min);
            auto r = scanQr(firstCoupon + static_cast<std::uint64_t>(i));
            ASSERT_TRUE(r) << r.error().message;
            ASSERT_EQ(r->action, ScanAction::opened);
        }
    }

    std::vector<Event> allEvents(EventStore& store)
    {
        auto evs = store.events(1, 1'000'000);
        EXPECT_TRUE(evs) << (evs ? "" : evs.error().message);
        return evs ? *evs : std::vector<Event>{};
    }

    // Asserts an open failure is this store error, with a message, and exit status 3.
    static void expectStoreError(const Expected<EventStore>& r, Errc code)
    {
        ASSERT_FALSE(r) << "the store opened, but " << toString(code) << " was expected";
        EXPECT_EQ(r.error().code, code) << "got " << toString(r.error().code) << ": " << r.error().message;
        EXPECT_EQ(exitStatus(r.error().code), 3);
        EXPECT_FALSE(r.error().message.empty());
    }

    std::string keyHex() { return trimmed(readBytes(m_where.key())); }
};

// ============================================================================================
// create
// ============================================================================================

TEST_F(EventStoreTest, CreateMakesTheStoreFilesWithPrivateModes)
{
    EXPECT_TRUE(fs::is_regular_file(m_where.database()));
    EXPECT_TRUE(fs::is_regular_file(m_where.key()));
    EXPECT_TRUE(fs::is_regular_file(m_where.keyCheck()));
    EXPECT_EQ(m_where.key(), m_where.dataDir / "store.key");

    EXPECT_EQ(modeOf(m_where.key()), 0600u);
    EXPECT_EQ(modeOf(m_where.database()), 0600u);
    EXPECT_EQ(modeOf(m_where.keyCheck()), 0600u);
    EXPECT_EQ(modeOf(m_where.dataDir), 0700u) << "the data directory was created by create()";

    const std::string keyText = readBytes(m_where.key());
    const std::string hex = trimmed(keyText);
    EXPECT_EQ(hex.size(), 64u) << "256 bits as 64 hex characters";
    EXPECT_TRUE(isLowerHex(hex)) << keyText;
    EXPECT_NE(hex, std::string(64, '0'));

    // The key is what KeyFile loads, and the keycheck is its fingerprint (not the key itself).
    auto key = KeyFile(m_where.key()).load();
    ASSERT_TRUE(key) << key.error().message;
    EXPECT_EQ(crypto::toHex(key->bytes()), hex);
    EXPECT_EQ(key->sqlcipherLiteral(), "x'" + hex + "'");
    const std::string check = trimmed(readBytes(m_where.keyCheck()));
    EXPECT_EQ(check, key->fingerprint());
    EXPECT_EQ(check.find(hex), std::string::npos);

    // No temporary build file is left behind.
    for (const auto& name : names(snapshot(m_where.dataDir)))
        EXPECT_EQ(name.find("init"), std::string::npos) << name;
}

TEST_F(EventStoreTest, EachStoreGetsItsOwnRandomKey)
{
    TempDir other;
    StoreLocation where{other.path() / "data", {}};
    InitialConfig config{"T2", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                         m_issuer.trustJson()};
    auto s = EventStore::create(where, config, m_clock.now());
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_NE(trimmed(readBytes(where.key())), keyHex());
    auto id = s->terminalId();
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(*id, "T2");
}

TEST_F(EventStoreTest, CreateRefusesToOverwriteAStoreAndChangesNothing)
{
    openSessions(1000, 2);
    closeStore();
    const auto before = snapshot(m_where.dataDir);
    ASSERT_TRUE(before.count("sango.db"));

    InitialConfig config{"T9", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                         m_issuer.trustJson()};
    auto again = EventStore::create(m_where, config, m_clock.now());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::store_exists) << again.error().message;
    EXPECT_EQ(exitStatus(again.error().code), 3);
    EXPECT_NE(again.error().message.find("sango.db"), std::string::npos) << again.error().message;

    const auto after = snapshot(m_where.dataDir);
    EXPECT_EQ(names(after), names(before));
    EXPECT_TRUE(after == before) << "a refused create changed the store's files";

    reopen();
    auto id = m_store->terminalId();
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, "T1");
    auto n = m_store->eventCount();
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 6);
}

TEST_F(EventStoreTest, CreateRefusesWhileTheStoreIsOpenToo)
{
    InitialConfig config{"T9", json::object(), json::object(), json::array()};
    auto again = EventStore::create(m_where, config, m_clock.now());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::store_exists);
    auto id = m_store->terminalId();
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, "T1");
}

// A -wal or -shm file without its store is what a store moved away while in use leaves behind: a new store
// there would have that log replayed into it.
TEST_F(EventStoreTest, CreateRefusesAStaleWalOrShmWithoutAStoreAndChangesNothing)
{
    const InitialConfig config{"T9", readJson(testDataDir() / "policy.json"),
                               readJson(testDataDir() / "provider.json"), m_issuer.trustJson()};
    for (const std::string suffix : {"-wal", "-shm"}) {
        for (const bool withKey : {false, true}) {
            SCOPED_TRACE(suffix + (withKey ? " with a key file" : " alone"));
            TempDir other;
            const StoreLocation where{other.path() / "data", {}};
            fs::create_directories(where.dataDir);
            const fs::path stale = where.database().string() + suffix;
            writeBytes(stale, "left behind by a store that was moved away while in use");
            if (withKey)
                writeBytes(where.key(), keyHex() + "\n");
            const auto before = snapshot(where.dataDir);

            auto r = EventStore::create(where, config, m_clock.now());
            ASSERT_FALSE(r) << "create made a store next to a stale " << suffix;
            EXPECT_EQ(r.error().code, Errc::store_exists) << toString(r.error().code) << ": " << r.error().message;
            EXPECT_EQ(exitStatus(r.error().code), 3);
            EXPECT_NE(r.error().message.find("sango.db" + suffix), std::string::npos) << r.error().message;
            EXPECT_TRUE(snapshot(where.dataDir) == before) << "a refused create changed the data directory";
            EXPECT_FALSE(fs::exists(where.database()));
            EXPECT_EQ(fs::exists(where.key()), withKey) << "a refused create made a key file";
            EXPECT_FALSE(fs::exists(where.keyCheck()));

            // Once the stale file is moved away, the same create succeeds.
            fs::remove(stale);
            auto made = EventStore::create(where, config, m_clock.now());
            ASSERT_TRUE(made) << made.error().message;
            auto id = made->terminalId();
            ASSERT_TRUE(id);
            EXPECT_EQ(*id, "T9");
        }
    }
}

TEST_F(EventStoreTest, FirstEventsAreStoreInitialisedAndTheThreeConfigs)
{
    auto id = m_store->terminalId();
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(*id, "T1");

    const auto evs = allEvents(*m_store);
    ASSERT_EQ(evs.size(), 4u);
    EXPECT_EQ(evs[0].type, event_type::store_initialised);
    EXPECT_EQ(evs[0].body.value("terminal_id", ""), "T1");
    EXPECT_EQ(evs[0].body.value("schema_version", 0), EventStore::kSchemaVersion);
    const std::vector<std::string> kinds{"policy", "provider", "trust"};
    for (std::size_t i = 1; i < 4; ++i) {
        EXPECT_EQ(evs[i].type, event_type::config_installed);
        EXPECT_EQ(evs[i].body.value("kind", ""), kinds[i - 1]);
    }
    EXPECT_EQ(evs[1].body["body"], readJson(testDataDir() / "policy.json"));
    EXPECT_EQ(evs[2].body["body"], readJson(testDataDir() / "provider.json"));
    EXPECT_EQ(evs[3].body["body"], m_issuer.trustJson());

    // seq 1..4, each event chained to the one before, the first to all zeroes; ids unique UUIDs.
    std::set<std::string> ids;
    crypto::Hash256 prev{};
    for (std::size_t i = 0; i < evs.size(); ++i) {
        EXPECT_EQ(evs[i].seq, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(evs[i].at, kApril3Morning);
        EXPECT_EQ(evs[i].prevHash, prev) << "event " << evs[i].seq;
        EXPECT_EQ(evs[i].hash, Event::chainHash(prev, evs[i].seq, evs[i].id, evs[i].type,
                                                evs[i].at.time_since_epoch().count(), evs[i].body.dump()));
        EXPECT_EQ(evs[i].id.size(), 36u) << evs[i].id;
        ids.insert(evs[i].id);
        prev = evs[i].hash;
    }
    EXPECT_EQ(ids.size(), 4u);

    auto policy = m_store->config("policy");
    ASSERT_TRUE(policy) << policy.error().message;
    EXPECT_EQ(*policy, readJson(testDataDir() / "policy.json"));

    auto a = m_store->audit();
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_TRUE(a->intact) << a->problem;
    EXPECT_EQ(a->events, 4);
}

// ============================================================================================
// open errors: each a store error (exit 3) with a message, and the files unchanged
// ============================================================================================

TEST_F(EventStoreTest, OpenWithoutAStoreDirectoryIsStoreMissing)
{
    const StoreLocation nowhere{m_dir.path() / "no-such-dir", {}};
    expectStoreError(EventStore::open(nowhere), Errc::store_missing);
    EXPECT_FALSE(fs::exists(nowhere.dataDir)) << "a failed open must not create anything";

    // An existing but empty directory is no store either, and stays empty.
    const StoreLocation empty{m_dir.path() / "empty", {}};
    fs::create_directories(empty.dataDir);
    expectStoreError(EventStore::open(empty), Errc::store_missing);
    EXPECT_TRUE(fs::is_empty(empty.dataDir));
}

TEST_F(EventStoreTest, OpenWithoutTheKeyFileIsKeyMissing)
{
    closeStore();
    fs::remove(m_where.key());
    const auto before = snapshot(m_where.dataDir);
    auto r = EventStore::open(m_where);
    expectStoreError(r, Errc::key_missing);
    EXPECT_NE(r.error().message.find("store.key"), std::string::npos) << r.error().message;
    EXPECT_TRUE(snapshot(m_where.dataDir) == before);
    EXPECT_FALSE(fs::exists(m_where.key())) << "open must never make a new key";
}

TEST_F(EventStoreTest, OpenWithAnotherRandomKeyIsWrongKey)
{
    closeStore();
    const std::string otherKey = crypto::toHex(StoreKey::random().bytes());
    ASSERT_NE(otherKey, keyHex());
    writeBytes(m_where.key(), otherKey + "\n");
    const auto before = snapshot(m_where.dataDir);
    auto r = EventStore::open(m_where);
    expectStoreError(r, Errc::wrong_key);
    EXPECT_EQ(r.error().message.find(otherKey), std::string::npos) << "a message must never show the key";
    EXPECT_TRUE(snapshot(m_where.dataDir) == before);
}

TEST_F(EventStoreTest, OpenWithAnotherKeyAndNoKeycheckIsStillWrongKey)
{
    // Without the fingerprint file, SQLCipher itself must tell the wrong key.
    closeStore();
    fs::remove(m_where.keyCheck());
    writeBytes(m_where.key(), crypto::toHex(StoreKey::random().bytes()) + "\n");
    const auto before = snapshot(m_where.dataDir);
    expectStoreError(EventStore::open(m_where), Errc::wrong_key);
    EXPECT_TRUE(snapshot(m_where.dataDir) == before);
}

TEST_F(EventStoreTest, OpenWithGarbageInTheKeyFileIsWrongKey)
{
    closeStore();
    for (const std::string& garbage :
         {std::string("this is not a key\n"), std::string(), std::string(63, 'a') + "\n",
          std::string(64, 'g') + "\n", keyHex().substr(0, 62) + "zz\n"}) {
        writeBytes(m_where.key(), garbage);
        const auto before = snapshot(m_where.dataDir);
        auto r = EventStore::open(m_where);
        expectStoreError(r, Errc::wrong_key);
        EXPECT_TRUE(snapshot(m_where.dataDir) == before) << "key file: " << garbage;
    }
}

// A damaged fingerprint file must not lock out the right key: decryption has the last word, and the file is
// written again. With a wrong key it stays a wrong key, and nothing is touched.
TEST_F(EventStoreTest, ADamagedKeycheckWithTheRightKeyOpensAndIsRewritten)
{
    openSessions(1100, 1);
    closeStore();
    const std::string hex = keyHex();
    auto key = KeyFile(m_where.key()).load();
    ASSERT_TRUE(key) << key.error().message;
    const std::string fingerprint = key->fingerprint();
    ASSERT_EQ(trimmed(readBytes(m_where.keyCheck())), fingerprint);
    const std::string otherFingerprint = StoreKey::random().fingerprint();
    ASSERT_NE(otherFingerprint, fingerprint);

    const std::vector<std::pair<std::string, std::optional<std::string>>> damage{
        {"64 'a's", std::string(64, 'a')},
        {"64 'a's and a line end", std::string(64, 'a') + "\n"},
        {"another key's fingerprint", otherFingerprint + "\n"},
        {"empty", std::string()},
        {"removed", std::nullopt},
    };
    for (const auto& [what, bytes] : damage) {
        SCOPED_TRACE(what);
        if (bytes)
            writeBytes(m_where.keyCheck(), *bytes);
        else
            fs::remove(m_where.keyCheck());
        {
            auto s = EventStore::open(m_where);
            ASSERT_TRUE(s) << s.error().message;
            EXPECT_EQ(trimmed(readBytes(m_where.keyCheck())), fingerprint) << "the fingerprint was not rewritten";
            EXPECT_EQ(modeOf(m_where.keyCheck()), 0600u);
            auto id = s->terminalId();
            ASSERT_TRUE(id) << id.error().message;
            EXPECT_EQ(*id, "T1");
            auto a = s->audit();
            ASSERT_TRUE(a) << a.error().message;
            EXPECT_TRUE(a->intact) << a->problem;
            EXPECT_EQ(a->events, 5);
        }
        EXPECT_EQ(keyHex(), hex) << "opening must never change the key";
    }
}

TEST_F(EventStoreTest, AWrongKeyWithADamagedKeycheckIsWrongKeyAndChangesNothing)
{
    closeStore();
    const std::string rightKey = keyHex();
    const std::string otherKey = crypto::toHex(StoreKey::random().bytes());
    ASSERT_NE(otherKey, rightKey);
    writeBytes(m_where.keyCheck(), std::string(64, 'a'));
    writeBytes(m_where.key(), otherKey + "\n");
    const auto before = snapshot(m_where.dataDir);
    auto r = EventStore::open(m_where);
    expectStoreError(r, Errc::wrong_key);
    EXPECT_EQ(r.error().message.find(otherKey), std::string::npos) << "a message must never show the key";
    EXPECT_TRUE(snapshot(m_where.dataDir) == before) << "a refused open changed the data directory";
    EXPECT_EQ(readBytes(m_where.keyCheck()), std::string(64, 'a')) << "a wrong key rewrote the fingerprint";

    // The right key still opens the store, and then repairs the fingerprint.
    writeBytes(m_where.key(), rightKey + "\n");
    auto ok = EventStore::open(m_where);
    ASSERT_TRUE(ok) << ok.error().message;
    auto key = KeyFile(m_where.key()).load();
    ASSERT_TRUE(key);
    EXPECT_EQ(trimmed(readBytes(m_where.keyCheck())), key->fingerprint());
}

TEST_F(EventStoreTest, OpenOfAStoreTruncatedTo512BytesIsStoreCorrupt)
{
    closeStore();
    fs::resize_file(m_where.database(), 512);
    const auto before = snapshot(m_where.dataDir);
    expectStoreError(EventStore::open(m_where), Errc::store_corrupt);
    EXPECT_TRUE(snapshot(m_where.dataDir) == before);
    EXPECT_EQ(fs::file_size(m_where.database()), 512u);
}

TEST_F(EventStoreTest, OpenOfAStoreTruncatedToHalfItsSizeIsStoreCorrupt)
{
    openSessions(10'000, 300);
    closeStore();
    ASSERT_FALSE(fs::exists(fs::path(m_where.database().string() + "-wal")))
        << "closing the last connection folds the WAL into the file";
    const auto full = fs::file_size(m_where.database());
    ASSERT_GT(full, 64u * 1024u) << "the store should have grown with 300 sessions";
    fs::resize_file(m_where.database(), full / 2);

    const auto before = snapshot(m_where.dataDir);
    expectStoreError(EventStore::open(m_where), Errc::store_corrupt);
    EXPECT_TRUE(snapshot(m_where.dataDir) == before) << "names now: " << ::testing::PrintToString(names(snapshot(m_where.dataDir)));
}

TEST_F(EventStoreTest, ACorruptedByteInTheMiddleIsNeverReadAsGoodData)
{
    openSessions(20'000, 300);
    const auto good = allEvents(*m_store);
    ASSERT_EQ(good.size(), 304u);
    closeStore();
    ASSERT_FALSE(fs::exists(fs::path(m_where.database().string() + "-wal")));

    std::string bytes = readBytes(m_where.database());
    const std::size_t middle = bytes.size() / 2;
    bytes[middle] = static_cast<char>(bytes[middle] ^ 0x5A);
    writeBytes(m_where.database(), bytes);

    auto s = EventStore::open(m_where);
    if (!s) {
        EXPECT_EQ(s.error().code, Errc::store_corrupt) << toString(s.error().code) << ": " << s.error().message;
        EXPECT_EQ(exitStatus(s.error().code), 3);
        return;
    }
    // Opened: the damage must show as a failed audit or a failed read, never as data.
    bool detected = false;
    auto a = s->audit();
    if (!a) {
        EXPECT_EQ(a.error().code, Errc::store_corrupt) << toString(a.error().code) << ": " << a.error().message;
        detected = true;
    } else if (!a->intact) {
        EXPECT_FALSE(a->problem.empty());
        detected = true;
    }
    auto evs = s->events(1, 1'000'000);
    if (!evs) {
        EXPECT_EQ(evs.error().code, Errc::store_corrupt) << toString(evs.error().code) << ": " << evs.error().message;
        detected = true;
    } else {
        // Whatever was read must be what was written.
        ASSERT_EQ(evs->size(), good.size());
        for (std::size_t i = 0; i < good.size(); ++i) {
            EXPECT_EQ((*evs)[i].id, good[i].id);
            EXPECT_EQ((*evs)[i].body, good[i].body);
        }
    }
    EXPECT_TRUE(detected) << "a corrupted byte at offset " << middle << " went unnoticed";
}

// Regression: EventStore::open once dereferenced a failed prepare when the meta table was gone.
// The open runs in a death-test child so that a crash fails this test and not the whole run.
TEST_F(EventStoreTest, OpenOfAStoreWithoutItsMetaTableIsStoreCorruptNotACrash)
{
    if (sqlcipherBinary().empty())
        GTEST_SKIP() << "the sqlcipher shell is not installed";
    closeStore();
    auto r = sqlcipherShell(m_where, "DROP TABLE meta;");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto where = m_where;
    EXPECT_EXIT(
        {
            auto s = EventStore::open(where);
            std::_Exit(!s && s.error().code == Errc::store_corrupt ? 42 : 1);
        },
        ::testing::ExitedWithCode(42), "");
}

// The read-only directory: as root (CI), permission bits do not stop writes, so the store goes on a tmpfs that
// is then remounted read-only; otherwise the data directory is made 0500 and the file 0400.
TEST_F(EventStoreTest, OpenOnAReadOnlyDirectoryIsAStoreErrorAndChangesNothing)
{
    TmpfsMount mnt;
    StoreLocation where = m_where;
    if (::geteuid() == 0) {
        const fs::path mp = m_dir.path() / "ro";
        if (auto e = mnt.mount(mp, "size=4m,mode=0700"); !e.empty())
            GTEST_SKIP() << "running as root, where permission bits do not stop writes, and " << e;
        where.dataDir = mp / "data";
        InitialConfig config{"T1", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                             m_issuer.trustJson()};
        auto made = EventStore::create(where, config, m_clock.now());
        ASSERT_TRUE(made) << made.error().message;
        auto t = Terminal::load(*made, m_clock);
        ASSERT_TRUE(t);
        ASSERT_TRUE(t->scan(ScanInput::qr(coupon(31)), Service::stay, "staff1"));
    } else {
        openSessions(31, 1);
    }
    closeStore();
    if (mnt.mounted()) {
        if (auto e = mnt.remount(MS_RDONLY, ""); !e.empty())
            GTEST_SKIP() << e;
    } else {
        fs::permissions(where.database(), fs::perms::owner_read);
        fs::permissions(where.dataDir, fs::perms::owner_read | fs::perms::owner_exec);
    }
    const auto before = snapshot(where.dataDir);

    {
        auto s = EventStore::open(where);
        if (s) {
            // Opening for reading may be allowed, but no write may pretend to succeed.
            auto t = Terminal::load(*s, m_clock);
            ASSERT_TRUE(t) << t.error().message;
            m_clock.advance(1h);
            auto r = t->scan(ScanInput::qr(coupon(32)), Service::stay, "staff1");
            ASSERT_FALSE(r) << "a scan was 'recorded' on a read-only store";
            EXPECT_EQ(r.error().code, Errc::store_read_only) << toString(r.error().code) << ": " << r.error().message;
            EXPECT_EQ(exitStatus(r.error().code), 3);
        } else {
            EXPECT_EQ(s.error().code, Errc::store_read_only) << toString(s.error().code) << ": " << s.error().message;
            EXPECT_EQ(exitStatus(s.error().code), 3);
            EXPECT_NE(s.error().message.find("writ"), std::string::npos) << s.error().message;
        }
    } // the store, if it opened, is closed here
    EXPECT_TRUE(snapshot(where.dataDir) == before);
}

TEST_F(EventStoreTest, CreateOnAReadOnlyDirectoryIsStoreReadOnly)
{
    TmpfsMount mnt;
    fs::path dir = m_dir.path() / "ro";
    if (::geteuid() == 0) {
        if (auto e = mnt.mount(dir, "size=1m,mode=0700"); !e.empty())
            GTEST_SKIP() << "running as root, where permission bits do not stop writes, and " << e;
        fs::create_directories(dir / "data");
        if (auto e = mnt.remount(MS_RDONLY, ""); !e.empty())
            GTEST_SKIP() << e;
    } else {
        fs::create_directories(dir / "data");
        fs::permissions(dir / "data", fs::perms::owner_read | fs::perms::owner_exec);
    }
    const StoreLocation where{dir / "data", {}};
    InitialConfig config{"T1", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                         m_issuer.trustJson()};
    auto made = EventStore::create(where, config, m_clock.now());
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, Errc::store_read_only) << toString(made.error().code) << ": " << made.error().message;
    EXPECT_EQ(exitStatus(made.error().code), 3);
    EXPECT_TRUE(fs::is_empty(where.dataDir));
}

TEST_F(EventStoreTest, OpenOfAFileThatIsNoStoreIsStoreCorrupt)
{
    closeStore();
    std::string noise(8192, '\0');
    crypto::randomBytes(reinterpret_cast<std::uint8_t*>(noise.data()), noise.size());
    writeBytes(m_where.database(), noise);
    const auto before = snapshot(m_where.dataDir);
    expectStoreError(EventStore::open(m_where), Errc::store_corrupt);
    EXPECT_TRUE(snapshot(m_where.dataDir) == before);
}

// ============================================================================================
// disk full
// ============================================================================================

class EventStoreDiskFullTest : public ::testing::Test {
protected:
    void TearDown() override
    {
        m_terminal.reset();
        m_store.reset();
        m_mount.unmount();
    }

    std::string coupon(std::uint64_t n)
    {
        TestIssuer::Claims c;
        c.couponId = TestIssuer::makeCouponId(n);
        return m_issuer.issue(c);
    }

    void load()
    {
        auto s = EventStore::open(m_where);
        ASSERT_TRUE(s) << s.error().message;
        m_store = std::make_unique<EventStore>(std::move(*s));
        auto t = Terminal::load(*m_store, m_clock);
        ASSERT_TRUE(t) << t.error().message;
        m_terminal = std::make_unique<Terminal>(std::move(*t));
    }

    TempDir m_dir;
    TmpfsMount m_mount;
    StoreLocation m_where;
    FakeClock m_clock{kApril3Morning};
    TestIssuer m_issuer;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Terminal> m_terminal;
};

TEST_F(EventStoreDiskFullTest, AFullDiskFailsTheScanWithDiskFullAndKeepsEverythingBefore)
{
    const fs::path mp = m_dir.path() / "small";
    if (auto e = m_mount.mount(mp, "size=512k,mode=0700"); !e.empty())
        GTEST_SKIP() << "a full disk needs a small tmpfs: " << e;
    m_where.dataDir = mp / "data";
    {
        InitialConfig config{"T1", readJson(testDataDir() / "policy.json"),
                             readJson(testDataDir() / "provider.json"), m_issuer.trustJson()};
        auto made = EventStore::create(m_where, config, m_clock.now());
        ASSERT_TRUE(made) << made.error().message;
    }
    load();

    std::vector<std::string> recorded;
    std::optional<Error> failure;
    std::uint64_t failedCoupon = 0;
    for (std::uint64_t n = 1; n <= 5000; ++n) {
        m_clock.advance(1min);
        auto r = m_terminal->scan(ScanInput::qr(coupon(n)), Service::stay, "staff1");
        if (!r) {
            failure = r.error();
            failedCoupon = n;
            break;
        }
        ASSERT_EQ(r->action, ScanAction::opened);
        recorded.push_back(r->session.sessionId);
    }
    ASSERT_TRUE(failure) << "256 KiB never filled up";
    EXPECT_EQ(failure->code, Errc::disk_full) << toString(failure->code) << ": " << failure->message;
    EXPECT_EQ(exitStatus(failure->code), 3);
    EXPECT_NE(failure->message.find("full"), std::string::npos) << failure->message;
    EXPECT_GT(recorded.size(), 5u) << "the store filled up suspiciously early";

    // The same connection still sees exactly what was committed.
    {
        auto n = m_store->eventCount();
        ASSERT_TRUE(n) << n.error().message;
        EXPECT_EQ(*n, 4 + static_cast<std::int64_t>(recorded.size()));
        auto open = m_store->openSessionFor(TestIssuer::makeCouponId(failedCoupon));
        ASSERT_TRUE(open);
        EXPECT_FALSE(*open) << "the failed scan left a session behind";
    }

    // After a restart: everything acknowledged is there, the failed scan is not, the chain is intact.
    m_terminal.reset();
    m_store.reset();
    load();
    auto n = m_store->eventCount();
    ASSERT_TRUE(n) << n.error().message;
    EXPECT_EQ(*n, 4 + static_cast<std::int64_t>(recorded.size()));
    for (const auto& id : recorded) {
        auto s = m_store->session(id);
        ASSERT_TRUE(s) << s.error().message;
        ASSERT_TRUE(*s) << "session " << id << " was acknowledged but is lost";
        EXPECT_EQ((*s)->status, SessionStatus::open);
    }
    auto c = m_store->coupon(TestIssuer::makeCouponId(failedCoupon));
    ASSERT_TRUE(c);
    EXPECT_FALSE(*c) << "half of the failed scan was written (its coupon projection)";
    auto all = m_store->sessions(std::nullopt, std::nullopt, false);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), recorded.size());
    auto a = m_store->audit();
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_TRUE(a->intact) << a->problem;
    EXPECT_EQ(a->events, 4 + static_cast<std::int64_t>(recorded.size()));

    // With space again, the same scan goes through.
    ASSERT_EQ(m_mount.remount(0, "size=4m"), "");
    m_clock.advance(1min);
    auto again = m_terminal->scan(ScanInput::qr(coupon(failedCoupon)), Service::stay, "staff1");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->action, ScanAction::opened);
    auto a2 = m_store->audit();
    ASSERT_TRUE(a2);
    EXPECT_TRUE(a2->intact) << a2->problem;
}

TEST_F(EventStoreDiskFullTest, CreateOnAFullDiskFailsWithDiskFullAndLeavesNothing)
{
    const fs::path mp = m_dir.path() / "small";
    if (auto e = m_mount.mount(mp, "size=256k,mode=0700"); !e.empty())
        GTEST_SKIP() << "a full disk needs a small tmpfs: " << e;
    // Fill the file system but for two pages: room for the key file, not for a store.
    {
        std::ofstream filler(mp / "filler", std::ios::binary);
        const std::string block(4096, 'x');
        for (int i = 0; i < 62; ++i)
            filler.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
    m_where.dataDir = mp / "data";
    fs::create_directories(m_where.dataDir);
    InitialConfig config{"T1", readJson(testDataDir() / "policy.json"), readJson(testDataDir() / "provider.json"),
                         m_issuer.trustJson()};
    auto made = EventStore::create(m_where, config, m_clock.now());
    ASSERT_FALSE(made) << "a store was made on a full disk";
    EXPECT_EQ(made.error().code, Errc::disk_full) << toString(made.error().code) << ": " << made.error().message;
    EXPECT_EQ(exitStatus(made.error().code), 3);
    EXPECT_FALSE(fs::exists(m_where.database()));
    // Regression: a failed create once left the new store.key behind, so a failed `sango init` changed the
    // data directory.
    EXPECT_EQ(names(snapshot(m_where.dataDir)), std::vector<std::string>{}) << "a failed create left files behind";
}

// ============================================================================================
// append-only and the hash chain
// ============================================================================================

class EventStoreTamperTest : public EventStoreTest {
protected:
    void SetUp() override
    {
        EventStoreTest::SetUp();
        if (HasFatalFailure())
            return;
        if (sqlcipherBinary().empty())
            GTEST_SKIP() << "the sqlcipher shell is not installed";
        // Events 5, 6, 7: three sessions opened; 8: the first closed.
        openSessions(500, 3);
        m_clock.advance(2h);
        auto r = scanQr(500);
        ASSERT_TRUE(r) << r.error().message;
        ASSERT_EQ(r->action, ScanAction::closed);
        m_original = allEvents(*m_store);
        ASSERT_EQ(m_original.size(), 8u);
        closeStore();
    }

    void tamper(const std::string& sql)
    {
        auto r = sqlcipherShell(m_where, sql);
        ASSERT_EQ(r.exitCode, 0) << "sqlcipher: " << r.err << r.out;
    }

    AuditResult auditAfterReopen()
    {
        auto s = EventStore::open(m_where);
        EXPECT_TRUE(s) << s.error().message;
        if (!s)
            return {};
        auto a = s->audit();
        EXPECT_TRUE(a) << a.error().message;
        m_after = s->events(1, 1000).value_or(std::vector<Event>{});
        return a ? *a : AuditResult{};
    }

    std::vector<Event> m_original;
    std::vector<Event> m_after;
};

TEST_F(EventStoreTamperTest, TheShellCanReadTheStoreWithTheRawKey)
{
    auto r = sqlcipherShell(m_where, "SELECT count(*) FROM events;");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(trimmed(r.out), "8");
}

TEST_F(EventStoreTamperTest, UpdateAndDeleteOfEventsAreRefusedByTheTriggers)
{
    auto up = sqlcipherShell(m_where, "UPDATE events SET body = '{}' WHERE seq = 6;");
    EXPECT_NE(up.exitCode, 0);
    EXPECT_NE(up.err.find("append-only"), std::string::npos) << up.err;

    auto del = sqlcipherShell(m_where, "DELETE FROM events WHERE seq = 8;");
    EXPECT_NE(del.exitCode, 0);
    EXPECT_NE(del.err.find("append-only"), std::string::npos) << del.err;

    auto a = auditAfterReopen();
    EXPECT_TRUE(a.intact) << a.problem;
    EXPECT_EQ(a.events, 8);
    ASSERT_EQ(m_after.size(), m_original.size());
    for (std::size_t i = 0; i < m_after.size(); ++i)
        EXPECT_EQ(m_after[i].body, m_original[i].body);
}

TEST_F(EventStoreTamperTest, AChangedBodyIsFoundAtItsSeq)
{
    ASSERT_EQ(m_original[5].body.value("staff_id", ""), "staff1");
    tamper(std::string(kDropTriggers) + "UPDATE events SET body = replace(body, 'staff1', 'staff2') WHERE seq = 6;");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 8u);
    ASSERT_EQ(m_after[5].body.value("staff_id", ""), "staff2") << "the tamper did not happen";
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 6);
    EXPECT_NE(a.problem.find("6"), std::string::npos) << a.problem;
    EXPECT_NE(a.problem.find("changed"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, AChangedTimeIsFoundAtItsSeq)
{
    tamper(std::string(kDropTriggers) + "UPDATE events SET at = at - 3600 WHERE seq = 7;");
    auto a = auditAfterReopen();
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 7);
    EXPECT_FALSE(a.problem.empty());
}

TEST_F(EventStoreTamperTest, AChangedEventWithARecomputedHashIsFoundAtTheNextEvent)
{
    // A forger who recomputes the changed event's own hash still breaks the link to the next event.
    const Event& ev = m_original[5];
    json body = ev.body;
    body["staff_id"] = "forger";
    const std::string text = body.dump();
    ASSERT_EQ(text.find('\''), std::string::npos);
    const auto hash = Event::chainHash(ev.prevHash, ev.seq, ev.id, ev.type, ev.at.time_since_epoch().count(), text);
    tamper(std::string(kDropTriggers) + "UPDATE events SET body = '" + text + "', hash = X'" + crypto::toHex(hash) +
           "' WHERE seq = 6;");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 8u);
    ASSERT_EQ(m_after[5].body.value("staff_id", ""), "forger");
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 7);
    EXPECT_NE(a.problem.find("does not follow"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, ADeletedMiddleEventIsAGap)
{
    tamper(std::string(kDropTriggers) + "DELETE FROM events WHERE seq = 6;");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 7u);
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 6);
    EXPECT_NE(a.problem.find("missing"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, ADeletedFirstEventIsAGap)
{
    tamper(std::string(kDropTriggers) + "DELETE FROM events WHERE seq = 1;");
    auto a = auditAfterReopen();
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 1);
    EXPECT_FALSE(a.problem.empty());
}

TEST_F(EventStoreTamperTest, TwoSwappedEventsAreFound)
{
    tamper(std::string(kDropTriggers) +
           "UPDATE events SET seq = -6 WHERE seq = 6; UPDATE events SET seq = 6 WHERE seq = 7; "
           "UPDATE events SET seq = 7 WHERE seq = -6;");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 8u);
    ASSERT_EQ(m_after[5].id, m_original[6].id) << "the swap did not happen";
    ASSERT_EQ(m_after[6].id, m_original[5].id);
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 6);
    EXPECT_NE(a.problem.find("reordered"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, ADeletedLastEventIsFoundThroughTheRecordedHead)
{
    tamper(std::string(kDropTriggers) + "DELETE FROM events WHERE seq = 8;");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 7u);
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 8);
    EXPECT_NE(a.problem.find("removed"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, AReplacedLastEventIsFoundThroughTheRecordedHeadHash)
{
    // The last event's body changed and its own hash recomputed: only the head hash in meta tells.
    const Event& ev = m_original[7];
    json body = ev.body;
    body["billed_minutes"] = 600;
    const std::string text = body.dump();
    const auto hash = Event::chainHash(ev.prevHash, ev.seq, ev.id, ev.type, ev.at.time_since_epoch().count(), text);
    tamper(std::string(kDropTriggers) + "UPDATE events SET body = '" + text + "', hash = X'" + crypto::toHex(hash) +
           "' WHERE seq = 8;");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 8u);
    ASSERT_EQ(m_after[7].body.value("billed_minutes", 0), 600) << "the tamper did not happen";
    EXPECT_FALSE(a.intact);
    // Regression: audit() once blamed a missing event 9 ("events were removed from the end") when the recorded
    // head hash did not match: the bad event is 8, and nothing was removed.
    EXPECT_EQ(a.brokenAt, 8) << a.problem;
    EXPECT_EQ(a.problem.find("removed"), std::string::npos) << a.problem;
    EXPECT_FALSE(a.problem.empty());
}

// Reports are built from the projections, so a change there (with the events untouched) must show too.
TEST_F(EventStoreTamperTest, AChangedProjectionIsFoundAgainstTheReplayedEvents)
{
    tamper("UPDATE sessions SET billed_minutes = billed_minutes + 30 WHERE status = 'closed';");
    auto a = auditAfterReopen();
    EXPECT_FALSE(a.intact);
    EXPECT_NE(a.problem.find("sessions"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, ADeletedProjectionRowIsFound)
{
    tamper("DELETE FROM coupons;");
    auto a = auditAfterReopen();
    EXPECT_FALSE(a.intact);
    EXPECT_NE(a.problem.find("coupons"), std::string::npos) << a.problem;
}

TEST_F(EventStoreTamperTest, TheUntouchedStoreIsIntact)
{
    auto a = auditAfterReopen();
    EXPECT_TRUE(a.intact) << a.problem;
    EXPECT_EQ(a.events, 8);
    EXPECT_EQ(a.brokenAt, 0);
}

// An event whose body is not a JSON object (no terminal writes one), added with the sqlcipher shell: audit()
// answers, not intact, rather than failing or crashing.
TEST_F(EventStoreTamperTest, AnAddedEventWithANonObjectBodyIsNotIntact)
{
    tamper(std::string(kDropTriggers) +
           "INSERT INTO events(seq, id, type, at, body, prev_hash, hash) VALUES (9, "
           "'00000000-0000-4000-8000-000000000009', 'session_opened', 1775185200, '[1,2,3]', "
           "(SELECT hash FROM events WHERE seq = 8), zeroblob(32));");
    auto a = auditAfterReopen();
    ASSERT_EQ(m_after.size(), 9u) << "the tamper did not happen";
    EXPECT_FALSE(m_after[8].body.is_object());
    EXPECT_FALSE(a.intact);
    EXPECT_EQ(a.brokenAt, 9) << a.problem;
    EXPECT_FALSE(a.problem.empty());
}

// The same, with the chain kept right: the event's hash computed as Sango would, and the recorded head moved to
// it. Only the body is wrong now, and audit() must still answer with a value that says where.
TEST_F(EventStoreTamperTest, AChainedEventWithANonObjectBodyIsNotIntact)
{
    for (const std::string body : {"[1,2,3]", "\"text\"", "42", "null"}) {
        SCOPED_TRACE(body);
        const std::int64_t seq = 9;
        const std::string id = "00000000-0000-4000-8000-000000000009";
        const std::int64_t atSec = 1775185200;
        const auto hash = Event::chainHash(m_original[7].hash, seq, id, event_type::session_opened, atSec, body);
        tamper(std::string("DROP TRIGGER IF EXISTS events_append_only_update; "
                           "DROP TRIGGER IF EXISTS events_append_only_delete; DELETE FROM events WHERE seq = 9; ") +
               "INSERT INTO events(seq, id, type, at, body, prev_hash, hash) VALUES (9, '" + id +
               "', 'session_opened', " + std::to_string(atSec) + ", '" + body + "', X'" +
               crypto::toHex(m_original[7].hash) + "', X'" + crypto::toHex(hash) + "'); " +
               "UPDATE meta SET value = '9' WHERE key = 'head_seq'; UPDATE meta SET value = '" + crypto::toHex(hash) +
               "' WHERE key = 'head_hash';");
        auto s = EventStore::open(m_where);
        ASSERT_TRUE(s) << s.error().message;
        auto evs = s->events(9, 1);
        ASSERT_TRUE(evs && evs->size() == 1u) << "the tamper did not happen";
        ASSERT_EQ(evs->front().hash, hash);
        auto a = s->audit();
        // Regression: audit() once returned an error here instead of its answer (the replay of the projections
        // refuses a non-object body), so `sango audit` printed {"result": "store_corrupt"} without broken_at.
        ASSERT_TRUE(a) << "audit() failed instead of answering: " << toString(a.error().code) << ": "
                       << a.error().message;
        EXPECT_FALSE(a->intact);
        EXPECT_EQ(a->brokenAt, 9) << a->problem;
        EXPECT_FALSE(a->problem.empty());
    }
}

// ============================================================================================
// encryption: no plaintext in any file of the store
// ============================================================================================

TEST_F(EventStoreTest, TheStoreFileIsEncrypted)
{
    closeStore();
    const std::string head = readBytes(m_where.database()).substr(0, 16);
    ASSERT_EQ(head.size(), 16u);
    EXPECT_NE(head, std::string("SQLite format 3\0", 16));
    EXPECT_EQ(head.find("SQLite"), std::string::npos);

    if (sqlcipherBinary().empty())
        GTEST_SKIP() << "the sqlcipher shell is not installed";
    auto noKey = sqlcipherShell(m_where, "SELECT count(*) FROM events;", /*withKey=*/false);
    EXPECT_NE(noKey.exitCode, 0) << "read without a key: " << noKey.out;
    auto version = sqlcipherShell(m_where, "PRAGMA cipher_version;");
    EXPECT_EQ(version.exitCode, 0) << version.err;
    EXPECT_EQ(trimmed(version.out).rfind("3.", 0), 0u) << "SQLCipher 3.x: " << version.out;
}

class EventStorePlaintextTest : public EventStoreTest {
protected:
    void SetUp() override
    {
        EventStoreTest::SetUp();
        if (HasFatalFailure())
            return;
        // Distinctive ids (not mostly zeroes), scanned as QR codes and typed in.
        for (std::uint64_t k = 0; k < 4; ++k)
            m_ids.push_back(TestIssuer::makeCouponId(0x3A5C7E91B2ull * (k + 3)));
        m_unverifiedTyped = TestIssuer::makeCouponId(0x7D4B29E613ull);

        auto qr = [&](const std::string& id, Service s) {
            TestIssuer::Claims c;
            c.couponId = id;
            m_clock.advance(1min);
            auto r = m_terminal->scan(ScanInput::qr(m_issuer.issue(c)), s, "staff1");
            ASSERT_TRUE(r) << r.error().message;
            m_sessionIds.push_back(r->session.sessionId);
        };
        auto typed = [&](const std::string& text, Service s) {
            m_clock.advance(1min);
            auto r = m_terminal->scan(ScanInput::typed(text), s, "staff1");
            ASSERT_TRUE(r) << r.error().message;
            m_sessionIds.push_back(r->session.sessionId);
        };
        qr(m_ids[0], Service::stay);
        qr(m_ids[1], Service::day);
        qr(m_ids[2], Service::visit);
        m_clock.advance(1h);
        // Typed in its grouped, lower-case form: closes the session opened by QR.
        std::string g = couponid::grouped(m_ids[0]);
        std::transform(g.begin(), g.end(), g.begin(), [](char ch) {
            return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        });
        typed(g, Service::stay);
        qr(m_ids[1], Service::day);
        typed(couponid::grouped(m_unverifiedTyped), Service::visit);
        typed(m_ids[3], Service::stay); // typed, never seen: unverified
        m_ids.push_back(m_unverifiedTyped);
    }

    // Every needle that must not appear in any file of the store.
    std::vector<std::string> needles() const
    {
        std::vector<std::string> out;
        for (const auto& id : m_ids) {
            out.push_back(id);
            out.push_back(couponid::grouped(id));
        }
        out.emplace_back(event_type::session_opened);
        out.emplace_back(event_type::session_closed);
        out.emplace_back("store_initialised");
        out.emplace_back("staff1");
        // "T1-" alone is three bytes and would turn up in ciphertext by chance now and then (about 2^-24 per
        // offset); the session ids it begins ("T1-000005" ...) and the prefix with its zero padding cannot.
        out.emplace_back("T1-0000");
        for (const auto& s : m_sessionIds)
            out.push_back(s);
        return out;
    }

    void expectNoPlaintext()
    {
        const auto files = snapshot(m_where.dataDir);
        ASSERT_TRUE(files.count("sango.db"));
        for (const auto& [name, bytes] : files)
            for (const auto& needle : needles())
                EXPECT_EQ(bytes.find(needle), std::string::npos)
                    << "\"" << needle << "\" in plaintext in " << name << " at offset " << bytes.find(needle);
    }

    std::vector<std::string> m_ids;
    std::string m_unverifiedTyped;
    std::vector<std::string> m_sessionIds;
};

TEST_F(EventStorePlaintextTest, TheScansWereRecorded)
{
    ASSERT_EQ(m_sessionIds.size(), 7u);
    for (const auto& s : m_sessionIds)
        EXPECT_EQ(s.rfind("T1-0000", 0), 0u) << s;
    auto used = m_store->usedMinutes(m_ids[0]);
    ASSERT_TRUE(used);
    EXPECT_EQ(*used, 60);
    auto unverified = m_store->openSessionFor(m_unverifiedTyped);
    ASSERT_TRUE(unverified);
    ASSERT_TRUE(*unverified);
    EXPECT_TRUE((*unverified)->hasFlag("unverified"));
    EXPECT_EQ((*unverified)->source, SessionSource::manual);
}

TEST_F(EventStorePlaintextTest, NoCouponIdInAnyFileWhileTheStoreIsOpen)
{
    const fs::path wal = m_where.database().string() + "-wal";
    ASSERT_TRUE(fs::exists(wal));
    ASSERT_GT(fs::file_size(wal), 0u) << "the recent scans should still be in the WAL";
    expectNoPlaintext();
}

TEST_F(EventStorePlaintextTest, NoCouponIdInAnyFileWhenTheStoreIsClosed)
{
    closeStore();
    expectNoPlaintext();
}

// ============================================================================================
// projections survive a restart
// ============================================================================================

TEST_F(EventStoreTest, ProjectionsAndTheChainSurviveAReopen)
{
    const std::string a = TestIssuer::makeCouponId(701), b = TestIssuer::makeCouponId(702),
                      c = TestIssuer::makeCouponId(703);
    auto ra = scanQr(701, Service::stay); // 10:00
    ASSERT_TRUE(ra) << ra.error().message;
    auto rb = scanQr(702, Service::day); // 10:00
    ASSERT_TRUE(rb) << rb.error().message;
    m_clock.advance(1min);
    auto rc = scanQr(703, Service::visit); // 10:01
    ASSERT_TRUE(rc) << rc.error().message;
    m_clock.set(kApril3Morning + 60min);
    auto closeB = scanQr(702, Service::day); // 11:00: 60 min -> 60
    ASSERT_TRUE(closeB) << closeB.error().message;
    ASSERT_EQ(closeB->action, ScanAction::closed);
    m_clock.set(kApril3Morning + 123min);
    auto closeA = scanQr(701, Service::stay); // 12:03: 123 min -> floor((123 + 5) / 30) * 30 = 120
    ASSERT_TRUE(closeA) << closeA.error().message;
    ASSERT_EQ(closeA->action, ScanAction::closed);
    EXPECT_EQ(ra->session.sessionId, "T1-000005");
    EXPECT_EQ(rb->session.sessionId, "T1-000006");
    EXPECT_EQ(rc->session.sessionId, "T1-000007");

    reopen();

    auto all = m_store->sessions(std::nullopt, std::nullopt, false);
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].couponId, a);
    EXPECT_EQ((*all)[1].couponId, b);
    EXPECT_EQ((*all)[2].couponId, c);
    EXPECT_EQ((*all)[0].status, SessionStatus::closed);
    EXPECT_EQ((*all)[0].service, Service::stay);
    EXPECT_EQ((*all)[0].start, kApril3Morning);
    EXPECT_EQ((*all)[0].stop, std::optional<Instant>(kApril3Morning + 123min));
    EXPECT_EQ((*all)[0].actualMinutes, std::optional<int>(123));
    EXPECT_EQ((*all)[0].billedMinutes, std::optional<int>(120));
    EXPECT_EQ((*all)[0].date, april(3));
    EXPECT_EQ((*all)[0].staffId, "staff1");
    EXPECT_EQ((*all)[0].source, SessionSource::qr);
    EXPECT_EQ((*all)[1].billedMinutes, std::optional<int>(60));
    EXPECT_EQ((*all)[2].status, SessionStatus::open);
    EXPECT_FALSE((*all)[2].stop);

    auto open = m_store->sessions(std::nullopt, std::nullopt, true);
    ASSERT_TRUE(open);
    ASSERT_EQ(open->size(), 1u);
    EXPECT_EQ((*open)[0].sessionId, "T1-000007");

    auto oc = m_store->openSessionFor(c);
    ASSERT_TRUE(oc);
    ASSERT_TRUE(*oc);
    EXPECT_EQ((*oc)->sessionId, "T1-000007");
    EXPECT_EQ((*oc)->service, Service::visit);
    auto oa = m_store->openSessionFor(a);
    ASSERT_TRUE(oa);
    EXPECT_FALSE(*oa);

    auto usedA = m_store->usedMinutes(a);
    auto usedB = m_store->usedMinutes(b);
    auto usedC = m_store->usedMinutes(c);
    ASSERT_TRUE(usedA && usedB && usedC);
    EXPECT_EQ(*usedA, 120);
    EXPECT_EQ(*usedB, 60);
    EXPECT_EQ(*usedC, 0);
    auto usedExcept = m_store->usedMinutes(a, "T1-000005");
    ASSERT_TRUE(usedExcept);
    EXPECT_EQ(*usedExcept, 0);

    auto day = m_store->dailyTotals(april(1), april(30));
    ASSERT_TRUE(day) << day.error().message;
    ASSERT_EQ(day->size(), 2u);
    EXPECT_EQ((*day)[0].date, april(3));
    EXPECT_EQ((*day)[0].service, Service::stay);
    EXPECT_EQ((*day)[0].sessions, 1);
    EXPECT_EQ((*day)[0].billedMinutes, 120);
    EXPECT_EQ((*day)[1].service, Service::day);
    EXPECT_EQ((*day)[1].sessions, 1);
    EXPECT_EQ((*day)[1].billedMinutes, 60);
    auto nextDay = m_store->dailyTotals(april(4), april(4));
    ASSERT_TRUE(nextDay);
    EXPECT_TRUE(nextDay->empty());
    auto later = m_store->sessions(april(4), april(30), false);
    ASSERT_TRUE(later);
    EXPECT_TRUE(later->empty());

    auto ca = m_store->coupon(a);
    ASSERT_TRUE(ca);
    ASSERT_TRUE(*ca);
    EXPECT_TRUE((*ca)->verified);
    EXPECT_EQ((*ca)->grantMinutes, std::optional<int>(2520));
    auto bal = m_terminal->balance(a);
    ASSERT_TRUE(bal) << bal.error().message;
    EXPECT_EQ(bal->balanceMinutes, std::optional<std::int64_t>(2400));

    auto count = m_store->eventCount();
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, 9);
    auto audit = m_store->audit();
    ASSERT_TRUE(audit) << audit.error().message;
    EXPECT_TRUE(audit->intact) << audit->problem;
    EXPECT_EQ(audit->events, 9);

    // The restarted terminal carries on from the same state: C's open session closes, the chain grows.
    m_clock.set(kApril3Morning + 130min);
    auto closeC = scanQr(703, Service::visit);
    ASSERT_TRUE(closeC) << closeC.error().message;
    EXPECT_EQ(closeC->action, ScanAction::closed);
    EXPECT_EQ(closeC->session.sessionId, "T1-000007");
    reopen();
    auto audit2 = m_store->audit();
    ASSERT_TRUE(audit2);
    EXPECT_TRUE(audit2->intact) << audit2->problem;
    EXPECT_EQ(audit2->events, 10);
    auto last = m_store->events(10, 1);
    ASSERT_TRUE(last);
    ASSERT_EQ(last->size(), 1u);
    EXPECT_EQ(last->front().type, event_type::session_closed);
    EXPECT_EQ(last->front().prevHash, allEvents(*m_store)[8].hash);
    auto none = m_store->events(11, 1);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

// ============================================================================================
// atomicity
// ============================================================================================

events::SessionOpened openedBody(const std::string& sessionId, const std::string& couponId)
{
    return *events::SessionOpened::fromJson(json{{"session_id", sessionId},
            {"coupon_id", couponId},
            {"source", "qr"},
            {"service", "stay"},
            {"start", kApril3Morning.time_since_epoch().count()},
            {"date", "2026-04-03"},
            {"staff_id", "staff1"},
            {"flags", json::array()},
            {"coupon", {{"verified", true}, {"type", "standard"}, {"grant", 2520}, {"services", {"stay"}},
                        {"expires", 1901145600}}}});
}

TEST_F(EventStoreTest, AWriteDestroyedWithoutCommitLeavesNothing)
{
    const std::string cid = TestIssuer::makeCouponId(801);
    {
        auto w = m_store->beginWrite();
        ASSERT_TRUE(w) << w.error().message;
        auto e1 = m_store->append(events::StaffAdded{"m1", "manager", "h"}, m_clock.now());
        ASSERT_TRUE(e1) << e1.error().message;
        EXPECT_EQ(e1->seq, 5);
        auto e2 = m_store->append(openedBody("T1-X1", cid), m_clock.now());
        ASSERT_TRUE(e2) << e2.error().message;
        EXPECT_EQ(e2->seq, 6);
        EXPECT_EQ(e2->prevHash, e1->hash);
        // Inside the write, its own appends are visible.
        auto inside = m_store->eventCount();
        ASSERT_TRUE(inside);
        EXPECT_EQ(*inside, 6);
        auto staff = m_store->staffCount();
        ASSERT_TRUE(staff);
        EXPECT_EQ(*staff, 1);
        auto open = m_store->openSessionFor(cid);
        ASSERT_TRUE(open);
        EXPECT_TRUE(*open);
    } // no commit

    auto n = m_store->eventCount();
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 4);
    auto staff = m_store->staffCount();
    ASSERT_TRUE(staff);
    EXPECT_EQ(*staff, 0);
    auto m1 = m_store->staff("m1");
    ASSERT_TRUE(m1);
    EXPECT_FALSE(*m1);
    auto open = m_store->openSessionFor(cid);
    ASSERT_TRUE(open);
    EXPECT_FALSE(*open);
    auto all = m_store->sessions(std::nullopt, std::nullopt, false);
    ASSERT_TRUE(all);
    EXPECT_TRUE(all->empty());
    auto cp = m_store->coupon(cid);
    ASSERT_TRUE(cp);
    EXPECT_FALSE(*cp);

    // Outside a write an append is refused.
    auto outside = m_store->append(events::StaffAdded{"m2", "staff", "h"}, m_clock.now());
    ASSERT_FALSE(outside);
    EXPECT_EQ(outside.error().code, Errc::store_io);

    // The next committed event takes seq 5, chained to event 4: the rolled-back ones left no trace.
    auto committed = m_store->transact([&]() -> Expected<Event> {
        return m_store->append(events::StaffAdded{"m3", "staff", "h"}, m_clock.now());
    });
    ASSERT_TRUE(committed) << committed.error().message;
    EXPECT_EQ(committed->seq, 5);
    EXPECT_EQ(committed->prevHash, allEvents(*m_store)[3].hash);

    reopen();
    auto after = m_store->eventCount();
    ASSERT_TRUE(after);
    EXPECT_EQ(*after, 5);
    auto a = m_store->audit();
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->intact) << a->problem;
}

TEST_F(EventStoreTest, ATransactionWhoseWorkFailsIsRolledBack)
{
    const std::string cid = TestIssuer::makeCouponId(802);
    auto r = m_store->transact([&]() -> Expected<void> {
        auto e = m_store->append(openedBody("T1-X2", cid), m_clock.now());
        if (!e)
            return tl::unexpected(e.error());
        return fail(Errc::no_balance, "refused after the append");
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::no_balance);
    auto n = m_store->eventCount();
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 4);
    auto s = m_store->session("T1-X2");
    ASSERT_TRUE(s);
    EXPECT_FALSE(*s);

    // A refused scan through the Terminal records nothing either.
    auto bad = m_terminal->scan(ScanInput::qr("SGC1:not-a-coupon"), Service::stay, "staff1");
    ASSERT_FALSE(bad);
    EXPECT_EQ(exitStatus(bad.error().code), 2);
    auto n2 = m_store->eventCount();
    ASSERT_TRUE(n2);
    EXPECT_EQ(*n2, 4);
}

TEST_F(EventStoreTest, AnUncommittedWriteIsInvisibleToAnotherConnectionUntilCommit)
{
    auto other = EventStore::open(m_where);
    ASSERT_TRUE(other) << other.error().message;
    auto w = m_store->beginWrite();
    ASSERT_TRUE(w);
    auto e = m_store->append(openedBody("T1-X3", TestIssuer::makeCouponId(803)), m_clock.now());
    ASSERT_TRUE(e) << e.error().message;
    auto seen = other->eventCount();
    ASSERT_TRUE(seen) << seen.error().message;
    EXPECT_EQ(*seen, 4);
    auto s = other->session("T1-X3");
    ASSERT_TRUE(s);
    EXPECT_FALSE(*s);
    ASSERT_TRUE(w->commit());
    auto seen2 = other->eventCount();
    ASSERT_TRUE(seen2);
    EXPECT_EQ(*seen2, 5);
    auto s2 = other->session("T1-X3");
    ASSERT_TRUE(s2);
    EXPECT_TRUE(*s2);
}

// ============================================================================================
// concurrency: two store objects on the same files, as two processes would have
// ============================================================================================

void expectContiguousAndIntact(EventStore& store, std::int64_t expected)
{
    auto evs = store.events(1, 1'000'000);
    ASSERT_TRUE(evs) << evs.error().message;
    ASSERT_EQ(static_cast<std::int64_t>(evs->size()), expected);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < evs->size(); ++i) {
        EXPECT_EQ((*evs)[i].seq, static_cast<std::int64_t>(i + 1));
        if (i > 0) {
            EXPECT_EQ((*evs)[i].prevHash, (*evs)[i - 1].hash) << "seq " << (*evs)[i].seq;
        }
        ids.insert((*evs)[i].id);
    }
    EXPECT_EQ(static_cast<std::int64_t>(ids.size()), expected);
    auto a = store.audit();
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_TRUE(a->intact) << a->problem;
    EXPECT_EQ(a->events, expected);
}

TEST_F(EventStoreTest, TwoStoreObjectsAppendingAlternatelySeeEverything)
{
    closeStore();
    auto first = EventStore::open(m_where);
    auto second = EventStore::open(m_where);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(second) << second.error().message;
    EventStore* stores[2] = {&*first, &*second};
    constexpr int kRounds = 15;
    for (int i = 0; i < kRounds; ++i) {
        for (int who = 0; who < 2; ++who) {
            EventStore& s = *stores[who];
            const std::string staffId = (who == 0 ? "a" : "b") + std::to_string(i);
            auto e = s.transact([&]() -> Expected<Event> {
                return s.append(events::StaffAdded{staffId, "staff", "h"}, m_clock.now());
            });
            ASSERT_TRUE(e) << e.error().message;
            EXPECT_EQ(e->seq, 5 + 2 * i + who);
        }
    }
    for (EventStore* s : stores) {
        expectContiguousAndIntact(*s, 4 + 2 * kRounds);
        auto staff = s->staffCount();
        ASSERT_TRUE(staff);
        EXPECT_EQ(*staff, 2 * kRounds);
        auto b0 = s->staff("b0");
        ASSERT_TRUE(b0);
        EXPECT_TRUE(*b0);
    }
    auto evs = first->events(5, 2);
    ASSERT_TRUE(evs);
    ASSERT_EQ(evs->size(), 2u);
    EXPECT_EQ((*evs)[0].body.value("staff_id", ""), "a0");
    EXPECT_EQ((*evs)[1].body.value("staff_id", ""), "b0");
}

TEST_F(EventStoreTest, TwoStoreObjectsAppendingAtTheSameTimeKeepTheChain)
{
    closeStore();
    auto first = EventStore::open(m_where);
    auto second = EventStore::open(m_where);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(second) << second.error().message;
    constexpr int kEach = 20;
    std::vector<std::string> errors[2];
    auto work = [&](EventStore& s, int who) {
        for (int i = 0; i < kEach; ++i) {
            const std::string staffId = (who == 0 ? "a" : "b") + std::to_string(i);
            auto e = s.transact([&]() -> Expected<Event> {
                return s.append(events::StaffAdded{staffId, "staff", "h"},
                                Instant(std::chrono::seconds(1775178000 + i)));
            });
            if (!e)
                errors[who].push_back(e.error().message);
        }
    };
    std::thread t1(work, std::ref(*first), 0);
    std::thread t2(work, std::ref(*second), 1);
    t1.join();
    t2.join();
    EXPECT_TRUE(errors[0].empty()) << errors[0].front();
    EXPECT_TRUE(errors[1].empty()) << errors[1].front();
    expectContiguousAndIntact(*first, 4 + 2 * kEach);
    expectContiguousAndIntact(*second, 4 + 2 * kEach);
}

// audit() reads one snapshot: while another store object has an uncommitted write, it sees the last committed
// state whole (events and projections agree); after the commit it sees the new state, whole.
TEST_F(EventStoreTest, AuditSeesACommittedStateWhileAnotherStoreObjectAppends)
{
    openSessions(1200, 1); // event 5
    auto other = EventStore::open(m_where);
    ASSERT_TRUE(other) << other.error().message;
    auto first = m_store->audit();
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->intact) << first->problem;
    EXPECT_EQ(first->events, 5);

    const std::string cid = TestIssuer::makeCouponId(1201);
    {
        auto w = other->beginWrite();
        ASSERT_TRUE(w) << w.error().message;
        ASSERT_TRUE(other->append(events::StaffAdded{"staff1", "staff", "h"}, m_clock.now()));
        ASSERT_TRUE(other->append(openedBody("T1-Y1", cid), m_clock.now()));
        auto during = m_store->audit();
        ASSERT_TRUE(during) << during.error().message;
        EXPECT_TRUE(during->intact) << during->problem;
        EXPECT_EQ(during->events, 5) << "audit saw an uncommitted write";
        ASSERT_TRUE(w->commit());
    }
    auto after = m_store->audit();
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_TRUE(after->intact) << after->problem;
    EXPECT_EQ(after->events, 7);
    auto s = m_store->session("T1-Y1");
    ASSERT_TRUE(s);
    EXPECT_TRUE(*s) << "the other object's committed session is not visible";

    // This object appends after the other one: the chain continues, and the other object's audit agrees.
    m_clock.advance(1min);
    auto r = scanQr(1202);
    ASSERT_TRUE(r) << r.error().message;
    auto last = other->audit();
    ASSERT_TRUE(last) << last.error().message;
    EXPECT_TRUE(last->intact) << last->problem;
    EXPECT_EQ(last->events, 8);
    expectContiguousAndIntact(*m_store, 8);
}

} // namespace
} // namespace sango::test
