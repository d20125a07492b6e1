#include "sango/hal/escpos_printer.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "device_log.h"

namespace sango::hal {

namespace {

constexpr char esc = '\x1B';
constexpr char gs = '\x1D';

// Printable ASCII only; anything else (UTF-8 bytes, controls that would be printer commands) becomes '?'.
std::string ascii(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        if (c < 0x20 || c > 0x7E)
            c = '?';
    }
    return out;
}

std::string failure(const std::filesystem::path& device, std::string_view what)
{
    return "Could not print the receipt on " + device.string() + " (" + std::string(what)
        + "): check the printer is on and connected; the session is recorded anyway.";
}

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

} // namespace

EscPosPrinter::EscPosPrinter(std::filesystem::path device) : EscPosPrinter(std::move(device), Options{}) {}

EscPosPrinter::EscPosPrinter(std::filesystem::path device, Options options)
    : m_device(std::move(device)), m_options(options)
{
}

std::string EscPosPrinter::encode(const Receipt& receipt, const Options& options)
{
    std::string out{esc, '@'};                          // ESC @: initialise
    if (!receipt.title.empty()) {
        out += {esc, 'a', '\x01', esc, 'E', '\x01'};    // centred, emphasised
        out += ascii(receipt.title);
        out += '\n';
        out += {esc, 'E', '\x00', esc, 'a', '\x00'};    // back to normal, left
    }
    for (const auto& line : receipt.lines) {
        const std::string label = ascii(line.label);
        const std::string value = ascii(line.value);
        if (label.size() + 1 + value.size() <= options.width) {
            out += label;
            out += std::string(options.width - label.size() - value.size(), ' ');
            out += value;
        } else {                                        // too long for one line: the value on its own line
            out += label;
            out += '\n';
            if (value.size() < options.width)
                out += std::string(options.width - value.size(), ' ');
            out += value;
        }
        out += '\n';
    }
    out += {esc, 'd', static_cast<char>(options.feedLines > 255 ? 255 : options.feedLines)}; // ESC d n: feed
    out += {gs, 'V', '\x01'};                           // GS V 1: partial cut
    return out;
}

Expected<void> EscPosPrinter::print(const Receipt& receipt)
{
    const std::string bytes = encode(receipt, m_options);
    // Never O_CREAT: a missing device is an error, not a new file in /dev. Non-blocking, so that a printer that
    // stops taking data (off line, out of paper) is an error after the timeout rather than a hang.
    Fd fd(::open(m_device.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        const int error = errno;
        detail::deviceLogger()->warn("receipt printer {}: cannot open: {}", m_device.string(), std::strerror(error));
        return fail(Errc::store_io, failure(m_device, std::strerror(error)));
    }
    // Only a character device is a printer: a link that now leads to a file (the store, a report) gets no byte.
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISCHR(st.st_mode)) {
        detail::deviceLogger()->warn("receipt printer {}: not a character device, nothing written", m_device.string());
        return fail(Errc::invalid_argument, "Did not print the receipt on " + m_device.string() +
                                                ": it is not a printer's device (a character device such as "
                                                "/dev/usb/lp0); fix the receipt printer setting.");
    }
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
        if (n >= 0) {
            written += static_cast<std::size_t>(n);
            continue;
        }
        const int error = errno;
        if (error == EINTR)
            continue;
        if (error == EAGAIN || error == EWOULDBLOCK) {
            pollfd p{fd.get(), POLLOUT, 0};
            const int ready = ::poll(&p, 1, static_cast<int>(m_options.timeout.count()));
            if (ready > 0 || (ready < 0 && errno == EINTR))
                continue;
            detail::deviceLogger()->warn("receipt printer {}: takes no data", m_device.string());
            return fail(Errc::store_io, failure(m_device, "the printer takes no data"));
        }
        detail::deviceLogger()->warn("receipt printer {}: write failed: {}", m_device.string(), std::strerror(error));
        return fail(Errc::store_io, failure(m_device, std::strerror(error)));
    }
    if (::close(fd.release()) != 0) {
        const int error = errno;
        return fail(Errc::store_io, failure(m_device, std::strerror(error)));
    }
    return {};
}

} // namespace sango::hal
