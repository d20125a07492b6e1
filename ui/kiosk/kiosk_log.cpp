#include "kiosk_log.h"

#include <string>

#include "sango/log_setup.h"

Q_LOGGING_CATEGORY(lcKiosk, "sango.kiosk", QtInfoMsg)

namespace sango::kiosk {

namespace {

constexpr const char* kCategory = "sango.kiosk";

log::Level levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return log::Level::debug;
    case QtInfoMsg: return log::Level::info;
    case QtWarningMsg: return log::Level::warn;
    case QtCriticalMsg: return log::Level::error;
    case QtFatalMsg: return log::Level::critical;
    }
    return log::Level::warn;
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    std::string text;
    const std::string_view category = context.category ? context.category : "";
    if (!category.empty() && category != kCategory && category != "default") {
        text += category;
        text += ": ";
    }
    text += message.toStdString();
    log::write(kCategory, levelOf(type), text);
    // A fatal message: Qt aborts once the handler returns.
}

} // namespace

void installQtMessageHandler()
{
    qInstallMessageHandler(handler);
    followLogLevel();
}

void followLogLevel()
{
    QLoggingCategory::setFilterRules(log::enabled(kCategory, log::Level::debug)
                                         ? QStringLiteral("sango.kiosk.debug=true")
                                         : QString());
}

} // namespace sango::kiosk
