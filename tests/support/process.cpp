#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace sango::test {

namespace {

std::vector<std::string> mergedEnvironment(const std::map<std::string, std::string>& overlay)
{
    std::map<std::string, std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string kv(*e);
        const auto eq = kv.find('=');
        if (eq != std::string::npos)
            env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : overlay)
        env[k] = v;
    // libfaketime preloaded ahead of an AddressSanitizer build's runtime: tell ASan that this order is meant.
    if (env.count("LD_PRELOAD")) {
        std::string& asan = env["ASAN_OPTIONS"];
        asan += (asan.empty() ? "" : ":") + std::string("verify_asan_link_order=0");
    }
    std::vector<std::string> out;
    for (const auto& [k, v] : env)
        out.push_back(k + "=" + v);
    return out;
}

void drain(int out, int err, std::string& outText, std::string& errText)
{
    pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    int open = 2;
    char buf[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                (i == 0 ? outText : errText).append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open;
            }
        }
    }
}

// Names that libfaketime left in /dev/shm for processes that no longer exist (killed ones cannot clean up):
// once per test process, before the first child, so that a reused pid cannot collide with one.
void removeStaleFakeTimeNames()
{
    static const bool done = [] {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator("/dev/shm", ec)) {
            const std::string name = e.path().filename().string();
            for (const std::string prefix : {"faketime_shm_", "sem.faketime_sem_"}) {
                if (name.rfind(prefix, 0) != 0)
                    continue;
                const std::string pid = name.substr(prefix.size());
                if (!pid.empty() && pid.find_first_not_of("0123456789") == std::string::npos &&
                    !std::filesystem::exists("/proc/" + pid, ec))
                    std::filesystem::remove(e.path(), ec);
            }
        }
        return true;
    }();
    (void)done;
}

} // namespace

Child::Child(const std::vector<std::string>& argv, const RunOptions& options)
{
    int outPipe[2], errPipe[2], inPipe[2];
    if (::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0 || ::pipe2(inPipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    if (options.env.count("LD_PRELOAD"))
        removeStaleFakeTimeNames();
    const auto env = mergedEnvironment(options.env);
    std::vector<char*> cargv, cenv;
    for (const auto& a : argv)
        cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    for (const auto& e : env)
        cenv.push_back(const_cast<char*>(e.c_str()));
    cenv.push_back(nullptr);
    m_pid = ::fork();
    if (m_pid < 0)
        throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        ::dup2(inPipe[0], STDIN_FILENO);
        ::dup2(outPipe[1], STDOUT_FILENO);
        if (!options.stderrFile.empty()) {
            const int fd = ::open(options.stderrFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            ::dup2(fd >= 0 ? fd : errPipe[1], STDERR_FILENO);
        } else {
            ::dup2(errPipe[1], STDERR_FILENO);
        }
        ::execve(cargv[0], cargv.data(), cenv.data());
        ::_exit(127);
    }
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    ::close(inPipe[0]);
    if (!options.stdinText.empty()) {
        // Small inputs only (a PIN): they fit the pipe buffer.
        [[maybe_unused]] const ssize_t n = ::write(inPipe[1], options.stdinText.data(), options.stdinText.size());
    }
    ::close(inPipe[1]);
    m_out = outPipe[0];
    m_err = errPipe[0];
}

Child::~Child()
{
    if (!m_waited && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        wait();
    }
}

std::optional<std::string> Child::readLine(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string line;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return std::nullopt;
        pollfd fd{m_out, POLLIN, 0};
        const int r = ::poll(&fd, 1, static_cast<int>(left.count()));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return std::nullopt;
        char c = 0;
        const ssize_t n = ::read(m_out, &c, 1);
        if (n <= 0)
            return std::nullopt;
        if (c == '\n')
            return line;
        line += c;
    }
}

void Child::kill(int sig)
{
    if (m_pid > 0 && !m_waited)
        ::kill(m_pid, sig);
}

ProcessResult Child::wait()
{
    ProcessResult r;
    drain(m_out, m_err, r.out, r.err);
    ::close(m_out);
    ::close(m_err);
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_waited = true;
    if (WIFEXITED(status)) {
        r.exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r.signal = WTERMSIG(status);
        // A child killed under libfaketime leaves its per-process shared memory and semaphore names behind;
        // a later process given the same pid would then fail to start ("shm_open failed: File exists").
        const std::string pid = std::to_string(m_pid);
        ::shm_unlink(("/faketime_shm_" + pid).c_str());
        ::sem_unlink(("/faketime_sem_" + pid).c_str());
    }
    return r;
}

ProcessResult run(const std::vector<std::string>& argv, const RunOptions& options)
{
    Child c(argv, options);
    return c.wait();
}

TempDir::TempDir()
{
    std::string tmpl = (std::filesystem::temp_directory_path() / "sango-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
}

TempDir::~TempDir()
{
    std::error_code ec;
    // Restore write permission where a test took it away, so the directory can go.
    for (auto it = std::filesystem::recursive_directory_iterator(m_path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path fakeTimeLibrary()
{
    for (const char* p : {"/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                          "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1"})
        if (std::filesystem::exists(p))
            return p;
    return {};
}

} // namespace sango::test
