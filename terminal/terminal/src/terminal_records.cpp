// Terminal: what happens to a session after a scan — cancellations, a manager's corrections, paper
// tickets — and balances, staff and revocations.
#include "sango/terminal.h"

#include <algorithm>
#include <cctype>

#include "sango/coupon_id.h"
#include "sango/crypto.h"
#include "sango/rounding.h"
#include "sango/events.h"
#include "terminal_events.h"

namespace sango {

using nlohmann::json;
using namespace terminal_events;

Expected<SessionRecord> Terminal::sessionById(const std::string& sessionId)
{
    auto s = m_store->session(sessionId);
    if (!s)
        return tl::unexpected(s.error());
    if (!*s)
        return fail(Errc::session_not_found, "there is no session " + sessionId + ": check the id with "
                                                                                  "`sango sessions`");
    return **s;
}

Expected<SessionRecord> Terminal::cancel(const std::string& sessionId, const std::string& staffId,
                                         const std::string& reason)
{
    if (!isReasonCode(reason))
        return fail(Errc::invalid_argument, "a reason code is a short snake_case word, for example "
                                            "opened_by_mistake or mother_left");
    auto role = roleOf(staffId);
    if (!role)
        return tl::unexpected(role.error());
    return m_store->transact([&]() -> Expected<SessionRecord> {
        const Instant now = m_clock->now();
        auto s = sessionById(sessionId);
        if (!s)
            return tl::unexpected(s.error());
        SessionRecord rec = *s;
        if (rec.status == SessionStatus::cancelled)
            return fail(Errc::already_cancelled, "session " + sessionId + " is cancelled: nothing to do");
        if (rec.status == SessionStatus::closed && rec.stop &&
            now > *rec.stop + std::chrono::minutes(m_policy.cancelWindowMinutes)) {
            if (*role != StaffRole::manager)
                return fail(Errc::too_late_to_cancel,
                            "session " + sessionId + " closed more than " + std::to_string(m_policy.cancelWindowMinutes) +
                                " minutes ago: only a manager can change it now");
            addFlag(rec.flags, "corrected"); // a manager's correction after the window
        }
        rec.status = SessionStatus::cancelled;
        rec.billedMinutes = 0;
        rec.cancelReason = reason;
        auto stamp = clockStamp(rec.flags);
        if (!stamp)
            return tl::unexpected(stamp.error());
        events::SessionCancelled cancelled;
        cancelled.common = {sessionId, staffId, rec.flags, *stamp};
        cancelled.corrects = rec.lastEventId;
        cancelled.reason = reason;
        cancelled.couponId = rec.couponId;
        cancelled.sessionStart = seconds(rec.openedStart);
        SANGO_TRY_ASSIGN(const Event ev, m_store->append(cancelled, now));
        rec.lastEventId = ev.id;
        return rec;
    });
}

Expected<SessionRecord> Terminal::correct(const std::string& sessionId, Instant start, Instant stop,
                                          const std::string& staffId, const std::string& reason)
{
    if (!isReasonCode(reason))
        return fail(Errc::invalid_argument, "a reason code is a short snake_case word, for example "
                                            "forgotten_stop or wrong_time");
    SANGO_TRY(requireRole(staffId, StaffRole::manager));
    return m_store->transact([&]() -> Expected<SessionRecord> {
        const Instant now = m_clock->now();
        if (stop <= start)
            return fail(Errc::invalid_time, "the corrected stop must be after the start");
        if (stop > now)
            return fail(Errc::invalid_time, "the corrected stop lies in the future: a correction records what "
                                            "happened");
        // A manager may correct a cancelled session too (cancelled by mistake): it is billed again.
        auto s = sessionById(sessionId);
        if (!s)
            return tl::unexpected(s.error());
        SessionRecord rec = *s;
        rec.cancelReason.clear();
        auto rule = ruleOn(rec.service, m_local.dateOf(start));
        if (!rule)
            return tl::unexpected(rule.error());
        auto coupon = m_store->coupon(rec.couponId);
        if (!coupon)
            return tl::unexpected(coupon.error());
        auto rem = remaining(rec, *coupon ? (*coupon)->grantMinutes : std::nullopt);
        if (!rem)
            return tl::unexpected(rem.error());
        const int actual = actualMinutes(start, stop);
        const Billing b = bill(*rule, actual, *rem ? std::optional<int>(static_cast<int>(**rem)) : std::nullopt);
        rec.start = start;
        rec.stop = stop;
        rec.date = m_local.dateOf(start);
        rec.actualMinutes = actual;
        rec.billedMinutes = b.billedMinutes;
        rec.status = SessionStatus::closed;
        rec.correctionReason = reason;
        removeFlag(rec.flags, "capped");
        if (b.capped)
            addFlag(rec.flags, "capped");
        addFlag(rec.flags, "corrected");
        auto stamp = clockStamp(rec.flags);
        if (!stamp)
            return tl::unexpected(stamp.error());
        events::SessionCorrected corrected;
        corrected.common = {sessionId, staffId, rec.flags, *stamp};
        corrected.corrects = rec.lastEventId;
        corrected.start = seconds(start);
        corrected.stop = seconds(stop);
        corrected.date = formatDate(rec.date);
        corrected.actualMinutes = actual;
        corrected.billedMinutes = b.billedMinutes;
        corrected.reason = reason;
        corrected.couponId = rec.couponId;
        corrected.sessionStart = seconds(rec.openedStart);
        SANGO_TRY_ASSIGN(const Event ev, m_store->append(corrected, now));
        rec.lastEventId = ev.id;
        return rec;
    });
}

Expected<SessionRecord> Terminal::recordPaper(const std::string& typedTicket, Service service, Instant start,
                                              Instant stop, const std::string& staffId)
{
    // Ticket numbers compare without regard to case: "t-1" and "T-1" are one ticket.
    std::string ticket = typedTicket;
    std::transform(ticket.begin(), ticket.end(), ticket.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (!events::isTicket(ticket))
        return fail(Errc::invalid_argument, "a paper ticket number is 1 to 32 letters, digits or '-', as printed "
                                            "on the ticket");
    SANGO_TRY(requireRole(staffId, StaffRole::manager));
    return m_store->transact([&]() -> Expected<SessionRecord> {
        const Instant now = m_clock->now();
        if (stop <= start)
            return fail(Errc::invalid_time, "the stop must be after the start");
        if (stop > now)
            return fail(Errc::invalid_time, "the stop lies in the future: record a paper session after it ends");
        auto rule = ruleOn(service, m_local.dateOf(start));
        if (!m_provider.offers(service) || !rule)
            return fail(Errc::service_not_allowed, "this provider does not offer " + std::string(toString(service)) +
                                                       " care under the municipality's policy");
        auto used = m_store->ticketUsed(ticket);
        if (!used)
            return tl::unexpected(used.error());
        if (*used)
            return fail(Errc::duplicate_ticket, "paper ticket " + ticket + " is already recorded: check the number");
        auto count = m_store->lastSeq();
        if (!count)
            return tl::unexpected(count.error());
        SessionRecord s;
        s.sessionId = newSessionId(*count + 1);
        s.couponId = ticket;
        s.source = SessionSource::paper;
        s.service = service;
        s.start = start;
        s.openedStart = start;
        s.stop = stop;
        s.date = m_local.dateOf(start);
        s.actualMinutes = actualMinutes(start, stop);
        s.billedMinutes = bill(*rule, *s.actualMinutes, std::nullopt).billedMinutes;
        s.staffId = staffId;
        s.status = SessionStatus::closed;
        auto stamp = clockStamp(s.flags);
        if (!stamp)
            return tl::unexpected(stamp.error());
        events::PaperSession paper;
        paper.common = {s.sessionId, staffId, s.flags, *stamp};
        paper.ticket = ticket;
        paper.service = std::string(toString(service));
        paper.start = seconds(start);
        paper.stop = seconds(stop);
        paper.date = formatDate(s.date);
        paper.actualMinutes = *s.actualMinutes;
        paper.billedMinutes = *s.billedMinutes;
        SANGO_TRY_ASSIGN(const Event ev, m_store->append(paper, now));
        s.lastEventId = ev.id;
        return s;
    });
}

Expected<Balance> Terminal::balance(std::string_view couponId)
{
    auto id = couponid::normalize(couponId);
    if (!id)
        return fail(Errc::malformed, "that is not a valid coupon id: type the 16 characters printed under the QR "
                                     "code again");
    auto c = m_store->coupon(*id);
    if (!c)
        return tl::unexpected(c.error());
    auto u = usage(*id, *c ? (*c)->grantMinutes : std::nullopt);
    if (!u)
        return tl::unexpected(u.error());
    if (!*c && !u->fromLedger)
        return fail(Errc::unknown_coupon, "this terminal has not seen coupon " + couponid::grouped(*id) + " yet");
    Balance b;
    b.couponId = *id;
    b.grantMinutes = u->grant;
    b.usedMinutes = u->used;
    if (b.grantMinutes)
        b.balanceMinutes = left(*b.grantMinutes, u->used);
    b.asOf = u->fromLedger ? u->asOf : m_clock->now();
    b.source = u->fromLedger ? "ledger" : "local";
    return b;
}

Expected<void> Terminal::revoke(const std::string& couponId, const std::string& reason)
{
    if (!isReasonCode(reason))
        return fail(Errc::invalid_argument, "a revocation reason is a short snake_case word, e.g. paper");
    auto id = couponid::normalize(couponId);
    if (!id)
        return fail(Errc::malformed, "that is not a valid coupon id");
    return m_store->transact([&]() -> Expected<void> {
        events::CouponRevoked revoked;
        revoked.couponId = *id;
        revoked.reason = reason;
        SANGO_TRY(m_store->append(revoked, m_clock->now()));
        return {};
    });
}

} // namespace sango
