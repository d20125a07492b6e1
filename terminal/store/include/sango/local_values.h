#pragma once
// The terminal's own small values that are not events and not the sync's: the clock witness's last
// measurement and each staff member's count of wrong PINs. They live in the store's sync_state table beside
// the sync's values (sync_state.h), under the keys they always had ("clock", "pin_failures.<staff id>"); this
// class is the one place that names those keys. What the values mean is for their owners (ClockWitness,
// Terminal's sign-in); they are never logged.
//
// Calls go to the store on the caller's thread, inside the caller's transaction if one is open.
#include <optional>
#include <string>
#include <string_view>

#include "sango/error.h"
#include "sango/event_store.h"

namespace sango {

class LocalValues {
public:
    explicit LocalValues(EventStore& store) : m_store(&store) {}

    // The clock witness's last measurement, as the JSON text it recorded (none before any).
    Expected<std::optional<std::string>> clockMeasurement();
    Expected<void> setClockMeasurement(std::string_view json);

    // A staff member's wrong-PIN count and lockout, as the text sign-in recorded (none before any).
    Expected<std::optional<std::string>> pinFailures(std::string_view staffId);
    Expected<void> setPinFailures(std::string_view staffId, std::string_view text);

private:
    EventStore* m_store;
};

} // namespace sango
