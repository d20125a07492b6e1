#pragma once
// One connection, plain or TLS: reads requests with a bounded parser, gives each to the handler and writes
// the answer, keeping the connection alive while the client wants it. The header is read first: the
// request's body limit (ServerOptions::bodyLimit) is decided from it before the body is read. Every step
// runs on the connection's strand (the executor of its socket), so a connection needs no locks; the
// handler and the body limit run there too.
#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "connection_slot.h"
#include "server_context.h"

namespace sango::server::detail {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
public:
    // The slot says whether the connection is served or told 503, and from which address it comes.
    Session(std::shared_ptr<ServerContext> context, boost::asio::ip::tcp::socket socket, ConnectionSlot slot);

    void run();

private:
    static constexpr bool isTls = std::is_same_v<Stream, TlsStream>;

    boost::beast::tcp_stream& tcp();
    void start();
    void onHandshake(boost::beast::error_code ec);
    void readRequest(bool first);
    void onIdleData(boost::beast::error_code ec, std::size_t bytes);
    void readHeader();
    void onHeader(boost::beast::error_code ec, std::size_t bytes);
    std::optional<std::size_t> decideBodyLimit();
    void onContinueWritten(boost::beast::error_code ec, std::size_t bytes);
    void readBody();
    void onBody(boost::beast::error_code ec, std::size_t bytes);
    void onReadError(boost::beast::error_code ec);
    void handleRequest();
    void reject();
    void sendError(unsigned status, std::string_view error, const std::string& message);
    void write(bool closeAfter);
    void onWrite(bool closeAfter, boost::beast::error_code ec, std::size_t bytes);
    void closeGracefully();
    void onTlsShutdown(boost::beast::error_code ec);
    void drain();
    void onDrain(boost::beast::error_code ec, std::size_t bytes);
    void closeNow();
    void logRequest(unsigned status) const;

    std::shared_ptr<ServerContext> m_context;
    Stream m_stream;
    ConnectionSlot m_slot;
    std::string m_remoteAddress;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    boost::beast::http::response<boost::beast::http::string_body> m_response;
    std::size_t m_bodyLimit = 0; // of the request being read
    std::chrono::steady_clock::time_point m_requestStarted;
    std::string m_logMethod; // of the request being answered, for the log line
    std::string m_logPath;
    std::array<char, 4096> m_drainBuffer{};
};

extern template class Session<PlainStream>;
extern template class Session<TlsStream>;

} // namespace sango::server::detail
