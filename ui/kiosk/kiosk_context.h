#pragma once
// What every kiosk screen shares: the terminal over the encrypted store, the clock, the signed-in staff
// member, the settings, and the background sync. Screens never open the store themselves; they call the
// terminal through here and then call recorded(), which tells every screen to refresh and wakes the sync.
//
// Threading: everything here lives on the GUI thread. The sync engine runs on its own thread with its own
// connection to the same store (SQLCipher WAL: one writer at a time, readers alongside); its state reaches
// the GUI through syncStateChanged(), polled by a QTimer owned by the context.
#include <memory>
#include <optional>

#include <QObject>
#include <QString>

#include "kiosk_settings.h"
#include "sango/clock.h"
#include "sango/error.h"
#include "sango/event_store.h"
#include "sango/terminal.h"

namespace sango::sync {
class SyncEngine;
}

namespace sango::kiosk {

struct SignedIn {
    std::string staffId;
    StaffRole role = StaffRole::staff;
};

// What the status bar shows of the sync (also in visiting-caregiver mode, where it is always visible).
struct SyncSnapshot {
    bool enrolled = false;
    bool online = false;
    std::int64_t queueLength = 0;
    std::optional<std::int64_t> oldestUnsyncedAgeSeconds;
    std::optional<Instant> lastSuccess;
    QString lastResult;          // the engine's last result code ("ok", "ledger_unreachable", ...)
    std::int64_t attention = 0;  // sessions the ledger rejected or disputed
};

class KioskContext : public QObject {
    Q_OBJECT
public:
    // store, terminal and clock outlive the context. sync may be null (not enrolled, or sync disabled).
    KioskContext(EventStore& store, Terminal& terminal, const Clock& clock, KioskSettings& settings,
                 sync::SyncEngine* sync, QObject* parent = nullptr);
    ~KioskContext() override;

    Terminal& terminal() { return *m_terminal; }
    EventStore& store() { return *m_store; }
    const Clock& clock() const { return *m_clock; }
    KioskSettings& settings() { return *m_settings; }
    sync::SyncEngine* syncEngine() { return m_sync; }
    // Where the store and its key are (what file pickers and exports keep away from). By default the store's
    // own folder with its key beside it; KioskApp sets the location it opened (the key may live elsewhere).
    const StoreLocation& location() const { return m_location; }
    void setLocation(StoreLocation where) { m_location = std::move(where); }
    // A demonstration store (EventStore::isDemo, read once): every screen says DEMO.
    bool isDemo() const { return m_demo; }

    const std::optional<SignedIn>& staff() const { return m_staff; }
    bool isManager() const { return m_staff && m_staff->role == StaffRole::manager; }
    // The signed-in id, or "" when nobody is signed in.
    std::string staffId() const { return m_staff ? m_staff->staffId : std::string(); }

    // Checks the PIN through Terminal::signIn (Argon2id, lockout) and, on success, signs the member in.
    Expected<SignedIn> signIn(const std::string& staffId, const std::string& pin);
    void signOut();

    // Call after anything was recorded: emits recordedChanged() and wakes the background sync.
    void recorded();
    // Asks the sync engine for a cycle now (the manager's "sync now"); no-op without one.
    void syncNow();
    SyncSnapshot syncSnapshot();
    // The snapshot as last read (once a second, and after each recorded()): what the screens show, without
    // reading the store again on the scan path.
    const SyncSnapshot& lastSyncSnapshot() const { return m_last; }

    // A failure as staff read it: the stable code's short instruction, in the current language.
    static QString staffMessage(const Error& e);

Q_SIGNALS:
    void staffChanged();
    void recordedChanged();
    void syncStateChanged();

private:
    void pollSync();

    EventStore* m_store;
    Terminal* m_terminal;
    const Clock* m_clock;
    KioskSettings* m_settings;
    sync::SyncEngine* m_sync;
    std::optional<SignedIn> m_staff;
    SyncSnapshot m_last;
    StoreLocation m_location;
    bool m_demo = false;
};

} // namespace sango::kiosk
