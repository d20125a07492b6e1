// Ledger: the terminal API (enrolment, signed-request nonces, event batches, changes, health).
#include <cstdio>

#include "changes.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "random_codes.h"
#include "rules.h"
#include "sango/base64url.h"
#include "sango/protocol/api.h"
#include "sql.h"

namespace sango::ledger {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxLabelBytes = 200;

// The one answer for every code that cannot enrol, so that a guesser learns nothing about which codes exist.
// LedgerApi maps this Errc::invalid_argument to 403 bad_code.
tl::unexpected<Error> badCode()
{
    return fail(Errc::invalid_argument, "enrolment code unknown or already used");
}

} // namespace

namespace {

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

// What a code looks up: its provider, and the terminal and key it enrolled when it is used.
struct CodeRow {
    std::string providerId;
    std::optional<std::int64_t> usedAt;
    std::string terminalId;
    std::string publicKey; // of that terminal
    bool usable = false;   // unused, not expired, not cancelled
};

Expected<std::optional<CodeRow>> lookUpCode(db::Database& d, const std::string& hash, std::int64_t now)
{
    auto st = sql::query(d,
                         "SELECT c.provider_id, c.used_at, coalesce(c.terminal_id, ''), coalesce(t.public_key, ''), "
                         "c.used_at IS NULL AND c.cancelled_at IS NULL AND coalesce(c.expires_at, 0) > ? "
                         "FROM enrolment_codes c LEFT JOIN terminals t ON t.terminal_id = c.terminal_id "
                         "WHERE c.code_hash = ?",
                         now, hash);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<CodeRow>();
    return std::optional<CodeRow>(
        CodeRow{st->text(0), st->optInt64(1), st->text(2), st->text(3), st->int64(4) != 0});
}

} // namespace

std::string TerminalInfo::state() const
{
    return revokedAt ? "revoked" : providerSuspended ? "suspended" : "active";
}

Expected<protocol::EnrolResponse> Ledger::enrol(const protocol::EnrolRequest& request)
{
    const auto pub = base64url::decode(request.publicKeyB64u);
    if (!pub || pub->size() != 32)
        return fail(Errc::malformed, "public_key_b64u must be a 32-byte Ed25519 public key in base64url");
    if (request.label.size() > kMaxLabelBytes)
        return fail(Errc::malformed, "label must be at most 200 bytes");
    const std::string code = codes::normalizeEnrolmentCode(request.code);
    if (code.empty())
        return badCode();
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    const std::int64_t now = m_impl->now();
    auto hash = detail::codeHash(d, code);
    if (!hash)
        return tl::unexpected(hash.error());
    // Looked up before any write lock is taken: a guesser's wrong codes never hold up the ledger's writers.
    {
        auto found = lookUpCode(d, *hash, now);
        if (!found)
            return tl::unexpected(found.error());
        const bool retry = *found && (*found)->usedAt && (*found)->publicKey == request.publicKeyB64u;
        if (!*found || !((*found)->usable || retry)) {
            logger()->warn("an enrolment was refused: code unknown, used, expired or cancelled");
            return badCode();
        }
    }
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto found = lookUpCode(d, *hash, now); // again, inside the transaction: another writer may have used it
    if (!found)
        return tl::unexpected(found.error());
    if (!*found)
        return badCode();
    const CodeRow& c = **found;
    // The same code and the same device key again: the answer to it was lost on the way, so it is given again.
    const bool retry = c.usedAt && c.publicKey == request.publicKeyB64u;
    if (!c.usable && !retry)
        return badCode();
    auto provider = detail::provider(d, c.providerId);
    if (!provider)
        return tl::unexpected(provider.error());
    if (!*provider)
        return fail(Errc::store_corrupt, "the provider of an enrolment code is missing from the ledger");
    auto suspended = sql::scalarInt(d, "SELECT suspended_at IS NOT NULL FROM providers WHERE provider_id = ?",
                                    c.providerId);
    if (!suspended)
        return tl::unexpected(suspended.error());
    if (suspended->value_or(0) != 0)
        return fail(Errc::not_available, "provider " + c.providerId + " is suspended by the municipality");
    std::string terminalId = c.terminalId;
    if (retry) {
        auto revoked = sql::scalarInt(d, "SELECT revoked_at IS NOT NULL FROM terminals WHERE terminal_id = ?",
                                      terminalId);
        if (!revoked)
            return tl::unexpected(revoked.error());
        if (revoked->value_or(0) != 0)
            return badCode();
        logger()->info("terminal {} enrolled again with its own code and key (the first answer was lost)",
                       terminalId);
    } else {
        auto last = sql::scalarInt(d, "SELECT max(number) FROM terminals WHERE provider_id = ?", c.providerId);
        if (!last)
            return tl::unexpected(last.error());
        const std::int64_t number = last->value_or(0) + 1;
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, "-T%02lld", static_cast<long long>(number));
        terminalId = c.providerId + suffix;
        SANGO_TRY(sql::exec(d,
                                   "INSERT INTO terminals(terminal_id, provider_id, number, public_key, label, "
                                   "enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
                                   terminalId, c.providerId, number, request.publicKeyB64u, request.label, now));
        // One-time: the code is spent with this terminal (and its key, for a retry).
        SANGO_TRY(sql::exec(d, "UPDATE enrolment_codes SET used_at = ?, terminal_id = ? WHERE code_hash = ?",
                                   now, terminalId, *hash));
    }
    protocol::EnrolResponse r;
    r.terminalId = terminalId;
    r.provider = (*provider)->toJson();
    auto policy = detail::policyInForce(d, now);
    if (!policy)
        return tl::unexpected(policy.error());
    r.policy = std::move(*policy);
    auto trust = detail::trustStore(d, m_impl->municipality);
    if (!trust)
        return tl::unexpected(trust.error());
    r.trust = std::move(*trust);
    // From the start of the feed: revocations made before this terminal existed concern it too.
    r.cursor = "0";
    r.serverTime = now;
    SANGO_TRY(tx->commit());
    if (!retry)
        logger()->info("terminal {} enrolled for provider {}", terminalId, c.providerId);
    return r;
}

