// Store failures through the real binary (spec/cli.md: exit status 3, "a refused or failed command changes
// nothing"; brief: each failure says what happened and what to do, nothing recorded is ever lost): no store,
// missing or wrong key, truncated or corrupt file, read-only and full file systems. Also: no coupon id in
// plaintext anywhere in the data directory, and the binary uses SQLCipher, not plain SQLite.
#include <sys/mount.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <set>

#include <gtest/gtest.h>

#include "sango_runner.h"

namespace sango::itest {
namespace {

using test::TestIssuer;

// A tmpfs mounted on a directory for the life of the object (root only; the tests skip when not permitted).
class Tmpfs {
public:
    Tmpfs(fs::path dir, const std::string& options) : m_dir(std::move(dir))
    {
        fs::create_directories(m_dir);
        if (::mount("tmpfs", m_dir.c_str(), "tmpfs", 0, options.c_str()) == 0)
            m_mounted = true;
        else
            m_error = std::strerror(errno);
    }
    ~Tmpfs()
    {
        if (m_mounted)
            ::umount2(m_dir.c_str(), MNT_DETACH);
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;

    bool mounted() const { return m_mounted; }
    const std::string& error() const { return m_error; }
    const fs::path& dir() const { return m_dir; }

    // `mount -o remount,OPTIONS`
    bool remount(const std::string& options, bool readOnly)
    {
        unsigned long flags = MS_REMOUNT;
        if (readOnly)
            flags |= MS_RDONLY;
        if (::mount("tmpfs", m_dir.c_str(), "tmpfs", flags, options.c_str()) == 0)
            return true;
        m_error = std::strerror(errno);
        return false;
    }

private:
    fs::path m_dir;
    bool m_mounted = false;
    std::string m_error;
};

std::string qrFor(const TestIssuer& issuer, std::uint64_t n, int grant = 2520)
{
    TestIssuer::Claims c;
    c.couponId = couponId(n);
    c.grant = grant;
    return issuer.issue(c);
}

// A store failure: exit 3, the code on stdout, a message on stderr.
void expectStoreError(const CliResult& r, const std::set<std::string>& codes, const std::string& what)
{
    EXPECT_EQ(r.exit, 3) << what << ": " << r;
    EXPECT_TRUE(codes.count(r.result())) << what << ": unexpected result " << r;
    EXPECT_GT(r.err.size(), 20u) << what << ": a store failure must say on stderr what happened and what to do";
}

class StoreErrors : public ::testing::Test {
protected:
    // A store with one closed and one open session.
    std::unique_ptr<TestStore> makeStore(const std::string& terminalId = "T1")
    {
        auto st = std::make_unique<TestStore>(m_issuer, terminalId);
        Sango& s = st->sango();
        auto ok = [&](const CliResult& r) { EXPECT_EQ(r.exit, 0) << r; };
        ok(s.run({"scan", qrFor(m_issuer, 1), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 9, 0)));
        ok(s.run({"scan", qrFor(m_issuer, 1), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 30)));
        ok(s.run({"scan", qrFor(m_issuer, 2), "--service", "stay", "--staff", "s1"}, jst(2026, 4, 3, 10, 31)));
        return st;
    }

    // The commands tried against a broken store: reads and writes.
    std::vector<std::vector<std::string>> commands() const
    {
        return {
            {"scan", qrFor(m_issuer, 3), "--service", "day", "--staff", "s1"},
            {"scan", qrFor(m_issuer, 2), "--service", "stay", "--staff", "s1"}, // would close the open one
            {"sessions"},
            {"status"},
            {"balance", couponId(1)},
            {"report", "totals", "--month", "2026-04"},
            {"audit"},
        };
    }

    // Runs every command against the data directory and expects a store error and unchanged bytes.
    void expectAllFail(Sango& s, const std::set<std::string>& codes, const std::vector<std::string>& extraArgs = {})
    {
        const auto before = snapshot(s.dataDir());
        for (auto args : commands()) {
            args.insert(args.begin(), extraArgs.begin(), extraArgs.end());
            expectStoreError(s.run(args, jst(2026, 4, 3, 11, 0)), codes, args[extraArgs.size()]);
        }
        EXPECT_TRUE(snapshot(s.dataDir()) == before) << "a failed command changed the data directory";
    }

