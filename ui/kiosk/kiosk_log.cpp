#include "kiosk_log.h"

Q_LOGGING_CATEGORY(lcKiosk, "sango.kiosk", QtInfoMsg)
