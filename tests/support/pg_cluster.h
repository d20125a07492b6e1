#pragma once
// A real PostgreSQL 15 cluster for the tests of the ledger's PostgreSQL engine: initdb and pg_ctl from
// /usr/lib/postgresql/15/bin in a fresh temporary directory, listening on a free loopback TCP port (and a unix
// socket in that directory), trust authentication for the superuser `sango`, fsync off (a test cluster holds
// nothing worth a disk flush). One cluster per test process, started on first use; a fresh database per test
// (CREATE DATABASE, a copy of template1: a few milliseconds).
//
// As root (CI runs the tests as root in a fresh Debian root), initdb and the server run as the unprivileged
// user nobody (uid 65534, through setpriv), since PostgreSQL refuses to run as root. The cluster is stopped
// and removed at process exit, and by a watchdog when the process dies without exiting (a crash, SIGKILL):
// the watchdog waits on a pipe only this process holds.
//
// Never skipped: when PostgreSQL is missing or does not start, shared() fails the test with what to install.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sango::test {

class PgCluster {
public:
    // The one role the cluster asks a password of (scram-sha-256); tests create it with the password they
    // choose. Every other role is trusted.
    static constexpr const char* kPasswordRole = "ledger_pw";

    // Whether the ledger's tests are to run on PostgreSQL: SANGO_TEST_LEDGER_ENGINE=postgresql (ctest sets it
    // for the *_postgresql entries).
    static bool requested();
    // The process's cluster, started on the first call; a failure to start is a fatal test failure (its
    // message says why and what to install), and the failure is returned on later calls.
    static PgCluster* shared();

    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // A new, empty database; its URL (postgresql://sango@127.0.0.1:PORT/t_<pid>_<n>, no password). The
    // databases of earlier tests are dropped (a database takes some 8 MB), those of this test and those made
    // outside a test (a suite's staged template) kept. templateDatabase: a copy of that one (which nobody may be
    // connected to).
    std::string createDatabase(const std::string& templateDatabase = {});
    std::uint16_t port() const { return m_port; }
    const std::filesystem::path& directory() const { return m_dir; }
    // A URL to an existing database of the cluster.
    std::string url(const std::string& database) const;
    // Runs one SQL statement as the superuser in a database; an empty result, or the server's error text.
    std::string execute(const std::string& database, const std::string& sql) const;
    // The rows of a query (text, nothing for NULL); a failure fails the test and gives no rows.
    using Rows = std::vector<std::vector<std::optional<std::string>>>;
    Rows rows(const std::string& database, const std::string& sql) const;
    // A transaction of the test's own, begun with sql (a lock, say) and held until the handle is destroyed,
    // when it is rolled back.
    class Held {
    public:
        explicit Held(void* connection) : m_connection(connection) {}
        ~Held();
        Held(const Held&) = delete;
        Held& operator=(const Held&) = delete;

    private:
        void* m_connection; // PGconn
    };
    std::unique_ptr<Held> hold(const std::string& database, const std::string& sql) const;
    // The database of a URL this cluster made (its last path segment).
    static std::string databaseOf(const std::string& url);

private:
    PgCluster() = default;
    bool start(std::string& why);
    void stop();

    std::filesystem::path m_dir;
    std::uint16_t m_port = 0;
    bool m_running = false;
    int m_watchdogPipe = -1;
    int m_databases = 0;
    std::vector<std::pair<std::string, std::string>> m_made; // database, the test that made it
};

} // namespace sango::test