    TestIssuer m_issuer;
};

TEST_F(StoreErrors, NoStore)
{
    test::TempDir tmp;
    Sango empty(tmp.path()); // exists, but holds no store
    expectAllFail(empty, {"store_missing"});
    EXPECT_TRUE(fs::is_empty(tmp.path())) << "a command on a directory without a store created files there";
    auto r = empty.run({"sessions"});
    EXPECT_NE(r.err.find("init"), std::string::npos) << "the message should say to run sango init: " << r.err;

    Sango nowhere(tmp.path() / "does-not-exist");
    auto n = nowhere.run({"scan", qrFor(m_issuer, 1), "--service", "day", "--staff", "s1"});
    expectStoreError(n, {"store_missing"}, "scan on a missing directory");
    EXPECT_FALSE(fs::exists(tmp.path() / "does-not-exist")) << "a scan created the data directory";
}

TEST_F(StoreErrors, MissingKeyFile)
{
    auto st = makeStore();
    Sango& s = st->sango();
    const json sessions = s.sessions();
    const fs::path key = st->dataDir() / "store.key";
    const fs::path away = st->root() / "store.key.away";
    fs::rename(key, away);
    expectAllFail(s, {"key_missing"});
    auto r = s.run({"sessions"});
    EXPECT_NE(r.err.find("store.key"), std::string::npos) << "the message should name the key file: " << r.err;

    // --key-file naming a file that is not there.
    expectStoreError(s.run({"--key-file", (st->root() / "nothing.key").string(), "sessions"}), {"key_missing"},
                     "--key-file missing");
    // The key given back: everything is there.
    auto withKey = s.run({"--key-file", away.string(), "sessions"});
    ASSERT_EQ(withKey.exit, 0) << withKey;
    EXPECT_EQ(withKey.out, sessions);
    fs::rename(away, key);
    EXPECT_EQ(s.sessions(), sessions);
    EXPECT_NO_THROW(s.eventCount());
}

TEST_F(StoreErrors, WrongKey)
{
    auto a = makeStore("TA");
    auto b = makeStore("TB");
    const auto bBefore = snapshot(b->dataDir());
    const json aSessions = a->sango().sessions();
    expectAllFail(a->sango(), {"wrong_key"}, {"--key-file", (b->dataDir() / "store.key").string()});
    auto r = a->sango().run({"--key-file", (b->dataDir() / "store.key").string(), "sessions"});
    EXPECT_NE(r.err.find("key"), std::string::npos) << r.err;
    EXPECT_TRUE(snapshot(b->dataDir()) == bBefore);

    // A key file that holds no key.
    const fs::path junk = a->root() / "junk.key";
    writeFile(junk, "this is not a key\n");
    expectStoreError(a->sango().run({"--key-file", junk.string(), "sessions"}), {"wrong_key", "key_missing"},
                     "junk key");

    // Without the key check file beside it, SQLCipher itself must notice the wrong key.
    test::TempDir copy;
    fs::copy_file(a->dataDir() / "sango.db", copy.path() / "sango.db");
    Sango c(copy.path());
    expectAllFail(c, {"wrong_key", "store_corrupt"}, {"--key-file", (b->dataDir() / "store.key").string()});
    EXPECT_EQ(a->sango().sessions(), aSessions);
}

TEST_F(StoreErrors, TruncatedFile)
{
    for (const double fraction : {0.02, 0.5, 0.9}) {
        SCOPED_TRACE(fraction);
        auto st = makeStore();
        const fs::path db = st->dataDir() / "sango.db";
        ASSERT_FALSE(fs::exists(st->dataDir() / "sango.db-wal")) << "the WAL should be folded in at exit";
        const auto size = fs::file_size(db);
        fs::resize_file(db, static_cast<std::uintmax_t>(static_cast<double>(size) * fraction));
        expectAllFail(st->sango(), {"store_corrupt"});
    }
}

TEST_F(StoreErrors, CorruptFirstPage)
{
    auto st = makeStore();
    const fs::path db = st->dataDir() / "sango.db";
    std::string bytes = readFile(db);
    ASSERT_GT(bytes.size(), 8192u);
    for (std::size_t i = 200; i < 600; ++i)
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
    writeFile(db, bytes);
    expectAllFail(st->sango(), {"store_corrupt"});
    auto r = st->sango().run({"status"});
    EXPECT_NE(r.err.find("backup"), std::string::npos) << "a damaged store should say to restore a backup: " << r.err;
}

TEST_F(StoreErrors, CorruptLaterPageIsFoundByAudit)
{
    auto st = makeStore();
    const fs::path db = st->dataDir() / "sango.db";
    std::string bytes = readFile(db);
    const std::size_t pages = bytes.size() / 1024;
    ASSERT_GE(pages, 8u);
    // Damage every KiB after the first 4 (beyond the first page, whether pages are 1 or 4 KiB): whatever page a
    // command needs besides the first is unreadable.
    for (std::size_t p = 4; p < pages; ++p)
        for (std::size_t i = p * 1024 + 100; i < p * 1024 + 140; ++i)
            bytes[i] = static_cast<char>(bytes[i] ^ 0xA5);
    writeFile(db, bytes);
    const auto before = snapshot(st->dataDir());
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"audit"},
             {"sessions"},
             {"scan", qrFor(m_issuer, 3), "--service", "day", "--staff", "s1"},
         })
        expectStoreError(st->sango().run(args), {"store_corrupt", "audit_broken"}, args[0]);
    EXPECT_TRUE(snapshot(st->dataDir()) == before);
}

