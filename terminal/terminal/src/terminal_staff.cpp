// Terminal: the staff registry's rules — who may be registered with what PIN, and sign-in with its escalating
// lockouts. Runs on the caller's thread against the store like every Terminal call. Failures are values:
// wrong_pin and locked_out for sign-in (the same for ids that are not registered), invalid_argument for a PIN
// or id that can never be valid, the store's own errors. The count of wrong PINs is kept in the store's sync
// state (`pin_failures.<id>`), so that quitting and restarting the kiosk does not give an attacker new tries.
#include "sango/terminal.h"

#include <algorithm>
#include <cstdio>

#include "sango/crypto.h"
#include "sango/local_values.h"
#include "terminal_events.h"

namespace sango {

namespace {

// The stored count, as "failures:until[:lockouts]" (until: the lockout's end in Unix seconds, 0 for none). A
// value written before lockouts escalated has no third field: a lockout it records counts as the first one.
struct PinFailures {
    long long failures = 0;
    long long until = 0;
    long long lockouts = 0;

    static PinFailures parse(const std::optional<std::string>& saved)
    {
        PinFailures f;
        if (!saved)
            return f;
        const int fields = std::sscanf(saved->c_str(), "%lld:%lld:%lld", &f.failures, &f.until, &f.lockouts);
        if (fields < 2)
            return PinFailures{};
        if (fields == 2)
            f.lockouts = f.until != 0 ? 1 : 0;
        f.failures = std::clamp(f.failures, 0LL, static_cast<long long>(Terminal::kMaxPinFailures));
        f.lockouts = std::clamp(f.lockouts, 0LL, 1000LL);
        return f;
    }
    std::string text() const
    {
        return std::to_string(failures) + ":" + std::to_string(until) + ":" + std::to_string(lockouts);
    }
};

bool isDigits(const std::string& pin)
{
    return std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::chrono::minutes Terminal::pinLockoutAfter(int earlier)
{
    constexpr int steps = static_cast<int>(std::size(kPinLockouts));
    return kPinLockouts[std::clamp(earlier, 0, steps - 1)];
}

Expected<void> Terminal::addStaff(const std::string& staffId, StaffRole role, const std::string& pin)
{
    if (!isStaffId(staffId))
        return fail(Errc::invalid_argument, "a staff id is 1 to 32 letters, digits, '-', '_' or '.'");
    const std::size_t minDigits = role == StaffRole::manager ? kMinManagerPinDigits : kMinStaffPinDigits;
    if (pin.size() < minDigits || pin.size() > kMaxPinDigits || !isDigits(pin))
        return fail(Errc::invalid_argument, std::string(role == StaffRole::manager ? "a manager's" : "a staff") +
                                                " PIN is " + std::to_string(minDigits) + " to " +
                                                std::to_string(kMaxPinDigits) + " digits");
    auto hash = crypto::hashPin(pin);
    if (!hash)
        return tl::unexpected(hash.error());
    return m_store->transact([&]() -> Expected<void> {
        SANGO_TRY(m_store->append(events::StaffAdded{staffId, role == StaffRole::manager ? "manager" : "staff", *hash},
                                  m_clock->now()));
        return {};
    });
}

Expected<Terminal::PinLock> Terminal::pinLock(const std::string& staffId)
{
    auto saved = LocalValues(*m_store).pinFailures(staffId);
    if (!saved)
        return tl::unexpected(saved.error());
    const PinFailures f = PinFailures::parse(*saved);
    PinLock lock;
    lock.lockouts = static_cast<int>(f.lockouts);
    lock.nextLockout = pinLockoutAfter(lock.lockouts);
    const long long now = m_clock->now().time_since_epoch().count();
    if (f.until > now) {
        lock.failures = static_cast<int>(f.failures);
        lock.triesLeft = 0;
        lock.lockedUntil = Instant(std::chrono::seconds(f.until));
    } else if (f.until == 0) {
        lock.failures = static_cast<int>(f.failures);
        lock.triesLeft = std::max(0, kMaxPinFailures - lock.failures);
    }
    return lock;
}

Expected<StaffRole> Terminal::signIn(const std::string& staffId, const std::string& pin)
{
    if (!isStaffId(staffId))
        return fail(Errc::invalid_argument, "a staff id is 1 to 32 letters, digits, '-', '_' or '.'");
    auto member = m_store->staff(staffId);
    if (!member)
        return tl::unexpected(member.error());
    LocalValues values(*m_store);
    auto saved = values.pinFailures(staffId);
    if (!saved)
        return tl::unexpected(saved.error());
    PinFailures f = PinFailures::parse(*saved);
    const long long now = m_clock->now().time_since_epoch().count();
    if (f.until > now)
        return fail(Errc::locked_out, "too many wrong PINs for " + staffId + ": try again after " +
                                          m_local.format(Instant(std::chrono::seconds(f.until))));
    // An unknown id costs the same Argon2id verification as a known one, and never matches.
    const bool known = member->has_value();
    const bool match = crypto::verifyPin(known ? std::string_view((*member)->pinHash) : crypto::dummyPinHash(), pin);
    if (known && match) {
        if (*saved) {
            SANGO_TRY(values.setPinFailures(staffId, PinFailures{}.text()));
        }
        return (*member)->role == "manager" ? StaffRole::manager : StaffRole::staff;
    }
    f.failures = f.until != 0 ? 1 : f.failures + 1; // a lockout that has ended starts a new count
    f.until = 0;
    if (f.failures >= kMaxPinFailures) {
        f.until = now + std::chrono::duration_cast<std::chrono::seconds>(pinLockoutAfter(static_cast<int>(f.lockouts)))
                            .count();
        ++f.lockouts;
    }
    SANGO_TRY(values.setPinFailures(staffId, f.text()));
    if (f.until)
        return fail(Errc::locked_out, "too many wrong PINs for " + staffId + ": sign-in is locked until " +
                                          m_local.format(Instant(std::chrono::seconds(f.until))));
    return fail(Errc::wrong_pin, "the PIN does not match staff id " + staffId + " (" + std::to_string(f.failures) +
                                     " of " + std::to_string(kMaxPinFailures) + " tries)");
}

} // namespace sango
