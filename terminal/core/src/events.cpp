// The store's own events (events.h): set-up, configuration, staff, revocations, enrolment and what the ledger
// said; and reading any event body by its type.
#include "sango/events.h"

#include "sango/json_reader.h"

namespace sango::events {

namespace {

using nlohmann::json;

template <typename T>
Expected<AnyEvent> wrap(Expected<T> parsed)
{
    if (!parsed)
        return tl::unexpected(std::move(parsed).error());
    return AnyEvent(std::move(*parsed));
}

template <typename T>
Expected<SessionEvent> wrapSession(Expected<T> parsed)
{
    if (!parsed)
        return tl::unexpected(std::move(parsed).error());
    return SessionEvent(std::move(*parsed));
}

void putOptional(json& j, const char* key, const std::optional<std::string>& v)
{
    if (v)
        j[key] = *v;
}

void putOptional(json& j, const char* key, const std::optional<std::int64_t>& v)
{
    if (v)
        j[key] = *v;
}

json intOrNull(const std::optional<std::int64_t>& v)
{
    return v ? json(*v) : json();
}

} // namespace

json StoreInitialised::toJson() const
{
    json j{{"terminal_id", terminalId}, {"schema_version", schemaVersion}};
    if (demo)
        j["demo"] = true;
    return j;
}

Expected<StoreInitialised> StoreInitialised::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    StoreInitialised e;
    SANGO_TRY_ASSIGN(e.terminalId, r.string("terminal_id"));
    SANGO_TRY_ASSIGN(e.schemaVersion, r.integer("schema_version"));
    // Read as the store always has: anything but true is not a demonstration store.
    const json* demo = r.find("demo");
    e.demo = demo && demo->is_boolean() && demo->get<bool>();
    return e;
}

json ConfigInstalled::toJson() const
{
    json j{{"kind", kind}, {"body", body}};
    putOptional(j, "source", source);
    putOptional(j, "change_seq", changeSeq);
    putOptional(j, "from", from);
    return j;
}

Expected<ConfigInstalled> ConfigInstalled::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    ConfigInstalled e;
    SANGO_TRY_ASSIGN(e.kind, r.string("kind"));
    if (const json* b = r.find("body"))
        e.body = *b;
    SANGO_TRY_ASSIGN(e.source, r.optionalString("source"));
    SANGO_TRY_ASSIGN(e.changeSeq, r.optionalInteger("change_seq"));
    SANGO_TRY_ASSIGN(e.from, r.optionalString("from"));
    return e;
}

json StaffAdded::toJson() const
{
    return {{"staff_id", staffId}, {"role", role}, {"pin_hash", pinHash}};
}

Expected<StaffAdded> StaffAdded::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    StaffAdded e;
    SANGO_TRY_ASSIGN(e.staffId, r.string("staff_id"));
    SANGO_TRY_ASSIGN(e.role, r.string("role"));
    SANGO_TRY_ASSIGN(e.pinHash, r.string("pin_hash"));
    return e;
}

json CouponRevoked::toJson() const
{
    json j{{"coupon_id", couponId}, {"reason", reason}};
    putOptional(j, "source", source);
    putOptional(j, "change_seq", changeSeq);
    return j;
}

Expected<CouponRevoked> CouponRevoked::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    CouponRevoked e;
    SANGO_TRY_ASSIGN(e.couponId, r.string("coupon_id"));
    SANGO_TRY_ASSIGN(e.reason, r.string("reason"));
    SANGO_TRY_ASSIGN(e.source, r.optionalString("source"));
    SANGO_TRY_ASSIGN(e.changeSeq, r.optionalInteger("change_seq"));
    return e;
}

json TerminalEnrolled::toJson() const
{
    return {{"ledger_url", ledgerUrl},
            {"terminal_id", terminalId},
            {"provider_id", providerId},
            {"public_key_b64u", publicKeyB64u}};
}

Expected<TerminalEnrolled> TerminalEnrolled::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    TerminalEnrolled e;
    SANGO_TRY_ASSIGN(e.ledgerUrl, r.string("ledger_url"));
    SANGO_TRY_ASSIGN(e.terminalId, r.string("terminal_id"));
    SANGO_TRY_ASSIGN(e.providerId, r.string("provider_id"));
    SANGO_TRY_ASSIGN(e.publicKeyB64u, r.string("public_key_b64u"));
    return e;
}

json SyncAnswered::Answer::toJson() const
{
    json j{{"seq", seq},
           {"id", id},
           {"type", type},
           {"session_id", sessionId},
           {"coupon_id", couponId},
           {"status", status},
           {"reason", reason}};
    putOptional(j, "delivery", delivery);
    putOptional(j, "detail", detail);
    if (figures)
        j["figures"] = *figures;
    return j;
}

json SyncAnswered::toJson() const
{
    json a = json::array();
    for (const Answer& answer : answers)
        a.push_back(answer.toJson());
    return {{"answers", std::move(a)}};
}

Expected<SyncAnswered> SyncAnswered::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    SyncAnswered e;
    SANGO_TRY_ASSIGN(const json* answers, r.array("answers"));
    for (const json& item : *answers) {
        const JsonReader a(item, "sync_answered answer");
        SANGO_TRY(a.object());
        Answer answer;
        SANGO_TRY_ASSIGN(answer.seq, a.integer("seq"));
        SANGO_TRY_ASSIGN(answer.id, a.string("id"));
        SANGO_TRY_ASSIGN(answer.type, a.string("type"));
        SANGO_TRY_ASSIGN(answer.sessionId, a.string("session_id"));
        SANGO_TRY_ASSIGN(answer.couponId, a.string("coupon_id"));
        SANGO_TRY_ASSIGN(answer.status, a.string("status"));
        SANGO_TRY_ASSIGN(answer.reason, a.string("reason"));
        SANGO_TRY_ASSIGN(answer.delivery, a.optionalString("delivery"));
        SANGO_TRY_ASSIGN(answer.detail, a.optionalString("detail"));
        if (const json* f = a.find("figures"))
            answer.figures = *f;
        e.answers.push_back(std::move(answer));
    }
    return e;
}

