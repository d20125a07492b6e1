#include "sango/server/http_server.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "address.h"
#include "listener.h"
#include "server_context.h"
#include "server_log.h"
#include "tls_context.h"

namespace sango::server {
namespace {

namespace net = boost::asio;

// The server whose thread this is, if any: stop() from inside a handler must not join its own thread.
thread_local const void* currentServer = nullptr;

Expected<void> checkOptions(const ServerOptions& options, const HttpHandler& handler)
{
    if (!handler)
        return fail(Errc::invalid_argument, "the HTTP server needs a request handler");
    if (options.threads < 1)
        return fail(Errc::invalid_argument, "the HTTP server needs at least one thread");
    if (options.maxConnections < 1)
        return fail(Errc::invalid_argument, "the HTTP server must allow at least one connection");
    if (options.maxConnectionsPerAddress < 1)
        return fail(Errc::invalid_argument, "the HTTP server must allow at least one connection from each address");
    if (options.maxHeaderBytes < 1)
        return fail(Errc::invalid_argument, "the HTTP server's header limit must be at least one byte");
    if (options.readTimeout.count() <= 0 || options.idleTimeout.count() <= 0)
        return fail(Errc::invalid_argument, "the HTTP server's read and idle timeouts must be positive");
    if (options.tlsCertificate.has_value() != options.tlsPrivateKey.has_value())
        return fail(Errc::invalid_argument,
            options.tlsCertificate ? "a TLS certificate was given without its private key: give --tls-key too"
                                   : "a TLS private key was given without its certificate: give --tls-cert too");
    return {};
}

// The first header of that (lower-case) name: HttpRequestHead's and HttpRequest's header().
const std::string* findHeader(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view lowerName)
{
    for (const auto& [name, value] : headers)
        if (name == lowerName)
            return &value;
    return nullptr;
}

} // namespace

const std::string* HttpRequestHead::header(std::string_view lowerName) const
{
    return findHeader(headers, lowerName);
}

const std::string* HttpRequest::header(std::string_view lowerName) const
{
    return findHeader(headers, lowerName);
}

struct HttpServer::Impl {
    std::shared_ptr<detail::ServerContext> context;
    // Destroyed (after the threads are joined) to close every connection: the connections live in the
    // handlers it holds.
    std::unique_ptr<net::io_context> ioc;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    std::shared_ptr<detail::Listener> listener;
    std::vector<std::thread> threads;
    std::uint16_t port = 0;
    bool tls = false;

    std::mutex stopMutex; // one stop() at a time; never taken by the server's own threads
    bool joined = false;

    std::mutex waitMutex;
    std::condition_variable stoppedChanged;
    bool stopped = false;

    void markStopped()
    {
        {
            std::lock_guard lock(waitMutex);
            stopped = true;
        }
        stoppedChanged.notify_all();
    }

    void runThread()
    {
        currentServer = this;
        // An exception out of a completion handler ends only that handler; the thread goes on serving.
        for (;;) {
            try {
                ioc->run();
                return;
            } catch (const std::exception& e) {
                context->logger->error("a server thread caught an exception: {}", e.what());
            } catch (...) {
                context->logger->error("a server thread caught an unknown exception");
            }
        }
    }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

HttpServer::~HttpServer()
{
    stop();
}

Expected<std::unique_ptr<HttpServer>> HttpServer::start(const ServerOptions& options, HttpHandler handler)
{
    SANGO_TRY(checkOptions(options, handler));
    auto address = detail::parseListenAddress(options.host);
    if (!address)
        return tl::unexpected(address.error());
    const bool useTls = options.tlsCertificate.has_value();
    if (!useTls && !isLoopback(options.host))
        return fail(Errc::invalid_argument,
            "plain HTTP is served only on a loopback address: give --tls-cert and --tls-key to listen on "
                + options.host);

    try {
        auto context = std::make_shared<detail::ServerContext>();
        context->options = options;
        context->handler = std::move(handler);
        context->logger = detail::serverLogger();
        if (useTls) {
            auto tls = detail::loadTlsContext(*options.tlsCertificate, *options.tlsPrivateKey);
            if (!tls)
                return tl::unexpected(tls.error());
            context->tls = std::move(*tls);
        }

        auto impl = std::make_unique<Impl>();
        impl->context = context;
        impl->ioc = std::make_unique<net::io_context>(options.threads);
        auto listener = detail::Listener::open(*impl->ioc, context, net::ip::tcp::endpoint(*address, options.port));
        if (!listener)
            return tl::unexpected(listener.error());
        impl->listener = *listener;
        impl->port = impl->listener->port();
        impl->tls = useTls;
        // Keeps run() from returning while the listener waits between accepts.
        impl->work.emplace(impl->ioc->get_executor());
        impl->listener->run();

        // From here the server object owns the threads, so that a failure below still stops them.
        std::unique_ptr<HttpServer> server(new HttpServer(std::move(impl)));
        Impl& started = *server->m_impl;
        for (int i = 0; i < options.threads; ++i)
            started.threads.emplace_back([&started] { started.runThread(); });
        context->logger->info("serving {} on {}:{}", useTls ? "HTTPS" : "plain HTTP", options.host, started.port);
        return server;
    } catch (const std::exception& e) {
        // Allocation, or the system refusing a thread: nothing above is expected to throw otherwise.
        return fail(Errc::invalid_config, std::string("cannot start the HTTP server: ") + e.what());
    }
}

std::uint16_t HttpServer::port() const
{
    return m_impl->port;
}

bool HttpServer::tls() const
{
    return m_impl->tls;
}

void HttpServer::stop()
{
    Impl& impl = *m_impl;
    if (currentServer == &impl) {
        // Called from a handler, against the contract: a thread cannot join itself. Stop serving and wake
        // wait(); the joining is left to a later stop() or the destructor on another thread.
        impl.ioc->stop();
        impl.markStopped();
        return;
    }
    std::lock_guard lock(impl.stopMutex);
    if (impl.joined)
        return;
    impl.ioc->stop();
    for (std::thread& thread : impl.threads)
        if (thread.joinable())
            thread.join();
    // The listener's acceptor must close before the io_context it was made with goes; then the io_context
    // takes every connection with it.
    impl.work.reset();
    impl.listener.reset();
    impl.ioc.reset();
    impl.joined = true;
    impl.markStopped();
}

void HttpServer::wait()
{
    std::unique_lock lock(m_impl->waitMutex);
    m_impl->stoppedChanged.wait(lock, [this] { return m_impl->stopped; });
}

} // namespace sango::server
