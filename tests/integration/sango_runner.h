#pragma once
// Drives the real `sango` binary for the integration tests: a data directory, every invocation under
// libfaketime at a chosen instant (TZ=UTC, FAKETIME="@YYYY-MM-DD HH:MM:SS"), stdout parsed as JSON when it is
// JSON, and small helpers for time text, files and coupons. A Sango (or TestStore) given a CliRunner runs its
// commands through that instead (cli_in_process.h: sango::cli::runCli in the test's own process). The test's
// own time arithmetic is written here from the spec (JST is UTC+9 all year), independently of the product's
// LocalTime.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"
#include "test_issuer.h"
#include "test_paths.h"

namespace sango::itest {

namespace fs = std::filesystem;
using nlohmann::json;
using Instant = std::chrono::sys_seconds;

// ---- time, as the spec writes it (Asia/Tokyo has no DST: +09:00) ----

inline Instant jst(int y, unsigned mo, unsigned d, int h, int mi, int s = 0)
{
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} - hours{9};
}

namespace detail {
struct Civil {
    int y;
    unsigned mo, d;
    long h, mi, s;
};
inline Civil civil(Instant t)
{
    using namespace std::chrono;
    const auto dp = floor<days>(t);
    const year_month_day ymd{dp};
    const hh_mm_ss<seconds> hms{t - dp};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
            static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
            static_cast<long>(hms.seconds().count())};
}
} // namespace detail

// "2026-04-03T10:00:00+09:00"
inline std::string isoJst(Instant t)
{
    const auto c = detail::civil(t + std::chrono::hours{9});
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld+09:00", c.y, c.mo, c.d, c.h, c.mi, c.s);
    return buf;
}

// "2026-04-03", the local (JST) date of an instant.
inline std::string dateJst(Instant t)
{
    const auto c = detail::civil(t + std::chrono::hours{9});
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.mo, c.d);
    return buf;
}

// libfaketime's absolute start time, read as UTC because the child runs with TZ=UTC.
inline std::string fakeTimeSpec(Instant t)
{
    const auto c = detail::civil(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "@%04d-%02u-%02u %02ld:%02ld:%02ld", c.y, c.mo, c.d, c.h, c.mi, c.s);
    return buf;
}

inline std::int64_t epoch(Instant t)
{
    return t.time_since_epoch().count();
}

// ---- files ----

inline std::string readFile(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void writeFile(const fs::path& p, const std::string& text)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + p.string());
}

// Every regular file under a directory (relative name → bytes): "changes nothing" is this, before and after.
inline std::map<std::string, std::string> snapshot(const fs::path& dir)
{
    std::map<std::string, std::string> out;
    if (!fs::exists(dir))
        return out;
    // sango.lock, an empty file every open makes if it is missing and never deletes (deleting it could pull a
    // lock from under another process), is not part of what a command changes.
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().filename() != "sango.lock")
            out[fs::relative(e.path(), dir).string()] = readFile(e.path());
    return out;
}

// ---- coupons ----

// "7K3Q9M2X4T8VWZ1M" → "7K3Q-9M2X-4T8V-WZ1M"
inline std::string grouped(const std::string& id)
{
    std::string out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i && i % 4 == 0)
            out += '-';
        out += id[i];
    }
    return out;
}

// A coupon id with few leading zeros (distinctive bytes for the plaintext search).
inline std::string couponId(std::uint64_t n)
{
    return test::TestIssuer::makeCouponId(0x5A17C0DE12345ULL * 7919ULL + n * 104729ULL);
}

// A text member of a JSON object; "" when it is missing or null (an empty CSV cell is null in JSON).
inline std::string text(const json& obj, const char* key)
{
    if (!obj.is_object() || !obj.contains(key) || obj[key].is_null())
        return {};
    return obj[key].is_string() ? obj[key].get<std::string>() : obj[key].dump();
}

