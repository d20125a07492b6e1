// Ledger: the terminal API (enrolment, signed-request nonces, event batches, changes, health).
#include <cstdio>

#include "changes.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "random_codes.h"
#include "rules.h"
#include "sango/base64url.h"
#include "sango/protocol/api.h"

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
    auto& store = m_impl->store;
    const std::int64_t now = m_impl->now();
    SANGO_TRY_ASSIGN(const auto hash, detail::codeHash(store, code));
    // Looked up before any write lock is taken: a guesser's wrong codes never hold up the ledger's writers.
    {
        SANGO_TRY_ASSIGN(const auto found, store.findEnrolmentCode(hash, now));
        const bool retry = found && found->usedAt && found->publicKey == request.publicKeyB64u;
        if (!found || !(found->usable || retry)) {
            logger()->warn("an enrolment was refused: code unknown, used, expired or cancelled");
            return badCode();
        }
    }
    return retryOnConflict([&]() -> Expected<protocol::EnrolResponse> {
        SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
        // Again, inside the transaction: another writer may have used it.
        SANGO_TRY_ASSIGN(const auto found, store.findEnrolmentCode(hash, now));
        if (!found)
            return badCode();
        const EnrolmentCodeRow& c = *found;
        // The same code and the same device key again: the answer to it was lost on the way, so it is given again.
        const bool retry = c.usedAt && c.publicKey == request.publicKeyB64u;
        if (!c.usable && !retry)
            return badCode();
        SANGO_TRY_ASSIGN(const auto provider, detail::provider(store, c.providerId));
        if (!provider)
            return fail(Errc::store_corrupt, "the provider of an enrolment code is missing from the ledger");
        SANGO_TRY_ASSIGN(const bool suspended, store.providerSuspended(c.providerId));
        if (suspended)
            return fail(Errc::not_available, "provider " + c.providerId + " is suspended by the municipality");
        std::string terminalId = c.terminalId;
        if (retry) {
            SANGO_TRY_ASSIGN(const bool revoked, store.terminalRevoked(terminalId));
            if (revoked)
                return badCode();
            logger()->info("terminal {} enrolled again with its own code and key (the first answer was lost)",
                           terminalId);
        } else {
            SANGO_TRY_ASSIGN(const auto last, store.lastTerminalNumber(c.providerId));
            const std::int64_t number = last + 1;
            char suffix[24];
            std::snprintf(suffix, sizeof suffix, "-T%02lld", static_cast<long long>(number));
            terminalId = c.providerId + suffix;
            SANGO_TRY(store.addTerminal({terminalId, c.providerId, number, request.publicKeyB64u, request.label, now}));
            // One-time: the code is spent with this terminal (and its key, for a retry).
            SANGO_TRY(store.spendEnrolmentCode(hash, terminalId, now));
        }
        protocol::EnrolResponse r;
        r.terminalId = terminalId;
        r.provider = provider->toJson();
        SANGO_TRY_ASSIGN(r.policy, detail::policyInForce(store, now));
        SANGO_TRY_ASSIGN(r.trust, detail::trustStore(store, m_impl->municipality));
        // From the start of the feed: revocations made before this terminal existed concern it too.
        r.cursor = "0";
        r.serverTime = now;
        SANGO_TRY(tx.commit());
        if (!retry)
            logger()->info("terminal {} enrolled for provider {}", terminalId, c.providerId);
        return r;
    });
}

Expected<std::optional<TerminalInfo>> Ledger::terminal(const std::string& terminalId)
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->store.findTerminal(terminalId);
}

Expected<std::vector<TerminalInfo>> Ledger::terminals()
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->store.terminals();
}

namespace {

// Inside a request's write transaction: its nonce, remembered; false when it was seen before (a replay).
// Nonces older than 2 × kMaxClockSkew are forgotten: a request that old is refused for its timestamp.
Expected<bool> rememberNonce(LedgerStore& store, const std::string& terminalId, const Ledger::Nonce& n,
                             std::int64_t now)
{
    const std::int64_t horizon = now - 2 * protocol::kMaxClockSkew.count();
    // Kept by the later of its own time and ours, so a request stamped in the past cannot shorten the memory.
    return store.rememberNonce(terminalId, n.nonce, std::max(n.timestamp, now), horizon, now);
}

} // namespace

Expected<std::optional<protocol::PushResponse>> Ledger::push(const TerminalInfo& terminal, const Nonce& nonce,
                                                             const protocol::PushRequest& request)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    const std::int64_t now = m_impl->now();
    return retryOnConflict([&]() -> Expected<std::optional<protocol::PushResponse>> {
        SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
        // The nonce goes with the batch: the request counts once, or (on a store failure) not at all.
        SANGO_TRY_ASSIGN(const bool fresh, rememberNonce(store, terminal.terminalId, nonce, now));
        if (!fresh)
            return std::optional<protocol::PushResponse>();
        SANGO_TRY_ASSIGN(const auto provider, detail::provider(store, terminal.providerId));
        if (!provider)
            return fail(Errc::not_enrolled, "terminal " + terminal.terminalId + " belongs to no provider of this ledger");
        SANGO_TRY_ASSIGN(const auto zone, detail::localTime(store));
        // The terminal as it stands now, inside this transaction (its last pull may be later than the caller's
        // copy).
        TerminalInfo current = terminal;
        SANGO_TRY_ASSIGN(current.lastPullAt, store.lastPullAt(terminal.terminalId));
        ChangeFeed changes(store, now);
        Rules rules(store, changes, zone, now);
        protocol::PushResponse out;
        out.serverTime = now;
        out.results.reserve(request.events.size());
        // In order, in one transaction: a batch counts wholly or (on a store failure) not at all.
        for (const auto& event : request.events) {
            SANGO_TRY_ASSIGN(auto r, rules.judge(current, *provider, event));
            out.results.push_back(std::move(r));
        }
        SANGO_TRY(tx.commit());
        return std::optional<protocol::PushResponse>(std::move(out));
    });
}

Expected<std::optional<protocol::ChangesResponse>> Ledger::changes(const TerminalInfo& terminal, const Nonce& nonce,
                                                                   const std::string& cursor, std::size_t limit)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    const std::int64_t now = m_impl->now();
    // One transaction: the page, its balances and `more` come from one state of the ledger, and the nonce and
    // the pull's time are stored with it (or, for a cursor the ledger did not give, nothing is).
    return retryOnConflict([&]() -> Expected<std::optional<protocol::ChangesResponse>> {
        SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
        SANGO_TRY_ASSIGN(auto page, ChangeFeed(store, now).read(terminal, cursor, limit));
        SANGO_TRY_ASSIGN(const bool fresh, rememberNonce(store, terminal.terminalId, nonce, now));
        if (!fresh)
            return std::optional<protocol::ChangesResponse>();
        // A terminal pulls only once it has sent everything it recorded: whatever new it sends after this was
        // recorded after this moment, knowing the changes up to this cursor (Rules::checkRecorded).
        SANGO_TRY(store.recordPull(terminal.terminalId, now, std::stoll(page.cursor)));
        SANGO_TRY(tx.commit());
        return std::optional<protocol::ChangesResponse>(std::move(page));
    });
}

Expected<protocol::Health> Ledger::health()
{
    std::lock_guard lock(m_impl->mutex);
    // Reads the store, so that a lost disk or key shows here rather than on the next push.
    SANGO_TRY(m_impl->store.checkReadable());
    protocol::Health h;
    h.status = "ok";
    h.municipality = m_impl->municipality;
    h.serverTime = m_impl->now();
    return h;
}

} // namespace sango::ledger
