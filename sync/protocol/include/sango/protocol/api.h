#pragma once
// The terminal API of the municipal ledger (sync/openapi.yaml is its written form): paths, headers, limits
// and the stable codes both ends speak. Everything on the wire is JSON (UTF-8); times are integer Unix
// seconds; minutes and yen are integers.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace sango::protocol {

inline constexpr std::string_view kPathHealth = "/v1/health";   // GET, no authentication
inline constexpr std::string_view kPathEnrol = "/v1/enrol";     // POST, the one-time enrolment code
inline constexpr std::string_view kPathEvents = "/v1/events";   // POST, signed: push a batch of events
inline constexpr std::string_view kPathChanges = "/v1/changes"; // GET ?cursor=C&limit=N, signed: pull changes

// Request authentication (see request_signature.h).
inline constexpr std::string_view kHeaderTerminal = "Sango-Terminal";
inline constexpr std::string_view kHeaderTimestamp = "Sango-Timestamp";
inline constexpr std::string_view kHeaderNonce = "Sango-Nonce";
inline constexpr std::string_view kHeaderSignature = "Sango-Signature";

// A signed request whose timestamp is further than this from the ledger's clock is refused (stale_timestamp);
// the ledger remembers nonces for twice as long, so a replay inside the window is refused too (replayed).
inline constexpr std::chrono::seconds kMaxClockSkew{300};

// Bounds. The ledger refuses larger requests with 413; the terminal keeps its batches inside them. Only a
// push (POST /v1/events) by an enrolled, active terminal may be large; every other request, and any request
// before its signature headers name such a terminal, is held to kMaxSmallRequestBytes before its body is read.
inline constexpr std::size_t kMaxRequestBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxSmallRequestBytes = 4 * 1024;
// Every JSON document either end parses is refused beyond this depth, before it is built (no recursion over
// a hostile document), and an event's body beyond this many bytes (an honest one is under 1 KiB).
inline constexpr std::size_t kMaxJsonDepth = 32;
inline constexpr std::size_t kMaxEventBodyBytes = 4 * 1024;
inline constexpr std::size_t kMaxBatchEvents = 500;
inline constexpr std::size_t kMaxBatchBytes = 1024 * 1024;
inline constexpr std::size_t kMaxChangesPerPage = 1000;

// The ledger's answer for one event.
enum class EventStatus { accepted, duplicate, rejected };
std::string_view toString(EventStatus s);
std::optional<EventStatus> parseEventStatus(std::string_view text);

// Reasons of a rejected event (stable codes).
namespace reason {
inline constexpr std::string_view revoked = "revoked";                 // the coupon was revoked before this
inline constexpr std::string_view no_balance = "no_balance";           // it would bill more than is left
inline constexpr std::string_view unknown_coupon = "unknown_coupon";   // the ledger never issued this id
inline constexpr std::string_view conflict = "conflict";               // same event id, other content
inline constexpr std::string_view wrong_provider = "wrong_provider";   // service the provider does not offer
inline constexpr std::string_view service_not_allowed = "service_not_allowed"; // the coupon's svc lacks it
inline constexpr std::string_view expired = "expired";                 // outside the coupon's validity
inline constexpr std::string_view unknown_session = "unknown_session"; // names a session the ledger lacks
inline constexpr std::string_view session_rejected = "session_rejected"; // its session's opening was rejected
inline constexpr std::string_view duplicate_ticket = "duplicate_ticket"; // a paper ticket already used
inline constexpr std::string_view invalid_event = "invalid_event";     // a body that is not a session event
inline constexpr std::string_view figures_mismatch = "figures_mismatch"; // its minutes or date differ from the
                                                                         // ledger's, computed from its times
inline constexpr std::string_view invalid_time = "invalid_time";       // stop before start, too long, in the
                                                                       // future, before the terminal's last
                                                                       // sync, or a clock offset out of bounds
inline constexpr std::string_view too_old = "too_old";                 // beyond the policy's correction window
inline constexpr std::string_view too_late_to_cancel = "too_late_to_cancel"; // staff cancel after the window
inline constexpr std::string_view unknown_ticket = "unknown_ticket";   // a paper ticket the ledger never issued
inline constexpr std::string_view already_closed = "already_closed";   // closes a session the ledger holds closed
} // namespace reason

// Error codes of a refused request (HTTP 4xx/5xx body {"error", "message", "server_time"}).
namespace request_error {
inline constexpr std::string_view malformed = "malformed";             // 400: not JSON, or members wrong
inline constexpr std::string_view bad_cursor = "bad_cursor";           // 400
inline constexpr std::string_view too_large = "too_large";             // 413
inline constexpr std::string_view not_found = "not_found";             // 404
inline constexpr std::string_view method_not_allowed = "method_not_allowed"; // 405
inline constexpr std::string_view bad_code = "bad_code";               // 403: enrolment code unknown or used
inline constexpr std::string_view not_enrolled = "not_enrolled";       // 401: unknown terminal id
inline constexpr std::string_view bad_signature = "bad_signature";     // 401
inline constexpr std::string_view stale_timestamp = "stale_timestamp"; // 401: clock too far from the ledger's
inline constexpr std::string_view replayed = "replayed";               // 401: nonce already seen
inline constexpr std::string_view wrong_provider = "wrong_provider";   // 403: event of another provider
inline constexpr std::string_view terminal_revoked = "terminal_revoked"; // 403: the municipality revoked it
inline constexpr std::string_view provider_suspended = "provider_suspended"; // 403: its provider is suspended
inline constexpr std::string_view rate_limited = "rate_limited";       // 429: too many attempts from this address
inline constexpr std::string_view internal = "internal";               // 500
inline constexpr std::string_view unavailable = "unavailable";         // 503: store busy or full
} // namespace request_error

// Event types a terminal uploads. Staff (PIN hashes), configuration and sync bookkeeping stay local.
bool isUploadedEventType(std::string_view type);

} // namespace sango::protocol
