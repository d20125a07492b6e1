#include "sango/protocol/messages.h"

#include <algorithm>
#include <exception>
#include <limits>

#include "sango/crypto.h"
#include "sango/json_reader.h"

namespace sango::protocol {

using nlohmann::json;

namespace {

// The first pass of parseDocument: nlohmann's SAX parser keeps its own stack of states (no recursion), and
// this handler stops it at the first value deeper than the limit.
class DepthLimit final : public nlohmann::json_sax<json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return enter(); }
    bool key(string_t&) override { return true; }
    bool end_object() override { return leave(); }
    bool start_array(std::size_t) override { return enter(); }
    bool end_array() override { return leave(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override
    {
        m_syntax = true;
        return false;
    }

    bool tooDeep() const { return m_tooDeep; }

private:
    bool enter()
    {
        if (++m_depth > kMaxJsonDepth) {
            m_tooDeep = true;
            return false;
        }
        return true;
    }
    bool leave()
    {
        --m_depth;
        return true;
    }

    std::size_t m_depth = 0;
    bool m_tooDeep = false;
    bool m_syntax = false;
};

template <typename T>
Expected<std::vector<T>> list(const json& arr)
{
    std::vector<T> out;
    out.reserve(arr.size());
    for (const json& item : arr) {
        auto v = T::fromJson(item);
        if (!v)
            return fail(Errc::malformed, "item " + std::to_string(out.size()) + ": " + v.error().message);
        out.push_back(std::move(*v));
    }
    return out;
}

template <typename T>
json listJson(const std::vector<T>& items)
{
    json a = json::array();
    for (const T& t : items)
        a.push_back(t.toJson());
    return a;
}

bool isEventIdChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

bool isTypeChar(char c)
{
    return (c >= 'a' && c <= 'z') || c == '_';
}

} // namespace

Expected<json> parseDocument(std::string_view text)
{
    try {
        DepthLimit limit;
        if (!json::sax_parse(text.begin(), text.end(), &limit)) {
            if (limit.tooDeep())
                return fail(Errc::malformed, "the JSON nests deeper than " + std::to_string(kMaxJsonDepth) +
                                                 " levels: send the documented shape");
            return fail(Errc::malformed, "the body is not valid JSON (UTF-8): send a JSON object");
        }
        json j = json::parse(text.begin(), text.end(), nullptr, false);
        if (j.is_discarded())
            return fail(Errc::malformed, "the body is not valid JSON (UTF-8): send a JSON object");
        return j;
    } catch (const std::exception&) {
        // The parser's own messages would echo the bytes; the document is simply not JSON we read.
        return fail(Errc::malformed, "the body is not valid JSON (UTF-8): send a JSON object");
    }
}

json EnrolRequest::toJson() const
{
    return {{"code", code}, {"public_key_b64u", publicKeyB64u}, {"label", label}};
}

Expected<EnrolRequest> EnrolRequest::fromJson(const json& j)
{
    const JsonReader r(j, "enrolment request");
    SANGO_TRY(r.object());
    EnrolRequest e;
    SANGO_TRY_ASSIGN(e.code, r.nonEmptyString("code"));
    if (e.code.size() > 64)
        return r.error("code is longer than 64 characters");
    SANGO_TRY_ASSIGN(e.publicKeyB64u, r.nonEmptyString("public_key_b64u"));
    if (e.publicKeyB64u.size() > 64)
        return r.error("public_key_b64u is longer than 64 characters");
    if (j.contains("label")) {
        SANGO_TRY_ASSIGN(e.label, r.string("label"));
    }
    if (e.label.size() > 200)
        return r.error("label is longer than 200 bytes");
    return e;
}

json EnrolResponse::toJson() const
{
    return {{"terminal_id", terminalId}, {"provider", provider}, {"policy", policy},
            {"trust", trust},            {"cursor", cursor},     {"server_time", serverTime}};
}

Expected<EnrolResponse> EnrolResponse::fromJson(const json& j)
{
    const JsonReader r(j, "enrolment answer");
    SANGO_TRY(r.object());
    EnrolResponse e;
    SANGO_TRY_ASSIGN(e.terminalId, r.nonEmptyString("terminal_id"));
    const json* p = nullptr;
    SANGO_TRY_ASSIGN(p, r.requiredObject("provider"));
    e.provider = *p;
    SANGO_TRY_ASSIGN(p, r.requiredObject("policy"));
    e.policy = *p;
    SANGO_TRY_ASSIGN(p, r.array("trust"));
    e.trust = *p;
    SANGO_TRY_ASSIGN(e.cursor, r.nonEmptyString("cursor"));
    SANGO_TRY_ASSIGN(e.serverTime, r.integer("server_time"));
    return e;
}

json WireEvent::toJson() const
{
    return {{"id", id}, {"seq", seq}, {"type", type}, {"at", at}, {"body", body}};
}

Expected<WireEvent> WireEvent::fromJson(const json& j)
{
    const JsonReader r(j, "event");
    SANGO_TRY(r.object());
    WireEvent e;
    SANGO_TRY_ASSIGN(e.id, r.nonEmptyString("id"));
    if (e.id.size() > 64)
        return r.error("id is longer than 64 characters");
    if (!std::all_of(e.id.begin(), e.id.end(), isEventIdChar))
        return r.error("id must be letters, digits and '-' (a UUID)");
    SANGO_TRY_ASSIGN(e.seq, r.integer("seq"));
    if (e.seq < 1)
        return r.error("seq must be 1 or more");
    SANGO_TRY_ASSIGN(e.type, r.nonEmptyString("type"));
    if (e.type.size() > 32 || !std::all_of(e.type.begin(), e.type.end(), isTypeChar))
        return r.error("type must be an event type (a snake_case word of at most 32 letters)");
    SANGO_TRY_ASSIGN(e.at, r.integer("at"));
    const json* b = nullptr;
    SANGO_TRY_ASSIGN(b, r.requiredObject("body"));
    // Bounded before it is copied, hashed or stored: a body is a few hundred bytes.
    const std::string text = b->dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > kMaxEventBodyBytes)
        return r.error("body is larger than " + std::to_string(kMaxEventBodyBytes) + " bytes");
    e.body = *b;
    return e;
}

