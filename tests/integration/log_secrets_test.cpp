// No secret in the logs: the real `sango` at SANGO_LOG_LEVEL=trace through enrolment, staff with a PIN, scans
// of a QR text, a tampered QR, syncs with the ledger up and down, a wrong key and a malformed PIN. Everything it
// writes on stderr (log lines and messages alike) is searched for the PIN, the store key, the wrong key, the QR
// text and each of its parts (the signature above all), the enrolment code, the device's secret key and the
// coupon id; and it must hold log lines of the store, the sessions and the sync, so that the search is not
// vacuous.
#include <gtest/gtest.h>

#include <cctype>

#include "ledger_runner.h"
#include "sango/event_store.h"
#include "sango/key_file.h"
#include "sango/sync_state.h"
#include "sango_runner.h"

namespace sango::itest {
namespace {

const Instant kLedgerStart = jst(2026, 6, 10, 9, 0);
constexpr const char* kPin = "80417263";

std::string trimmed(std::string s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    return s;
}

std::vector<std::string> split(const std::string& text, char by)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == by) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

class LogSecretsTest : public ::testing::Test {
protected:
    // `sango` at trace level, without any configuration file of the machine; its stderr is kept.
    CliResult run(const std::vector<std::string>& args, Instant at, const std::string& stdinText = {})
    {
        test::RunOptions o = Sango::options(at, stdinText);
        o.env["SANGO_LOG_LEVEL"] = "trace";
        o.env["SANGO_CONFIG"] = "/dev/null";
        auto r = toCliResult(test::run(m_sango.argv(args), o));
        m_stderr += r.err;
        return r;
    }

    test::TempDir m_tmp;
    Sango m_sango{m_tmp.path() / "terminal"};
    std::string m_stderr;
};

TEST_F(LogSecretsTest, TraceLogsHoldNoPinKeyQrTextSignatureOrDeviceSecret)
{
    LedgerRunner ledger(m_tmp.path() / "ledger", kLedgerStart);
    ledger.init();
    ledger.startServer();
    const std::string code = ledger.addProvider("P-0001", m_tmp.path());
    const auto coupon = ledger.issue("standard");

    auto enrolled = run({"enroll", "--ledger", ledger.url(), "--code", code}, jst(2026, 6, 10, 10, 0));
    ASSERT_EQ(enrolled.exit, 0) << enrolled;
    auto staff = run({"staff", "add", "--id", "mgr1", "--role", "manager"}, jst(2026, 6, 10, 10, 0),
                     std::string(kPin) + "\n");
    ASSERT_EQ(staff.exit, 0) << staff;
    auto badPin = run({"staff", "add", "--id", "rec1", "--role", "staff"}, jst(2026, 6, 10, 10, 0), "80a17263\n");
    EXPECT_NE(badPin.exit, 0) << badPin;

    auto opened = run({"scan", coupon.qr, "--service", "day", "--staff", "mgr1"}, jst(2026, 6, 10, 10, 1));
    ASSERT_EQ(opened.exit, 0) << opened;
    ASSERT_EQ(opened.out["action"], "opened") << opened;
    auto synced = run({"sync", "--once"}, jst(2026, 6, 10, 10, 2));
    ASSERT_EQ(synced.exit, 0) << synced;

    // A QR text whose signature was changed: refused, and its text is not repeated either.
    std::string tampered = coupon.qr;
    char& last = tampered[tampered.size() - 2];
    last = last == 'A' ? 'B' : 'A';
    auto refused = run({"verify", tampered}, jst(2026, 6, 10, 10, 3));
    EXPECT_EQ(refused.exit, 2) << refused;

    // The ledger goes away: a sync against a dead address, at the enrolled URL and at another.
    ledger.stopServer();
    auto closed = run({"scan", coupon.qr, "--service", "day", "--staff", "mgr1"}, jst(2026, 6, 10, 11, 30));
    ASSERT_EQ(closed.exit, 0) << closed;
    auto down = run({"sync", "--once"}, jst(2026, 6, 10, 11, 31));
    EXPECT_EQ(down.exit, 4) << down;
    EXPECT_EQ(down.result(), "ledger_unreachable") << down;
    auto elsewhere = run({"sync", "--once", "--ledger", "http://127.0.0.1:1"}, jst(2026, 6, 10, 11, 32));
    EXPECT_EQ(elsewhere.exit, 4) << elsewhere;

    // A wrong key.
    const fs::path wrongKeyFile = m_tmp.path() / "wrong.key";
    ASSERT_TRUE(KeyFile(wrongKeyFile).create());
    auto wrong = run({"--key-file", wrongKeyFile.string(), "status"}, jst(2026, 6, 10, 11, 33));
    EXPECT_EQ(wrong.exit, 3) << wrong;
    EXPECT_EQ(wrong.result(), "wrong_key") << wrong;

    // The secrets.
    const std::string storeKey = trimmed(readFile(m_sango.dataDir() / "store.key"));
    const std::string wrongKey = trimmed(readFile(wrongKeyFile));
    ASSERT_EQ(storeKey.size(), 64u);
    ASSERT_EQ(wrongKey.size(), 64u);
    std::string deviceKey;
    {
        auto store = EventStore::open(StoreLocation{m_sango.dataDir(), {}});
        ASSERT_TRUE(store) << store.error().message;
        auto value = SyncState(*store).deviceKeyHex();
        ASSERT_TRUE(value && *value) << "no device key in the store";
        deviceKey = **value;
    }
    ASSERT_GE(deviceKey.size(), 64u);
    std::vector<std::pair<std::string, std::string>> secrets = {
        {"PIN", kPin},
        {"store key", storeKey},
        {"store key (first half)", storeKey.substr(0, 32)},
        {"wrong key", wrongKey},
        {"device secret key", deviceKey},
        {"device secret key (seed)", deviceKey.substr(0, 64)},
        {"QR text", coupon.qr},
        {"tampered QR text", tampered},
        {"enrolment code", code},
        {"coupon id", coupon.id},
        {"coupon id, grouped", grouped(coupon.id)},
    };
    // Each part of the QR text's JWS: header, claims, and above all the signature.
    const auto parts = split(coupon.qr.substr(coupon.qr.find(':') + 1), '.');
    ASSERT_EQ(parts.size(), 3u) << coupon.qr;
    secrets.push_back({"QR claims", parts[1]});
    secrets.push_back({"QR signature", parts[2]});
    secrets.push_back({"QR signature (first 24)", parts[2].substr(0, 24)});

    for (const auto& [what, secret] : secrets) {
        ASSERT_FALSE(secret.empty()) << what;
        EXPECT_EQ(m_stderr.find(secret), std::string::npos) << "the " << what << " is on stderr:\n" << m_stderr;
    }

    // And the logs did speak: the store, the sessions and the sync, at info and debug.
    for (const char* line : {"[terminal.store] [info] created store", "[terminal.session] [info] scan: session",
                             "[sango.sync] [info] sync ok", "[sango.sync] [debug]", "[sango.sync] [warning] sync failed"})
        EXPECT_NE(m_stderr.find(line), std::string::npos) << "no `" << line << "` line in:\n" << m_stderr;
}

} // namespace
} // namespace sango::itest