Expected<std::optional<TerminalInfo>> Ledger::terminal(const std::string& terminalId)
{
    std::lock_guard lock(m_impl->mutex);
    auto st = sql::query(m_impl->db(),
                         "SELECT " + std::string(kTerminalColumns) +
                             " FROM terminals t JOIN providers p ON p.provider_id = t.provider_id "
                             "WHERE t.terminal_id = ?",
                         terminalId);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<TerminalInfo>();
    return std::optional<TerminalInfo>(readTerminal(*st));
}

Expected<std::vector<TerminalInfo>> Ledger::terminals()
{
    std::lock_guard lock(m_impl->mutex);
    auto st = sql::query(m_impl->db(), "SELECT " + std::string(kTerminalColumns) +
                                           " FROM terminals t JOIN providers p ON p.provider_id = t.provider_id "
                                           "ORDER BY t.provider_id, t.number");
    if (!st)
        return tl::unexpected(st.error());
    std::vector<TerminalInfo> out;
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        out.push_back(readTerminal(*st));
    }
    return out;
}

namespace {

// Inside a request's write transaction: its nonce, remembered; false when it was seen before (a replay).
// Nonces older than 2 × kMaxClockSkew are forgotten: a request that old is refused for its timestamp.
Expected<bool> rememberNonce(db::Database& d, const std::string& terminalId, const Ledger::Nonce& n, std::int64_t now)
{
    const std::int64_t horizon = now - 2 * protocol::kMaxClockSkew.count();
    SANGO_TRY(sql::exec(d, "DELETE FROM nonces WHERE ts < ?", horizon));
    auto seen = sql::scalarInt(d, "SELECT count(*) FROM nonces WHERE terminal_id = ? AND nonce = ?", terminalId,
                               n.nonce);
    if (!seen)
        return tl::unexpected(seen.error());
    if (seen->value_or(0) > 0)
        return false;
    // Kept by the later of its own time and ours, so a request stamped in the past cannot shorten the memory.
    SANGO_TRY(sql::exec(d, "INSERT INTO nonces(terminal_id, nonce, ts) VALUES (?, ?, ?)", terminalId, n.nonce,
                               std::max(n.timestamp, now)));
    SANGO_TRY(sql::exec(d, "UPDATE terminals SET last_contact_at = ? WHERE terminal_id = ?", now, terminalId));
    return true;
}

} // namespace

