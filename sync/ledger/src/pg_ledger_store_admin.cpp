// PgLedgerStore: what the municipality administers — its meta values, policies, issuer keys, providers,
// enrolment codes, coupons, paper tickets, terminals (with their nonces and pulls) and session unlocks. The
// same queries as sqlite_ledger_store_admin.cpp; the rows a write transaction decides on are locked first.
#include "pg_query.h"
#include "sango/crypto.h"

namespace sango::ledger {

namespace {

// The columns of TerminalInfo, for every query that reads one.
constexpr std::string_view kTerminalColumns =
    "t.terminal_id, t.provider_id, t.public_key, t.label, t.enrolled_at, t.revoked_at, coalesce(t.revoke_reason, ''), "
    "p.suspended_at IS NOT NULL, t.last_contact_at, t.last_pull_at";

TerminalInfo readTerminal(const pqxx::row& r)
{
    TerminalInfo t;
    t.terminalId = pg::text(r[0]);
    t.providerId = pg::text(r[1]);
    t.publicKeyB64u = pg::text(r[2]);
    t.label = pg::text(r[3]);
    t.enrolledAt = pg::int64(r[4]);
    t.revokedAt = pg::optInt64(r[5]);
    t.revokeReason = pg::text(r[6]);
    t.providerSuspended = pg::boolean(r[7]);
    t.lastContactAt = pg::optInt64(r[8]);
    t.lastPullAt = pg::optInt64(r[9]);
    return t;
}

} // namespace

// ---- meta and policies ----

Expected<void> PgLedgerStore::initialise(const std::string& municipality, const std::string& codeSecretHex)
{
    return exec("INSERT INTO meta(key, value) VALUES ('municipality', $1), ('code_secret', $2)", municipality,
                codeSecretHex);
}

Expected<std::optional<std::string>> PgLedgerStore::municipality()
{
    return scalarText("SELECT value FROM meta WHERE key = 'municipality'");
}

Expected<std::optional<std::string>> PgLedgerStore::codeSecret()
{
    return scalarText("SELECT value FROM meta WHERE key = 'code_secret'");
}

Expected<void> PgLedgerStore::addPolicy(const std::string& fromDate, const std::string& policy, std::int64_t now)
{
    return exec("INSERT INTO policies(from_date, policy, created_at) VALUES ($1, $2, $3)", fromDate, policy, now);
}

Expected<std::optional<std::string>> PgLedgerStore::newestPolicy()
{
    return scalarText("SELECT policy FROM policies ORDER BY n DESC LIMIT 1");
}

Expected<std::optional<std::string>> PgLedgerStore::policyOn(const std::string& date)
{
    SANGO_TRY_ASSIGN(auto text, scalarText("SELECT policy FROM policies WHERE from_date <= $1 "
                                           "ORDER BY from_date DESC, n DESC LIMIT 1",
                                           date));
    if (text)
        return text;
    // Before the first policy's date: the first policy.
    return scalarText("SELECT policy FROM policies ORDER BY from_date, n LIMIT 1");
}

// ---- issuer keys ----

Expected<std::vector<IssuerKeyRow>> PgLedgerStore::activeIssuerKeys()
{
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT kid, public_key FROM issuer_keys WHERE retired_at IS NULL ORDER BY created_at, kid"));
    std::vector<IssuerKeyRow> out;
    for (const auto& row : r)
        out.push_back({pg::text(row[0]), pg::text(row[1])});
    return out;
}

Expected<bool> PgLedgerStore::issuerKeyExists(const std::string& kid)
{
    return any("SELECT count(*) FROM issuer_keys WHERE kid = $1", kid);
}

Expected<void> PgLedgerStore::addIssuerKey(const std::string& kid, const std::uint8_t* secret, std::size_t secretSize,
                                           const std::string& publicKeyB64u, std::int64_t now)
{
    // The secret goes as hex text into a BYTEA, the copy wiped once sent.
    std::string hex = crypto::toHex(secret, secretSize);
    auto r = exec("INSERT INTO issuer_keys(kid, secret, public_key, created_at) VALUES ($1, decode($2, 'hex'), $3, $4)",
                  kid, hex, publicKeyB64u, now);
    crypto::wipe(hex.data(), hex.size());
    return r;
}

Expected<std::optional<IssuerSecret>> PgLedgerStore::activeIssuerSecret(const std::optional<std::string>& kid)
{
    Expected<pqxx::result> r = kid ? query("SELECT kid, encode(secret, 'hex') FROM issuer_keys "
                                           "WHERE kid = $1 AND retired_at IS NULL",
                                           *kid)
                                   : query("SELECT kid, encode(secret, 'hex') FROM issuer_keys WHERE retired_at IS NULL "
                                           "ORDER BY created_at DESC, kid DESC LIMIT 1");
    SANGO_TRY(r);
    if (r->empty())
        return std::optional<IssuerSecret>();
    std::string hex = pg::text((*r)[0][1]);
    std::vector<std::uint8_t> bytes(hex.size() / 2);
    const bool read = crypto::fromHex(hex, bytes.data(), bytes.size());
    crypto::wipe(hex.data(), hex.size());
    if (!read) {
        crypto::wipe(bytes.data(), bytes.size());
        return fail(Errc::store_corrupt, "an issuer key in the ledger database is damaged");
    }
    return std::optional<IssuerSecret>(IssuerSecret{pg::text((*r)[0][0]), std::move(bytes)});
}

Expected<std::optional<bool>> PgLedgerStore::issuerKeyRetired(const std::string& kid)
{
    SANGO_TRY_ASSIGN(const auto r, query("SELECT retired_at FROM issuer_keys WHERE kid = $1", kid));
    if (r.empty())
        return std::optional<bool>();
    return std::optional<bool>(!r[0][0].is_null());
}

Expected<std::int64_t> PgLedgerStore::activeIssuerKeyCount()
{
    SANGO_TRY_ASSIGN(const auto n, scalarInt("SELECT count(*) FROM issuer_keys WHERE retired_at IS NULL"));
    return n.value_or(0);
}

Expected<void> PgLedgerStore::retireIssuerKey(const std::string& kid, std::int64_t now)
{
    return exec("UPDATE issuer_keys SET retired_at = $1 WHERE kid = $2", now, kid);
}

// ---- providers ----

Expected<std::optional<std::string>> PgLedgerStore::providerProfile(const std::string& providerId)
{
    return scalarText("SELECT profile FROM providers WHERE provider_id = $1", providerId);
}

Expected<bool> PgLedgerStore::providerExists(const std::string& providerId)
{
    return any("SELECT count(*) FROM providers WHERE provider_id = $1", providerId);
}

Expected<bool> PgLedgerStore::providerSuspended(const std::string& providerId)
{
    return any("SELECT count(*) FROM providers WHERE provider_id = $1 AND suspended_at IS NOT NULL", providerId);
}

Expected<void> PgLedgerStore::addProvider(const std::string& providerId, const std::string& profile, std::int64_t now)
{
    return exec("INSERT INTO providers(provider_id, profile, created_at, updated_at) VALUES ($1, $2, $3, $3)",
                providerId, profile, now);
}

Expected<void> PgLedgerStore::updateProvider(const std::string& providerId, const std::string& profile,
                                             std::int64_t now)
{
    return exec("UPDATE providers SET profile = $1, updated_at = $2 WHERE provider_id = $3", profile, now, providerId);
}

Expected<void> PgLedgerStore::suspendProvider(const std::string& providerId, std::int64_t now)
{
    return exec("UPDATE providers SET suspended_at = coalesce(suspended_at, $1) WHERE provider_id = $2", now,
                providerId);
}

Expected<void> PgLedgerStore::resumeProvider(const std::string& providerId)
{
    return exec("UPDATE providers SET suspended_at = NULL WHERE provider_id = $1", providerId);
}

// ---- enrolment codes ----

Expected<void> PgLedgerStore::addEnrolmentCode(const std::string& codeHash, const std::string& providerId,
                                               std::int64_t now, std::int64_t expiresAt)
{
    return exec("INSERT INTO enrolment_codes(code_hash, provider_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                codeHash, providerId, now, expiresAt);
}

Expected<std::optional<EnrolmentCodeRow>> PgLedgerStore::findEnrolmentCode(const std::string& codeHash,
                                                                           std::int64_t now)
{
    // In a write transaction the code's row is locked: of two enrolments with one code, the second waits and
    // then finds it spent.
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT c.provider_id, c.used_at, coalesce(c.terminal_id, ''), coalesce(t.public_key, ''), "
                           "c.used_at IS NULL AND c.cancelled_at IS NULL AND coalesce(c.expires_at, 0) > $1 "
                           "FROM enrolment_codes c LEFT JOIN terminals t ON t.terminal_id = c.terminal_id "
                           "WHERE c.code_hash = $2" +
                               (lockForWrite().empty() ? std::string() : std::string(" FOR UPDATE OF c")),
                           now, codeHash));
    if (r.empty())
        return std::optional<EnrolmentCodeRow>();
    const auto& row = r[0];
    return std::optional<EnrolmentCodeRow>(EnrolmentCodeRow{pg::text(row[0]), pg::optInt64(row[1]), pg::text(row[2]),
                                                            pg::text(row[3]), pg::boolean(row[4])});
}

