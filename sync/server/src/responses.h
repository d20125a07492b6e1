#pragma once
// Turning a handler's HttpResponse into the Beast message that goes on the wire, and the server's own JSON
// error answers ({"error":...,"message":...,"server_time":...}).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "sango/server/http_server.h"

namespace sango::server::detail {

using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// IMF-fixdate (RFC 9110 5.6.7), as the Date header wants it, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string httpDate(std::chrono::system_clock::time_point time);

// The path of a request target without its query or fragment: what is logged.
std::string_view pathOf(std::string_view target);

std::string toLowerAscii(std::string_view text);

// Beast speaks boost::string_view (its std::string_view switch would have to be the same in every target
// that includes Beast in one program, so it stays off).
inline std::string_view toStd(boost::beast::string_view text)
{
    return {text.data(), text.size()};
}
inline boost::beast::string_view toBeast(std::string_view text)
{
    return {text.data(), text.size()};
}

// A status a handler may answer with: a final status (200-599).
bool isValidStatus(int status);

// Throws std::invalid_argument for an invalid status (the caller answers 500 instead).
BeastResponse makeResponse(const HttpResponse& response, unsigned version, bool keepAlive, bool headRequest);

// A JSON error answer that closes the connection.
BeastResponse makeErrorResponse(unsigned status, std::string_view error, std::string_view message, unsigned version);

} // namespace sango::server::detail
