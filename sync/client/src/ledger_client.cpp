#include "sango/sync/ledger_client.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "sango/protocol/api.h"
#include "sango/protocol/request_signature.h"
#include "sango/url_text.h"
#include "sync_log.h"

namespace sango::sync {

using nlohmann::json;

struct LedgerClient::Answer {
    HttpReply reply;
    json body; // discarded when the body is not JSON
};

namespace {

constexpr std::string_view kNotProtocol = "the ledger's answer is not the Sango protocol: ";
// A ledger's message is shown to a person and may reach a log: keep it one bounded line.
constexpr std::size_t kMaxLedgerMessage = 500;

bool isCode(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string oneLine(std::string_view s)
{
    std::string out(s.substr(0, kMaxLedgerMessage));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return out;
}

// The path prefix of the base URL ("" or "/sango"), which is part of every target the ledger sees.
Expected<std::string> basePath(const std::string& baseUrl)
{
    const auto scheme = baseUrl.find("://");
    if (scheme == std::string::npos || scheme == 0)
        return fail(Errc::invalid_argument,
                    "the ledger URL '" + baseUrl + "' is not an absolute URL: write it as https://host[:port]/");
    if (baseUrl.find_first_of("?#") != std::string::npos)
        return fail(Errc::invalid_argument,
                    "the ledger URL '" + baseUrl + "' has a query or fragment: give only https://host[:port][/path]");
    const auto slash = baseUrl.find('/', scheme + 3);
    return slash == std::string::npos ? std::string() : baseUrl.substr(slash);
}

std::string statusText(int status)
{
    return "HTTP " + std::to_string(status);
}

// Every answer that is not 2xx, as an Error.
Error refusal(int status, const json& body)
{
    Expected<protocol::ErrorBody> parsed = fail(Errc::malformed, "not JSON");
    if (!body.is_discarded())
        parsed = protocol::ErrorBody::fromJson(body);
    const bool protocolBody = parsed && isCode(parsed->error);
    if (status >= 400 && status < 500) {
        if (protocolBody) {
            std::string message = parsed->error;
            if (!parsed->message.empty())
                message += ": " + oneLine(parsed->message);
            return {Errc::ledger_refused, message, parsed->error};
        }
        // No Sango error body: likely not the ledger's API at this URL (a proxy, a wrong path prefix).
        const std::string code = "http_" + std::to_string(status);
        return {Errc::ledger_refused, code + ": the server refused the request (" + statusText(status) +
                                          ") without a Sango error body: check the ledger URL",
                code};
    }
    if (status >= 500 && status < 600) {
        std::string message = "the ledger failed (" + statusText(status);
        if (protocolBody)
            message += ", " + parsed->error + (parsed->message.empty() ? "" : ": " + oneLine(parsed->message));
        return {Errc::ledger_error, message + "); nothing is lost, the request is repeated later",
                protocolBody ? parsed->error : std::string()};
    }
    std::string message = std::string(kNotProtocol) + "it answered " + statusText(status);
    if (status >= 300 && status < 400)
        message += " (a redirect, which is not followed: check the ledger URL)";
    return {Errc::ledger_error, message};
}

template <typename T>
Expected<T> interpret(const HttpReply& reply, const json& body)
{
    if (reply.status < 200 || reply.status >= 300)
        return tl::unexpected(refusal(reply.status, body));
    if (body.is_discarded())
        return fail(Errc::ledger_error, std::string(kNotProtocol) + "the body is not JSON (check the ledger URL)");
    auto parsed = T::fromJson(body);
    if (!parsed)
        return fail(Errc::ledger_error, std::string(kNotProtocol) + parsed.error().message);
    return parsed;
}

// nlohmann's dump() throws on text that is not UTF-8; that is a property of the data, so it is a value here.
Expected<std::string> serialise(const json& j, std::string_view what)
{
    try {
        return j.dump();
    } catch (const json::exception& e) {
        return fail(Errc::invalid_argument, "the " + std::string(what) + " cannot be sent: " + e.what());
    }
}

} // namespace

LedgerClient::LedgerClient(HttpTransport& transport, std::string baseUrl, const Clock& clock)
    : m_transport(&transport), m_clock(&clock)
{
    m_urls = splitUrlList(baseUrl);
    if (m_urls.empty())
        m_urls.emplace_back(); // refused at the first request, as any URL that is not absolute
    for (const std::string& u : m_urls)
        m_baseUrl += (m_baseUrl.empty() ? "" : " ") + u;
}

LedgerClient::~LedgerClient()
{
    m_key.wipeSecret();
}

void LedgerClient::setIdentity(std::string terminalId, crypto::SigningKey key)
{
    m_key.wipeSecret();
    m_terminalId = std::move(terminalId);
    m_key = key;
    key.wipeSecret(); // the by-value copy
}

std::string LedgerClient::urlEncode(std::string_view text)
{
    return percentEncode(text);
}

std::string LedgerClient::refusalCode(const Error& e)
{
    return e.code == Errc::ledger_refused ? e.wireCode : std::string();
}

bool LedgerClient::noteServerTime(const Answer& answer)
{
    if (!answer.body.is_object())
        return false;
    const auto it = answer.body.find("server_time");
    if (it == answer.body.end() || !it->is_number_integer())
        return false;
    if (it->is_number_unsigned() &&
        it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return false;
    const std::int64_t serverTime = it->get<std::int64_t>();
    if (serverTime <= 0)
        return false; // not a time: keep the previous measurement rather than shift by decades
    const Instant now = m_clock->now();
    m_offset = serverTime - now.time_since_epoch().count();
    m_measurement = ClockMeasurement{m_offset, now};
    return true;
}

Expected<LedgerClient::Answer> LedgerClient::exchange(const std::string& method, const std::string& pathAndQuery,
                                                      const std::string& body, bool sign)
{
    std::optional<Expected<Answer>> last;
    for (std::size_t tried = 0; tried < m_urls.size(); ++tried) {
        const std::size_t i = (m_current + tried) % m_urls.size();
        Expected<Answer> answer = exchangeWith(m_urls[i], method, pathAndQuery, body, sign);
        const bool down = answer ? (answer->reply.status == 502 || answer->reply.status == 503 ||
                                    answer->reply.status == 504)
                                 : answer.error().code == Errc::ledger_unreachable;
        if (!down || m_urls.size() == 1) {
            m_current = i;
            return answer;
        }
        detail::syncLogger()->warn("{} {}: the ledger at {} is not answering ({}); trying the next address", method,
                                   pathAndQuery.substr(0, pathAndQuery.find('?')), m_urls[i],
                                   answer ? statusText(answer->reply.status) : answer.error().message);
        last = std::move(answer);
    }
    return std::move(*last);
}

Expected<LedgerClient::Answer> LedgerClient::exchangeWith(const std::string& url, const std::string& method,
                                                          const std::string& pathAndQuery, const std::string& body,
                                                          bool sign)
{
    auto prefix = basePath(url);
    if (!prefix)
        return tl::unexpected(prefix.error());
    if (sign && m_terminalId.empty())
        return fail(Errc::not_enrolled, "this terminal is not enrolled with a ledger: a manager enrols it first");
    // What the ledger sees as the request target, and therefore what is signed.
    const std::string target = *prefix + pathAndQuery;

    for (int attempt = 0;; ++attempt) {
        HttpExchange request;
        request.method = method;
        request.url = url + pathAndQuery;
        request.body = body;
        request.headers.emplace_back("Accept", "application/json");
        if (method != "GET")
            request.headers.emplace_back("Content-Type", "application/json");
        if (sign) {
            // The terminal's best estimate of the ledger's clock, so that a terminal whose own clock is off
            // (a tablet that was days offline) is not refused as stale.
            const std::int64_t timestamp = m_clock->now().time_since_epoch().count() + m_offset;
            const auto h = protocol::signRequest(m_key, m_terminalId, method, target, timestamp, body);
            request.headers.emplace_back(std::string(protocol::kHeaderTerminal), h.terminalId);
            request.headers.emplace_back(std::string(protocol::kHeaderTimestamp), std::to_string(h.timestamp));
            request.headers.emplace_back(std::string(protocol::kHeaderNonce), h.nonce);
            request.headers.emplace_back(std::string(protocol::kHeaderSignature), h.signature);
        }

        auto reply = m_transport->send(request);
        if (!reply)
            return tl::unexpected(reply.error());
        Answer answer{std::move(*reply), json()};
        // Depth-limited like everything from the other end; a body that is not JSON stays discarded.
        auto parsed = protocol::parseDocument(answer.reply.body);
        answer.body = parsed ? std::move(*parsed) : json(json::value_t::discarded);
        const bool measured = noteServerTime(answer);

        // A stale timestamp means our offset was wrong; the refusal carries the ledger's time, so one
        // re-signed attempt (fresh nonce) fixes it. Only once: a second refusal is a real problem.
        if (sign && attempt == 0 && answer.reply.status == 401 && measured && answer.body.is_object()) {
            const auto code = answer.body.find("error");
            if (code != answer.body.end() && code->is_string() &&
                code->get<std::string>() == protocol::request_error::stale_timestamp) {
                detail::syncLogger()->info("{} {}: refused as stale_timestamp; re-signing with offset {} s", method,
                                           pathAndQuery.substr(0, pathAndQuery.find('?')), m_offset);
                continue;
            }
        }
        return answer;
    }
}

Expected<protocol::Health> LedgerClient::health()
{
    auto answer = exchange("GET", std::string(protocol::kPathHealth), {}, false);
    if (!answer)
        return tl::unexpected(answer.error());
    return interpret<protocol::Health>(answer->reply, answer->body);
}

Expected<protocol::EnrolResponse> LedgerClient::enrol(const protocol::EnrolRequest& request)
{
    auto body = serialise(request.toJson(), "enrolment request");
    if (!body)
        return tl::unexpected(body.error());
    auto answer = exchange("POST", std::string(protocol::kPathEnrol), std::move(*body), false);
    if (!answer)
        return tl::unexpected(answer.error());
    return interpret<protocol::EnrolResponse>(answer->reply, answer->body);
}

Expected<protocol::PushResponse> LedgerClient::push(const protocol::PushRequest& request)
{
    auto body = serialise(request.toJson(), "event batch");
    if (!body)
        return tl::unexpected(body.error());
    auto answer = exchange("POST", std::string(protocol::kPathEvents), std::move(*body), true);
    if (!answer)
        return tl::unexpected(answer.error());
    return interpret<protocol::PushResponse>(answer->reply, answer->body);
}

Expected<protocol::ChangesResponse> LedgerClient::changes(const std::string& cursor, std::size_t limit)
{
    const std::string target =
        std::string(protocol::kPathChanges) + "?cursor=" + urlEncode(cursor) + "&limit=" + std::to_string(limit);
    auto answer = exchange("GET", target, {}, true);
    if (!answer)
        return tl::unexpected(answer.error());
    return interpret<protocol::ChangesResponse>(answer->reply, answer->body);
}

} // namespace sango::sync
