// Ledger: the municipality's coupons and providers, and what it reads back (balances, totals, events).
#include <algorithm>

#include "changes.h"
#include "issuer.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "random_codes.h"
#include "sango/coupon_id.h"
#include "sango/crypto.h"
#include "sango/service.h"
#include "totals.h"

namespace sango::ledger {

using nlohmann::json;

namespace {

constexpr std::int64_t kDefaultValiditySeconds = 365LL * 24 * 3600;

// Typed or printed coupon ids ("7K3Q-9M2X-4T8V-WZ1M") to canonical form; unknown_coupon otherwise.
Expected<std::string> canonicalCoupon(const std::string& typed)
{
    auto id = couponid::normalize(typed);
    if (!id)
        return fail(Errc::unknown_coupon, "\"" + typed + "\" is not a coupon id (16 characters, as printed under "
                                                         "the QR code)");
    return *id;
}

Expected<Provider> checkedProvider(const json& profile, const std::string& municipality)
{
    auto p = Provider::fromJson(profile);
    SANGO_TRY(p);
    if (p->municipality != municipality)
        return fail(Errc::invalid_config, "provider " + p->providerId + " belongs to municipality " +
                                              p->municipality + ", not to this ledger's " + municipality);
    if (!detail::isSimpleId(p->providerId, 32))
        return fail(Errc::invalid_config, "provider_id must be 1 to 32 letters, digits, '.', '_' or '-' (it "
                                          "becomes part of terminal ids)");
    return p;
}

} // namespace

namespace detail {

Expected<std::optional<Provider>> provider(LedgerStore& store, const std::string& providerId)
{
    SANGO_TRY_ASSIGN(const auto text, store.providerProfile(providerId));
    if (!text)
        return std::optional<Provider>();
    auto p = Provider::fromJson(json::parse(*text, nullptr, false));
    if (!p)
        return fail(Errc::store_corrupt, "the profile of provider " + providerId + " in the ledger is damaged");
    return std::optional<Provider>(std::move(*p));
}

Expected<std::string> codeHash(LedgerStore& store, const std::string& normalizedCode)
{
    SANGO_TRY_ASSIGN(const auto secretHex, store.codeSecret());
    std::array<std::uint8_t, 32> secret{};
    if (!secretHex || !crypto::fromHex(*secretHex, secret.data(), secret.size()))
        return fail(Errc::store_corrupt, "the ledger's enrolment secret is damaged: restore it from a backup");
    // Keyed, so that the store's codes cannot be guessed offline even from a copy with its key file; fast,
    // so that enrolment can look a code up (the code has 80 random bits: no brute force to slow down).
    const std::string key(reinterpret_cast<const char*>(secret.data()), secret.size());
    const auto hash = crypto::blake2b256(normalizedCode, key);
    crypto::wipe(secret.data(), secret.size());
    return crypto::toHex(hash);
}

Expected<std::string> newEnrolmentCode(LedgerStore& store, const std::string& providerId, std::int64_t now,
                                       std::int64_t validDays)
{
    if (validDays < 1 || validDays > 90)
        return fail(Errc::invalid_argument, "an enrolment code is valid for 1 to 90 days");
    const std::string code = codes::enrolmentCode();
    SANGO_TRY_ASSIGN(const auto hash, codeHash(store, codes::normalizeEnrolmentCode(code)));
    SANGO_TRY(store.addEnrolmentCode(hash, providerId, now, now + validDays * 86400));
    return code;
}

} // namespace detail

Expected<IssuedCoupon> Ledger::issue(const IssueRequest& request)
{
    std::unique_lock lock(m_impl->mutex);
    auto& store = m_impl->store;
    const std::int64_t now = m_impl->now();
    auto policyJson = detail::policyInForce(store, now);
    SANGO_TRY(policyJson);
    auto policy = Policy::fromJson(*policyJson);
    if (!policy)
        return fail(Errc::store_corrupt, "the ledger's policy is damaged: " + policy.error().message);

    IssuedCoupon c;
    const bool typeOk = !request.type.empty() && request.type.size() <= 32 &&
                        std::all_of(request.type.begin(), request.type.end(),
                                    [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
    if (!typeOk)
        return fail(Errc::invalid_argument, "a coupon type is a short snake_case word, e.g. standard");
    auto standard = policy->couponTypes.find(request.type);
    if (request.grantMinutes)
        c.grantMinutes = *request.grantMinutes;
    else if (standard != policy->couponTypes.end())
        c.grantMinutes = standard->second;
    else
        return fail(Errc::invalid_argument, "the policy has no coupon type " + request.type +
                                                ": use one of its coupon_types, or give --grant");
    if (c.grantMinutes <= 0)
        return fail(Errc::invalid_argument, "the grant must be a positive number of minutes");
    c.services = request.services.empty() ? std::vector<std::string>{"stay", "day", "visit"} : request.services;
    for (const auto& s : c.services)
        if (!parseService(s))
            return fail(Errc::invalid_argument, "\"" + s + "\" is not a service: use stay, day or visit");
    std::sort(c.services.begin(), c.services.end(), [](const std::string& a, const std::string& b) {
        return *parseService(a) < *parseService(b);
    });
    c.services.erase(std::unique(c.services.begin(), c.services.end()), c.services.end());
    c.notBefore = request.notBefore.value_or(now);
    c.expires = request.expires.value_or(c.notBefore + kDefaultValiditySeconds);
    if (c.expires <= c.notBefore)
        return fail(Errc::invalid_argument, "the coupon would expire before it becomes valid");

    // The issuer key: the one asked for, else the newest active one.
    {
        SANGO_TRY_ASSIGN(auto issuer, store.activeIssuerSecret(request.kid));
        if (!issuer)
            return fail(request.kid ? Errc::invalid_argument : Errc::store_corrupt,
                        request.kid ? "there is no active issuer key " + *request.kid + ": see `sango-ledger key`"
                                    : std::string("the ledger has no active issuer key"));
        c.kid = issuer->kid;
        auto& secret = issuer->secret;
        auto key = crypto::SigningKey::fromSecret(secret.data(), secret.size());
        crypto::wipe(secret.data(), secret.size());
        if (!key)
            return fail(Errc::store_corrupt, "the issuer key " + c.kid + " in the ledger is damaged");
        c.pass = codes::pass();
        c.serial = codes::serial();
        c.couponId = codes::couponId();
        CouponClaims claims{m_impl->municipality, c.couponId, request.type, c.grantMinutes, c.services,
                            now,                  c.notBefore, c.expires};
        c.qrText = Issuer(*key, c.kid).mint(claims);
        key->wipeSecret();
    }
    // Argon2id takes a while and much memory: outside the write transaction and the lock, so that the server
    // and other commands are not held up by it.
    lock.unlock();
    auto passHash = crypto::hashPin(c.pass);
    SANGO_TRY(passHash);
    lock.lock();
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    // 75 random bits make a collision all but impossible; the check makes it impossible.
    SANGO_TRY_ASSIGN(const bool taken, store.couponIdOrSerialTaken(c.couponId, c.serial));
    if (taken)
        return fail(Errc::store_io, "a random coupon id or serial repeated: run the command again");
    SANGO_TRY(store.addCoupon({c.couponId, request.type, c.grantMinutes, json(c.services).dump(), c.notBefore,
                               c.expires, c.kid, c.serial, *passHash, now}));
    SANGO_TRY(tx.commit());
    logger()->info("coupon issued ({}, {} minutes, key {})", request.type, c.grantMinutes, c.kid);
    return c;
}

Expected<void> Ledger::revoke(const std::string& couponId, const std::string& reason)
{
    if (reason != "paper" && reason != "withdrawn")
        return fail(Errc::invalid_argument, "--reason must be paper or withdrawn");
    auto id = canonicalCoupon(couponId);
    SANGO_TRY(id);
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto coupon, store.findCoupon(*id));
    if (!coupon)
        return fail(Errc::unknown_coupon, "this ledger never issued coupon " + couponid::grouped(*id));
    if (coupon->revokedAt)
        return {}; // revoked already: the first revocation and its time stand
    const std::int64_t now = m_impl->now();
    ChangeFeed feed(store, now);
    SANGO_TRY(feed.record(protocol::change_kind::revocation, "",
                                 {{"coupon_id", *id}, {"reason", reason}, {"at", now}}));
    // Which change carries it: a terminal that has pulled past it knows the coupon is revoked.
    SANGO_TRY_ASSIGN(const auto change, feed.lastSeq());
    SANGO_TRY(store.revokeCoupon(*id, reason, now, change));
    SANGO_TRY(tx.commit());
    logger()->info("a coupon was revoked ({})", reason);
    return {};
}

Expected<LedgerBalance> Ledger::balance(const std::string& couponId)
{
    auto id = canonicalCoupon(couponId);
    SANGO_TRY(id);
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(const auto snapshot, store.beginRead());
    SANGO_TRY_ASSIGN(const auto counted, store.couponBalance(*id));
    if (!counted.grantMinutes)
        return fail(Errc::unknown_coupon, "this ledger never issued coupon " + couponid::grouped(*id));
    LedgerBalance b;
    b.couponId = *id;
    b.grantMinutes = static_cast<int>(*counted.grantMinutes);
    b.usedMinutes = counted.usedMinutes;
    b.balanceMinutes = std::max<std::int64_t>(b.grantMinutes - b.usedMinutes, 0);
    return b;
}

Expected<ProviderEnrolment> Ledger::addProvider(const nlohmann::json& profile, std::int64_t codeValidDays)
{
    auto p = checkedProvider(profile, m_impl->municipality);
    SANGO_TRY(p);
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto existing, detail::provider(store, p->providerId));
    if (existing)
        return fail(Errc::invalid_argument, "provider " + p->providerId + " is registered already: change it with "
                                                                          "`provider update`");
    const std::int64_t now = m_impl->now();
    SANGO_TRY(store.addProvider(p->providerId, p->toJson().dump(), now));
    SANGO_TRY_ASSIGN(const auto code, detail::newEnrolmentCode(store, p->providerId, now, codeValidDays));
    SANGO_TRY(tx.commit());
    logger()->info("provider {} registered", p->providerId);
    return ProviderEnrolment{p->providerId, code};
}

Expected<void> Ledger::updateProvider(const nlohmann::json& profile)
{
    auto p = checkedProvider(profile, m_impl->municipality);
    SANGO_TRY(p);
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto existing, detail::provider(store, p->providerId));
    if (!existing)
        return fail(Errc::invalid_argument, "there is no provider " + p->providerId + ": register it with "
                                                                                      "`provider add`");
    const std::int64_t now = m_impl->now();
    const json normal = p->toJson();
    SANGO_TRY(store.updateProvider(p->providerId, normal.dump(), now));
    SANGO_TRY(ChangeFeed(store, now).record(protocol::change_kind::provider, p->providerId, {{"provider", normal}}));
    SANGO_TRY(tx.commit());
    logger()->info("provider {} updated", p->providerId);
    return {};
}