TEST_F(StoreErrors, ReadOnlyFileSystem)
{
    test::TempDir tmp;
    Tmpfs mnt(tmp.path() / "mnt", "size=4m");
    if (!mnt.mounted())
        GTEST_SKIP() << "cannot mount a tmpfs here (" << mnt.error() << "): needs root (CAP_SYS_ADMIN)";
    const fs::path trust = tmp.path() / "trust.json";
    writeFile(trust, m_issuer.trustJson().dump());
    Sango s(mnt.dir() / "data");
    ASSERT_EQ(s.init(trust).exit, 0);
    auto opened = s.run({"scan", qrFor(m_issuer, 1), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 9, 0));
    ASSERT_EQ(opened.exit, 0) << opened;
    const json sessions = s.sessions();
    ASSERT_TRUE(mnt.remount("size=4m", /*readOnly=*/true)) << mnt.error();

    const auto before = snapshot(s.dataDir());
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"scan", qrFor(m_issuer, 1), "--service", "day", "--staff", "s1"}, // would close
             {"scan", qrFor(m_issuer, 2), "--service", "day", "--staff", "s1"}, // would open
             {"paper", "--ticket", "P-1", "--service", "day", "--start", "2026-04-02T10:00:00+09:00", "--stop",
              "2026-04-02T11:00:00+09:00", "--staff", "m1"},
         }) {
        auto r = s.run(args, jst(2026, 4, 3, 10, 0));
        expectStoreError(r, {"store_read_only"}, args[0]);
    }
    auto staff = s.run({"staff", "add", "--id", "s1", "--role", "staff"}, jst(2026, 4, 3, 10, 0), "1234\n");
    expectStoreError(staff, {"store_read_only"}, "staff add");
    EXPECT_TRUE(snapshot(s.dataDir()) == before);
    // A new store on a read-only file system: refused, nothing made.
    Sango fresh(mnt.dir() / "fresh");
    auto init = fresh.init(trust);
    expectStoreError(init, {"store_read_only"}, "init");
    EXPECT_FALSE(fs::exists(mnt.dir() / "fresh"));

    ASSERT_TRUE(mnt.remount("size=4m", /*readOnly=*/false)) << mnt.error();
    EXPECT_EQ(s.sessions(), sessions) << "the session opened before must still be open, and nothing else";
    auto closed = s.run({"scan", qrFor(m_issuer, 1), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 10, 1));
    EXPECT_EQ(closed.exit, 0) << closed;
    EXPECT_EQ(closed.out.value("action", ""), "closed");
}

