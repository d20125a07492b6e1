// `sango report daily|monthly|totals`: the reports of spec/cli.md as JSON or CSV, or the printable statement
// (ui/report) as a PDF in the --lang language.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <QGuiApplication>

#include "cli_context.h"
#include "commands.h"
#include "report_pdf.h"
#include "sango/local_time.h"
#include "sango/report_format.h"
#include "sango/reports.h"

namespace sango::cli {

namespace {

struct ReportOptions {
    std::string reportKind, month, format = "json", out;
};

// The printable statement (ui/report), in the --lang language. Qt needs an application object for fonts:
// made here only, on the offscreen platform unless QT_QPA_PLATFORM says otherwise (no display is needed
// to write a PDF, and a stale DISPLAY must not stop it).
int renderPdf(const CliContext& ctx, const ReportOptions& o, Terminal& t, date::year_month month)
{
    const auto kind = report::parseReportKind(o.reportKind);
    if (!kind)
        return ctx.usage("KIND must be daily, monthly or totals");
    auto doc = report::buildReport(t, *kind, month, ctx.clock().now(), catalogueName(ctx.lang()));
    if (!doc)
        return ctx.failure(doc.error());
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    char qtName[] = "sango";
    char* qtArgv[] = {qtName, nullptr};
    QGuiApplication qtApp(qtArgc, qtArgv);
    auto bytes = report::renderPdf(*doc);
    if (!bytes)
        return ctx.failure(bytes.error());
    return ctx.emit(std::string(bytes->constData(), static_cast<std::size_t>(bytes->size())), o.out);
}

int runReport(const CliContext& ctx, const ReportOptions& o)
{
    if (o.format != "json" && o.format != "csv" && o.format != "pdf")
        return ctx.usage("--format must be csv, json or pdf");
    if (o.format == "pdf" && o.out.empty())
        return ctx.usage("--format pdf needs --out FILE (a PDF is not written to the terminal)");
    auto m = parseMonthOption(o.month);
    if (!m)
        return ctx.failure(m.error());
    if (!*m)
        return ctx.usage("--month YYYY-MM is required");
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto& t = *(*s)->terminal;
    Reports reports((*s)->store, t.policy(), t.provider(), t.localTime());
    // What the statement rests on, for the person reading it (stdout stays the table itself).
    const ReportHeader h = reports.header(**m, ctx.clock().now());
    // A demonstration store's statement says so before anything else: it bills nobody.
    ctx.err() << "sango: " << (h.demo ? "DEMO (demonstration store, not for billing) · " : "") << o.reportKind
              << " report " << formatMonth(h.month) << " · provider " << h.providerId << " " << h.providerName
              << " · municipality " << h.municipality << " · policy " << h.policyVersion << " · prices from "
              << h.priceTableVersion << " · generated " << t.localTime().format(h.generatedAt) << '\n';
    if (o.format == "pdf")
        return renderPdf(ctx, o, t, **m);
    if (o.reportKind == "monthly") {
        auto rows = reports.monthly(**m);
        if (!rows)
            return ctx.failure(rows.error());
        return ctx.render(sessionTable(*rows, t.localTime()), o.format, o.out);
    }
    if (o.reportKind == "daily") {
        auto rows = reports.daily(**m);
        if (!rows)
            return ctx.failure(rows.error());
        return ctx.render(dailyTable(*rows), o.format, o.out);
    }
    auto rows = reports.totals(**m);
    if (!rows)
        return ctx.failure(rows.error());
    for (const TotalsRow& r : *rows)
        if (r.service != "total" && !r.yenPerHour && r.billedMinutes > 0)
            ctx.err() << "sango: warning: " << r.billedMinutes << " minutes of " << r.service
                      << " care fall before any agreed price and are billed at 0 yen: ask the municipality "
                         "for the price of that period\n";
    return ctx.render(totalsTable(*rows), o.format, o.out, /*dropTotalForJson=*/true);
}

} // namespace

void addReportCommand(CLI::App& app, CliContext& ctx)
{
    auto o = std::make_shared<ReportOptions>();
    auto* report = app.add_subcommand("report", "daily, monthly or totals report");
    report->add_option("KIND", o->reportKind, "daily, monthly or totals")
        ->required()
        ->check(CLI::IsMember({"daily", "monthly", "totals"}));
    report->add_option("--month", o->month, "YYYY-MM")->required();
    report->add_option("--format", o->format, "csv, json or pdf (default json)");
    report->add_option("--out", o->out, "write to this file instead of stdout (required for pdf)");
    ctx.handle(report, [&ctx, o] { return runReport(ctx, *o); });
}

} // namespace sango::cli
