// `sango-ledger --data-dir D serve --listen 127.0.0.1:0` as a real process: it says where it listens on one
// JSON line, serves the API, and stops cleanly (exit 0) on SIGTERM or SIGINT.
#include <signal.h>

#include <string>

#include <gtest/gtest.h>

#include "api_support.h"
#include "test_paths.h"

namespace sango::test {
namespace {

using nlohmann::json;

class LedgerServeCommand : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(std::filesystem::exists(ledgerBinary()))
            << ledgerBinary() << " is not built: build the sango-ledger target";
        m_dataDir = m_dir.path() / "ledger";
        m_location = newLedgerLocation(m_dataDir);
        FakeClock clock{kApiNow};
        // Made and closed here: the server process opens it on its own.
        auto created =
            ledger::Ledger::create(m_location, "131016", readJsonFile(testDataDir() / "policy.json"), clock);
        ASSERT_TRUE(created) << created.error().message;
    }

    std::vector<std::string> serveArgs(const std::string& listen) const
    {
        std::vector<std::string> args{ledgerBinary().string()};
        for (const auto& a : locationArgs(m_location))
            args.push_back(a);
        for (const std::string a : {"serve", "--listen"})
            args.push_back(a);
        args.push_back(listen);
        return args;
    }

    // Starts the server, reads its line, checks /v1/health, stops it with sig: its exit status.
    int serveAndStop(int sig)
    {
        LineChild child(serveArgs("127.0.0.1:0"));
        const auto line = child.readLine();
        if (!line) {
            ADD_FAILURE() << "no line on stdout";
            child.signal(SIGKILL);
            return child.wait();
        }
        const json ready = json::parse(*line, nullptr, false);
        EXPECT_TRUE(ready.is_object()) << *line;
        EXPECT_EQ(ready.value("tls", true), false) << *line;
        const std::string url = ready.value("listening", "");
        const std::string prefix = "http://127.0.0.1:";
        EXPECT_EQ(url.rfind(prefix, 0), 0u) << *line;
        const int port = url.size() > prefix.size() ? std::stoi(url.substr(prefix.size())) : 0;
        EXPECT_GT(port, 0) << *line;
        EXPECT_LT(port, 65536) << *line;
        if (port > 0 && port < 65536) {
            const HttpReply health = httpCall(static_cast<std::uint16_t>(port), "GET", "/v1/health");
            EXPECT_EQ(health.status, 200) << health.body;
            EXPECT_EQ(health.json().value("municipality", ""), "131016") << health.body;
            EXPECT_EQ(health.json().value("status", ""), "ok") << health.body;
            const HttpReply missing = httpCall(static_cast<std::uint16_t>(port), "GET", "/v1/nope");
            EXPECT_EQ(missing.status, 404);
        }
        child.signal(sig);
        return child.wait();
    }

    TempDir m_dir;
    std::filesystem::path m_dataDir;
    ledger::LedgerLocation m_location; // m_dataDir, or a PostgreSQL database
};

TEST_F(LedgerServeCommand, ServesAndStopsOnSigterm)
{
    EXPECT_EQ(serveAndStop(SIGTERM), 0);
}

TEST_F(LedgerServeCommand, StopsOnSigint)
{
    EXPECT_EQ(serveAndStop(SIGINT), 0);
}

TEST_F(LedgerServeCommand, ServesHttpsWithACertificate)
{
    const auto cert = m_dir.path() / "cert.pem";
    const auto key = m_dir.path() / "key.pem";
    const auto openssl = findProgram("openssl");
    const auto curl = findProgram("curl");
    if (openssl.empty() || curl.empty())
        GTEST_SKIP() << "needs the openssl and curl commands";
    const auto made = run({openssl.string(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.string(), "-out", cert.string(),
                           "-days", "2", "-subj", "/CN=localhost", "-addext",
                           "subjectAltName=IP:127.0.0.1,DNS:localhost"});
    if (made.exitCode != 0)
        GTEST_SKIP() << "the openssl command could not make a test certificate: " << made.err;

    auto args = serveArgs("127.0.0.1:0");
    args.insert(args.end(), {"--tls-cert", cert.string(), "--tls-key", key.string()});
    LineChild child(args);
    const auto line = child.readLine();
    ASSERT_TRUE(line) << "no line on stdout";
    const json ready = json::parse(*line, nullptr, false);
    EXPECT_EQ(ready.value("tls", false), true) << *line;
    const std::string url = ready.value("listening", "");
    EXPECT_EQ(url.rfind("https://127.0.0.1:", 0), 0u) << *line;

    // A client that verifies the certificate (curl with it as the only CA) gets the health answer.
    const auto health = run({curl.string(), "-sS", "--max-time", "30", "--cacert", cert.string(), url + "/v1/health"});
    EXPECT_EQ(health.exitCode, 0) << health.err;
    EXPECT_EQ(json::parse(health.out, nullptr, false).value("status", ""), "ok") << health.out;
    child.signal(SIGTERM);
    EXPECT_EQ(child.wait(), 0);
}

TEST_F(LedgerServeCommand, NoLedgerIsAStoreError)
{
    const auto r = run({ledgerBinary().string(), "--data-dir", (m_dir.path() / "nothing").string(), "serve",
                        "--listen", "127.0.0.1:0"});
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(r.err.empty());
}

TEST_F(LedgerServeCommand, BadListenAddressIsAUsageError)
{
    for (const std::string listen : {"nonsense", "127.0.0.1", "127.0.0.1:70000", "127.0.0.1:-1", ":8080",
                                     "127.0.0.1:80a", "not a host:0", "::1:0"}) {
        SCOPED_TRACE(listen);
        const auto r = run(serveArgs(listen));
        EXPECT_EQ(r.exitCode, 1) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_NE(r.err.find("listen"), std::string::npos) << r.err;
    }
}

TEST_F(LedgerServeCommand, PortInUseIsAUsageError)
{
    LineChild first(serveArgs("127.0.0.1:0"));
    const auto line = first.readLine();
    ASSERT_TRUE(line) << "no line on stdout";
    const std::string url = json::parse(*line, nullptr, false).value("listening", "");
    const std::string port = url.substr(url.rfind(':') + 1);
    const auto second = run(serveArgs("127.0.0.1:" + port));
    EXPECT_EQ(second.exitCode, 1) << second.err;
    EXPECT_TRUE(second.out.empty()) << second.out;
    EXPECT_FALSE(second.err.empty());
    first.signal(SIGTERM);
    EXPECT_EQ(first.wait(), 0);
}

TEST_F(LedgerServeCommand, PlainHttpOffLoopbackIsRefused)
{
    const auto r = run(serveArgs("0.0.0.0:0"));
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("loopback"), std::string::npos) << r.err;
    auto args = serveArgs("127.0.0.1:0");
    args.push_back("--tls-cert");
    args.push_back((m_dir.path() / "cert.pem").string());
    const auto half = run(args);
    EXPECT_EQ(half.exitCode, 1) << half.err;
}

} // namespace
} // namespace sango::test
