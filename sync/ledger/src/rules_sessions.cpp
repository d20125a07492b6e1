// Rules: openings, closes, cancellations and corrections of sessions paid with a coupon (digital or typed),
// and the corrections and cancellations of paper sessions.
#include "rules.h"

#include <algorithm>

#include "random_codes.h"
#include "sango/coupon_id.h"
#include "sango/ledger/ledger.h"

namespace sango::ledger {

using nlohmann::json;
namespace reason = protocol::reason;

namespace {

// A verdict for a failure of compute() that is a refusal (a service the policy of that date lacks).
template <typename Verdict>
std::optional<Verdict> refusalOf(const Error& e)
{
    if (e.code == Errc::service_not_allowed)
        return Verdict{std::string(reason::service_not_allowed), e.message, std::nullopt};
    return std::nullopt;
}

} // namespace

Expected<std::variant<Rules::Session, Rules::Verdict>> Rules::namedSession(const Event& e, Facts& f,
                                                                          const std::optional<std::string>& coupon,
                                                                          const std::optional<std::int64_t>& start)
{
    using Result = std::variant<Session, Verdict>;
    auto found = session(e.terminal.terminalId, f.sessionId);
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return Result(Verdict{std::string(reason::unknown_session), "the ledger holds no opening of this session",
                              std::nullopt});
    if (auto other = checkIdentity(**found, coupon, start))
        return Result(std::move(*other));
    // Listed under the session's coupon, or its paper ticket.
    const Session& s = **found;
    f.couponId = s.source == "paper" && !s.ticket.empty() ? codes::printedPaperTicket(s.ticket) : s.couponId;
    return Result(std::move(**found));
}

Expected<std::optional<Rules::Verdict>> Rules::checkCoupon(const Event& e, const std::string& coupon,
                                                           const std::string& service, std::int64_t start, bool live)
{
    using Result = std::optional<Verdict>;
    SANGO_TRY_ASSIGN(const auto row, m_store->findCoupon(coupon));
    if (!row)
        return Result(Verdict{std::string(reason::unknown_coupon), "the ledger never issued this coupon", std::nullopt});
    const json services = json::parse(row->services, nullptr, false);
    const std::int64_t notBefore = row->notBefore;
    const std::int64_t expires = row->expires;
    const auto revokedAt = row->revokedAt;
    const auto revokedChange = row->revokedChange;
    const std::int64_t at = e.ledgerTime(start);
    // Care given before the revocation stands: only a session that starts at or after it is refused, or one the
    // terminal recorded after it had received the revocation, whatever start it claims.
    if (revokedAt && *revokedAt <= at)
        return Result(
            Verdict{std::string(reason::revoked), "the coupon was revoked before this session started", std::nullopt});
    if (live && revokedChange) {
        SANGO_TRY_ASSIGN(const bool knew, m_store->terminalPulled(e.terminal.terminalId, *revokedChange));
        if (knew)
            return Result(Verdict{std::string(reason::revoked),
                                  "recorded after this terminal had received the coupon's revocation", std::nullopt});
    }
    if (at < notBefore - kClockSkew || at >= expires + kClockSkew)
        return Result(
            Verdict{std::string(reason::expired), "the session starts outside the coupon's validity", std::nullopt});
    if (!services.is_array() || std::find(services.begin(), services.end(), json(service)) == services.end())
        return Result(Verdict{std::string(reason::service_not_allowed), "the coupon cannot be used for " + service,
                              std::nullopt});
    const auto svc = parseService(service);
    if (!svc || !e.provider.offers(*svc))
        return Result(
            Verdict{std::string(reason::wrong_provider), "the provider does not offer " + service, std::nullopt});
    return Result();
}

Expected<Rules::Verdict> Rules::judgeOpened(const Event& e, const events::SessionOpened& b, Facts& f)
{
    const auto canonical = couponid::normalize(b.couponId);
    f.couponId = canonical.value_or(b.couponId);
    if (b.start != e.wire.at)
        return Verdict{std::string(reason::invalid_event), "an opening's start is the time it was recorded (at)",
                       std::nullopt};
    auto existing = session(e.terminal.terminalId, f.sessionId);
    if (!existing)
        return tl::unexpected(existing.error());
    if (*existing) // another opening of a session id the ledger holds: another session
        return Verdict{std::string(reason::conflict),
                       "the ledger already holds session " + f.sessionId + " of this terminal: it is another session",
                       std::nullopt};

    const std::string date = formatDate(m_zone.dateOf(Instant(std::chrono::seconds(b.start))));
    auto verdict = [&]() -> Expected<Verdict> {
        const auto svc = parseService(b.service);
        auto policy = policyOn(date);
        if (!policy)
            return tl::unexpected(policy.error());
        if (!svc || !policy->rule(*svc))
            return Verdict{std::string(reason::service_not_allowed),
                           "the municipality's policy has no service " + b.service, std::nullopt};
        if (b.date != date) {
            protocol::SessionFigures figures;
            figures.date = date;
            figures.start = figures.stop = b.start;
            return Verdict{std::string(reason::figures_mismatch),
                           "the session starts on " + date + " in the municipality's time zone, not on " + b.date,
                           figures};
        }
        if (auto old = checkWindow(e, f.sessionId, b.start, *policy); !old)
            return tl::unexpected(old.error());
        else if (*old)
            return std::move(**old);
        if (!canonical)
            return Verdict{std::string(reason::unknown_coupon), "not a coupon id", std::nullopt};
        if (auto refused = checkCoupon(e, *canonical, b.service, b.start, true); !refused)
            return tl::unexpected(refused.error());
        else if (*refused)
            return std::move(**refused);
        auto left = remaining(*canonical);
        if (!left)
            return tl::unexpected(left.error());
        if (*left <= 0)
            return Verdict{std::string(reason::no_balance), "the coupon has no minutes left at the ledger",
                           std::nullopt};
        return Verdict{};
    }();
    if (!verdict)
        return verdict;
    // A rejected opening is kept as a rejected session, so that its close is answered session_rejected.
    NewSession opened;
    opened.terminalId = e.terminal.terminalId;
    opened.sessionId = f.sessionId;
    opened.providerId = e.terminal.providerId;
    opened.couponId = f.couponId;
    opened.source = b.source;
    opened.service = b.service;
    opened.start = b.start;
    opened.date = date;
    opened.status = verdict->reason.empty() ? "open" : "rejected";
    opened.openedEvent = e.wire.id;
    opened.openedStart = b.start;
    SANGO_TRY(m_store->addSession(opened));
    // A provider that has just seen the coupon hears the ledger's figures for it at its next pull, whether its
    // opening was accepted or not.
    if (canonical && verdict->reason != reason::unknown_coupon)
        SANGO_TRY(m_changes->recordBalance(f.couponId));
    return verdict;
}

Expected<Rules::Verdict> Rules::judgeClosed(const Event& e, const events::SessionClosed& b, Facts& f)
{
    f.couponId = couponid::normalize(b.couponId).value_or(b.couponId);
    auto named = namedSession(e, f, b.couponId, b.sessionStart);
    if (!named)
        return tl::unexpected(named.error());
    if (auto* refused = std::get_if<Verdict>(&*named))
        return std::move(*refused);
    const Session& s = std::get<Session>(*named);
    if (s.source == "paper")
        return Verdict{std::string(reason::invalid_event), "a paper session is recorded whole: it has no close",
                       std::nullopt};
    if (s.status == "rejected")
        return Verdict{std::string(reason::session_rejected), "the ledger rejected this session's opening",
                       std::nullopt};
    if (s.status == "cancelled")
        return Verdict{std::string(reason::invalid_event), "the session was cancelled: it cannot be closed",
                       std::nullopt};
    if (s.status == "closed") {
        protocol::SessionFigures held;
        held.date = s.date;
        held.start = s.start;
        held.stop = s.stop.value_or(s.start);
        held.actualMinutes = s.actualMinutes;
        held.billedMinutes = s.billedMinutes;
        const auto day = parseDate(s.date);
        const auto svc = parseService(s.service);
        if (day && svc)
            if (auto price = e.provider.priceOn(*svc, *day))
                held.amountYen = amountYen(s.billedMinutes, price->yenPerHour);
        return Verdict{std::string(reason::already_closed), "the ledger holds this session closed already", held};
    }
    if (b.stop != e.wire.at)
        return Verdict{std::string(reason::invalid_event), "a close's stop is the time it was recorded (at)",
                       std::nullopt};
    const auto svc = parseService(s.service);
    if (!svc)
        return fail(Errc::store_corrupt, "a session in the ledger has a damaged service");
    auto policy = policyOn(s.date);
    if (!policy)
        return tl::unexpected(policy.error());
    if (auto bad = checkTimes(e, f.sessionId, *svc, s.start, b.stop, *policy); !bad)
        return tl::unexpected(bad.error());
    else if (*bad)
        return std::move(**bad);
    auto left = remaining(s.couponId);
    if (!left)
        return tl::unexpected(left.error());
    auto computed = compute(e.provider, *svc, s.start, b.stop, *left);
    if (!computed) {
        if (auto refused = refusalOf<Verdict>(computed.error()))
            return std::move(*refused);
        return tl::unexpected(computed.error());
    }
    if (auto wrong = compare(*computed, *left, b.actualMinutes, b.billedMinutes, nullptr)) {
        // The close is refused and the session stays open here, so that the provider's manager can settle it:
        // a correction the ledger accepts, or a cancellation. The provider hears the ledger's figures at its
        // next pull.
        if (wrong->reason == reason::no_balance)
            SANGO_TRY(m_changes->recordBalance(s.couponId));
        return std::move(*wrong);
    }
    const auto& fig = computed->figures;
    SANGO_TRY(m_store->closeSession(e.terminal.terminalId, f.sessionId,
                                    {s.start, b.stop, s.date, fig.actualMinutes, fig.billedMinutes, fig.billedMinutes}));
    if (fig.billedMinutes > 0)
        SANGO_TRY(m_changes->recordBalance(s.couponId));
    return Verdict{{}, {}, fig};
}

Expected<Rules::Verdict> Rules::judgeCancelled(const Event& e, const events::SessionCancelled& b, Facts& f)
{
    auto named = namedSession(e, f, b.couponId, b.sessionStart);
    if (!named)
        return tl::unexpected(named.error());
    if (auto* refused = std::get_if<Verdict>(&*named))
        return std::move(*refused);
    const Session& s = std::get<Session>(*named);
    if (s.status == "cancelled")
        return Verdict{}; // nothing left to cancel
    auto policy = policyOn(s.date);
    if (!policy)
        return tl::unexpected(policy.error());
    if (auto old = checkWindow(e, f.sessionId, s.start, *policy); !old)
        return tl::unexpected(old.error());
    else if (*old)
        return std::move(**old);
    // Staff cancel a closed session only within the cancel window after its stop; later it is a manager's
    // correction, which the terminal flags `corrected`.
    const bool byManager = std::find(b.common.flags.begin(), b.common.flags.end(), "corrected") != b.common.flags.end();
    // Both times are the terminal's own clock, as the terminal's rule compares them: no skew between them.
    if (s.status == "closed" && s.stop && !byManager &&
        e.wire.at > *s.stop + policy->cancelWindowMinutes * 60)
        return Verdict{std::string(reason::too_late_to_cancel),
                       "staff may cancel a closed session only within " +
                           std::to_string(policy->cancelWindowMinutes) + " minutes of its stop: a manager corrects it",
                       std::nullopt};
    // The billed time goes back to the coupon. A session whose opening was refused is settled the same way by
    // the manager: it counted nothing, bills nothing, and the terminal's attention list clears.
    SANGO_TRY(m_store->cancelSession(e.terminal.terminalId, f.sessionId));
    if (s.countedMinutes > 0)
        SANGO_TRY(m_changes->recordBalance(s.couponId));
    return Verdict{};
}

Expected<Rules::Verdict> Rules::judgeCorrected(const Event& e, const events::SessionCorrected& b, Facts& f)
{
    auto named = namedSession(e, f, b.couponId, b.sessionStart);
    if (!named)
        return tl::unexpected(named.error());
    if (auto* refused = std::get_if<Verdict>(&*named))
        return std::move(*refused);
    const Session& s = std::get<Session>(*named);
    if (s.status == "rejected") {
        // An opening refused only for coming too late is settled by a manager's correction once the
        // municipality has unlocked the session: the correction stands in for it, and the coupon is checked as
        // for an opening at the corrected start. Any other refused opening stays refused.
        SANGO_TRY_ASSIGN(const auto openedAs, m_store->openingReason(e.terminal.terminalId, f.sessionId));
        if (s.source == "paper" || openedAs.value_or("") != reason::too_old)
            return Verdict{std::string(reason::session_rejected), "the ledger rejected this session's opening",
                           std::nullopt};
        if (auto refused = checkCoupon(e, s.couponId, s.service, b.start, false); !refused)
            return tl::unexpected(refused.error());
        else if (*refused)
            return std::move(**refused);
    }
    const auto svc = parseService(s.service);
    if (!svc)
        return fail(Errc::store_corrupt, "a session in the ledger has a damaged service");
    // A correction records what happened: it ends before it was recorded.
    if (b.start >= b.stop)
        return Verdict{std::string(reason::invalid_time), "a corrected session must end after it starts",
                       std::nullopt};
    if (b.stop > e.wire.at + kClockSkew)
        return Verdict{std::string(reason::invalid_time), "a correction cannot end after the time it was recorded",
                       std::nullopt};
    const std::string date = formatDate(m_zone.dateOf(Instant(std::chrono::seconds(b.start))));
    auto policy = policyOn(date);
    if (!policy)
        return tl::unexpected(policy.error());
    // Both the session as it was and as corrected must lie within the correction window.
    if (auto old = checkWindow(e, f.sessionId, std::min(s.start, b.start), *policy); !old)
        return tl::unexpected(old.error());
    else if (*old)
        return std::move(**old);
    if (auto bad = checkTimes(e, f.sessionId, *svc, b.start, b.stop, *policy); !bad)
        return tl::unexpected(bad.error());
    else if (*bad)
        return std::move(**bad);
    std::optional<std::int64_t> left;
    if (!s.couponId.empty()) {
        auto l = remaining(s.couponId, s.countedMinutes);
        if (!l)
            return tl::unexpected(l.error());
        left = *l;
    }
    auto computed = compute(e.provider, *svc, b.start, b.stop, left);
    if (!computed) {
        if (auto refused = refusalOf<Verdict>(computed.error()))
            return std::move(*refused);
        return tl::unexpected(computed.error());
    }
    // The correction stays unapplied when refused; the session keeps what was accepted before.
    if (auto wrong = compare(*computed, left, b.actualMinutes, b.billedMinutes, &b.date))
        return std::move(*wrong);
    const auto& fig = computed->figures;
    const std::int64_t counted = s.couponId.empty() ? 0 : fig.billedMinutes;
    // A correction replaces the times, the date and the billing; a cancelled session is restored by it.
    SANGO_TRY(m_store->correctSession(e.terminal.terminalId, f.sessionId,
                                      {b.start, b.stop, fig.date, fig.actualMinutes, fig.billedMinutes, counted}));
    if (!s.couponId.empty() && counted != s.countedMinutes)
        SANGO_TRY(m_changes->recordBalance(s.couponId));
    return Verdict{{}, {}, fig};
}

} // namespace sango::ledger
