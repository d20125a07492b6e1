#include "sango/hal/serial_scanner.h"

#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/asio/steady_timer.hpp>

#include "device_log.h"
#include "sango/hal/line_framer.h"

namespace sango::hal {

namespace asio = boost::asio;
using boost::system::error_code;

// Everything below runs on the I/O thread, except start(), stop() and the setters, which take m_mutex.
class SerialScanner::Impl {
public:
    explicit Impl(Options options)
        : m_options(std::move(options)), m_framer(m_options.maxLine), m_port(m_io), m_retry(m_io)
    {
    }

    void start()
    {
        std::thread previous; // stopped from its own handler earlier: ended or ending
        {
            std::lock_guard lock(m_mutex);
            if (m_running)
                return;
            previous = std::move(m_thread);
        }
        if (previous.joinable())
            previous.join();
        std::lock_guard lock(m_mutex);
        if (m_running)
            return;
        m_running = true;
        m_stopping = false;
        m_io.restart();
        asio::post(m_io, [this] { open(); });
        m_thread = std::thread([this] { m_io.run(); });
    }

    // Joins outside m_mutex: the I/O thread takes it to read the handlers.
    void stop()
    {
        std::thread thread;
        {
            std::lock_guard lock(m_mutex);
            if (!m_running)
                return;
            m_running = false;
            asio::post(m_io, [this] { shutdown(); });
            if (std::this_thread::get_id() == m_thread.get_id())
                return; // called from the handler: the thread ends after it; start() or ~Impl joins it
            thread = std::move(m_thread);
        }
        thread.join();
    }

    ~Impl()
    {
        stop();
        if (m_thread.joinable())
            m_thread.join();
    }

    void setHandler(Handler handler)
    {
        std::lock_guard lock(m_mutex);
        m_handler = std::move(handler);
    }

    void setConnectionHandler(ConnectionHandler handler)
    {
        std::lock_guard lock(m_mutex);
        m_connectionHandler = std::move(handler);
    }

    bool connected() const { return m_connected.load(); }
    std::uint64_t droppedLines() const { return m_dropped.load(); }

private:
    void open()
    {
        if (m_stopping)
            return;
        error_code ec;
        m_port.open(m_options.port, ec);
        if (!ec)
            m_port.set_option(asio::serial_port_base::baud_rate(m_options.baud), ec);
        if (!ec)
            m_port.set_option(asio::serial_port_base::character_size(8), ec);
        if (!ec)
            m_port.set_option(asio::serial_port_base::parity(asio::serial_port_base::parity::none), ec);
        if (!ec)
            m_port.set_option(asio::serial_port_base::stop_bits(asio::serial_port_base::stop_bits::one), ec);
        if (!ec)
            m_port.set_option(
                asio::serial_port_base::flow_control(asio::serial_port_base::flow_control::none), ec);
        if (ec) {
            // Once per outage at warn level; the retries every reconnectDelay at debug.
            detail::deviceLogger()->log(m_reported == false ? spdlog::level::debug : spdlog::level::warn,
                "serial scanner {}: cannot open ({}); retrying every {} ms", m_options.port, ec.message(),
                m_options.reconnectDelay.count());
            closePort();
            setConnected(false);
            scheduleRetry();
            return;
        }
        detail::deviceLogger()->info("serial scanner {}: connected at {} baud", m_options.port, m_options.baud);
        m_framer.reset();
        setConnected(true);
        read();
    }

    void read()
    {
        m_port.async_read_some(asio::buffer(m_buffer), [this](const error_code& ec, std::size_t n) {
            if (m_stopping)
                return;
            if (ec) {
                detail::deviceLogger()->warn("serial scanner {}: device gone ({}); retrying every {} ms",
                    m_options.port, ec.message(), m_options.reconnectDelay.count());
                closePort();
                setConnected(false);
                scheduleRetry();
                return;
            }
            deliver(m_framer.feed(std::string_view(m_buffer.data(), n)));
            if (!m_stopping)
                read();
        });
    }

    void deliver(std::vector<std::string> lines)
    {
        const auto dropped = m_framer.droppedLines();
        if (dropped != m_dropped.exchange(dropped))
            detail::deviceLogger()->warn("serial scanner {}: dropped a line longer than {} bytes",
                m_options.port, m_options.maxLine);
        if (lines.empty())
            return;
        Handler handler;
        {
            std::lock_guard lock(m_mutex);
            handler = m_handler;
        }
        for (auto& line : lines) {
            if (!handler || m_stopping)
                return;
            try {
                handler(std::move(line));
            } catch (...) {
                detail::deviceLogger()->error("serial scanner {}: the scan handler threw; scan ignored",
                    m_options.port);
            }
        }
    }

    void scheduleRetry()
    {
        m_retry.expires_after(m_options.reconnectDelay);
        m_retry.async_wait([this](const error_code& ec) {
            if (!ec && !m_stopping)
                open();
        });
    }

    void shutdown()
    {
        m_stopping = true;
        m_retry.cancel();
        closePort();
        m_framer.reset();
        m_connected = false;
        m_reported.reset();
    }

    void closePort()
    {
        error_code ignored;
        m_port.close(ignored);
    }

    void setConnected(bool connected)
    {
        m_connected = connected;
        if (m_reported == connected)
            return;
        m_reported = connected;
        ConnectionHandler handler;
        {
            std::lock_guard lock(m_mutex);
            handler = m_connectionHandler;
        }
        if (!handler)
            return;
        try {
            handler(connected);
        } catch (...) {
            detail::deviceLogger()->error("serial scanner {}: the connection handler threw", m_options.port);
        }
    }

    const Options m_options;
    LineFramer m_framer;
    asio::io_context m_io;
    asio::serial_port m_port;
    asio::steady_timer m_retry;
    std::array<char, 512> m_buffer{};
    std::optional<bool> m_reported; // the state last given to the connection handler
    bool m_stopping = false;        // I/O thread only

    mutable std::mutex m_mutex;     // m_handler, m_connectionHandler, m_running, m_thread
    Handler m_handler;
    ConnectionHandler m_connectionHandler;
    bool m_running = false;
    std::thread m_thread;

    std::atomic<bool> m_connected{false};
    std::atomic<std::uint64_t> m_dropped{0};
};

SerialScanner::SerialScanner(Options options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
SerialScanner::~SerialScanner() = default;

void SerialScanner::setHandler(Handler handler)
{
    m_impl->setHandler(std::move(handler));
}

void SerialScanner::setConnectionHandler(ConnectionHandler handler)
{
    m_impl->setConnectionHandler(std::move(handler));
}

void SerialScanner::start()
{
    m_impl->start();
}

void SerialScanner::stop()
{
    m_impl->stop();
}

bool SerialScanner::connected() const
{
    return m_impl->connected();
}

std::uint64_t SerialScanner::droppedLines() const
{
    return m_impl->droppedLines();
}

} // namespace sango::hal
