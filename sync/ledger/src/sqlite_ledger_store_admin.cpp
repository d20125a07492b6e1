// SqliteLedgerStore: what the municipality administers — its meta values, policies, issuer keys, providers,
// enrolment codes, coupons, paper tickets, terminals (with their nonces and pulls) and session unlocks.
#include "sqlite_ledger_store.h"

#include "sango/sql_query.h"

namespace sango::ledger {

namespace {

// count(*) > 0 of a query.
template <typename... Args>
Expected<bool> any(db::Database& d, std::string_view sql, const Args&... args)
{
    SANGO_TRY_ASSIGN(const auto n, db::scalar<std::int64_t>(d, sql, args...));
    return n.value_or(0) > 0;
}

// The columns of TerminalInfo, for every query that reads one.
constexpr std::string_view kTerminalColumns =
    "t.terminal_id, t.provider_id, t.public_key, t.label, t.enrolled_at, t.revoked_at, coalesce(t.revoke_reason, ''), "
    "p.suspended_at IS NOT NULL, t.last_contact_at, t.last_pull_at";

TerminalInfo readTerminal(const db::Statement& st)
{
    TerminalInfo t;
    t.terminalId = st.text(0);
    t.providerId = st.text(1);
    t.publicKeyB64u = st.text(2);
    t.label = st.text(3);
    t.enrolledAt = st.int64(4);
    t.revokedAt = st.optInt64(5);
    t.revokeReason = st.text(6);
    t.providerSuspended = st.int64(7) != 0;
    t.lastContactAt = st.optInt64(8);
    t.lastPullAt = st.optInt64(9);
    return t;
}

} // namespace

// ---- meta and policies ----

Expected<void> SqliteLedgerStore::initialise(const std::string& municipality, const std::string& codeSecretHex)
{
    return db::exec(m_db, "INSERT INTO meta(key, value) VALUES ('municipality', ?), ('code_secret', ?)", municipality,
                    codeSecretHex);
}

Expected<std::optional<std::string>> SqliteLedgerStore::municipality()
{
    return db::scalar<std::string>(m_db, "SELECT value FROM meta WHERE key = 'municipality'");
}

Expected<std::optional<std::string>> SqliteLedgerStore::codeSecret()
{
    return db::scalar<std::string>(m_db, "SELECT value FROM meta WHERE key = 'code_secret'");
}

Expected<void> SqliteLedgerStore::addPolicy(const std::string& fromDate, const std::string& policy, std::int64_t now)
{
    return db::exec(m_db, "INSERT INTO policies(from_date, policy, created_at) VALUES (?, ?, ?)", fromDate, policy,
                    now);
}

Expected<std::optional<std::string>> SqliteLedgerStore::newestPolicy()
{
    return db::scalar<std::string>(m_db, "SELECT policy FROM policies ORDER BY n DESC LIMIT 1");
}

Expected<std::optional<std::string>> SqliteLedgerStore::policyOn(const std::string& date)
{
    SANGO_TRY_ASSIGN(auto text, db::scalar<std::string>(m_db,
                                                        "SELECT policy FROM policies WHERE from_date <= ? "
                                                        "ORDER BY from_date DESC, n DESC LIMIT 1",
                                                        date));
    if (text)
        return text;
    // Before the first policy's date: the first policy.
    return db::scalar<std::string>(m_db, "SELECT policy FROM policies ORDER BY from_date, n LIMIT 1");
}

// ---- issuer keys ----

Expected<std::vector<IssuerKeyRow>> SqliteLedgerStore::activeIssuerKeys()
{
    return db::rows(
        m_db, "SELECT kid, public_key FROM issuer_keys WHERE retired_at IS NULL ORDER BY created_at, kid",
        [](const db::Statement& st) { return IssuerKeyRow{st.text(0), st.text(1)}; });
}

Expected<bool> SqliteLedgerStore::issuerKeyExists(const std::string& kid)
{
    return any(m_db, "SELECT count(*) FROM issuer_keys WHERE kid = ?", kid);
}

Expected<void> SqliteLedgerStore::addIssuerKey(const std::string& kid, const std::uint8_t* secret, std::size_t secretSize,
                                         const std::string& publicKeyB64u, std::int64_t now)
{
    return db::exec(m_db, "INSERT INTO issuer_keys(kid, secret, public_key, created_at) VALUES (?, ?, ?, ?)", kid,
                    db::Blob{secret, secretSize}, publicKeyB64u, now);
}

Expected<std::optional<IssuerSecret>> SqliteLedgerStore::activeIssuerSecret(const std::optional<std::string>& kid)
{
    const auto read = [](const db::Statement& st) { return IssuerSecret{st.text(0), st.blob(1)}; };
    if (kid)
        return db::row(m_db, "SELECT kid, secret FROM issuer_keys WHERE kid = ? AND retired_at IS NULL", read, *kid);
    return db::row(m_db,
                   "SELECT kid, secret FROM issuer_keys WHERE retired_at IS NULL "
                   "ORDER BY created_at DESC, kid DESC LIMIT 1",
                   read);
}

Expected<std::optional<bool>> SqliteLedgerStore::issuerKeyRetired(const std::string& kid)
{
    return db::row(m_db, "SELECT retired_at FROM issuer_keys WHERE kid = ?",
                   [](const db::Statement& st) { return !st.isNull(0); }, kid);
}

Expected<std::int64_t> SqliteLedgerStore::activeIssuerKeyCount()
{
    SANGO_TRY_ASSIGN(const auto n, db::scalar<std::int64_t>(m_db, "SELECT count(*) FROM issuer_keys "
                                                                  "WHERE retired_at IS NULL"));
    return n.value_or(0);
}

Expected<void> SqliteLedgerStore::retireIssuerKey(const std::string& kid, std::int64_t now)
{
    return db::exec(m_db, "UPDATE issuer_keys SET retired_at = ? WHERE kid = ?", now, kid);
}

// ---- providers ----

Expected<std::optional<std::string>> SqliteLedgerStore::providerProfile(const std::string& providerId)
{
    return db::scalar<std::string>(m_db, "SELECT profile FROM providers WHERE provider_id = ?", providerId);
}

Expected<bool> SqliteLedgerStore::providerExists(const std::string& providerId)
{
    return any(m_db, "SELECT count(*) FROM providers WHERE provider_id = ?", providerId);
}

Expected<bool> SqliteLedgerStore::providerSuspended(const std::string& providerId)
{
    SANGO_TRY_ASSIGN(const auto s, db::scalar<std::int64_t>(m_db, "SELECT suspended_at IS NOT NULL FROM providers "
                                                                  "WHERE provider_id = ?",
                                                            providerId));
    return s.value_or(0) != 0;
}

Expected<void> SqliteLedgerStore::addProvider(const std::string& providerId, const std::string& profile, std::int64_t now)
{
    return db::exec(m_db, "INSERT INTO providers(provider_id, profile, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    providerId, profile, now, now);
}

Expected<void> SqliteLedgerStore::updateProvider(const std::string& providerId, const std::string& profile,
                                           std::int64_t now)
{
    return db::exec(m_db, "UPDATE providers SET profile = ?, updated_at = ? WHERE provider_id = ?", profile, now,
                    providerId);
}

Expected<void> SqliteLedgerStore::suspendProvider(const std::string& providerId, std::int64_t now)
{
    return db::exec(m_db, "UPDATE providers SET suspended_at = coalesce(suspended_at, ?) WHERE provider_id = ?", now,
                    providerId);
}

Expected<void> SqliteLedgerStore::resumeProvider(const std::string& providerId)
{
    return db::exec(m_db, "UPDATE providers SET suspended_at = NULL WHERE provider_id = ?", providerId);
}

// ---- enrolment codes ----

Expected<void> SqliteLedgerStore::addEnrolmentCode(const std::string& codeHash, const std::string& providerId,
                                             std::int64_t now, std::int64_t expiresAt)
{
    return db::exec(m_db,
                    "INSERT INTO enrolment_codes(code_hash, provider_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    codeHash, providerId, now, expiresAt);
}

Expected<std::optional<EnrolmentCodeRow>> SqliteLedgerStore::findEnrolmentCode(const std::string& codeHash,
                                                                         std::int64_t now)
{
    return db::row(
        m_db,
        "SELECT c.provider_id, c.used_at, coalesce(c.terminal_id, ''), coalesce(t.public_key, ''), "
        "c.used_at IS NULL AND c.cancelled_at IS NULL AND coalesce(c.expires_at, 0) > ? "
        "FROM enrolment_codes c LEFT JOIN terminals t ON t.terminal_id = c.terminal_id "
        "WHERE c.code_hash = ?",
        [](const db::Statement& st) {
            return EnrolmentCodeRow{st.text(0), st.optInt64(1), st.text(2), st.text(3), st.int64(4) != 0};
        },
        now, codeHash);
}

Expected<bool> SqliteLedgerStore::enrolmentCodeOpen(const std::string& codeHash)
{
    return any(m_db, "SELECT count(*) FROM enrolment_codes WHERE code_hash = ? AND used_at IS NULL AND "
                     "cancelled_at IS NULL",
               codeHash);
}

Expected<void> SqliteLedgerStore::cancelEnrolmentCode(const std::string& codeHash, std::int64_t now)
{
    return db::exec(m_db, "UPDATE enrolment_codes SET cancelled_at = ? WHERE code_hash = ?", now, codeHash);
}

Expected<std::int64_t> SqliteLedgerStore::cancelEnrolmentCodesOf(const std::string& providerId, std::int64_t now)
{
    SANGO_TRY_ASSIGN(const auto n, db::scalar<std::int64_t>(m_db,
                                                            "SELECT count(*) FROM enrolment_codes WHERE provider_id = ? "
                                                            "AND used_at IS NULL AND cancelled_at IS NULL",
                                                            providerId));
    SANGO_TRY(db::exec(m_db,
                       "UPDATE enrolment_codes SET cancelled_at = ? WHERE provider_id = ? AND used_at IS NULL "
                       "AND cancelled_at IS NULL",
                       now, providerId));
    return n.value_or(0);
}

Expected<void> SqliteLedgerStore::spendEnrolmentCode(const std::string& codeHash, const std::string& terminalId,
                                               std::int64_t now)
{
    return db::exec(m_db, "UPDATE enrolment_codes SET used_at = ?, terminal_id = ? WHERE code_hash = ?", now,
                    terminalId, codeHash);
}

// ---- coupons and paper tickets ----

Expected<std::optional<CouponRow>> SqliteLedgerStore::findCoupon(const std::string& couponId)
{
    return db::row(
        m_db,
        "SELECT grant_minutes, services, not_before, expires, revoked_at, revoked_change FROM coupons "
        "WHERE coupon_id = ?",
        [](const db::Statement& st) {
            return CouponRow{st.int64(0), st.text(1), st.int64(2), st.int64(3), st.optInt64(4), st.optInt64(5)};
        },
        couponId);
}

Expected<bool> SqliteLedgerStore::couponIdOrSerialTaken(const std::string& couponId, const std::string& serial)
{
    return any(m_db, "SELECT count(*) FROM coupons WHERE coupon_id = ? OR serial = ?", couponId, serial);
}

Expected<void> SqliteLedgerStore::addCoupon(const NewCoupon& c)
{
    return db::exec(m_db,
                    "INSERT INTO coupons(coupon_id, type, grant_minutes, services, not_before, expires, kid, serial, "
                    "pass_hash, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.couponId, c.type, c.grantMinutes, c.services, c.notBefore, c.expires, c.kid, c.serial,
                    c.passHash, c.issuedAt);
}

Expected<void> SqliteLedgerStore::revokeCoupon(const std::string& couponId, const std::string& reason, std::int64_t now,
                                         std::int64_t change)
{
    return db::exec(m_db,
                    "UPDATE coupons SET revoked_at = ?, revoke_reason = ?, revoked_change = ? WHERE coupon_id = ?",
                    now, reason, change, couponId);
}

Expected<CouponBalance> SqliteLedgerStore::couponBalance(const std::string& couponId)
{
    CouponBalance b;
    SANGO_TRY_ASSIGN(b.grantMinutes,
                     db::scalar<std::int64_t>(m_db, "SELECT grant_minutes FROM coupons WHERE coupon_id = ?", couponId));
    SANGO_TRY_ASSIGN(const auto used, db::scalar<std::int64_t>(m_db,
                                                               "SELECT coalesce(sum(counted_minutes), 0) FROM sessions "
                                                               "WHERE coupon_id = ?",
                                                               couponId));
    b.usedMinutes = used.value_or(0);
    return b;
}

Expected<std::int64_t> SqliteLedgerStore::couponUsedBy(const std::string& couponId, const std::string& terminalId)
{
    SANGO_TRY_ASSIGN(const auto n, db::scalar<std::int64_t>(m_db,
                                                            "SELECT coalesce(sum(counted_minutes), 0) FROM sessions "
                                                            "WHERE coupon_id = ? AND terminal_id = ? AND source != "
                                                            "'paper'",
                                                            couponId, terminalId));
    return n.value_or(0);
}

Expected<bool> SqliteLedgerStore::paperTicketExists(const std::string& ticket)
{
    return any(m_db, "SELECT count(*) FROM paper_tickets WHERE ticket = ?", ticket);
}

Expected<void> SqliteLedgerStore::addPaperTicket(const std::string& ticket, const std::string& couponId, std::int64_t now)
{
    return db::exec(m_db, "INSERT INTO paper_tickets(ticket, coupon_id, issued_at) VALUES (?, ?, ?)", ticket,
                    couponId, now);
}

Expected<std::optional<PaperTicketRow>> SqliteLedgerStore::findPaperTicket(const std::string& ticket)
{
    return db::row(m_db, "SELECT coupon_id, used_at FROM paper_tickets WHERE ticket = ?",
                   [](const db::Statement& st) { return PaperTicketRow{st.text(0), !st.isNull(1)}; }, ticket);
}

Expected<void> SqliteLedgerStore::spendPaperTicket(const std::string& ticket, const std::string& terminalId,
                                             const std::string& sessionId, std::int64_t now)
{
    return db::exec(m_db, "UPDATE paper_tickets SET terminal_id = ?, session_id = ?, used_at = ? WHERE ticket = ?",
                    terminalId, sessionId, now, ticket);
}

// ---- terminals ----

Expected<bool> SqliteLedgerStore::terminalExists(const std::string& terminalId)
{
    return any(m_db, "SELECT count(*) FROM terminals WHERE terminal_id = ?", terminalId);
}

Expected<std::optional<TerminalInfo>> SqliteLedgerStore::findTerminal(const std::string& terminalId)
{
    return db::row(m_db,
                   "SELECT " + std::string(kTerminalColumns) +
                       " FROM terminals t JOIN providers p ON p.provider_id = t.provider_id WHERE t.terminal_id = ?",
                   readTerminal, terminalId);
}

Expected<std::vector<TerminalInfo>> SqliteLedgerStore::terminals()
{
    return db::rows(m_db,
                    "SELECT " + std::string(kTerminalColumns) +
                        " FROM terminals t JOIN providers p ON p.provider_id = t.provider_id "
                        "ORDER BY t.provider_id, t.number",
                    readTerminal);
}

Expected<bool> SqliteLedgerStore::terminalRevoked(const std::string& terminalId)
{
    SANGO_TRY_ASSIGN(const auto r, db::scalar<std::int64_t>(m_db, "SELECT revoked_at IS NOT NULL FROM terminals "
                                                                  "WHERE terminal_id = ?",
                                                            terminalId));
    return r.value_or(0) != 0;
}

Expected<std::int64_t> SqliteLedgerStore::lastTerminalNumber(const std::string& providerId)
{
    SANGO_TRY_ASSIGN(const auto n,
                     db::scalar<std::int64_t>(m_db, "SELECT max(number) FROM terminals WHERE provider_id = ?", providerId));
    return n.value_or(0);
}

Expected<void> SqliteLedgerStore::addTerminal(const NewTerminal& t)
{
    return db::exec(m_db,
                    "INSERT INTO terminals(terminal_id, provider_id, number, public_key, label, enrolled_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    t.terminalId, t.providerId, t.number, t.publicKeyB64u, t.label, t.enrolledAt);
}

Expected<void> SqliteLedgerStore::revokeTerminal(const std::string& terminalId, const std::string& reason, std::int64_t now)
{
    // The first revocation and its reason stand.
    return db::exec(m_db,
                    "UPDATE terminals SET revoked_at = coalesce(revoked_at, ?), "
                    "revoke_reason = coalesce(revoke_reason, ?) WHERE terminal_id = ?",
                    now, reason, terminalId);
}

Expected<std::optional<std::int64_t>> SqliteLedgerStore::lastPullAt(const std::string& terminalId)
{
    return db::scalar<std::int64_t>(m_db, "SELECT last_pull_at FROM terminals WHERE terminal_id = ?", terminalId);
}

Expected<void> SqliteLedgerStore::recordPull(const std::string& terminalId, std::int64_t now, std::int64_t cursor)
{
    return db::exec(m_db,
                    "UPDATE terminals SET last_pull_at = ?, pulled_cursor = max(coalesce(pulled_cursor, 0), ?) "
                    "WHERE terminal_id = ?",
                    now, cursor, terminalId);
}

Expected<bool> SqliteLedgerStore::terminalPulled(const std::string& terminalId, std::int64_t seq)
{
    SANGO_TRY_ASSIGN(const auto knew, db::scalar<std::int64_t>(m_db, "SELECT pulled_cursor >= ? FROM terminals "
                                                                     "WHERE terminal_id = ?",
                                                               seq, terminalId));
    return knew.value_or(0) != 0;
}

Expected<bool> SqliteLedgerStore::rememberNonce(const std::string& terminalId, const std::string& nonce,
                                          std::int64_t keepUntil, std::int64_t horizon, std::int64_t now)
{
    SANGO_TRY(db::exec(m_db, "DELETE FROM nonces WHERE ts < ?", horizon));
    SANGO_TRY_ASSIGN(const bool seen,
                     any(m_db, "SELECT count(*) FROM nonces WHERE terminal_id = ? AND nonce = ?", terminalId, nonce));
    if (seen)
        return false;
    SANGO_TRY(db::exec(m_db, "INSERT INTO nonces(terminal_id, nonce, ts) VALUES (?, ?, ?)", terminalId, nonce,
                       keepUntil));
    SANGO_TRY(db::exec(m_db, "UPDATE terminals SET last_contact_at = ? WHERE terminal_id = ?", now, terminalId));
    return true;
}

// ---- session unlocks ----

Expected<void> SqliteLedgerStore::unlockSession(const std::string& terminalId, const std::string& sessionId,
                                          std::int64_t until, std::int64_t now)
{
    return db::exec(m_db,
                    "INSERT OR REPLACE INTO session_unlocks(terminal_id, session_id, until, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    terminalId, sessionId, until, now);
}

Expected<bool> SqliteLedgerStore::sessionUnlocked(const std::string& terminalId, const std::string& sessionId,
                                            std::int64_t now)
{
    return any(m_db, "SELECT count(*) FROM session_unlocks WHERE terminal_id = ? AND session_id = ? AND until >= ?",
               terminalId, sessionId, now);
}

} // namespace sango::ledger
