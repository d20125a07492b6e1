#include "language.h"

#include <QApplication>
#include <QEvent>
#include <QFont>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sango::kiosk {

Language::Language(QString qmDirectory, QObject* parent) : QObject(parent), m_directory(std::move(qmDirectory)) {}

Language::~Language()
{
    removeAll();
}

std::optional<std::string> Language::normalise(std::string_view code)
{
    if (code == "ja" || code == "en")
        return std::string(code);
    if (code == "zh" || code == "zh_CN" || code == "zh-CN" || code == "zh_cn" || code == "zh-cn")
        return std::string("zh_CN");
    return std::nullopt;
}

QString Language::fontFamily(const std::string& code)
{
    return code == "zh_CN" ? QStringLiteral("Noto Sans CJK SC") : QStringLiteral("Noto Sans CJK JP");
}

void Language::removeAll()
{
    if (m_app && QCoreApplication::instance())
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qtBase && QCoreApplication::instance())
        QCoreApplication::removeTranslator(m_qtBase.get());
    m_app.reset();
    m_qtBase.reset();
}

bool Language::apply(const std::string& requested)
{
    const auto code = normalise(requested);
    if (!code)
        return false;
    removeAll();
    const QString qcode = QString::fromStdString(*code);

    bool announced = false; // Qt sent LanguageChange itself
    auto app = std::make_unique<QTranslator>();
    if (app->load(QStringLiteral("sango_") + qcode, m_directory)) {
        // installTranslator() answers false for a translator without a finished translation, but it is in the
        // list all the same (and will translate as soon as its file has translations).
        announced = QCoreApplication::installTranslator(app.get());
        m_app = std::move(app);
    }
    if (*code != "en") {
        auto base = std::make_unique<QTranslator>();
        if (base->load(QStringLiteral("qtbase_") + qcode, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            announced = QCoreApplication::installTranslator(base.get()) || announced;
            m_qtBase = std::move(base);
        }
    }

    QLocale::setDefault(QLocale(qcode));
    QFont font = QApplication::font();
    font.setFamilies({fontFamily(*code)});
    // Readable at arm's length: no text on the kiosk below this size (screens set larger ones where it counts).
    if (font.pointSizeF() < kMinimumPointSize)
        font.setPointSizeF(kMinimumPointSize);
    QApplication::setFont(font);

    m_current = *code;
    // Every widget retranslates, whether or not Qt announced the translators (the font and the locale changed
    // too: a switch to or from English with empty translations must still redraw the texts).
    if (!announced) {
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
    }
    Q_EMIT changed(qcode);
    return true;
}

} // namespace sango::kiosk
