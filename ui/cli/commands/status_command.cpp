// `sango status`: terminal id, store, key, policy and prices, enrolment, clock, sync queue and what the ledger
// asked attention for (spec/cli.md).
#include <cstdint>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/sync/store_sync_local.h"
#include "sango/sync_state.h"

namespace sango::cli {

namespace {

using nlohmann::json;

int runStatus(const CliContext& ctx)
{
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto& store = (*s)->store;
    auto& t = *(*s)->terminal;
    auto id = store.terminalId();
    auto events = store.eventCount();
    auto open = store.sessions(std::nullopt, std::nullopt, true);
    auto staffCount = store.staffCount();
    if (!id || !events || !open || !staffCount)
        return ctx.failure(!id ? id.error() : !events ? events.error() : !open ? open.error() : staffCount.error());
    auto queue = store.outboxSummary();
    auto enrolment = store.enrolment();
    auto attention = store.attention();
    auto last = sync::StoreSyncLocal::lastOutcome(store);
    auto lastSuccess = SyncState(store).lastSuccessSeconds();
    auto clockReading = (*s)->witness->read();
    if (!queue || !enrolment || !attention || !last || !lastSuccess || !clockReading)
        return ctx.failure(!queue ? queue.error() : !enrolment ? enrolment.error() : !attention ? attention.error()
                                                : !last ? last.error() : !lastSuccess ? lastSuccess.error()
                                                                                     : clockReading.error());
    const std::int64_t queueLength = queue->count;
    const std::optional<Instant> oldest = queue->oldest;
    const Instant now = ctx.clock().now();
    auto when = [&](std::int64_t secs) { return t.localTime().format(Instant(std::chrono::seconds(secs))); };
    json items = json::array();
    for (const LedgerAnswer& a : *attention)
        items.push_back({{"session_id", a.sessionId},
                         {"coupon_id", a.couponId},
                         {"event", a.type},
                         {"event_id", a.eventId},
                         {"reason", a.reason},
                         {"detail", a.detail.empty() ? json() : json(a.detail)},
                         {"ledger_figures", a.figures},
                         {"answered_at", when(a.answeredAt.time_since_epoch().count())}});
    json lastSync = nullptr;
    json lastResult = nullptr;
    if (last->is_object()) {
        lastSync = when(last->value("at", std::int64_t{0}));
        lastResult = last->value("result", std::string());
    }
    const StoreLocation where = ctx.location();
    ctx.print({{"terminal_id", *id},
               {"demo", store.isDemo().value_or(false)},
               {"data_dir", where.dataDir.string()},
               {"store", store.path().string()},
               {"key_file", where.key().string()},
               {"key_source", ctx.keySource()},
               {"config", ctx.config.file.empty() ? json() : json(ctx.config.file.string())},
               {"encrypted", true},
               {"enrolled", enrolment->has_value()},
               {"ledger", *enrolment ? json((*enrolment)->ledgerUrl) : json()},
               {"ledger_terminal_id", *enrolment ? json((*enrolment)->terminalId) : json()},
               {"clock", clockReading->toJson()},
               {"attention", items},
               {"last_success", *lastSuccess ? json(when(**lastSuccess)) : json()},
               {"policy_version", t.policy().version},
               {"price_table_version", t.provider().priceTableVersion()},
               {"provider_id", t.provider().providerId},
               {"events", *events},
               {"open_sessions", open->size()},
               {"staff_registered", *staffCount},
               {"queue_length", queueLength},
               {"oldest_unsynced_age_seconds", oldest ? json((now - *oldest).count()) : json()},
               {"last_sync", lastSync},
               {"last_sync_result", lastResult}});
    return 0;
}

} // namespace

void addStatusCommand(CLI::App& app, CliContext& ctx)
{
    auto* status = app.add_subcommand("status", "terminal id, store, policy, sync queue");
    ctx.handle(status, [&ctx] { return runStatus(ctx); });
}

} // namespace sango::cli
