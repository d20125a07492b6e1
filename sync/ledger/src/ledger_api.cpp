#include "sango/ledger/ledger_api.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>
#include "sango/log.h"
#include <spdlog/spdlog.h>

#include "sango/ledger/ledger.h"
#include "sango/protocol/api.h"
#include "sango/protocol/messages.h"
#include "sango/protocol/request_signature.h"
#include "sango/server/rate_limiter.h"

namespace sango::ledger {

namespace {

using nlohmann::json;
using server::HttpRequest;
using server::HttpResponse;
namespace rerr = protocol::request_error;

enum class Endpoint { health, enrol, events, changes };

struct RouteEntry {
    std::string_view method;
    std::string_view path;
    Endpoint endpoint;
};

// The one table of what is served: handle() dispatches on it and routes() publishes it.
constexpr std::array<RouteEntry, 4> kRoutes{{
    {"GET", protocol::kPathHealth, Endpoint::health},
    {"POST", protocol::kPathEnrol, Endpoint::enrol},
    {"POST", protocol::kPathEvents, Endpoint::events},
    {"GET", protocol::kPathChanges, Endpoint::changes},
}};

constexpr std::size_t kDefaultChangesLimit = 500;
constexpr std::size_t kMaxTerminalIdLength = 64;
constexpr std::size_t kMaxCursorLength = 256;
constexpr std::size_t kNonceHexLength = 32;
constexpr std::size_t kSignatureB64uLength = 86; // 64 bytes, unpadded base64url
// Per address: 10 enrolment attempts a minute (a terminal enrols once; a person retyping a code a few times),
// and 20 signed requests a minute that fail to authenticate (an honest terminal fails at most once, on a
// stale clock, and re-signs).
constexpr server::RateLimit kEnrolAttempts{10, std::chrono::seconds(60)};
constexpr server::RateLimit kAuthFailures{20, std::chrono::seconds(60)};

std::shared_ptr<spdlog::logger> apiLog()
{
    // Function-local static: looked up once even when the first requests arrive on several threads at once.
    static const std::shared_ptr<spdlog::logger> logger = log::category("sango.ledger.api");
    return logger;
}

// A refused request: its status, request_error code, message for a person and any extra headers.
struct Refusal {
    int status = 500;
    std::string_view error = rerr::internal;
    std::string message;
    std::vector<std::pair<std::string, std::string>> headers;
};

template <typename T>
using Answer = tl::expected<T, Refusal>;

tl::unexpected<Refusal> refuse(int status, std::string_view error, std::string message)
{
    return tl::unexpected(Refusal{status, error, std::move(message), {}});
}

HttpResponse jsonResponse(int status, const json& body)
{
    HttpResponse r;
    r.status = status;
    // replace: the body must be sent whatever bytes a message picked up; dump() must never throw here.
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

bool isDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

bool isLowerHex(std::string_view s)
{
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

bool isBase64Url(std::string_view s)
{
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

// Terminal ids are the ledger's own ("P-0001-T01"); anything else is refused before it reaches the store or
// the log.
bool isTerminalId(std::string_view s)
{
    if (s.empty() || s.size() > kMaxTerminalIdLength)
        return false;
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            return false;
    return true;
}

template <typename Int>
std::optional<Int> parseDecimal(std::string_view s)
{
    if (!isDigits(s))
        return std::nullopt;
    Int v{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 3986 percent-decoding. '+' stays '+': cursors are opaque and may hold it.
std::optional<std::string> percentDecode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size())
            return std::nullopt;
        const int hi = hexValue(s[i + 1]);
        const int lo = hexValue(s[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

struct ChangesQuery {
    std::string cursor;
    std::size_t limit = kDefaultChangesLimit;
};

Answer<ChangesQuery> parseChangesQuery(std::string_view query)
{
    ChangesQuery q;
    bool haveCursor = false;
    bool haveLimit = false;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty())
            continue;
        const auto eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        const std::string_view raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        if (name == "cursor") {
            if (haveCursor)
                return refuse(400, rerr::bad_cursor, "cursor is given twice: give it once");
            haveCursor = true;
            auto v = percentDecode(raw);
            bool printable = v && v->size() <= kMaxCursorLength;
            for (char c : v ? *v : std::string{})
                printable = printable && c > ' ' && c < 0x7f;
            if (!printable)
                return refuse(400, rerr::bad_cursor,
                              "cursor is not one this ledger gave: pass back the cursor of the last answer");
            q.cursor = std::move(*v);
        } else if (name == "limit") {
            if (haveLimit)
                return refuse(400, rerr::malformed, "limit is given twice: give it once");
            haveLimit = true;
            // Nine digits at most: any larger number would be capped anyway, and none can overflow.
            const auto text = percentDecode(raw);
            auto n = text && text->size() <= 9 ? parseDecimal<std::size_t>(*text) : std::nullopt;
            if (!n || *n == 0)
                return refuse(400, rerr::malformed,
                              "limit must be a whole number from 1 to " + std::to_string(protocol::kMaxChangesPerPage));
            q.limit = std::min(*n, protocol::kMaxChangesPerPage);
        }
        // Other parameters are ignored, as HTTP clients and proxies may add their own.
    }
    if (!haveCursor)
        return refuse(400, rerr::bad_cursor,
                      "cursor is missing: pass the cursor of the last answer, or the one of the enrolment");
    return q;
}

template <typename Message>
Answer<Message> parseBody(const std::string& body)
{
    // Depth-limited before anything is built; no exceptions, and no message that echoes the body's bytes.
    const auto j = protocol::parseDocument(body);
    if (!j)
        return refuse(400, rerr::malformed, j.error().message);
    auto m = Message::fromJson(*j);
    if (!m)
        return refuse(400, rerr::malformed, m.error().message);
    return std::move(*m);
}

Refusal internalError()
{
    return {500, rerr::internal,
            "the ledger failed to handle the request: try again later, and tell the ledger's operator if this "
            "goes on",
            {}};
}

// What a failure of the ledger means for the terminal. Store messages name server paths: they go to the
// log, and the terminal gets a message of its own.
Refusal refusalFor(const Error& e, Endpoint endpoint)
{
    switch (e.code) {
    case Errc::invalid_argument:
        if (endpoint == Endpoint::enrol)
            return {403, rerr::bad_code,
                    "the enrolment code is unknown or was already used: ask the municipality for a new code", {}};
        if (endpoint == Endpoint::changes)
            return {400, rerr::bad_cursor,
                    "cursor is not one this ledger gave: pass back the cursor of the last answer, or the one "
                    "of the enrolment",
                    {}};
        return {400, rerr::malformed, e.message, {}};
    case Errc::malformed:
        return {400, rerr::malformed, e.message, {}};
    case Errc::not_enrolled:
        return {401, rerr::not_enrolled, "this terminal is not enrolled at the ledger: enrol it again", {}};
    case Errc::not_permitted:
        return {403, rerr::wrong_provider, e.message, {}};
    case Errc::not_available: // a suspended provider's enrolment
        return {403, rerr::provider_suspended,
                "this provider is suspended by the municipality: nothing was recorded; ask the municipality", {}};
    case Errc::store_read_only: // the PostgreSQL engine on a standby
        return {503, rerr::unavailable,
                "the ledger's database is read-only right now (a standby): nothing was recorded; try again later",
                {{"Retry-After", "30"}}};
    case Errc::store_in_use: // PostgreSQL: a lock held past its timeout, or a race lost on every retry
    case Errc::disk_full:
    case Errc::store_io: // also a store busy for longer than its timeout
        return {503, rerr::unavailable,
                "the ledger cannot record anything right now (its store is busy or full): nothing was "
                "recorded; try again later",
                {{"Retry-After", "30"}}};
    default:
        if (kindOf(e.code) == ErrorKind::refusal)
            return {400, rerr::malformed, e.message, {}};
        return internalError();
    }
}

// Who sent a signed request, once its headers, terminal, timestamp and signature have been checked.
struct Caller {
    TerminalInfo terminal;
    protocol::SignedHeaders headers;
};

} // namespace

struct LedgerApi::Impl {
    Impl(Ledger& l, const Clock& c)
        : ledger(l), clock(c), enrolAttempts(c, kEnrolAttempts), authFailures(c, kAuthFailures)
    {
    }

    Ledger& ledger;
    const Clock& clock;
    // One store connection: every call into the ledger is made under this lock.
    std::mutex mutex;
    // Per remote address: enrolment attempts (a code guesser), and signed requests that failed to
    // authenticate (a key guesser, a replayer). Past the limit, 429 until the window has passed.
    server::RateLimiter enrolAttempts;
    server::RateLimiter authFailures;

    static Refusal rateLimited(std::chrono::seconds retryAfter, std::string_view what)
    {
        return Refusal{429, rerr::rate_limited,
                       "too many " + std::string(what) + " from this address: wait " +
                           std::to_string(retryAfter.count()) + " s and try again",
                       {{"Retry-After", std::to_string(retryAfter.count())}}};
    }

    std::int64_t now() const { return clock.now().time_since_epoch().count(); }

    HttpResponse refusal(const Refusal& r) const
    {
        const protocol::ErrorBody body{std::string(r.error), r.message, now()};
        HttpResponse resp = jsonResponse(r.status, body.toJson());
        resp.headers = r.headers;
        return resp;
    }

    template <typename Message>
    HttpResponse ok(Message m) const
    {
        if (m.serverTime == 0)
            m.serverTime = now();
        return jsonResponse(200, m.toJson());
    }

    // The ledger failed: the log gets the whole error, the terminal a safe message.
    static Refusal logged(const Error& e, Endpoint endpoint)
    {
        Refusal r = refusalFor(e, endpoint);
        if (r.status >= 500)
            apiLog()->error("ledger error {}: {}", toString(e.code), e.message);
        return r;
    }
    HttpResponse ledgerFailure(const Error& e, Endpoint endpoint) const { return refusal(logged(e, endpoint)); }

    Answer<protocol::SignedHeaders> signedHeaders(const HttpRequest& req) const
    {
        const std::string* terminal = req.header("sango-terminal");
        const std::string* timestamp = req.header("sango-timestamp");
        const std::string* nonce = req.header("sango-nonce");
        const std::string* signature = req.header("sango-signature");
        if (!terminal || !timestamp || !nonce || !signature)
            return refuse(401, rerr::bad_signature,
                          "the request is not signed: send the Sango-Terminal, Sango-Timestamp, Sango-Nonce and "
                          "Sango-Signature headers");
        protocol::SignedHeaders h;
        auto ts = timestamp->size() <= 19 ? parseDecimal<std::int64_t>(*timestamp) : std::nullopt;
        if (!isTerminalId(*terminal) || !ts || nonce->size() != kNonceHexLength || !isLowerHex(*nonce) ||
            signature->size() != kSignatureB64uLength || !isBase64Url(*signature))
            return refuse(401, rerr::bad_signature,
                          "the request's signature headers are garbled: Sango-Timestamp must be Unix seconds, "
                          "Sango-Nonce 32 lower-case hex digits, Sango-Signature an Ed25519 signature in base64url");
        h.terminalId = *terminal;
        h.timestamp = *ts;
        h.nonce = *nonce;
        h.signature = *signature;
        return h;
    }

    // Checks everything of a signed request but its nonce, which is remembered only when the request is about
    // to take effect (a refused request stores nothing).
    Answer<Caller> authenticate(const HttpRequest& req, Endpoint endpoint, std::string& terminalForLog)
    {
        auto headers = signedHeaders(req);
        if (!headers)
            return tl::unexpected(headers.error());
        terminalForLog = headers->terminalId;
        std::optional<TerminalInfo> terminal;
        {
            std::lock_guard lock(mutex);
            auto t = ledger.terminal(headers->terminalId);
            if (!t)
                return tl::unexpected(logged(t.error(), endpoint));
            terminal = std::move(*t);
        }
        if (!terminal)
            return refuse(401, rerr::not_enrolled,
                          "this terminal is not enrolled at the ledger: enrol it again with a code from the "
                          "municipality");
        if (!authFailures.wouldAllow(req.remoteAddress))
            return tl::unexpected(rateLimited(std::chrono::seconds(protocol::kMaxClockSkew), "failed requests"));
        const std::int64_t t = now();
        const std::int64_t skew = headers->timestamp > t ? headers->timestamp - t : t - headers->timestamp;
        if (skew > protocol::kMaxClockSkew.count())
            return refuse(401, rerr::stale_timestamp,
                          "the request's timestamp is more than " + std::to_string(protocol::kMaxClockSkew.count()) +
                              " s from the ledger's clock: correct the terminal's clock by server_time and sign "
                              "again");
        // Verified over the target exactly as received: a proxy that rewrites it breaks the signature.
        if (!protocol::verifyRequest(terminal->publicKeyB64u, *headers, req.method, req.target, req.body))
            return refuse(401, rerr::bad_signature,
                          "the request's signature does not verify with this terminal's key: sign it with the "
                          "device key the terminal enrolled with");
        // Only the terminal itself (its key) learns that it was revoked or its provider suspended.
        if (terminal->revokedAt)
            return refuse(403, rerr::terminal_revoked,
                          "the municipality revoked this terminal (" + terminal->revokeReason +
                              "): it is refused from now on. Its records stay on it; ask the municipality");
        if (terminal->providerSuspended)
            return refuse(403, rerr::provider_suspended,
                          "the municipality suspended this terminal's provider: nothing is received until it is "
                          "resumed. Records stay on the terminal; ask the municipality");
        return Caller{std::move(*terminal), std::move(*headers)};
    }

    // A signed request that failed to authenticate counts against its address.
    template <typename T>
    T counted(const HttpRequest& req, T answer)
    {
        if (!answer) {
            const auto e = answer.error().error;
            if (e == rerr::bad_signature || e == rerr::not_enrolled || e == rerr::stale_timestamp)
                authFailures.hit(req.remoteAddress);
        }
        return answer;
    }

    HttpResponse replayed(const HttpRequest& req)
    {
        authFailures.hit(req.remoteAddress);
        return refusal(Refusal{401, rerr::replayed,
                               "this request was already received (same nonce): sign every request anew", {}});
    }

    HttpResponse health()
    {
        std::lock_guard lock(mutex);
        auto h = ledger.health();
        if (!h)
            return ledgerFailure(h.error(), Endpoint::health);
        return ok(std::move(*h));
    }

    HttpResponse enrol(const HttpRequest& req)
    {
        if (const auto v = enrolAttempts.hit(req.remoteAddress); !v.allowed)
            return refusal(rateLimited(v.retryAfter, "enrolment attempts"));
        auto request = parseBody<protocol::EnrolRequest>(req.body);
        if (!request)
            return refusal(request.error());
        std::lock_guard lock(mutex);
        auto r = ledger.enrol(*request);
        if (!r)
            return ledgerFailure(r.error(), Endpoint::enrol);
        return ok(std::move(*r));
    }

    HttpResponse events(const HttpRequest& req, std::string& terminalForLog)
    {
        auto caller = counted(req, authenticate(req, Endpoint::events, terminalForLog));
        if (!caller)
            return refusal(caller.error());
        auto batch = parseBody<protocol::PushRequest>(req.body);
        if (!batch)
            return refusal(batch.error());
        std::lock_guard lock(mutex);
        auto r = ledger.push(caller->terminal, {caller->headers.nonce, caller->headers.timestamp}, *batch);
        if (!r)
            return ledgerFailure(r.error(), Endpoint::events);
        if (!*r)
            return replayed(req);
        return ok(std::move(**r));
    }

    HttpResponse changes(const HttpRequest& req, std::string_view query, std::string& terminalForLog)
    {
        auto caller = counted(req, authenticate(req, Endpoint::changes, terminalForLog));
        if (!caller)
            return refusal(caller.error());
        auto q = parseChangesQuery(query);
        if (!q)
            return refusal(q.error());
        std::lock_guard lock(mutex);
        // One transaction: a cursor only the ledger can judge refuses the request before its nonce is stored,
        // and the answer is the state the nonce was taken in.
        auto r = ledger.changes(caller->terminal, {caller->headers.nonce, caller->headers.timestamp}, q->cursor,
                                q->limit);
        if (!r)
            return ledgerFailure(r.error(), Endpoint::changes);
        if (!*r)
            return replayed(req);
        return ok(std::move(**r));
    }

    HttpResponse dispatch(const HttpRequest& req, std::string_view path, std::string_view query,
                          std::string& terminalForLog)
    {
        const RouteEntry* match = nullptr;
        std::string allow;
        for (const RouteEntry& r : kRoutes) {
            if (r.path != path)
                continue;
            if (r.method == req.method)
                match = &r;
            allow += (allow.empty() ? "" : ", ") + std::string(r.method);
        }
        if (allow.empty())
            return refusal(Refusal{404, rerr::not_found, "no such API path: see the ledger's OpenAPI document", {}});
        if (!match) {
            Refusal r{405, rerr::method_not_allowed, "this path answers only " + allow, {{"Allow", allow}}};
            return refusal(r);
        }
        // The server enforces this bound already; checked again so that no other caller can bypass it.
        if (req.body.size() > protocol::kMaxRequestBytes)
            return refusal(Refusal{413, rerr::too_large,
                                   "the request is larger than " + std::to_string(protocol::kMaxRequestBytes) +
                                       " bytes: send smaller batches",
                                   {}});
        switch (match->endpoint) {
        case Endpoint::health: return health();
        case Endpoint::enrol: return enrol(req);
        case Endpoint::events: return events(req, terminalForLog);
        case Endpoint::changes: return changes(req, query, terminalForLog);
        }
        return refusal(Refusal{});
    }
};

LedgerApi::LedgerApi(Ledger& ledger, const Clock& clock) : m_impl(std::make_unique<Impl>(ledger, clock)) {}

std::size_t LedgerApi::bodyLimit(const server::HttpRequestHead& head)
{
    // Only a push that names an enrolled, active terminal may be large: everything else (enrolment, a push by
    // an unknown or revoked terminal, a request without signature headers) is refused beyond a few KiB before
    // its body is read. The signature itself is checked once the body is there.
    const std::string_view target = head.target;
    const std::string_view path = target.substr(0, target.find('?'));
    const std::string* terminal = head.header("sango-terminal");
    if (head.method != "POST" || path != protocol::kPathEvents || !terminal || !isTerminalId(*terminal) ||
        !head.header("sango-signature") || !m_impl->authFailures.wouldAllow(head.remoteAddress))
        return protocol::kMaxSmallRequestBytes;
    std::lock_guard lock(m_impl->mutex);
    auto t = m_impl->ledger.terminal(*terminal);
    if (!t || !*t || (*t)->revokedAt || (*t)->providerSuspended)
        return protocol::kMaxSmallRequestBytes;
    return protocol::kMaxRequestBytes;
}

LedgerApi::~LedgerApi() = default;

server::HttpResponse LedgerApi::handle(const server::HttpRequest& request)
{
    const std::string_view target = request.target;
    const auto q = target.find('?');
    const std::string_view path = target.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    std::string terminal; // for the log: set once the header has passed its syntax check
    HttpResponse response;
    try {
        response = m_impl->dispatch(request, path, query, terminal);
    } catch (const std::exception& e) {
        apiLog()->error("a request failed: {}", e.what());
        response = m_impl->refusal(internalError());
    } catch (...) {
        response = m_impl->refusal(internalError());
    }
    try {
        // Only what is ours is logged: an unknown path or method is whatever a client sent.
        const bool knownPath =
            std::any_of(kRoutes.begin(), kRoutes.end(), [&](const RouteEntry& r) { return r.path == path; });
        const bool knownMethod = request.method == "GET" || request.method == "POST";
        // A refusal's code is read back from our own small body: the operator sees why, not just 401.
        const std::string error =
            response.status >= 400 ? json::parse(response.body, nullptr, false).value("error", "") : "";
        apiLog()->log(response.status >= 500 ? spdlog::level::err : spdlog::level::info,
                      "{} {} terminal={} status={}{}{}",
                      knownMethod ? std::string_view(request.method) : std::string_view("-"),
                      knownPath ? path : std::string_view("(unknown path)"), terminal.empty() ? "-" : terminal,
                      response.status, error.empty() ? "" : " error=", error);
    } catch (...) {
        // Logging must not turn an answer into a failure.
    }
    return response;
}

const std::vector<Route>& LedgerApi::routes()
{
    static const std::vector<Route> all = [] {
        std::vector<Route> v;
        for (const RouteEntry& r : kRoutes)
            v.push_back(Route{std::string(r.method), std::string(r.path)});
        return v;
    }();
    return all;
}

} // namespace sango::ledger
