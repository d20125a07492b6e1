// TerminalConfig (/etc/sango/terminal.toml): defaults, every setting, every kind of error with file, line and
// key, which file is read, the shipped packaging/terminal.toml; StoreLocation::resolve's precedence with the
// configuration and the systemd credential; KeyFile with a 0400 credential.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "process.h"
#include "sango/crypto.h"
#include "sango/event_store.h"
#include "sango/key_file.h"
#include "sango/terminal_config.h"
#include "scoped_env.h"
#include "store_fixture.h"
#include "test_issuer.h"
#include "test_paths.h"

namespace sango {
namespace {

namespace fs = std::filesystem;

using test::ScopedEnv;

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string readText(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Error parseError(const std::string& text)
{
    auto c = TerminalConfig::parse(text, "/etc/sango/terminal.toml");
    EXPECT_FALSE(c) << "accepted:\n" << text;
    return c ? Error{Errc::store_io, ""} : c.error();
}

// ---- parsing ----

TEST(TerminalConfig, AnEmptyFileIsEveryBuiltInDefault)
{
    auto c = TerminalConfig::parse("", "empty.toml");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(*c, TerminalConfig{});
    EXPECT_EQ(c->dataDir, "");
    EXPECT_EQ(c->keyFile, "");
    EXPECT_EQ(c->logLevel, "warn");
    EXPECT_EQ(c->batchEvents, 200);
    EXPECT_EQ(c->kiosk.language, "ja");
    EXPECT_EQ(c->kiosk.serialBaud, 9600);
    EXPECT_EQ(c->kiosk.idleSignOutSeconds, 600);
    EXPECT_TRUE(c->kiosk.fullScreen);
}

TEST(TerminalConfig, EverySettingIsRead)
{
    auto c = TerminalConfig::parse(R"(# a comment
[store]
data_dir = "/srv/sango"
key_file = "/media/usb/store.key"
[log]
level = "debug"
[sync]
ledger_url = "https://proxy.example.jp/ledger"
ca_file = "/etc/sango/ca.pem"
pinned_key = "sha256//AAAA"
batch_events = 50
[kiosk]
mode = "visit"
language = "zh_CN"
default_service = "visit"
scanner = "serial"
camera_id = "cam-2"
serial_port = "/dev/serial/by-id/usb-x"
serial_baud = 115200
printer = "Office"
receipt_printer = "/dev/usb/lp0"
coupons_folder = "/media/usb/coupons"
export_folder = "/srv/sango-exports"
idle_sign_out_seconds = 300
sound = false
full_screen = false
)",
                                   "t.toml");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->dataDir, "/srv/sango");
    EXPECT_EQ(c->keyFile, "/media/usb/store.key");
    EXPECT_EQ(c->logLevel, "debug");
    EXPECT_EQ(c->ledgerUrl, "https://proxy.example.jp/ledger");
    EXPECT_EQ(c->caFile, "/etc/sango/ca.pem");
    EXPECT_EQ(c->pinnedKey, "sha256//AAAA");
    EXPECT_EQ(c->batchEvents, 50);
    EXPECT_EQ(c->kiosk.mode, "visit");
    EXPECT_EQ(c->kiosk.language, "zh_CN");
    EXPECT_EQ(c->kiosk.defaultService, "visit");
    EXPECT_EQ(c->kiosk.scanner, "serial");
    EXPECT_EQ(c->kiosk.cameraId, "cam-2");
    EXPECT_EQ(c->kiosk.serialPort, "/dev/serial/by-id/usb-x");
    EXPECT_EQ(c->kiosk.serialBaud, 115200);
    EXPECT_EQ(c->kiosk.printer, "Office");
    EXPECT_EQ(c->kiosk.receiptPrinter, "/dev/usb/lp0");
    EXPECT_EQ(c->kiosk.couponsFolder, "/media/usb/coupons");
    EXPECT_EQ(c->kiosk.exportFolder, "/srv/sango-exports");
    EXPECT_EQ(c->kiosk.idleSignOutSeconds, 300);
    EXPECT_FALSE(c->kiosk.sound);
    EXPECT_FALSE(c->kiosk.fullScreen);
}

TEST(TerminalConfig, ASyntaxErrorNamesTheFileLineAndColumn)
{
    const Error e = parseError("[store]\ndata_dir = \"/srv\"\n[log\nlevel = \"info\"\n");
    EXPECT_EQ(e.code, Errc::invalid_config);
    EXPECT_NE(e.message.find("/etc/sango/terminal.toml:3:"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("not valid TOML"), std::string::npos) << e.message;
}

TEST(TerminalConfig, AnUnknownKeyIsAnErrorWithItsLineAndSection)
{
    const Error e = parseError("[kiosk]\nlanguage = \"en\"\n\nscaner = \"camera\"\n");
    EXPECT_EQ(e.code, Errc::invalid_config);
    EXPECT_NE(e.message.find("/etc/sango/terminal.toml:4: [kiosk] scaner: unknown setting"), std::string::npos)
        << e.message;
    // A known key in the wrong section is unknown there.
    const Error moved = parseError("[sync]\nlanguage = \"en\"\n");
    EXPECT_NE(moved.message.find(":2: [sync] language: unknown setting"), std::string::npos) << moved.message;
}

TEST(TerminalConfig, AnUnknownSectionOrAKeyOutsideASectionIsAnError)
{
    const Error section = parseError("[store]\n[network]\nproxy = \"x\"\n");
    EXPECT_NE(section.message.find(":2: unknown section [network]"), std::string::npos) << section.message;
    const Error outside = parseError("level = \"info\"\n[log]\n");
    EXPECT_NE(outside.message.find(":1: `level` is outside any section"), std::string::npos) << outside.message;
    const Error nested = parseError("[kiosk.extra]\nx = 1\n");
    EXPECT_NE(nested.message.find("[kiosk] extra: unknown setting"), std::string::npos) << nested.message;
}

TEST(TerminalConfig, AWrongTypeSaysWhatToWrite)
{
    const Error quoted = parseError("[sync]\nbatch_events = \"200\"\n");
    EXPECT_NE(quoted.message.find(":2: [sync] batch_events must be a whole number from 1 to 500, not a text"),
              std::string::npos)
        << quoted.message;
    const Error number = parseError("[log]\nlevel = 3\n");
    EXPECT_NE(number.message.find(":2: [log] level must be a text in quotes, not a whole number"), std::string::npos)
        << number.message;
    const Error flag = parseError("[kiosk]\n\nsound = \"yes\"\n");
    EXPECT_NE(flag.message.find(":3: [kiosk] sound must be true or false"), std::string::npos) << flag.message;
}

TEST(TerminalConfig, AValueOutOfRangeOrNotAllowedIsAnError)
{
    for (const char* text : {"[sync]\nbatch_events = 0\n", "[sync]\nbatch_events = 501\n"}) {
        const Error e = parseError(text);
        EXPECT_NE(e.message.find("[sync] batch_events must be 1 to 500"), std::string::npos) << e.message;
    }
    EXPECT_NE(parseError("[kiosk]\nserial_baud = 300\n").message.find("serial_baud must be 1200 to 921600 (got 300)"),
              std::string::npos);
    EXPECT_NE(parseError("[kiosk]\nidle_sign_out_seconds = 5\n").message.find("must be 30 to 86400"),
              std::string::npos);
    const Error scanner = parseError("[kiosk]\nscanner = \"usb\"\n");
    EXPECT_NE(scanner.message.find("[kiosk] scanner must be camera, wedge, serial or none (got \"usb\")"),
              std::string::npos)
        << scanner.message;
    EXPECT_NE(parseError("[log]\nlevel = \"verbose\"\n").message.find("trace, debug, info, warn, error, critical or off"),
              std::string::npos);
    EXPECT_NE(parseError("[kiosk]\nlanguage = \"fr\"\n").message.find("ja, en or zh_CN"), std::string::npos);
    EXPECT_NE(parseError("[kiosk]\nexport_folder = \"exports\"\n").message.find("must be an absolute path"),
              std::string::npos);
    EXPECT_NE(parseError("[store]\ndata_dir = \"sango\"\n").message.find("must be an absolute path"),
              std::string::npos);
    EXPECT_NE(parseError("[sync]\nledger_url = \"ledger.example.jp\"\n").message.find("https://"),
              std::string::npos);
    EXPECT_NE(parseError("[sync]\npinned_key = \"AAAA\"\n").message.find("sha256//"), std::string::npos);
    // Several URLs (a ledger's processes): each one must be a URL.
    EXPECT_NE(parseError("[sync]\nledger_url = \"https://a.example.jp ledger.example.jp\"\n").message.find("https://"),
              std::string::npos);
    auto several = TerminalConfig::parse("[sync]\nledger_url = \"https://a.example.jp https://b.example.jp:8443\"\n",
                                         "t.toml");
    ASSERT_TRUE(several) << several.error().message;
    EXPECT_EQ(several->ledgerUrl, "https://a.example.jp https://b.example.jp:8443");
}

// ---- which file ----

class ConfigFileTest : public ::testing::Test {
protected:
    test::TempDir m_dir;
    ScopedEnv m_env{"SANGO_CONFIG", std::nullopt};
};

TEST_F(ConfigFileTest, TheFlagWinsOverTheEnvironment)
{
    const fs::path flag = m_dir.path() / "flag.toml";
    const fs::path env = m_dir.path() / "env.toml";
    writeText(flag, "[log]\nlevel = \"debug\"\n");
    writeText(env, "[log]\nlevel = \"error\"\n");
    ScopedEnv set("SANGO_CONFIG", env.string());
    auto fromFlag = TerminalConfig::load(flag.string());
    ASSERT_TRUE(fromFlag) << fromFlag.error().message;
    EXPECT_EQ(fromFlag->logLevel, "debug");
    EXPECT_EQ(fromFlag->file, flag);
    auto fromEnv = TerminalConfig::load("");
    ASSERT_TRUE(fromEnv) << fromEnv.error().message;
    EXPECT_EQ(fromEnv->logLevel, "error");
    EXPECT_EQ(fromEnv->file, env);
}

TEST_F(ConfigFileTest, ANamedFileThatIsMissingIsAnErrorThatSaysWhoNamedIt)
{
    const std::string missing = (m_dir.path() / "nope.toml").string();
    auto byFlag = TerminalConfig::load(missing);
    ASSERT_FALSE(byFlag);
    EXPECT_EQ(byFlag.error().code, Errc::invalid_config);
    EXPECT_NE(byFlag.error().message.find(missing + " named by --config does not exist"), std::string::npos)
        << byFlag.error().message;
    ScopedEnv set("SANGO_CONFIG", missing);
    auto byEnv = TerminalConfig::load("");
    ASSERT_FALSE(byEnv);
    EXPECT_NE(byEnv.error().message.find("named by $SANGO_CONFIG"), std::string::npos) << byEnv.error().message;
}

TEST_F(ConfigFileTest, DevNullIsAnEmptyConfiguration)
{
    auto c = TerminalConfig::load("/dev/null");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->logLevel, "warn");
    EXPECT_EQ(c->file, fs::path("/dev/null"));
}

TEST_F(ConfigFileTest, AnErrorInAFileNamesThatFile)
{
    const fs::path file = m_dir.path() / "bad.toml";
    writeText(file, "[sync]\nbatch_events = 900\n");
    auto c = TerminalConfig::load(file.string());
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find(file.string() + ":2: [sync] batch_events must be 1 to 500 (got 900)"),
              std::string::npos)
        << c.error().message;
}

