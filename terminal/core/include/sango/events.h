#pragma once
// The body of every event type, as types: what a terminal records in its store and uploads, and what the
// ledger judges, in one shape for both ends. Each type has its event type name (`type`), the version of the
// body shape its reader accepts (`version`: documentation only, never written into a body), toJson() that
// writes the body exactly as the store keeps it and the wire carries it (bodies are hash-chained and signed:
// their bytes never change), and fromJson() that reads a body and checks the JSON type and the bounds of every
// member it knows, naming the first bad one (Errc::malformed, "session_closed: billed_minutes must be ...").
// Unknown members are ignored. What the values mean — is the stop after the start, do the minutes follow the
// policy, was the coupon revoked — is for the rules that use them (the terminal's, the ledger's, the store's
// projection), not for this file.
//
// Members added after the first version of a body are optional when read, so that events recorded by an older
// terminal (and still waiting to be sent, or replayed by an audit) are read too: `session_start` (the start
// the session was opened with) and, on cancellations and corrections, `coupon_id` (the session's coupon, or
// its paper ticket).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/error.h"
#include "sango/event.h"

namespace sango::events {

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

// ---- Session events: recorded by staff, uploaded to the ledger ----

// The terminal's clock as its witness read it (ClockReading::toJson): the ledger's clock minus the terminal's
// as last measured (none if never), and whether that measurement still held.
struct EventClock {
    std::optional<std::int64_t> offsetSeconds;
    bool verified = false;

    nlohmann::json toJson() const;
};

// What every session event says besides its own members.
struct SessionCommon {
    std::string sessionId;
    std::string staffId;
    std::vector<std::string> flags;
    std::optional<EventClock> clock; // none: the terminal had no clock witness (body "clock": null)
};

// What a scan knew of the coupon (the `coupon` member of session_opened and session_closed; {} when the close
// had no scan). Read leniently: a member that is missing or of another type reads as unknown.
struct CouponSeen {
    bool verified = false;
    std::string type;
    std::optional<std::int64_t> grant;  // minutes; none: not known (body null)
    std::vector<std::string> services;  // service codes; empty: unknown
    std::int64_t notBefore = 0;
    std::int64_t expires = 0;

    nlohmann::json toJson() const;
    static CouponSeen read(const nlohmann::json& coupon);
};

struct SessionOpened {
    static constexpr std::string_view type = event_type::session_opened;
    static constexpr int version = 1;

    SessionCommon common;
    std::string couponId;
    std::string source; // qr | manual
    std::string service;
    std::int64_t start = 0;
    std::string date;   // the terminal's local date of the start, YYYY-MM-DD
    nlohmann::json coupon = nlohmann::json::object(); // what the terminal knew of the coupon (CouponSeen)

    nlohmann::json toJson() const;
    static Expected<SessionOpened> fromJson(const nlohmann::json& body);
};

struct SessionClosed {
    static constexpr std::string_view type = event_type::session_closed;
    static constexpr int version = 2; // 2: session_start (optional when read)

    SessionCommon common;
    std::string couponId;
    std::optional<std::int64_t> sessionStart;
    std::int64_t stop = 0;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;
    bool byScan = false;
    nlohmann::json coupon = nlohmann::json::object();

    nlohmann::json toJson() const;
    static Expected<SessionClosed> fromJson(const nlohmann::json& body);
};

struct SessionCancelled {
    static constexpr std::string_view type = event_type::session_cancelled;
    static constexpr int version = 2; // 2: coupon_id, session_start (optional when read)

    SessionCommon common;
    std::string corrects; // the id of the session's latest event before this one
    std::string reason;
    std::optional<std::string> couponId;
    std::optional<std::int64_t> sessionStart;

    nlohmann::json toJson() const;
    static Expected<SessionCancelled> fromJson(const nlohmann::json& body);
};

struct SessionCorrected {
    static constexpr std::string_view type = event_type::session_corrected;
    static constexpr int version = 2; // 2: coupon_id, session_start (optional when read)

    SessionCommon common;
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
    static Expected<SessionCorrected> fromJson(const nlohmann::json& body);
};

struct PaperSession {
    static constexpr std::string_view type = event_type::paper_session;
    static constexpr int version = 1;

    SessionCommon common;
    std::string ticket;
    std::string service;
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::string date;
    std::int64_t actualMinutes = 0;
    std::int64_t billedMinutes = 0;

    nlohmann::json toJson() const;
    static Expected<PaperSession> fromJson(const nlohmann::json& body);
};

// ---- The store's own events: set-up, configuration, staff, and what the ledger said ----

struct StoreInitialised {
    static constexpr std::string_view type = event_type::store_initialised;
    static constexpr int version = 1;

    std::string terminalId;
    std::int64_t schemaVersion = 0; // the schema the store was made with
    bool demo = false;              // a demonstration store; the member is written only when true

    nlohmann::json toJson() const;
    static Expected<StoreInitialised> fromJson(const nlohmann::json& body);
};

struct ConfigInstalled {
    static constexpr std::string_view type = event_type::config_installed;
    static constexpr int version = 1;

