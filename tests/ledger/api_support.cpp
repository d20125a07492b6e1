#include "api_support.h"

#include "sango/database.h"
#include "sango/key_file.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "sango/base64url.h"
#include "sango/protocol/request_signature.h"
#include "test_paths.h"

extern char** environ;

namespace sango::test {

using nlohmann::json;

namespace {

bool readable(int fd, int timeoutMs)
{
    pollfd p{fd, POLLIN, 0};
    int rc = 0;
    do {
        rc = ::poll(&p, 1, timeoutMs);
    } while (rc < 0 && errno == EINTR);
    return rc > 0;
}

} // namespace

nlohmann::json readJsonFile(const std::filesystem::path& p)
{
    std::ifstream in(p);
    return json::parse(in);
}

std::string randomNonce()
{
    std::array<std::uint8_t, 16> n{};
    crypto::randomBytes(n.data(), n.size());
    return crypto::toHex(n);
}

server::HttpRequest signedRequest(const TestTerminal& terminal, std::string method, std::string target,
                                  std::string body, std::int64_t timestamp, const std::string& nonce)
{
    // As protocol::signRequest, with the nonce chosen by the test.
    const auto sig = terminal.key.sign(protocol::canonicalRequest(terminal.id, method, target, timestamp, nonce, body));
    server::HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    r.remoteAddress = "127.0.0.1";
    r.headers = {{"sango-terminal", terminal.id},
                 {"sango-timestamp", std::to_string(timestamp)},
                 {"sango-nonce", nonce},
                 {"sango-signature", base64url::encode(sig.data(), sig.size())}};
    return r;
}


HttpReply httpCall(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body)
{
    const bool withBody = !body.empty() || method == "POST";
    return httpRoundTrip(port, httpHead(method, target, headers, withBody ? std::optional(body.size()) : std::nullopt) +
                                   body);
}

HttpReply httpCall(std::uint16_t port, const server::HttpRequest& request)
{
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [k, v] : request.headers)
        headers.emplace_back(k, v);
    return httpCall(port, request.method, request.target, headers, request.body);
}

nlohmann::json otherProvider(const std::string& providerId)
{
    json p = readJsonFile(testDataDir() / "provider.json");
    p["provider_id"] = providerId;
    p["name"] = "ほかの助産院";
    return p;
}

void ApiFixture::SetUp()
{
    m_location = newLedgerLocation(m_dir.path() / "ledger");
    auto created = ledger::Ledger::create(m_location, "131016",
                                          readJsonFile(testDataDir() / "policy.json"), m_clock);
    ASSERT_TRUE(created) << created.error().message;
    m_ledger = std::make_unique<ledger::Ledger>(std::move(*created));
    m_api = std::make_unique<ledger::LedgerApi>(*m_ledger, m_clock);
    auto provider = m_ledger->addProvider(readJsonFile(testDataDir() / "provider.json"));
    ASSERT_TRUE(provider) << provider.error().message;
    m_providerId = provider->providerId;

    m_terminal.key = crypto::SigningKey::generate();
    const json request = {{"code", provider->enrolmentCode},
                          {"public_key_b64u", base64url::encode(m_terminal.key.publicKey.data(), 32)},
                          {"label", "reception 1"}};
    server::HttpRequest r{"POST", "/v1/enrol", {}, request.dump(), "127.0.0.1"};
    const auto answer = call(r);
    ASSERT_EQ(answer.status, 200) << answer.body;
    const json j = json::parse(answer.body);
    m_terminal.id = j.at("terminal_id").get<std::string>();
    m_terminal.cursor = j.at("cursor").get<std::string>();
}

void ApiFixture::TearDown()
{
    m_api.reset();
    m_ledger.reset();
}

