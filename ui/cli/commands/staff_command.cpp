// `sango staff add`: registers a staff member or a manager; the PIN is read from stdin (without echo at a
// keyboard) and stored only as an Argon2id hash (spec/cli.md).
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"

namespace sango::cli {

namespace {

struct StaffAddOptions {
    std::string staff, role;
};

int runStaffAdd(const CliContext& ctx, const StaffAddOptions& o)
{
    auto role = o.role == "manager" ? std::optional(StaffRole::manager)
                : o.role == "staff" ? std::optional(StaffRole::staff)
                                    : std::nullopt;
    if (!role)
        return ctx.usage("--role must be staff or manager");
    std::string pin;
    // At a keyboard the PIN is typed without echo; from a pipe it is read as it comes.
    termios saved{};
    const bool tty = ctx.stdinIsTerminal() && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        ctx.err() << "PIN: " << std::flush;
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::getline(ctx.in(), pin);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        ctx.err() << '\n';
    }
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' '))
        pin.pop_back();
    auto s = ctx.openTerminal();
    if (!s)
        return ctx.failure(s.error());
    auto existing = (*s)->store.staff(o.staff);
    if (!existing)
        return ctx.failure(existing.error());
    auto r = (*s)->terminal->addStaff(o.staff, *role, pin);
    std::fill(pin.begin(), pin.end(), '\0');
    if (!r)
        return ctx.failure(r.error());
    // Adding an id that exists replaces its role and PIN (a new PIN after a forgotten one): say so.
    ctx.print({{"staff_id", o.staff}, {"role", o.role}, {"replaced", existing->has_value()}});
    if (existing->has_value())
        ctx.err() << "sango: staff id " << o.staff << " existed: its role and PIN were replaced\n";
    return 0;
}

} // namespace

void addStaffCommand(CLI::App& app, CliContext& ctx)
{
    auto* staff = app.add_subcommand("staff", "staff members");
    staff->require_subcommand(1);
    staff->fallthrough();
    auto o = std::make_shared<StaffAddOptions>();
    auto* add = staff->add_subcommand("add", "add a staff member; the PIN is read from stdin");
    add->add_option("--id", o->staff)->required();
    add->add_option("--role", o->role, "staff or manager")->required();
    ctx.handle(add, [&ctx, o] { return runStaffAdd(ctx, *o); });
}

} // namespace sango::cli
