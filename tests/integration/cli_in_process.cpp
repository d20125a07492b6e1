// `sango` in the test's own process (cli_in_process.h).
#include "cli_in_process.h"

#include <time.h>

#include <memory>
#include <sstream>

#include "run_cli.h"
#include "sango/clock.h"
#include "scoped_env.h"

namespace sango::itest {

CliResult runInProcess(const std::vector<std::string>& args, Instant at, const std::string& stdinText,
                       const std::map<std::string, std::string>& env)
{
    // What Sango::options sets for the binary (less libfaketime: the clock is a FakeClock here).
    std::map<std::string, std::string> all{{"TZ", "UTC"},
                                           {"LANGUAGE", "en"},
                                           {"SANGO_DATA_DIR", "/nonexistent/sango-tests-must-pass-data-dir"},
                                           {"SANGO_CONFIG", "/dev/null"}};
    for (const auto& [k, v] : env)
        all[k] = v;
    std::vector<std::unique_ptr<test::ScopedEnv>> scoped;
    for (const auto& [k, v] : all)
        scoped.push_back(std::make_unique<test::ScopedEnv>(k, v));
    ::tzset();

    FakeClock clock(at);
    std::istringstream in(stdinText);
    std::ostringstream out, err;
    CliResult r;
    r.exit = cli::runCli(args, clock, in, out, err);
    r.raw = out.str();
    r.err = err.str();
    r.out = json::parse(r.raw, nullptr, false);
    scoped.clear();
    ::tzset();
    return r;
}

CliRunner inProcess()
{
    return [](const std::vector<std::string>& args, Instant at, const std::string& stdinText) {
        return runInProcess(args, at, stdinText);
    };
}

} // namespace sango::itest
