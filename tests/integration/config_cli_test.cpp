// terminal.toml, the systemd credential and root, through the real `sango`: a file that cannot be used is exit 1
// with its line and key; flag > environment > file > default for the data directory, the log level and the
// ledger's address; the key from $CREDENTIALS_DIRECTORY/store-key (init uses it, status names it); and root
// refused on another user's data directory (exit 2, nothing touched).
#include <gtest/gtest.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ledger_runner.h"
#include "sango/crypto.h"
#include "sango/key_file.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

class ConfigCliTest : public ::testing::Test {
protected:
    // `sango` without --data-dir: the environment given, on top of no data directory and no configuration.
    CliResult run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                  Instant at = defaultNow())
    {
        std::map<std::string, std::string> e{{"SANGO_DATA_DIR", ""}, {"SANGO_CONFIG", "/dev/null"},
                                             {"SANGO_LOG_LEVEL", ""}, {"CREDENTIALS_DIRECTORY", ""},
                                             {"XDG_DATA_HOME", (m_tmp.path() / "xdg").string()}};
        for (const auto& [k, v] : env)
            e[k] = v;
        return Sango::runBare(args, at, e);
    }

    std::vector<std::string> initArgs() const
    {
        return {"init", "--terminal-id", "T1", "--policy", (test::testDataDir() / "policy.json").string(),
                "--provider", (test::testDataDir() / "provider.json").string(), "--trust", m_trust.string(),
                "--demo"};
    }

    void SetUp() override { writeFile(m_trust, m_issuer.trustJson().dump()); }

    fs::path config(const std::string& name, const std::string& text)
    {
        const fs::path file = m_tmp.path() / name;
        writeFile(file, text);
        return file;
    }

    test::TempDir m_tmp;
    test::TestIssuer m_issuer;
    fs::path m_trust = m_tmp.path() / "trust.json";
};

TEST_F(ConfigCliTest, AFileThatCannotBeUsedIsExitOneWithItsLineAndKey)
{
    const fs::path bad = config("bad.toml", "[store]\ndata_dir = \"/srv/sango\"\n\n[kiosk]\nscaner = \"camera\"\n");
    for (const auto& r : {run({"--config", bad.string(), "status"}), run({"status"}, {{"SANGO_CONFIG", bad.string()}}),
                          run({"status", "--config", bad.string()})}) {
        EXPECT_EQ(r.exit, 1) << r;
        EXPECT_EQ(r.result(), "invalid_config") << r;
        EXPECT_NE(text(r.out, "detail").find(bad.string() + ":5: [kiosk] scaner: unknown setting"), std::string::npos)
            << r;
        EXPECT_NE(r.err.find(bad.string() + ":5:"), std::string::npos) << r;
    }
    auto missing = run({"status"}, {{"SANGO_CONFIG", (m_tmp.path() / "nope.toml").string()}});
    EXPECT_EQ(missing.exit, 1) << missing;
    EXPECT_NE(text(missing.out, "detail").find("named by $SANGO_CONFIG does not exist"), std::string::npos)
        << missing;
    auto syntax = run({"--config", config("syntax.toml", "[log]\nlevel = info\n").string(), "status"});
    EXPECT_EQ(syntax.exit, 1) << syntax;
    EXPECT_NE(text(syntax.out, "detail").find("syntax.toml:2:"), std::string::npos) << syntax;
    EXPECT_FALSE(fs::exists("/srv/sango/sango.db"));
}

