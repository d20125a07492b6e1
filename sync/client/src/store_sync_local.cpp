#include "sango/sync/store_sync_local.h"

#include <type_traits>
#include <variant>

#include <spdlog/spdlog.h>

#include "sango/coupon_id.h"
#include "sango/crypto.h"
#include "sango/events.h"
#include "sango/local_time.h"
#include "sango/policy.h"
#include "sango/provider.h"
#include "sango/published_keys.h"
#include "sango/sync_state.h"
#include "sango/trust_store.h"

namespace sango::sync {

using nlohmann::json;

namespace {

std::shared_ptr<spdlog::logger> logger()
{
    static auto l = [] {
        auto existing = spdlog::get("sango.sync");
        return existing ? existing : spdlog::default_logger()->clone("sango.sync");
    }();
    return l;
}

std::int64_t seconds(Instant t)
{
    return t.time_since_epoch().count();
}

} // namespace

Expected<Identity> StoreSyncLocal::identity()
{
    auto e = m_store->enrolment();
    if (!e)
        return tl::unexpected(e.error());
    if (!*e)
        return fail(Errc::not_enrolled, "this terminal is not enrolled with a ledger: a manager enrols it with "
                                        "`sango enroll --ledger URL --code CODE`");
    auto hex = SyncState(*m_store).deviceKeyHex();
    if (!hex)
        return tl::unexpected(hex.error());
    std::array<std::uint8_t, 64> secret{};
    const bool decoded = *hex && crypto::fromHex(**hex, secret.data(), secret.size());
    if (*hex)
        crypto::wipe((*hex)->data(), (*hex)->size());
    if (!decoded)
        return fail(Errc::store_corrupt, "the terminal's device key is missing from the store: set the terminal up "
                                         "again in a new data directory with a new enrolment code");
    auto key = crypto::SigningKey::fromSecret(secret.data(), secret.size());
    crypto::wipe(secret.data(), secret.size());
    if (!key)
        return fail(Errc::store_corrupt, "the terminal's device key is damaged: enrol the terminal again");
    return Identity{(*e)->ledgerUrl, (*e)->terminalId, *key};
}

Expected<std::vector<protocol::WireEvent>> StoreSyncLocal::outbox(std::size_t maxEvents, std::size_t maxBytes)
{
    auto events = m_store->outbox(maxEvents, maxBytes);
    if (!events)
        return tl::unexpected(events.error());
    std::vector<protocol::WireEvent> out;
    out.reserve(events->size());
    for (Event& ev : *events)
        out.push_back({ev.id, ev.seq, ev.type, seconds(ev.at), std::move(ev.body)});
    return out;
}

Expected<void> StoreSyncLocal::recordResults(const std::vector<protocol::WireEvent>& sent,
                                             const std::vector<protocol::EventResult>& results)
{
    if (sent.size() != results.size())
        return fail(Errc::ledger_error, "the ledger answered " + std::to_string(results.size()) + " events of " +
                                            std::to_string(sent.size()) + ": nothing was recorded; sync again");
    events::SyncAnswered batch;
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const protocol::WireEvent& ev = sent[i];
        const protocol::EventResult& r = results[i];
        if (r.id != ev.id)
            return fail(Errc::ledger_error, "the ledger answered events out of order: nothing was recorded; sync again");
        // A duplicate delivery is recorded as what its first delivery was answered.
        const protocol::EventStatus effective = r.effective();
        const bool rejected = effective == protocol::EventStatus::rejected;
        events::SyncAnswered::Answer answer;
        answer.seq = ev.seq;
        answer.id = ev.id;
        answer.type = ev.type;
        // The session and coupon (or paper ticket) of the answered event, as its typed body says.
        if (auto body = events::parseSession(ev.type, ev.body)) {
            answer.sessionId = events::common(*body).sessionId;
            answer.couponId = std::visit(
                [](const auto& e) -> std::string {
                    using T = std::decay_t<decltype(e)>;
                    if constexpr (std::is_same_v<T, events::PaperSession>)
                        return e.ticket;
                    else if constexpr (std::is_same_v<T, events::SessionCancelled> ||
                                       std::is_same_v<T, events::SessionCorrected>)
                        return e.couponId.value_or(std::string());
                    else
                        return e.couponId;
                },
                *body);
        }
        answer.status = rejected ? "rejected" : "accepted";
        answer.reason = rejected ? r.effectiveReason() : std::string();
        answer.delivery = std::string(protocol::toString(r.status));
        // The ledger's own figures and explanation, kept with the answer: a manager settling a refused session
        // sees what the ledger computed.
        if (!r.detail.empty())
            answer.detail = r.detail;
        if (r.figures)
            answer.figures = r.figures->toJson();
        batch.answers.push_back(std::move(answer));
    }
    return m_store->transact([&]() -> Expected<void> {
        // Another sync process recorded these answers first (its were the same ledger's, for the same events).
        auto answered = m_store->lastAnsweredSeq();
        if (!answered)
            return tl::unexpected(answered.error());
        if (!sent.empty() && sent.front().seq <= *answered)
            return {};
        SANGO_TRY(m_store->append(batch, m_clock->now()));
        return {};
    });
}

