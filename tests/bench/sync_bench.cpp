// sango_sync_bench: how fast a terminal's session events reach the municipal ledger over loopback, batched
// against one request per event, and what the ledger takes when 20 terminals push at once.
//
// Every part on the wire is the real one: the reference Ledger on its encrypted SQLCipher store (WAL,
// synchronous=FULL) in a temporary directory, LedgerApi behind sango::server::HttpServer on 127.0.0.1 (plain
// HTTP, which only loopback allows), and on the terminal's side CurlTransport + LedgerClient driven by
// SyncEngine::runOnce(): a health check, the pushes, the pull of changes. Only the terminal's own store is
// replaced, by an in-memory SyncLocal, so that the figures are the wire's and the ledger's; what the
// terminal's SQLCipher commits cost is sango_bench's subject.
//
// The scenarios (events are session_opened/session_closed pairs as terminal.cpp writes them, 30 billed
// minutes per session, 50 sessions per coupon, coupons issued by the ledger with room to spare, so that
// every event is accepted):
//   one per event   one terminal, 2,000 events, one event per request: 2,000 pushes
//   batched         the same, in batches of 200 (the terminal's default): 10 pushes
//   1 terminal      one terminal, 10,000 events in batches of 100, alone
//   20 terminals    20 terminals, each with its own thread, transport, client and engine, 500 events each in
//                   batches of 100, released together; timed from the release to the last one's end
// Each measurement starts from the same ledger: a copy of a template data directory made once (provider,
// 20 enrolled terminals, 100 coupons). Issuing coupons costs an Argon2id hash each, far too slow to repeat.
// Every scenario runs --repetitions times (default 3), interleaved so that a slow spell of the machine does
// not land on one scenario only; the table shows the median. The run aborts if a single event is not
// accepted (by the engine's count, every answer, and the ledger's own event list), so it cannot look fast
// by failing fast. No timing is asserted.
//
// The stores live under TMPDIR: run it with TMPDIR on a real disk (fsync on tmpfs costs nothing).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <latch>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"
#include "sango/base64url.h"
#include "sango/clock.h"
#include "sango/crypto.h"
#include "sango/ledger/ledger.h"
#include "sango/ledger/ledger_api.h"
#include "sango/local_time.h"
#include "sango/protocol/messages.h"
#include "sango/server/http_server.h"
#include "sango/sync/curl_transport.h"
#include "sango/sync/ledger_client.h"
#include "sango/sync/sync_engine.h"
#include "sango/sync/sync_local.h"
#include "test_paths.h"

