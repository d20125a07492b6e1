#pragma once
// The municipality's calendar: instants to local dates and ISO 8601 text with offset, through the IANA
// time zone database (date/tz over the system's tzdata).
#include <string>
#include <string_view>

#include <date/date.h>

#include "sango/clock.h"
#include "sango/error.h"

namespace date {
class time_zone;
}

namespace sango {

class LocalTime {
public:
    // invalid_config when the zone is not in the system's time zone database.
    static Expected<LocalTime> forZone(std::string_view name);

    const std::string& zoneName() const { return m_name; }

    date::year_month_day dateOf(Instant t) const;
    // "2026-04-03T10:07:00+09:00"
    std::string format(Instant t) const;
    // ISO 8601 with an offset or Z ("2026-04-03T10:07:00+09:00", "...Z"); without an offset the time is
    // taken as local to this zone. invalid_argument with an example of the expected form otherwise.
    Expected<Instant> parse(std::string_view text) const;
    // The first instant of a local date.
    Instant startOf(date::year_month_day day) const;

private:
    LocalTime(std::string name, const date::time_zone* zone) : m_name(std::move(name)), m_zone(zone) {}
    std::string m_name;
    const date::time_zone* m_zone = nullptr;
};

// "2026-04-03" and "2026-04" <-> date types; invalid_argument on anything else.
Expected<date::year_month_day> parseDate(std::string_view text);
Expected<date::year_month> parseMonth(std::string_view text);
std::string formatDate(date::year_month_day d);
std::string formatMonth(date::year_month m);

} // namespace sango
