#include "session.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <typeinfo>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/core/demangle.hpp>

#include "responses.h"

namespace sango::server::detail {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// What a client waiting after "Expect: 100-continue" needs before it sends the body.
constexpr std::string_view continueResponse = "HTTP/1.1 100 Continue\r\n\r\n";
// How much one read asks for while waiting for the next request on a kept-alive connection.
constexpr std::size_t idleReadSize = 4096;

template <class Stream>
Stream makeStream(tcp::socket&& socket, ServerContext& context)
{
    if constexpr (std::is_same_v<Stream, TlsStream>)
        return Stream(std::move(socket), *context.tls);
    else
        return Stream(std::move(socket));
}

// How long a closing connection waits for the client to finish sending (and to take the last answer)
// before it is cut: closing a socket with unread data makes the kernel send a reset, which can destroy the
// answer (a 413, a 400) before the client has read it.
std::chrono::milliseconds lingerTimeout(const ServerOptions& options)
{
    return std::min(options.readTimeout, std::chrono::milliseconds(2000));
}

// A message's fields as HttpRequest and HttpRequestHead carry them: names in lower case, in their order.
std::vector<std::pair<std::string, std::string>> lowerCaseFields(const http::fields& fields)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& field : fields)
        out.emplace_back(toLowerAscii(toStd(field.name_string())), std::string(toStd(field.value())));
    return out;
}

bool isHttpParseError(const beast::error_code& ec)
{
    return ec.category() == http::make_error_code(http::error::bad_method).category();
}

} // namespace

template <class Stream>
Session<Stream>::Session(std::shared_ptr<ServerContext> context, tcp::socket socket, ConnectionSlot slot)
    : m_context(std::move(context))
    , m_stream(makeStream<Stream>(std::move(socket), *m_context))
    , m_slot(std::move(slot))
    , m_remoteAddress(m_slot.remoteAddress())
{
}

template <class Stream>
beast::tcp_stream& Session<Stream>::tcp()
{
    return beast::get_lowest_layer(m_stream);
}

