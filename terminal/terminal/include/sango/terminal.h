#pragma once
// The terminal's business rules over the event store: scans open and close sessions, cancellations,
// corrections, paper tickets, balances and staff. Every decision is taken inside one write transaction
// against the store's current state and committed before the answer is returned, so what a caller shows
// has been recorded. The clock is injected.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sango/clock.h"
#include "sango/clock_witness.h"
#include "sango/credential.h"
#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/local_time.h"
#include "sango/policy.h"
#include "sango/provider.h"
#include "sango/session.h"
#include "sango/events.h"

namespace sango {

enum class StaffRole { staff, manager };

struct ScanInput {
    enum class Kind { qr, typedId };
    Kind kind = Kind::qr;
    std::string text; // the QR text, or the typed coupon id

    static ScanInput qr(std::string t) { return {Kind::qr, std::move(t)}; }
    static ScanInput typed(std::string t) { return {Kind::typedId, std::move(t)}; }
};

enum class ScanAction { opened, closed, ignored };
std::string_view toString(ScanAction a);

struct ScanResult {
    ScanAction action = ScanAction::opened;
    SessionRecord session;
    std::optional<int> balanceMinutes; // what the coupon has left after this; none when unknown
};

struct Balance {
    std::string couponId;
    std::optional<int> grantMinutes;
    std::int64_t usedMinutes = 0;
    std::optional<std::int64_t> balanceMinutes;
    Instant asOf{};
    std::string source = "local";
};

class Terminal {
public:
    static constexpr std::chrono::seconds kRepeatScanWindow{10};

    // Loads the policy, provider and trust store from the store.
    static Expected<Terminal> load(EventStore& store, const Clock& clock);

    // Reads the policy, provider and trust store again from the store: a long-running terminal (the kiosk) calls
    // it after a sync brought new ones. The clock witness stays. On failure nothing changes.
    Expected<void> reload();

    // Verifies a credential and records nothing.
    Expected<Credential> verify(std::string_view qrText, std::optional<Instant> at = std::nullopt);

    Expected<ScanResult> scan(const ScanInput& input, Service service, const std::string& staffId);
    Expected<ScanResult> close(const std::string& sessionId, const std::string& staffId);
    Expected<SessionRecord> cancel(const std::string& sessionId, const std::string& staffId,
                                   const std::string& reason);
    Expected<SessionRecord> correct(const std::string& sessionId, Instant start, Instant stop,
                                    const std::string& staffId, const std::string& reason);
    Expected<SessionRecord> recordPaper(const std::string& ticket, Service service, Instant start, Instant stop,
                                        const std::string& staffId);
    Expected<Balance> balance(std::string_view couponId);
    // Registers a member (or replaces the role and PIN of an existing id). A PIN is digits only: 4 to 12 for
    // staff, 6 to 12 for a manager (invalid_argument otherwise); only its Argon2id hash is stored.
    static constexpr std::size_t kMinStaffPinDigits = 4;
    static constexpr std::size_t kMinManagerPinDigits = 6;
    static constexpr std::size_t kMaxPinDigits = 12;
    Expected<void> addStaff(const std::string& staffId, StaffRole role, const std::string& pin);
    // The role of a staff id: staff_unknown when the registry has staff and this id is not among them.
    // While the registry is empty (a new terminal), every id is accepted as a manager: set-up mode.
    Expected<StaffRole> roleOf(const std::string& staffId);
    // Staff sign-in: the member's role when the PIN matches its Argon2id hash. kMaxPinFailures wrong PINs in a
    // row lock the id out; the lockouts escalate (pinLockoutAfter): 5 minutes, then 15, then 60 each, until a
    // successful sign-in starts again. The counts survive restarts (kept in the store). An id that is not
    // registered answers exactly as a registered one with a wrong PIN: wrong_pin and locked_out with the same
    // messages, counted and locked the same way, after an Argon2id verification of the same cost, so that
    // neither the answer nor its time tells whether an id exists. invalid_argument for text that cannot be a
    // staff id at all (isStaffId).
    static constexpr int kMaxPinFailures = 5;
    static constexpr std::chrono::minutes kPinLockouts[] = {std::chrono::minutes(5), std::chrono::minutes(15),
                                                            std::chrono::minutes(60)};
    // How long the lockout is after `earlier` lockouts since the last successful sign-in (the last step repeats).
    static std::chrono::minutes pinLockoutAfter(int earlier);
    Expected<StaffRole> signIn(const std::string& staffId, const std::string& pin);
    // A member's wrong-PIN count and lockout, as signIn keeps them (what a sign-in screen tells the member).
    struct PinLock {
        int failures = 0;                  // wrong PINs in a row
        int triesLeft = kMaxPinFailures;   // before a lockout
        int lockouts = 0;                  // lockouts since the last successful sign-in
        std::chrono::minutes nextLockout = kPinLockouts[0]; // how long the next lockout would last
        std::optional<Instant> lockedUntil; // while locked out
    };
    Expected<PinLock> pinLock(const std::string& staffId);

