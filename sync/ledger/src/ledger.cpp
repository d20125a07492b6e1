// Ledger: creating and opening the store, the municipality's issuer keys and policy.
#include "sango/ledger/ledger.h"

#include <algorithm>
#include <cctype>

#include "changes.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "open_ledger_store.h"
#include "random_codes.h"
#include "sango/base64url.h"
#include "sango/crypto.h"

namespace sango::ledger {

using nlohmann::json;

nlohmann::json LedgerEventRow::toJson() const
{
    return {{"id", id},
            {"terminal_id", terminalId},
            {"provider_id", providerId},
            {"seq", seq},
            {"type", type},
            {"at", at},
            {"coupon_id", couponId},
            {"session_id", sessionId},
            {"status", status},
            {"reason", reason.empty() ? json() : json(reason)},
            {"flags", flags},
            {"clock_offset_s", clockOffsetSeconds ? json(*clockOffsetSeconds) : json()},
            {"received_at", receivedAt},
            {"body", body},
            {"detail", detail.empty() ? json() : json(detail)},
            {"figures", figures}};
}

namespace detail {

bool isSimpleId(std::string_view id, std::size_t max)
{
    return !id.empty() && id.size() <= max && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
}

Expected<LocalTime> localTime(LedgerStore& store)
{
    SANGO_TRY_ASSIGN(const auto text, store.newestPolicy());
    const json p = json::parse(text.value_or(""), nullptr, false);
    if (!p.is_object() || !p.contains("time_zone") || !p["time_zone"].is_string())
        return fail(Errc::store_corrupt, "the ledger holds no readable policy: restore it from a backup");
    return LocalTime::forZone(p["time_zone"].get<std::string>());
}

Expected<json> policyInForce(LedgerStore& store, std::int64_t now)
{
    SANGO_TRY_ASSIGN(const auto local, localTime(store));
    const std::string today = formatDate(local.dateOf(Instant{std::chrono::seconds(now)}));
    SANGO_TRY_ASSIGN(const auto text, store.policyOn(today));
    json p = json::parse(text.value_or(""), nullptr, false);
    if (!p.is_object())
        return fail(Errc::store_corrupt, "the ledger's policy is damaged: restore it from a backup");
    return p;
}

Expected<json> trustStore(LedgerStore& store, const std::string& municipality)
{
    SANGO_TRY_ASSIGN(const auto keys, store.activeIssuerKeys());
    json out = json::array();
    for (const IssuerKeyRow& k : keys)
        out.push_back(
            {{"kid", k.kid}, {"municipality", municipality}, {"alg", "EdDSA"}, {"public_key_b64u", k.publicKeyB64u}});
    return out;
}

Expected<std::string> addIssuerKey(LedgerStore& store, const std::string& municipality, std::optional<std::string> kid,
                                   std::int64_t now)
{
    if (kid) {
        if (!isSimpleId(*kid, 64))
            return fail(Errc::invalid_argument, "a key id is 1 to 64 letters, digits, '.', '_' or '-'");
        SANGO_TRY_ASSIGN(const bool taken, store.issuerKeyExists(*kid));
        if (taken)
            return fail(Errc::invalid_argument, "the key id " + *kid + " is taken: choose another");
    } else {
        SANGO_TRY_ASSIGN(const auto local, localTime(store));
        const auto year = static_cast<int>(local.dateOf(Instant{std::chrono::seconds(now)}).year());
        const std::string prefix = municipality + "-" + std::to_string(year);
        for (char letter = 'a'; letter <= 'z' && !kid; ++letter) {
            SANGO_TRY_ASSIGN(const bool taken, store.issuerKeyExists(prefix + letter));
            if (!taken)
                kid = prefix + letter;
        }
        if (!kid)
            return fail(Errc::invalid_argument, "every key id " + prefix + "a to " + prefix +
                                                    "z is taken this year: name the new key with --kid");
    }
    crypto::SigningKey key = crypto::SigningKey::generate();
    const std::string pub = base64url::encode(key.publicKey.data(), key.publicKey.size());
    auto r = store.addIssuerKey(*kid, key.secret.data(), key.secret.size(), pub, now);
    key.wipeSecret();
    SANGO_TRY(r);
    logger()->info("issuer key {} made", *kid);
    return *kid;
}

} // namespace detail

Ledger::Ledger(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Ledger::~Ledger() = default;
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;

Expected<Ledger> Ledger::create(const LedgerLocation& location, std::string_view municipality,
                                const nlohmann::json& policyJson, const Clock& clock)
{
    const std::string code(municipality);
    if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(Errc::invalid_argument, "--municipality must be the 6-digit local government code, e.g. 131016");
    auto policy = Policy::fromJson(policyJson);
    SANGO_TRY(policy);
    if (policy->municipality != code)
        return fail(Errc::invalid_config, "the policy is municipality " + policy->municipality + "'s, not " + code);
    auto local = LocalTime::forZone(policy->timeZone);
    SANGO_TRY(local);
    const std::int64_t now = clock.now().time_since_epoch().count();
    const std::string from = formatDate(local->dateOf(clock.now()));
    auto store = createLedgerStore(location, now, [&](LedgerStore& s) -> Expected<void> {
        std::array<std::uint8_t, 32> secret{};
        crypto::randomBytes(secret.data(), secret.size());
        std::string secretHex = crypto::toHex(secret);
        crypto::wipe(secret.data(), secret.size());
        auto r = s.initialise(code, secretHex);
        crypto::wipe(secretHex.data(), secretHex.size());
        SANGO_TRY(r);
        SANGO_TRY(s.addPolicy(from, policy->toJson().dump(), now));
        SANGO_TRY(detail::addIssuerKey(s, code, std::nullopt, now));
        return {};
    });
    SANGO_TRY(store);
    return Ledger(std::make_unique<Impl>(std::move(*store), clock, code));
}

Expected<Ledger> Ledger::open(const LedgerLocation& location, const Clock& clock)
{
    SANGO_TRY_ASSIGN(auto store, openLedgerStore(location, clock.now().time_since_epoch().count()));
    SANGO_TRY_ASSIGN(const auto municipality, store->municipality());
    if (!municipality)
        return fail(Errc::store_corrupt, "the ledger in " + store->info().location + " has no municipality: "
                                                                                     "restore it from a backup");
    return Ledger(std::make_unique<Impl>(std::move(store), clock, *municipality));
}

StoreInfo Ledger::storeInfo()
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->store.info();
}

const std::string& Ledger::municipality() const
{
    return m_impl->municipality;
}

Expected<nlohmann::json> Ledger::trustStore()
{
    std::lock_guard lock(m_impl->mutex);
    return detail::trustStore(m_impl->store, m_impl->municipality);
}

Expected<std::string> Ledger::addIssuerKey(std::optional<std::string> kid)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto made, detail::addIssuerKey(store, m_impl->municipality, std::move(kid), m_impl->now()));
    SANGO_TRY_ASSIGN(const auto trust, detail::trustStore(store, m_impl->municipality));
    // Terminals learn the new key ahead of the coupons signed with it.
    SANGO_TRY(ChangeFeed(store, m_impl->now()).record(protocol::change_kind::trust, "", {{"trust", trust}}));
    SANGO_TRY(tx.commit());
    return made;
}

