#include "address.h"

#include <string>

#include "sango/server/http_server.h"

namespace sango::server {
namespace {

namespace ip = boost::asio::ip;

std::string_view withoutBrackets(std::string_view host)
{
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        return host.substr(1, host.size() - 2);
    return host;
}

bool isLocalhostName(std::string_view host)
{
    constexpr std::string_view localhost = "localhost";
    if (host.size() != localhost.size())
        return false;
    for (std::size_t i = 0; i < host.size(); ++i) {
        const char c = host[i];
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != localhost[i])
            return false;
    }
    return true;
}

} // namespace

bool isLoopback(std::string_view host)
{
    host = withoutBrackets(host);
    if (isLocalhostName(host))
        return true;
    boost::system::error_code ec;
    const ip::address address = ip::make_address(std::string(host), ec);
    if (ec)
        return false;
    if (address.is_v4())
        return address.to_v4().is_loopback();
    const ip::address_v6 v6 = address.to_v6();
    // ::ffff:127.0.0.1 is the IPv4 loopback seen through an IPv6 socket.
    if (v6.is_v4_mapped())
        return ip::make_address_v4(ip::v4_mapped, v6).is_loopback();
    return v6.is_loopback();
}

namespace detail {

Expected<ip::address> parseListenAddress(std::string_view host)
{
    const std::string_view bare = withoutBrackets(host);
    if (isLocalhostName(bare))
        return ip::address(ip::address_v4::loopback());
    boost::system::error_code ec;
    const ip::address address = ip::make_address(std::string(bare), ec);
    if (ec || bare.empty())
        return fail(Errc::invalid_argument,
            "cannot listen on \"" + std::string(host)
                + "\": not an IP address; give an address such as 127.0.0.1, ::1 or 0.0.0.0, or localhost");
    return address;
}

} // namespace detail
} // namespace sango::server
