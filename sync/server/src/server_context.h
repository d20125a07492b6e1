#pragma once
// What the listener and every connection share: the options, the handler, the TLS context and the
// connection counts. Owned by shared_ptr so that connections destroyed while the io_context shuts down
// still find it alive.
#include <atomic>
#include <cstddef>
#include <memory>

#include <boost/asio/ssl/context.hpp>
#include <spdlog/spdlog.h>

#include "sango/server/http_server.h"

namespace sango::server::detail {

struct ServerContext {
    ServerOptions options;
    HttpHandler handler;
    std::shared_ptr<spdlog::logger> logger;
    std::unique_ptr<boost::asio::ssl::context> tls; // null: plain HTTP
    std::atomic<std::size_t> served{0};    // connections being served
    std::atomic<std::size_t> rejecting{0}; // connections being told 503
};

} // namespace sango::server::detail
