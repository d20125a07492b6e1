#pragma once
// The JSON bodies of the terminal API, as types. Each parse function checks every member it reads and names
// the first one that is missing or of the wrong type (Errc::malformed); unknown members are ignored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/error.h"
#include "sango/protocol/api.h"

namespace sango::protocol {

// Parses a JSON document from the other end: at most kMaxJsonDepth deep (checked by a first, non-recursive
// pass before any value is built, so a hostile document cannot exhaust the stack) and valid UTF-8. malformed,
// with a message that never echoes the bytes, otherwise.
Expected<nlohmann::json> parseDocument(std::string_view text);

// POST /v1/enrol
struct EnrolRequest {
    std::string code;          // the one-time enrolment code the municipality gave the provider
    std::string publicKeyB64u; // the terminal's Ed25519 device public key (32 bytes, base64url)
    std::string label;         // free text for the municipality's list ("reception 1"); may be empty

    nlohmann::json toJson() const;
    static Expected<EnrolRequest> fromJson(const nlohmann::json& j);
};

struct EnrolResponse {
    std::string terminalId;    // assigned by the ledger, e.g. "P-0001-T01"
    nlohmann::json provider;   // provider.json (spec/policy.md)
    nlohmann::json policy;     // policy.json in force now
    nlohmann::json trust;      // the trust store (JSON array)
    std::string cursor;        // where the terminal's first pull starts
    std::int64_t serverTime = 0;

    nlohmann::json toJson() const;
    static Expected<EnrolResponse> fromJson(const nlohmann::json& j);
};

// One event as the terminal recorded it (the store's row, without the hash chain).
struct WireEvent {
    std::string id;       // UUID v4: the idempotency key
    std::int64_t seq = 0; // the terminal's sequence number (for ordering and messages)
    std::string type;     // one of the uploaded session event types
    std::int64_t at = 0;  // the terminal's wall clock when recorded
    nlohmann::json body;  // the event body; "clock": {"offset_s", "verified"} says how far `at` can be trusted

    nlohmann::json toJson() const;
    static Expected<WireEvent> fromJson(const nlohmann::json& j);
    // The content the idempotency check compares (type, at and body, canonical JSON).
    std::string contentDigest() const;
};

// POST /v1/events
struct PushRequest {
    std::vector<WireEvent> events; // in the terminal's event order

    nlohmann::json toJson() const;
    static Expected<PushRequest> fromJson(const nlohmann::json& j);
};

// The ledger's own figures for a session, computed from its raw times under the ledger's policy: what a
// terminal's figures are compared with, and what the terminal records when they differ.
struct SessionFigures {
    std::string date;                  // the attributed local date (municipality's zone, of the start)
    std::int64_t start = 0;            // Unix seconds, as the terminal recorded them
    std::int64_t stop = 0;
    std::int64_t actualMinutes = 0;    // floor((stop − start) / 60)
    std::int64_t billedMinutes = 0;    // the service's rule, then the coupon's balance
    std::optional<std::int64_t> amountYen; // floor(billed × the provider's price on the date / 60); none
                                           // without a price

    nlohmann::json toJson() const;
    static Expected<SessionFigures> fromJson(const nlohmann::json& j);
    bool operator==(const SessionFigures&) const = default;
};

struct EventResult {
    std::string id;
    EventStatus status = EventStatus::accepted;
    std::string reason;                 // for rejected: a protocol::reason code
    std::optional<EventStatus> original; // for duplicate: what the first delivery was answered
    std::string originalReason;          // and its reason when that was rejected
    std::string detail;                 // for rejected: what exactly, in a short English line (may be empty)
    std::optional<SessionFigures> figures; // the ledger's figures for a close, correction or paper session

    nlohmann::json toJson() const;
    static Expected<EventResult> fromJson(const nlohmann::json& j);
    // What the event's fate is, whichever delivery this answers: accepted or rejected.
    EventStatus effective() const { return status == EventStatus::duplicate && original ? *original : status; }
    const std::string& effectiveReason() const { return status == EventStatus::duplicate ? originalReason : reason; }
};

struct PushResponse {
    std::vector<EventResult> results; // one per event, in request order
    std::int64_t serverTime = 0;

    nlohmann::json toJson() const;
    static Expected<PushResponse> fromJson(const nlohmann::json& j);
};

// GET /v1/changes
namespace change_kind {
inline constexpr std::string_view revocation = "revocation"; // {"coupon_id", "reason", "at"}
inline constexpr std::string_view balance = "balance";       // {"coupon_id", "grant_minutes", "used_minutes", "used_here_minutes"}
inline constexpr std::string_view policy = "policy";         // {"policy": policy.json, "from": "YYYY-MM-DD"}
inline constexpr std::string_view provider = "provider";     // {"provider": provider.json}
inline constexpr std::string_view trust = "trust";           // {"trust": [trust keys]}
} // namespace change_kind

struct Change {
    std::int64_t seq = 0; // the ledger's change number: a later change of the same thing is newer
    std::string kind;
    nlohmann::json body;

    nlohmann::json toJson() const;
    static Expected<Change> fromJson(const nlohmann::json& j);
};

struct ChangesResponse {
    std::vector<Change> changes;
    std::string cursor; // pass it back to get what follows
    bool more = false;  // another page is waiting
    std::int64_t serverTime = 0;

    nlohmann::json toJson() const;
    static Expected<ChangesResponse> fromJson(const nlohmann::json& j);
};

// GET /v1/health
struct Health {
    std::string status = "ok";
    std::string municipality;
    std::int64_t serverTime = 0;

    nlohmann::json toJson() const;
    static Expected<Health> fromJson(const nlohmann::json& j);
};

// The body of every refused request.
struct ErrorBody {
    std::string error;   // a request_error code
    std::string message; // what happened and what to do
    std::int64_t serverTime = 0;

    nlohmann::json toJson() const;
    static Expected<ErrorBody> fromJson(const nlohmann::json& j);
};

} // namespace sango::protocol