json LedgerBalance::toJson() const
{
    return {{"coupon_id", couponId},
            {"grant_minutes", grantMinutes},
            {"used_minutes", usedMinutes},
            {"used_here_minutes", usedHereMinutes},
            {"change_seq", changeSeq}};
}

Expected<LedgerBalance> LedgerBalance::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    LedgerBalance e;
    SANGO_TRY_ASSIGN(e.couponId, r.string("coupon_id"));
    // The ledger's figures, bounded like every other count of minutes: a broken or hostile ledger's huge
    // figure is refused, not wrapped.
    const std::string minutes = "a number of minutes from 0 to " + std::to_string(kMaxMinutes);
    SANGO_TRY_ASSIGN(e.grantMinutes, r.integer("grant_minutes", 0, kMaxMinutes, minutes));
    SANGO_TRY_ASSIGN(e.usedMinutes, r.integer("used_minutes", 0, kMaxMinutes, minutes));
    SANGO_TRY_ASSIGN(e.usedHereMinutes, r.integer("used_here_minutes", 0, kMaxMinutes, minutes));
    SANGO_TRY_ASSIGN(e.changeSeq, r.integer("change_seq"));
    return e;
}

json StoreRestored::toJson() const
{
    return {{"backup_head_seq", backupHeadSeq},
            {"replaced_head_seq", intOrNull(replacedHeadSeq)},
            {"events_lost", intOrNull(eventsLost)},
            {"incarnation", incarnation},
            {"previous_incarnation", previousIncarnation}};
}

Expected<StoreRestored> StoreRestored::fromJson(const json& body)
{
    const JsonReader r(body, type);
    SANGO_TRY(r.object());
    StoreRestored e;
    SANGO_TRY_ASSIGN(e.backupHeadSeq, r.integer("backup_head_seq"));
    SANGO_TRY_ASSIGN(e.replacedHeadSeq, r.integerOrNull("replaced_head_seq"));
    SANGO_TRY_ASSIGN(e.eventsLost, r.integerOrNull("events_lost"));
    SANGO_TRY_ASSIGN(e.incarnation, r.string("incarnation"));
    SANGO_TRY_ASSIGN(e.previousIncarnation, r.string("previous_incarnation"));
    return e;
}

bool isKnownType(std::string_view type)
{
    for (std::string_view t : {StoreInitialised::type, ConfigInstalled::type, StaffAdded::type, SessionOpened::type,
                               SessionClosed::type, SessionCancelled::type, SessionCorrected::type,
                               PaperSession::type, CouponRevoked::type, TerminalEnrolled::type, SyncAnswered::type,
                               LedgerBalance::type, StoreRestored::type})
        if (type == t)
            return true;
    return false;
}

Expected<AnyEvent> parse(std::string_view type, const json& body)
{
    if (type == SessionOpened::type)
        return wrap(SessionOpened::fromJson(body));
    if (type == SessionClosed::type)
        return wrap(SessionClosed::fromJson(body));
    if (type == SessionCancelled::type)
        return wrap(SessionCancelled::fromJson(body));
    if (type == SessionCorrected::type)
        return wrap(SessionCorrected::fromJson(body));
    if (type == PaperSession::type)
        return wrap(PaperSession::fromJson(body));
    if (type == StoreInitialised::type)
        return wrap(StoreInitialised::fromJson(body));
    if (type == ConfigInstalled::type)
        return wrap(ConfigInstalled::fromJson(body));
    if (type == StaffAdded::type)
        return wrap(StaffAdded::fromJson(body));
    if (type == CouponRevoked::type)
        return wrap(CouponRevoked::fromJson(body));
    if (type == TerminalEnrolled::type)
        return wrap(TerminalEnrolled::fromJson(body));
    if (type == SyncAnswered::type)
        return wrap(SyncAnswered::fromJson(body));
    if (type == LedgerBalance::type)
        return wrap(LedgerBalance::fromJson(body));
    if (type == StoreRestored::type)
        return wrap(StoreRestored::fromJson(body));
    return fail(Errc::malformed, "an event of type \"" + std::string(type.substr(0, 32)) +
                                     "\" is not known to this version");
}

Expected<SessionEvent> parseSession(std::string_view type, const json& body)
{
    if (type == SessionOpened::type)
        return wrapSession(SessionOpened::fromJson(body));
    if (type == SessionClosed::type)
        return wrapSession(SessionClosed::fromJson(body));
    if (type == SessionCancelled::type)
        return wrapSession(SessionCancelled::fromJson(body));
    if (type == SessionCorrected::type)
        return wrapSession(SessionCorrected::fromJson(body));
    if (type == PaperSession::type)
        return wrapSession(PaperSession::fromJson(body));
    return fail(Errc::malformed, "an event of type \"" + std::string(type.substr(0, 32)) +
                                     "\" is not a session event");
}

const SessionCommon& common(const SessionEvent& e)
{
    return std::visit([](const auto& v) -> const SessionCommon& { return v.common; }, e);
}

std::string_view typeOf(const AnyEvent& e)
{
    return std::visit([](const auto& v) { return std::decay_t<decltype(v)>::type; }, e);
}

json toJson(const AnyEvent& e)
{
    return std::visit([](const auto& v) { return v.toJson(); }, e);
}

} // namespace sango::events
