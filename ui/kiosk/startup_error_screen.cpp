#include "startup_error_screen.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "kiosk_context.h"
#include "status_strip.h"

namespace sango::kiosk {

StartupErrorScreen::StartupErrorScreen(Error error, QWidget* parent) : QWidget(parent), m_error(std::move(error))
{
    setObjectName(QStringLiteral("startupErrorScreen"));
    auto* column = new QVBoxLayout(this);
    m_strip = new StatusStrip(nullptr, this);
    connect(m_strip, &StatusStrip::languageRequested, this, &StartupErrorScreen::languageRequested);
    column->addWidget(m_strip);
    column->addStretch(1);
    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setStyleSheet(QStringLiteral("font-size: 22pt;"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("startupErrorMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("font-size: 30pt; font-weight: bold; color: #b71c1c;"));
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("startupErrorDetail"));
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setText(QString::fromStdString(std::string(toString(m_error.code)) + ": " + m_error.message));
    m_retry = new QPushButton(this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setMinimumHeight(72);
    m_retry->setStyleSheet(QStringLiteral("font-size: 22pt;"));
    column->addWidget(m_title);
    column->addWidget(m_message);
    column->addWidget(m_detail);
    column->addWidget(m_retry, 0, Qt::AlignHCenter);
    column->addStretch(2);
    connect(m_retry, &QPushButton::clicked, this, &StartupErrorScreen::retryRequested);
    retranslateUi();
}

void StartupErrorScreen::retranslateUi()
{
    setWindowTitle(tr("Sango cannot start"));
    m_title->setText(tr("The kiosk cannot start"));
    m_message->setText(KioskContext::staffMessage(m_error));
    m_message->setAccessibleName(tr("What to do"));
    m_detail->setAccessibleName(tr("Details"));
    m_retry->setText(tr("Try again"));
    m_retry->setAccessibleName(tr("Try again"));
}

void StartupErrorScreen::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sango::kiosk
