#include "sango/protocol/api.h"

#include <array>

namespace sango::protocol {

std::string_view toString(EventStatus s)
{
    switch (s) {
    case EventStatus::accepted: return "accepted";
    case EventStatus::duplicate: return "duplicate";
    case EventStatus::rejected: return "rejected";
    }
    return "rejected";
}

std::optional<EventStatus> parseEventStatus(std::string_view text)
{
    for (EventStatus s : {EventStatus::accepted, EventStatus::duplicate, EventStatus::rejected})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

bool isUploadedEventType(std::string_view type)
{
    static constexpr std::array<std::string_view, 5> kUploaded{
        "session_opened", "session_closed", "session_cancelled", "session_corrected", "paper_session"};
    for (std::string_view t : kUploaded)
        if (t == type)
            return true;
    return false;
}

} // namespace sango::protocol
