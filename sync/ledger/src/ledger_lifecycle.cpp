// Ledger: the lifecycle of what the municipality hands out — enrolment codes (cancelled), providers
// (suspended, resumed), terminals (revoked when lost or retired), paper tickets (issued for a coupon), and
// sessions let through the correction window.
#include "changes.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "random_codes.h"
#include "sango/coupon_id.h"
#include "sango/events.h"

namespace sango::ledger {

namespace {

Expected<void> requireProvider(LedgerStore& store, const std::string& providerId)
{
    SANGO_TRY_ASSIGN(const bool known, store.providerExists(providerId));
    if (!known)
        return fail(Errc::invalid_argument, "there is no provider " + providerId + ": see `sango-ledger terminals`");
    return {};
}

Expected<void> requireTerminal(LedgerStore& store, const std::string& terminalId)
{
    SANGO_TRY_ASSIGN(const bool known, store.terminalExists(terminalId));
    if (!known)
        return fail(Errc::invalid_argument, "there is no terminal " + terminalId + ": see `sango-ledger terminals`");
    return {};
}

} // namespace

Expected<void> Ledger::cancelEnrolmentCode(const std::string& code)
{
    const std::string normal = codes::normalizeEnrolmentCode(code);
    if (normal.empty())
        return fail(Errc::invalid_argument, "that is not an enrolment code (16 characters, as given to the provider)");
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto hash, detail::codeHash(store, normal));
    SANGO_TRY_ASSIGN(const bool unused, store.enrolmentCodeOpen(hash));
    if (!unused)
        return fail(Errc::invalid_argument, "no unused enrolment code matches: it was used, cancelled or never "
                                            "given (`sango-ledger terminals` lists what enrolled)");
    SANGO_TRY(store.cancelEnrolmentCode(hash, m_impl->now()));
    SANGO_TRY(tx.commit());
    logger()->info("an enrolment code was cancelled");
    return {};
}

Expected<std::int64_t> Ledger::cancelEnrolmentCodes(const std::string& providerId)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY(requireProvider(store, providerId));
    SANGO_TRY_ASSIGN(const auto n, store.cancelEnrolmentCodesOf(providerId, m_impl->now()));
    SANGO_TRY(tx.commit());
    logger()->info("{} enrolment code(s) of provider {} cancelled", n, providerId);
    return n;
}

Expected<void> Ledger::suspendProvider(const std::string& providerId)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY(requireProvider(store, providerId));
    // Suspended since the first suspension: suspending again changes nothing.
    SANGO_TRY(store.suspendProvider(providerId, m_impl->now()));
    SANGO_TRY(tx.commit());
    logger()->info("provider {} suspended", providerId);
    return {};
}

Expected<void> Ledger::resumeProvider(const std::string& providerId)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY(requireProvider(store, providerId));
    SANGO_TRY(store.resumeProvider(providerId));
    SANGO_TRY(tx.commit());
    logger()->info("provider {} resumed", providerId);
    return {};
}

Expected<void> Ledger::revokeTerminal(const std::string& terminalId, const std::string& reason)
{
    if (reason != "lost" && reason != "retired")
        return fail(Errc::invalid_argument, "--reason must be lost or retired");
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY(requireTerminal(store, terminalId));
    // The first revocation and its reason stand.
    SANGO_TRY(store.revokeTerminal(terminalId, reason, m_impl->now()));
    SANGO_TRY(tx.commit());
    logger()->info("terminal {} revoked ({})", terminalId, reason);
    return {};
}

Expected<PaperTickets> Ledger::issuePaperTickets(const std::string& couponId, int n)
{
    if (n < 1 || n > 100)
        return fail(Errc::invalid_argument, "--tickets must be 1 to 100");
    auto id = couponid::normalize(couponId);
    if (!id)
        return fail(Errc::unknown_coupon, "\"" + couponId + "\" is not a coupon id (16 characters, as printed under "
                                                            "the QR code)");
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto known, store.findCoupon(*id));
    if (!known)
        return fail(Errc::unknown_coupon, "this ledger never issued coupon " + couponid::grouped(*id));
    PaperTickets out;
    out.couponId = *id;
    const std::int64_t now = m_impl->now();
    while (out.tickets.size() < static_cast<std::size_t>(n)) {
        const std::string printed = codes::paperTicket();
        const std::string canonical = codes::normalizePaperTicket(printed);
        // 45 random bits make a repeat all but impossible; the check makes it impossible.
        SANGO_TRY_ASSIGN(const bool taken, store.paperTicketExists(canonical));
        if (taken)
            continue;
        SANGO_TRY(store.addPaperTicket(canonical, *id, now));
        out.tickets.push_back(printed);
    }
    SANGO_TRY(tx.commit());
    logger()->info("{} paper ticket(s) issued", n);
    return out;
}

Expected<std::int64_t> Ledger::unlockSession(const std::string& terminalId, const std::string& sessionId, int days)
{
    if (days < 1 || days > 90)
        return fail(Errc::invalid_argument, "--days must be 1 to 90");
    if (!events::isSessionId(sessionId))
        return fail(Errc::invalid_argument, "that is not a session id (as the terminal's reports show it)");
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY(requireTerminal(store, terminalId));
    const std::int64_t now = m_impl->now();
    const std::int64_t until = now + static_cast<std::int64_t>(days) * 86400;
    SANGO_TRY(store.unlockSession(terminalId, sessionId, until, now));
    SANGO_TRY(tx.commit());
    logger()->info("session {} of terminal {} unlocked for {} days", sessionId, terminalId, days);
    return until;
}

} // namespace sango::ledger
