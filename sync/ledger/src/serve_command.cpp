#include "serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sango/ledger/ledger.h"
#include "sango/ledger/ledger_api.h"
#include "sango/server/http_server.h"

namespace sango::ledger {

namespace {

struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};

// "HOST:PORT" or "[V6]:PORT".
std::optional<ListenAddress> parseListen(std::string_view text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
    std::string_view host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']')
            return std::nullopt;
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt; // a bare IPv6 address is ambiguous: it must be bracketed
    }
    if (port.empty() || port.size() > 5)
        return std::nullopt;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value > 65535)
        return std::nullopt;
    return ListenAddress{std::string(host), static_cast<std::uint16_t>(value)};
}

std::string urlHost(const std::string& host)
{
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// SIGINT and SIGTERM blocked in this thread, and so in every thread it starts: sigwait then takes them
// synchronously here, and no server thread is ever interrupted by one. The old mask comes back on exit.
class BlockedStopSignals {
public:
    BlockedStopSignals()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGINT);
        sigaddset(&m_set, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &m_old, nullptr); }
    BlockedStopSignals(const BlockedStopSignals&) = delete;
    BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

    int wait() const
    {
        int sig = 0;
        while (sigwait(&m_set, &sig) != 0) {
        }
        return sig;
    }

private:
    sigset_t m_set{};
    sigset_t m_old{};
};

int usage(const std::string& message)
{
    std::cerr << "sango-ledger serve: " << message << '\n';
    return 1;
}

} // namespace

int runServe(const ServeOptions& options)
{
    auto address = parseListen(options.listen);
    if (!address)
        return usage("--listen must be HOST:PORT (for example 127.0.0.1:8443, or [::1]:8443), not \"" +
                     options.listen + "\"");
    const bool tls = !options.tlsCert.empty() || !options.tlsKey.empty();
    if (tls && (options.tlsCert.empty() || options.tlsKey.empty()))
        return usage("give both --tls-cert and --tls-key, or neither");
    if (!tls && !server::isLoopback(address->host))
        return usage("plain HTTP is accepted only on a loopback address (127.0.0.1, ::1, localhost): give "
                     "--tls-cert and --tls-key to listen on " + address->host);

    SystemClock clock;
    auto ledger = Ledger::open(options.location, clock);
    if (!ledger) {
        std::cerr << "sango-ledger serve: " << ledger.error().message << '\n';
        return exitStatus(ledger.error().code);
    }
    // Which store it serves (a URL without password), and whether writes will be refused.
    const StoreInfo store = ledger->storeInfo();
    std::cerr << "sango-ledger serve: " << store.engine << " store " << store.location
              << (store.readOnly ? " (read-only: pushes and pulls are refused; point the ledger at the primary)" : "")
              << '\n';
    LedgerApi api(*ledger, clock);

    const BlockedStopSignals signals; // before the server starts its threads
    server::ServerOptions serverOptions;
    serverOptions.host = address->host;
    serverOptions.port = address->port;
    if (tls) {
        serverOptions.tlsCertificate = options.tlsCert;
        serverOptions.tlsPrivateKey = options.tlsKey;
    }
    // Small bodies for everything but a push by an enrolled, active terminal, decided before a body is read.
    serverOptions.bodyLimit = [&api](const server::HttpRequestHead& head) { return api.bodyLimit(head); };
    auto server = server::HttpServer::start(serverOptions,
                                            [&api](const server::HttpRequest& r) { return api.handle(r); });
    if (!server) {
        std::cerr << "sango-ledger serve: " << server.error().message << '\n';
        return exitStatus(server.error().code);
    }

    // One line, flushed at once: a supervisor or a test reads it to learn the port when 0 was asked.
    const nlohmann::json ready = {
        {"listening", std::string((*server)->tls() ? "https://" : "http://") + urlHost(address->host) + ":" +
                          std::to_string((*server)->port())},
        {"tls", (*server)->tls()}};
    std::cout << ready.dump() << std::endl;

    const int sig = signals.wait();
    std::cerr << "sango-ledger serve: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
    (*server)->stop();
    return 0;
}

} // namespace sango::ledger
