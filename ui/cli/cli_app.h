#pragma once
// The `sango` command line: parses spec/cli.md's commands and runs them against the terminal library.
// Machine output is one JSON value on stdout; human messages go to stderr in the chosen language.
namespace sango::cli {

// Returns the exit status: 0 done, 1 usage, 2 refused, 3 store error, 4 ledger or network error.
int run(int argc, char** argv);

} // namespace sango::cli