Expected<void> Ledger::retireIssuerKey(const std::string& kid)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto retired, store.issuerKeyRetired(kid));
    if (!retired)
        return fail(Errc::invalid_argument, "there is no issuer key " + kid + ": see the trust store");
    if (*retired)
        return {}; // retired already
    SANGO_TRY_ASSIGN(const auto active, store.activeIssuerKeyCount());
    if (active <= 1)
        return fail(Errc::not_permitted, "the key " + kid + " is the last active issuer key: add its successor "
                                                            "first (`sango-ledger key add`)");
    SANGO_TRY(store.retireIssuerKey(kid, m_impl->now()));
    SANGO_TRY_ASSIGN(const auto trust, detail::trustStore(store, m_impl->municipality));
    SANGO_TRY(ChangeFeed(store, m_impl->now()).record(protocol::change_kind::trust, "", {{"trust", trust}}));
    SANGO_TRY(tx.commit());
    logger()->info("issuer key {} retired", kid);
    return {};
}

Expected<nlohmann::json> Ledger::policy()
{
    std::lock_guard lock(m_impl->mutex);
    return detail::policyInForce(m_impl->store, m_impl->now());
}

Expected<void> Ledger::setPolicy(const nlohmann::json& policyJson, date::year_month_day from)
{
    auto policy = Policy::fromJson(policyJson);
    SANGO_TRY(policy);
    if (policy->municipality != m_impl->municipality)
        return fail(Errc::invalid_config, "the policy is municipality " + policy->municipality + "'s, not " +
                                              m_impl->municipality + "'s");
    if (auto local = LocalTime::forZone(policy->timeZone); !local)
        return tl::unexpected(local.error());
    if (!from.ok())
        return fail(Errc::invalid_argument, "--from must be a date, YYYY-MM-DD");
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    const json normal = policy->toJson();
    SANGO_TRY(store.addPolicy(formatDate(from), normal.dump(), m_impl->now()));
    SANGO_TRY(ChangeFeed(store, m_impl->now())
                  .record(protocol::change_kind::policy, "", {{"policy", normal}, {"from", formatDate(from)}}));
    SANGO_TRY(tx.commit());
    logger()->info("policy {} set from {}", policy->version, formatDate(from));
    return {};
}

} // namespace sango::ledger
