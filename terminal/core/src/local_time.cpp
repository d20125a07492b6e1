#include "sango/local_time.h"

#include <chrono>
#include <exception>
#include <optional>

#include <date/tz.h>

namespace sango {

namespace {

constexpr std::string_view kTimeExample =
    "2026-04-03T10:07:00+09:00, 2026-04-03T01:07:00Z, or 2026-04-03T10:07:00 for local time";
constexpr std::string_view kOffsetExample = "2026-04-03T10:07:00+09:00";

// Appends a non-negative number with at least `width` digits (zero padded); a negative one gets a '-' first.
void appendNumber(std::string& out, long long value, int width)
{
    if (value < 0) {
        out += '-';
        value = -value;
    }
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 && n < 24);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += digits[--n];
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The value of text[pos, pos + count) if all of it is ASCII digits.
std::optional<int> digitsAt(std::string_view text, std::size_t pos, std::size_t count)
{
    if (pos + count > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(text[i]))
            return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Input echoed in messages: bounded, and with control characters replaced, so a hostile string cannot
// flood or garble a log line.
std::string quoted(std::string_view text)
{
    constexpr std::size_t kMax = 64;
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : text[i];
    }
    if (text.size() > kMax)
        out += "...";
    out += '"';
    return out;
}

// "YYYY-MM-DD" at the start of text (exactly 10 characters consumed); nothing if malformed or not a date.
std::optional<date::year_month_day> dateAt(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto y = digitsAt(text, 0, 4);
    const auto m = digitsAt(text, 5, 2);
    const auto d = digitsAt(text, 8, 2);
    if (!y || !m || !d)
        return std::nullopt;
    const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                                   date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok())
        return std::nullopt;
    return ymd;
}

void appendDate(std::string& out, date::year_month_day d)
{
    appendNumber(out, static_cast<int>(d.year()), 4);
    out += '-';
    appendNumber(out, static_cast<unsigned>(d.month()), 2);
    out += '-';
    appendNumber(out, static_cast<unsigned>(d.day()), 2);
}

} // namespace

Expected<LocalTime> LocalTime::forZone(std::string_view name)
{
    try {
        const date::time_zone* zone = date::locate_zone(name);
        if (zone == nullptr)
            return fail(Errc::invalid_config, "unknown time zone " + quoted(name));
        return LocalTime(std::string(name), zone);
    } catch (const std::exception&) {
        return fail(Errc::invalid_config,
                    "unknown time zone " + quoted(name) +
                        ": not in the system's time zone database (an IANA name such as Asia/Tokyo; is "
                        "tzdata installed?)");
    }
}

date::year_month_day LocalTime::dateOf(Instant t) const
{
    const auto local = m_zone->to_local(t);
    return date::year_month_day{date::floor<date::days>(local)};
}

std::string LocalTime::format(Instant t) const
{
    const auto info = m_zone->get_info(t);
    const auto local = date::local_seconds{t.time_since_epoch() + info.offset};
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> tod{local - day};

    std::string out;
    out.reserve(32);
    appendDate(out, date::year_month_day{day});
    out += 'T';
    appendNumber(out, tod.hours().count(), 2);
    out += ':';
    appendNumber(out, tod.minutes().count(), 2);
    out += ':';
    appendNumber(out, tod.seconds().count(), 2);

    long long offset = info.offset.count();
    out += offset < 0 ? '-' : '+';
    if (offset < 0)
        offset = -offset;
    appendNumber(out, offset / 3600, 2);
    out += ':';
    appendNumber(out, offset / 60 % 60, 2);
    // Only local mean time of the 19th century has offsets with seconds (Asia/Tokyo before 1888 was
    // +09:18:59); written out so that parse(format(t)) == t holds for every instant.
    if (offset % 60 != 0) {
        out += ':';
        appendNumber(out, offset % 60, 2);
    }
    return out;
}

