#pragma once
// The open sessions, one row each: the coupon id masked to its last four characters, type of care, start, time so far and what closing now would
// bill (Terminal::previewClose), with big Close and Cancel buttons. Cancel first asks why, from a short list
// of reason codes, in the row itself (no modal dialog). The view only asks: closeRequested() and
// cancelRequested() go to the scan screen, which records and shows the result. Refreshed every 20 s and
// whenever something was recorded; rows are updated in place, so a refresh never closes an open reason list.
#include <map>
#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "sango/session.h"

class QFrame;
class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace sango::kiosk {

class KioskContext;

class OpenSessionsView : public QWidget {
    Q_OBJECT
public:
    explicit OpenSessionsView(KioskContext& context, QWidget* parent = nullptr);

    // The reason codes Cancel offers, in order: opened_by_mistake, mother_left, other.
    static QStringList cancelReasons();
    static constexpr int kRefreshMs = 20000;

    // For tests and the keyboard: the rows in display order (oldest start first) and their controls.
    QStringList sessionIds() const;
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    QString rowText(const QString& sessionId) const; // every label of the row, joined by newlines
    QPushButton* closeButton(const QString& sessionId) const;
    QPushButton* cancelButton(const QString& sessionId) const;
    QPushButton* reasonButton(const QString& sessionId, const QString& reason) const; // shown after Cancel
    bool reasonsShown(const QString& sessionId) const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void closeRequested(const QString& sessionId);
    void cancelRequested(const QString& sessionId, const QString& reason);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        SessionRecord session;
        QFrame* frame = nullptr;
        QLabel* coupon = nullptr;
        QLabel* times = nullptr;
        QLabel* billed = nullptr;
        QPushButton* close = nullptr;
        QPushButton* cancel = nullptr;
        QWidget* reasons = nullptr;
        QLabel* reasonTitle = nullptr;
        std::map<QString, QPushButton*> reasonButtons;
        QPushButton* back = nullptr;
    };
    Row& addRow(const SessionRecord& s);
    void updateRow(Row& row);
    void showReasons(const QString& sessionId, bool shown);
    void relayout();
    const Row* find(const QString& sessionId) const;

    KioskContext* m_context;
    QLabel* m_title;
    QLabel* m_empty;
    QVBoxLayout* m_list;
    QTimer* m_timer;
    std::map<QString, Row> m_rows;
    std::vector<QString> m_order;
};

} // namespace sango::kiosk
