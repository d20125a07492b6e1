#pragma once
// The `sango` command line: parses spec/cli.md's commands and runs them against the terminal library, in this
// process. Machine output is one JSON value on `out`; human messages go to `err` in the chosen language; a
// PIN is read from `in`. The environment (SANGO_DATA_DIR, SANGO_CONFIG, LANG ...) is read as it is.
#include <iosfwd>
#include <string>
#include <vector>

#include "sango/clock.h"

namespace sango::cli {

// args: the arguments after the program's name. Returns the exit status: 0 done, 1 usage, 2 refused, 3 store
// error, 4 ledger or network error.
int runCli(const std::vector<std::string>& args, Clock& clock, std::istream& in, std::ostream& out,
           std::ostream& err);

} // namespace sango::cli
