#pragma once
// The verbs of the `sango` command line (spec/cli.md), one registration function each: it adds the verb's
// CLI11 subcommand with its options, and its handler to the context (CliContext::handle).
namespace CLI {
class App;
}

namespace sango::cli {

class CliContext;

void addInitCommand(CLI::App& app, CliContext& ctx);     // init_command.cpp
void addVerifyCommand(CLI::App& app, CliContext& ctx);   // verify_command.cpp
void addScanCommands(CLI::App& app, CliContext& ctx);    // scan_commands.cpp: scan, close
void addRecordCommands(CLI::App& app, CliContext& ctx);  // record_commands.cpp: cancel, correct, paper
void addListCommands(CLI::App& app, CliContext& ctx);    // list_commands.cpp: sessions, history, balance
void addReportCommand(CLI::App& app, CliContext& ctx);   // report_command.cpp
void addAuditCommand(CLI::App& app, CliContext& ctx);    // audit_command.cpp
void addStatusCommand(CLI::App& app, CliContext& ctx);   // status_command.cpp
void addStaffCommand(CLI::App& app, CliContext& ctx);    // staff_command.cpp: staff add
void addSyncCommands(CLI::App& app, CliContext& ctx);    // sync_commands.cpp: enroll, sync
void addBackupCommands(CLI::App& app, CliContext& ctx);  // backup_commands.cpp: backup, restore

} // namespace sango::cli
