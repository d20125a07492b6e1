#pragma once
// One table, two renderings: CSV (RFC 4180, CRLF, UTF-8 byte-order mark, for the spreadsheet programs of
// Japanese offices) and JSON (an array of objects with the same fields, typed).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sango/local_time.h"
#include "sango/billing.h"
#include "sango/session.h"

namespace sango {

// A cell: empty (JSON null), an integer, text, or a list (flags: ";"-joined in CSV, an array in JSON).
using Cell = std::variant<std::monostate, std::int64_t, std::string, std::vector<std::string>>;

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;

    std::string toCsv() const;
    nlohmann::json toJson() const;
};

// The monthly report's columns, in spec order.
Table sessionTable(const std::vector<SessionRecord>& sessions, const LocalTime& local);
Table dailyTable(const std::vector<DailyRow>& rows);
// The last row is the total line: CSV shows it; spec/cli.md's JSON leaves it out (the CLI drops it).
Table totalsTable(const std::vector<TotalsRow>& rows);

nlohmann::json sessionJson(const SessionRecord& s, const LocalTime& local);
nlohmann::json headerJson(const ReportHeader& h, const LocalTime& local);

} // namespace sango