Expected<std::string> StoreSyncLocal::cursor()
{
    SANGO_TRY_ASSIGN(m_cursor, SyncState(*m_store).cursor());
    return *m_cursor;
}

Expected<void> StoreSyncLocal::applyOne(const protocol::Change& change, const std::string& providerId)
{
    const json& b = change.body;
    const Instant now = m_clock->now();
    auto skip = [&](const std::string& why) -> Expected<void> {
        // A change this terminal cannot use must not stop every later one: it is logged and passed over.
        logger()->warn("change {} ({}) not applied: {}", change.seq, change.kind, why);
        return {};
    };
    if (change.kind == protocol::change_kind::revocation) {
        const std::string id = b.value("coupon_id", std::string());
        if (!couponid::isValid(id))
            return skip("not a coupon id");
        auto revoked = m_store->isRevoked(id);
        if (!revoked)
            return tl::unexpected(revoked.error());
        if (*revoked)
            return {};
        SANGO_TRY(m_store->append(
            events::CouponRevoked{id, b.value("reason", std::string("withdrawn")), "ledger", change.seq}, now));
        return {};
    }
    if (change.kind == protocol::change_kind::balance) {
        // The typed reader checks the figures and their bounds; the change's own seq orders them.
        json withSeq = b;
        if (withSeq.is_object())
            withSeq["change_seq"] = change.seq;
        auto balance = events::LedgerBalance::fromJson(withSeq);
        if (!balance)
            return skip(balance.error().message);
        if (!couponid::isValid(balance->couponId))
            return skip("not a coupon id");
        SANGO_TRY_ASSIGN(const auto known, m_store->ledgerBalance(balance->couponId));
        if (known && known->changeSeq >= change.seq)
            return {}; // not newer than what this terminal has
        SANGO_TRY(m_store->append(*balance, now));
        return {};
    }
    events::ConfigInstalled installed;
    installed.source = "ledger";
    installed.changeSeq = change.seq;
    std::string& kind = installed.kind;
    json& body = installed.body;
    if (change.kind == protocol::change_kind::policy) {
        body = b.value("policy", json());
        auto p = Policy::fromJson(body);
        if (!p)
            return skip(p.error().message);
        const std::string from = b.value("from", std::string());
        if (!from.empty()) {
            if (!parseDate(from))
                return skip("from is not a date");
            installed.from = from;
        }
        kind = "policy";
    } else if (change.kind == protocol::change_kind::provider) {
        body = b.value("provider", json());
        auto p = Provider::fromJson(body);
        if (!p)
            return skip(p.error().message);
        if (p->providerId != providerId)
            return skip("the profile of another provider");
        kind = "provider";
    } else if (change.kind == protocol::change_kind::trust) {
        body = b.value("trust", json());
        auto t = TrustStore::fromJson(body);
        if (!t)
            return skip(t.error().message);
        // A key published in this repository is trusted only by a demonstration store, whoever sends it.
        auto demo = m_store->isDemo();
        if (!demo)
            return tl::unexpected(demo.error());
        if (auto ok = published_keys::checkForStore(*t, *demo); !ok)
            return skip(ok.error().message);
        kind = "trust";
    } else {
        return skip("a kind of change this version does not know");
    }
    SANGO_TRY(m_store->append(installed, now));
    logger()->info("installed the ledger's {} (change {})", kind, change.seq);
    return {};
}

Expected<void> StoreSyncLocal::applyChanges(const std::vector<protocol::Change>& changes, const std::string& nextCursor)
{
    auto e = m_store->enrolment();
    if (!e)
        return tl::unexpected(e.error());
    const std::string providerId = *e ? (*e)->providerId : std::string();
    bool applied = false;
    auto r = m_store->transact([&]() -> Expected<void> {
        SANGO_TRY_ASSIGN(const std::string stored, SyncState(*m_store).cursor());
        if (m_cursor && stored != *m_cursor)
            return {}; // another sync process applied this page already
        for (const protocol::Change& c : changes)
            if (auto one = applyOne(c, providerId); !one)
                return one;
        applied = true;
        return SyncState(*m_store).setCursor(nextCursor);
    });
    if (r && applied)
        m_cursor = nextCursor;
    return r;
}

Expected<void> StoreSyncLocal::recordClock(std::int64_t offsetSeconds, Instant measuredAt)
{
    return StoredClockWitness::record(*m_store, *m_boot, offsetSeconds, measuredAt);
}

Expected<void> StoreSyncLocal::recordOutcome(const SyncOutcome& outcome)
{
    const json j = {{"at", seconds(outcome.at)},
                    {"result", outcome.result},
                    {"accepted", outcome.accepted},
                    {"duplicate", outcome.duplicate},
                    {"rejected", outcome.rejected}};
    return m_store->transact([&]() -> Expected<void> {
        SyncState state(*m_store);
        SANGO_TRY(state.setLastSync(j.dump()));
        if (outcome.result == "ok")
            return state.setLastSuccess(outcome.at);
        return {};
    });
}

Expected<json> StoreSyncLocal::lastOutcome(EventStore& store)
{
    auto v = SyncState(store).lastSync();
    if (!v)
        return tl::unexpected(v.error());
    if (!*v)
        return json();
    auto j = json::parse(**v, nullptr, false);
    return j.is_discarded() ? json() : j;
}

} // namespace sango::sync