TEST_F(StoreErrors, FullDiskLosesNothing)
{
    test::TempDir tmp;
    Tmpfs mnt(tmp.path() / "mnt", "size=4m");
    if (!mnt.mounted())
        GTEST_SKIP() << "cannot mount a tmpfs here (" << mnt.error() << "): needs root (CAP_SYS_ADMIN)";
    const fs::path trust = tmp.path() / "trust.json";
    writeFile(trust, m_issuer.trustJson().dump());
    Sango s(mnt.dir() / "data");
    auto init = s.init(trust);
    ASSERT_EQ(init.exit, 0) << init;
    // Shrink the disk to 200 KiB, or to what the new store uses plus 128 KiB when that is more (the page size is
    // the product's choice): room for some scans, not for many.
    std::uintmax_t used = 0;
    for (const auto& e : fs::directory_iterator(s.dataDir()))
        used += (fs::file_size(e.path()) + 4095) / 4096 * 4096 + 4096;
    const std::uintmax_t sizeKiB = std::max<std::uintmax_t>(200, used / 1024 + 128);
    ASSERT_TRUE(mnt.remount("size=" + std::to_string(sizeKiB) + "k", false)) << mnt.error();
    RecordProperty("tmpfs_kib", static_cast<int>(sizeKiB));

    // Open sessions on new coupons, one a minute, until the disk is full.
    std::vector<std::string> opened;
    CliResult failure;
    int n = 0;
    for (; n < 2000; ++n) {
        auto r = s.run({"scan", qrFor(m_issuer, 5000 + static_cast<std::uint64_t>(n)), "--service", "stay", "--staff",
                        "s1"},
                       jst(2026, 4, 3, 8, 0) + std::chrono::minutes(n));
        if (r.exit != 0) {
            failure = r;
            break;
        }
        ASSERT_EQ(r.out.value("action", ""), "opened") << r;
        opened.push_back(r.out.value("session_id", ""));
    }
    ASSERT_LT(n, 2000) << "200 KiB never filled up";
    ASSERT_FALSE(opened.empty()) << "not even one scan fitted: " << failure;
    expectStoreError(failure, {"disk_full"}, "scan on a full disk");
    RecordProperty("scans_before_disk_full", n);
    std::cout << "[ info     ] " << n << " scans fitted; then: " << failure.raw;

    // Another try while still full fails the same way and loses nothing.
    auto again = s.run({"scan", qrFor(m_issuer, 4999), "--service", "stay", "--staff", "s1"}, jst(2026, 4, 4, 8, 0));
    EXPECT_EQ(again.exit, 3) << again;

    // A new store on the full disk: refused, and no half-made store or key is left behind.
    Sango fresh(mnt.dir() / "fresh");
    auto freshInit = fresh.init(trust);
    expectStoreError(freshInit, {"disk_full"}, "init on a full disk");
    EXPECT_FALSE(fs::exists(mnt.dir() / "fresh" / "sango.db"));
    EXPECT_FALSE(fs::exists(mnt.dir() / "fresh" / "store.key")) << "a failed init left a key file behind";
    if (fs::exists(mnt.dir() / "fresh")) {
        EXPECT_TRUE(fs::is_empty(mnt.dir() / "fresh"));
    }

    ASSERT_TRUE(mnt.remount("size=2m", /*readOnly=*/false)) << mnt.error();
    auto audit = s.run({"audit"}, jst(2026, 4, 4, 9, 0));
    EXPECT_EQ(audit.exit, 0) << audit;
    const json list = s.sessions();
    std::map<std::string, int> seen;
    for (const auto& row : list)
        ++seen[row.value("session_id", "")];
    for (const auto& id : opened)
        EXPECT_EQ(seen[id], 1) << "session " << id << " was recorded before the disk filled and is lost";
    EXPECT_EQ(list.size(), opened.size()) << "the failed scans must not have recorded anything";
    // With room again, work goes on.
    auto after = s.run({"scan", qrFor(m_issuer, 4998), "--service", "stay", "--staff", "s1"}, jst(2026, 4, 4, 9, 1));
    EXPECT_EQ(after.exit, 0) << after;
    EXPECT_EQ(after.out.value("action", ""), "opened");
    EXPECT_EQ(s.run({"audit"}, jst(2026, 4, 4, 9, 2)).exit, 0);
}

