#pragma once
// The rules that judge the terminals' events. The ledger is the authority the municipality pays from: it
// recomputes every figure of every event from the raw times under its own policy and trusts nothing a
// terminal computed.
//
// - Every body is read as hostile (events::parseSession: types, bounds). Every time lies in 2000..2099; a
//   clock offset beyond kMaxClockOffset is refused, so no sum can overflow.
// - Times are the terminal's; a terminal's clock offset (clock.offset_s, as it last measured it) turns them
//   into the ledger's time for the checks against the world: not in the future beyond kClockSkew, not before
//   the correction window (policy, unless the municipality unlocked the session), a coupon's validity and its
//   revocation (and an opening recorded after the terminal received the revocation is refused whatever time
//   it claims). A terminal pulls changes only once it has sent all it recorded, so whatever new it sends after
//   a pull was recorded after it: nothing may claim a time before the terminal's last pull.
// - Figures: the attributed date is the local date (municipality's zone) of the start as the terminal
//   recorded it; the actual minutes floor((stop − start) / 60); the billed minutes the service's rule of the
//   policy in force on that date, then the coupon's balance. Figures that differ are refused
//   (figures_mismatch) with the ledger's own in the answer; billed minutes within the rule but beyond what is
//   left are no_balance (the terminal's view of the balance was stale).
// - A session is the one its opening made: (terminal, session id) with its coupon and start. An event that
//   names it with another coupon or start, or a second opening of it, is a conflict; nothing is ever applied
//   to a session other than the one the event opened.
// - Paper sessions spend a ticket the ledger issued for a coupon, once, and are billed from that coupon.
// Events are judged in commit order across all providers and terminals, each against what the ledger knows
// at that moment. Every event is answered and every judged event is stored with its status, reason and
// figures, never dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "changes.h"
#include "ledger_store.h"
#include "sango/error.h"
#include "sango/local_time.h"
#include "sango/policy.h"
#include "sango/protocol/messages.h"
#include "sango/provider.h"
#include "sango/events.h"

namespace sango::ledger {

struct TerminalInfo;

class Rules {
public:
    static constexpr std::int64_t kClockSkew = 300;          // seconds of leeway on every time (credential.md)
    static constexpr std::int64_t kMaxClockOffset = 86400;   // a terminal's clock a day off is not to be trusted

    // now: the ledger's clock (received_at). zone: the municipality's calendar. Judge within the batch's
    // write transaction.
    Rules(LedgerStore& store, ChangeFeed& changes, const LocalTime& zone, std::int64_t now)
        : m_store(&store), m_changes(&changes), m_zone(zone), m_now(now)
    {
    }

    Expected<protocol::EventResult> judge(const TerminalInfo& terminal, const Provider& provider,
                                          const protocol::WireEvent& event);

private:
    // The verdict on one event: accepted (empty reason) or a reason, with what exactly and the ledger's figures.
    struct Verdict {
        std::string reason;
        std::string detail;
        std::optional<protocol::SessionFigures> figures;
    };
    // What one event says, kept with the stored row.
    struct Facts {
        std::string couponId; // or the paper ticket
        std::string sessionId;
        std::vector<std::string> flags;
        std::optional<std::int64_t> clockOffset;
    };
    // The ledger's session, keyed (terminal_id, session_id).
    using Session = SessionRow;
    // The context of one event: who sent it and how its times map to the ledger's clock.
    struct Event {
        const TerminalInfo& terminal;
        const Provider& provider;
        const protocol::WireEvent& wire;
        std::int64_t offset = 0; // the terminal's clock offset (0 when it sent none)
        std::int64_t ledgerTime(std::int64_t t) const { return t + offset; } // bounded: cannot overflow
    };

    Expected<Verdict> judgeOpened(const Event& e, const events::SessionOpened& b, Facts& f);
    Expected<Verdict> judgeClosed(const Event& e, const events::SessionClosed& b, Facts& f);
    Expected<Verdict> judgeCancelled(const Event& e, const events::SessionCancelled& b, Facts& f);
    Expected<Verdict> judgeCorrected(const Event& e, const events::SessionCorrected& b, Facts& f);
    Expected<Verdict> judgePaper(const Event& e, const events::PaperSession& b, Facts& f);

    // Checks every event shares: the clock offset, and when it was recorded (not in the future, not before the
    // terminal's last sync before it). A reason, or nothing.
    Expected<std::optional<Verdict>> checkRecorded(const Event& e, const events::SessionCommon& c);
    // A session's times (start, stop) against its service and the world: stop not before start, a duration the
    // service allows, not in the future, not before the correction window unless unlocked.
    Expected<std::optional<Verdict>> checkTimes(const Event& e, const std::string& sessionId, Service service,
                                                std::int64_t start, std::int64_t stop, const Policy& policy);
    Expected<std::optional<Verdict>> checkWindow(const Event& e, const std::string& sessionId, std::int64_t start,
                                                 const Policy& policy);
    // The same session the event names: its coupon (or ticket) and the start it was opened with.
    // The coupon as an opening at `start` (the terminal's time) may use it: issued, not revoked by then (nor,
    // for a live opening, after this terminal received its revocation), valid, for the service, by this
    // provider. A reason, or nothing.
    Expected<std::optional<Verdict>> checkCoupon(const Event& e, const std::string& coupon, const std::string& service,
                                                 std::int64_t start, bool live);
    // The session an event names (f.sessionId), checked to be the one it opened: unknown_session or conflict
    // otherwise. Sets f.couponId to the session's coupon (or paper ticket).
    Expected<std::variant<Session, Verdict>> namedSession(const Event& e, Facts& f,
                                                          const std::optional<std::string>& coupon,
                                                          const std::optional<std::int64_t>& start);
    static std::optional<Verdict> checkIdentity(const Session& s, const std::optional<std::string>& coupon,
                                                const std::optional<std::int64_t>& sessionStart);

    // The ledger's figures for a session of `service` from start to stop, billed under the policy of the
    // attributed date and capped by `left` (minutes the coupon has, or none when no cap applies); and the
    // verdict on the terminal's actual and billed minutes and date.
    struct Computed {
        protocol::SessionFigures figures;
        std::int64_t due = 0; // the rule's minutes before the balance cap
    };
    Expected<Computed> compute(const Provider& provider, Service service, std::int64_t start, std::int64_t stop,
                               std::optional<std::int64_t> left);
    static std::optional<Verdict> compare(const Computed& c, std::optional<std::int64_t> left,
                                          std::int64_t actual, std::int64_t billed, const std::string* date);

    Expected<Policy> policyOn(const std::string& date);
    Expected<std::optional<Session>> session(const std::string& terminalId, const std::string& sessionId);
    // grant − used by every accepted session of the coupon so far (less `except`'s own), never below 0.
    Expected<std::int64_t> remaining(const std::string& couponId, std::int64_t exceptCounted = 0);
    Expected<protocol::EventResult> store(const TerminalInfo& t, const protocol::WireEvent& e, const std::string& digest,
                                          const Facts& f, const Verdict& v);

    LedgerStore* m_store;
    ChangeFeed* m_changes;
    const LocalTime& m_zone;
    std::int64_t m_now;
};

} // namespace sango::ledger
