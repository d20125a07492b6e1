#pragma once
// Staff sign-in: a staff id field, the PIN field and a large numeric keypad for touch (it types into the field
// that has the focus, the PIN field by default); Enter in the id field moves on to the PIN, Enter in the PIN
// field signs in. The PIN is checked by KioskContext::signIn (Argon2id, escalating lockouts after five wrong
// PINs) and the failure is said in words: a wrong PIN with the tries left, a lockout with its end. An id that
// is not registered reads exactly as a wrong PIN (the core answers both alike), so the screen tells nobody
// which ids exist.
#include <functional>

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sango::kiosk {

class KioskContext;

class SignInScreen : public QWidget {
    Q_OBJECT
public:
    explicit SignInScreen(KioskContext& context, QWidget* parent = nullptr);

    QLineEdit* staffField() const { return m_staffId; }
    QLineEdit* pinField() const { return m_pin; }
    QLabel* messageLabel() const { return m_message; }
    QPushButton* signInButton() const { return m_submit; }
    QPushButton* keypadButton(int digit) const;

    // Empties both fields and the message, ready for the next person.
    void reset();
    // A notice in the message area (e.g. a coupon scanned while nobody is signed in).
    void showMessage(const QString& text);

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    void signedIn();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslateUi();
    void type(const QString& text);
    void backspace();
    QLineEdit* target() const;
    // The message as a function of the language, so that it follows a language switch.
    void say(std::function<QString()> text);

    KioskContext* m_context;
    QLabel* m_title = nullptr;
    QLabel* m_staffLabel = nullptr;
    QLabel* m_pinLabel = nullptr;
    QLineEdit* m_staffId = nullptr;
    QLineEdit* m_pin = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_digits[10] = {};
    QPushButton* m_clear = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_submit = nullptr;
    std::function<QString()> m_messageText;
};

} // namespace sango::kiosk
