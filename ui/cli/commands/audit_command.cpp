// `sango audit`: checks the event chain end to end; exit 0 intact, 3 broken (and where): spec/cli.md.
#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"

namespace sango::cli {

namespace {

using nlohmann::json;

int runAudit(const CliContext& ctx)
{
    auto store = EventStore::open(ctx.location());
    if (!store)
        return ctx.failure(store.error());
    auto r = store->audit();
    if (!r)
        return ctx.failure(r.error());
    ctx.print({{"intact", r->intact},
               {"events", r->events},
               {"broken_at", r->intact || r->brokenAt == 0 ? json() : json(r->brokenAt)},
               {"problem", r->intact ? json() : json(r->problem)}});
    if (!r->intact) {
        ctx.err() << "sango: " << ctx.words().staff(Errc::audit_broken) << "\n  " << r->problem << '\n';
        return 3;
    }
    ctx.err() << "sango: " << ctx.words().outcome(Outcome::audit_intact) << '\n';
    return 0;
}

} // namespace

void addAuditCommand(CLI::App& app, CliContext& ctx)
{
    auto* audit = app.add_subcommand("audit", "check the event chain end to end");
    ctx.handle(audit, [&ctx] { return runAudit(ctx); });
}

} // namespace sango::cli
