// libFuzzer target: the small parsers of typed and file input — trust store JSON, ISO 8601 times, dates,
// months and typed coupon ids.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sango/coupon_id.h"
#include "sango/local_time.h"
#include "sango/trust_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const auto tokyo = sango::LocalTime::forZone("Asia/Tokyo");
    if (tokyo) {
        if (auto t = tokyo->parse(text))
            (void)tokyo->format(*t);
    }
    (void)sango::parseDate(text);
    (void)sango::parseMonth(text);
    if (auto id = sango::couponid::normalize(text))
        (void)sango::couponid::grouped(*id);
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_discarded())
        (void)sango::TrustStore::fromJson(j);
    return 0;
}