TEST_F(ConfigCliTest, DataDirectoryFlagThenEnvironmentThenFileThenDefault)
{
    const fs::path fromFile = m_tmp.path() / "from-file";
    const fs::path file = config("t.toml", "[store]\ndata_dir = \"" + fromFile.string() + "\"\n");
    auto made = run(initArgs(), {{"SANGO_CONFIG", file.string()}});
    ASSERT_EQ(made.exit, 0) << made;
    EXPECT_TRUE(fs::exists(fromFile / "sango.db"));
    auto status = run({"status"}, {{"SANGO_CONFIG", file.string()}});
    ASSERT_EQ(status.exit, 0) << status;
    EXPECT_EQ(text(status.out, "data_dir"), fromFile.string());
    EXPECT_EQ(text(status.out, "config"), file.string());
    EXPECT_EQ(text(status.out, "key_source"), "data_dir");
    EXPECT_EQ(text(status.out, "key_file"), (fromFile / "store.key").string());

    // $SANGO_DATA_DIR wins over the file, --data-dir over both.
    const fs::path fromEnv = m_tmp.path() / "from-env";
    auto env = run({"status"}, {{"SANGO_CONFIG", file.string()}, {"SANGO_DATA_DIR", fromEnv.string()}});
    EXPECT_EQ(env.exit, 3) << env;
    EXPECT_EQ(env.result(), "store_missing") << env;
    EXPECT_NE(text(env.out, "detail").find(fromEnv.string()), std::string::npos) << env;
    auto flag = run({"--data-dir", fromFile.string(), "status"},
                    {{"SANGO_CONFIG", file.string()}, {"SANGO_DATA_DIR", fromEnv.string()}});
    EXPECT_EQ(flag.exit, 0) << flag;
    // Without a file: the XDG data directory.
    auto none = run({"status"});
    EXPECT_EQ(none.exit, 3) << none;
    EXPECT_NE(text(none.out, "detail").find((m_tmp.path() / "xdg" / "sango").string()), std::string::npos) << none;
}

TEST_F(ConfigCliTest, TheLogLevelComesFromTheFileUnlessTheEnvironmentNamesOne)
{
    const fs::path file = config("t.toml", "[log]\nlevel = \"info\"\n");
    const std::string dir = (m_tmp.path() / "d1").string();
    auto args = initArgs();
    args.insert(args.begin(), {"--data-dir", dir});
    auto info = run(args, {{"SANGO_CONFIG", file.string()}});
    ASSERT_EQ(info.exit, 0) << info;
    EXPECT_NE(info.err.find("[terminal.store] [info] created store"), std::string::npos) << info;

    args[1] = (m_tmp.path() / "d2").string();
    auto quiet = run(args, {{"SANGO_CONFIG", file.string()}, {"SANGO_LOG_LEVEL", "error"}});
    ASSERT_EQ(quiet.exit, 0) << quiet;
    EXPECT_EQ(quiet.err.find("created store"), std::string::npos) << quiet;

    auto wrong = run({"--data-dir", dir, "status"}, {{"SANGO_LOG_LEVEL", "loud"}});
    EXPECT_EQ(wrong.exit, 1) << wrong;
    EXPECT_NE(text(wrong.out, "detail").find("SANGO_LOG_LEVEL=loud"), std::string::npos) << wrong;
}

TEST_F(ConfigCliTest, TheStoreKeyAsASystemdCredential)
{
    const fs::path credentials = m_tmp.path() / "credentials";
    fs::create_directories(credentials);
    const StoreKey key = StoreKey::random();
    writeFile(credentials / "store-key", crypto::toHex(key.bytes()) + "\n");
    ASSERT_EQ(::chmod((credentials / "store-key").c_str(), 0400), 0);
    const fs::path data = m_tmp.path() / "data";
    const std::map<std::string, std::string> service{{"CREDENTIALS_DIRECTORY", credentials.string()},
                                                     {"SANGO_DATA_DIR", data.string()}};

    auto made = run(initArgs(), service);
    ASSERT_EQ(made.exit, 0) << made;
    EXPECT_EQ(text(made.out, "key_file"), (credentials / "store-key").string());
    EXPECT_FALSE(fs::exists(data / "store.key")); // the credential is the key: no second copy

    auto status = run({"status"}, service);
    ASSERT_EQ(status.exit, 0) << status;
    EXPECT_EQ(text(status.out, "key_source"), "credential");
    EXPECT_EQ(text(status.out, "key_file"), (credentials / "store-key").string());
    EXPECT_EQ(status.raw.find(crypto::toHex(key.bytes())), std::string::npos); // where, never what

    // Without the credential the key is missing; --key-file names it as well.
    auto without = run({"status"}, {{"SANGO_DATA_DIR", data.string()}});
    EXPECT_EQ(without.exit, 3) << without;
    EXPECT_EQ(without.result(), "key_missing") << without;
    auto named = run({"--key-file", (credentials / "store-key").string(), "status"}, {{"SANGO_DATA_DIR", data.string()}});
    EXPECT_EQ(named.exit, 0) << named;
    EXPECT_EQ(text(named.out, "key_source"), "--key-file");
}

