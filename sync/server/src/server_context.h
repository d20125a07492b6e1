#pragma once
// What the listener and every connection share: the options, the handler, the TLS context and the
// connection counts. Owned by shared_ptr so that connections destroyed while the io_context shuts down
// still find it alive.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/ssl/context.hpp>
#include <spdlog/spdlog.h>

#include "sango/server/http_server.h"

namespace sango::server::detail {

// The open connections, over the server and per remote address. Only ConnectionSlot reads or changes them.
struct ConnectionCounts {
    struct Held {
        std::size_t served = 0;    // connections being served
        std::size_t rejecting = 0; // connections being told 503
    };
    std::mutex mutex;
    Held total;
    std::unordered_map<std::string, Held> byAddress; // only addresses with an open connection
};

struct ServerContext {
    ServerOptions options;
    HttpHandler handler;
    std::shared_ptr<spdlog::logger> logger;
    std::unique_ptr<boost::asio::ssl::context> tls; // null: plain HTTP
    ConnectionCounts connections;
};

} // namespace sango::server::detail
