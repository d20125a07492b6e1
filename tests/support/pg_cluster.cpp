// PgCluster: initdb, pg_ctl start with a bounded wait, a database per test, stop and removal (and a watchdog
// for a process that dies without exiting).
#include "pg_cluster.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "process.h"

extern char** environ;

namespace sango::test {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPasswordRole = PgCluster::kPasswordRole;
const fs::path kBin = "/usr/lib/postgresql/15/bin";
constexpr uid_t kNobody = 65534; // Debian's nobody:nogroup, in every Debian root
constexpr const char* kUser = "sango";

// The command as the user that runs the cluster: nobody when this process is root.
std::vector<std::string> asClusterUser(std::vector<std::string> argv)
{
    if (::geteuid() != 0)
        return argv;
    std::vector<std::string> wrapped{"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    wrapped.insert(wrapped.end(), argv.begin(), argv.end());
    return wrapped;
}

// A loopback TCP port nobody listens on right now (the kernel's choice).
std::uint16_t freePort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    std::uint16_t port = 0;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(s);
    return port;
}

std::string quoteShell(const std::string& s)
{
    std::string out = "'";
    for (const char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string describe(const ProcessResult& r)
{
    return "exit " + std::to_string(r.exitCode) + ": " + r.out + r.err;
}

std::unique_ptr<PgCluster>& instance()
{
    static std::unique_ptr<PgCluster> cluster;
    return cluster;
}

} // namespace

bool PgCluster::requested()
{
    const char* engine = std::getenv("SANGO_TEST_LEDGER_ENGINE");
    return engine != nullptr && std::string(engine) == "postgresql";
}

PgCluster* PgCluster::shared()
{
    static std::once_flag once;
    static std::string failure;
    std::call_once(once, [] {
        std::unique_ptr<PgCluster> c(new PgCluster());
        if (c->start(failure))
            instance() = std::move(c);
        // Stopped when the process exits normally (static destruction); the watchdog covers the rest.
    });
    if (!instance()) {
        ADD_FAILURE() << "no PostgreSQL test cluster: " << failure;
        return nullptr;
    }
    return instance().get();
}

bool PgCluster::start(std::string& why)
{
    if (!fs::exists(kBin / "initdb") || !fs::exists(kBin / "pg_ctl")) {
        why = "PostgreSQL 15 is not installed (" + (kBin / "initdb").string() +
              " is missing): install the Debian package postgresql (packaging/setup-debian.sh does)";
        return false;
    }
    char pattern[] = "/tmp/sango-pg-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        why = "cannot make a temporary directory in /tmp";
        return false;
    }
    m_dir = pattern;
    if (::geteuid() == 0 && ::chown(m_dir.c_str(), kNobody, kNobody) != 0) {
        why = "cannot give " + m_dir.string() + " to nobody";
        return false;
    }
    // The watchdog: a shell that waits for this process's end (the pipe's write end closes with it, whatever
    // the cause) and then stops the server and removes the directory. Harmless after a normal stop.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) == 0) {
        const std::string data = (m_dir / "data").string();
        const std::string script = "read _; " +
                                   (::geteuid() == 0 ? std::string("setpriv --reuid=65534 --regid=65534 --clear-groups -- ")
                                                     : std::string()) +
                                   quoteShell((kBin / "pg_ctl").string()) + " -D " + quoteShell(data) +
                                   " -m immediate stop >/dev/null 2>&1; rm -rf " + quoteShell(m_dir.string());
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0); // dup2 clears O_CLOEXEC on stdin
        const char* argv[] = {"/bin/sh", "-c", script.c_str(), nullptr};
        pid_t pid = -1;
        if (::posix_spawn(&pid, "/bin/sh", &actions, nullptr, const_cast<char**>(argv), environ) == 0)
            m_watchdogPipe = fds[1];
        else
            ::close(fds[1]);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[0]);
    }

    const fs::path data = m_dir / "data";
    const auto init = run(asClusterUser({(kBin / "initdb").string(), "-D", data.string(), "-U", kUser, "-A", "trust",
                                         "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"}));
    if (init.exitCode != 0) {
        why = "initdb failed (" + describe(init) + ")";
        return false;
    }
    // One role that must give its password (the tests of the password file); every other role is trusted.
    {
        const fs::path hba = data / "pg_hba.conf";
        std::ifstream in(hba);
        const std::string rest((std::istreambuf_iterator<char>(in)), {});
        in.close();
        std::ofstream(hba, std::ios::trunc) << "host all " << kPasswordRole << " 127.0.0.1/32 scram-sha-256\n"
                                            << "local all " << kPasswordRole << " scram-sha-256\n"
                                            << rest;
    }
    // A few tries: another process may take the free port between freePort() and the server's bind.
    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freePort();
        const std::string options = "-p " + std::to_string(m_port) + " -k " + m_dir.string() +
                                    " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                                    "-c full_page_writes=off -c max_connections=60 -c shared_buffers=16MB";
        // -w: pg_ctl itself polls until the server accepts connections, for at most -t seconds.
        const auto started = run(asClusterUser({(kBin / "pg_ctl").string(), "-D", data.string(), "-l",
                                                (m_dir / "server.log").string(), "-o", options, "-w", "-t", "60",
                                                "start"}));
        if (started.exitCode != 0) {
            std::ifstream log(m_dir / "server.log");
            why = "pg_ctl start failed (" + describe(started) + "); server log: " +
                  std::string(std::istreambuf_iterator<char>(log), {});
            continue;
        }
        // And a libpq ping of our own, polled with a deadline: the TCP address the tests use answers.
        const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(m_port) + " dbname=postgres user=" + kUser;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            if (PQping(conninfo.c_str()) == PQPING_OK) {
                m_running = true;
                break;
            }
            ::usleep(20000); // a polling interval, not a synchronisation
        }
        if (!m_running)
            why = "the PostgreSQL test server did not answer on 127.0.0.1:" + std::to_string(m_port) + " in 30 s";
    }
    return m_running;
}

