// Rules: judging one event — idempotency, the checks every event shares, and storing the verdict. The rules
// of each event type are in rules_sessions.cpp; the recomputation of figures in rules_figures.cpp.
#include "rules.h"

#include <algorithm>
#include <cstdlib>

#include "ledger_log.h"
#include "sango/coupon_id.h"
#include "sango/json_reader.h"
#include "sango/ledger/ledger.h"

namespace sango::ledger {

using nlohmann::json;
namespace reason = protocol::reason;

Expected<protocol::EventResult> Rules::judge(const TerminalInfo& terminal, const Provider& provider,
                                             const protocol::WireEvent& event)
{
    const std::string digest = event.contentDigest();
    // Idempotency by event id, across every terminal: a batch sent twice never counts twice.
    {
        SANGO_TRY_ASSIGN(const auto first, m_store->judgement(event.id));
        if (first) {
            protocol::EventResult r;
            r.id = event.id;
            if (first->digest == digest) {
                r.status = protocol::EventStatus::duplicate;
                r.original = protocol::parseEventStatus(first->status).value_or(protocol::EventStatus::rejected);
                r.originalReason = first->reason;
                r.detail = first->detail;
                if (first->figures)
                    if (auto f = protocol::SessionFigures::fromJson(json::parse(*first->figures, nullptr, false)))
                        r.figures = std::move(*f);
                return r;
            }
            // Same id, other content: the first judgement stands; this delivery is kept for review.
            SANGO_TRY(m_store->recordConflict({event.id, digest, terminal.terminalId, terminal.providerId, event.seq,
                                               event.type, event.at, m_now, event.body.dump()}));
            logger()->warn("event {} from {} conflicts with an earlier delivery of the same id", event.id,
                           terminal.terminalId);
            r.status = protocol::EventStatus::rejected;
            r.reason = std::string(reason::conflict);
            r.detail = "this event id was delivered before with other content; the first delivery stands";
            return r;
        }
    }

    Facts facts;
    // The session the row is listed under, even when the body is otherwise bad.
    if (auto id = JsonReader(event.body, event.type).checked("session_id", events::isSessionId, "a session id"))
        facts.sessionId = std::move(*id);

    Verdict verdict;
    auto parsed = protocol::isUploadedEventType(event.type)
                      ? events::parseSession(event.type, event.body)
                      : Expected<events::SessionEvent>(
                            fail(Errc::malformed, "events of type " + event.type + " are not sent to the ledger"));
    if (!parsed) {
        verdict = {std::string(reason::invalid_event), parsed.error().message, std::nullopt};
    } else {
        const events::SessionCommon& c = events::common(*parsed);
        facts.flags = c.flags;
        Event e{terminal, provider, event};
        if (c.clock) {
            facts.clockOffset = c.clock->offsetSeconds;
            // A terminal that could not check its clock against the ledger's: its times are its own word.
            if (!c.clock->verified &&
                std::find(facts.flags.begin(), facts.flags.end(), "unverified_time") == facts.flags.end())
                facts.flags.emplace_back("unverified_time");
        }
        auto recorded = checkRecorded(e, c);
        if (!recorded)
            return tl::unexpected(recorded.error());
        if (*recorded) {
            verdict = std::move(**recorded);
        } else {
            e.offset = facts.clockOffset.value_or(0);
            auto judged = std::visit(
                [&](const auto& body) -> Expected<Verdict> {
                    using T = std::decay_t<decltype(body)>;
                    if constexpr (std::is_same_v<T, events::SessionOpened>)
                        return judgeOpened(e, body, facts);
                    else if constexpr (std::is_same_v<T, events::SessionClosed>)
                        return judgeClosed(e, body, facts);
                    else if constexpr (std::is_same_v<T, events::SessionCancelled>)
                        return judgeCancelled(e, body, facts);
                    else if constexpr (std::is_same_v<T, events::SessionCorrected>)
                        return judgeCorrected(e, body, facts);
                    else
                        return judgePaper(e, body, facts);
                },
                *parsed);
            if (!judged)
                return tl::unexpected(judged.error());
            verdict = std::move(*judged);
        }
    }
    return store(terminal, event, digest, facts, verdict);
}

Expected<std::optional<Rules::Verdict>> Rules::checkRecorded(const Event& e, const events::SessionCommon& c)
{
    using Result = std::optional<Verdict>;
    const std::int64_t at = e.wire.at;
    if (at < events::kMinTime || at >= events::kMaxTime)
        return Result(Verdict{std::string(reason::invalid_event), "at must be Unix seconds within the years 2000 to 2099",
                              std::nullopt});
    const std::int64_t offset = c.clock ? c.clock->offsetSeconds.value_or(0) : 0;
    if (offset > kMaxClockOffset || offset < -kMaxClockOffset)
        return Result(Verdict{std::string(reason::invalid_time),
                              std::string("the terminal's clock was more than a day ") +
                                  (offset > 0 ? "behind" : "ahead of") +
                                  " the ledger's: set its clock right; its times cannot be trusted",
                              std::nullopt});
    const std::int64_t recorded = at + offset;
    if (recorded > m_now + kClockSkew)
        return Result(Verdict{std::string(reason::invalid_time),
                              "recorded " + std::to_string(recorded - m_now) +
                                  " s in the future by the ledger's clock",
                              std::nullopt});
    // A terminal pulls only once everything it had recorded was sent (an event sent again is a duplicate,
    // answered before this): whatever new it sends after a pull was recorded after that pull, whatever time
    // or seq it claims.
    if (e.terminal.lastPullAt && recorded < *e.terminal.lastPullAt - kClockSkew)
        return Result(Verdict{std::string(reason::invalid_time),
                              "claims to be recorded " + std::to_string(*e.terminal.lastPullAt - recorded) +
                                  " s before the terminal's last sync, which it was sent after",
                              std::nullopt});
    return Result();
}

Expected<std::optional<Rules::Verdict>> Rules::checkTimes(const Event& e, const std::string& sessionId,
                                                          Service service, std::int64_t start, std::int64_t stop,
                                                          const Policy& policy)
{
    using Result = std::optional<Verdict>;
    if (stop < start)
        return Result(Verdict{std::string(reason::invalid_time), "the stop is before the start", std::nullopt});
    const std::int64_t longest = static_cast<std::int64_t>(policy.maxDurationMinutes(service)) * 60;
    if (stop - start > longest)
        return Result(Verdict{std::string(reason::invalid_time),
                              "the session lasts " + std::to_string((stop - start) / 60) +
                                  " minutes, longer than " + std::string(toString(service)) + " care allows (" +
                                  std::to_string(longest / 60) + "): correct its times",
                              std::nullopt});
    if (e.ledgerTime(stop) > m_now + kClockSkew)
        return Result(Verdict{std::string(reason::invalid_time), "the session ends in the future by the ledger's clock",
                              std::nullopt});
    return checkWindow(e, sessionId, start, policy);
}

Expected<std::optional<Rules::Verdict>> Rules::checkWindow(const Event& e, const std::string& sessionId,
                                                           std::int64_t start, const Policy& policy)
{
    using Result = std::optional<Verdict>;
    const std::int64_t days = policy.correctionWindow();
    if (e.ledgerTime(start) >= m_now - days * 86400)
        return Result();
    SANGO_TRY_ASSIGN(const bool unlocked, m_store->sessionUnlocked(e.terminal.terminalId, sessionId, m_now));
    if (unlocked)
        return Result();
    return Result(Verdict{std::string(reason::too_old),
                          "the session started more than " + std::to_string(days) +
                              " days ago (the municipality's correction window): ask the municipality to unlock "
                              "session " + sessionId,
                          std::nullopt});
}

std::optional<Rules::Verdict> Rules::checkIdentity(const Session& s, const std::optional<std::string>& coupon,
                                                   const std::optional<std::int64_t>& sessionStart)
{
    // A paper session is known by its start (a refused one spent no ticket); a coupon's by its coupon too.
    if (coupon && s.source != "paper") {
        if (couponid::normalize(*coupon).value_or(*coupon) != s.couponId)
            return Verdict{std::string(reason::conflict),
                           "the ledger holds this session id for another coupon: it is another session", std::nullopt};
    }
    if (sessionStart && *sessionStart != s.openedStart)
        return Verdict{std::string(reason::conflict),
                       "the ledger holds this session id for a session opened at another time: it is another session",
                       std::nullopt};
    return std::nullopt;
}

Expected<Policy> Rules::policyOn(const std::string& date)
{
    SANGO_TRY_ASSIGN(const auto text, m_store->policyOn(date));
    auto p = Policy::fromJson(json::parse(text.value_or(""), nullptr, false));
    if (!p)
        return fail(Errc::store_corrupt, "the ledger's policy is damaged: " + p.error().message);
    return p;
}

Expected<std::optional<Rules::Session>> Rules::session(const std::string& terminalId, const std::string& sessionId)
{
    return m_store->findSession(terminalId, sessionId);
}

Expected<std::int64_t> Rules::remaining(const std::string& couponId, std::int64_t exceptCounted)
{
    SANGO_TRY_ASSIGN(const auto b, m_store->couponBalance(couponId));
    return std::max<std::int64_t>(b.grantMinutes.value_or(0) - (b.usedMinutes - exceptCounted), 0);
}

Expected<protocol::EventResult> Rules::store(const TerminalInfo& t, const protocol::WireEvent& e,
                                             const std::string& digest, const Facts& f, const Verdict& v)
{
    const bool accepted = v.reason.empty();
    const std::optional<std::string> figures =
        v.figures ? std::optional<std::string>(v.figures->toJson().dump()) : std::optional<std::string>();
    SANGO_TRY(m_store->recordEvent({e.id, digest, t.terminalId, t.providerId, e.seq, e.type, e.at, f.couponId,
                                    f.sessionId, accepted ? "accepted" : "rejected", v.reason, json(f.flags).dump(),
                                    f.clockOffset, m_now, e.body.dump(), figures, v.detail}));
    protocol::EventResult r;
    r.id = e.id;
    r.status = accepted ? protocol::EventStatus::accepted : protocol::EventStatus::rejected;
    r.reason = v.reason;
    r.detail = v.detail;
    r.figures = v.figures;
    if (!accepted)
        logger()->info("event {} ({}) from {} rejected: {}", e.id, e.type, t.terminalId, v.reason);
    return r;
}

} // namespace sango::ledger
