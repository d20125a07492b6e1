// `sango init`: creates a new encrypted store from the municipality's files (spec/cli.md).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/initial_setup.h"

namespace sango::cli {

namespace {

struct InitOptions {
    std::string terminalId, policyFile, providerFile, trustFile;
    bool demo = false; // a demonstration store (it may trust the published test keys)
};

int runInit(const CliContext& ctx, const InitOptions& o)
{
    auto setup = InitialSetup::fromFiles(SetupFiles{o.terminalId, o.policyFile, o.providerFile, o.trustFile, o.demo});
    if (!setup)
        return ctx.failure(setup.error());
    const StoreLocation where = ctx.location();
    auto store = setup->createStore(where, ctx.clock().now());
    if (!store)
        return ctx.failure(store.error());
    ctx.print({{"terminal_id", o.terminalId},
               {"data_dir", where.dataDir.string()},
               {"store", where.database().string()},
               {"key_file", where.key().string()},
               {"policy_version", setup->policy.version},
               {"provider_id", setup->provider.providerId},
               {"demo", o.demo}});
    ctx.err() << "sango: " << ctx.words().outcome(Outcome::store_created) << '\n';
    return 0;
}

} // namespace

void addInitCommand(CLI::App& app, CliContext& ctx)
{
    auto o = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "create a new encrypted store");
    init->add_option("--terminal-id", o->terminalId, "this terminal's id")->required();
    init->add_option("--policy", o->policyFile, "the municipality's policy.json")->required();
    init->add_option("--provider", o->providerFile, "the provider profile provider.json")->required();
    init->add_option("--trust", o->trustFile, "the trust store (issuer keys) trust.json")->required();
    init->add_flag("--demo", o->demo,
                   "a demonstration store: it may trust the published test keys, and says DEMO everywhere");
    ctx.handle(init, [&ctx, o] { return runInit(ctx, *o); });
}

} // namespace sango::cli
