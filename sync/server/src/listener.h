#pragma once
// The listening socket: accepts connections one after the other, each onto a strand of its own, and hands
// them to a Session with the place ConnectionSlot::claim gave them (served, or told 503).
#include <cstdint>
#include <memory>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include "server_context.h"

namespace sango::server::detail {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    // Opens, binds and listens. Errors: invalid_config "cannot listen on HOST:PORT: <reason>".
    static Expected<std::shared_ptr<Listener>> open(
        boost::asio::io_context& ioc, std::shared_ptr<ServerContext> context,
        const boost::asio::ip::tcp::endpoint& endpoint);

    Listener(boost::asio::io_context& ioc, std::shared_ptr<ServerContext> context);

    void run();
    std::uint16_t port() const { return m_port; }

private:
    void accept();
    void onAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
    void onRetry(boost::beast::error_code ec);
    void startSession(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& m_ioc;
    std::shared_ptr<ServerContext> m_context;
    boost::asio::ip::tcp::acceptor m_acceptor;
    boost::asio::steady_timer m_retry;
    std::uint16_t m_port = 0;
};

} // namespace sango::server::detail
