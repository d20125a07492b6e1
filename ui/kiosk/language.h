#pragma once
// The kiosk's language, switchable at any moment: installs the app's translator (`sango_<code>.qm`, embedded
// under :/i18n), Qt's own base translations when the system has them, and the font that draws the language's
// characters the way its readers expect ("Noto Sans CJK JP" for Japanese and English, "Noto Sans CJK SC" for
// Simplified Chinese). Every widget then receives QEvent::LanguageChange and retranslates itself.
//
// A translation file with no finished translation still installs (the English source strings show); Qt does
// not announce such a translator, so apply() sends the LanguageChange itself.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <QObject>
#include <QString>

class QTranslator;

namespace sango::kiosk {

class Language : public QObject {
    Q_OBJECT
public:
    // qmDirectory: where sango_<code>.qm are (":/i18n" in the product; a test's own directory in tests).
    explicit Language(QString qmDirectory = QStringLiteral(":/i18n"), QObject* parent = nullptr);
    ~Language() override;

    // "ja", "en", "zh_CN" (also "zh", "zh-CN", "zh_cn") → the code used everywhere else; nullopt otherwise.
    static std::optional<std::string> normalise(std::string_view code);
    static QString fontFamily(const std::string& code);
    // The application font's smallest size (points): status strip, tables and buttons included.
    static constexpr double kMinimumPointSize = 12.0;

    // Switches the application to the language (a code normalise() accepts); false for an unknown code (the
    // language stays). True even when the translation file is missing or empty: the source strings show.
    bool apply(const std::string& code);

    const std::string& current() const { return m_current; }
    // The app's translator now installed, or null when none could be loaded.
    const QTranslator* translator() const { return m_app.get(); }

Q_SIGNALS:
    void changed(const QString& code);

private:
    void removeAll();

    QString m_directory;
    std::string m_current;
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qtBase;
};

} // namespace sango::kiosk