Expected<bool> PgLedgerStore::enrolmentCodeOpen(const std::string& codeHash)
{
    return any("SELECT count(*) FROM enrolment_codes WHERE code_hash = $1 AND used_at IS NULL AND "
               "cancelled_at IS NULL",
               codeHash);
}

Expected<void> PgLedgerStore::cancelEnrolmentCode(const std::string& codeHash, std::int64_t now)
{
    return exec("UPDATE enrolment_codes SET cancelled_at = $1 WHERE code_hash = $2", now, codeHash);
}

Expected<std::int64_t> PgLedgerStore::cancelEnrolmentCodesOf(const std::string& providerId, std::int64_t now)
{
    SANGO_TRY_ASSIGN(const auto r, query("UPDATE enrolment_codes SET cancelled_at = $1 WHERE provider_id = $2 "
                                         "AND used_at IS NULL AND cancelled_at IS NULL",
                                         now, providerId));
    return static_cast<std::int64_t>(r.affected_rows());
}

Expected<void> PgLedgerStore::spendEnrolmentCode(const std::string& codeHash, const std::string& terminalId,
                                                 std::int64_t now)
{
    // Only an unspent code: a second spender (which findEnrolmentCode's lock makes wait) changes nothing, and
    // its enrolment runs again.
    SANGO_TRY_ASSIGN(const auto r, query("UPDATE enrolment_codes SET used_at = $1, terminal_id = $2 "
                                         "WHERE code_hash = $3 AND used_at IS NULL",
                                         now, terminalId, codeHash));
    if (r.affected_rows() != 1)
        return tl::unexpected(conflictError("an enrolment code"));
    return {};
}

