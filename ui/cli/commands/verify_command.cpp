// `sango verify`: decides on a coupon credential (its QR text, or a PNG or JPEG holding it) and records
// nothing (spec/cli.md).
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"
#include "sango/hal/image_file.h"

namespace sango::cli {

namespace {

using nlohmann::json;

struct VerifyOptions {
    std::string qrText, imageFile, at;
    const CLI::Option* qrOption = nullptr; // QR_TEXT given, possibly empty (an empty one is not_a_coupon)
};

// verify's answer to a refused credential (or an image without a QR code): exit 2.
int verifyRefusal(const CliContext& ctx, const Error& e)
{
    const Words& w = ctx.words();
    ctx.print({{"result", std::string(toString(e.code))},
               {"coupon_id", nullptr},
               {"coupon_type", nullptr},
               {"grant_minutes", nullptr},
               {"services", nullptr},
               {"message", w.staff(e.code)},
               {"message_for_mother", w.mother(e.code)},
               {"detail", e.message}});
    ctx.err() << "sango: " << w.staff(e.code) << '\n';
    return 2;
}

int runVerify(const CliContext& ctx, const VerifyOptions& o)
{
    const bool qrGiven = o.qrOption->count() > 0;
    if (qrGiven == !o.imageFile.empty())
        return ctx.usage("give exactly one of QR_TEXT or --image FILE");
    // --image FILE: its QR text, then exactly as QR_TEXT; no QR code in it is a refusal like a bad QR text.
    std::string qrText = o.qrText;
    if (!o.imageFile.empty()) {
        auto decoded = hal::decodeImageFile(o.imageFile);
        if (!decoded)
            return kindOf(decoded.error().code) == ErrorKind::refusal ? verifyRefusal(ctx, decoded.error())
                                                                       : ctx.failure(decoded.error());
        qrText = std::move(*decoded);
    }
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    std::optional<Instant> at;
    if (!o.at.empty()) {
        auto t = parseTimeOption(*(*s)->terminal, o.at, "--at");
        if (!t)
            return ctx.failure(t.error());
        at = *t;
    }
    auto c = (*s)->terminal->verify(qrText, at);
    if (!c) {
        if (kindOf(c.error().code) != ErrorKind::refusal)
            return ctx.failure(c.error());
        return verifyRefusal(ctx, c.error());
    }
    json services = json::array();
    for (Service sv : c->services)
        services.push_back(std::string(toString(sv)));
    ctx.print({{"result", "ok"},
               {"coupon_id", c->couponId},
               {"coupon_type", c->couponType},
               {"grant_minutes", c->grantMinutes},
               {"services", services},
               {"message", ctx.words().outcome(Outcome::verified)}});
    return 0;
}

} // namespace

void addVerifyCommand(CLI::App& app, CliContext& ctx)
{
    auto o = std::make_shared<VerifyOptions>();
    auto* verify = app.add_subcommand("verify", "check a coupon credential; records nothing");
    o->qrOption = verify->add_option("QR_TEXT", o->qrText, "the text of the coupon's QR code");
    verify->add_option("--image", o->imageFile, "a PNG or JPEG holding the QR code");
    verify->add_option("--at", o->at, "verify as at this time (ISO 8601)");
    ctx.handle(verify, [&ctx, o] { return runVerify(ctx, *o); });
}

} // namespace sango::cli
