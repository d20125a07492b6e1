#pragma once
// The server's TLS context from a PEM certificate chain and a PEM private key: TLS 1.2 or later only.
#include <filesystem>
#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "sango/error.h"

namespace sango::server::detail {

// Errors: invalid_config naming the file, what went wrong and what to give instead.
Expected<std::unique_ptr<boost::asio::ssl::context>> loadTlsContext(
    const std::filesystem::path& certificate, const std::filesystem::path& privateKey);

} // namespace sango::server::detail