// The sum of a member over the rows of a JSON report (JSON reports have no total row).
inline std::int64_t sumOf(const json& rows, const char* key)
{
    std::int64_t total = 0;
    for (const auto& r : rows)
        if (r.contains(key) && r[key].is_number_integer())
            total += r[key].get<std::int64_t>();
    return total;
}

// ---- running sango ----

struct CliResult {
    int exit = -1;   // exit status, -1 when a signal ended it
    int signal = 0;  // the signal that ended it, or 0
    json out;        // stdout parsed as JSON (discarded when it is not JSON)
    std::string raw; // stdout bytes
    std::string err; // stderr

    bool isJson() const { return !out.is_discarded(); }
    // The "result" code of a refusal or failure, or "" when there is none.
    std::string result() const
    {
        if (out.is_object() && out.contains("result") && out["result"].is_string())
            return out["result"].get<std::string>();
        return {};
    }
};

inline std::ostream& operator<<(std::ostream& os, const CliResult& r)
{
    return os << "exit=" << r.exit << " signal=" << r.signal << "\nstdout: " << r.raw << "\nstderr: " << r.err;
}

inline CliResult toCliResult(const test::ProcessResult& p)
{
    CliResult r;
    r.exit = p.signal ? -1 : p.exitCode;
    r.signal = p.signal;
    r.raw = p.out;
    r.err = p.err;
    r.out = json::parse(p.out, nullptr, false);
    return r;
}

// The default "now" of the tests: Friday 2026-04-03 10:00 JST.
inline Instant defaultNow()
{
    return jst(2026, 4, 3, 10, 0, 0);
}

// Runs `sango` with these arguments (after the program's name) at this instant with this stdin.
using CliRunner = std::function<CliResult(const std::vector<std::string>& args, Instant at,
                                          const std::string& stdinText)>;

class Sango {
public:
    // Without a runner every command runs the real binary under libfaketime.
    explicit Sango(fs::path dataDir, CliRunner runner = {})
        : m_dataDir(std::move(dataDir)), m_runner(std::move(runner))
    {
        if (!m_runner && test::fakeTimeLibrary().empty())
            throw std::runtime_error("libfaketime is not installed (Debian package faketime): the integration tests "
                                     "run sango under it");
    }

    const fs::path& dataDir() const { return m_dataDir; }
    Instant now() const { return m_now; }
    void setNow(Instant t) { m_now = t; }

    // argv of `sango --data-dir DIR args...`
    std::vector<std::string> argv(const std::vector<std::string>& args) const
    {
        std::vector<std::string> a{test::sangoBinary().string(), "--data-dir", m_dataDir.string()};
        a.insert(a.end(), args.begin(), args.end());
        return a;
    }

    // The environment of a run at instant `at` (libfaketime, UTC, English messages).
    static test::RunOptions options(Instant at, const std::string& stdinText = {})
    {
        test::RunOptions o;
        o.env["LD_PRELOAD"] = test::fakeTimeLibrary().string();
        o.env["FAKETIME"] = fakeTimeSpec(at);
        o.env["TZ"] = "UTC";
        o.env["LANGUAGE"] = "en";
        o.env["SANGO_DATA_DIR"] = "/nonexistent/sango-tests-must-pass-data-dir";
        o.env["SANGO_CONFIG"] = "/dev/null"; // an installed /etc/sango/terminal.toml is not the tests'
        o.stdinText = stdinText;
        return o;
    }

    CliResult run(const std::vector<std::string>& args, std::optional<Instant> at = std::nullopt,
                  const std::string& stdinText = {}) const
    {
        if (m_runner) {
            std::vector<std::string> a{"--data-dir", m_dataDir.string()};
            a.insert(a.end(), args.begin(), args.end());
            return m_runner(a, at.value_or(m_now), stdinText);
        }
        return toCliResult(test::run(argv(args), options(at.value_or(m_now), stdinText)));
    }

