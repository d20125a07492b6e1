#include "sango/session.h"

#include <algorithm>

namespace sango {

std::string_view toString(SessionSource s)
{
    switch (s) {
    case SessionSource::qr: return "qr";
    case SessionSource::manual: return "manual";
    case SessionSource::paper: return "paper";
    }
    return "qr";
}

std::string_view toString(SessionStatus s)
{
    switch (s) {
    case SessionStatus::open: return "open";
    case SessionStatus::closed: return "closed";
    case SessionStatus::cancelled: return "cancelled";
    }
    return "open";
}

std::optional<SessionSource> parseSessionSource(std::string_view text)
{
    for (auto s : {SessionSource::qr, SessionSource::manual, SessionSource::paper})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

std::optional<SessionStatus> parseSessionStatus(std::string_view text)
{
    for (auto s : {SessionStatus::open, SessionStatus::closed, SessionStatus::cancelled})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

bool SessionRecord::hasFlag(std::string_view f) const
{
    return std::find(flags.begin(), flags.end(), f) != flags.end();
}

} // namespace sango