TEST_F(ConfigCliTest, TheLedgersAddressFromTheFileUnderTheFlag)
{
    LedgerRunner ledger(m_tmp.path() / "ledger", jst(2026, 6, 10, 9, 0));
    ledger.init();
    ledger.startServer();
    const std::string code = ledger.addProvider("P-0001", m_tmp.path());
    const Instant at = jst(2026, 6, 10, 10, 0);
    const std::map<std::string, std::string> data{{"SANGO_DATA_DIR", (m_tmp.path() / "t").string()}};
    auto enrolled = run({"enroll", "--ledger", ledger.url(), "--code", code}, data, at);
    ASSERT_EQ(enrolled.exit, 0) << enrolled;

    // [sync] ledger_url points elsewhere (nothing listens there): the sync goes there, not to the enrolled URL.
    const fs::path file = config("t.toml", "[sync]\nledger_url = \"http://127.0.0.1:1\"\nbatch_events = 10\n");
    auto env = data;
    env["SANGO_CONFIG"] = file.string();
    auto elsewhere = run({"sync", "--once"}, env, at);
    EXPECT_EQ(elsewhere.exit, 4) << elsewhere;
    EXPECT_EQ(elsewhere.result(), "ledger_unreachable") << elsewhere;
    auto flag = run({"sync", "--once", "--ledger", ledger.url()}, env, at);
    EXPECT_EQ(flag.exit, 0) << flag;
    auto enrolledUrl = run({"sync", "--once"}, data, at);
    EXPECT_EQ(enrolledUrl.exit, 0) << enrolledUrl;
}

TEST_F(ConfigCliTest, RootIsRefusedOnAnotherUsersDataDirectory)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root (as the CI runs): sango refuses only when it runs as root";
    const passwd* nobody = ::getpwnam("nobody");
    if (!nobody)
        GTEST_SKIP() << "no user `nobody` on this machine";
    const uid_t uid = nobody->pw_uid;
    const fs::path data = m_tmp.path() / "data";
    const std::map<std::string, std::string> env{{"SANGO_DATA_DIR", data.string()}};
    ASSERT_EQ(run(initArgs(), env).exit, 0);
    // As the package leaves it: the service user's directory.
    ASSERT_EQ(::chown(data.c_str(), uid, static_cast<gid_t>(-1)), 0);
    for (const auto& entry : fs::directory_iterator(data))
        ASSERT_EQ(::chown(entry.path().c_str(), uid, static_cast<gid_t>(-1)), 0);
    const auto before = snapshot(data);

    for (const auto& args : std::vector<std::vector<std::string>>{{"status"}, {"sessions", "--open"},
                                                                    {"scan", "--id", "7K3Q-9M2X-4T8V-WZ1M",
                                                                     "--service", "day", "--staff", "s1"}}) {
        auto r = run(args, env);
        EXPECT_EQ(r.exit, 2) << r;
        EXPECT_EQ(r.result(), "not_permitted") << r;
        EXPECT_NE(r.err.find("belongs to user nobody"), std::string::npos) << r;
        EXPECT_NE(r.err.find("sudo -u nobody sango"), std::string::npos) << r;
    }
    // Nothing was made or changed there, and every file is still the service user's.
    EXPECT_EQ(snapshot(data), before);
    for (const auto& entry : fs::directory_iterator(data)) {
        struct stat st {};
        ASSERT_EQ(::stat(entry.path().c_str(), &st), 0);
        EXPECT_EQ(st.st_uid, uid) << entry.path();
    }
    // Root's own data directory is root's business.
    const std::map<std::string, std::string> own{{"SANGO_DATA_DIR", (m_tmp.path() / "own").string()}};
    ASSERT_EQ(run(initArgs(), own).exit, 0);
    EXPECT_EQ(run({"status"}, own).exit, 0);
}

} // namespace
} // namespace sango::itest