std::string WireEvent::contentDigest() const
{
    // nlohmann's dump() of an object is canonical enough here: keys sorted (std::map), no whitespace.
    const json content = {{"type", type}, {"at", at}, {"body", body}};
    return crypto::sha256Hex(content.dump());
}

json PushRequest::toJson() const
{
    return {{"events", listJson(events)}};
}

Expected<PushRequest> PushRequest::fromJson(const json& j)
{
    const JsonReader r(j, "event batch");
    SANGO_TRY(r.object());
    const json* arr = nullptr;
    SANGO_TRY_ASSIGN(arr, r.array("events"));
    if (arr->empty())
        return r.error("events must not be empty");
    if (arr->size() > kMaxBatchEvents)
        return r.error("events holds more than " + std::to_string(kMaxBatchEvents) + " events: send smaller batches");
    PushRequest p;
    SANGO_TRY_ASSIGN(p.events, list<WireEvent>(*arr));
    return p;
}

json SessionFigures::toJson() const
{
    return {{"date", date},
            {"start", start},
            {"stop", stop},
            {"actual_minutes", actualMinutes},
            {"billed_minutes", billedMinutes},
            {"amount_yen", amountYen ? json(*amountYen) : json()}};
}

Expected<SessionFigures> SessionFigures::fromJson(const json& j)
{
    const JsonReader r(j, "session figures");
    SANGO_TRY(r.object());
    SessionFigures f;
    SANGO_TRY_ASSIGN(f.date, r.nonEmptyString("date"));
    if (f.date.size() != 10)
        return r.error("date must be YYYY-MM-DD");
    SANGO_TRY_ASSIGN(f.start, r.integer("start"));
    SANGO_TRY_ASSIGN(f.stop, r.integer("stop"));
    SANGO_TRY_ASSIGN(f.actualMinutes, r.integer("actual_minutes"));
    SANGO_TRY_ASSIGN(f.billedMinutes, r.integer("billed_minutes"));
    if (auto it = j.find("amount_yen"); it != j.end() && !it->is_null()) {
        SANGO_TRY_ASSIGN(f.amountYen, r.integer("amount_yen"));
    }
    return f;
}

json EventResult::toJson() const
{
    json j = {{"id", id}, {"status", std::string(toString(status))}};
    if (!reason.empty())
        j["reason"] = reason;
    if (!detail.empty())
        j["detail"] = detail;
    if (figures)
        j["figures"] = figures->toJson();
    if (original) {
        j["original_status"] = std::string(toString(*original));
        if (!originalReason.empty())
            j["original_reason"] = originalReason;
    }
    return j;
}

