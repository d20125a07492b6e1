#include "listener.h"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "connection_slot.h"
#include "session.h"

namespace sango::server::detail {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string describe(const tcp::endpoint& endpoint)
{
    const std::string address = endpoint.address().to_string();
    const std::string host = endpoint.address().is_v6() ? "[" + address + "]" : address;
    return host + ":" + std::to_string(endpoint.port());
}

// After a failed accept (out of descriptors, say), wait a little instead of spinning on the same error.
constexpr std::chrono::milliseconds acceptRetryDelay{100};

} // namespace

Listener::Listener(net::io_context& ioc, std::shared_ptr<ServerContext> context)
    : m_ioc(ioc), m_context(std::move(context)), m_acceptor(net::make_strand(ioc)), m_retry(m_acceptor.get_executor())
{
}

Expected<std::shared_ptr<Listener>> Listener::open(
    net::io_context& ioc, std::shared_ptr<ServerContext> context, const tcp::endpoint& endpoint)
{
    auto listener = std::make_shared<Listener>(ioc, std::move(context));
    tcp::acceptor& acceptor = listener->m_acceptor;
    beast::error_code ec;
    const auto failed = [&] {
        return fail(Errc::invalid_config, "cannot listen on " + describe(endpoint) + ": " + ec.message());
    };
    acceptor.open(endpoint.protocol(), ec);
    if (ec)
        return failed();
    // A restarted server may bind while connections of its previous run are in TIME_WAIT; a port another
    // process listens on still fails below.
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (ec)
        return failed();
    acceptor.bind(endpoint, ec);
    if (ec)
        return failed();
    acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return failed();
    const tcp::endpoint bound = acceptor.local_endpoint(ec);
    if (ec)
        return failed();
    listener->m_port = bound.port();
    return listener;
}

void Listener::run()
{
    net::dispatch(m_acceptor.get_executor(), beast::bind_front_handler(&Listener::accept, shared_from_this()));
}

void Listener::accept()
{
    // Each connection gets a strand of its own, so its handlers never run at the same time.
    m_acceptor.async_accept(net::make_strand(m_ioc), beast::bind_front_handler(&Listener::onAccept, shared_from_this()));
}

void Listener::onAccept(beast::error_code ec, tcp::socket socket)
{
    if (ec == net::error::operation_aborted)
        return; // stopping
    if (ec) {
        m_context->logger->warn("accepting a connection failed: {}", ec.message());
        m_retry.expires_after(acceptRetryDelay);
        m_retry.async_wait(beast::bind_front_handler(&Listener::onRetry, shared_from_this()));
        return;
    }
    startSession(std::move(socket));
    accept();
}

void Listener::onRetry(beast::error_code ec)
{
    if (ec == net::error::operation_aborted)
        return;
    accept();
}

void Listener::startSession(tcp::socket socket)
{
    beast::error_code ec;
    const tcp::endpoint remote = socket.remote_endpoint(ec);
    if (ec) {
        // The client has gone already (it reset the connection while it waited to be accepted).
        socket.close(ec);
        return;
    }
    // Answers are small and written whole: do not hold them back waiting for more.
    socket.set_option(tcp::no_delay(true), ec);

    const std::string address = remote.address().to_string();
    std::optional<ConnectionSlot> slot = ConnectionSlot::claim(m_context, address);
    if (!slot) {
        const ServerOptions& options = m_context->options;
        m_context->logger->warn("closed a connection from {} without an answer: beyond twice the limit of {} "
                                "connections, or of {} from one address",
            address, options.maxConnections, options.maxConnectionsPerAddress);
        socket.close(ec);
        return;
    }
    if (m_context->tls)
        std::make_shared<Session<TlsStream>>(m_context, std::move(socket), std::move(*slot))->run();
    else
        std::make_shared<Session<PlainStream>>(m_context, std::move(socket), std::move(*slot))->run();
}

} // namespace sango::server::detail