// ---- the shipped file ----

// "section.key" → the value's text, from the shipped file's lines (read without toml++, so that this test does not
// trust the parser it checks).
std::map<std::string, std::string> shippedSettings(const std::string& text)
{
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line, section;
    const std::regex header(R"(^\[([a-z_]+)\]\s*$)");
    const std::regex setting(R"(^([a-z_]+)\s*=\s*(.*?)\s*$)");
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, header))
            section = m[1];
        else if (std::regex_match(line, m, setting))
            out[section + "." + std::string(m[1])] = m[2];
    }
    return out;
}

TEST(ShippedConfig, IsValidAndNamesEverySettingWithItsDefault)
{
    const fs::path shipped = fs::path(SANGO_SOURCE_DIR) / "packaging" / "terminal.toml";
    const std::string text = readText(shipped);
    ASSERT_FALSE(text.empty()) << shipped;
    auto c = TerminalConfig::read(shipped);
    ASSERT_TRUE(c) << c.error().message;

    const auto lines = shippedSettings(text);
    std::set<std::string> known;
    for (const std::string& key : TerminalConfig::keys()) {
        known.insert(key);
        EXPECT_TRUE(lines.count(key)) << key << " is not in " << shipped;
    }
    for (const auto& [key, value] : lines)
        EXPECT_TRUE(known.count(key)) << shipped << " has " << key << ", which TerminalConfig does not know";
    EXPECT_EQ(lines.size(), known.size());

    // Every value is the built-in default, but the data directory the package makes.
    EXPECT_EQ(c->dataDir, "/var/lib/sango");
    TerminalConfig expected;
    expected.dataDir = "/var/lib/sango";
    expected.file = shipped;
    EXPECT_EQ(*c, expected);

    // Each setting has a comment just above it (what it does), and the overridable ones say by what.
    for (const char* mention : {"--data-dir", "$SANGO_DATA_DIR", "--key-file", "$SANGO_LOG_LEVEL", "--ca-file",
                                "--pinned-key", "--batch-events", "--ledger", "--lang", "--windowed",
                                "$CREDENTIALS_DIRECTORY/store-key"})
        EXPECT_NE(text.find(mention), std::string::npos) << mention;
    std::istringstream in(text);
    std::string line, previous;
    const std::regex setting(R"(^[a-z_]+\s*=)");
    while (std::getline(in, line)) {
        if (std::regex_search(line, setting)) {
            EXPECT_EQ(previous.rfind("#", 0), 0u) << "no comment above: " << line;
        }
        previous = line;
    }
}