template <class Stream>
void Session<Stream>::run()
{
    // The socket was accepted on a strand of its own: everything of this connection runs there.
    net::dispatch(m_stream.get_executor(), beast::bind_front_handler(&Session::start, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::start()
{
    // The first request's deadline counts from the connection, TLS handshake included, so that a client
    // cannot hold a connection by connecting and saying nothing.
    m_requestStarted = Clock::now();
    tcp().expires_after(m_context->options.readTimeout);
    if constexpr (isTls) {
        m_stream.async_handshake(net::ssl::stream_base::server,
            beast::bind_front_handler(&Session::onHandshake, this->shared_from_this()));
    } else {
        if (m_slot.mode() == SessionMode::serve)
            readRequest(true);
        else
            reject();
    }
}

template <class Stream>
void Session<Stream>::onHandshake(beast::error_code ec)
{
    if (ec) {
        // Often plain HTTP sent to the TLS port, or a client that does not trust the certificate.
        m_context->logger->debug("TLS handshake with {} failed: {}", m_remoteAddress, ec.message());
        closeNow();
        return;
    }
    if (m_slot.mode() == SessionMode::serve)
        readRequest(true);
    else
        reject();
}

template <class Stream>
void Session<Stream>::reject()
{
    if (m_slot.mode() == SessionMode::rejectAddressFull) {
        m_context->logger->debug("told a connection from {} 503: it holds {} connections already", m_remoteAddress,
            m_context->options.maxConnectionsPerAddress);
        sendError(503, "unavailable", "too many connections from this address; close some or try again shortly");
    } else {
        sendError(503, "unavailable", "the server is at its limit of connections; try again shortly");
    }
}

template <class Stream>
void Session<Stream>::readRequest(bool first)
{
    const ServerOptions& options = m_context->options;
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options.maxHeaderBytes, std::numeric_limits<std::uint32_t>::max())));
    // Until the header is in: a Content-Length above maxBodyBytes fails as soon as the header is parsed.
    m_bodyLimit = options.maxBodyBytes;
    m_parser->body_limit(static_cast<std::uint64_t>(m_bodyLimit));
    m_logMethod.clear();
    m_logPath.clear();

    if (first) {
        readHeader();
        return;
    }
    if (m_buffer.size() > 0) {
        // A pipelined request is already here: its deadline starts now.
        m_requestStarted = Clock::now();
        tcp().expires_after(options.readTimeout);
        readHeader();
        return;
    }
    // Between requests the idle timeout applies; the read timeout starts with the next request's first byte.
    tcp().expires_after(options.idleTimeout);
    m_stream.async_read_some(m_buffer.prepare(idleReadSize),
        beast::bind_front_handler(&Session::onIdleData, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::onIdleData(beast::error_code ec, std::size_t bytes)
{
    if (ec) {
        // The client closed the connection, or it stayed idle too long.
        closeNow();
        return;
    }
    m_buffer.commit(bytes);
    m_requestStarted = Clock::now();
    tcp().expires_after(m_context->options.readTimeout);
    readHeader();
}

template <class Stream>
void Session<Stream>::readHeader()
{
    http::async_read_header(m_stream, m_buffer, *m_parser,
        beast::bind_front_handler(&Session::onHeader, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::onHeader(beast::error_code ec, std::size_t)
{
    if (ec) {
        onReadError(ec);
        return;
    }
    const auto& header = m_parser->get();
    m_logMethod = std::string(toStd(header.method_string()));
    m_logPath = std::string(pathOf(toStd(header.target())));
    if (m_parser->is_done()) {
        handleRequest(); // no body
        return;
    }
    const std::optional<std::size_t> limit = decideBodyLimit();
    if (!limit) {
        sendError(500, "internal", "the server could not answer this request");
        return;
    }
    m_bodyLimit = *limit;
    // The parser has checked a Content-Length against maxBodyBytes only, and the new limit applies to chunks
    // still to come (no body byte has been parsed yet).
    const auto contentLength = m_parser->content_length();
    if (contentLength && *contentLength > m_bodyLimit) {
        onReadError(http::error::body_limit); // before the body, and before any 100 Continue
        return;
    }
    m_parser->body_limit(static_cast<std::uint64_t>(m_bodyLimit));
    // Clients that ask before sending a large body (curl does) would otherwise wait a second for nothing.
    if (header.version() >= 11 && beast::iequals(header[http::field::expect], "100-continue")) {
        net::async_write(m_stream, net::buffer(continueResponse.data(), continueResponse.size()),
            beast::bind_front_handler(&Session::onContinueWritten, this->shared_from_this()));
        return;
    }
    readBody();
}

template <class Stream>
std::optional<std::size_t> Session<Stream>::decideBodyLimit()
{
    const ServerOptions& options = m_context->options;
    if (!options.bodyLimit)
        return options.maxBodyBytes;
    const auto& header = m_parser->get();
    HttpRequestHead head;
    head.method = std::string(toStd(header.method_string()));
    head.target = std::string(toStd(header.target()));
    head.headers = lowerCaseFields(header);
    head.remoteAddress = m_remoteAddress;
    // Like the handler, the callback promises not to throw; a failure still never reaches Asio's threads.
    try {
        return std::min(options.bodyLimit(head), options.maxBodyBytes);
    } catch (const std::exception& e) {
        m_context->logger->error("{} {}: the body limit threw {}", m_logMethod, m_logPath,
            boost::core::demangle(typeid(e).name()));
    } catch (...) {
        m_context->logger->error("{} {}: the body limit threw something that is not a std::exception", m_logMethod,
            m_logPath);
    }
    return std::nullopt;
}

template <class Stream>
void Session<Stream>::onContinueWritten(beast::error_code ec, std::size_t)
{
    if (ec) {
        closeNow();
        return;
    }
    readBody();
}

template <class Stream>
void Session<Stream>::readBody()
{
    if (m_parser->is_done()) {
        handleRequest();
        return;
    }
    http::async_read(m_stream, m_buffer, *m_parser,
        beast::bind_front_handler(&Session::onBody, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::onBody(beast::error_code ec, std::size_t)
{
    if (ec) {
        onReadError(ec);
        return;
    }
    handleRequest();
}

template <class Stream>
void Session<Stream>::onReadError(beast::error_code ec)
{
    const ServerOptions& options = m_context->options;
    if (ec == http::error::body_limit) {
        sendError(413, "too_large",
            "the request body is larger than the limit of " + std::to_string(m_bodyLimit) + " bytes");
        return;
    }
    if (ec == http::error::header_limit) {
        sendError(431, "too_large",
            "the request header is larger than the limit of " + std::to_string(options.maxHeaderBytes) + " bytes");
        return;
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
        closeNow(); // the client closed the connection, between requests or in the middle of one
        return;
    }
    if (isHttpParseError(ec)) {
        sendError(400, "malformed", "the request is not well-formed HTTP/1.1: " + ec.message());
        return;
    }
    if (ec == beast::error::timeout)
        m_context->logger->debug("dropped a connection from {}: no whole request within {} ms", m_remoteAddress,
            options.readTimeout.count());
    // The deadline closed the socket already, or the connection failed: nothing can be answered.
    closeNow();
}

template <class Stream>
void Session<Stream>::handleRequest()
{
    auto request = m_parser->release();
    m_parser.reset();
    const bool keepAlive = request.keep_alive();
    const bool head = request.method() == http::verb::head;
    const unsigned version = request.version();

    HttpRequest in;
    in.method = std::string(toStd(request.method_string()));
    in.target = std::string(toStd(request.target()));
    in.headers = lowerCaseFields(request);
    in.body = std::move(request.body());
    in.remoteAddress = m_remoteAddress;

    // The handler promises not to throw; a failure is still answered, and never reaches Asio's threads.
    std::optional<BeastResponse> answer;
    try {
        const HttpResponse out = m_context->handler(in);
        if (isValidStatus(out.status))
            answer = makeResponse(out, version, keepAlive, head);
        else
            m_context->logger->error("{} {}: the handler answered the invalid status {}", m_logMethod, m_logPath,
                out.status);
    } catch (const std::exception& e) {
        // The exception's type only: its text may quote the request.
        m_context->logger->error("{} {}: the handler threw {}", m_logMethod, m_logPath,
            boost::core::demangle(typeid(e).name()));
    } catch (...) {
        m_context->logger->error("{} {}: the handler threw something that is not a std::exception", m_logMethod,
            m_logPath);
    }
    if (!answer) {
        sendError(500, "internal", "the server could not answer this request");
        return;
    }
    m_response = std::move(*answer);
    logRequest(m_response.result_int());
    write(!keepAlive);
}

template <class Stream>
void Session<Stream>::sendError(unsigned status, std::string_view error, const std::string& message)
{
    m_parser.reset();
    m_response = makeErrorResponse(status, error, message, 11);
    if (status == 503)
        m_response.set(http::field::retry_after, "1");
    logRequest(status);
    write(true);
}

template <class Stream>
void Session<Stream>::write(bool closeAfter)
{
    // A response must leave within the read timeout too, so that a client that stops reading cannot hold
    // the connection.
    tcp().expires_after(m_context->options.readTimeout);
    http::async_write(m_stream, m_response,
        beast::bind_front_handler(&Session::onWrite, this->shared_from_this(), closeAfter));
}

template <class Stream>
void Session<Stream>::onWrite(bool closeAfter, beast::error_code ec, std::size_t)
{
    if (ec) {
        closeNow();
        return;
    }
    m_response = {};
    if (closeAfter)
        closeGracefully();
    else
        readRequest(false);
}

template <class Stream>
void Session<Stream>::closeGracefully()
{
    tcp().expires_after(lingerTimeout(m_context->options));
    if constexpr (isTls)
        m_stream.async_shutdown(beast::bind_front_handler(&Session::onTlsShutdown, this->shared_from_this()));
    else
        drain();
}

template <class Stream>
void Session<Stream>::onTlsShutdown(beast::error_code)
{
    // Whether or not the client answered close_notify, the TCP side is closed the same way.
    drain();
}

template <class Stream>
void Session<Stream>::drain()
{
    beast::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    tcp().async_read_some(net::buffer(m_drainBuffer),
        beast::bind_front_handler(&Session::onDrain, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::onDrain(beast::error_code ec, std::size_t)
{
    if (ec) {
        closeNow(); // end of stream, or the linger deadline
        return;
    }
    tcp().async_read_some(net::buffer(m_drainBuffer),
        beast::bind_front_handler(&Session::onDrain, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::closeNow()
{
    beast::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().close(); // also cancels the deadline, whose timer would otherwise keep the stream alive
}

template <class Stream>
void Session<Stream>::logRequest(unsigned status) const
{
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_requestStarted);
    m_context->logger->info("{} {} {} {} ms", m_logMethod.empty() ? "-" : m_logMethod,
        m_logPath.empty() ? "-" : m_logPath, status, elapsed.count());
}

template class Session<PlainStream>;
template class Session<TlsStream>;

} // namespace sango::server::detail
