#pragma once
// The kiosk's own settings, kept as JSON in `<data-dir>/kiosk.json` beside the store (they hold no secret
// and no personal data). Every setting has a default, so a missing or partial file is fine; a file that is
// not valid JSON is reported and the defaults are used without overwriting it.
//
// The defaults are the [kiosk] section of /etc/sango/terminal.toml (fromConfig), else the values below. A
// field that kiosk.json holds overrides that default; save() writes only the fields that differ from the
// defaults the settings were loaded with, so that what the manager did not change keeps following
// terminal.toml (settings made without load() write every field).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sango/error.h"
#include "sango/terminal_config.h"

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
    std::string receiptPrinter;                // a character device or a print queue (hal::ReceiptTarget); empty: none
    std::string couponsFolder;                 // Load QR image's folder; empty: <data-dir>/coupons (FileRoots)
    std::string exportFolder;                  // where reports are saved; empty: <data-dir>/exports (FileRoots)
    int idleSignOutSeconds = 600;              // back to the sign-in screen after this long untouched
    bool sound = true;
    bool fullScreen = true;

    // The defaults of terminal.toml's [kiosk] (validated there).
    static KioskSettings fromConfig(const TerminalConfig::Kiosk& config);
    // `defaults` with what the file holds on top (no file: the defaults); without defaults, the values above.
    static Expected<KioskSettings> load(const std::filesystem::path& file, const KioskSettings& defaults);
    static Expected<KioskSettings> load(const std::filesystem::path& file);
    Expected<void> save(const std::filesystem::path& file) const; // atomically (write, fsync, rename)

    // What load() started from: save() leaves out the fields equal to it. Empty: save() writes every field.
    std::shared_ptr<const KioskSettings> defaults;
};

} // namespace sango::kiosk