TestTerminal ApiFixture::enrolTerminal(const std::string& providerId, const std::string& label)
{
    TestTerminal t;
    auto code = m_ledger->newEnrolmentCode(providerId);
    if (!code) {
        ADD_FAILURE() << code.error().message;
        return t;
    }
    t.key = crypto::SigningKey::generate();
    const json request = {
        {"code", *code}, {"public_key_b64u", base64url::encode(t.key.publicKey.data(), 32)}, {"label", label}};
    const auto answer = call(server::HttpRequest{"POST", "/v1/enrol", {}, request.dump(), "127.0.0.1"});
    if (answer.status != 200) {
        ADD_FAILURE() << answer.body;
        return t;
    }
    const json j = json::parse(answer.body);
    t.id = j.at("terminal_id").get<std::string>();
    t.cursor = j.at("cursor").get<std::string>();
    return t;
}

std::string ApiFixture::issueCoupon(int grant)
{
    ledger::IssueRequest r;
    r.type = "standard";
    r.grantMinutes = grant;
    r.notBefore = now() - 86400; // valid for the sessions the tests date in the past hours
    auto c = m_ledger->issue(r);
    if (!c) {
        ADD_FAILURE() << c.error().message;
        return {};
    }
    return c->couponId;
}

nlohmann::json ApiFixture::openEvent(const std::string& couponId, const std::string& sessionId, std::int64_t start,
                                     std::int64_t seq, const std::string& service)
{
    return {{"id", crypto::randomUuid()},
            {"seq", seq},
            {"type", "session_opened"},
            {"at", start},
            {"body",
             {{"session_id", sessionId},
              {"coupon_id", couponId},
              {"source", "qr"},
              {"service", service},
              {"start", start},
              {"date", "2026-04-03"},
              {"staff_id", "S1"},
              {"flags", json::array()},
              {"clock", {{"offset_s", 0}, {"verified", true}}}}}};
}

nlohmann::json ApiFixture::closeEvent(const std::string& couponId, const std::string& sessionId, std::int64_t stop,
                                      std::int64_t seq, int actual, int billed)
{
    return {{"id", crypto::randomUuid()},
            {"seq", seq},
            {"type", "session_closed"},
            {"at", stop},
            {"body",
             {{"session_id", sessionId},
              {"coupon_id", couponId},
              {"stop", stop},
              {"actual_minutes", actual},
              {"billed_minutes", billed},
              {"flags", json::array()},
              {"staff_id", "S1"},
              {"by_scan", true},
              {"clock", {{"offset_s", 0}, {"verified", true}}}}}};
}

std::string ApiFixture::batch(const std::vector<nlohmann::json>& events)
{
    return json{{"events", events}}.dump();
}

// The tables through a SQLCipher connection of the test's own.
bool ApiFixture::sqliteSnapshot(json& s, const std::vector<std::string>& tables,
                                const std::function<std::string(const std::string&)>& columnsOf)
{
    auto key = KeyFile(m_dir.path() / "ledger" / "ledger.key").load();
    if (!key) {
        ADD_FAILURE() << key.error().message;
        return false;
    }
    auto d = db::Database::open(m_dir.path() / "ledger" / "ledger.db", false);
    if (!d || !d->key(key->sqlcipherLiteral()) || !d->exec("PRAGMA cipher_page_size = 4096")) {
        ADD_FAILURE() << "cannot open the ledger's store for a snapshot";
        return false;
    }
    for (const auto& table : tables) {
        auto st = d->prepare("SELECT " + columnsOf(table) + " FROM " + table + " ORDER BY 1, 2");
        if (!st) {
            ADD_FAILURE() << st.error().message;
            return false;
        }
        json rows = json::array();
        for (;;) {
            auto row = st->step();
            if (!row) {
                ADD_FAILURE() << row.error().message;
                return false;
            }
            if (!*row)
                break;
            json r = json::array();
            for (int c = 0; c < st->columnCount(); ++c)
                r.push_back(st->isNull(c) ? json() : json(st->text(c)));
            rows.push_back(std::move(r));
        }
        s[table] = std::move(rows);
    }
    return true;
}