    // A command without --data-dir, with more environment (for the default data directory).
    static CliResult runBare(const std::vector<std::string>& args, Instant at,
                             const std::map<std::string, std::string>& env = {})
    {
        std::vector<std::string> a{test::sangoBinary().string()};
        a.insert(a.end(), args.begin(), args.end());
        test::RunOptions o = options(at);
        for (const auto& [k, v] : env)
            o.env[k] = v;
        return toCliResult(test::run(a, o));
    }

    // `sango init`, by default with --demo: the tests' issuers use published keys (sango/published_keys.h), which
    // only a demonstration store may trust. demo = false is a real store's set-up.
    CliResult init(const fs::path& trustFile, const std::string& terminalId = "T1",
                   const fs::path& policyFile = test::testDataDir() / "policy.json",
                   const fs::path& providerFile = test::testDataDir() / "provider.json", bool demo = true) const
    {
        std::vector<std::string> args{"init", "--terminal-id", terminalId, "--policy", policyFile.string(),
                                      "--provider", providerFile.string(), "--trust", trustFile.string()};
        if (demo)
            args.push_back("--demo");
        return run(args);
    }

    // `sango audit`'s event count; throws when the audit does not pass.
    std::int64_t eventCount() const
    {
        auto r = run({"audit"});
        if (r.exit != 0 || !r.out.is_object() || !r.out.value("intact", false))
            throw std::runtime_error("sango audit failed: " + r.raw + r.err);
        return r.out.at("events").get<std::int64_t>();
    }

    // `sango sessions --format json` as parsed JSON; throws on failure.
    json sessions(const std::vector<std::string>& extra = {}) const
    {
        std::vector<std::string> args{"sessions"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = run(args);
        if (r.exit != 0 || !r.out.is_array())
            throw std::runtime_error("sango sessions failed: " + r.raw + r.err);
        return r.out;
    }

private:
    fs::path m_dataDir;
    CliRunner m_runner;
    Instant m_now = defaultNow();
};

// A temporary directory with an initialised store in DIR/data, trusting `issuer`.
class TestStore {
public:
    explicit TestStore(const test::TestIssuer& issuer, const std::string& terminalId = "T1", CliRunner runner = {})
        : m_sango(m_tmp.path() / "data", std::move(runner))
    {
        m_trustFile = m_tmp.path() / "trust.json";
        writeFile(m_trustFile, issuer.trustJson().dump());
        auto r = m_sango.init(m_trustFile, terminalId);
        if (r.exit != 0)
            throw std::runtime_error("sango init failed: " + r.raw + r.err);
    }

    Sango& sango() { return m_sango; }
    const fs::path& root() const { return m_tmp.path(); }
    const fs::path& trustFile() const { return m_trustFile; }
    fs::path dataDir() const { return m_sango.dataDir(); }

private:
    test::TempDir m_tmp;
    Sango m_sango;
    fs::path m_trustFile;
};

// Splits CSV bytes into lines on CRLF (after the byte-order mark); fails the caller's expectations by returning
// what it found when a line ends otherwise.
struct CsvLines {
    bool bom = false;
    bool crlfOnly = true;
    std::vector<std::string> lines;
};

inline CsvLines splitCsv(const std::string& bytes)
{
    CsvLines out;
    std::string_view s = bytes;
    if (s.substr(0, 3) == "\xEF\xBB\xBF") {
        out.bom = true;
        s.remove_prefix(3);
    }
    while (!s.empty()) {
        const auto nl = s.find('\n');
        if (nl == std::string_view::npos) {
            out.crlfOnly = false; // a last line without an end
            out.lines.emplace_back(s);
            break;
        }
        const bool cr = nl > 0 && s[nl - 1] == '\r';
        if (!cr)
            out.crlfOnly = false;
        out.lines.emplace_back(s.substr(0, cr ? nl - 1 : nl));
        s.remove_prefix(nl + 1);
    }
    return out;
}

inline std::vector<std::string> splitFields(const std::string& line)
{
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

} // namespace sango::itest