    std::string kind;                     // policy | provider | trust
    nlohmann::json body;                  // the document itself
    std::optional<std::string> source;    // "ledger": sent by the ledger (at enrolment or as a change)
    std::optional<std::int64_t> changeSeq; // the ledger's change number
    std::optional<std::string> from;      // a policy's first day, YYYY-MM-DD (none: from the start)

    nlohmann::json toJson() const;
    static Expected<ConfigInstalled> fromJson(const nlohmann::json& body);
};

struct StaffAdded {
    static constexpr std::string_view type = event_type::staff_added;
    static constexpr int version = 1;

    std::string staffId;
    std::string role;    // staff | manager
    std::string pinHash; // crypto::hashPin

    nlohmann::json toJson() const;
    static Expected<StaffAdded> fromJson(const nlohmann::json& body);
};

struct CouponRevoked {
    static constexpr std::string_view type = event_type::coupon_revoked;
    static constexpr int version = 1;

    std::string couponId;
    std::string reason;
    std::optional<std::string> source;     // "ledger": a change from the ledger
    std::optional<std::int64_t> changeSeq;

    nlohmann::json toJson() const;
    static Expected<CouponRevoked> fromJson(const nlohmann::json& body);
};

struct TerminalEnrolled {
    static constexpr std::string_view type = event_type::terminal_enrolled;
    static constexpr int version = 1;

    std::string ledgerUrl;
    std::string terminalId;
    std::string providerId;
    std::string publicKeyB64u;

    nlohmann::json toJson() const;
    static Expected<TerminalEnrolled> fromJson(const nlohmann::json& body);
};

// The ledger's answers to one batch of uploaded events.
struct SyncAnswered {
    static constexpr std::string_view type = event_type::sync_answered;
    static constexpr int version = 1;

    struct Answer {
        std::int64_t seq = 0;  // the answered event's
        std::string id;        // the answered event's
        std::string type;      // the answered event's type
        std::string sessionId; // "" when the event has none
        std::string couponId;  // the coupon, or the paper ticket ("" when none)
        std::string status;    // accepted | rejected
        std::string reason;    // "" when accepted
        std::optional<std::string> delivery;   // protocol::toString(EventStatus) of this delivery
        std::optional<std::string> detail;     // the ledger's explanation (written only when not empty)
        std::optional<nlohmann::json> figures; // the ledger's own figures (SessionFigures::toJson)

        nlohmann::json toJson() const;
    };
    std::vector<Answer> answers;

    nlohmann::json toJson() const;
    static Expected<SyncAnswered> fromJson(const nlohmann::json& body);
};

// The ledger's figures for one coupon (a balance change).
struct LedgerBalance {
    static constexpr std::string_view type = event_type::ledger_balance;
    static constexpr int version = 1;

    std::string couponId;
    std::int64_t grantMinutes = 0;
    std::int64_t usedMinutes = 0;
    std::int64_t usedHereMinutes = 0;
    std::int64_t changeSeq = 0;

    nlohmann::json toJson() const;
    static Expected<LedgerBalance> fromJson(const nlohmann::json& body);
};

// A restore that began a new incarnation (StoreBackup::restore).
struct StoreRestored {
    static constexpr std::string_view type = event_type::store_restored;
    static constexpr int version = 1;

    std::int64_t backupHeadSeq = 0;
    std::optional<std::int64_t> replacedHeadSeq; // none: no readable store was replaced (body null)
    std::optional<std::int64_t> eventsLost;      // none as above (body null)
    std::string incarnation;
    std::string previousIncarnation;

    nlohmann::json toJson() const;
    static Expected<StoreRestored> fromJson(const nlohmann::json& body);
};

// ---- All of them ----

using SessionEvent = std::variant<SessionOpened, SessionClosed, SessionCancelled, SessionCorrected, PaperSession>;
using AnyEvent = std::variant<StoreInitialised, ConfigInstalled, StaffAdded, SessionOpened, SessionClosed,
                              SessionCancelled, SessionCorrected, PaperSession, CouponRevoked, TerminalEnrolled,
                              SyncAnswered, LedgerBalance, StoreRestored>;

// Whether this version knows the event type (a newer terminal's types are not).
bool isKnownType(std::string_view type);
// The body of an event of that type; malformed for an unknown type or a bad body.
Expected<AnyEvent> parse(std::string_view type, const nlohmann::json& body);
// The body of a session event (session_opened, session_closed, session_cancelled, session_corrected,
// paper_session); malformed for another type or a bad body.
Expected<SessionEvent> parseSession(std::string_view type, const nlohmann::json& body);
const SessionCommon& common(const SessionEvent& e);

std::string_view typeOf(const AnyEvent& e);
nlohmann::json toJson(const AnyEvent& e);

// The shapes of the identifiers in events (the terminal writes nothing else).
bool isSessionId(std::string_view s);
bool isFlag(std::string_view s);
bool isTicket(std::string_view s); // 1 to 32 letters, digits or '-', not starting with '-'
bool isServiceCode(std::string_view s);
// 1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit (nothing a spreadsheet would take
// for a formula: =, +, -, @).
bool isStaffId(std::string_view s);
// A short snake_case word: 1 to 32 of [a-z0-9_], starting with a letter.
bool isReasonCode(std::string_view s);

} // namespace sango::events