// ---- where the store and the key are ----

class ResolveTest : public ::testing::Test {
protected:
    test::TempDir m_dir;
    ScopedEnv m_data{"SANGO_DATA_DIR", std::nullopt};
    ScopedEnv m_xdg{"XDG_DATA_HOME", "/xdg"};
    ScopedEnv m_credentials{"CREDENTIALS_DIRECTORY", std::nullopt};
};

TEST_F(ResolveTest, DataDirectoryFlagThenEnvironmentThenConfigurationThenDefault)
{
    EXPECT_EQ(StoreLocation::resolve("", "", "", "").dataDir, fs::path("/xdg/sango"));
    EXPECT_EQ(StoreLocation::resolve("", "", "/var/lib/sango", "").dataDir, fs::path("/var/lib/sango"));
    {
        ScopedEnv env("SANGO_DATA_DIR", "/env");
        EXPECT_EQ(StoreLocation::resolve("", "", "/var/lib/sango", "").dataDir, fs::path("/env"));
        EXPECT_EQ(StoreLocation::resolve("/flag", "", "/var/lib/sango", "").dataDir, fs::path("/flag"));
    }
}

TEST_F(ResolveTest, KeyFlagThenConfigurationThenCredentialThenDataDirectory)
{
    const fs::path credentials = m_dir.path() / "credentials";
    fs::create_directories(credentials);
    EXPECT_EQ(StoreLocation::resolve("/d", "", "", "").key(), fs::path("/d/store.key"));
    {
        // A credentials directory without store-key (another credential only) changes nothing.
        ScopedEnv env("CREDENTIALS_DIRECTORY", credentials.string());
        EXPECT_EQ(StoreLocation::resolve("/d", "", "", "").key(), fs::path("/d/store.key"));
        writeText(credentials / "store-key", std::string(64, 'a') + "\n");
        EXPECT_EQ(StoreLocation::resolve("/d", "", "", "").key(), credentials / "store-key");
        EXPECT_EQ(StoreLocation::resolve("/d", "", "", "/etc/sango/key").key(), fs::path("/etc/sango/key"));
        EXPECT_EQ(StoreLocation::resolve("/d", "/flag.key", "", "/etc/sango/key").key(), fs::path("/flag.key"));
    }
}