Expected<std::string> Ledger::newEnrolmentCode(const std::string& providerId, std::int64_t validDays)
{
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(auto tx, store.beginWrite());
    SANGO_TRY_ASSIGN(const auto existing, detail::provider(store, providerId));
    if (!existing)
        return fail(Errc::invalid_argument, "there is no provider " + providerId);
    SANGO_TRY_ASSIGN(auto code, detail::newEnrolmentCode(store, providerId, m_impl->now(), validDays));
    SANGO_TRY(tx.commit());
    return code;
}

Expected<std::vector<TotalsRow>> Ledger::totals(const std::string& providerId, date::year_month month)
{
    if (!month.ok())
        return fail(Errc::invalid_argument, "--month must be YYYY-MM");
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(const auto snapshot, store.beginRead());
    SANGO_TRY_ASSIGN(const auto p, detail::provider(store, providerId));
    if (!p)
        return fail(Errc::invalid_argument, "there is no provider " + providerId);
    return Totals(store).compute(*p, month);
}

Expected<std::vector<LedgerEventRow>> Ledger::events(std::optional<std::string> couponId,
                                                     std::optional<std::string> status)
{
    if (status && *status != "accepted" && *status != "rejected" && *status != "duplicate")
        return fail(Errc::invalid_argument, "--status must be accepted, duplicate or rejected");
    std::vector<LedgerEventRow> out;
    // A duplicate delivery changes nothing and is not kept: there are no such rows.
    if (status && *status == "duplicate")
        return out;
    std::string coupon;
    if (couponId) {
        // A paper ticket is listed under its number; a coupon id may be typed in its printed form.
        coupon = couponid::normalize(*couponId).value_or(*couponId);
    }
    std::lock_guard lock(m_impl->mutex);
    auto& store = m_impl->store;
    SANGO_TRY_ASSIGN(const auto snapshot, store.beginRead());
    return store.eventRows(coupon, status.value_or(""));
}

} // namespace sango::ledger
