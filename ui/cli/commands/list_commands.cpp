// `sango sessions` (sessions as the monthly report lines), `sango history` (every event of one session) and
// `sango balance` (a coupon's balance as this terminal knows it): spec/cli.md.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/report_format.h"

namespace sango::cli {

namespace {

using nlohmann::json;

struct SessionsOptions {
    bool openOnly = false;
    std::string month, format = "json";
};

struct HistoryOptions {
    std::string sessionId;
};

struct BalanceOptions {
    std::string couponId;
};

int runSessions(const CliContext& ctx, const SessionsOptions& o)
{
    if (o.format != "json" && o.format != "csv")
        return ctx.usage("--format must be csv or json");
    auto m = parseMonthOption(o.month);
    if (!m)
        return ctx.failure(m.error());
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    std::optional<date::year_month_day> first, last;
    if (*m) {
        first = **m / date::day{1};
        last = date::year_month_day{**m / date::last};
    }
    auto list = (*s)->store.sessions(first, last, o.openOnly);
    if (!list)
        return ctx.failure(list.error());
    return ctx.render(sessionTable(*list, (*s)->terminal->localTime()), o.format, {});
}

// Every event of one session: the original times stay visible beside each correction.
int runHistory(const CliContext& ctx, const HistoryOptions& o)
{
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto& t = *(*s)->terminal;
    auto events = (*s)->store.sessionHistory(o.sessionId);
    if (!events)
        return ctx.failure(events.error());
    if (events->empty())
        return ctx.failure({Errc::session_not_found, "there is no session " + o.sessionId +
                                                         ": check the id with `sango sessions`"});
    json out = json::array();
    for (const Event& e : *events) {
        json line = {{"seq", e.seq}, {"event_id", e.id}, {"type", e.type}, {"at", t.localTime().format(e.at)}};
        for (const char* key : {"staff_id", "reason", "corrects", "actual_minutes", "billed_minutes", "flags",
                                "service", "coupon_id", "ticket"})
            if (e.body.contains(key))
                line[key] = e.body[key];
        for (const char* key : {"start", "stop"})
            if (e.body.contains(key) && e.body[key].is_number_integer())
                line[key] = t.localTime().format(Instant(std::chrono::seconds(e.body[key].get<std::int64_t>())));
        out.push_back(std::move(line));
    }
    ctx.print(out);
    return 0;
}

int runBalance(const CliContext& ctx, const BalanceOptions& o)
{
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto& t = *(*s)->terminal;
    auto b = t.balance(o.couponId);
    if (!b)
        return ctx.failure(b.error());
    ctx.print({{"coupon_id", b->couponId},
               {"grant_minutes", b->grantMinutes ? json(*b->grantMinutes) : json()},
               {"used_minutes", b->usedMinutes},
               {"balance_minutes", b->balanceMinutes ? json(*b->balanceMinutes) : json()},
               {"as_of", t.localTime().format(b->asOf)},
               {"source", b->source}});
    return 0;
}

} // namespace

void addListCommands(CLI::App& app, CliContext& ctx)
{
    auto so = std::make_shared<SessionsOptions>();
    auto* sessions = app.add_subcommand("sessions", "list sessions as monthly report lines");
    sessions->add_flag("--open", so->openOnly, "only open sessions");
    sessions->add_option("--month", so->month, "YYYY-MM");
    sessions->add_option("--format", so->format, "csv or json (default json)");
    ctx.handle(sessions, [&ctx, so] { return runSessions(ctx, *so); });

    auto h = std::make_shared<HistoryOptions>();
    auto* history = app.add_subcommand("history", "every event of one session: opening, close, cancellation, "
                                                  "corrections (by whom, why, the times before and after)");
    history->add_option("SESSION_ID", h->sessionId)->required();
    ctx.handle(history, [&ctx, h] { return runHistory(ctx, *h); });

    auto b = std::make_shared<BalanceOptions>();
    auto* balance = app.add_subcommand("balance", "a coupon's balance as this terminal knows it");
    balance->add_option("COUPON_ID", b->couponId)->required();
    ctx.handle(balance, [&ctx, b] { return runBalance(ctx, *b); });
}

} // namespace sango::cli
