#include "sango/report_format.h"

namespace sango {

using nlohmann::json;

namespace {

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string cellText(const Cell& c)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const std::vector<std::string>& list) const
        {
            std::string out;
            for (const auto& item : list) {
                if (!out.empty())
                    out += ';';
                out += item;
            }
            return out;
        }
    };
    return std::visit(Visitor{}, c);
}

json cellJson(const Cell& c)
{
    struct Visitor {
        json operator()(std::monostate) const { return nullptr; }
        json operator()(std::int64_t v) const { return v; }
        json operator()(const std::string& s) const { return s; }
        json operator()(const std::vector<std::string>& list) const { return list; }
    };
    return std::visit(Visitor{}, c);
}

template <typename T>
Cell opt(const std::optional<T>& v)
{
    if (!v)
        return std::monostate{};
    return static_cast<std::int64_t>(*v);
}

Cell reasonCell(const std::string& reason)
{
    if (reason.empty())
        return std::monostate{};
    return reason;
}

std::vector<Cell> sessionRow(const SessionRecord& s, const LocalTime& local)
{
    return {s.sessionId,
            s.couponId,
            std::string(toString(s.source)),
            std::string(toString(s.service)),
            formatDate(s.date),
            local.format(s.start),
            s.stop ? Cell(local.format(*s.stop)) : Cell(std::monostate{}),
            opt(s.actualMinutes),
            opt(s.billedMinutes),
            s.staffId,
            std::string(toString(s.status)),
            s.flags,
            // A cancelled session shows why it was cancelled; otherwise the reason of its last correction.
            reasonCell(s.status == SessionStatus::cancelled ? s.cancelReason : s.correctionReason)};
}

const std::vector<std::string> kSessionColumns{"session_id", "coupon_id", "source", "service", "date",
                                                "start", "stop", "actual_minutes", "billed_minutes", "staff_id",
                                                "status", "flags", "correction_reason"};

} // namespace

std::string Table::toCsv() const
{
    std::string out = "\xEF\xBB\xBF"; // UTF-8 byte-order mark
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i)
                out += ',';
            out += csvField(fields[i]);
        }
        out += "\r\n";
    };
    line(columns);
    for (const auto& row : rows) {
        std::vector<std::string> fields;
        fields.reserve(row.size());
        for (const auto& c : row)
            fields.push_back(cellText(c));
        line(fields);
    }
    return out;
}

json Table::toJson() const
{
    json out = json::array();
    for (const auto& row : rows) {
        json obj = json::object();
        for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i)
            obj[columns[i]] = cellJson(row[i]);
        out.push_back(std::move(obj));
    }
    return out;
}

Table sessionTable(const std::vector<SessionRecord>& sessions, const LocalTime& local)
{
    Table t{kSessionColumns, {}};
    t.rows.reserve(sessions.size());
    for (const auto& s : sessions)
        t.rows.push_back(sessionRow(s, local));
    return t;
}

json sessionJson(const SessionRecord& s, const LocalTime& local)
{
    Table t{kSessionColumns, {sessionRow(s, local)}};
    return t.toJson().at(0);
}

Table dailyTable(const std::vector<DailyRow>& rows)
{
    Table t{{"date", "service", "sessions", "billed_minutes"}, {}};
    for (const auto& r : rows)
        t.rows.push_back({formatDate(r.date), std::string(toString(r.service)), std::int64_t{r.sessions},
                          r.billedMinutes});
    return t;
}

Table totalsTable(const std::vector<TotalsRow>& rows)
{
    Table t{{"service", "sessions", "billed_minutes", "yen_per_hour", "amount_yen"}, {}};
    for (const auto& r : rows)
        t.rows.push_back({r.service, std::int64_t{r.sessions}, r.billedMinutes, opt(r.yenPerHour), r.amountYen});
    return t;
}

json headerJson(const ReportHeader& h, const LocalTime& local)
{
    return {{"month", formatMonth(h.month)},
            {"provider_id", h.providerId},
            {"provider_name", h.providerName},
            {"municipality", h.municipality},
            {"policy_version", h.policyVersion},
            {"price_table_version", h.priceTableVersion},
            {"generated_at", local.format(h.generatedAt)}};
}

} // namespace sango
