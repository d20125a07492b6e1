#pragma once
// The three kinds of postpartum care a coupon can pay for.
#include <array>
#include <optional>
#include <string_view>

namespace sango {

enum class Service { stay, day, visit };

inline constexpr std::array<Service, 3> kAllServices{Service::stay, Service::day, Service::visit};

std::string_view toString(Service s);
std::optional<Service> parseService(std::string_view text);

} // namespace sango
