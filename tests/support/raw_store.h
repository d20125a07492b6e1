#pragma once
// Reads a terminal store's file as SQL, past its typed API, with the store's own key: for tests that check the
// file format (the keys and texts of the sync_state table stay what they always were).
#include <optional>
#include <string>
#include <string_view>

#include "sango/error.h"
#include "sango/event_store.h"

namespace sango::test {

// The value under `name` in the store's sync_state table (none when there is no such row).
Expected<std::optional<std::string>> rawSyncValue(const StoreLocation& where, std::string_view name);

} // namespace sango::test
