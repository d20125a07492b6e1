#pragma once
// What the LedgerApi tests share: a real Ledger in a temporary directory on a FakeClock with one provider and
// an enrolled terminal, a signer for requests, a snapshot of everything a request could change, and a tiny
// HTTP/1.1 client over POSIX sockets (plain HTTP on loopback only, one request per connection).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process.h"
#include "raw_http.h"
#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/ledger/ledger.h"
#include "sango/ledger/ledger_api.h"
#include "sango/server/http_server.h"
#include "test_engine.h"

namespace sango::test {

// 2026-04-03T10:00:00+09:00
inline constexpr Instant kApiNow{std::chrono::seconds(1775178000)};

nlohmann::json readJsonFile(const std::filesystem::path& p);

// A terminal as the tests drive it: its id and device key.
struct TestTerminal {
    std::string id;
    crypto::SigningKey key;
    std::string cursor; // from the enrolment
};

// Signed with an explicit nonce, so that a test can reuse one on purpose.
server::HttpRequest signedRequest(const TestTerminal& terminal, std::string method, std::string target,
                                  std::string body, std::int64_t timestamp, const std::string& nonce);
std::string randomNonce();

using HttpReply = RawHttpReply;

// Sends one request to 127.0.0.1:port (Connection: close) and reads the whole answer. Headers of the request
// are sent as given; Host, Content-Length and Connection are added. A server that answers before the body is
// sent (413) is read without sending the rest.
HttpReply httpCall(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}, const std::string& body = {});
HttpReply httpCall(std::uint16_t port, const server::HttpRequest& request);

class ApiFixture : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    std::int64_t now() const { return m_clock.now().time_since_epoch().count(); }

    // Enrols a terminal of that provider through the API (the code is made on the ledger).
    TestTerminal enrolTerminal(const std::string& providerId, const std::string& label);
    server::HttpRequest sign(const TestTerminal& t, std::string method, std::string target, std::string body = {})
    {
        return signedRequest(t, std::move(method), std::move(target), std::move(body), now(), randomNonce());
    }
    server::HttpResponse call(const server::HttpRequest& r) { return m_api->handle(r); }

    // A coupon issued by the ledger for the tests.
    std::string issueCoupon(int grant = 2520);
    // Events as a terminal would upload them.
    nlohmann::json openEvent(const std::string& couponId, const std::string& sessionId, std::int64_t start,
                             std::int64_t seq, const std::string& service = "day");
    nlohmann::json closeEvent(const std::string& couponId, const std::string& sessionId, std::int64_t stop,
                              std::int64_t seq, int actual, int billed);
    static std::string batch(const std::vector<nlohmann::json>& events);

    // Everything a terminal API request could change at the ledger: events, terminals, balances of the
    // given coupons and the changes feed of m_terminal.
    std::string snapshot(const std::vector<std::string>& coupons = {});
    bool sqliteSnapshot(nlohmann::json& s, const std::vector<std::string>& tables,
                        const std::function<std::string(const std::string&)>& columnsOf);

    // Checks the answer is this refusal, with the ledger's time.
    void expectRefusal(const server::HttpResponse& r, int status, const std::string& error);

    TempDir m_dir;
    ledger::LedgerLocation m_location; // m_dir/ledger, or a PostgreSQL database (test_engine.h)
    FakeClock m_clock{kApiNow};
    std::unique_ptr<ledger::Ledger> m_ledger;
    std::unique_ptr<ledger::LedgerApi> m_api;
    std::string m_providerId;
    TestTerminal m_terminal;
};

// The API behind a real HTTP server on 127.0.0.1 and a free port.
class HttpApiFixture : public ApiFixture {
protected:
    void SetUp() override;
    void TearDown() override;
    HttpReply http(const server::HttpRequest& r) { return httpCall(m_server->port(), r); }

    std::unique_ptr<server::HttpServer> m_server;
};

// A provider.json for another provider of the same municipality.
nlohmann::json otherProvider(const std::string& providerId);

// A child process whose stdout is read line by line while it runs (stderr goes to the test's).
class LineChild {
public:
    explicit LineChild(const std::vector<std::string>& argv);
    ~LineChild();
    LineChild(const LineChild&) = delete;
    LineChild& operator=(const LineChild&) = delete;

    // The next line of stdout, or nullopt when stdout ends first or nothing comes within the timeout (a guard
    // against a hung child, not a delay: the line is returned as soon as it is there).
    std::optional<std::string> readLine(int timeoutMs = 30000);
    void signal(int sig);
    // Waits for the end: the exit status, or 128 + signal.
    int wait();

private:
    pid_t m_pid = -1;
    int m_out = -1;
    std::string m_buffer;
    bool m_waited = false;
};

// A program on PATH (run() does not search it), or empty when there is none.
std::filesystem::path findProgram(const std::string& name);

} // namespace sango::test
