#pragma once
// The bodies of the five session events, as types: what a terminal records and uploads, and what the ledger
// judges, in one shape for both ends. toJson() writes a body exactly as the store keeps it and the wire
// carries it; fromJson() reads a body that came from outside (the ledger reads every terminal's events as
// hostile) and checks the type and the bounds of every member it knows, naming the first bad one
// (Errc::malformed, "session_closed: billed_minutes must be ..."). Unknown members are ignored. What the values
// mean — is the stop after the start, do the minutes follow the policy, was the coupon revoked — is for the
// rules that use them (the terminal's, the ledger's), not for this file.
//
// Members added after the first version are optional when read, so that events recorded by an older
// terminal and still waiting to be sent are read too: `session_start` (the start the session was opened
// with) and, on cancellations and corrections, `coupon_id` (the session's coupon, or its paper ticket).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/error.h"

namespace sango {

namespace session_events {

// Every instant in a session event lies in [kMinTime, kMaxTime): the years 2000 to 2099. Sums of two such
// values and of a bounded offset cannot overflow 64 bits, and no policy or calendar code sees an absurd time.
inline constexpr std::int64_t kMinTime = 946684800;  // 2000-01-01T00:00:00Z
inline constexpr std::int64_t kMaxTime = 4102444800; // 2100-01-01T00:00:00Z
// Minutes in a body: a non-negative int well inside int's range.
inline constexpr std::int64_t kMaxMinutes = 10'000'000;
inline constexpr std::size_t kMaxIdLength = 64;      // session ids, event ids, coupon ids as typed
inline constexpr std::size_t kMaxTicketLength = 32;
inline constexpr std::size_t kMaxFlags = 16;
inline constexpr std::size_t kMaxFlagLength = 32;

// The terminal's clock as its witness read it (ClockReading::toJson): the ledger's clock minus the terminal's
// as last measured (none if never), and whether that measurement still held.
struct EventClock {
    std::optional<std::int64_t> offsetSeconds;
    bool verified = false;

    nlohmann::json toJson() const;
};

// What every session event says besides its own members.
struct Common {
    std::string sessionId;
    std::string staffId;
    std::vector<std::string> flags;
    std::optional<EventClock> clock; // none: the terminal had no clock witness (body "clock": null)
};

struct Opened {
    Common common;
    std::string couponId;
    std::string source; // qr | manual
    std::string service;
    std::int64_t start = 0;
    std::string date;   // the terminal's local date of the start, YYYY-MM-DD
    nlohmann::json coupon = nlohmann::json::object(); // what the terminal knew of the coupon

    nlohmann::json toJson() const;
    static Expected<Opened> fromJson(const nlohmann::json& body);
};

struct Closed {
    Common common;
    std::string couponId;
    std::optional<std::int64_t> sessionStart;
    std::int64_t stop = 0;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;
    bool byScan = false;
    nlohmann::json coupon = nlohmann::json::object();

    nlohmann::json toJson() const;
    static Expected<Closed> fromJson(const nlohmann::json& body);
};

struct Cancelled {
    Common common;
    std::string corrects; // the id of the session's latest event before this one
    std::string reason;
    std::optional<std::string> couponId;
    std::optional<std::int64_t> sessionStart;

    nlohmann::json toJson() const;
    static Expected<Cancelled> fromJson(const nlohmann::json& body);
};

struct Corrected {
    Common common;
    std::string corrects;
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::string date;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;
    std::string reason;
    std::optional<std::string> couponId;
    std::optional<std::int64_t> sessionStart;

    nlohmann::json toJson() const;
    static Expected<Corrected> fromJson(const nlohmann::json& body);
};

struct Paper {
    Common common;
    std::string ticket;
    std::string service;
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::string date;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;

    nlohmann::json toJson() const;
    static Expected<Paper> fromJson(const nlohmann::json& body);
};

using SessionEvent = std::variant<Opened, Closed, Cancelled, Corrected, Paper>;

// The body of an event of that type (session_opened, session_closed, session_cancelled, session_corrected,
// paper_session); malformed for another type or a bad body.
Expected<SessionEvent> parse(std::string_view type, const nlohmann::json& body);
const Common& common(const SessionEvent& e);

// The shapes of the identifiers in session events (the terminal writes nothing else).
bool isSessionId(std::string_view s);
bool isFlag(std::string_view s);
bool isTicket(std::string_view s); // 1 to 32 letters, digits or '-', not starting with '-'
bool isServiceCode(std::string_view s);
// Reason codes are short snake_case tokens (a municipality may define its own).
bool isReasonCode(std::string_view s);
// A staff or terminal id: 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit.
bool isStaffId(std::string_view s);

} // namespace session_events

} // namespace sango
