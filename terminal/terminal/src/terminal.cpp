// Terminal: loading, verification, and scans that open and close sessions.
#include "sango/terminal.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>

#include "sango/log.h"
#include "sango/coupon_id.h"
#include "sango/rounding.h"
#include "sango/events.h"
#include "terminal_events.h"

namespace sango {

using nlohmann::json;
using namespace terminal_events;

std::string_view toString(ScanAction a)
{
    switch (a) {
    case ScanAction::opened: return "opened";
    case ScanAction::closed: return "closed";
    case ScanAction::ignored: return "ignored";
    }
    return "opened";
}

// What a scan or a typed id resolves to.
struct Terminal::Coupon {
    std::string id;
    SessionSource source = SessionSource::qr;
    bool verified = false;
    std::string type;
    std::optional<int> grant;
    std::vector<Service> services; // empty: unknown (unverified)
    std::int64_t notBefore = 0;
    std::int64_t expires = 0;

    // What a scan event records of the coupon (the coupons projection is built from it).
    json toJson() const
    {
        events::CouponSeen seen;
        seen.verified = verified;
        seen.type = type;
        if (grant)
            seen.grant = *grant;
        for (Service s : services)
            seen.services.emplace_back(toString(s));
        seen.notBefore = notBefore;
        seen.expires = expires;
        return seen.toJson();
    }
};

Terminal::Terminal(EventStore& store, const Clock& clock, Policy policy, Provider provider, TrustStore trust,
                   LocalTime local, std::string sessionPrefix)
    : m_store(&store), m_clock(&clock), m_policy(std::move(policy)), m_provider(std::move(provider)),
      m_verifier(std::move(trust), m_policy.municipality), m_local(std::move(local)), m_sessionPrefix(std::move(sessionPrefix))
{
}

Expected<Terminal> Terminal::load(EventStore& store, const Clock& clock)
{
    auto latest = store.config("policy");
    if (!latest)
        return tl::unexpected(latest.error());
    // A policy applies from its date, in its own time zone: the latest one says which zone "today" is in.
    auto zonePolicy = Policy::fromJson(*latest);
    if (!zonePolicy)
        return fail(Errc::store_corrupt, "the policy in the store cannot be read: restore the store from a backup");
    auto zone = LocalTime::forZone(zonePolicy->timeZone);
    if (!zone)
        return tl::unexpected(zone.error());
    auto policyJson = store.policyOn(zone->dateOf(clock.now()));
    if (!policyJson)
        return tl::unexpected(policyJson.error());
    auto providerJson = store.config("provider");
    if (!providerJson)
        return tl::unexpected(providerJson.error());
    auto trustJson = store.config("trust");
    if (!trustJson)
        return tl::unexpected(trustJson.error());
    auto policy = Policy::fromJson(*policyJson);
    auto provider = Provider::fromJson(*providerJson);
    auto trust = TrustStore::fromJson(*trustJson);
    if (!policy || !provider || !trust)
        return fail(Errc::store_corrupt, "the policy, provider or trust store in the store cannot be read: "
                                         "restore the store from a backup");
    auto local = LocalTime::forZone(policy->timeZone);
    if (!local)
        return tl::unexpected(local.error());
    auto id = store.terminalId();
    if (!id)
        return tl::unexpected(id.error());
    auto incarnation = store.incarnation();
    if (!incarnation)
        return tl::unexpected(incarnation.error());
    // A restored store numbers its sessions within its own incarnation: "T1-R7K3-000042".
    std::string prefix = *incarnation + (incarnation->empty() ? "" : "-");
    return Terminal(store, clock, std::move(*policy), std::move(*provider), std::move(*trust), std::move(*local),
                    *id + "-" + prefix);
}

bool Terminal::isReasonCode(std::string_view reason)
{
    return events::isReasonCode(reason);
}

bool Terminal::isStaffId(std::string_view staffId)
{
    return events::isStaffId(staffId);
}

std::string Terminal::newSessionId(std::int64_t seq) const
{
    char n[24];
    std::snprintf(n, sizeof n, "%06lld", static_cast<long long>(seq));
    return m_sessionPrefix + n;
}

Expected<StaffRole> Terminal::roleOf(const std::string& staffId)
{
    if (!isStaffId(staffId))
        return fail(Errc::invalid_argument, "a staff id is 1 to 32 letters, digits, '-', '_' or '.'");
    auto count = m_store->staffCount();
    if (!count)
        return tl::unexpected(count.error());
    if (*count == 0)
        return StaffRole::manager; // set-up mode: no staff registered yet
    auto s = m_store->staff(staffId);
    if (!s)
        return tl::unexpected(s.error());
    if (!*s)
        return fail(Errc::staff_unknown, "staff id " + staffId + " is not registered on this terminal: check the id, "
                                         "or ask a manager to add it (`sango staff add`)");
    return (*s)->role == "manager" ? StaffRole::manager : StaffRole::staff;
}

Expected<void> Terminal::requireRole(const std::string& staffId, StaffRole needed)
{
    auto role = roleOf(staffId);
    if (!role)
        return tl::unexpected(role.error());
    if (needed == StaffRole::manager && *role != StaffRole::manager)
        return fail(Errc::not_permitted, "this needs a manager: staff id " + staffId + " is not one");
    return {};
}

Expected<Credential> Terminal::verify(std::string_view qrText, std::optional<Instant> at)
{
    std::optional<Error> storeError;
    RevocationCheck revoked = [&](std::string_view id) {
        auto r = m_store->isRevoked(id);
        if (!r) {
            storeError = r.error();
            return false;
        }
        return *r;
    };
    auto c = m_verifier.verify(qrText, at.value_or(m_clock->now()), revoked);
    if (storeError)
        return tl::unexpected(*storeError);
    return c;
}

Expected<Terminal::Coupon> Terminal::resolve(const ScanInput& input, Instant now)
{
    Coupon c;
    if (input.kind == ScanInput::Kind::qr) {
        auto cred = verify(input.text, now);
        if (!cred)
            return tl::unexpected(cred.error());
        c.id = cred->couponId;
        c.source = SessionSource::qr;
        c.verified = true;
        c.type = cred->couponType;
        c.grant = cred->grantMinutes;
        c.services = cred->services;
        c.notBefore = cred->notBefore;
        c.expires = cred->expires;
        return c;
    }
    auto id = couponid::normalize(input.text);
    if (!id)
        return fail(Errc::malformed, "that is not a valid coupon id: type the 16 characters printed under the QR "
                                     "code (for example 7K3Q-9M2X-4T8V-WZ1M) again");
    c.id = *id;
    c.source = SessionSource::manual;
    auto revoked = m_store->isRevoked(c.id);
    if (!revoked)
        return tl::unexpected(revoked.error());
    auto known = m_store->coupon(c.id);
    if (!known)
        return tl::unexpected(known.error());
    if (*known && (*known)->verified) {
        const CouponRecord& k = **known;
        Credential seen;
        seen.expires = k.expires != 0 ? k.expires : std::numeric_limits<std::int64_t>::max();
        seen.notBefore = k.notBefore != 0 ? k.notBefore : std::numeric_limits<std::int64_t>::min();
        SANGO_TRY(CredentialVerifier::checkCurrent(seen, now));
        SANGO_TRY(CredentialVerifier::checkNotRevoked(*revoked));
        c.verified = true;
        c.type = k.couponType;
        c.grant = k.grantMinutes;
        c.services = k.services;
        c.notBefore = k.notBefore;
        c.expires = k.expires;
        return c;
    }
    SANGO_TRY(CredentialVerifier::checkNotRevoked(*revoked));
    if (!m_policy.allowUnverifiedEntry)
        return fail(Errc::unknown_coupon, "this terminal has never seen this coupon and the municipality does not "
                                          "allow unverified ids: scan the QR code instead");
    c.verified = false;
    return c;
}

Expected<Terminal::Usage> Terminal::usage(const std::string& couponId, std::optional<int> credentialGrant,
                                          std::string_view exceptSession)
{
    auto local = m_store->usedMinutes(couponId, exceptSession);
    if (!local)
        return tl::unexpected(local.error());
    auto ledger = m_store->ledgerBalance(couponId);
    if (!ledger)
        return tl::unexpected(ledger.error());
    Usage u;
    u.grant = credentialGrant;
    u.used = *local;
    if (*ledger) {
        // The ledger has the final word on the grant and on what other terminals used; this terminal's own
        // sessions count as recorded here, answered or not, so nothing is counted twice or missed.
        const LedgerBalance& l = **ledger;
        u.grant = l.grantMinutes;
        u.used += std::max<std::int64_t>(l.usedMinutes - l.usedHereMinutes, 0);
        u.fromLedger = true;
        u.asOf = l.asOf;
    }
    return u;
}

Expected<std::optional<std::int64_t>> Terminal::remaining(const SessionRecord& s, std::optional<int> grant)
{
    if (s.source == SessionSource::paper)
        return std::optional<std::int64_t>();
    auto u = usage(s.couponId, grant, s.sessionId);
    if (!u)
        return tl::unexpected(u.error());
    if (!u->grant)
        return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(left(*u->grant, u->used));
}

Expected<ServiceRule> Terminal::ruleOn(Service service, date::year_month_day day)
{
    auto j = m_store->policyOn(day);
    if (!j)
        return tl::unexpected(j.error());
    auto p = Policy::fromJson(*j);
    if (!p)
        return fail(Errc::store_corrupt, "a stored policy cannot be read: run `sango audit`");
    const ServiceRule* rule = p->rule(service);
    if (!rule)
        return fail(Errc::service_not_allowed, "the policy of " + formatDate(day) + " has no rule for " +
                                                   std::string(toString(service)) +
                                                   " care: ask the municipality for a policy update");
    return *rule;
}

Expected<std::optional<events::EventClock>> Terminal::clockStamp(std::vector<std::string>& flags)
{
    if (!m_witness)
        return std::optional<events::EventClock>();
    auto r = m_witness->read();
    if (!r)
        return tl::unexpected(r.error());
    if (!r->verified && r->enrolled)
        addFlag(flags, "unverified_time");
    return std::optional<events::EventClock>(events::EventClock{r->offsetSeconds, r->verified});
}

Expected<ScanResult> Terminal::scan(const ScanInput& input, Service service, const std::string& staffId)
{
    auto r = scanLocked(input, service, staffId);
    // Session ids and codes only: no coupon id, QR text or PIN reaches a log.
    if (r)
        log::category("terminal.session")->info("scan: session {} {}", r->session.sessionId, toString(r->action));
    else
        log::category("terminal.session")->info("scan refused: {}", toString(r.error().code));
    return r;
}

Expected<ScanResult> Terminal::scanLocked(const ScanInput& input, Service service, const std::string& staffId)
{
    auto role = roleOf(staffId);
    if (!role)
        return tl::unexpected(role.error());
    return m_store->transact([&]() -> Expected<ScanResult> {
        const Instant now = m_clock->now();
        auto coupon = resolve(input, now);
        if (!coupon)
            return closeDespite(coupon.error(), input, now, staffId);
        auto open = m_store->openSessionFor(coupon->id);
        if (!open)
            return tl::unexpected(open.error());

        // A second scan within seconds is the same gesture repeated, not a new instruction.
        auto repeat = repeatOf(coupon->id, *open, now);
        if (!repeat)
            return tl::unexpected(repeat.error());
        if (*repeat) {
            ScanResult r{ScanAction::ignored, **repeat, std::nullopt};
            auto u = usage(coupon->id, coupon->grant);
            if (!u)
                return tl::unexpected(u.error());
            if (u->grant)
                r.balanceMinutes = static_cast<int>(left(*u->grant, u->used));
            return r;
        }
        if (*open)
            return closeLocked(**open, now, staffId, &*coupon);

        if (!m_provider.offers(service) || !m_policy.rule(service))
            return fail(Errc::service_not_allowed, "this provider does not offer " + std::string(toString(service)) +
                                                       " care under the municipality's policy");
        if (!coupon->services.empty() &&
            std::find(coupon->services.begin(), coupon->services.end(), service) == coupon->services.end())
            return fail(Errc::service_not_allowed, "this coupon cannot be used for " + std::string(toString(service)) +
                                                       " care: check the service, or ask the municipality");
        std::optional<std::int64_t> balance;
        auto u = usage(coupon->id, coupon->grant);
        if (!u)
            return tl::unexpected(u.error());
        if (u->grant) {
            balance = left(*u->grant, u->used);
            if (*balance <= 0)
                return fail(Errc::no_balance, "this coupon has no care time left: the mother can ask the "
                                              "municipality, or use another way to pay");
        }
        auto count = m_store->lastSeq();
        if (!count)
            return tl::unexpected(count.error());
        SessionRecord s;
        s.sessionId = newSessionId(*count + 1);
        s.couponId = coupon->id;
        s.source = coupon->source;
        s.service = service;
        s.start = now;
        s.openedStart = now;
        s.date = m_local.dateOf(now);
        s.staffId = staffId;
        s.status = SessionStatus::open;
        if (!coupon->verified)
            s.flags.emplace_back("unverified");
        auto stamp = clockStamp(s.flags);
        if (!stamp)
            return tl::unexpected(stamp.error());
        events::SessionOpened opened;
        opened.common = {s.sessionId, staffId, s.flags, *stamp};
        opened.couponId = s.couponId;
        opened.source = std::string(toString(s.source));
        opened.service = std::string(toString(service));
        opened.start = seconds(now);
        opened.date = formatDate(s.date);
        opened.coupon = coupon->toJson();
        SANGO_TRY_ASSIGN(const Event ev, m_store->append(opened, now));
        s.lastEventId = ev.id;
        ScanResult r{ScanAction::opened, s, std::nullopt};
        if (balance)
            r.balanceMinutes = static_cast<int>(*balance);
        return r;
    });
}

Expected<std::optional<SessionRecord>> Terminal::repeatOf(const std::string& couponId,
                                                        const std::optional<SessionRecord>& open, Instant now)
{
    auto record = m_store->coupon(couponId);
    if (!record)
        return tl::unexpected(record.error());
    // (A clock that went backwards does not make every later scan a repeat.)
    const bool withinWindow = *record && (*record)->lastScanAt && now >= *(*record)->lastScanAt &&
                              now - *(*record)->lastScanAt < kRepeatScanWindow;
    if (!withinWindow)
        return std::optional<SessionRecord>();
    std::optional<SessionRecord> last = open;
    if (!last) {
        auto previous = m_store->lastSessionFor(couponId);
        if (!previous)
            return tl::unexpected(previous.error());
        last = *previous;
    }
    // A session cancelled meanwhile (opened by mistake) does not swallow the next scan.
    if (last && last->status == SessionStatus::cancelled)
        return std::optional<SessionRecord>();
    return last;
}

Expected<ScanResult> Terminal::closeDespite(const Error& refusal, const ScanInput& input, Instant now,
                                           const std::string& staffId)
{
    // A session already open is closed even when its coupon expired, was revoked or is not valid by this
    // clock any more: the care was given, and the time must be recorded. Only a genuine coupon can do this.
    const bool timeOrRevocation = refusal.code == Errc::expired || refusal.code == Errc::revoked ||
                                  refusal.code == Errc::not_yet_valid;
    if (!timeOrRevocation)
        return tl::unexpected(refusal);
    std::optional<std::string> id;
    if (input.kind == ScanInput::Kind::qr) {
        if (auto genuine = m_verifier.verifyGenuine(input.text))
            id = genuine->couponId;
    } else {
        id = couponid::normalize(input.text);
    }
    if (!id)
        return tl::unexpected(refusal);
    auto open = m_store->openSessionFor(*id);
    if (!open)
        return tl::unexpected(open.error());
    // A repeated gesture is ignored like any other repeat: right after such a close, and right after the
    // opening (a double scan just as the coupon expires must not close a seconds-old session).
    auto repeat = repeatOf(*id, *open, now);
    if (!repeat)
        return tl::unexpected(repeat.error());
    if (*repeat)
        return ScanResult{ScanAction::ignored, **repeat, std::nullopt};
    if (!*open)
        return tl::unexpected(refusal);
    // A scan all the same: it counts for the repeat window, but vouches for nothing.
    Coupon scanned;
    scanned.id = *id;
    scanned.source = input.kind == ScanInput::Kind::qr ? SessionSource::qr : SessionSource::manual;
    return closeLocked(**open, now, staffId, &scanned);
}

Expected<ScanResult> Terminal::closeLocked(const SessionRecord& open, Instant now, const std::string& staffId,
                                           const Coupon* scanned)
{
    auto rule = ruleOn(open.service, open.date);
    if (!rule)
        return tl::unexpected(rule.error());
    if (now < open.start)
        return fail(Errc::invalid_time, "the terminal's clock reads earlier than the start of session " +
                                            open.sessionId + ": set the clock right, then close it again (or a "
                                                             "manager corrects it)");
    auto coupon = m_store->coupon(open.couponId);
    if (!coupon)
        return tl::unexpected(coupon.error());
    // A session opened by a typed id and closed by the QR: the credential now vouches for the grant.
    const bool verifiedNow = scanned && scanned->verified;
    const std::optional<int> grant = verifiedNow ? scanned->grant : *coupon ? (*coupon)->grantMinutes : std::nullopt;
    auto rem = remaining(open, grant);
    if (!rem)
        return tl::unexpected(rem.error());
    const int actual = actualMinutes(open.start, now);
    const Billing b = bill(*rule, actual, *rem ? std::optional<int>(static_cast<int>(**rem)) : std::nullopt);
    SessionRecord s = open;
    s.stop = now;
    s.actualMinutes = actual;
    s.billedMinutes = b.billedMinutes;
    s.status = SessionStatus::closed;
    if (b.capped)
        addFlag(s.flags, "capped");
    auto stamp = clockStamp(s.flags);
    if (!stamp)
        return tl::unexpected(stamp.error());
    events::SessionClosed closed;
    closed.common = {s.sessionId, staffId, s.flags, *stamp};
    closed.couponId = s.couponId;
    closed.sessionStart = seconds(open.openedStart);
    closed.stop = seconds(now);
    closed.actualMinutes = actual;
    closed.billedMinutes = b.billedMinutes;
    closed.byScan = scanned != nullptr;
    closed.coupon = scanned ? scanned->toJson() : json::object();
    SANGO_TRY_ASSIGN(const Event ev, m_store->append(closed, now));
    s.lastEventId = ev.id;
    ScanResult r{ScanAction::closed, s, std::nullopt};
    if (*rem)
        r.balanceMinutes = static_cast<int>(**rem - b.billedMinutes);
    return r;
}

Expected<ScanResult> Terminal::close(const std::string& sessionId, const std::string& staffId)
{
    auto role = roleOf(staffId);
    if (!role)
        return tl::unexpected(role.error());
    return m_store->transact([&]() -> Expected<ScanResult> {
        auto s = m_store->session(sessionId);
        if (!s)
            return tl::unexpected(s.error());
        if (!*s || (*s)->status != SessionStatus::open)
            return fail(Errc::session_not_found, "there is no open session " + sessionId +
                                                     ": check the id with `sango sessions --open`");
        return closeLocked(**s, m_clock->now(), staffId, nullptr);
    });
}

} // namespace sango

