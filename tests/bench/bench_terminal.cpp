// sango_bench: what the store's encryption costs the terminal.
//
// Each operation runs twice, on an encrypted store (EventStore::create, SQLCipher with the store key) and on
// an unencrypted one (sango/plain_store.h: the same engine opened without a key), set
// up alike (tests/data policy and provider, the TestIssuer's trust store, one registered staff id), each
// with a Terminal driven by a FakeClock. After the Google Benchmark output it prints one table: per
// operation the encrypted time, the plain time and their ratio, which is the cost of encryption alone.
//
// The operations:
//   verify credential   Terminal::verify of a valid QR (CPU time: signature and claims; one revocation read)
//   open session        Terminal::scan of a fresh coupon (opened); the scan that closes it 2 h later runs
//                       untimed. One write transaction committed with synchronous=FULL: wall time.
//   close session       Terminal::scan that closes a session 2 h after it opened; the sessions are opened
//                       untimed, 100 per transaction, with the same event bodies. Wall time.
//                       Both once on a new store and once on the store holding the 100,000 sessions.
//   monthly totals      Reports::totals over 100,000 closed sessions in April 2026 (wall time)
//   monthly lines       Reports::monthly, the full line list of those 100,000 sessions (wall time)
//
// The stores live under the system's temporary directory (TMPDIR), so run it with TMPDIR on the disk the
// terminal uses: fsync on tmpfs costs nothing and would hide what matters.
//
// Google Benchmark's own flags work (--benchmark_filter, --benchmark_out=f.json --benchmark_out_format=json,
// --benchmark_repetitions=N: the table then shows the medians); --benchmark_min_time, when given, replaces the
// minimum times set here for every benchmark. One flag of its own:
//   --plain_page_size=N|default  page size of the unencrypted store (default 4096, the page size Sango gives
//                                its encrypted store, so that the two differ by encryption only;
//                                "default" leaves what EventStore sets).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "process.h"
#include "sango/event_store.h"
#include "sango/key_file.h"
#include "sango/local_time.h"
#include "sango/plain_store.h"
#include "sango/reports.h"
#include "sango/rounding.h"
#include "sango/terminal.h"
#include "test_issuer.h"
#include "test_paths.h"

