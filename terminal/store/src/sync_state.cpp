// The synchronisation's state in the store's sync_state table, typed (sync_state.h).
#include "sango/sync_state.h"

#include <cstdlib>

namespace sango {

namespace {

// The keys of sync_state: the store's file format, never renamed.
constexpr std::string_view kDeviceKey = "device_key";
constexpr std::string_view kCursor = "cursor";
constexpr std::string_view kCaFile = "ca_file";
constexpr std::string_view kPinnedKey = "pinned_key";
constexpr std::string_view kLastSync = "last_sync";
constexpr std::string_view kLastSuccess = "last_success";

} // namespace

Expected<SyncSettings> SyncState::settings()
{
    SyncSettings s;
    SANGO_TRY_ASSIGN(const std::optional<Enrolment> enrolment, m_store->enrolment());
    if (enrolment) {
        s.enrolled = true;
        s.ledgerUrl = enrolment->ledgerUrl;
        s.terminalId = enrolment->terminalId;
    }
    SANGO_TRY_ASSIGN(const std::optional<std::string> ca, m_store->syncValue(kCaFile));
    SANGO_TRY_ASSIGN(std::optional<std::string> pin, m_store->syncValue(kPinnedKey));
    if (ca)
        s.caFile = std::filesystem::path(*ca);
    s.pinnedKey = std::move(pin);
    return s;
}

Expected<std::optional<std::string>> SyncState::deviceKeyHex()
{
    return m_store->syncValue(kDeviceKey);
}

Expected<std::string> SyncState::cursor()
{
    SANGO_TRY_ASSIGN(const std::optional<std::string> c, m_store->syncValue(kCursor));
    return c.value_or("0");
}

Expected<void> SyncState::setCursor(std::string_view cursor)
{
    return m_store->setSyncValue(kCursor, cursor);
}

Expected<std::optional<std::string>> SyncState::lastSync()
{
    return m_store->syncValue(kLastSync);
}

Expected<void> SyncState::setLastSync(std::string_view outcomeJson)
{
    return m_store->setSyncValue(kLastSync, outcomeJson);
}

Expected<std::optional<std::int64_t>> SyncState::lastSuccessSeconds()
{
    SANGO_TRY_ASSIGN(const std::optional<std::string> v, m_store->syncValue(kLastSuccess));
    if (!v)
        return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(std::strtoll(v->c_str(), nullptr, 10));
}

Expected<void> SyncState::setLastSuccess(Instant at)
{
    return m_store->setSyncValue(kLastSuccess, std::to_string(at.time_since_epoch().count()));
}

std::vector<std::pair<std::string, std::string>> SyncState::enrolmentValues(std::string deviceKeyHex,
                                                                            std::string cursor,
                                                                            const std::string& caFile,
                                                                            const std::string& pinnedKey)
{
    std::vector<std::pair<std::string, std::string>> values;
    values.emplace_back(std::string(kDeviceKey), std::move(deviceKeyHex)); // first: the caller wipes it
    values.emplace_back(std::string(kCursor), std::move(cursor));
    if (!caFile.empty())
        values.emplace_back(std::string(kCaFile), std::filesystem::absolute(caFile).string());
    if (!pinnedKey.empty())
        values.emplace_back(std::string(kPinnedKey), pinnedKey);
    return values;
}

Expected<void> SyncState::record(const std::vector<std::pair<std::string, std::string>>& values)
{
    for (const auto& [key, value] : values)
        SANGO_TRY(m_store->setSyncValue(key, value));
    return {};
}

} // namespace sango
