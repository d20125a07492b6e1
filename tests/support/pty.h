#pragma once
// A pseudo-terminal in raw mode, as a stand-in device for the tests: its slave (/dev/pts/N) is a real character
// device for the code under test to open (a serial scanner, a receipt printer); the test writes on the master
// as the device would (write), reads back what was written to the device (read: waits with poll() up to a
// deadline for the bytes expected, no sleeps), and can pull the device out (unplug). The slave is held open by
// the test too, so that nothing written before the code under test opens it is lost.
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>

namespace sango::test {

class Pty {
public:
    Pty()
    {
        m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (m_master < 0 || ::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0)
            return;
        const char* name = ::ptsname(m_master);
        if (!name)
            return;
        m_device = name;
        // Held open (raw: no newline translation) so that the line discipline keeps what is written.
        m_slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
        termios tio{};
        if (m_slave >= 0 && ::tcgetattr(m_slave, &tio) == 0) {
            ::cfmakeraw(&tio);
            ::tcsetattr(m_slave, TCSANOW, &tio);
        }
    }
    ~Pty() { unplug(); }
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;

    bool ok() const { return m_master >= 0 && m_slave >= 0; }
    // The character device the code under test opens.
    const std::string& device() const { return m_device; }

    // Bytes from the device, as if it sent them.
    bool write(std::string_view bytes)
    {
        while (!bytes.empty()) {
            const ssize_t n = ::write(m_master, bytes.data(), bytes.size());
            if (n < 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // The device goes away: the slave side is hung up.
    void unplug()
    {
        if (m_slave >= 0)
            ::close(m_slave);
        if (m_master >= 0)
            ::close(m_master);
        m_slave = m_master = -1;
    }

    // What was written, once at least `size` bytes arrived or the deadline passed.
    std::string read(std::size_t size, std::chrono::milliseconds deadline = std::chrono::seconds(10))
    {
        const auto end = std::chrono::steady_clock::now() + deadline;
        while (m_received.size() < size) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                break;
            pollfd p{m_master, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                continue;
            char buffer[4096];
            const ssize_t n = ::read(m_master, buffer, sizeof buffer);
            if (n <= 0)
                break;
            m_received.append(buffer, static_cast<std::size_t>(n));
        }
        return m_received;
    }

private:
    int m_master = -1;
    int m_slave = -1;
    std::string m_device;
    std::string m_received;
};

} // namespace sango::test
