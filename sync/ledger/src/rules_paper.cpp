// Rules: paper sessions. A mother who switched to paper hands over tickets the ledger issued for her coupon
// (`sango-ledger paper issue`); a provider's manager records each as a session. The ticket must be one the
// ledger issued and not yet used, by any provider; its time is billed by the policy and taken from that
// coupon's grant like a digital session's.
#include "rules.h"

#include "random_codes.h"
#include "sango/ledger/ledger.h"

namespace sango::ledger {

namespace reason = protocol::reason;

Expected<Rules::Verdict> Rules::judgePaper(const Event& e, const events::PaperSession& b, Facts& f)
{
    const std::string ticket = codes::normalizePaperTicket(b.ticket);
    f.couponId = ticket.empty() ? b.ticket : codes::printedPaperTicket(ticket);
    auto existing = session(e.terminal.terminalId, f.sessionId);
    if (!existing)
        return tl::unexpected(existing.error());
    if (*existing)
        return Verdict{std::string(reason::conflict),
                       "the ledger already holds session " + f.sessionId + " of this terminal: it is another session",
                       std::nullopt};
    std::string coupon;
    auto verdict = [&]() -> Expected<Verdict> {
        if (ticket.empty())
            return Verdict{std::string(reason::unknown_ticket), "not a ticket number the ledger issues",
                           std::nullopt};
        SANGO_TRY_ASSIGN(const auto issued, m_store->findPaperTicket(ticket));
        if (!issued)
            return Verdict{std::string(reason::unknown_ticket), "the ledger never issued this ticket", std::nullopt};
        coupon = issued->couponId;
        if (issued->used)
            return Verdict{std::string(reason::duplicate_ticket), "this ticket was used already", std::nullopt};
        const auto svc = parseService(b.service);
        const std::string date = formatDate(m_zone.dateOf(Instant(std::chrono::seconds(b.start))));
        auto policy = policyOn(date);
        if (!policy)
            return tl::unexpected(policy.error());
        if (!svc || !policy->rule(*svc))
            return Verdict{std::string(reason::service_not_allowed),
                           "the municipality's policy has no service " + b.service, std::nullopt};
        SANGO_TRY_ASSIGN(const auto ticketCoupon, m_store->findCoupon(coupon));
        const auto allowed = nlohmann::json::parse(ticketCoupon ? ticketCoupon->services : "[]", nullptr, false);
        if (!allowed.is_array() ||
            std::find(allowed.begin(), allowed.end(), nlohmann::json(b.service)) == allowed.end())
            return Verdict{std::string(reason::service_not_allowed),
                           "the ticket's coupon cannot be used for " + b.service, std::nullopt};
        if (!e.provider.offers(*svc))
            return Verdict{std::string(reason::wrong_provider), "the provider does not offer " + b.service,
                           std::nullopt};
        if (b.start >= b.stop)
            return Verdict{std::string(reason::invalid_time), "a paper session must end after it starts",
                           std::nullopt};
        if (b.stop > e.wire.at + kClockSkew)
            return Verdict{std::string(reason::invalid_time), "a paper session is recorded after it ends",
                           std::nullopt};
        if (auto bad = checkTimes(e, f.sessionId, *svc, b.start, b.stop, *policy); !bad)
            return tl::unexpected(bad.error());
        else if (*bad)
            return std::move(**bad);
        auto left = remaining(coupon);
        if (!left)
            return tl::unexpected(left.error());
        auto computed = compute(e.provider, *svc, b.start, b.stop, *left);
        if (!computed)
            return tl::unexpected(computed.error());
        if (auto wrong = compare(*computed, *left, b.actualMinutes, b.billedMinutes, &b.date))
            return std::move(*wrong);
        return Verdict{{}, {}, computed->figures};
    }();
    if (!verdict)
        return verdict;
    const bool ok = verdict->reason.empty();
    const auto& fig = verdict->figures;
    // A refused paper session is kept as a rejected session (so that a manager's cancellation settles it), but
    // spends no ticket.
    NewSession paper;
    paper.terminalId = e.terminal.terminalId;
    paper.sessionId = f.sessionId;
    paper.providerId = e.terminal.providerId;
    paper.couponId = coupon.empty() ? std::optional<std::string>() : std::optional<std::string>(coupon);
    paper.ticket = ok ? std::optional<std::string>(ticket) : std::optional<std::string>();
    paper.source = "paper";
    paper.service = b.service;
    paper.start = b.start;
    paper.stop = b.stop;
    paper.date = fig ? fig->date : b.date;
    paper.actualMinutes = fig ? fig->actualMinutes : b.actualMinutes;
    paper.billedMinutes = fig ? fig->billedMinutes : b.billedMinutes;
    paper.status = ok ? "closed" : "rejected";
    paper.countedMinutes = ok && fig ? fig->billedMinutes : 0;
    paper.openedEvent = e.wire.id;
    paper.openedStart = b.start;
    SANGO_TRY(m_store->addSession(paper));
    if (ok) {
        SANGO_TRY(m_store->spendPaperTicket(ticket, e.terminal.terminalId, f.sessionId, m_now));
        SANGO_TRY(m_changes->recordBalance(coupon));
    }
    return verdict;
}

} // namespace sango::ledger
