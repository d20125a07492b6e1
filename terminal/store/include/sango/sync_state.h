#pragma once
// The synchronisation's own state in the store, typed: what enrolment recorded for every later sync (the
// ledger's TLS settings, the device key, the first cursor) and what each sync leaves (the cursor, the last
// outcome and the time of the last success). The values live in the store's sync_state table under the keys
// they always had ("device_key", "cursor", "ca_file", "pinned_key", "last_sync", "last_success"); this class is
// the one place that names those keys, so that nobody else reads the table by a magic string.
//
// Calls go to the store on the caller's thread, inside the caller's transaction if one is open.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/event_store.h"

namespace sango {

// What a sync needs to know of where and how to reach the ledger, as this store recorded it.
struct SyncSettings {
    bool enrolled = false;
    std::string ledgerUrl;  // the URL enrolled with ("" when not enrolled)
    std::string terminalId; // this terminal as the ledger knows it ("" when not enrolled)
    std::optional<std::filesystem::path> caFile; // given at enrolment: the CA of the ledger's certificate
    std::optional<std::string> pinnedKey;        // given at enrolment: the ledger's key pin ("sha256//BASE64")
};

class SyncState {
public:
    explicit SyncState(EventStore& store) : m_store(&store) {}

    // The enrolment and the TLS settings recorded with it.
    Expected<SyncSettings> settings();

    // The device key's secret half, hex (none when missing): the caller wipes it.
    Expected<std::optional<std::string>> deviceKeyHex();

    // The ledger's changes cursor ("0" before any).
    Expected<std::string> cursor();
    Expected<void> setCursor(std::string_view cursor);

    // The last sync's outcome, as the JSON text recorded (none before any), and when one last succeeded.
    Expected<std::optional<std::string>> lastSync();
    Expected<void> setLastSync(std::string_view outcomeJson);
    Expected<std::optional<std::int64_t>> lastSuccessSeconds(); // unix seconds
    Expected<void> setLastSuccess(Instant at);

    // The values an enrolment records with its store (EnrolmentRecord::syncState), in one transaction with it:
    // the device key (the caller wipes the result), the first cursor and the TLS settings that were given (an
    // empty caFile or pinnedKey is not recorded; caFile is recorded as an absolute path).
    static std::vector<std::pair<std::string, std::string>> enrolmentValues(std::string deviceKeyHex,
                                                                            std::string cursor,
                                                                            const std::string& caFile,
                                                                            const std::string& pinnedKey);
    // Records such values (a store set up from files, enrolled in place).
    Expected<void> record(const std::vector<std::pair<std::string, std::string>>& values);

private:
    EventStore* m_store;
};

} // namespace sango
