#pragma once
// A scanner on a serial port (RS-232, or USB CDC-ACM such as /dev/ttyACM0 or /dev/serial/by-id/...) that
// sends each scan as a line ended by CR, LF or CRLF. It runs its own I/O thread (Boost.Asio, private to this
// library); the handler and the connection callback are called on that thread. When the device goes away (a
// read error or end of file) or cannot be opened, it tries to open the port again every reconnectDelay until
// stop(). Nothing throws out of it: errors are logged (category "sango.hal.devices") and shown as
// connected() == false.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sango/hal/scanner.h"

namespace sango::hal {

class SerialScanner final : public Scanner {
public:
    struct Options {
        std::string port = "/dev/ttyACM0";
        unsigned baud = 9600;                          // 8 data bits, no parity, 1 stop bit, no flow control
        std::chrono::milliseconds reconnectDelay{2000};
        std::size_t maxLine = 4096;                    // longer lines are dropped and counted
    };
    using ConnectionHandler = std::function<void(bool connected)>;

    explicit SerialScanner(Options options);
    ~SerialScanner() override; // stops
    SerialScanner(const SerialScanner&) = delete;
    SerialScanner& operator=(const SerialScanner&) = delete;

    void setHandler(Handler handler) override;
    // Called with each change of connected(), the first time with the first open's outcome. Set before start().
    void setConnectionHandler(ConnectionHandler handler);
    void start() override;
    void stop() override;

    bool connected() const;
    // Lines dropped for being longer than maxLine, since construction.
    std::uint64_t droppedLines() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sango::hal
