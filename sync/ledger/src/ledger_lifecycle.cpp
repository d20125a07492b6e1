// Ledger: the lifecycle of what the municipality hands out — enrolment codes (cancelled), providers
// (suspended, resumed), terminals (revoked when lost or retired), paper tickets (issued for a coupon), and
// sessions let through the correction window.
#include "changes.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "random_codes.h"
#include "sango/coupon_id.h"
#include "sango/events.h"
#include "sql.h"

namespace sango::ledger {

namespace {

Expected<void> requireProvider(db::Database& d, const std::string& providerId)
{
    auto known = sql::scalarInt(d, "SELECT count(*) FROM providers WHERE provider_id = ?", providerId);
    if (!known)
        return tl::unexpected(known.error());
    if (known->value_or(0) == 0)
        return fail(Errc::invalid_argument, "there is no provider " + providerId + ": see `sango-ledger terminals`");
    return {};
}

Expected<void> requireTerminal(db::Database& d, const std::string& terminalId)
{
    auto known = sql::scalarInt(d, "SELECT count(*) FROM terminals WHERE terminal_id = ?", terminalId);
    if (!known)
        return tl::unexpected(known.error());
    if (known->value_or(0) == 0)
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
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto hash = detail::codeHash(d, normal);
    if (!hash)
        return tl::unexpected(hash.error());
    auto unused = sql::scalarInt(d,
                                 "SELECT count(*) FROM enrolment_codes WHERE code_hash = ? AND used_at IS NULL AND "
                                 "cancelled_at IS NULL",
                                 *hash);
    if (!unused)
        return tl::unexpected(unused.error());
    if (unused->value_or(0) == 0)
        return fail(Errc::invalid_argument, "no unused enrolment code matches: it was used, cancelled or never "
                                            "given (`sango-ledger terminals` lists what enrolled)");
    SANGO_TRY(sql::exec(d, "UPDATE enrolment_codes SET cancelled_at = ? WHERE code_hash = ?", m_impl->now(),
                               *hash));
    SANGO_TRY(tx->commit());
    logger()->info("an enrolment code was cancelled");
    return {};
}

Expected<std::int64_t> Ledger::cancelEnrolmentCodes(const std::string& providerId)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    SANGO_TRY(requireProvider(d, providerId));
    auto n = sql::scalarInt(d,
                            "SELECT count(*) FROM enrolment_codes WHERE provider_id = ? AND used_at IS NULL AND "
                            "cancelled_at IS NULL",
                            providerId);
    if (!n)
        return tl::unexpected(n.error());
    SANGO_TRY(sql::exec(d,
                               "UPDATE enrolment_codes SET cancelled_at = ? WHERE provider_id = ? AND used_at IS NULL "
                               "AND cancelled_at IS NULL",
                               m_impl->now(), providerId));
    SANGO_TRY(tx->commit());
    logger()->info("{} enrolment code(s) of provider {} cancelled", n->value_or(0), providerId);
    return n->value_or(0);
}

Expected<void> Ledger::suspendProvider(const std::string& providerId)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    SANGO_TRY(requireProvider(d, providerId));
    // Suspended since the first suspension: suspending again changes nothing.
    SANGO_TRY(sql::exec(d, "UPDATE providers SET suspended_at = coalesce(suspended_at, ?) WHERE provider_id = ?",
                               m_impl->now(), providerId));
    SANGO_TRY(tx->commit());
    logger()->info("provider {} suspended", providerId);
    return {};
}

Expected<void> Ledger::resumeProvider(const std::string& providerId)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    SANGO_TRY(requireProvider(d, providerId));
    SANGO_TRY(sql::exec(d, "UPDATE providers SET suspended_at = NULL WHERE provider_id = ?", providerId));
    SANGO_TRY(tx->commit());
    logger()->info("provider {} resumed", providerId);
    return {};
}

Expected<void> Ledger::revokeTerminal(const std::string& terminalId, const std::string& reason)
{
    if (reason != "lost" && reason != "retired")
        return fail(Errc::invalid_argument, "--reason must be lost or retired");
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    SANGO_TRY(requireTerminal(d, terminalId));
    // The first revocation and its reason stand.
    SANGO_TRY(sql::exec(d,
                               "UPDATE terminals SET revoked_at = coalesce(revoked_at, ?), "
                               "revoke_reason = coalesce(revoke_reason, ?) WHERE terminal_id = ?",
                               m_impl->now(), reason, terminalId));
    SANGO_TRY(tx->commit());
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
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto known = sql::scalarInt(d, "SELECT count(*) FROM coupons WHERE coupon_id = ?", *id);
    if (!known)
        return tl::unexpected(known.error());
    if (known->value_or(0) == 0)
        return fail(Errc::unknown_coupon, "this ledger never issued coupon " + couponid::grouped(*id));
    PaperTickets out;
    out.couponId = *id;
    const std::int64_t now = m_impl->now();
    while (out.tickets.size() < static_cast<std::size_t>(n)) {
        const std::string printed = codes::paperTicket();
        const std::string canonical = codes::normalizePaperTicket(printed);
        // 45 random bits make a repeat all but impossible; the check makes it impossible.
        auto taken = sql::scalarInt(d, "SELECT count(*) FROM paper_tickets WHERE ticket = ?", canonical);
        if (!taken)
            return tl::unexpected(taken.error());
        if (taken->value_or(0) > 0)
            continue;
        SANGO_TRY(sql::exec(d, "INSERT INTO paper_tickets(ticket, coupon_id, issued_at) VALUES (?, ?, ?)",
                                   canonical, *id, now));
        out.tickets.push_back(printed);
    }
    SANGO_TRY(tx->commit());
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
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    SANGO_TRY(requireTerminal(d, terminalId));
    const std::int64_t now = m_impl->now();
    const std::int64_t until = now + static_cast<std::int64_t>(days) * 86400;
    SANGO_TRY(sql::exec(d,
                               "INSERT OR REPLACE INTO session_unlocks(terminal_id, session_id, until, created_at) "
                               "VALUES (?, ?, ?, ?)",
                               terminalId, sessionId, until, now));
    SANGO_TRY(tx->commit());
    logger()->info("session {} of terminal {} unlocked for {} days", sessionId, terminalId, days);
    return until;
}

} // namespace sango::ledger
