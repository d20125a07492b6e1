#include "sango/provider.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "json_members.h"
#include "sango/local_time.h"

namespace sango {

namespace {

using nlohmann::json;
using json_members::intValue;
using json_members::MemberReader;
using json_members::shown;

// An hourly price above a million yen is a typing mistake, and the bound keeps minutes × price far from
// overflowing 64 bits.
constexpr int kMaxYenPerHour = 1000000;

// Every message names the provider profile: "provider: prices[2].from must be ...".
const MemberReader kProvider{"provider"};

std::string indexed(const char* array, std::size_t i)
{
    return std::string(array) + "[" + std::to_string(i) + "]";
}

Expected<Price> parsePrice(const json& j, const std::string& path, const std::vector<Service>& offered)
{
    if (!j.is_object())
        return kProvider.bad(path, "must be an object with service, yen_per_hour and from (got " + shown(j) + ")");
    Price price;

    auto service = kProvider.stringMember(j, path, "service");
    if (!service)
        return tl::unexpected(service.error());
    const auto s = parseService(*service);
    if (!s)
        return kProvider.bad(path + ".service", "must be stay, day or visit (got " + shown(json(*service)) + ")");
    if (std::find(offered.begin(), offered.end(), *s) == offered.end())
        return kProvider.bad(path + ".service", "\"" + *service + "\" is not among the provider's services");
    price.service = *s;

    auto yen = kProvider.required(j, path, "yen_per_hour");
    if (!yen)
        return tl::unexpected(yen.error());
    const auto yenPerHour = intValue(**yen, 1, kMaxYenPerHour);
    if (!yenPerHour)
        return kProvider.bad(path + ".yen_per_hour", "must be a positive integer of yen, at most " +
                                                         std::to_string(kMaxYenPerHour) + " (got " + shown(**yen) +
                                                         ")");
    price.yenPerHour = *yenPerHour;

    auto from = kProvider.stringMember(j, path, "from");
    if (!from)
        return tl::unexpected(from.error());
    const auto day = parseDate(*from);
    if (!day)
        return kProvider.bad(path + ".from", "must be a date YYYY-MM-DD (got " + shown(json(*from)) + ")");
    price.from = *day;
    return price;
}

Expected<Provider> parseProvider(const json& j)
{
    if (!j.is_object())
        return kProvider.error("must be a JSON object (got " + shown(j) + ")");
    Provider p;

    auto id = kProvider.nonEmptyStringMember(j, "", "provider_id");
    if (!id)
        return tl::unexpected(id.error());
    p.providerId = std::move(*id);

    auto name = kProvider.stringMember(j, "", "name");
    if (!name)
        return tl::unexpected(name.error());
    p.name = std::move(*name);

    auto municipality = kProvider.municipalityMember(j);
    if (!municipality)
        return tl::unexpected(municipality.error());
    p.municipality = std::move(*municipality);

    auto services = kProvider.required(j, "", "services");
    if (!services)
        return tl::unexpected(services.error());
    if (!(*services)->is_array() || (*services)->empty())
        return kProvider.bad("services", "must be a non-empty array of stay, day, visit (got " + shown(**services) +
                                             ")");
    for (std::size_t i = 0; i < (*services)->size(); ++i) {
        const json& v = (**services)[i];
        const auto s = v.is_string() ? parseService(v.get<std::string>()) : std::nullopt;
        if (!s)
            return kProvider.bad(indexed("services", i), "must be stay, day or visit (got " + shown(v) + ")");
        if (std::find(p.services.begin(), p.services.end(), *s) != p.services.end())
            return kProvider.bad(indexed("services", i), "lists " + shown(v) + " twice");
        p.services.push_back(*s);
    }

    auto prices = kProvider.required(j, "", "prices");
    if (!prices)
        return tl::unexpected(prices.error());
    if (!(*prices)->is_array())
        return kProvider.bad("prices", "must be an array of {service, yen_per_hour, from} (got " + shown(**prices) +
                                           ")");
    for (std::size_t i = 0; i < (*prices)->size(); ++i) {
        auto price = parsePrice((**prices)[i], indexed("prices", i), p.services);
        if (!price)
            return tl::unexpected(price.error());
        for (std::size_t k = 0; k < p.prices.size(); ++k)
            if (p.prices[k].service == price->service && p.prices[k].from == price->from)
                return kProvider.bad(indexed("prices", i), "has the same service and from as " +
                                                               indexed("prices", k) + " (" +
                                                               std::string(toString(price->service)) + " from " +
                                                               formatDate(price->from) + ")");
        p.prices.push_back(*price);
    }
    std::sort(p.prices.begin(), p.prices.end(), [](const Price& a, const Price& b) {
        return a.service != b.service ? a.service < b.service : a.from < b.from;
    });
    return p;
}

// The prices of one service, by `from`. Provider::prices is kept sorted by fromJson, but a profile built in
// code need not be.
std::vector<Price> pricesOf(const std::vector<Price>& prices, Service s)
{
    std::vector<Price> out;
    for (const Price& price : prices)
        if (price.service == s)
            out.push_back(price);
    std::stable_sort(out.begin(), out.end(), [](const Price& a, const Price& b) { return a.from < b.from; });
    return out;
}

} // namespace

Expected<Provider> Provider::fromJson(const nlohmann::json& j)
{
    return kProvider.guarded([&] { return parseProvider(j); });
}

nlohmann::json Provider::toJson() const
{
    json serviceList = json::array();
    for (Service s : services)
        serviceList.push_back(std::string(toString(s)));
    json priceList = json::array();
    for (const Price& price : prices)
        priceList.push_back({
            {"service", std::string(toString(price.service))},
            {"yen_per_hour", price.yenPerHour},
            {"from", formatDate(price.from)},
        });
    return json{
        {"provider_id", providerId},
        {"name", name},
        {"municipality", municipality},
        {"services", std::move(serviceList)},
        {"prices", std::move(priceList)},
    };
}

bool Provider::offers(Service s) const
{
    return std::find(services.begin(), services.end(), s) != services.end();
}

std::optional<Price> Provider::priceOn(Service s, date::year_month_day day) const
{
    std::optional<Price> best;
    for (const Price& price : prices)
        if (price.service == s && price.from <= day && (!best || best->from < price.from))
            best = price;
    return best;
}

std::vector<Provider::Period> Provider::periodsIn(Service s, date::year_month month) const
{
    std::vector<Period> out;
    if (!month.ok())
        return out;
    const date::sys_days monthFirst{month / date::day{1}};
    const date::sys_days monthLast{month / date::last};
    const auto list = pricesOf(prices, s);
    for (std::size_t i = 0; i < list.size(); ++i) {
        // A price is in force from its `from` until the day before the next `from`; the latest is open-ended.
        const date::sys_days start{list[i].from};
        const date::sys_days end = i + 1 < list.size() ? date::sys_days{list[i + 1].from} - date::days{1}
                                                       : monthLast;
        const auto first = std::max(start, monthFirst);
        const auto last = std::min(end, monthLast);
        if (first <= last)
            out.push_back(Period{list[i], date::year_month_day{first}, date::year_month_day{last}});
    }
    return out;
}

std::string Provider::priceTableVersion() const
{
    if (prices.empty())
        return {};
    const auto latest = std::max_element(prices.begin(), prices.end(),
                                         [](const Price& a, const Price& b) { return a.from < b.from; });
    return formatDate(latest->from);
}

std::int64_t amountYen(std::int64_t billedMinutes, std::int64_t yenPerHour)
{
    // floor(b × y / 60) = (b / 60) × y + floor((b mod 60) × y / 60) for b, y >= 0: the same value, without the
    // full product that could overflow for absurd inputs.
    const std::int64_t b = std::max<std::int64_t>(billedMinutes, 0);
    const std::int64_t y = std::max<std::int64_t>(yenPerHour, 0);
    return b / 60 * y + b % 60 * y / 60;
}

} // namespace sango