// ---- coupons and paper tickets ----

Expected<std::optional<CouponRow>> PgLedgerStore::findCoupon(const std::string& couponId)
{
    // Locked in a write transaction, like its balance: a push judging a session and a revocation of the coupon
    // are ordered by it (one sees the other's commit), and every writer takes the coupon before the changes
    // feed's lock, so they cannot deadlock.
    SANGO_TRY_ASSIGN(const auto r, query("SELECT grant_minutes, services, not_before, expires, revoked_at, "
                                         "revoked_change FROM coupons WHERE coupon_id = $1" +
                                             lockForWrite(),
                                         couponId));
    if (r.empty())
        return std::optional<CouponRow>();
    const auto& row = r[0];
    return std::optional<CouponRow>(CouponRow{pg::int64(row[0]), pg::text(row[1]), pg::int64(row[2]),
                                              pg::int64(row[3]), pg::optInt64(row[4]), pg::optInt64(row[5])});
}

Expected<bool> PgLedgerStore::couponIdOrSerialTaken(const std::string& couponId, const std::string& serial)
{
    return any("SELECT count(*) FROM coupons WHERE coupon_id = $1 OR serial = $2", couponId, serial);
}

Expected<void> PgLedgerStore::addCoupon(const NewCoupon& c)
{
    return exec("INSERT INTO coupons(coupon_id, type, grant_minutes, services, not_before, expires, kid, serial, "
                "pass_hash, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                c.couponId, c.type, c.grantMinutes, c.services, c.notBefore, c.expires, c.kid, c.serial, c.passHash,
                c.issuedAt);
}

