// Ledger: creating and opening the store, the municipality's issuer keys and policy.
#include "sango/ledger/ledger.h"

#include <algorithm>
#include <cctype>

#include "changes.h"
#include "ledger_impl.h"
#include "ledger_log.h"
#include "random_codes.h"
#include "sango/base64url.h"
#include "sango/crypto.h"
#include "sql.h"

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

Expected<LocalTime> localTime(db::Database& d)
{
    auto text = sql::scalarText(d, "SELECT policy FROM policies ORDER BY n DESC LIMIT 1");
    if (!text)
        return tl::unexpected(text.error());
    const json p = json::parse(text->value_or(""), nullptr, false);
    if (!p.is_object() || !p.contains("time_zone") || !p["time_zone"].is_string())
        return fail(Errc::store_corrupt, "the ledger holds no readable policy: restore it from a backup");
    return LocalTime::forZone(p["time_zone"].get<std::string>());
}

Expected<json> policyInForce(db::Database& d, std::int64_t now)
{
    auto local = localTime(d);
    if (!local)
        return tl::unexpected(local.error());
    const std::string today = formatDate(local->dateOf(Instant{std::chrono::seconds(now)}));
    auto text = sql::scalarText(d, "SELECT policy FROM policies WHERE from_date <= ? ORDER BY from_date DESC, n DESC "
                                   "LIMIT 1",
                                today);
    if (!text)
        return tl::unexpected(text.error());
    if (!*text) {
        text = sql::scalarText(d, "SELECT policy FROM policies ORDER BY from_date, n LIMIT 1");
        if (!text)
            return tl::unexpected(text.error());
    }
    json p = json::parse(text->value_or(""), nullptr, false);
    if (!p.is_object())
        return fail(Errc::store_corrupt, "the ledger's policy is damaged: restore it from a backup");
    return p;
}

Expected<json> trustStore(db::Database& d, const std::string& municipality)
{
    auto st = sql::query(d, "SELECT kid, public_key FROM issuer_keys WHERE retired_at IS NULL ORDER BY created_at, kid");
    if (!st)
        return tl::unexpected(st.error());
    json out = json::array();
    for (;;) {
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        out.push_back({{"kid", st->text(0)},
                       {"municipality", municipality},
                       {"alg", "EdDSA"},
                       {"public_key_b64u", st->text(1)}});
    }
    return out;
}

Expected<std::string> addIssuerKey(db::Database& d, const std::string& municipality, std::optional<std::string> kid,
                                   std::int64_t now)
{
    if (kid) {
        if (!isSimpleId(*kid, 64))
            return fail(Errc::invalid_argument, "a key id is 1 to 64 letters, digits, '.', '_' or '-'");
        auto taken = sql::scalarInt(d, "SELECT count(*) FROM issuer_keys WHERE kid = ?", *kid);
        if (!taken)
            return tl::unexpected(taken.error());
        if (taken->value_or(0) > 0)
            return fail(Errc::invalid_argument, "the key id " + *kid + " is taken: choose another");
    } else {
        auto local = localTime(d);
        if (!local)
            return tl::unexpected(local.error());
        const auto year = static_cast<int>(local->dateOf(Instant{std::chrono::seconds(now)}).year());
        const std::string prefix = municipality + "-" + std::to_string(year);
        for (char letter = 'a'; letter <= 'z' && !kid; ++letter) {
            auto taken = sql::scalarInt(d, "SELECT count(*) FROM issuer_keys WHERE kid = ?", prefix + letter);
            if (!taken)
                return tl::unexpected(taken.error());
            if (taken->value_or(0) == 0)
                kid = prefix + letter;
        }
        if (!kid)
            return fail(Errc::invalid_argument, "every key id " + prefix + "a to " + prefix +
                                                    "z is taken this year: name the new key with --kid");
    }
    crypto::SigningKey key = crypto::SigningKey::generate();
    const std::string pub = base64url::encode(key.publicKey.data(), key.publicKey.size());
    auto st = d.prepare("INSERT INTO issuer_keys(kid, secret, public_key, created_at) VALUES (?, ?, ?, ?)");
    if (!st) {
        key.wipeSecret();
        return tl::unexpected(st.error());
    }
    st->bind(1, *kid).bindBlob(2, key.secret.data(), key.secret.size()).bind(3, pub).bind(4, now);
    auto r = st->run();
    key.wipeSecret();
    if (!r)
        return tl::unexpected(r.error());
    logger()->info("issuer key {} made", *kid);
    return *kid;
}

} // namespace detail

