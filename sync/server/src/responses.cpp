#include "responses.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

namespace sango::server::detail {
namespace {

namespace http = boost::beast::http;

// RFC 9110 token characters: what a header name may be made of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    constexpr std::string_view others = "!#$%&'*+-.^_`|~";
    return others.find(c) != std::string_view::npos;
}

bool isValidName(std::string_view name)
{
    if (name.empty())
        return false;
    for (char c : name)
        if (!isTokenChar(c))
            return false;
    return true;
}

// No CR, LF or other control characters but tab: a value that cannot start a new header or response.
bool isValidValue(std::string_view value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// Headers the server sets itself: framing, and the three every answer carries.
bool isServerOwned(std::string_view lowerName)
{
    constexpr std::array<std::string_view, 6> owned = {
        "content-length", "transfer-encoding", "connection", "content-type", "cache-control", "date"};
    for (std::string_view name : owned)
        if (lowerName == name)
            return true;
    return false;
}

void setCommonHeaders(BeastResponse& message, std::string_view contentType)
{
    if (!contentType.empty())
        message.set(http::field::content_type, toBeast(contentType));
    message.set(http::field::cache_control, "no-store");
    message.set(http::field::date, httpDate(std::chrono::system_clock::now()));
}

} // namespace

std::string httpDate(std::chrono::system_clock::time_point time)
{
    // Names spelled out rather than strftime's %a/%b, which follow the process locale.
    static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 40> text{};
    const int length = std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
        days.at(static_cast<std::size_t>(utc.tm_wday)), utc.tm_mday, months.at(static_cast<std::size_t>(utc.tm_mon)),
        utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return std::string(text.data(), length > 0 ? static_cast<std::size_t>(length) : 0);
}

std::string_view pathOf(std::string_view target)
{
    const std::size_t end = target.find_first_of("?#");
    return end == std::string_view::npos ? target : target.substr(0, end);
}

std::string toLowerAscii(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

bool isValidStatus(int status)
{
    return status >= 200 && status <= 599;
}

BeastResponse makeResponse(const HttpResponse& response, unsigned version, bool keepAlive, bool headRequest)
{
    if (!isValidStatus(response.status))
        throw std::invalid_argument("the handler answered an invalid HTTP status");
    BeastResponse message;
    message.version(version);
    message.result(static_cast<unsigned>(response.status));
    // 204 and 304 have no body by definition (and Beast refuses to frame one).
    const bool bodiless = response.status == 204 || response.status == 304;
    setCommonHeaders(message, bodiless ? std::string_view() : std::string_view(response.contentType));
    for (const auto& [name, value] : response.headers) {
        if (!isValidName(name) || !isValidValue(value) || isServerOwned(toLowerAscii(name)))
            continue;
        message.insert(toBeast(name), toBeast(value));
    }
    if (!bodiless)
        message.body() = response.body;
    message.keep_alive(keepAlive);
    message.prepare_payload();
    // A HEAD answer carries the Content-Length of the GET but no body.
    if (headRequest)
        message.body().clear();
    return message;
}

BeastResponse makeErrorResponse(unsigned status, std::string_view error, std::string_view message, unsigned version)
{
    const auto now = std::chrono::system_clock::now();
    const nlohmann::json body = {
        {"error", error},
        {"message", message},
        {"server_time", std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()},
    };
    BeastResponse response;
    response.version(version == 10 ? 10 : 11);
    response.result(status);
    setCommonHeaders(response, "application/json");
    response.body() = body.dump();
    response.keep_alive(false);
    response.prepare_payload();
    return response;
}

} // namespace sango::server::detail