Expected<void> PgLedgerStore::revokeCoupon(const std::string& couponId, const std::string& reason, std::int64_t now,
                                           std::int64_t change)
{
    return exec("UPDATE coupons SET revoked_at = $1, revoke_reason = $2, revoked_change = $3 WHERE coupon_id = $4",
                now, reason, change, couponId);
}

Expected<CouponBalance> PgLedgerStore::couponBalance(const std::string& couponId)
{
    // The balance in commit order: in a write transaction the coupon's row is locked before its sessions are
    // summed, so a second process judging a session on this coupon waits for the first to commit and then
    // sees its minutes (READ COMMITTED: each statement sees what was committed before it began).
    CouponBalance b;
    SANGO_TRY_ASSIGN(b.grantMinutes,
                     scalarInt("SELECT grant_minutes FROM coupons WHERE coupon_id = $1" + lockForWrite(), couponId));
    SANGO_TRY_ASSIGN(const auto used, scalarInt("SELECT coalesce(sum(counted_minutes), 0)::bigint FROM sessions "
                                                "WHERE coupon_id = $1",
                                                couponId));
    b.usedMinutes = used.value_or(0);
    return b;
}

Expected<std::int64_t> PgLedgerStore::couponUsedBy(const std::string& couponId, const std::string& terminalId)
{
    SANGO_TRY_ASSIGN(const auto n, scalarInt("SELECT coalesce(sum(counted_minutes), 0)::bigint FROM sessions "
                                             "WHERE coupon_id = $1 AND terminal_id = $2 AND source != 'paper'",
                                             couponId, terminalId));
    return n.value_or(0);
}

Expected<bool> PgLedgerStore::paperTicketExists(const std::string& ticket)
{
    return any("SELECT count(*) FROM paper_tickets WHERE ticket = $1", ticket);
}

Expected<void> PgLedgerStore::addPaperTicket(const std::string& ticket, const std::string& couponId, std::int64_t now)
{
    return exec("INSERT INTO paper_tickets(ticket, coupon_id, issued_at) VALUES ($1, $2, $3)", ticket, couponId, now);
}

Expected<std::optional<PaperTicketRow>> PgLedgerStore::findPaperTicket(const std::string& ticket)
{
    // Locked in a write transaction: of two uses of one ticket, the second waits and then finds it used.
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT coupon_id, used_at FROM paper_tickets WHERE ticket = $1" + lockForWrite(), ticket));
    if (r.empty())
        return std::optional<PaperTicketRow>();
    return std::optional<PaperTicketRow>(PaperTicketRow{pg::text(r[0][0]), !r[0][1].is_null()});
}

Expected<void> PgLedgerStore::spendPaperTicket(const std::string& ticket, const std::string& terminalId,
                                               const std::string& sessionId, std::int64_t now)
{
    return exec("UPDATE paper_tickets SET terminal_id = $1, session_id = $2, used_at = $3 WHERE ticket = $4",
                terminalId, sessionId, now, ticket);
}

// ---- terminals ----

Expected<bool> PgLedgerStore::terminalExists(const std::string& terminalId)
{
    return any("SELECT count(*) FROM terminals WHERE terminal_id = $1", terminalId);
}

Expected<std::optional<TerminalInfo>> PgLedgerStore::findTerminal(const std::string& terminalId)
{
    SANGO_TRY_ASSIGN(const auto r,
                     query("SELECT " + std::string(kTerminalColumns) +
                               " FROM terminals t JOIN providers p ON p.provider_id = t.provider_id "
                               "WHERE t.terminal_id = $1",
                           terminalId));
    if (r.empty())
        return std::optional<TerminalInfo>();
    return std::optional<TerminalInfo>(readTerminal(r[0]));
}

