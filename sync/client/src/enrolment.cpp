#include "sango/sync/enrolment.h"

#include <algorithm>
#include <array>
#include <system_error>

#include "sango/base64url.h"
#include "sango/coupon_id.h"
#include "sango/key_file.h"
#include "sango/published_keys.h"
#include "sango/crypto.h"
#include "sango/policy.h"
#include "sango/provider.h"
#include "sango/sync_state.h"
#include "sango/trust_store.h"

namespace sango::sync {

using nlohmann::json;

namespace {

// What the ledger sent must be usable before anything is recorded.
Expected<void> checkAnswer(const protocol::EnrolResponse& r)
{
    auto policy = Policy::fromJson(r.policy);
    if (!policy)
        return fail(Errc::ledger_error, "the ledger sent a policy this terminal cannot use (" + policy.error().message +
                                            "): ask the municipality");
    auto provider = Provider::fromJson(r.provider);
    if (!provider)
        return fail(Errc::ledger_error, "the ledger sent a provider profile this terminal cannot use (" +
                                            provider.error().message + "): ask the municipality");
    auto trust = TrustStore::fromJson(r.trust);
    if (!trust)
        return fail(Errc::ledger_error, "the ledger sent a trust store this terminal cannot use (" +
                                            trust.error().message + "): ask the municipality");
    if (r.terminalId.empty() || r.terminalId.size() > 32)
        return fail(Errc::ledger_error, "the ledger sent an unusable terminal id");
    return {};
}

// The device key: derived from the store key (made now, in a new data directory) and the enrolment code, so
// that a retry after a lost answer — same data directory, same code — sends the same public key, which the
// ledger answers again (a code is spent by its first request). Nobody without the store key can derive it, and
// whoever holds the store key can read the device key from the store anyway.
Expected<crypto::SigningKey> deviceKey(const StoreLocation& where, const std::string& code)
{
    std::error_code ec;
    if (!std::filesystem::exists(where.dataDir, ec)) {
        std::filesystem::create_directories(where.dataDir, ec);
        if (ec)
            return fail(Errc::store_io, "cannot create the data directory " + where.dataDir.string() + ": " +
                                            ec.message());
        std::filesystem::permissions(where.dataDir, std::filesystem::perms::owner_all, ec);
    }
    KeyFile file(where.key());
    auto storeKey = file.exists() ? file.load() : file.create();
    if (!storeKey)
        return tl::unexpected(storeKey.error());
    const std::string canonical = couponid::fold(code, 64).value_or(code);
    const auto& k = storeKey->bytes();
    const crypto::Hash256 seed =
        crypto::blake2b256("sango-enrol-device-key-1\n" + canonical,
                           std::string_view(reinterpret_cast<const char*>(k.data()), k.size()));
    std::array<std::uint8_t, 32> bytes{};
    std::copy(seed.begin(), seed.end(), bytes.begin());
    auto key = crypto::SigningKey::fromSeed(bytes);
    crypto::wipe(bytes.data(), bytes.size());
    return key;
}

} // namespace

Expected<Enrolment> enrolTerminal(LedgerClient& client, const StoreLocation& where, const EnrolOptions& options,
                                  const Clock& clock, const BootClock& boot)
{
    std::error_code ec;
    const bool storeExists = std::filesystem::exists(where.database(), ec);
    std::optional<EventStore> existing;
    if (storeExists) {
        auto s = EventStore::open(where);
        if (!s)
            return tl::unexpected(s.error());
        auto e = s->enrolment();
        if (!e)
            return tl::unexpected(e.error());
        if (*e)
            return fail(Errc::store_exists, "this terminal is already enrolled with " + (*e)->ledgerUrl + " as " +
                                                (*e)->terminalId + ": nothing was changed");
        existing.emplace(std::move(*s));
    }

    auto derived = deviceKey(where, options.code);
    if (!derived)
        return tl::unexpected(derived.error());
    crypto::SigningKey key = *derived;
    derived->wipeSecret();
    protocol::EnrolRequest request;
    request.code = options.code;
    request.publicKeyB64u = base64url::encode(key.publicKey.data(), key.publicKey.size());
    request.label = options.label;
    auto answer = client.enrol(request);
    if (!answer) {
        key.wipeSecret();
        return tl::unexpected(answer.error());
    }
    if (auto ok = checkAnswer(*answer); !ok) {
        key.wipeSecret();
        return tl::unexpected(ok.error());
    }
    // A real terminal never trusts a key published in this repository; a demonstration store may.
    const bool demo = options.demo || (existing && existing->isDemo().value_or(false));
    if (auto ok = published_keys::checkForStore(answer->trust, demo); !ok) {
        key.wipeSecret();
        return tl::unexpected(ok.error());
    }
    Enrolment enrolment{client.baseUrl(), answer->terminalId, answer->provider.value("provider_id", std::string()),
                        request.publicKeyB64u};
    std::string secretHex = crypto::toHex(key.secret);
    key.wipeSecret();
    // Everything the later syncs need is recorded with the enrolment, or nothing is.
    std::vector<std::pair<std::string, std::string>> syncState =
        SyncState::enrolmentValues(secretHex, answer->cursor, options.caFile, options.pinnedKey);
    auto wipeHex = [&] {
        crypto::wipe(secretHex.data(), secretHex.size());
        crypto::wipe(syncState.front().second.data(), syncState.front().second.size());
    };

    const Instant now = clock.now();
    Expected<EventStore> store = tl::unexpected(Error{Errc::store_io, ""});
    if (!existing) {
        InitialConfig config{answer->terminalId, answer->policy, answer->provider, answer->trust};
        config.demo = options.demo;
        EnrolmentRecord record{enrolment, syncState};
        store = EventStore::create(where, config, now, &record);
        crypto::wipe(record.syncState.front().second.data(), record.syncState.front().second.size());
        wipeHex();
        if (!store)
            return tl::unexpected(store.error());
    } else {
        // A terminal that started from files: its own records stay, the ledger's configuration replaces the files'.
        auto provider = existing->config("provider");
        if (!provider)
            return tl::unexpected(provider.error());
        if (provider->value("provider_id", std::string()) != enrolment.providerId) {
            wipeHex();
            return fail(Errc::invalid_config, "this store belongs to provider " +
                                                  provider->value("provider_id", std::string()) +
                                                  " but the code enrolled provider " + enrolment.providerId +
                                                  ": nothing was recorded here, but the code is used up; ask the "
                                                  "municipality for a new code and use a new data directory, or "
                                                  "the right provider's code");
        }
        auto r = existing->transact([&]() -> Expected<void> {
            for (const auto& [kind, body] : {std::pair<const char*, const json*>{"policy", &answer->policy},
                                             {"provider", &answer->provider},
                                             {"trust", &answer->trust}})
            {
                events::ConfigInstalled installed;
                installed.kind = kind;
                installed.body = *body;
                installed.source = "ledger";
                SANGO_TRY(existing->append(installed, now));
            }
            SANGO_TRY(existing->append(events::TerminalEnrolled{enrolment.ledgerUrl, enrolment.terminalId,
                                                                enrolment.providerId, enrolment.publicKeyB64u},
                                       now));
            return SyncState(*existing).record(syncState);
        });
        wipeHex();
        if (!r)
            return tl::unexpected(r.error());
        store = std::move(*existing);
    }
    // The clock as the ledger saw it when it answered.
    if (const auto& m = client.lastMeasurement())
        SANGO_TRY(StoredClockWitness::record(*store, boot, m->offsetSeconds, m->measuredAt));
    return enrolment;
}

} // namespace sango::sync
