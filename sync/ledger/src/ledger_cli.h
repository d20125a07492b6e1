#pragma once
// `sango-ledger`, the reference ledger's command line (spec/cli.md, last table): the municipality's
// administration, and `serve` for the terminal API. One JSON value on stdout per command (a failure:
// {"result": CODE, "message"}); human messages on stderr. Exit status: 0 done, 1 usage or a bad input file,
// 2 refused, 3 store error (no ledger, wrong key ...).
#include <ostream>

#include "sango/clock.h"

namespace sango::ledger {

// A library function so that tests can drive the CLI with a FakeClock and string streams.
int runLedgerCli(int argc, char** argv, const Clock& clock, std::ostream& out, std::ostream& err);

} // namespace sango::ledger