    // What closing an open session now would bill, without recording anything (the open-sessions list).
    struct ClosePreview {
        int actualMinutes = 0;
        int billedMinutes = 0;
        std::optional<std::int64_t> balanceAfterMinutes; // none when the grant is unknown
        bool capped = false;                              // the balance would cut the billed time
    };
    Expected<ClosePreview> previewClose(const SessionRecord& open);

    // Marks a coupon revoked locally (the ledger's revocation list arrives this way).
    Expected<void> revoke(const std::string& couponId, const std::string& reason);

    // How far the terminal's clock can be trusted: every session event carries the witness's reading, and
    // an unverified one flags the session `unverified_time`. Without a witness nothing is stamped.
    void setClockWitness(ClockWitness* witness) { m_witness = witness; }

    const Policy& policy() const { return m_policy; }
    const Provider& provider() const { return m_provider; }
    const LocalTime& localTime() const { return m_local; }
    const CredentialVerifier& verifier() const { return m_verifier; }
    EventStore& store() { return *m_store; }

    // Reason codes are short snake_case tokens (a municipality may define its own). Both are the shapes the
    // event bodies hold (events::isReasonCode, events::isStaffId).
    static bool isReasonCode(std::string_view reason);
    static bool isStaffId(std::string_view staffId);

private:
    Terminal(EventStore& store, const Clock& clock, Policy policy, Provider provider, TrustStore trust,
             LocalTime local, std::string sessionPrefix);

    struct Coupon;
    Expected<ScanResult> scanLocked(const ScanInput& input, Service service, const std::string& staffId);
    Expected<Coupon> resolve(const ScanInput& input, Instant now);
    // The session a scan now would merely repeat (within kRepeatScanWindow of the coupon's last scan).
    Expected<std::optional<SessionRecord>> repeatOf(const std::string& couponId,
                                                    const std::optional<SessionRecord>& open, Instant now);
    Expected<ScanResult> closeDespite(const Error& refusal, const ScanInput& input, Instant now,
                                      const std::string& staffId);
    // scanned: the coupon as this scan resolved it; nullptr when closed by session id.
    Expected<ScanResult> closeLocked(const SessionRecord& open, Instant now, const std::string& staffId,
                                     const Coupon* scanned);
    Expected<std::optional<std::int64_t>> remaining(const SessionRecord& s, std::optional<int> grant);
    // A coupon's grant and used minutes: the ledger's figures for other terminals when it sent them, plus
    // this terminal's own sessions (less those the ledger rejected).
    struct Usage {
        std::optional<int> grant;
        std::int64_t used = 0;
        bool fromLedger = false;
        Instant asOf{};
    };
    Expected<Usage> usage(const std::string& couponId, std::optional<int> credentialGrant,
                          std::string_view exceptSession = {});
    // The rule of a service under the policy in force on a local date: a session is billed by the policy of
    // the date it is attributed to, even when it closes or is corrected after a new policy took effect.
    Expected<ServiceRule> ruleOn(Service service, date::year_month_day day);
    // The witness's reading for an event body; flags the session when the time is unverified.
    Expected<std::optional<events::EventClock>> clockStamp(std::vector<std::string>& flags);
    // A session by its id, or session_not_found.
    Expected<SessionRecord> sessionById(const std::string& sessionId);
    Expected<void> requireRole(const std::string& staffId, StaffRole needed);
    std::string newSessionId(std::int64_t seq) const;

    EventStore* m_store;
    const Clock* m_clock;
    Policy m_policy;
    Provider m_provider;
    CredentialVerifier m_verifier;
    LocalTime m_local;
    std::string m_sessionPrefix; // "<terminal id>-", and "<incarnation>-" after a restore
    ClockWitness* m_witness = nullptr;
};

} // namespace sango
