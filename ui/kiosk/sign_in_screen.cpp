#include "sign_in_screen.h"

#include <cstdio>
#include <functional>

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "kiosk_context.h"

namespace sango::kiosk {

namespace {

constexpr int kKeySize = 64; // touch-sized, and the screen fits 800 pixels of height with the status strip

// "10:35" in the municipality's time zone (a lockout lasts minutes, so the time of day says enough).
QString localClock(KioskContext& context, Instant at)
{
    const std::string iso = context.terminal().localTime().format(at);
    return iso.size() >= 16 ? QString::fromStdString(iso.substr(11, 5)) : QString::fromStdString(iso);
}

} // namespace

SignInScreen::SignInScreen(KioskContext& context, QWidget* parent) : QWidget(parent), m_context(&context)
{
    setObjectName(QStringLiteral("signInScreen"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(48, 8, 48, 8);
    column->setSpacing(8);

    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setStyleSheet(QStringLiteral("font-size: 28pt; font-weight: bold;"));
    column->addWidget(m_title);

    const QString fieldStyle = QStringLiteral("font-size: 22pt; min-height: 56px;");
    m_staffLabel = new QLabel(this);
    m_staffId = new QLineEdit(this);
    m_staffId->setObjectName(QStringLiteral("staffIdField"));
    m_staffId->setStyleSheet(fieldStyle);
    m_staffId->setMaxLength(32);
    m_staffLabel->setBuddy(m_staffId);
    m_pinLabel = new QLabel(this);
    m_pin = new QLineEdit(this);
    m_pin->setObjectName(QStringLiteral("pinField"));
    m_pin->setStyleSheet(fieldStyle);
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setMaxLength(12);
    m_pinLabel->setBuddy(m_pin);
    column->addWidget(m_staffLabel);
    column->addWidget(m_staffId);
    column->addWidget(m_pinLabel);
    column->addWidget(m_pin);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("font-size: 18pt; color: #b71c1c;"));
    column->addWidget(m_message);

    // The keypad: the buttons take no focus, so they type into the field that has it.
    auto* keys = new QGridLayout;
    keys->setSpacing(8);
    auto key = [this](const QString& text) {
        auto* b = new QPushButton(text, this);
        b->setFocusPolicy(Qt::NoFocus);
        b->setMinimumSize(kKeySize, kKeySize);
        b->setStyleSheet(QStringLiteral("font-size: 24pt;"));
        return b;
    };
    for (int d = 0; d <= 9; ++d) {
        m_digits[d] = key(QString::number(d));
        connect(m_digits[d], &QPushButton::clicked, this, [this, d] { type(QString::number(d)); });
    }
    for (int d = 1; d <= 9; ++d)
        keys->addWidget(m_digits[d], (d - 1) / 3, (d - 1) % 3);
    m_back = key(QString::fromUtf8("⌫"));
    m_clear = key(QString());
    keys->addWidget(m_clear, 3, 0);
    keys->addWidget(m_digits[0], 3, 1);
    keys->addWidget(m_back, 3, 2);
    connect(m_back, &QPushButton::clicked, this, &SignInScreen::backspace);
    connect(m_clear, &QPushButton::clicked, this, [this] { target()->setText(QString()); });
    auto* keypadRow = new QHBoxLayout;
    keypadRow->addStretch(1);
    keypadRow->addLayout(keys);
    keypadRow->addStretch(1);
    column->addLayout(keypadRow);

    m_submit = new QPushButton(this);
    m_submit->setObjectName(QStringLiteral("signInButton"));
    m_submit->setMinimumHeight(72);
    m_submit->setStyleSheet(QStringLiteral("font-size: 24pt; font-weight: bold;"));
    column->addWidget(m_submit);
    column->addStretch(1);

    connect(m_submit, &QPushButton::clicked, this, &SignInScreen::submit);
    connect(m_staffId, &QLineEdit::returnPressed, this, [this] { m_pin->setFocus(); });
    connect(m_pin, &QLineEdit::returnPressed, this, &SignInScreen::submit);
    retranslateUi();
}

QPushButton* SignInScreen::keypadButton(int digit) const
{
    return digit >= 0 && digit <= 9 ? m_digits[digit] : nullptr;
}

QLineEdit* SignInScreen::target() const
{
    return m_staffId->hasFocus() ? m_staffId : m_pin;
}

void SignInScreen::type(const QString& text)
{
    QLineEdit* field = target();
    field->insert(text);
    if (field == m_pin && !m_pin->hasFocus() && !m_staffId->hasFocus())
        m_pin->setFocus();
}

void SignInScreen::backspace()
{
    target()->backspace();
}

void SignInScreen::reset()
{
    m_staffId->clear();
    m_pin->setText(QString()); // not clear(): that keeps the PIN in the undo history
    say({});
    m_staffId->setFocus();
}

void SignInScreen::showMessage(const QString& text)
{
    say([text] { return text; });
}

void SignInScreen::submit()
{
    const std::string id = m_staffId->text().trimmed().toStdString();
    std::string pin = m_pin->text().toStdString();
    m_pin->setText(QString()); // not clear(): that keeps the PIN in the undo history
    if (id.empty()) {
        say([] { return tr("Enter your staff id, then your PIN."); });
        m_staffId->setFocus();
        return;
    }
    if (pin.empty()) { // a stray tap on Sign in is not a wrong PIN (it would count towards the lockout)
        say([] { return tr("Enter your staff id, then your PIN."); });
        m_pin->setFocus();
        return;
    }
    auto r = m_context->signIn(id, pin);
    std::fill(pin.begin(), pin.end(), '\0');
    if (r) {
        m_staffId->clear();
        say({});
        Q_EMIT signedIn();
        return;
    }
    const QString qid = QString::fromStdString(id);
    const Error error = r.error();
    switch (error.code) {
    case Errc::wrong_pin: {
        auto lock = m_context->terminal().pinLock(id);
        const int left = lock ? lock->triesLeft : 1;
        say([left] {
            return tr("Wrong PIN. %n more wrong PIN(s) and sign-in is locked for a few minutes.", nullptr,
                      left > 0 ? left : 1);
        });
        m_pin->setFocus();
        break;
    }
    case Errc::locked_out: {
        auto lock = m_context->terminal().pinLock(id);
        const QString until = lock && lock->lockedUntil ? localClock(*m_context, *lock->lockedUntil) : QString();
        say([qid, until] {
            return until.isEmpty() ? tr("Too many wrong PINs: sign-in for %1 is locked for a few minutes.").arg(qid)
                                   : tr("Too many wrong PINs: sign-in for %1 is locked until %2.").arg(qid, until);
        });
        break;
    }
    default:
        say([error] { return KioskContext::staffMessage(error); });
        break;
    }
}

void SignInScreen::say(std::function<QString()> text)
{
    m_messageText = std::move(text);
    m_message->setText(m_messageText ? m_messageText() : QString());
}

void SignInScreen::retranslateUi()
{
    m_title->setText(tr("Sign in"));
    m_staffLabel->setText(tr("Staff id"));
    m_pinLabel->setText(tr("PIN"));
    m_staffId->setAccessibleName(tr("Staff id"));
    m_pin->setAccessibleName(tr("PIN"));
    m_submit->setText(tr("Sign in"));
    m_submit->setAccessibleName(tr("Sign in"));
    m_clear->setText(tr("Clear"));
    m_clear->setAccessibleName(tr("Clear the field"));
    m_back->setAccessibleName(tr("Delete the last digit"));
    for (int d = 0; d <= 9; ++d)
        m_digits[d]->setAccessibleName(tr("Digit %1").arg(d));
    if (m_messageText)
        m_message->setText(m_messageText());
}

void SignInScreen::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SignInScreen::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_staffId->text().isEmpty())
        m_staffId->setFocus();
}

} // namespace sango::kiosk
