#pragma once
// The kiosk's logging category, "sango.kiosk" (QT_LOGGING_RULES="sango.kiosk.debug=true" for more). Messages
// carry codes, ids and paths, never a PIN, a key or a QR text.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcKiosk)
