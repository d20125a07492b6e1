#pragma once
// The kiosk's logging category, "sango.kiosk". Its messages, and Qt's own (platform, multimedia ...), go
// through sango::log once installQtMessageHandler() ran: the same level ([log] level of terminal.toml, or
// SANGO_LOG_LEVEL) and the same format as the core's categories, with the journal's priority prefix under
// systemd. Messages carry codes, ids and paths, never a PIN, a key or a QR text.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcKiosk)

namespace sango::kiosk {

// Routes every Qt message to sango::log: lcKiosk's as the category "sango.kiosk", other Qt categories' there
// too with their name in front ("qt.multimedia: ..."). Called once at start-up, before the QApplication.
void installQtMessageHandler();
// After the level changed (the configuration was read): lcKiosk's debug messages are made only when they
// would be written (QT_LOGGING_RULES still wins).
void followLogLevel();

} // namespace sango::kiosk
