#include "rules.h"

#include <algorithm>
#include <limits>

#include "ledger_log.h"
#include "sango/coupon_id.h"
#include "sango/ledger/ledger.h"
#include "sango/local_time.h"
#include "sango/service.h"
#include "sql.h"

namespace sango::ledger {

using nlohmann::json;
namespace reason = protocol::reason;

namespace {

constexpr std::int64_t kClockSkew = 300; // spec/credential.md: validity is judged with 5 minutes' leeway

const std::string kAccepted;

std::optional<std::string> text(const json& body, const char* key)
{
    auto it = body.find(key);
    if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
        return std::nullopt;
    return it->get<std::string>();
}

std::optional<std::int64_t> integer(const json& body, const char* key)
{
    auto it = body.find(key);
    if (it == body.end())
        return std::nullopt;
    if (it->is_number_integer())
        return it->get<std::int64_t>();
    if (it->is_number_unsigned() &&
        it->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(it->get<std::uint64_t>());
    return std::nullopt;
}

// Minutes: a non-negative integer that fits an int (the terminal bills in int).
std::optional<std::int64_t> minutes(const json& body, const char* key)
{
    auto v = integer(body, key);
    if (!v || *v < 0 || *v > std::numeric_limits<int>::max())
        return std::nullopt;
    return v;
}

std::optional<Service> service(const json& body)
{
    auto s = text(body, "service");
    return s ? parseService(*s) : std::nullopt;
}

bool isDate(const json& body, const char* key)
{
    auto s = text(body, key);
    return s && parseDate(*s).has_value();
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    return s;
}

} // namespace

Expected<std::optional<Rules::Session>> Rules::session(const std::string& terminalId, const std::string& sessionId)
{
    auto st = sql::query(*m_db,
                         "SELECT coalesce(coupon_id, ''), status, counted_minutes FROM sessions "
                         "WHERE terminal_id = ? AND session_id = ?",
                         terminalId, sessionId);
    if (!st)
        return tl::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<Session>();
    return std::optional<Session>(Session{st->text(0), st->text(1), st->int64(2)});
}

Expected<std::int64_t> Rules::remaining(const std::string& couponId)
{
    auto grant = sql::scalarInt(*m_db, "SELECT grant_minutes FROM coupons WHERE coupon_id = ?", couponId);
    if (!grant)
        return tl::unexpected(grant.error());
    auto used = sql::scalarInt(*m_db, "SELECT coalesce(sum(counted_minutes), 0) FROM sessions WHERE coupon_id = ?",
                               couponId);
    if (!used)
        return tl::unexpected(used.error());
    return std::max<std::int64_t>(grant->value_or(0) - used->value_or(0), 0);
}

Expected<protocol::EventResult> Rules::judge(const TerminalInfo& terminal, const Provider& provider,
                                             const protocol::WireEvent& event)
{
    const std::string digest = event.contentDigest();
    // Idempotency by event id, across every terminal: a batch sent twice never counts twice.
    {
        auto st = sql::query(*m_db, "SELECT digest, status, reason FROM events WHERE id = ?", event.id);
        if (!st)
            return tl::unexpected(st.error());
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (*row) {
            protocol::EventResult r;
            r.id = event.id;
            if (st->text(0) == digest) {
                r.status = protocol::EventStatus::duplicate;
                r.original = protocol::parseEventStatus(st->text(1)).value_or(protocol::EventStatus::rejected);
                r.originalReason = st->text(2);
                return r;
            }
            // Same id, other content: the first judgement stands; this delivery is kept for review.
            SANGO_LEDGER_TRY(sql::exec(*m_db,
                                       "INSERT INTO event_conflicts(id, digest, terminal_id, provider_id, seq, type, "
                                       "at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       event.id, digest, terminal.terminalId, terminal.providerId, event.seq,
                                       event.type, event.at, m_now, event.body.dump()));
            logger()->warn("event {} from {} conflicts with an earlier delivery of the same id", event.id,
                           terminal.terminalId);
            r.status = protocol::EventStatus::rejected;
            r.reason = std::string(reason::conflict);
            return r;
        }
    }

    Facts facts;
    const json& body = event.body;
    if (auto s = text(body, "session_id"))
        facts.sessionId = *s;
    // Flags and clock as the terminal sent them; a body that carries them in the wrong shape is no session event.
    bool shapeOk = true;
    if (auto it = body.find("flags"); it != body.end()) {
        if (!it->is_array())
            shapeOk = false;
        else
            for (const json& f : *it) {
                if (!f.is_string()) {
                    shapeOk = false;
                    break;
                }
                facts.flags.push_back(f.get<std::string>());
            }
    }
    if (auto it = body.find("clock"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) {
            shapeOk = false;
        } else {
            facts.clockOffset = integer(*it, "offset_s");
            // A terminal that could not check its clock against the ledger's: its times are its own word.
            if (auto v = it->find("verified"); v != it->end() && v->is_boolean() && !v->get<bool>() &&
                                               std::find(facts.flags.begin(), facts.flags.end(), "unverified_time") ==
                                                   facts.flags.end())
                facts.flags.emplace_back("unverified_time");
        }
    }

    Expected<std::string> judged = std::string(reason::invalid_event);
    if (!shapeOk || !protocol::isUploadedEventType(event.type) || facts.sessionId.empty())
        judged = std::string(reason::invalid_event);
    else if (event.type == "session_opened")
        judged = judgeOpened(terminal, provider, body, facts);
    else if (event.type == "session_closed")
        judged = judgeClosed(terminal, body, facts);
    else if (event.type == "session_cancelled")
        judged = judgeCancelled(terminal, body, facts);
    else if (event.type == "session_corrected")
        judged = judgeCorrected(terminal, body, facts);
    else if (event.type == "paper_session")
        judged = judgePaper(terminal, provider, body, facts);
    if (!judged)
        return tl::unexpected(judged.error());
    return store(terminal, event, digest, facts, *judged);
}

Expected<protocol::EventResult> Rules::store(const TerminalInfo& t, const protocol::WireEvent& e,
                                             const std::string& digest, const Facts& f, const std::string& why)
{
    const bool accepted = why.empty();
    SANGO_LEDGER_TRY(sql::exec(*m_db,
                               "INSERT INTO events(id, digest, terminal_id, provider_id, seq, type, at, coupon_id, "
                               "session_id, status, reason, flags, clock_offset_s, received_at, body) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               e.id, digest, t.terminalId, t.providerId, e.seq, e.type, e.at, f.couponId, f.sessionId,
                               accepted ? "accepted" : "rejected", why, json(f.flags).dump(), f.clockOffset, m_now,
                               e.body.dump()));
    protocol::EventResult r;
    r.id = e.id;
    r.status = accepted ? protocol::EventStatus::accepted : protocol::EventStatus::rejected;
    r.reason = why;
    if (!accepted)
        logger()->info("event {} ({}) from {} rejected: {}", e.id, e.type, t.terminalId, why);
    return r;
}

Expected<std::string> Rules::judgeOpened(const TerminalInfo& t, const Provider& p, const json& body, Facts& f)
{
    const auto couponText = text(body, "coupon_id");
    const auto svc = service(body);
    const auto start = integer(body, "start");
    if (!couponText || !svc || !start || !isDate(body, "date"))
        return std::string(reason::invalid_event);
    const auto canonical = couponid::normalize(*couponText);
    f.couponId = canonical.value_or(*couponText);
    auto existing = session(t.terminalId, f.sessionId);
    if (!existing)
        return tl::unexpected(existing.error());
    if (*existing) // a second opening of one session: not something a terminal writes
        return std::string(reason::invalid_event);

    auto verdict = [&]() -> Expected<std::string> {
        if (!canonical)
            return std::string(reason::unknown_coupon);
        auto st = sql::query(*m_db,
                             "SELECT services, not_before, expires, revoked_at FROM coupons WHERE coupon_id = ?",
                             *canonical);
        if (!st)
            return tl::unexpected(st.error());
        auto row = st->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return std::string(reason::unknown_coupon);
        const json services = json::parse(st->text(0), nullptr, false);
        const std::int64_t notBefore = st->int64(1);
        const std::int64_t expires = st->int64(2);
        const auto revokedAt = st->optInt64(3);
        // The start on the ledger's clock: the terminal's wall time corrected by its last measured offset, so
        // that a terminal whose clock is set back cannot open sessions after a revocation or expiry.
        const std::int64_t ledgerStart = *start + f.clockOffset.value_or(0);
        // Care given before the revocation stands: only a session that starts at or after it is refused.
        if (revokedAt && *revokedAt <= ledgerStart)
            return std::string(reason::revoked);
        if (ledgerStart < notBefore - kClockSkew || ledgerStart >= expires + kClockSkew)
            return std::string(reason::expired);
        const std::string name(toString(*svc));
        if (!services.is_array() || std::find(services.begin(), services.end(), json(name)) == services.end())
            return std::string(reason::service_not_allowed);
        if (!p.offers(*svc))
            return std::string(reason::wrong_provider);
        auto left = remaining(*canonical);
        if (!left)
            return tl::unexpected(left.error());
        if (*left <= 0)
            return std::string(reason::no_balance);
        return kAccepted;
    }();
    if (!verdict)
        return verdict;
    // A rejected opening is kept as a rejected session, so that its close is answered session_rejected.
    SANGO_LEDGER_TRY(sql::exec(*m_db,
                               "INSERT INTO sessions(terminal_id, session_id, provider_id, coupon_id, source, service, "
                               "start, date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               t.terminalId, f.sessionId, t.providerId, f.couponId,
                               text(body, "source").value_or("qr"), std::string(toString(*svc)), *start,
                               *text(body, "date"), verdict->empty() ? "open" : "rejected"));
    // A provider that has just seen the coupon hears the ledger's figures for it at its next pull, whether its
    // opening was accepted or not.
    if (*verdict != std::string(reason::unknown_coupon))
        SANGO_LEDGER_TRY(m_changes->recordBalance(f.couponId));
    return verdict;
}

Expected<std::string> Rules::judgeClosed(const TerminalInfo& t, const json& body, Facts& f)
{
    const auto stop = integer(body, "stop");
    const auto billed = minutes(body, "billed_minutes");
    const auto actual = minutes(body, "actual_minutes");
    if (auto c = text(body, "coupon_id"))
        f.couponId = couponid::normalize(*c).value_or(*c);
    if (!stop || !billed || !actual)
        return std::string(reason::invalid_event);
    auto s = session(t.terminalId, f.sessionId);
    if (!s)
        return tl::unexpected(s.error());
    if (!*s)
        return std::string(reason::unknown_session);
    f.couponId = (*s)->couponId;
    if ((*s)->status == "rejected")
        return std::string(reason::session_rejected);
    if ((*s)->status != "open") // closed twice, or closed after its cancellation
        return std::string(reason::invalid_event);
    auto left = remaining(f.couponId);
    if (!left)
        return tl::unexpected(left.error());
    if (*billed > *left) {
        // The time is not the coupon's to give. The close is rejected and the session stays open here, so that
        // the provider's manager can settle it: a correction that fits what is left, or a cancellation. The
        // provider hears the ledger's figures at its next pull.
        SANGO_LEDGER_TRY(m_changes->recordBalance(f.couponId));
        return std::string(reason::no_balance);
    }
    SANGO_LEDGER_TRY(sql::exec(*m_db,
                               "UPDATE sessions SET stop = ?, actual_minutes = ?, billed_minutes = ?, status = 'closed', "
                               "counted_minutes = ? WHERE terminal_id = ? AND session_id = ?",
                               *stop, *actual, *billed, *billed, t.terminalId, f.sessionId));
    if (*billed > 0)
        SANGO_LEDGER_TRY(m_changes->recordBalance(f.couponId));
    return kAccepted;
}

Expected<std::string> Rules::judgeCancelled(const TerminalInfo& t, const json& body, Facts& f)
{
    if (!text(body, "reason"))
        return std::string(reason::invalid_event);
    auto s = session(t.terminalId, f.sessionId);
    if (!s)
        return tl::unexpected(s.error());
    if (!*s)
        return std::string(reason::unknown_session);
    f.couponId = (*s)->couponId;
    if ((*s)->status == "cancelled")
        return kAccepted; // nothing left to cancel
    // The billed time goes back to the coupon. A session whose opening was refused is settled the same way by
    // the manager: it counted nothing, bills nothing, and the terminal's attention list clears.
    SANGO_LEDGER_TRY(sql::exec(*m_db,
                               "UPDATE sessions SET status = 'cancelled', counted_minutes = 0 "
                               "WHERE terminal_id = ? AND session_id = ?",
                               t.terminalId, f.sessionId));
    if ((*s)->countedMinutes > 0)
        SANGO_LEDGER_TRY(m_changes->recordBalance(f.couponId));
    return kAccepted;
}

Expected<std::string> Rules::judgeCorrected(const TerminalInfo& t, const json& body, Facts& f)
{
    const auto start = integer(body, "start");
    const auto stop = integer(body, "stop");
    const auto billed = minutes(body, "billed_minutes");
    const auto actual = minutes(body, "actual_minutes");
    if (!start || !stop || !billed || !actual || !isDate(body, "date") || !text(body, "reason"))
        return std::string(reason::invalid_event);
    auto s = session(t.terminalId, f.sessionId);
    if (!s)
        return tl::unexpected(s.error());
    if (!*s)
        return std::string(reason::unknown_session);
    f.couponId = (*s)->couponId;
    if ((*s)->status == "rejected")
        return std::string(reason::session_rejected);
    std::int64_t delta = *billed - (*s)->countedMinutes;
    const bool coupon = !(*s)->couponId.empty();
    if (!coupon) {
        // A paper session: its ticket pays, no coupon balance is involved.
        auto ticket = sql::scalarText(*m_db, "SELECT ticket FROM sessions WHERE terminal_id = ? AND session_id = ?",
                                      t.terminalId, f.sessionId);
        if (!ticket)
            return tl::unexpected(ticket.error());
        f.couponId = ticket->value_or("");
        delta = 0;
    }
    if (coupon && delta > 0) {
        auto left = remaining((*s)->couponId);
        if (!left)
            return tl::unexpected(left.error());
        if (delta > *left) // the correction stays unapplied; the session keeps what was accepted before
            return std::string(reason::no_balance);
    }
    // A correction replaces the times, the date and the billing; a cancelled session is restored by it.
    SANGO_LEDGER_TRY(sql::exec(*m_db,
                               "UPDATE sessions SET start = ?, stop = ?, date = ?, actual_minutes = ?, billed_minutes = ?, "
                               "status = 'closed', counted_minutes = ? WHERE terminal_id = ? AND session_id = ?",
                               *start, *stop, *text(body, "date"), *actual, *billed, coupon ? *billed : 0,
                               t.terminalId, f.sessionId));
    if (coupon && *billed != (*s)->countedMinutes)
        SANGO_LEDGER_TRY(m_changes->recordBalance((*s)->couponId));
    return kAccepted;
}

Expected<std::string> Rules::judgePaper(const TerminalInfo& t, const Provider& p, const json& body, Facts& f)
{
    const auto ticketText = text(body, "ticket");
    const auto svc = service(body);
    const auto start = integer(body, "start");
    const auto stop = integer(body, "stop");
    const auto billed = minutes(body, "billed_minutes");
    const auto actual = minutes(body, "actual_minutes");
    if (ticketText)
        f.couponId = upper(*ticketText); // ticket numbers compare without regard to case, as at the terminal
    if (!ticketText || !svc || !start || !stop || !billed || !actual || !isDate(body, "date"))
        return std::string(reason::invalid_event);
    auto existing = session(t.terminalId, f.sessionId);
    if (!existing)
        return tl::unexpected(existing.error());
    if (*existing)
        return std::string(reason::invalid_event);
    auto used = sql::scalarInt(*m_db, "SELECT count(*) FROM sessions WHERE ticket = ?", f.couponId);
    if (!used)
        return tl::unexpected(used.error());
    std::string verdict = kAccepted;
    if (used->value_or(0) > 0)
        verdict = std::string(reason::duplicate_ticket);
    else if (!p.offers(*svc))
        verdict = std::string(reason::wrong_provider);
    const bool ok = verdict.empty();
    SANGO_LEDGER_TRY(sql::exec(*m_db,
                               "INSERT INTO sessions(terminal_id, session_id, provider_id, coupon_id, ticket, source, "
                               "service, start, stop, date, actual_minutes, billed_minutes, status, counted_minutes) "
                               "VALUES (?, ?, ?, NULL, ?, 'paper', ?, ?, ?, ?, ?, ?, ?, 0)",
                               t.terminalId, f.sessionId, t.providerId,
                               ok ? std::optional<std::string>(f.couponId) : std::optional<std::string>(),
                               std::string(toString(*svc)), *start, *stop, *text(body, "date"), *actual, *billed,
                               ok ? "closed" : "rejected"));
    return verdict;
}

} // namespace sango::ledger
