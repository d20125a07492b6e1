#pragma once
// What the manager's pages (reports, corrections, paper tickets, manual entry, sync) share: the page's
// controls sit in body(), which is enabled only while a manager is signed in; anyone else sees a plain
// "managers only" note and every action answers not_permitted. Also the local-time editing the pages use:
// a QDateTimeEdit holds the municipality's wall-clock time (Asia/Tokyo, through Terminal::localTime()),
// never the machine's zone.
#include <functional>
#include <map>

#include <QDateTime>
#include <QWidget>

#include <date/date.h>

#include "sango/clock.h"
#include "sango/error.h"

class QDateEdit;
class QDateTimeEdit;
class QLabel;
class QVBoxLayout;

namespace sango::kiosk {

class KioskContext;

class ManagerPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTouchHeight = 56;

    // True while a manager is signed in.
    bool permitted() const;
    QWidget* body() const { return m_body; }
    QLabel* managersOnlyNote() const { return m_note; }

protected:
    ManagerPage(KioskContext& context, QWidget* parent);

    // not_permitted unless a manager is signed in.
    Expected<void> requireManager() const;
    // Reads the store again (a manager signed in, or something was recorded); not called for anyone else.
    virtual void refresh() {}
    virtual void retranslate() {}
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

    // Shows a message in a label as a closure over its facts, so that a switch of language words it again.
    void say(QLabel* label, std::function<QString()> text);
    // The layout of body(), for the page's controls.
    QVBoxLayout* bodyLayout() const { return m_bodyLayout; }
    // A failure as the manager reads it: the short instruction, then what the terminal said.
    static QString failureText(const Error& e);
    template <typename W>
    static W* touch(W* w)
    {
        w->setMinimumHeight(kTouchHeight);
        return w;
    }

    // The current month by the context's clock, in the municipality's calendar.
    date::year_month currentMonth() const;
    // A month picker ("2026-04") and its value.
    QDateEdit* makeMonthEdit();
    static date::year_month monthOf(const QDateEdit* edit);
    static void setMonthOf(QDateEdit* edit, date::year_month month);
    // A date-and-time editor of local wall-clock time, to the minute.
    QDateTimeEdit* makeTimeEdit();
    void setLocalTime(QDateTimeEdit* edit, Instant at) const;
    Expected<Instant> localTimeOf(const QDateTimeEdit* edit) const;

    KioskContext* m_context;

private:
    void updateAccess();

    QLabel* m_note;
    QWidget* m_body;
    QVBoxLayout* m_bodyLayout;
    std::map<QLabel*, std::function<QString()>> m_said;
};

} // namespace sango::kiosk