namespace {

namespace fs = std::filesystem;
namespace test = sango::test;
namespace protocol = sango::protocol;
namespace sync = sango::sync;
using namespace std::chrono_literals;
using nlohmann::json;
using sango::Instant;

// 2026-04-03T10:00:00+09:00, as the ledger tests. The ledger's clock and the terminals' clocks are FakeClocks
// standing still at this instant: the measured offset is 0, so no request is refused as stale and re-signed,
// and the coupons' validity does not depend on the day the benchmark runs.
constexpr Instant kNow{std::chrono::seconds(1775178000)};

constexpr int kSessionsPerCoupon = 50;     // 25 hours of sessions a coupon, well within its grant
constexpr int kGrantMinutes = 100'000;     // 50 × 30 billed minutes is 1,500: never no_balance
constexpr int kBilledMinutes = 30;
constexpr int kMaxTerminals = 20;
constexpr int kTemplateCoupons = 100;      // the most any scenario uses (10,000 events)
constexpr int kDefaultRepetitions = 3;

[[noreturn]] void die(const std::string& what)
{
    // abort, not exit: a benchmark that lost events must not end like one that finished.
    std::fprintf(stderr, "sango_sync_bench: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

void require(bool ok, const std::string& what)
{
    if (!ok)
        die(what);
}

template <typename T>
T need(sango::Expected<T> r, const std::string& what)
{
    if (!r)
        die(what + ": " + std::string(sango::toString(r.error().code)) + ": " + r.error().message);
    if constexpr (!std::is_void_v<T>)
        return std::move(*r);
}

json readJson(const fs::path& p)
{
    std::ifstream in(p);
    require(static_cast<bool>(in), "cannot read " + p.string());
    return json::parse(in);
}

double secondsSince(std::chrono::steady_clock::time_point t0, std::chrono::steady_clock::time_point t1)
{
    return std::chrono::duration<double>(t1 - t0).count();
}

// ---- the ledger --------------------------------------------------------------------------------------------

struct EnrolledTerminal {
    std::string id;
    sango::crypto::SigningKey key;
};

// The data directory every measurement starts from, made once: policy and provider from tests/data, 20
// enrolled terminals of that provider, 100 coupons with a large grant, valid from a week before kNow.
struct LedgerTemplate {
    test::TempDir dir;
    fs::path dataDir;
    std::vector<EnrolledTerminal> terminals;
    std::vector<std::string> coupons;
    std::string timeZone;

    LedgerTemplate()
    {
        dataDir = dir.path() / "ledger";
        const json policy = readJson(test::testDataDir() / "policy.json");
        timeZone = policy.at("time_zone").get<std::string>();
        const sango::FakeClock clock(kNow);
        auto ledger = need(sango::ledger::Ledger::create(dataDir, "131016", policy, clock), "create the ledger");
        auto provider = need(ledger.addProvider(readJson(test::testDataDir() / "provider.json")), "add the provider");
        std::string code = provider.enrolmentCode;
        for (int i = 0; i < kMaxTerminals; ++i) {
            if (i > 0)
                code = need(ledger.newEnrolmentCode(provider.providerId), "make an enrolment code");
            EnrolledTerminal t;
            t.key = sango::crypto::SigningKey::generate();
            const protocol::EnrolRequest request{
                code, sango::base64url::encode(t.key.publicKey.data(), t.key.publicKey.size()),
                "bench " + std::to_string(i + 1)};
            t.id = need(ledger.enrol(request), "enrol a terminal").terminalId;
            terminals.push_back(std::move(t));
        }
        for (int i = 0; i < kTemplateCoupons; ++i) {
            sango::ledger::IssueRequest r;
            r.type = "standard";
            r.grantMinutes = kGrantMinutes;
            r.notBefore = (kNow - 7 * 24h).time_since_epoch().count();
            coupons.push_back(need(ledger.issue(r), "issue a coupon").couponId);
        }
        // The Ledger closes here: its store is checkpointed and whole in ledger.db before anything copies it.
    }
};

// A ledger of its own for one measurement: a copy of the template, served over HTTP on a free loopback port.
class ServedLedger {
public:
    explicit ServedLedger(const LedgerTemplate& from)
    {
        const fs::path dataDir = m_dir.path() / "ledger";
        fs::copy(from.dataDir, dataDir, fs::copy_options::recursive);
        // The key must stay private to its owner whatever the copy did with the mode.
        fs::permissions(dataDir / "ledger.key", fs::perms::owner_read | fs::perms::owner_write,
                        fs::perm_options::replace);
        m_ledger = std::make_unique<sango::ledger::Ledger>(
            need(sango::ledger::Ledger::open(dataDir, m_clock), "open the ledger's copy"));
        m_api = std::make_unique<sango::ledger::LedgerApi>(*m_ledger, m_clock);
        // The server's defaults are what `sango-ledger serve` runs with (2 threads).
        sango::server::ServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        m_server = need(sango::server::HttpServer::start(
                            options, [this](const sango::server::HttpRequest& r) { return m_api->handle(r); }),
                        "start the HTTP server");
    }

    ~ServedLedger()
    {
        // The handler uses the API and the ledger: the server stops first.
        m_server->stop();
    }

    ServedLedger(const ServedLedger&) = delete;
    ServedLedger& operator=(const ServedLedger&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_server->port()); }

    // The ledger's own count of accepted events, independent of what the terminals were told.
    std::size_t acceptedEvents()
    {
        return need(m_ledger->events(std::nullopt, std::string("accepted")), "list the ledger's events").size();
    }
    std::size_t allEvents()
    {
        return need(m_ledger->events(std::nullopt, std::nullopt), "list the ledger's events").size();
    }

private:
    test::TempDir m_dir;
    sango::FakeClock m_clock{kNow};
    std::unique_ptr<sango::ledger::Ledger> m_ledger;
    std::unique_ptr<sango::ledger::LedgerApi> m_api;
    std::unique_ptr<sango::server::HttpServer> m_server;
};

// ---- the terminal ------------------------------------------------------------------------------------------

// The session events of one terminal, in the order it would have recorded them: 50 rounds an hour apart;
// in each, one 30-minute session per coupon opens, then they all close. Bodies exactly as terminal.cpp
// writes them (the coupon member empty, as for a typed id; the clock verified with offset 0).
std::vector<protocol::WireEvent> sessionEvents(const std::vector<std::string>& coupons, const sango::LocalTime& zone)
{
    const json clock = {{"offset_s", 0}, {"verified", true}};
    // Ending well before kNow: the terminal uploads what happened, never what is still to come.
    const Instant first = kNow - 3 * 24h;
    std::vector<protocol::WireEvent> events;
    events.reserve(coupons.size() * kSessionsPerCoupon * 2);
    std::int64_t seq = 0;
    auto add = [&](std::string_view type, std::int64_t at, json body) {
        protocol::WireEvent e;
        e.id = sango::crypto::randomUuid();
        e.seq = ++seq;
        e.type = std::string(type);
        e.at = at;
        e.body = std::move(body);
        events.push_back(std::move(e));
    };
    for (int round = 0; round < kSessionsPerCoupon; ++round) {
        const Instant start = first + round * 1h;
        const Instant stop = start + std::chrono::minutes(kBilledMinutes);
        const std::int64_t startS = start.time_since_epoch().count();
        const std::int64_t stopS = stop.time_since_epoch().count();
        std::vector<std::string> sessions;
        for (const auto& coupon : coupons) {
            sessions.push_back(sango::crypto::randomUuid());
            add("session_opened", startS,
                {{"session_id", sessions.back()},
                 {"coupon_id", coupon},
                 {"source", "qr"},
                 {"service", "stay"},
                 {"start", startS},
                 {"date", sango::formatDate(zone.dateOf(start))},
                 {"staff_id", "S1"},
                 {"flags", json::array()},
                 {"coupon", json::object()},
                 {"clock", clock}});
        }
        for (std::size_t i = 0; i < coupons.size(); ++i)
            add("session_closed", stopS,
                {{"session_id", sessions[i]},
                 {"coupon_id", coupons[i]},
                 {"stop", stopS},
                 {"actual_minutes", kBilledMinutes},
                 {"billed_minutes", kBilledMinutes},
                 {"flags", json::array()},
                 {"staff_id", "S1"},
                 {"by_scan", true},
                 {"coupon", json::object()},
                 {"clock", clock}});
    }
    return events;
}

// The terminal's store, in memory: the outbox is the events after the last answered one, as in
// StoreSyncLocal. It insists that every answer is `accepted`. Used by one thread (its terminal's).
class MemoryLocal final : public sync::SyncLocal {
public:
    MemoryLocal(sync::Identity identity, std::vector<protocol::WireEvent> events)
        : m_identity(std::move(identity)), m_events(std::move(events))
    {
        // Sized once, so that the fake's own JSON work stays out of the measurement.
        m_sizes.reserve(m_events.size());
        for (const auto& e : m_events)
            m_sizes.push_back(e.toJson().dump().size());
    }

    sango::Expected<sync::Identity> identity() override { return m_identity; }

    sango::Expected<std::vector<protocol::WireEvent>> outbox(std::size_t maxEvents, std::size_t maxBytes) override
    {
        std::vector<protocol::WireEvent> batch;
        std::size_t bytes = 0;
        for (std::size_t i = m_answered; i < m_events.size() && batch.size() < maxEvents; ++i) {
            if (!batch.empty() && bytes + m_sizes[i] > maxBytes)
                break;
            bytes += m_sizes[i];
            batch.push_back(m_events[i]);
        }
        return batch;
    }

    sango::Expected<void> recordResults(const std::vector<protocol::WireEvent>& sent,
                                        const std::vector<protocol::EventResult>& results) override
    {
        require(sent.size() == results.size(), "an answer does not match its batch");
        for (std::size_t i = 0; i < sent.size(); ++i) {
            require(m_answered < m_events.size() && sent[i].id == m_events[m_answered].id,
                    "the engine sent events out of the outbox's order");
            // Every event is new to a fresh ledger and valid: anything but accepted is a broken benchmark.
            if (results[i].status != protocol::EventStatus::accepted)
                die("event " + std::to_string(sent[i].seq) + " (" + sent[i].type + ") of " + m_identity.terminalId +
                    " was answered " + std::string(protocol::toString(results[i].status)) +
                    (results[i].reason.empty() ? std::string() : ": " + results[i].reason));
            ++m_answered;
        }
        return {};
    }

    sango::Expected<std::string> cursor() override { return m_cursor; }

    sango::Expected<void> applyChanges(const std::vector<protocol::Change>& changes,
                                       const std::string& nextCursor) override
    {
        m_changes += changes.size();
        m_cursor = nextCursor;
        return {};
    }

    sango::Expected<void> recordClock(std::int64_t, Instant) override { return {}; }
    sango::Expected<void> recordOutcome(const sync::SyncOutcome& outcome) override
    {
        m_outcome = outcome.result;
        return {};
    }

    std::size_t answered() const { return m_answered; }
    std::size_t events() const { return m_events.size(); }
    const std::string& outcome() const { return m_outcome; }

private:
    sync::Identity m_identity;
    std::vector<protocol::WireEvent> m_events;
    std::vector<std::size_t> m_sizes;
    std::size_t m_answered = 0;
    std::string m_cursor = "0"; // where an enrolment starts the feed
    std::size_t m_changes = 0;
    std::string m_outcome;
};

// CurlTransport, counting the HTTP requests (health, pushes, pages of changes) that a cycle takes.
class CountingTransport final : public sync::HttpTransport {
public:
    sango::Expected<sync::HttpReply> send(const sync::HttpExchange& request) override
    {
        ++m_requests;
        return m_curl.send(request);
    }
    std::int64_t requests() const { return m_requests; }

private:
    sync::CurlTransport m_curl;
    std::int64_t m_requests = 0;
};

// ---- a measurement -----------------------------------------------------------------------------------------

struct Scenario {
    std::string name;
    int terminals = 1;
    int eventsPerTerminal = 0;
    std::size_t batch = 0;
};

struct Measurement {
    std::int64_t events = 0;
    std::int64_t pushes = 0;
    std::int64_t requests = 0;
    double seconds = 0;          // release to the last terminal's end
    double firstDoneSeconds = 0; // release to the first terminal's end
};

// Runs the scenario on a fresh ledger: every terminal builds its transport, client, engine and outbox, then
// waits; all are released together and each runs one SyncEngine::runOnce() on its own thread.
Measurement measure(const LedgerTemplate& from, const Scenario& s)
{
    const int sessions = s.eventsPerTerminal / 2;
    const int couponsEach = sessions / kSessionsPerCoupon;
    require(s.terminals <= kMaxTerminals && couponsEach * kSessionsPerCoupon * 2 == s.eventsPerTerminal &&
                couponsEach * s.terminals <= kTemplateCoupons,
            "scenario " + s.name + " does not fit the template ledger");
    const auto zone = need(sango::LocalTime::forZone(from.timeZone), "the policy's time zone");
    const sango::FakeClock terminalClock(kNow); // read only, by every terminal thread

    ServedLedger ledger(from);
    const auto n = static_cast<std::size_t>(s.terminals);
    std::vector<std::unique_ptr<MemoryLocal>> locals;
    for (std::size_t t = 0; t < n; ++t) {
        const auto firstCoupon = from.coupons.begin() + static_cast<std::ptrdiff_t>(t) * couponsEach;
        const std::vector<std::string> coupons(firstCoupon, firstCoupon + couponsEach);
        locals.push_back(std::make_unique<MemoryLocal>(
            sync::Identity{ledger.url(), from.terminals[t].id, from.terminals[t].key}, sessionEvents(coupons, zone)));
    }

    std::latch ready(s.terminals);
    std::latch go(1);
    std::vector<std::chrono::steady_clock::time_point> done(n);
    std::vector<sync::SyncReport> reports(n);
    std::vector<std::int64_t> requests(n, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < n; ++t) {
        threads.emplace_back([&, t] {
            CountingTransport transport;
            sync::LedgerClient client(transport, ledger.url(), terminalClock);
            sync::SyncOptions options;
            options.maxBatchEvents = s.batch;
            sync::SyncEngine engine(*locals[t], client, terminalClock, options);
            ready.count_down();
            go.wait();
            auto report = engine.runOnce();
            done[t] = std::chrono::steady_clock::now();
            reports[t] = need(std::move(report), "sync of " + from.terminals[t].id);
            requests[t] = transport.requests();
        });
    }
    ready.wait();
    // Taken before the release, so that no terminal's work is left out of the time.
    const auto t0 = std::chrono::steady_clock::now();
    go.count_down();
    for (auto& th : threads)
        th.join();

    Measurement m;
    for (std::size_t t = 0; t < n; ++t) {
        const auto& r = reports[t];
        require(r.accepted == s.eventsPerTerminal && r.duplicate == 0 && r.rejected == 0 &&
                    locals[t]->answered() == locals[t]->events() && locals[t]->outcome() == "ok",
                "terminal " + from.terminals[t].id + " did not have all its events accepted");
        m.events += r.accepted;
        m.pushes += r.batches;
        m.requests += requests[t];
    }
    const auto [first, last] = std::minmax_element(done.begin(), done.end());
    m.seconds = secondsSince(t0, *last);
    m.firstDoneSeconds = secondsSince(t0, *first);
    const std::size_t atLedger = ledger.acceptedEvents();
    require(atLedger == static_cast<std::size_t>(m.events) && ledger.allEvents() == atLedger,
            "the ledger lists " + std::to_string(atLedger) + " accepted events, not " + std::to_string(m.events));
    return m;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t mid = v.size() / 2;
    return v.size() % 2 != 0 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

struct Summary {
    Measurement shape; // events, pushes, requests: the same in every repetition
    double seconds = 0;
    double firstDoneSeconds = 0;
    double eventsPerSecond() const { return static_cast<double>(shape.events) / seconds; }
};

int repetitionsFrom(int argc, char** argv)
{
    int repetitions = kDefaultRepetitions;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        constexpr std::string_view flag = "--repetitions=";
        if (arg.starts_with(flag)) {
            repetitions = std::atoi(std::string(arg.substr(flag.size())).c_str());
        } else {
            std::fprintf(stderr, "usage: sango_sync_bench [--repetitions=N]\n");
            std::exit(2);
        }
    }
    if (repetitions < 1) {
        std::fprintf(stderr, "sango_sync_bench: --repetitions must be at least 1\n");
        std::exit(2);
    }
    return repetitions;
}

} // namespace

int main(int argc, char** argv)
{
    const int repetitions = repetitionsFrom(argc, argv);
    try {
        std::printf("sango_sync_bench: the real ledger (encrypted store under %s) behind HttpServer on 127.0.0.1,\n"
                    "CurlTransport + LedgerClient + SyncEngine::runOnce() per terminal, %d repetition(s), median\n\n",
                    fs::temp_directory_path().c_str(), repetitions);
        std::fflush(stdout);
        const LedgerTemplate from;

        // Baselines first in each pair: the ratio is the row's events/s over the row above it.
        const std::vector<Scenario> scenarios = {
            {"one request per event", 1, 2000, 1},
            {"batched, 200 per request", 1, 2000, 200},
            {"1 terminal alone, 100 per request", 1, 10000, 100},
            {"20 terminals at once, 100 per request", 20, 500, 100},
        };
        std::vector<std::vector<Measurement>> runs(scenarios.size());
        for (int rep = 0; rep < repetitions; ++rep) {
            for (std::size_t i = 0; i < scenarios.size(); ++i) {
                const Measurement m = measure(from, scenarios[i]);
                std::printf("  run %d  %-40s %6lld events  %7.3f s\n", rep + 1, scenarios[i].name.c_str(),
                            static_cast<long long>(m.events), m.seconds);
                std::fflush(stdout);
                runs[i].push_back(m);
            }
        }

        std::vector<Summary> summaries;
        for (const auto& r : runs) {
            Summary sum;
            sum.shape = r.front();
            std::vector<double> seconds;
            std::vector<double> first;
            for (const auto& m : r) {
                seconds.push_back(m.seconds);
                first.push_back(m.firstDoneSeconds);
            }
            sum.seconds = median(seconds);
            sum.firstDoneSeconds = median(first);
            summaries.push_back(sum);
        }

        std::printf("\n%-40s %9s %7s %8s %9s %9s %10s %7s\n", "scenario", "terminals", "events", "pushes",
                    "requests", "seconds", "events/s", "ratio");
        for (std::size_t i = 0; i < scenarios.size(); ++i) {
            const Summary& sum = summaries[i];
            // Rows 0 and 2 are the baselines of rows 1 and 3.
            const double ratio = i % 2 == 0 ? 1.0 : sum.eventsPerSecond() / summaries[i - 1].eventsPerSecond();
            std::printf("%-40s %9d %7lld %8lld %9lld %9.3f %10.0f %7.2f\n", scenarios[i].name.c_str(),
                        scenarios[i].terminals, static_cast<long long>(sum.shape.events),
                        static_cast<long long>(sum.shape.pushes), static_cast<long long>(sum.shape.requests),
                        sum.seconds, sum.eventsPerSecond(), ratio);
        }
        std::printf("\nrequests: every HTTP request of the cycles (health check, pushes, pages of changes).\n"
                    "ratio: events/s over the row above (batched over one per event; 20 terminals over one alone).\n"
                    "20 terminals: the first finished after %.3f s, the last after %.3f s (medians).\n",
                    summaries[3].firstDoneSeconds, summaries[3].seconds);
        return 0;
    } catch (const std::exception& e) {
        die(e.what());
    }
}