Expected<std::vector<TerminalInfo>> PgLedgerStore::terminals()
{
    SANGO_TRY_ASSIGN(const auto r, query("SELECT " + std::string(kTerminalColumns) +
                                         " FROM terminals t JOIN providers p ON p.provider_id = t.provider_id "
                                         "ORDER BY t.provider_id, t.number"));
    std::vector<TerminalInfo> out;
    for (const auto& row : r)
        out.push_back(readTerminal(row));
    return out;
}

Expected<bool> PgLedgerStore::terminalRevoked(const std::string& terminalId)
{
    return any("SELECT count(*) FROM terminals WHERE terminal_id = $1 AND revoked_at IS NOT NULL", terminalId);
}

Expected<std::int64_t> PgLedgerStore::lastTerminalNumber(const std::string& providerId)
{
    SANGO_TRY_ASSIGN(const auto n, scalarInt("SELECT max(number) FROM terminals WHERE provider_id = $1", providerId));
    return n.value_or(0);
}

Expected<void> PgLedgerStore::addTerminal(const NewTerminal& t)
{
    return exec("INSERT INTO terminals(terminal_id, provider_id, number, public_key, label, enrolled_at) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                t.terminalId, t.providerId, t.number, t.publicKeyB64u, t.label, t.enrolledAt);
}

Expected<void> PgLedgerStore::revokeTerminal(const std::string& terminalId, const std::string& reason,
                                             std::int64_t now)
{
    // The first revocation and its reason stand.
    return exec("UPDATE terminals SET revoked_at = coalesce(revoked_at, $1), "
                "revoke_reason = coalesce(revoke_reason, $2) WHERE terminal_id = $3",
                now, reason, terminalId);
}

Expected<std::optional<std::int64_t>> PgLedgerStore::lastPullAt(const std::string& terminalId)
{
    return scalarInt("SELECT last_pull_at FROM terminals WHERE terminal_id = $1", terminalId);
}

Expected<void> PgLedgerStore::recordPull(const std::string& terminalId, std::int64_t now, std::int64_t cursor)
{
    return exec("UPDATE terminals SET last_pull_at = $1, pulled_cursor = greatest(coalesce(pulled_cursor, 0), $2) "
                "WHERE terminal_id = $3",
                now, cursor, terminalId);
}

Expected<bool> PgLedgerStore::terminalPulled(const std::string& terminalId, std::int64_t seq)
{
    return any("SELECT count(*) FROM terminals WHERE terminal_id = $1 AND pulled_cursor >= $2", terminalId, seq);
}

Expected<bool> PgLedgerStore::rememberNonce(const std::string& terminalId, const std::string& nonce,
                                            std::int64_t keepUntil, std::int64_t horizon, std::int64_t now)
{
    SANGO_TRY(exec("DELETE FROM nonces WHERE ts < $1", horizon));
    // A nonce another process inserted first (committed, or waited for until it commits) inserts nothing:
    // this request is its replay.
    SANGO_TRY_ASSIGN(const auto r, query("INSERT INTO nonces(terminal_id, nonce, ts) VALUES ($1, $2, $3) "
                                         "ON CONFLICT DO NOTHING",
                                         terminalId, nonce, keepUntil));
    if (r.affected_rows() == 0)
        return false;
    SANGO_TRY(exec("UPDATE terminals SET last_contact_at = $1 WHERE terminal_id = $2", now, terminalId));
    return true;
}

// ---- session unlocks ----

Expected<void> PgLedgerStore::unlockSession(const std::string& terminalId, const std::string& sessionId,
                                            std::int64_t until, std::int64_t now)
{
    return exec("INSERT INTO session_unlocks(terminal_id, session_id, until, created_at) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (terminal_id, session_id) DO UPDATE SET until = EXCLUDED.until, "
                "created_at = EXCLUDED.created_at",
                terminalId, sessionId, until, now);
}

Expected<bool> PgLedgerStore::sessionUnlocked(const std::string& terminalId, const std::string& sessionId,
                                              std::int64_t now)
{
    return any("SELECT count(*) FROM session_unlocks WHERE terminal_id = $1 AND session_id = $2 AND until >= $3",
               terminalId, sessionId, now);
}

} // namespace sango::ledger