Expected<std::optional<protocol::PushResponse>> Ledger::push(const TerminalInfo& terminal, const Nonce& nonce,
                                                             const protocol::PushRequest& request)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    const std::int64_t now = m_impl->now();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    // The nonce goes with the batch: the request counts once, or (on a store failure) not at all.
    auto fresh = rememberNonce(d, terminal.terminalId, nonce, now);
    if (!fresh)
        return tl::unexpected(fresh.error());
    if (!*fresh)
        return std::optional<protocol::PushResponse>();
    auto provider = detail::provider(d, terminal.providerId);
    if (!provider)
        return tl::unexpected(provider.error());
    if (!*provider)
        return fail(Errc::not_enrolled, "terminal " + terminal.terminalId + " belongs to no provider of this ledger");
    auto zone = detail::localTime(d);
    if (!zone)
        return tl::unexpected(zone.error());
    // The terminal as it stands now, inside this transaction (its last pull may be later than the caller's
    // copy).
    TerminalInfo current = terminal;
    auto lastPull = sql::scalarInt(d, "SELECT last_pull_at FROM terminals WHERE terminal_id = ?", terminal.terminalId);
    if (!lastPull)
        return tl::unexpected(lastPull.error());
    current.lastPullAt = *lastPull;
    ChangeFeed changes(d, now);
    Rules rules(d, changes, *zone, now);
    protocol::PushResponse out;
    out.serverTime = now;
    out.results.reserve(request.events.size());
    // In order, in one transaction: a batch counts wholly or (on a store failure) not at all.
    for (const auto& event : request.events) {
        auto r = rules.judge(current, **provider, event);
        if (!r)
            return tl::unexpected(r.error());
        out.results.push_back(std::move(*r));
    }
    SANGO_TRY(tx->commit());
    return std::optional<protocol::PushResponse>(std::move(out));
}

Expected<std::optional<protocol::ChangesResponse>> Ledger::changes(const TerminalInfo& terminal, const Nonce& nonce,
                                                                   const std::string& cursor, std::size_t limit)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    const std::int64_t now = m_impl->now();
    // One transaction: the page, its balances and `more` come from one state of the ledger, and the nonce and
    // the pull's time are stored with it (or, for a cursor the ledger did not give, nothing is).
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto page = ChangeFeed(d, now).read(terminal, cursor, limit);
    if (!page)
        return tl::unexpected(page.error());
    auto fresh = rememberNonce(d, terminal.terminalId, nonce, now);
    if (!fresh)
        return tl::unexpected(fresh.error());
    if (!*fresh)
        return std::optional<protocol::ChangesResponse>();
    // A terminal pulls only once it has sent everything it recorded: whatever new it sends after this was
    // recorded after this moment, knowing the changes up to this cursor (Rules::checkRecorded).
    SANGO_TRY(sql::exec(d,
                               "UPDATE terminals SET last_pull_at = ?, pulled_cursor = max(coalesce(pulled_cursor, 0), ?) "
                               "WHERE terminal_id = ?",
                               now, std::stoll(page->cursor), terminal.terminalId));
    SANGO_TRY(tx->commit());
    return std::optional<protocol::ChangesResponse>(std::move(*page));
}

Expected<protocol::Health> Ledger::health()
{
    std::lock_guard lock(m_impl->mutex);
    // Reads the store, so that a lost disk or key shows here rather than on the next push.
    if (auto r = sql::scalarInt(m_impl->db(), "SELECT count(*) FROM schema_migrations"); !r)
        return tl::unexpected(r.error());
    protocol::Health h;
    h.status = "ok";
    h.municipality = m_impl->municipality;
    h.serverTime = m_impl->now();
    return h;
}

} // namespace sango::ledger
