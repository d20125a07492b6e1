#include "sango/service.h"

namespace sango {

std::string_view toString(Service s)
{
    switch (s) {
    case Service::stay: return "stay";
    case Service::day: return "day";
    case Service::visit: return "visit";
    }
    return "stay";
}

std::optional<Service> parseService(std::string_view text)
{
    for (Service s : kAllServices)
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

} // namespace sango
