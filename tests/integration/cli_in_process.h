#pragma once
// Runs `sango` in the test's own process (sango::cli::runCli) rather than as the binary under libfaketime: a
// FakeClock at the instant, stdin from a string, stdout and stderr captured, and the environment that
// Sango::options gives the binary (English messages, no SANGO_DATA_DIR, no installed terminal.toml, UTC). The
// same assertions hold as for the binary; it is only faster. End-to-end tests keep the binary for what only a
// process shows (exit statuses, stdin PINs, the LANG environment).
#include <map>
#include <string>
#include <vector>

#include "sango_runner.h"

namespace sango::itest {

// env: more environment for this run (set for the call, then put back).
CliResult runInProcess(const std::vector<std::string>& args, Instant at, const std::string& stdinText = {},
                       const std::map<std::string, std::string>& env = {});

// runInProcess as a Sango's (or a TestStore's) runner.
CliRunner inProcess();

} // namespace sango::itest
