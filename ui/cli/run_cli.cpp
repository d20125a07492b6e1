// The `sango` command line in one call (run_cli.h): the options every verb takes, each verb's subcommand
// (commands/), then the configuration and the checks that come before any verb, and the verb's handler.
#include "run_cli.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "commands/cli_context.h"
#include "commands/commands.h"
#include "sango/log_setup.h"

namespace sango::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kVersion = SANGO_VERSION; // the project version, from CMake

// Run as root (sudo) on a data directory that belongs to another user (the kiosk's /var/lib/sango, owned by
// `sango`): that user's name (or #uid), since root would leave files there (the store's -wal and -shm, a new
// key or backup) that the kiosk could not read. Nothing otherwise.
std::optional<std::string> foreignOwner(const fs::path& dataDir)
{
    if (::geteuid() != 0)
        return std::nullopt;
    struct stat st {};
    if (::stat(dataDir.c_str(), &st) != 0 || st.st_uid == 0)
        return std::nullopt;
    if (const passwd* pw = ::getpwuid(st.st_uid); pw && pw->pw_name && *pw->pw_name)
        return std::string(pw->pw_name);
    return "#" + std::to_string(st.st_uid);
}

} // namespace

int runCli(const std::vector<std::string>& args, Clock& clock, std::istream& in, std::ostream& out,
           std::ostream& err)
{
    CliContext ctx(clock, in, out, err);
    CLI::App cli{"sango: the provider terminal of the postpartum-care digital coupon", "sango"};
    cli.set_version_flag("--version", std::string("sango ") + kVersion);
    cli.require_subcommand(1);
    cli.fallthrough(); // --config, --data-dir, --key-file and --lang may also follow the command
    auto* config = cli.add_option(
        "--config", ctx.configFile,
        "the configuration file (default $SANGO_CONFIG, else /etc/sango/terminal.toml if it exists)");
    cli.add_option("--data-dir", ctx.dataDir,
                   "data directory (default $SANGO_DATA_DIR, else [store] data_dir, else the XDG data directory)");
    cli.add_option("--key-file", ctx.keyFile,
                   "the store key file (default [store] key_file, else the systemd credential store-key, else "
                   "DATA_DIR/store.key)");
    cli.add_option("--lang", ctx.langName, "language of human messages: ja, en or zh");

    addInitCommand(cli, ctx);
    addVerifyCommand(cli, ctx);
    addScanCommands(cli, ctx);
    addRecordCommands(cli, ctx);
    addListCommands(cli, ctx);
    addReportCommand(cli, ctx);
    addAuditCommand(cli, ctx);
    addStatusCommand(cli, ctx);
    addStaffCommand(cli, ctx);
    addSyncCommands(cli, ctx);
    addBackupCommands(cli, ctx);

    try {
        // CLI11 takes the arguments last first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        cli.parse(reversed);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e, out, err) == 0 ? 0 : 1;
    }
    if (!ctx.langName.empty() && !parseLang(ctx.langName)) {
        err << "sango: --lang must be ja, en or zh\n";
        return 1;
    }
    // The configuration file, then the log level it sets (SANGO_LOG_LEVEL wins): a file that cannot be used
    // is a usage error (exit 1) that names the file, the line and the key.
    if (ctx.configFile.empty() && config->count() > 0)
        return ctx.usage("--config needs a file name");
    auto loaded = TerminalConfig::load(ctx.configFile);
    if (!loaded)
        return ctx.failure(loaded.error());
    ctx.config = std::move(*loaded);
    if (auto level = log::setDefaultLevel(log::parseLevel(ctx.config.logLevel).value_or(log::Level::warn)); !level)
        return ctx.failure(level.error());
    if (auto owner = foreignOwner(ctx.location().dataDir))
        return ctx.refuseAsRoot(*owner);

    // Failures are values throughout; this is the last guard, so that nothing ends without a JSON answer.
    auto dispatch = [&]() -> int {
        try {
            if (const auto* handler = ctx.chosen())
                return (*handler)();
        } catch (const std::exception& e) {
            return ctx.failure({Errc::store_io, std::string("internal error: ") + e.what() +
                                                    ": nothing was recorded; please report this"});
        }
        return 1;
    };
    const int result = dispatch();
    out.flush();
    if (!out) {
        // The work is done (and recorded, for a command that records) but its answer was lost: say so.
        err << "sango: the answer could not be written to standard output (disk full or a closed pipe)"
            << (result == 0 ? "; what the command did is recorded" : "") << '\n';
        return result == 0 ? 3 : result;
    }
    return result;
}

} // namespace sango::cli
