// `sango cancel`, `sango correct` and `sango paper`: a session cancelled, a manager's correction (a new event
// naming the session), a session paid with a paper ticket (spec/cli.md).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/report_format.h"

namespace sango::cli {

namespace {

using nlohmann::json;

struct CancelOptions {
    std::string sessionId, staff, reason;
};

struct CorrectOptions {
    std::string sessionId, start, stop, staff, reason;
};

struct PaperOptions {
    std::string ticket, service, start, stop, staff;
};

int sessionResult(const CliContext& ctx, const Expected<SessionRecord>& r, const Terminal& t, Outcome o)
{
    if (!r)
        return ctx.failure(r.error());
    json j = sessionJson(*r, t.localTime());
    j["message"] = ctx.words().outcome(o);
    ctx.print(j);
    return 0;
}

int runCancel(const CliContext& ctx, const CancelOptions& o)
{
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto r = (*s)->terminal->cancel(o.sessionId, o.staff, o.reason);
    return sessionResult(ctx, r, *(*s)->terminal, Outcome::cancelled);
}

int runCorrect(const CliContext& ctx, const CorrectOptions& o)
{
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto& t = *(*s)->terminal;
    auto times = parseStartAndStop(t, o.start, o.stop);
    if (!times)
        return ctx.failure(times.error());
    const auto [start, stop] = *times;
    return sessionResult(ctx, t.correct(o.sessionId, start, stop, o.staff, o.reason), t, Outcome::corrected);
}

int runPaper(const CliContext& ctx, const PaperOptions& o)
{
    auto svc = parseServiceOption(o.service);
    if (!svc)
        return ctx.failure(svc.error());
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto& t = *(*s)->terminal;
    auto times = parseStartAndStop(t, o.start, o.stop);
    if (!times)
        return ctx.failure(times.error());
    const auto [start, stop] = *times;
    return sessionResult(ctx, t.recordPaper(o.ticket, *svc, start, stop, o.staff), t, Outcome::paper_recorded);
}

} // namespace

void addRecordCommands(CLI::App& app, CliContext& ctx)
{
    auto ca = std::make_shared<CancelOptions>();
    auto* cancel = app.add_subcommand("cancel", "cancel an open session, or a closed one within the cancel window");
    cancel->add_option("SESSION_ID", ca->sessionId)->required();
    cancel->add_option("--staff", ca->staff, "staff id")->required();
    cancel->add_option("--reason", ca->reason, "reason code, e.g. opened_by_mistake")->required();
    ctx.handle(cancel, [&ctx, ca] { return runCancel(ctx, *ca); });

    auto co = std::make_shared<CorrectOptions>();
    auto* correct = app.add_subcommand("correct", "a manager's correction: a new event naming the session");
    correct->add_option("SESSION_ID", co->sessionId)->required();
    correct->add_option("--start", co->start)->required();
    correct->add_option("--stop", co->stop)->required();
    correct->add_option("--staff", co->staff, "manager's staff id")->required();
    correct->add_option("--reason", co->reason, "reason code, e.g. forgotten_stop")->required();
    ctx.handle(correct, [&ctx, co] { return runCorrect(ctx, *co); });

    auto p = std::make_shared<PaperOptions>();
    auto* paper = app.add_subcommand("paper", "record a session paid with a paper ticket");
    paper->add_option("--ticket", p->ticket)->required();
    paper->add_option("--service", p->service)->required();
    paper->add_option("--start", p->start)->required();
    paper->add_option("--stop", p->stop)->required();
    paper->add_option("--staff", p->staff, "manager's staff id")->required();
    ctx.handle(paper, [&ctx, p] { return runPaper(ctx, *p); });
}

} // namespace sango::cli
