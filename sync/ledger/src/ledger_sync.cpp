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
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto hash = detail::codeHash(d, code);
    if (!hash)
        return tl::unexpected(hash.error());
    auto providerId = sql::scalarText(d, "SELECT provider_id FROM enrolment_codes WHERE code_hash = ? AND used_at IS NULL",
                                      *hash);
    if (!providerId)
        return tl::unexpected(providerId.error());
    if (!*providerId) {
        logger()->warn("an enrolment was refused: code unknown or already used");
        return badCode();
    }
    auto provider = detail::provider(d, **providerId);
    if (!provider)
        return tl::unexpected(provider.error());
    if (!*provider)
        return fail(Errc::store_corrupt, "the provider of an enrolment code is missing from the ledger");
    auto last = sql::scalarInt(d, "SELECT max(number) FROM terminals WHERE provider_id = ?", **providerId);
    if (!last)
        return tl::unexpected(last.error());
    const std::int64_t number = last->value_or(0) + 1;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "-T%02lld", static_cast<long long>(number));
    const std::string terminalId = **providerId + suffix;
    SANGO_LEDGER_TRY(sql::exec(d,
                               "INSERT INTO terminals(terminal_id, provider_id, number, public_key, label, enrolled_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               terminalId, **providerId, number, request.publicKeyB64u, request.label, now));
    // One-time: the code is spent with this terminal.
    SANGO_LEDGER_TRY(sql::exec(d, "UPDATE enrolment_codes SET used_at = ?, terminal_id = ? WHERE code_hash = ?", now,
                               terminalId, *hash));
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
    SANGO_LEDGER_TRY(tx->commit());
    logger()->info("terminal {} enrolled for provider {}", terminalId, **providerId);
    return r;
}

Expected<std::optional<TerminalInfo>> Ledger::terminal(const std::string& terminalId)
{
    std::lock_guard lock(m_impl->mutex);
    auto st = sql::query(m_impl->db(),
                         "SELECT terminal_id, provider_id, public_key, label, enrolled_at FROM terminals "
                         "WHERE terminal_id = ?",
                         terminalId);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<TerminalInfo>();
    return std::optional<TerminalInfo>(TerminalInfo{st->text(0), st->text(1), st->text(2), st->text(3), st->int64(4)});
}

Expected<bool> Ledger::rememberNonce(const std::string& terminalId, const std::string& nonce, std::int64_t timestamp)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    const std::int64_t now = m_impl->now();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    // A request older than the skew window is refused for its timestamp, so its nonce need not be kept.
    const std::int64_t horizon = now - 2 * protocol::kMaxClockSkew.count();
    SANGO_LEDGER_TRY(sql::exec(d, "DELETE FROM nonces WHERE ts < ?", horizon));
    auto seen = sql::scalarInt(d, "SELECT count(*) FROM nonces WHERE terminal_id = ? AND nonce = ?", terminalId, nonce);
    if (!seen)
        return tl::unexpected(seen.error());
    if (seen->value_or(0) > 0)
        return false;
    // Kept by the later of its own time and ours, so a request stamped in the past cannot shorten the memory.
    SANGO_LEDGER_TRY(sql::exec(d, "INSERT INTO nonces(terminal_id, nonce, ts) VALUES (?, ?, ?)", terminalId, nonce,
                               std::max(timestamp, now)));
    SANGO_LEDGER_TRY(tx->commit());
    return true;
}

Expected<protocol::PushResponse> Ledger::push(const TerminalInfo& terminal, const protocol::PushRequest& request)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    const std::int64_t now = m_impl->now();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto provider = detail::provider(d, terminal.providerId);
    if (!provider)
        return tl::unexpected(provider.error());
    if (!*provider)
        return fail(Errc::not_enrolled, "terminal " + terminal.terminalId + " belongs to no provider of this ledger");
    ChangeFeed changes(d, now);
    Rules rules(d, changes, now);
    protocol::PushResponse out;
    out.serverTime = now;
    out.results.reserve(request.events.size());
    // In order, in one transaction: a batch counts wholly or (on a store failure) not at all.
    for (const auto& event : request.events) {
        auto r = rules.judge(terminal, **provider, event);
        if (!r)
            return tl::unexpected(r.error());
        out.results.push_back(std::move(*r));
    }
    SANGO_LEDGER_TRY(tx->commit());
    return out;
}

Expected<protocol::ChangesResponse> Ledger::changes(const TerminalInfo& terminal, const std::string& cursor,
                                                    std::size_t limit)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    // One read transaction: the page, its balances and `more` come from one state of the ledger.
    auto tx = Transaction::begin(d, Transaction::Kind::read);
    if (!tx)
        return tl::unexpected(tx.error());
    return ChangeFeed(d, m_impl->now()).read(terminal, cursor, limit);
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