namespace sango {

Expected<Terminal::ClosePreview> Terminal::previewClose(const SessionRecord& open)
{
    const Instant now = m_clock->now();
    auto rule = ruleOn(open.service, open.date);
    if (!rule)
        return tl::unexpected(rule.error());
    auto coupon = m_store->coupon(open.couponId);
    if (!coupon)
        return tl::unexpected(coupon.error());
    const std::optional<int> grant = *coupon ? (*coupon)->grantMinutes : std::nullopt;
    auto rem = remaining(open, grant);
    if (!rem)
        return tl::unexpected(rem.error());
    ClosePreview p;
    p.actualMinutes = now < open.start ? 0 : actualMinutes(open.start, now);
    const Billing b = bill(*rule, p.actualMinutes, *rem ? std::optional<int>(static_cast<int>(**rem)) : std::nullopt);
    p.billedMinutes = b.billedMinutes;
    p.capped = b.capped;
    if (*rem)
        p.balanceAfterMinutes = **rem - b.billedMinutes;
    return p;
}

} // namespace sango

namespace sango {

Expected<void> Terminal::reload()
{
    auto fresh = Terminal::load(*m_store, *m_clock);
    if (!fresh)
        return tl::unexpected(fresh.error());
    ClockWitness* witness = m_witness;
    *this = std::move(*fresh);
    m_witness = witness;
    return {};
}

} // namespace sango