Expected<Instant> LocalTime::parse(std::string_view text) const
{
    auto bad = [&text] {
        return fail(Errc::invalid_argument,
                    "invalid time " + quoted(text) + ": expected ISO 8601 such as " + std::string(kTimeExample));
    };

    // YYYY-MM-DDTHH:MM:SS is 19 characters.
    if (text.size() < 19 || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        return bad();
    const auto ymd = dateAt(text);
    const auto hh = digitsAt(text, 11, 2);
    const auto mm = digitsAt(text, 14, 2);
    const auto ss = digitsAt(text, 17, 2);
    if (!ymd || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59)
        return bad();
    const date::local_seconds local = date::local_days{*ymd} + std::chrono::hours{*hh} +
                                      std::chrono::minutes{*mm} + std::chrono::seconds{*ss};

    const std::string_view rest = text.substr(19);
    if (rest.empty()) {
        // Local to this zone. A time that does not exist (clocks moved forward) or occurs twice (clocks moved
        // back) has no single meaning: refused, with the way out.
        const auto info = m_zone->get_info(local);
        if (info.result == date::local_info::nonexistent)
            return fail(Errc::invalid_argument,
                        "invalid time " + quoted(text) + ": it does not exist in " + m_name +
                            " (the clocks moved forward); give it with its UTC offset, e.g. " +
                            std::string(kOffsetExample));
        if (info.result == date::local_info::ambiguous)
            return fail(Errc::invalid_argument,
                        "invalid time " + quoted(text) + ": it occurs twice in " + m_name +
                            " (the clocks moved back); give it with its UTC offset, e.g. " +
                            std::string(kOffsetExample));
        return Instant{local.time_since_epoch() - info.first.offset};
    }
    if (rest == "Z")
        return Instant{local.time_since_epoch()};

    // ±HH:MM, or ±HH:MM:SS (what format() writes for the rare offsets with seconds).
    if ((rest.size() != 6 && rest.size() != 9) || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':')
        return bad();
    const auto oh = digitsAt(rest, 1, 2);
    const auto om = digitsAt(rest, 4, 2);
    std::optional<int> os = 0;
    if (rest.size() == 9)
        os = rest[6] == ':' ? digitsAt(rest, 7, 2) : std::nullopt;
    if (!oh || !om || !os || *oh > 23 || *om > 59 || *os > 59)
        return bad();
    std::chrono::seconds offset = std::chrono::hours{*oh} + std::chrono::minutes{*om} + std::chrono::seconds{*os};
    if (rest[0] == '-')
        offset = -offset;
    return Instant{local.time_since_epoch() - offset};
}

Instant LocalTime::startOf(date::year_month_day day) const
{
    // Local midnight may not exist (a zone that springs forward at 00:00): the earliest choice then gives the
    // instant of the transition, which is when the day begins; an ambiguous midnight gives its first
    // occurrence.
    const date::zoned_time<std::chrono::seconds> zt{m_zone, date::local_seconds{date::local_days{day}},
                                                    date::choose::earliest};
    return zt.get_sys_time();
}

Expected<date::year_month_day> parseDate(std::string_view text)
{
    const auto ymd = text.size() == 10 ? dateAt(text) : std::nullopt;
    if (!ymd)
        return fail(Errc::invalid_argument, "invalid date " + quoted(text) + ": expected YYYY-MM-DD, e.g. 2026-04-03");
    return *ymd;
}

Expected<date::year_month> parseMonth(std::string_view text)
{
    std::optional<int> y;
    std::optional<int> m;
    if (text.size() == 7 && text[4] == '-') {
        y = digitsAt(text, 0, 4);
        m = digitsAt(text, 5, 2);
    }
    if (!y || !m || *m < 1 || *m > 12)
        return fail(Errc::invalid_argument, "invalid month " + quoted(text) + ": expected YYYY-MM, e.g. 2026-04");
    return date::year_month{date::year{*y}, date::month{static_cast<unsigned>(*m)}};
}

std::string formatDate(date::year_month_day d)
{
    std::string out;
    appendDate(out, d);
    return out;
}

std::string formatMonth(date::year_month m)
{
    std::string out;
    appendNumber(out, static_cast<int>(m.year()), 4);
    out += '-';
    appendNumber(out, static_cast<unsigned>(m.month()), 2);
    return out;
}

} // namespace sango
