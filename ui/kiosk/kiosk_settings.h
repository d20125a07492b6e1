#pragma once
// The kiosk's own settings, kept as JSON in `<data-dir>/kiosk.json` beside the store (they hold no secret
// and no personal data). Every setting has a default, so a missing or partial file is fine; a file that is
// not valid JSON is reported and the defaults are used without overwriting it.
#include <filesystem>
#include <optional>
#include <string>

#include "sango/error.h"

namespace sango::kiosk {

struct KioskSettings {
    enum class Mode { facility, visit };       // visit: the visiting caregiver's tablet (service fixed to visit)
    enum class Scanner { camera, wedge, serial, none };

    Mode mode = Mode::facility;
    std::string language = "ja";               // "ja", "en" or "zh_CN"
    std::string defaultService = "day";        // stay, day or visit (what a scan opens unless changed)
    Scanner scanner = Scanner::camera;         // the wedge is always listened to as well
    std::string cameraId;                      // empty: the system's default camera
    std::string serialPort = "/dev/ttyACM0";
    int serialBaud = 9600;
    std::string printer;                       // empty: the system's default printer
    std::string receiptPrinter;                // an ESC/POS device file; empty: no receipts
    int idleSignOutSeconds = 600;              // back to the sign-in screen after this long untouched
    bool sound = true;
    bool fullScreen = true;

    static Expected<KioskSettings> load(const std::filesystem::path& file);
    Expected<void> save(const std::filesystem::path& file) const; // atomically (write, fsync, rename)
};

} // namespace sango::kiosk
