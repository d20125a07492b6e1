#pragma once
// The strip along the top of every kiosk screen: the language buttons (日本語 / English / 中文, always there,
// each in its own language), and with a context: online or offline, the queue of events waiting for the
// ledger and the age of the oldest, who is signed in, the Manager button (managers only) and Sign out. In the
// visiting caregiver's mode the queue is shown large, since she works offline for hours. A sync the ledger
// refused is named (a revoked terminal, a suspended provider, a busy ledger: SyncWords). A demonstration store
// shows DEMO here, so on every screen.
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;

namespace sango::kiosk {

class KioskContext;

class StatusStrip : public QWidget {
    Q_OBJECT
public:
    // context null: the language buttons only (first run, start-up errors).
    explicit StatusStrip(KioskContext* context, QWidget* parent = nullptr);

    void setCurrentLanguage(const QString& code);
    // DEMO on the strip (a first run in demo mode; with a context, the store decides).
    void setDemo(bool demo);
    QLabel* demoLabel() const { return m_demo; }
    // In the manager area the Manager button reads "Scan" and brings the scan screen back.
    void setInManagerArea(bool inManagerArea);

    QPushButton* languageButton(const QString& code) const;
    QLabel* syncLabel() const { return m_sync; }
    QLabel* queueLabel() const { return m_queue; }
    QLabel* staffLabel() const { return m_staff; }
    QPushButton* managerButton() const { return m_manager; }
    QPushButton* signOutButton() const { return m_signOut; }

    // "45 s", "12 min", "3 h 05 min", "2 d 4 h" (translated).
    static QString formatAge(std::int64_t seconds);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void languageRequested(const QString& code);
    void managerToggled();
    void signOutRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    KioskContext* m_context;
    QPushButton* m_ja = nullptr;
    QPushButton* m_en = nullptr;
    QPushButton* m_zh = nullptr;
    QLabel* m_demo = nullptr;
    QLabel* m_sync = nullptr;
    QLabel* m_queue = nullptr;
    QLabel* m_staff = nullptr;
    QPushButton* m_manager = nullptr;
    QPushButton* m_signOut = nullptr;
    bool m_inManagerArea = false;
};

} // namespace sango::kiosk
