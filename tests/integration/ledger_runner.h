#pragma once
// Drives the real `sango-ledger` for the sync integration tests: its admin commands and its server as a child
// process on loopback, all under libfaketime. The ledger's clock is a file's modification time (libfaketime's
// FAKETIME_FOLLOW_FILE) plus the real time its process has run: it starts at a chosen instant, and setTime()
// moves it — even under a running server — to where the scenario's terminals live, since the ledger judges
// their events against its own clock (nothing recorded in its future, nothing before their last sync).
#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pg_cluster.h"
#include "process.h"
#include "sango_runner.h"
#include "test_paths.h"

namespace sango::itest {

class LedgerRunner {
public:
    // templateDatabase (PostgreSQL only): the new database is a copy of that one (CREATE DATABASE ... TEMPLATE),
    // as a test copies a staged data directory on SQLCipher.
    LedgerRunner(fs::path dataDir, Instant start, const std::string& templateDatabase = {})
        : m_dataDir(std::move(dataDir)), m_clockFile(m_dataDir.parent_path() / (m_dataDir.filename().string() + ".clock"))
    {
        if (!fs::exists(test::ledgerBinary()))
            throw std::runtime_error("sango-ledger is not built: " + test::ledgerBinary().string());
        writeFile(m_clockFile, "the ledger's clock: this file's modification time\n");
        setTime(start);
        // SANGO_TEST_LEDGER_ENGINE=postgresql: the same scenario on a fresh database of the test cluster.
        if (test::PgCluster::requested()) {
            auto* cluster = test::PgCluster::shared();
            if (cluster == nullptr)
                throw std::runtime_error("no PostgreSQL test cluster");
            m_location = {"--database", cluster->createDatabase(templateDatabase)};
        }
    }

    // The ledger's clock from now on: `t`, plus the real time each of its processes has run.
    void setTime(Instant t) const
    {
        const timespec times[2] = {{static_cast<time_t>(epoch(t)), 0}, {static_cast<time_t>(epoch(t)), 0}};
        if (::utimensat(AT_FDCWD, m_clockFile.c_str(), times, 0) != 0)
            throw std::runtime_error("cannot set the ledger's clock file " + m_clockFile.string());
    }

    ~LedgerRunner() { stopServer(); }

    const fs::path& dataDir() const { return m_dataDir; }
    // On PostgreSQL, the database's name (else empty).
    std::string database() const
    {
        return m_location[0] == "--database" ? test::PgCluster::databaseOf(m_location[1]) : std::string();
    }

    // The ledger's environment: libfaketime following the clock file.
    test::RunOptions options() const
    {
        test::RunOptions o;
        o.env["LD_PRELOAD"] = test::fakeTimeLibrary().string();
        o.env["FAKETIME"] = "%";
        o.env["FAKETIME_FOLLOW_FILE"] = m_clockFile.string();
        o.env["FAKETIME_DONT_RESET"] = "1";
        o.env["FAKETIME_NO_CACHE"] = "1";
        o.env["TZ"] = "UTC";
        o.env["SANGO_LEDGER_DATA_DIR"] = "/nonexistent/sango-ledger-tests-must-pass-data-dir";
        return o;
    }

    CliResult run(const std::vector<std::string>& args) const
    {
        std::vector<std::string> a{test::ledgerBinary().string(), m_location[0], m_location[1]};
        a.insert(a.end(), args.begin(), args.end());
        return toCliResult(test::run(a, options()));
    }

    // Runs and insists on exit 0, returning the JSON answer.
    json must(const std::vector<std::string>& args) const
    {
        auto r = run(args);
        if (r.exit != 0 || !r.isJson())
            throw std::runtime_error("sango-ledger failed: " + r.raw + r.err);
        return r.out;
    }

    void init() const { must({"init", "--municipality", "131016", "--policy", (test::testDataDir() / "policy.json").string()}); }

    // Registers a provider like tests/data/provider.json under another id; returns its enrolment code.
    std::string addProvider(const std::string& providerId, const fs::path& scratch) const
    {
        json p = json::parse(readFile(test::testDataDir() / "provider.json"));
        p["provider_id"] = providerId;
        const fs::path file = scratch / (providerId + ".json");
        writeFile(file, p.dump());
        return must({"provider", "add", "--provider", file.string()}).at("enrolment_code").get<std::string>();
    }

    struct Coupon {
        std::string id;
        std::string qr;
    };
    Coupon issue(const std::string& type, std::optional<int> grant = std::nullopt,
                 const std::string& services = "stay,day,visit") const
    {
        std::vector<std::string> args{"issue", "--type", type, "--services", services};
        if (grant) {
            args.push_back("--grant");
            args.push_back(std::to_string(*grant));
        }
        auto j = must(args);
        return {j.at("coupon_id").get<std::string>(), j.at("qr_text").get<std::string>()};
    }

    // Starts `serve` (port 0: any free port) and waits for its "listening" line.
    void startServer(const std::string& listen = "127.0.0.1:0", const std::vector<std::string>& extra = {})
    {
        std::vector<std::string> a{test::ledgerBinary().string(), m_location[0], m_location[1], "serve",
                                   "--listen", listen};
        a.insert(a.end(), extra.begin(), extra.end());
        test::RunOptions o = options();
        o.stderrFile = (m_dataDir.parent_path() / "ledger-server.log").string();
        m_server = std::make_unique<test::Child>(a, o);
        auto line = m_server->readLine(std::chrono::seconds(30));
        if (!line)
            throw std::runtime_error("sango-ledger serve did not start: " + m_server->wait().err);
        auto j = json::parse(*line, nullptr, false);
        if (!j.is_object() || !j.contains("listening"))
            throw std::runtime_error("sango-ledger serve said: " + *line);
        m_url = j["listening"].get<std::string>();
        m_port = static_cast<std::uint16_t>(std::stoi(m_url.substr(m_url.rfind(':') + 1)));
    }

    // SIGTERM and wait: the exit status.
    int stopServer()
    {
        if (!m_server)
            return 0;
        m_server->kill(SIGTERM);
        auto r = m_server->wait();
        m_server.reset();
        return r.signal ? -r.signal : r.exitCode;
    }

    // SIGKILL: a power cut of the ledger.
    void killServer()
    {
        if (!m_server)
            return;
        m_server->kill(SIGKILL);
        m_server->wait();
        m_server.reset();
    }

    const std::string& url() const { return m_url; }
    std::uint16_t port() const { return m_port; }

private:
    fs::path m_dataDir;
    // Where the ledger is, as its options: the data directory, or (PostgreSQL) a database.
    std::vector<std::string> m_location{"--data-dir", m_dataDir.string()};
    fs::path m_clockFile;
    std::unique_ptr<test::Child> m_server;
    std::string m_url;
    std::uint16_t m_port = 0;
};

} // namespace sango::itest