// ---------------------------------------------------------------- audit of a tampered chain

// Runs SQL on a store with the sqlcipher shell and the store's own key (what someone holding the key could do).
// The cipher page size is part of the file format; the shell is told the one that opens the file.
test::ProcessResult sqlcipher(const fs::path& dataDir, const std::string& sql)
{
    std::string key = readFile(dataDir / "store.key");
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r'))
        key.pop_back();
    auto shell = [&](int pageSize, const std::string& text) {
        test::RunOptions o;
        o.stdinText = "PRAGMA key = \"x'" + key + "'\";\nPRAGMA cipher_page_size = " + std::to_string(pageSize) +
                      ";\n" + text + "\n";
        return test::run({"/usr/bin/sqlcipher", "-batch", (dataDir / "sango.db").string()}, o);
    };
    for (int pageSize : {1024, 4096, 8192, 16384})
        if (shell(pageSize, "SELECT count(*) FROM sqlite_master;").exitCode == 0)
            return shell(pageSize, sql);
    return shell(1024, sql); // fails, and says why
}

TEST_F(StoreErrors, AuditFindsATamperedChain)
{
    if (!fs::exists("/usr/bin/sqlcipher"))
        GTEST_SKIP() << "the sqlcipher shell (Debian package sqlcipher) is needed to tamper with a store";
    struct Case {
        std::string what;
        std::string sql; // %CLOSED% is the seq of the session_closed event
        bool brokenAtClosed;
    };
    const std::vector<Case> cases{
        {"a billed time rewritten",
         "DROP TRIGGER events_append_only_update; UPDATE events SET body = replace(body, '\"billed_minutes\":90', "
         "'\"billed_minutes\":30') WHERE seq = %CLOSED%;",
         true},
        {"an event removed from the middle", "DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = %CLOSED%;",
         true},
        {"the last event removed",
         "DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE seq = (SELECT max(seq) FROM events);", false},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        auto st = makeStore();
        auto seqOut = sqlcipher(st->dataDir(), "SELECT seq FROM events WHERE type = 'session_closed';");
        ASSERT_EQ(seqOut.exitCode, 0) << seqOut.err;
        std::string seq = seqOut.out;
        seq.erase(std::remove_if(seq.begin(), seq.end(), [](char ch) { return ch < '0' || ch > '9'; }), seq.end());
        ASSERT_FALSE(seq.empty()) << seqOut.out;
        std::string sql = c.sql;
        if (const auto pos = sql.find("%CLOSED%"); pos != std::string::npos)
            sql.replace(pos, 8, seq);
        auto t = sqlcipher(st->dataDir(), sql + " SELECT 'changed', changes();");
        ASSERT_EQ(t.exitCode, 0) << t.err;
        ASSERT_NE(t.out.find("changed|1"), std::string::npos) << "the tampering did not take: " << t.out << t.err;

        auto r = st->sango().run({"audit"});
        EXPECT_EQ(r.exit, 3) << r;
        EXPECT_EQ(r.out.value("intact", true), false) << r;
        EXPECT_FALSE(text(r.out, "problem").empty()) << r;
        EXPECT_FALSE(r.err.empty());
        if (c.brokenAtClosed) {
            EXPECT_EQ(r.out.value("broken_at", json()), json(std::stoll(seq))) << r;
        }
    }
}

