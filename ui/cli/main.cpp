// `sango`: the terminal's command line (spec/cli.md). All the work is in the libraries.
#include "cli_app.h"

int main(int argc, char** argv)
{
    return sango::cli::run(argc, argv);
}
