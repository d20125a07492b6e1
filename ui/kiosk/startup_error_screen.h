#pragma once
// What the kiosk shows, full screen, when it cannot start (a wrong key, a damaged store, a full disk): the
// failure's instruction in the chosen language, large, with its details for whoever helps, and Try again
// (after the key was put back, space freed...). Never a crash and never a blank screen.
#include <QWidget>

#include "sango/error.h"

class QLabel;
class QPushButton;

namespace sango::kiosk {

class StatusStrip;

class StartupErrorScreen : public QWidget {
    Q_OBJECT
public:
    explicit StartupErrorScreen(Error error, QWidget* parent = nullptr);

    const Error& error() const { return m_error; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* detailLabel() const { return m_detail; }
    QPushButton* retryButton() const { return m_retry; }
    StatusStrip* statusStrip() const { return m_strip; }

Q_SIGNALS:
    void retryRequested();
    void languageRequested(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    Error m_error;
    StatusStrip* m_strip = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_detail = nullptr;
    QPushButton* m_retry = nullptr;
};

} // namespace sango::kiosk