Ledger::Ledger(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Ledger::~Ledger() = default;
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;

Expected<Ledger> Ledger::create(const std::filesystem::path& dataDir, std::string_view municipality,
                                const nlohmann::json& policyJson, const Clock& clock)
{
    const std::string code(municipality);
    if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(Errc::invalid_argument, "--municipality must be the 6-digit local government code, e.g. 131016");
    auto policy = Policy::fromJson(policyJson);
    if (!policy)
        return tl::unexpected(policy.error());
    if (policy->municipality != code)
        return fail(Errc::invalid_config, "the policy is municipality " + policy->municipality + "'s, not " + code);
    auto local = LocalTime::forZone(policy->timeZone);
    if (!local)
        return tl::unexpected(local.error());
    const std::int64_t now = clock.now().time_since_epoch().count();
    const std::string from = formatDate(local->dateOf(clock.now()));
    auto store = LedgerStore::create(dataDir, now, [&](db::Database& d) -> Expected<void> {
        std::array<std::uint8_t, 32> secret{};
        crypto::randomBytes(secret.data(), secret.size());
        std::string secretHex = crypto::toHex(secret);
        crypto::wipe(secret.data(), secret.size());
        auto r = sql::exec(d, "INSERT INTO meta(key, value) VALUES ('municipality', ?), ('code_secret', ?)", code,
                           secretHex);
        crypto::wipe(secretHex.data(), secretHex.size());
        if (!r)
            return r;
        SANGO_TRY(sql::exec(d, "INSERT INTO policies(from_date, policy, created_at) VALUES (?, ?, ?)", from,
                                   policy->toJson().dump(), now));
        SANGO_TRY(detail::addIssuerKey(d, code, std::nullopt, now));
        return {};
    });
    if (!store)
        return tl::unexpected(store.error());
    return Ledger(std::make_unique<Impl>(std::move(*store), clock, code));
}

Expected<Ledger> Ledger::open(const std::filesystem::path& dataDir, const Clock& clock)
{
    auto store = LedgerStore::open(dataDir, clock.now().time_since_epoch().count());
    if (!store)
        return tl::unexpected(store.error());
    auto municipality = sql::scalarText(store->db(), "SELECT value FROM meta WHERE key = 'municipality'");
    if (!municipality)
        return tl::unexpected(municipality.error());
    if (!*municipality)
        return fail(Errc::store_corrupt, "the ledger in " + dataDir.string() + " has no municipality: restore it "
                                                                               "from a backup");
    return Ledger(std::make_unique<Impl>(std::move(*store), clock, **municipality));
}

const std::string& Ledger::municipality() const
{
    return m_impl->municipality;
}

Expected<nlohmann::json> Ledger::trustStore()
{
    std::lock_guard lock(m_impl->mutex);
    return detail::trustStore(m_impl->db(), m_impl->municipality);
}

Expected<std::string> Ledger::addIssuerKey(std::optional<std::string> kid)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto made = detail::addIssuerKey(d, m_impl->municipality, std::move(kid), m_impl->now());
    if (!made)
        return made;
    auto trust = detail::trustStore(d, m_impl->municipality);
    if (!trust)
        return tl::unexpected(trust.error());
    // Terminals learn the new key ahead of the coupons signed with it.
    SANGO_TRY(ChangeFeed(d, m_impl->now()).record(protocol::change_kind::trust, "", {{"trust", *trust}}));
    SANGO_TRY(tx->commit());
    return made;
}

Expected<void> Ledger::retireIssuerKey(const std::string& kid)
{
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    auto st = sql::query(d, "SELECT retired_at FROM issuer_keys WHERE kid = ?", kid);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return fail(Errc::invalid_argument, "there is no issuer key " + kid + ": see the trust store");
    if (!st->isNull(0))
        return {}; // retired already
    auto active = sql::scalarInt(d, "SELECT count(*) FROM issuer_keys WHERE retired_at IS NULL");
    if (!active)
        return tl::unexpected(active.error());
    if (active->value_or(0) <= 1)
        return fail(Errc::not_permitted, "the key " + kid + " is the last active issuer key: add its successor "
                                                            "first (`sango-ledger key add`)");
    SANGO_TRY(sql::exec(d, "UPDATE issuer_keys SET retired_at = ? WHERE kid = ?", m_impl->now(), kid));
    auto trust = detail::trustStore(d, m_impl->municipality);
    if (!trust)
        return tl::unexpected(trust.error());
    SANGO_TRY(ChangeFeed(d, m_impl->now()).record(protocol::change_kind::trust, "", {{"trust", *trust}}));
    SANGO_TRY(tx->commit());
    logger()->info("issuer key {} retired", kid);
    return {};
}

Expected<nlohmann::json> Ledger::policy()
{
    std::lock_guard lock(m_impl->mutex);
    return detail::policyInForce(m_impl->db(), m_impl->now());
}

Expected<void> Ledger::setPolicy(const nlohmann::json& policyJson, date::year_month_day from)
{
    auto policy = Policy::fromJson(policyJson);
    if (!policy)
        return tl::unexpected(policy.error());
    if (policy->municipality != m_impl->municipality)
        return fail(Errc::invalid_config, "the policy is municipality " + policy->municipality + "'s, not " +
                                              m_impl->municipality + "'s");
    if (auto local = LocalTime::forZone(policy->timeZone); !local)
        return tl::unexpected(local.error());
    if (!from.ok())
        return fail(Errc::invalid_argument, "--from must be a date, YYYY-MM-DD");
    std::lock_guard lock(m_impl->mutex);
    auto& d = m_impl->db();
    auto tx = Transaction::begin(d, Transaction::Kind::write);
    if (!tx)
        return tl::unexpected(tx.error());
    const json normal = policy->toJson();
    SANGO_TRY(sql::exec(d, "INSERT INTO policies(from_date, policy, created_at) VALUES (?, ?, ?)",
                               formatDate(from), normal.dump(), m_impl->now()));
    SANGO_TRY(ChangeFeed(d, m_impl->now())
                         .record(protocol::change_kind::policy, "", {{"policy", normal}, {"from", formatDate(from)}}));
    SANGO_TRY(tx->commit());
    logger()->info("policy {} set from {}", policy->version, formatDate(from));
    return {};
}

} // namespace sango::ledger
