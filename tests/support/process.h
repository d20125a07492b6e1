#pragma once
// Runs the real binaries for integration tests: fork/exec with pipes, an optional environment overlay
// (libfaketime's LD_PRELOAD and FAKETIME, SANGO_DATA_DIR ...), stdin text, and a way to SIGKILL a child.
#include <chrono>
#include <filesystem>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace sango::test {

struct ProcessResult {
    int exitCode = -1;  // when it exited
    int signal = 0;     // when a signal ended it
    std::string out;
    std::string err;
};

struct RunOptions {
    std::map<std::string, std::string> env; // added to (or replacing in) this process's environment
    std::string stdinText;
    // When set, the child's stderr goes to this file (appended) instead of a pipe: a long-running server
    // that logs must not fill a pipe nobody reads.
    std::string stderrFile;
};

// Starts a child with stdout and stderr captured.
class Child {
public:
    Child(const std::vector<std::string>& argv, const RunOptions& options = {});
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return m_pid; }
    void kill(int sig);
    // The next line of the child's stdout (without the newline) while it runs; nothing when stdout closed or
    // the timeout passed first. What it reads is not part of wait()'s output.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    // Waits for the end and collects all output.
    ProcessResult wait();

private:
    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
    bool m_waited = false;
};

ProcessResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// A fresh directory under the system's temporary directory, removed when destroyed.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The libfaketime preload library, or empty when it is not installed.
std::filesystem::path fakeTimeLibrary();

} // namespace sango::test