std::string ApiFixture::snapshot(const std::vector<std::string>& coupons)
{
    // Every table a request could touch, read through a connection of the test's own (reading the feed through
    // the API would itself be a request, with its nonce and the time of the pull).
    json s = json::object();
    // Not the nonces nor the terminal's last contact and pull: a proper request (expectNonceFresh's) changes them, and that
    // a refused request stores no nonce is what expectNonceFresh itself checks.
    const auto columnsOf = [](const std::string& table) -> std::string {
        return table == "terminals"
                   ? "terminal_id, provider_id, number, public_key, label, enrolled_at, revoked_at, revoke_reason"
                   : "*";
    };
    const std::vector<std::string> tables{"events",    "event_conflicts", "sessions",        "terminals", "changes",
                                          "coupons",   "paper_tickets",   "enrolment_codes", "providers"};
    if (m_location.postgres()) {
        auto* cluster = PgCluster::shared();
        if (cluster == nullptr)
            return {};
        for (const auto& table : tables) {
            json rows = json::array();
            for (const auto& row : cluster->rows(PgCluster::databaseOf(m_location.databaseUrl),
                                                 "SELECT " + columnsOf(table) + " FROM " + table + " ORDER BY 1, 2")) {
                json r = json::array();
                for (const auto& v : row)
                    r.push_back(v ? json(*v) : json());
                rows.push_back(std::move(r));
            }
            s[table] = std::move(rows);
        }
    } else if (!sqliteSnapshot(s, tables, columnsOf)) {
        return {};
    }
    for (const auto& c : coupons) {
        auto b = m_ledger->balance(c);
        if (!b) {
            ADD_FAILURE() << b.error().message;
            return {};
        }
        s["balances"].push_back({b->couponId, b->grantMinutes, b->usedMinutes, b->balanceMinutes});
    }
    return s.dump(1, ' ', false, json::error_handler_t::replace);
}

void ApiFixture::expectRefusal(const server::HttpResponse& r, int status, const std::string& error)
{
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.contentType, "application/json");
    const json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.body;
    auto body = protocol::ErrorBody::fromJson(j);
    ASSERT_TRUE(body) << body.error().message << ": " << r.body;
    EXPECT_EQ(body->error, error) << r.body;
    EXPECT_FALSE(body->message.empty());
    EXPECT_EQ(body->serverTime, now()) << "every answer carries the ledger's time";
}

void HttpApiFixture::SetUp()
{
    ApiFixture::SetUp();
    if (HasFatalFailure())
        return;
    server::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    auto s = server::HttpServer::start(o, [this](const server::HttpRequest& r) { return m_api->handle(r); });
    ASSERT_TRUE(s) << s.error().message;
    m_server = std::move(*s);
}

void HttpApiFixture::TearDown()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
    ApiFixture::TearDown();
}

LineChild::LineChild(const std::vector<std::string>& argv)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    m_out = fds[0];
    if (rc != 0) {
        m_pid = -1;
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
}

LineChild::~LineChild()
{
    if (m_pid > 0 && !m_waited) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    if (m_out >= 0)
        ::close(m_out);
}

std::optional<std::string> LineChild::readLine(int timeoutMs)
{
    for (;;) {
        if (const auto nl = m_buffer.find('\n'); nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        if (!readable(m_out, timeoutMs))
            return std::nullopt;
        std::array<char, 4096> buf{};
        const ssize_t n = ::read(m_out, buf.data(), buf.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        m_buffer.append(buf.data(), static_cast<std::size_t>(n));
    }
}

void LineChild::signal(int sig)
{
    if (m_pid > 0 && !m_waited)
        ::kill(m_pid, sig);
}

int LineChild::wait()
{
    if (m_waited || m_pid <= 0)
        return -1;
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_waited = true;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

std::filesystem::path findProgram(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        start = end + 1;
    }
    return {};
}

} // namespace sango::test
