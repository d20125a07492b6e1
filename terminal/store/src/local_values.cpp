// The terminal's own small values in the store's sync_state table, typed (local_values.h).
#include "sango/local_values.h"

namespace sango {

namespace {

// The keys of sync_state: the store's file format, never renamed.
constexpr std::string_view kClock = "clock";
constexpr std::string_view kPinFailuresPrefix = "pin_failures.";

std::string pinKey(std::string_view staffId)
{
    return std::string(kPinFailuresPrefix) + std::string(staffId);
}

} // namespace

Expected<std::optional<std::string>> LocalValues::clockMeasurement()
{
    return m_store->syncValue(kClock);
}

Expected<void> LocalValues::setClockMeasurement(std::string_view json)
{
    return m_store->setSyncValue(kClock, json);
}

Expected<std::optional<std::string>> LocalValues::pinFailures(std::string_view staffId)
{
    return m_store->syncValue(pinKey(staffId));
}

Expected<void> LocalValues::setPinFailures(std::string_view staffId, std::string_view text)
{
    return m_store->setSyncValue(pinKey(staffId), text);
}

} // namespace sango