PgCluster::~PgCluster()
{
    stop();
}

void PgCluster::stop()
{
    if (m_running) {
        run(asClusterUser({(kBin / "pg_ctl").string(), "-D", (m_dir / "data").string(), "-m", "immediate", "stop"}));
        m_running = false;
    }
    std::error_code ec;
    if (!m_dir.empty())
        fs::remove_all(m_dir, ec);
    if (m_watchdogPipe >= 0) {
        ::close(m_watchdogPipe); // the watchdog finds nothing left to do
        m_watchdogPipe = -1;
    }
}

std::string PgCluster::url(const std::string& database) const
{
    return "postgresql://" + std::string(kUser) + "@127.0.0.1:" + std::to_string(m_port) + "/" + database;
}

std::string PgCluster::execute(const std::string& database, const std::string& sql) const
{
    const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(m_port) + " dbname=" + database +
                                 " user=" + kUser;
    PGconn* c = PQconnectdb(conninfo.c_str());
    std::string error;
    if (PQstatus(c) != CONNECTION_OK) {
        error = PQerrorMessage(c);
    } else {
        PGresult* r = PQexec(c, sql.c_str());
        const auto status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            error = PQresultErrorMessage(r);
        PQclear(r);
    }
    PQfinish(c);
    return error;
}

PgCluster::Rows PgCluster::rows(const std::string& database, const std::string& sql) const
{
    const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(m_port) + " dbname=" + database +
                                 " user=" + kUser;
    PGconn* c = PQconnectdb(conninfo.c_str());
    Rows out;
    if (PQstatus(c) != CONNECTION_OK) {
        ADD_FAILURE() << "cannot connect to the test database " << database << ": " << PQerrorMessage(c);
    } else {
        PGresult* r = PQexec(c, sql.c_str());
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
        } else {
            for (int i = 0; i < PQntuples(r); ++i) {
                std::vector<std::optional<std::string>> row;
                for (int j = 0; j < PQnfields(r); ++j)
                    row.push_back(PQgetisnull(r, i, j) ? std::nullopt
                                                       : std::optional<std::string>(PQgetvalue(r, i, j)));
                out.push_back(std::move(row));
            }
        }
        PQclear(r);
    }
    PQfinish(c);
    return out;
}

PgCluster::Held::~Held()
{
    auto* c = static_cast<PGconn*>(m_connection);
    PQclear(PQexec(c, "ROLLBACK"));
    PQfinish(c);
}

std::unique_ptr<PgCluster::Held> PgCluster::hold(const std::string& database, const std::string& sql) const
{
    const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(m_port) + " dbname=" + database +
                                 " user=" + kUser;
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        ADD_FAILURE() << "cannot connect to the test database " << database << ": " << PQerrorMessage(c);
        PQfinish(c);
        return nullptr;
    }
    PGresult* r = PQexec(c, ("BEGIN; " + sql).c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
    PQclear(r);
    return std::make_unique<Held>(c);
}

std::string PgCluster::databaseOf(const std::string& url)
{
    const auto slash = url.rfind('/');
    const auto query = url.find('?', slash);
    return url.substr(slash + 1, query == std::string::npos ? std::string::npos : query - slash - 1);
}

std::string PgCluster::createDatabase(const std::string& templateDatabase)
{
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string test = info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() : "";
    for (auto it = m_made.begin(); it != m_made.end();) {
        if (it->second == test || it->second.empty()) {
            ++it;
            continue;
        }
        // FORCE: a connection the earlier test left (a killed server process's) does not keep it.
        execute("postgres", "DROP DATABASE IF EXISTS " + it->first + " WITH (FORCE)");
        it = m_made.erase(it);
    }
    const std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++m_databases);
    m_made.emplace_back(name, test);
    const std::string error = execute("postgres", "CREATE DATABASE " + name +
                                                      (templateDatabase.empty() ? "" : " TEMPLATE " + templateDatabase));
    if (!error.empty())
        ADD_FAILURE() << "CREATE DATABASE " << name << " failed: " << error;
    return url(name);
}

} // namespace sango::test