TEST(KeyFileModes, A0400CredentialLoadsLikeA0600File)
{
    test::TempDir dir;
    const fs::path made = dir.path() / "store.key";
    auto key = KeyFile(made).create();
    ASSERT_TRUE(key) << key.error().message;
    const fs::path credential = dir.path() / "store-key";
    writeText(credential, readText(made));
    ASSERT_EQ(::chmod(credential.c_str(), 0400), 0);
    auto loaded = KeyFile(credential).load();
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->bytes(), key->bytes());
}

class CredentialStoreTest : public ::testing::Test {
protected:
    test::TempDir m_dir;
    ScopedEnv m_data{"SANGO_DATA_DIR", std::nullopt};
    ScopedEnv m_credentials{"CREDENTIALS_DIRECTORY", std::nullopt};
    test::TestIssuer m_issuer;
};

TEST_F(CredentialStoreTest, InitWithACredentialUsesItAndMakesNoStoreKey)
{
    const fs::path credentials = m_dir.path() / "credentials";
    fs::create_directories(credentials);
    StoreKey key = StoreKey::random();
    writeText(credentials / "store-key", crypto::toHex(key.bytes()) + "\n");
    ASSERT_EQ(::chmod((credentials / "store-key").c_str(), 0400), 0);
    ScopedEnv env("CREDENTIALS_DIRECTORY", credentials.string());

    const fs::path data = m_dir.path() / "data";
    const StoreLocation where = StoreLocation::resolve(data.string(), "", "", "");
    ASSERT_EQ(where.key(), credentials / "store-key");
    InitialConfig config{"T1", test::readJson(test::testDataDir() / "policy.json"),
                         test::readJson(test::testDataDir() / "provider.json"), m_issuer.trustJson()};
    {
        auto store = EventStore::create(where, config, test::kApril3Morning);
        ASSERT_TRUE(store) << store.error().message;
    }
    EXPECT_FALSE(fs::exists(data / "store.key"));
    EXPECT_EQ(readText(credentials / "store-key"), crypto::toHex(key.bytes()) + "\n"); // untouched

    // The store opens with the credential, and not with another key.
    EXPECT_TRUE(EventStore::open(where));
    const fs::path other = m_dir.path() / "other.key";
    ASSERT_TRUE(KeyFile(other).create());
    auto wrong = EventStore::open(StoreLocation{data, other});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::wrong_key);
}

} // namespace
} // namespace sango