Expected<EventResult> EventResult::fromJson(const json& j)
{
    const JsonReader r(j, "event result");
    SANGO_TRY(r.object());
    EventResult e;
    SANGO_TRY_ASSIGN(e.id, r.nonEmptyString("id"));
    std::string status;
    SANGO_TRY_ASSIGN(status, r.nonEmptyString("status"));
    auto s = parseEventStatus(status);
    if (!s)
        return r.error("status must be accepted, duplicate or rejected");
    e.status = *s;
    if (j.contains("reason")) {
        SANGO_TRY_ASSIGN(e.reason, r.string("reason"));
    }
    if (e.status == EventStatus::rejected && e.reason.empty())
        return r.error("a rejected event must have a reason");
    if (!e.reason.empty() && (e.reason.size() > 64 || !std::all_of(e.reason.begin(), e.reason.end(), [](char c) {
                                  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                              })))
        return r.error("reason must be a reason code (snake_case)");
    if (j.contains("detail")) {
        // Shown to a person and recorded: one bounded line of printable ASCII, whatever was sent.
        SANGO_TRY_ASSIGN(e.detail, r.string("detail"));
        if (e.detail.size() > 500)
            e.detail.resize(500);
        for (char& c : e.detail)
            if (c < 0x20 || c > 0x7e)
                c = '?';
    }
    if (auto it = j.find("figures"); it != j.end() && !it->is_null()) {
        auto f = SessionFigures::fromJson(*it);
        if (!f)
            return r.error("figures: " + f.error().message);
        e.figures = std::move(*f);
    }
    if (j.contains("original_status")) {
        std::string o;
        SANGO_TRY_ASSIGN(o, r.nonEmptyString("original_status"));
        e.original = parseEventStatus(o);
        if (!e.original || *e.original == EventStatus::duplicate)
            return r.error("original_status must be accepted or rejected");
        if (j.contains("original_reason")) {
            SANGO_TRY_ASSIGN(e.originalReason, r.string("original_reason"));
        }
    }
    // A duplicate says what the first delivery was answered: without it the terminal could not tell.
    if (e.status == EventStatus::duplicate && !e.original)
        return r.error("a duplicate must carry original_status");
    return e;
}

json PushResponse::toJson() const
{
    return {{"results", listJson(results)}, {"server_time", serverTime}};
}

Expected<PushResponse> PushResponse::fromJson(const json& j)
{
    const JsonReader r(j, "batch answer");
    SANGO_TRY(r.object());
    PushResponse p;
    const json* arr = nullptr;
    SANGO_TRY_ASSIGN(arr, r.array("results"));
    SANGO_TRY_ASSIGN(p.results, list<EventResult>(*arr));
    SANGO_TRY_ASSIGN(p.serverTime, r.integer("server_time"));
    return p;
}

json Change::toJson() const
{
    return {{"seq", seq}, {"kind", kind}, {"body", body}};
}

Expected<Change> Change::fromJson(const json& j)
{
    const JsonReader r(j, "change");
    SANGO_TRY(r.object());
    Change c;
    SANGO_TRY_ASSIGN(c.seq, r.integer("seq"));
    SANGO_TRY_ASSIGN(c.kind, r.nonEmptyString("kind"));
    const json* b = nullptr;
    SANGO_TRY_ASSIGN(b, r.requiredObject("body"));
    c.body = *b;
    return c;
}

json ChangesResponse::toJson() const
{
    return {{"changes", listJson(changes)}, {"cursor", cursor}, {"more", more}, {"server_time", serverTime}};
}

Expected<ChangesResponse> ChangesResponse::fromJson(const json& j)
{
    const JsonReader r(j, "changes answer");
    SANGO_TRY(r.object());
    ChangesResponse c;
    const json* arr = nullptr;
    SANGO_TRY_ASSIGN(arr, r.array("changes"));
    SANGO_TRY_ASSIGN(c.changes, list<Change>(*arr));
    SANGO_TRY_ASSIGN(c.cursor, r.nonEmptyString("cursor"));
    SANGO_TRY_ASSIGN(c.more, r.boolean("more"));
    SANGO_TRY_ASSIGN(c.serverTime, r.integer("server_time"));
    return c;
}

json Health::toJson() const
{
    return {{"status", status}, {"municipality", municipality}, {"server_time", serverTime}};
}

Expected<Health> Health::fromJson(const json& j)
{
    const JsonReader r(j, "health answer");
    SANGO_TRY(r.object());
    Health h;
    SANGO_TRY_ASSIGN(h.status, r.nonEmptyString("status"));
    SANGO_TRY_ASSIGN(h.municipality, r.string("municipality"));
    SANGO_TRY_ASSIGN(h.serverTime, r.integer("server_time"));
    return h;
}

json ErrorBody::toJson() const
{
    return {{"error", error}, {"message", message}, {"server_time", serverTime}};
}

Expected<ErrorBody> ErrorBody::fromJson(const json& j)
{
    const JsonReader r(j, "error answer");
    SANGO_TRY(r.object());
    ErrorBody e;
    SANGO_TRY_ASSIGN(e.error, r.nonEmptyString("error"));
    SANGO_TRY_ASSIGN(e.message, r.string("message"));
    if (j.contains("server_time")) {
        SANGO_TRY_ASSIGN(e.serverTime, r.integer("server_time"));
    }
    return e;
}

} // namespace sango::protocol
