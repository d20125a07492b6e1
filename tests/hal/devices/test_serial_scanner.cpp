// SerialScanner against pseudo-terminals: lines written on the master arrive at the handler; the port is a
// symlink (like /dev/serial/by-id/...) so that unplugging (closing the master) and plugging in again (a new
// pty, the symlink re-pointed) can be played; a missing port is reported and retried.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include "pty.h"
#include "sango/hal/serial_scanner.h"

namespace sango::hal {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

using test::Pty;

class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "sango-serial-XXXXXX").string();
        if (::mkdtemp(pattern.data()))
            m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        if (!m_path.empty())
            fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// Points `link` at `target` atomically (a new link, renamed over the old one).
void pointLink(const fs::path& link, const fs::path& target)
{
    const fs::path fresh = link.string() + ".new";
    std::error_code ec;
    fs::remove(fresh, ec);
    fs::create_symlink(target, fresh);
    fs::rename(fresh, link);
}

// What the scanner reported, from its thread; the test waits on it with a deadline.
class Recorder {
public:
    void attach(SerialScanner& scanner)
    {
        scanner.setHandler([this](std::string line) {
            std::lock_guard lock(m_mutex);
            m_lines.push_back(std::move(line));
            m_changed.notify_all();
        });
        scanner.setConnectionHandler([this](bool connected) {
            std::lock_guard lock(m_mutex);
            m_states.push_back(connected);
            m_changed.notify_all();
        });
    }

    bool waitFor(const std::function<bool(const std::vector<std::string>&, const std::vector<bool>&)>& done)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, 10s, [&] { return done(m_lines, m_states); });
    }
    bool waitLines(std::size_t n)
    {
        return waitFor([n](const auto& lines, const auto&) { return lines.size() >= n; });
    }
    // Waits until the connection handler has said `state` for the n-th time.
    bool waitState(bool state, std::size_t n)
    {
        return waitFor([=](const auto&, const auto& states) {
            return static_cast<std::size_t>(std::count(states.begin(), states.end(), state)) >= n;
        });
    }
    std::vector<std::string> lines()
    {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }
    std::vector<bool> states()
    {
        std::lock_guard lock(m_mutex);
        return m_states;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::string> m_lines;
    std::vector<bool> m_states;
};

SerialScanner::Options optionsFor(const fs::path& port)
{
    SerialScanner::Options options;
    options.port = port.string();
    options.baud = 115200;
    options.reconnectDelay = 10ms;
    return options;
}

TEST(SerialScanner, LinesWrittenOnTheDeviceArrive)
{
    Pty pty;
    ASSERT_TRUE(pty.ok());
    Recorder recorder; // outlives the scanner, whose thread calls it
    SerialScanner scanner(optionsFor(pty.device()));
    recorder.attach(scanner);
    scanner.start();
    ASSERT_TRUE(recorder.waitState(true, 1));
    EXPECT_TRUE(scanner.connected());

    ASSERT_TRUE(pty.write("SGC1:first\r\nsecond\r"));
    ASSERT_TRUE(pty.write("\nthi"));
    ASSERT_TRUE(pty.write("rd\n"));
    ASSERT_TRUE(recorder.waitLines(3));
    EXPECT_EQ(recorder.lines(), (std::vector<std::string>{"SGC1:first", "second", "third"}));
    scanner.stop();
    EXPECT_FALSE(scanner.connected());
}

TEST(SerialScanner, OverlongLinesAreDroppedAndCounted)
{
    Pty pty;
    ASSERT_TRUE(pty.ok());
    auto options = optionsFor(pty.device());
    options.maxLine = 16;
    Recorder recorder; // outlives the scanner, whose thread calls it
    SerialScanner scanner(options);
    recorder.attach(scanner);
    scanner.start();
    ASSERT_TRUE(recorder.waitState(true, 1));
    ASSERT_TRUE(pty.write(std::string(100, 'x') + "\r\nshort\r\n"));
    ASSERT_TRUE(recorder.waitLines(1));
    EXPECT_EQ(recorder.lines(), (std::vector<std::string>{"short"}));
    EXPECT_EQ(scanner.droppedLines(), 1u);
}

TEST(SerialScanner, UnplugAndReplugThroughASymlink)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path link = dir.path() / "usb-Scanner_1234-if00";
    auto first = std::make_unique<Pty>();
    ASSERT_TRUE(first->ok());
    pointLink(link, first->device());

    Recorder recorder; // outlives the scanner, whose thread calls it
    SerialScanner scanner(optionsFor(link));
    recorder.attach(scanner);
    scanner.start();
    ASSERT_TRUE(recorder.waitState(true, 1));
    ASSERT_TRUE(first->write("before\r\n"));
    ASSERT_TRUE(recorder.waitLines(1));

    first->unplug();
    ASSERT_TRUE(recorder.waitState(false, 1));
    EXPECT_FALSE(scanner.connected());

    Pty second;
    ASSERT_TRUE(second.ok());
    pointLink(link, second.device());
    ASSERT_TRUE(recorder.waitState(true, 2));
    EXPECT_TRUE(scanner.connected());
    ASSERT_TRUE(second.write("after\r\n"));
    ASSERT_TRUE(recorder.waitLines(2));
    EXPECT_EQ(recorder.lines(), (std::vector<std::string>{"before", "after"}));
    EXPECT_EQ(recorder.states(), (std::vector<bool>{true, false, true}));
}

TEST(SerialScanner, MissingPortIsReportedAndRetried)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path link = dir.path() / "scanner";
    Recorder recorder; // outlives the scanner, whose thread calls it
    SerialScanner scanner(optionsFor(link));
    recorder.attach(scanner);
    scanner.start();
    ASSERT_TRUE(recorder.waitState(false, 1));
    EXPECT_FALSE(scanner.connected());

    // Plugged in later: the retries find it.
    Pty pty;
    ASSERT_TRUE(pty.ok());
    pointLink(link, pty.device());
    ASSERT_TRUE(recorder.waitState(true, 1));
    ASSERT_TRUE(pty.write("late\n"));
    ASSERT_TRUE(recorder.waitLines(1));
    EXPECT_EQ(recorder.lines(), (std::vector<std::string>{"late"}));
}

TEST(SerialScanner, StopsWhileRetryingAndStartsAgain)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path link = dir.path() / "scanner";
    Recorder recorder; // outlives the scanner, whose thread calls it
    SerialScanner scanner(optionsFor(link));
    recorder.attach(scanner);
    scanner.start();
    ASSERT_TRUE(recorder.waitState(false, 1));
    scanner.stop();
    scanner.stop(); // twice is fine

    Pty pty;
    ASSERT_TRUE(pty.ok());
    pointLink(link, pty.device());
    scanner.start();
    ASSERT_TRUE(recorder.waitState(true, 1));
    ASSERT_TRUE(pty.write("again\n"));
    ASSERT_TRUE(recorder.waitLines(1));
}

TEST(SerialScanner, BadBaudIsNotConnected)
{
    Pty pty;
    ASSERT_TRUE(pty.ok());
    auto options = optionsFor(pty.device());
    options.baud = 12345; // not a rate termios knows
    Recorder recorder; // outlives the scanner, whose thread calls it
    SerialScanner scanner(options);
    recorder.attach(scanner);
    scanner.start();
    ASSERT_TRUE(recorder.waitState(false, 1));
    EXPECT_FALSE(scanner.connected());
}

} // namespace
} // namespace sango::hal
