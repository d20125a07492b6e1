// `sango`: the terminal's command line (spec/cli.md). All the work is in the libraries.
#include <iostream>
#include <string>
#include <vector>

#include "run_cli.h"
#include "sango/clock.h"

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    sango::SystemClock clock;
    return sango::cli::runCli(args, clock, std::cin, std::cout, std::cerr);
}
