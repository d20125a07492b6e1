// `sango enroll` (enrolment with a municipal ledger) and `sango sync` (one cycle with --once, else in the
// background with backoff until SIGINT or SIGTERM): spec/cli.md, sync/README.md.
#include <pthread.h>
#include <signal.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/sync/enrolment.h"
#include "sango/sync/resolve_tls.h"
#include "sango/sync/store_sync_local.h"
#include "sango/sync/sync_stack.h"
#include "sango/sync_state.h"

namespace sango::cli {

namespace {

struct EnrollOptions {
    std::string ledger, code, label, caFile, pinnedKey;
    bool demo = false; // a demonstration store
};

struct SyncCommandOptions {
    bool once = false;
    std::string caFile, ledger, pinnedKey;
    std::size_t batchEvents = 200;
    const CLI::Option* batchEventsOption = nullptr; // not given: [sync] batch_events
};

// TLS settings: the flags, else terminal.toml's [sync], else what enrolment recorded. A setting that cannot
// be read is an error, never a silent fall back to weaker checks.
Expected<sync::TlsSettings> tlsSettings(const CliContext& ctx, const std::string& caFile,
                                        const std::string& pinnedKey, EventStore* store)
{
    std::optional<SyncSettings> recorded;
    if (store) {
        SANGO_TRY_ASSIGN(recorded, SyncState(*store).settings());
    }
    return sync::resolveTls({caFile, pinnedKey}, {ctx.config.caFile, ctx.config.pinnedKey},
                            recorded ? &*recorded : nullptr);
}

int runEnroll(const CliContext& ctx, const EnrollOptions& o)
{
    if (o.ledger.empty() || o.code.empty())
        return ctx.usage("enroll needs --ledger URL and --code CODE (the enrolment code from the municipality)");
    auto tls = tlsSettings(ctx, o.caFile, o.pinnedKey, nullptr);
    if (!tls)
        return ctx.failure(tls.error());
    sync::SyncStack stack(*tls, o.ledger, ctx.clock());
    // The TLS settings used now are recorded with the enrolment: later syncs use the same.
    sync::EnrolOptions options{o.code, o.label, o.caFile, o.pinnedKey};
    options.demo = o.demo;
    auto e = sync::enrolTerminal(stack.client(), ctx.location(), options, ctx.clock(), ctx.boot());
    if (!e)
        return ctx.failure(e.error());
    ctx.print({{"enrolled", true},
               {"ledger", e->ledgerUrl},
               {"terminal_id", e->terminalId},
               {"provider_id", e->providerId}});
    ctx.err() << "sango: " << ctx.words().outcome(Outcome::enrolled) << '\n';
    return 0;
}

int runSync(const CliContext& ctx, const SyncCommandOptions& o)
{
    const std::size_t batchEvents = o.batchEventsOption->count() > 0
                                        ? o.batchEvents
                                        : static_cast<std::size_t>(ctx.config.batchEvents);
    if (batchEvents < 1 || batchEvents > protocol::kMaxBatchEvents)
        return ctx.usage("--batch-events must be 1 to " + std::to_string(protocol::kMaxBatchEvents));
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    EventStore& store = (*s)->store;
    sync::StoreSyncLocal local(store, ctx.clock(), ctx.boot());
    auto identity = local.identity();
    if (!identity)
        return ctx.failure(identity.error());
    auto tls = tlsSettings(ctx, o.caFile, o.pinnedKey, &store);
    if (!tls)
        return ctx.failure(tls.error());
    // --ledger (else [sync] ledger_url): the same ledger at another address (moved, or behind a proxy); the
    // enrolment stays.
    const std::string url = sync::resolveLedgerUrl(o.ledger, ctx.config.ledgerUrl, identity->ledgerUrl);
    sync::SyncOptions options;
    options.maxBatchEvents = batchEvents;
    sync::SyncStack stack(local, *tls, url, ctx.clock(), options);
    sync::SyncEngine& engine = *stack.engine();
    if (!o.once) {
        // Until SIGINT or SIGTERM: the engine syncs in the background, with backoff when the ledger is away.
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
        engine.start();
        int sig = 0;
        sigwait(&set, &sig);
        engine.stop();
        const auto st = engine.state();
        ctx.print({{"stopped", true}, {"last_result", st.lastResult}});
        return 0;
    }
    auto report = engine.runOnce();
    if (!report)
        return ctx.failure(report.error());
    auto queue = store.outboxSummary();
    auto attention = store.attention();
    if (!queue || !attention)
        return ctx.failure(!queue ? queue.error() : attention.error());
    ctx.print({{"result", "ok"},
               {"batches", report->batches},
               {"accepted", report->accepted},
               {"duplicate", report->duplicate},
               {"rejected", report->rejected},
               {"changes", report->changes},
               {"queue_length", queue->count},
               {"attention", attention->size()}});
    return 0;
}

} // namespace

void addSyncCommands(CLI::App& app, CliContext& ctx)
{
    auto e = std::make_shared<EnrollOptions>();
    auto* enroll = app.add_subcommand("enroll", "enrol this terminal with the municipal ledger");
    enroll->add_option("--ledger", e->ledger, "the ledger's URL (https://..., or http:// on loopback)")->required();
    enroll->add_option("--code", e->code, "the one-time enrolment code from the municipality")->required();
    enroll->add_option("--label", e->label, "a name for this terminal in the municipality's list");
    enroll->add_option("--ca-file", e->caFile, "PEM file of the CA that signed the ledger's certificate");
    enroll->add_option("--pinned-key", e->pinnedKey, "the ledger's public key pin (sha256//BASE64)");
    enroll->add_flag("--demo", e->demo,
                     "a demonstration store: the ledger may hand out a published test key; says DEMO everywhere");
    ctx.handle(enroll, [&ctx, e] { return runEnroll(ctx, *e); });

    auto o = std::make_shared<SyncCommandOptions>();
    auto* sync = app.add_subcommand("sync", "synchronise with the ledger (until SIGTERM; --once: one cycle)");
    sync->add_flag("--once", o->once, "one cycle: push every waiting event, pull every change, then exit");
    sync->add_option("--ca-file", o->caFile, "PEM file of the CA that signed the ledger's certificate");
    sync->add_option("--ledger", o->ledger, "reach the ledger at this URL instead of the enrolled one");
    o->batchEventsOption = sync->add_option("--batch-events", o->batchEvents,
                                            "events per request (1 to 500, default [sync] batch_events)");
    sync->add_option("--pinned-key", o->pinnedKey, "the ledger's public key pin (sha256//BASE64)");
    ctx.handle(sync, [&ctx, o] { return runSync(ctx, *o); });
}

} // namespace sango::cli
