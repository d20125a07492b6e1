// `sango-ledger`: the reference municipal ledger. All the work is in the libraries.
#include <iostream>

#include "ledger_cli.h"

int main(int argc, char** argv)
{
    sango::SystemClock clock;
    return sango::ledger::runLedgerCli(argc, argv, clock, std::cout, std::cerr);
}
