#pragma once
// The listen address of ServerOptions::host: an IP address literal (IPv6 with or without brackets) or
// "localhost". Host names are not resolved, so what is checked by isLoopback is what is bound.
#include <string_view>

#include <boost/asio/ip/address.hpp>

#include "sango/error.h"

namespace sango::server::detail {

Expected<boost::asio::ip::address> parseListenAddress(std::string_view host);

} // namespace sango::server::detail