namespace {

namespace fs = std::filesystem;
namespace test = sango::test;
using namespace std::chrono_literals;
using nlohmann::json;
using sango::Instant;

// ---- set-up --------------------------------------------------------------------------------------------

constexpr int kReportSessions = 100'000;
constexpr int kSessionsPerTransaction = 10'000;
constexpr date::year_month kApril = date::year{2026} / date::April;
const std::string kStaff = "S1";

// Local times in Asia/Tokyo (UTC+9, no summer time).
Instant tokyo(date::year_month_day day, std::chrono::hours hour)
{
    return Instant{date::sys_days{day}} + hour - 9h;
}

enum class Kind { encrypted, plain };

const char* nameOf(Kind k)
{
    return k == Kind::encrypted ? "encrypted" : "plain";
}

// 0: leave SQLite's default.
int g_plainPageSize = 4096;
// --benchmark_min_time was given: it applies to every benchmark.
bool g_minTimeGiven = false;

[[noreturn]] void failed(const std::string& what, const sango::Error& e)
{
    throw std::runtime_error(what + ": " + std::string(sango::toString(e.code)) + ": " + e.message);
}

template <typename T>
T need(sango::Expected<T> r, const std::string& what)
{
    if (!r)
        failed(what, r.error());
    if constexpr (!std::is_void_v<T>)
        return std::move(*r);
}

json readJson(const fs::path& p)
{
    std::ifstream in(p);
    if (!in)
        throw std::runtime_error("cannot read " + p.string());
    return json::parse(in);
}

const test::TestIssuer& issuer()
{
    static const test::TestIssuer i;
    return i;
}

// A QR for a coupon this run has not used yet.
std::string freshCouponQr()
{
    static std::uint64_t next = 1;
    test::TestIssuer::Claims c;
    c.couponId = test::TestIssuer::makeCouponId(next++);
    return issuer().issue(c);
}

// Small direct SQLCipher helpers, used only around the product's stores (never inside a measurement).
class RawDb {
public:
    explicit RawDb(const fs::path& file, int flags = SQLITE_OPEN_READWRITE)
    {
        if (sqlite3_open_v2(file.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
            const std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            throw std::runtime_error("cannot open " + file.string() + ": " + msg);
        }
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void exec(const std::string& sql)
    {
        char* err = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string msg = err ? err : "error";
            sqlite3_free(err);
            throw std::runtime_error("SQL failed: " + msg);
        }
    }
    std::int64_t integer(const std::string& sql)
    {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("SQL failed: ") + sqlite3_errmsg(m_db));
        std::int64_t v = -1;
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }

private:
    sqlite3* m_db = nullptr;
};

// An empty database file whose page size is fixed, for plainStoreForBenchmark to fill.
void formatEmptyDatabase(const fs::path& file, int pageSize)
{
    RawDb d(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    d.exec("PRAGMA page_size = " + std::to_string(pageSize) +
           "; CREATE TABLE bench_page_size(x); DROP TABLE bench_page_size;");
}

// One store, its Terminal and its clock.
struct Rig {
    Kind kind;
    test::TempDir dir;
    sango::StoreLocation where; // encrypted only
    fs::path file;
    sango::FakeClock clock;
    std::unique_ptr<sango::EventStore> store;
    std::unique_ptr<sango::Terminal> terminal;

    Rig(Kind k, Instant start) : kind(k), clock(start)
    {
        const sango::InitialConfig config{"T1", readJson(test::testDataDir() / "policy.json"),
                                          readJson(test::testDataDir() / "provider.json"), issuer().trustJson()};
        const Instant created = tokyo(date::year{2026} / date::April / 1, 9h);
        if (kind == Kind::encrypted) {
            where.dataDir = dir.path() / "data";
            file = where.database();
            store = std::make_unique<sango::EventStore>(
                need(sango::EventStore::create(where, config, created), "create the encrypted store"));
        } else {
            file = dir.path() / "plain.db";
            if (g_plainPageSize > 0)
                formatEmptyDatabase(file, g_plainPageSize);
            store = std::make_unique<sango::EventStore>(need(
                sango::plainStoreForBenchmark(file, config, created), "create the plain store"));
        }
        terminal = std::make_unique<sango::Terminal>(need(sango::Terminal::load(*store, clock), "load the terminal"));
        need(terminal->addStaff(kStaff, sango::StaffRole::manager, "246810"), "add the staff id");
    }

    // The page size the file really has (read through a second connection, with the key when encrypted).
    std::int64_t pageSize() const
    {
        RawDb d(file);
        if (kind == Kind::encrypted) {
            std::string sql = "PRAGMA key = \"" + need(sango::KeyFile(where.key()).load(), "load the key")
                                                      .sqlcipherLiteral() + "\"; PRAGMA cipher_page_size = " +
                              std::to_string(sango::EventStore::kPageSize);
            d.exec(sql);
            std::fill(sql.begin(), sql.end(), '\0');
        }
        return d.integer("PRAGMA page_size");
    }

    std::uintmax_t bytesOnDisk() const
    {
        std::uintmax_t total = 0;
        for (const char* suffix : {"", "-wal"}) {
            std::error_code ec;
            const auto n = fs::file_size(fs::path(file.string() + suffix), ec);
            if (!ec)
                total += n;
        }
        return total;
    }
};

// Appends 100,000 closed sessions spread over the 30 days of April 2026 and the three services, with the
// bodies Terminal::scan writes, 10,000 sessions (20,000 events) per transaction.
void populate(Rig& rig)
{
    sango::EventStore& store = *rig.store;
    const sango::Terminal& terminal = *rig.terminal;
    std::int64_t seq = need(store.eventCount(), "count the events");
    const auto started = std::chrono::steady_clock::now();
    const int perDay = (kReportSessions + 29) / 30;
    for (int first = 0; first < kReportSessions; first += kSessionsPerTransaction) {
        need(store.transact([&]() -> sango::Expected<void> {
                 for (int i = first; i < first + kSessionsPerTransaction && i < kReportSessions; ++i) {
                     const sango::Service service = sango::kAllServices[static_cast<std::size_t>(i % 3)];
                     const auto day = date::year_month_day{kApril / date::day{static_cast<unsigned>(i / perDay + 1)}};
                     // Starts from 08:00 to about 16:00, one every few minutes; stays last 6 h, day care 4 h,
                     // visits 1.5 h, plus a few minutes.
                     const int slot = i % perDay;
                     const Instant start = tokyo(day, 8h) + std::chrono::minutes(slot * 480 / perDay) +
                                           std::chrono::seconds(slot % 60);
                     const auto length = service == sango::Service::stay  ? 360min
                                         : service == sango::Service::day ? 240min
                                                                          : 90min;
                     const Instant stop = start + length + std::chrono::minutes(i % 7);
                     const sango::ServiceRule* rule = terminal.policy().rule(service);
                     if (!rule)
                         return sango::fail(sango::Errc::invalid_config, "the test policy lacks a service");
                     const int actual = sango::actualMinutes(start, stop);
                     const int billed = sango::bill(*rule, actual, std::nullopt).billedMinutes;

                     char number[24];
                     std::snprintf(number, sizeof number, "%06lld", static_cast<long long>(seq + 1));
                     const std::string sessionId = std::string("T1-") + number;
                     const std::string couponId =
                         test::TestIssuer::makeCouponId(10'000'000 + static_cast<std::uint64_t>(i % 20'000));
                     const json coupon = {{"verified", true},
                                          {"type", "standard"},
                                          {"grant", 2520},
                                          {"services", json::array({"stay", "day", "visit"})},
                                          {"expires", 1901145600}};
                     sango::events::SessionOpened o;
                     o.common.sessionId = sessionId;
                     o.common.staffId = kStaff;
                     o.couponId = couponId;
                     o.source = "qr";
                     o.service = std::string(sango::toString(service));
                     o.start = start.time_since_epoch().count();
                     o.date = sango::formatDate(terminal.localTime().dateOf(start));
                     o.coupon = coupon;
                     auto opened = store.append(o, start);
                     if (!opened)
                         return tl::unexpected(opened.error());
                     sango::events::SessionClosed c;
                     c.common.sessionId = sessionId;
                     c.common.staffId = kStaff;
                     c.couponId = couponId;
                     c.stop = stop.time_since_epoch().count();
                     c.actualMinutes = actual;
                     c.billedMinutes = billed;
                     c.byScan = true;
                     auto closed = store.append(c, stop);
                     if (!closed)
                         return tl::unexpected(closed.error());
                     seq += 2;
                 }
                 return {};
             }),
             "append the sessions");
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::fprintf(stderr, "sango_bench: %s store: appended %d sessions (%d events) in %.1f s\n", nameOf(rig.kind),
                 kReportSessions, 2 * kReportSessions, took.count());
}

// The rigs, made on first use and kept for the whole run: [kind][with 100,000 sessions].
std::unique_ptr<Rig> g_rigs[2][2];

Rig& rig(Kind kind, bool withSessions)
{
    auto& r = g_rigs[kind == Kind::encrypted ? 0 : 1][withSessions ? 1 : 0];
    if (!r) {
        // New stores scan in early April; the populated ones from May, leaving April's 100,000 sessions alone.
        const Instant start = withSessions ? tokyo(date::year{2026} / date::May / 7, 10h)
                                           : tokyo(date::year{2026} / date::April / 3, 10h);
        auto made = std::make_unique<Rig>(kind, start);
        if (withSessions)
            populate(*made);
        r = std::move(made);
    }
    return *r;
}

// ---- the benchmarks --------------------------------------------------------------------------------------

void expect(const sango::Expected<sango::ScanResult>& r, sango::ScanAction want, const char* what)
{
    if (!r)
        failed(what, r.error());
    if (r->action != want)
        throw std::runtime_error(std::string(what) + ": the scan was " + std::string(sango::toString(r->action)) +
                                 ", not " + std::string(sango::toString(want)));
}

// Runs a benchmark body, turning a failure into a skipped benchmark with its message.
template <typename F>
void guarded(benchmark::State& state, F&& body)
{
    try {
        body();
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

void BM_Verify(benchmark::State& state, Kind kind)
{
    guarded(state, [&] {
        Rig& r = rig(kind, false);
        const std::string qr = freshCouponQr();
        need(r.terminal->verify(qr), "verify the credential");
        for (auto _ : state) {
            auto c = r.terminal->verify(qr);
            if (!c)
                failed("verify the credential", c.error());
            benchmark::DoNotOptimize(c);
        }
    });
}

// Measures the scan that opens a session; the scan that closes it (2 h later) runs untimed.
void BM_OpenSession(benchmark::State& state, Kind kind, bool withSessions)
{
    guarded(state, [&] {
        Rig& r = rig(kind, withSessions);
        for (auto _ : state) {
            state.PauseTiming();
            const auto qr = sango::ScanInput::qr(freshCouponQr());
            r.clock.advance(1min);
            state.ResumeTiming();
            auto opened = r.terminal->scan(qr, sango::Service::day, kStaff);
            state.PauseTiming();
            expect(opened, sango::ScanAction::opened, "open a session");
            r.clock.advance(2h);
            expect(r.terminal->scan(qr, sango::Service::day, kStaff), sango::ScanAction::closed, "close the session");
            state.ResumeTiming();
        }
    });
}

// Opens sessions for fresh coupons the fast way, n in one transaction, with the session_opened bodies
// Terminal::scan writes (on the 100,000-session store a scan that opens takes tens of milliseconds, which
// would make the untimed half of BM_CloseSession cost far more than the timed one). Returns their QRs.
std::vector<sango::ScanInput> openUntimed(Rig& rig, int n)
{
    sango::EventStore& store = *rig.store;
    const Instant now = rig.clock.now();
    std::vector<sango::ScanInput> qrs;
    need(store.transact([&]() -> sango::Expected<void> {
             auto count = store.eventCount();
             if (!count)
                 return tl::unexpected(count.error());
             std::int64_t seq = *count;
             for (int i = 0; i < n; ++i) {
                 static std::uint64_t next = 50'000'000;
                 test::TestIssuer::Claims c;
                 c.couponId = test::TestIssuer::makeCouponId(next++);
                 char number[24];
                 std::snprintf(number, sizeof number, "%06lld", static_cast<long long>(seq + 1));
                 sango::events::SessionOpened o;
                 o.common.sessionId = std::string("T1-") + number;
                 o.common.staffId = kStaff;
                 o.couponId = c.couponId;
                 o.source = "qr";
                 o.service = "day";
                 o.start = now.time_since_epoch().count();
                 o.date = sango::formatDate(rig.terminal->localTime().dateOf(now));
                 o.coupon = {{"verified", true},
                             {"type", c.type},
                             {"grant", c.grant},
                             {"services", c.services},
                             {"expires", c.exp}};
                 auto ev = store.append(o, now);
                 if (!ev)
                     return tl::unexpected(ev.error());
                 ++seq;
                 qrs.push_back(sango::ScanInput::qr(issuer().issue(c)));
             }
             return {};
         }),
         "open sessions");
    return qrs;
}

// Measures the scan that closes a session (2 h after it opened); the sessions are opened untimed.
void BM_CloseSession(benchmark::State& state, Kind kind, bool withSessions)
{
    guarded(state, [&] {
        Rig& r = rig(kind, withSessions);
        std::vector<sango::ScanInput> open;
        std::size_t next = 0;
        for (auto _ : state) {
            state.PauseTiming();
            if (next == open.size()) {
                r.clock.advance(1min);
                open = openUntimed(r, 100);
                next = 0;
                r.clock.advance(2h);
            }
            const sango::ScanInput& qr = open[next++];
            r.clock.advance(1s);
            state.ResumeTiming();
            auto closed = r.terminal->scan(qr, sango::Service::day, kStaff);
            state.PauseTiming();
            expect(closed, sango::ScanAction::closed, "close the session");
            state.ResumeTiming();
        }
    });
}

sango::Reports reportsOf(Rig& r)
{
    return sango::Reports(*r.store, r.terminal->policy(), r.terminal->provider(), r.terminal->localTime());
}

void BM_MonthlyTotals(benchmark::State& state, Kind kind)
{
    guarded(state, [&] {
        Rig& r = rig(kind, true);
        const sango::Reports reports = reportsOf(r);
        const auto check = need(reports.totals(kApril), "make the monthly totals");
        if (check.empty() || check.back().service != "total" || check.back().sessions != kReportSessions)
            throw std::runtime_error("the monthly totals do not count " + std::to_string(kReportSessions) +
                                     " sessions");
        for (auto _ : state) {
            auto t = reports.totals(kApril);
            if (!t)
                failed("make the monthly totals", t.error());
            benchmark::DoNotOptimize(t);
        }
    });
}

void BM_MonthlyLines(benchmark::State& state, Kind kind)
{
    guarded(state, [&] {
        Rig& r = rig(kind, true);
        const sango::Reports reports = reportsOf(r);
        const auto check = need(reports.monthly(kApril), "list the month's sessions");
        if (check.size() != static_cast<std::size_t>(kReportSessions))
            throw std::runtime_error("the monthly list has " + std::to_string(check.size()) + " sessions, not " +
                                     std::to_string(kReportSessions));
        for (auto _ : state) {
            auto lines = reports.monthly(kApril);
            if (!lines)
                failed("list the month's sessions", lines.error());
            benchmark::DoNotOptimize(lines);
        }
    });
}

// ---- the summary ---------------------------------------------------------------------------------------

struct Operation {
    std::string label;
    std::string benchmark; // the name without "/encrypted" or "/plain"
    bool cpuTime;          // CPU time (else wall time)
};

const std::vector<Operation>& operations()
{
    static const std::vector<Operation> ops{
        {"verify credential", "BM_Verify", true},
        {"open session", "BM_OpenSession", false},
        {"close session", "BM_CloseSession", false},
        {"open session, 100k-session store", "BM_OpenSession100k", false},
        {"close session, 100k-session store", "BM_CloseSession100k", false},
        {"monthly totals, 100k sessions", "BM_MonthlyTotals", false},
        {"monthly lines, 100k sessions", "BM_MonthlyLines", false},
    };
    return ops;
}

double secondsPerUnit(benchmark::TimeUnit u)
{
    switch (u) {
    case benchmark::kNanosecond: return 1e-9;
    case benchmark::kMicrosecond: return 1e-6;
    case benchmark::kMillisecond: return 1e-3;
    case benchmark::kSecond: return 1.0;
    }
    return 1e-9;
}

struct Result {
    double realSeconds = 0;
    double cpuSeconds = 0;
    std::int64_t iterations = 0;
    bool fromMedian = false;
    std::string error;
};

// The console output as usual, and each result kept for the table (the median, when there are repetitions).
class SummaryReporter final : public benchmark::ConsoleReporter {
public:
    explicit SummaryReporter(OutputOptions o) : ConsoleReporter(o) {}

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const Run& run : runs) {
            const bool median = run.run_type == Run::RT_Aggregate;
            if (median && run.aggregate_name != "median")
                continue;
            Result& res = m_results[run.run_name.function_name];
            if (res.fromMedian && !median)
                continue;
            res.fromMedian = median;
            res.error = run.error_occurred ? (run.error_message.empty() ? "failed" : run.error_message) : "";
            res.iterations = static_cast<std::int64_t>(run.iterations);
            res.realSeconds = run.GetAdjustedRealTime() * secondsPerUnit(run.time_unit);
            res.cpuSeconds = run.GetAdjustedCPUTime() * secondsPerUnit(run.time_unit);
        }
        ConsoleReporter::ReportRuns(runs);
    }

    const Result* find(const std::string& name) const
    {
        const auto it = m_results.find(name);
        return it == m_results.end() ? nullptr : &it->second;
    }

private:
    std::map<std::string, Result> m_results;
};

std::string formatTime(double s)
{
    char buf[32];
    if (s < 1e-3)
        std::snprintf(buf, sizeof buf, "%.1f us", s * 1e6);
    else if (s < 1.0)
        std::snprintf(buf, sizeof buf, "%.2f ms", s * 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.3f s", s);
    return buf;
}

std::string formatBytes(std::uintmax_t b)
{
    char buf[32];
    if (b < 1'000'000)
        std::snprintf(buf, sizeof buf, "%.0f kB", static_cast<double>(b) / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(b) / 1e6);
    return buf;
}

void printSummary(const SummaryReporter& rep)
{
    std::printf("\n%-34s %12s %12s %7s\n", "operation", "encrypted", "plain", "ratio");
    bool any = false;
    for (const Operation& op : operations()) {
        const Result* enc = rep.find(op.benchmark + "/encrypted");
        const Result* plain = rep.find(op.benchmark + "/plain");
        if (!enc && !plain)
            continue; // filtered out
        any = true;
        auto cell = [&](const Result* r) -> std::string {
            if (!r)
                return "-";
            if (!r->error.empty())
                return "error";
            return formatTime(op.cpuTime ? r->cpuSeconds : r->realSeconds);
        };
        std::string ratio = "-";
        if (enc && plain && enc->error.empty() && plain->error.empty()) {
            const double e = op.cpuTime ? enc->cpuSeconds : enc->realSeconds;
            const double p = op.cpuTime ? plain->cpuSeconds : plain->realSeconds;
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.2f", p > 0 ? e / p : 0.0);
            ratio = buf;
        }
        std::printf("%-34s %12s %12s %7s\n", op.label.c_str(), cell(enc).c_str(), cell(plain).c_str(),
                    ratio.c_str());
        for (const Result* r : {enc, plain})
            if (r && !r->error.empty())
                std::printf("    error: %s\n", r->error.c_str());
    }
    if (!any) {
        std::printf("(no benchmark ran)\n");
        return;
    }
    std::printf("\nTimes per operation: CPU time for verify, wall time for the rest (each commit is fsynced).\n"
                "ratio = encrypted / plain: the cost of the encryption alone.\n");
    std::string pages;
    for (Kind k : {Kind::encrypted, Kind::plain}) {
        for (bool with : {false, true}) {
            const auto& r = g_rigs[k == Kind::encrypted ? 0 : 1][with ? 1 : 0];
            if (!r)
                continue;
            try {
                std::printf("%-9s store%s: page size %lld, %s on disk (with its WAL) at the end\n", nameOf(k),
                            with ? " with 100k sessions" : "                    ",
                            static_cast<long long>(r->pageSize()), formatBytes(r->bytesOnDisk()).c_str());
            } catch (const std::exception& e) {
                std::printf("%-9s store: %s\n", nameOf(k), e.what());
            }
        }
    }
    std::printf("stores in %s\n", fs::temp_directory_path().c_str());
}

benchmark::internal::Benchmark* minTime(benchmark::internal::Benchmark* b, double seconds)
{
    return g_minTimeGiven ? b : b->MinTime(seconds);
}

void registerBenchmarks()
{
    for (Kind k : {Kind::encrypted, Kind::plain})
        minTime(benchmark::RegisterBenchmark((std::string("BM_Verify/") + nameOf(k)).c_str(), BM_Verify, k), 0.5);
    // Fsync-bound: half a second gives several hundred iterations on a new store, a few dozen on a big one.
    for (bool with : {false, true}) {
        for (Kind k : {Kind::encrypted, Kind::plain}) {
            const std::string name = std::string("BM_OpenSession") + (with ? "100k/" : "/") + nameOf(k);
            minTime(benchmark::RegisterBenchmark(name.c_str(), BM_OpenSession, k, with)->UseRealTime(), 0.5);
        }
        for (Kind k : {Kind::encrypted, Kind::plain}) {
            const std::string name = std::string("BM_CloseSession") + (with ? "100k/" : "/") + nameOf(k);
            minTime(benchmark::RegisterBenchmark(name.c_str(), BM_CloseSession, k, with)->UseRealTime(), 0.5);
        }
    }
    for (Kind k : {Kind::encrypted, Kind::plain})
        minTime(benchmark::RegisterBenchmark((std::string("BM_MonthlyTotals/") + nameOf(k)).c_str(),
                                             BM_MonthlyTotals, k)
                    ->UseRealTime()
                    ->Unit(benchmark::kMillisecond),
                1.0);
    for (Kind k : {Kind::encrypted, Kind::plain})
        minTime(benchmark::RegisterBenchmark((std::string("BM_MonthlyLines/") + nameOf(k)).c_str(),
                                             BM_MonthlyLines, k)
                    ->UseRealTime()
                    ->Unit(benchmark::kMillisecond),
                1.0);
}

// Takes --plain_page_size out of argv (Google Benchmark rejects flags it does not know).
bool takeOwnFlags(int& argc, char** argv)
{
    int out = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        constexpr std::string_view flag = "--plain_page_size=";
        if (a.substr(0, 21) == "--benchmark_min_time=")
            g_minTimeGiven = true;
        if (a.substr(0, flag.size()) == flag) {
            const std::string v(a.substr(flag.size()));
            if (v == "default") {
                g_plainPageSize = 0;
            } else {
                const int n = std::atoi(v.c_str());
                if (n < 512 || n > 65536 || (n & (n - 1)) != 0) {
                    std::fprintf(stderr, "sango_bench: --plain_page_size takes a power of two from 512 to 65536, "
                                         "or \"default\"\n");
                    return false;
                }
                g_plainPageSize = n;
            }
            continue;
        }
        argv[out++] = argv[i];
    }
    argc = out;
    argv[argc] = nullptr;
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (!takeOwnFlags(argc, argv))
        return 1;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    registerBenchmarks();
    SummaryReporter reporter(::isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_ColorTabular
                                                     : benchmark::ConsoleReporter::OO_Tabular);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::fflush(stderr);
    printSummary(reporter);
    std::fflush(stdout);
    for (auto& byKind : g_rigs)
        for (auto& r : byKind)
            r.reset();
    benchmark::Shutdown();
    return 0;
}
