// `sango scan` (opens a session for a coupon, or closes its open one) and `sango close` (closes an open session
// by its id): spec/cli.md.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/hal/image_file.h"
#include "sango/report_format.h"

namespace sango::cli {

namespace {

using nlohmann::json;

struct ScanOptions {
    std::string qrText, imageFile, couponId, service, staff;
    const CLI::Option* qrOption = nullptr; // QR_TEXT given, possibly empty (an empty scan is not_a_coupon)
};

struct CloseOptions {
    std::string sessionId, staff;
};

json scanJson(const CliContext& ctx, const ScanResult& r, const Terminal& t)
{
    json j = sessionJson(r.session, t.localTime());
    json out = {{"action", std::string(toString(r.action))},
                {"session_id", r.session.sessionId},
                {"coupon_id", r.session.couponId},
                {"service", j["service"]},
                {"start", j["start"]},
                {"stop", j["stop"]},
                {"actual_minutes", j["actual_minutes"]},
                {"billed_minutes", j["billed_minutes"]},
                {"balance_minutes", r.balanceMinutes ? json(*r.balanceMinutes) : json()},
                {"flags", j["flags"]},
                {"status", j["status"]},
                {"date", j["date"]}};
    const Outcome o = r.action == ScanAction::opened   ? Outcome::opened
                      : r.action == ScanAction::closed ? Outcome::closed
                                                       : Outcome::ignored;
    out["message"] = ctx.words().outcome(o);
    return out;
}

int runScan(const CliContext& ctx, const ScanOptions& o)
{
    const bool qrGiven = o.qrOption->count() > 0;
    const int given = qrGiven + !o.imageFile.empty() + !o.couponId.empty();
    if (given != 1)
        return ctx.usage("give exactly one of QR_TEXT, --image FILE or --id COUPON_ID");
    auto svc = parseServiceOption(o.service);
    if (!svc)
        return ctx.failure(svc.error());
    // --image FILE: its QR text, then exactly as QR_TEXT (no QR code in it: not_a_coupon, exit 2).
    std::string qrText = o.qrText;
    if (!o.imageFile.empty()) {
        auto decoded = hal::decodeImageFile(o.imageFile);
        if (!decoded)
            return ctx.failure(decoded.error());
        qrText = std::move(*decoded);
    }
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    const ScanInput input = o.couponId.empty() ? ScanInput::qr(qrText) : ScanInput::typed(o.couponId);
    auto r = (*s)->terminal->scan(input, *svc, o.staff);
    if (!r)
        return ctx.failure(r.error());
    ctx.print(scanJson(ctx, *r, *(*s)->terminal));
    return 0;
}

int runClose(const CliContext& ctx, const CloseOptions& o)
{
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto r = (*s)->terminal->close(o.sessionId, o.staff);
    if (!r)
        return ctx.failure(r.error());
    ctx.print(scanJson(ctx, *r, *(*s)->terminal));
    return 0;
}

} // namespace

void addScanCommands(CLI::App& app, CliContext& ctx)
{
    auto o = std::make_shared<ScanOptions>();
    auto* scan = app.add_subcommand("scan", "open a session for this coupon, or close its open one");
    o->qrOption = scan->add_option("QR_TEXT", o->qrText, "the text of the coupon's QR code");
    scan->add_option("--image", o->imageFile, "a PNG or JPEG holding the QR code");
    scan->add_option("--id", o->couponId, "a typed 16-character coupon id");
    scan->add_option("--service", o->service, "stay, day or visit")->required();
    scan->add_option("--staff", o->staff, "staff id")->required();
    ctx.handle(scan, [&ctx, o] { return runScan(ctx, *o); });

    auto c = std::make_shared<CloseOptions>();
    auto* close = app.add_subcommand("close", "close an open session by its id");
    close->add_option("SESSION_ID", c->sessionId)->required();
    close->add_option("--staff", c->staff, "staff id")->required();
    ctx.handle(close, [&ctx, c] { return runClose(ctx, *c); });
}

} // namespace sango::cli