// "the PIN is read from stdin; stored only as an Argon2id hash" (spec/cli.md).
TEST_F(StoreErrors, PinIsStoredOnlyAsAnArgon2idHash)
{
    if (!fs::exists("/usr/bin/sqlcipher"))
        GTEST_SKIP() << "the sqlcipher shell (Debian package sqlcipher) is needed to look inside the store";
    TestStore st(m_issuer);
    auto r = st.sango().run({"staff", "add", "--id", "m1", "--role", "manager"}, std::nullopt, "73915286\n");
    ASSERT_EQ(r.exit, 0) << r;
    auto hash = sqlcipher(st.dataDir(), "SELECT pin_hash FROM staff WHERE staff_id = 'm1';");
    ASSERT_EQ(hash.exitCode, 0) << hash.err;
    EXPECT_EQ(hash.out.rfind("$argon2id$", 0), 0u) << hash.out;
    auto dump = sqlcipher(st.dataDir(), ".dump");
    ASSERT_EQ(dump.exitCode, 0) << dump.err;
    ASSERT_NE(dump.out.find("INSERT INTO"), std::string::npos) << "the dump did not read the store";
    EXPECT_EQ(dump.out.find("73915286"), std::string::npos) << "the PIN is in the store in plaintext";
}

// ---------------------------------------------------------------- what the files reveal

TEST(StorePrivacy, NoCouponIdInPlaintext)
{
    TestIssuer issuer;
    TestStore st(issuer);
    Sango& s = st.sango();
    std::vector<std::string> ids;
    for (std::uint64_t n : {11u, 12u, 13u})
        ids.push_back(couponId(n));
    const std::string typed = couponId(14); // typed, never verified
    ids.push_back(typed);

    auto search = [&](const std::string& when) {
        std::size_t files = 0;
        for (const auto& e : fs::recursive_directory_iterator(st.dataDir())) {
            if (!e.is_regular_file())
                continue;
            ++files;
            const std::string bytes = readFile(e.path());
            for (const auto& id : ids) {
                std::string lower = id;
                for (auto& ch : lower)
                    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                for (const auto& form : {id, grouped(id), lower})
                    EXPECT_EQ(bytes.find(form), std::string::npos)
                        << when << ": " << form << " in plaintext in " << e.path();
            }
            if (e.path().filename() == "sango.db") {
                EXPECT_NE(bytes.substr(0, 15), "SQLite format 3") << "the store is not encrypted";
            }
        }
        EXPECT_GE(files, 2u) << when;
    };

    for (std::uint64_t n : {11u, 12u, 13u}) {
        TestIssuer::Claims c;
        c.couponId = couponId(n);
        auto r = s.run({"scan", issuer.issue(c), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 9, 0));
        ASSERT_EQ(r.exit, 0) << r;
    }
    auto t = s.run({"scan", "--id", grouped(typed), "--service", "visit", "--staff", "s1"}, jst(2026, 4, 3, 9, 0));
    ASSERT_EQ(t.exit, 0) << t;
    ASSERT_EQ(s.sessions({"--open"}).size(), 4u);
    search("sessions open");

    for (std::uint64_t n : {11u, 12u, 13u}) {
        TestIssuer::Claims c;
        c.couponId = couponId(n);
        auto r = s.run({"scan", issuer.issue(c), "--service", "day", "--staff", "s1"}, jst(2026, 4, 3, 11, 0));
        ASSERT_EQ(r.exit, 0) << r;
    }
    auto tc = s.run({"scan", "--id", typed, "--service", "visit", "--staff", "s1"}, jst(2026, 4, 3, 11, 0));
    ASSERT_EQ(tc.exit, 0) << tc;
    ASSERT_EQ(s.sessions({"--open"}).size(), 0u);
    auto report = s.run({"report", "monthly", "--month", "2026-04", "--format", "csv"});
    ASSERT_NE(report.raw.find(ids[0]), std::string::npos) << "the ids are in the store (the search would find them)";
    search("sessions closed");
}

TEST(StoreLinking, BinaryUsesSqlcipherNotPlainSqlite)
{
    ASSERT_TRUE(fs::exists(test::sangoBinary())) << test::sangoBinary();
    auto r = test::run({"/usr/bin/ldd", test::sangoBinary().string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("libsqlcipher"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("libsqlite3"), std::string::npos) << r.out;
}

} // namespace
} // namespace sango::itest
