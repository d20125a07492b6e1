#pragma once
// The terminal's configuration file, /etc/sango/terminal.toml (TOML): what an administrator sets for `sango`
// and `sango-kiosk` on a machine. Every setting has a built-in default, so a missing system file, an empty file
// or a file that names only a few settings is fine. Which file: --config FILE, else $SANGO_CONFIG, else
// /etc/sango/terminal.toml if it exists, else none (the built-in defaults). A named file that is missing, a TOML
// syntax error, an unknown section or key, a value of the wrong type or out of range is an invalid_config error
// that names the file, the line and the key, and says what to write.
//
// Precedence, setting by setting: command-line flag > environment variable > this file > built-in default.
// The kiosk's own <data-dir>/kiosk.json (its Settings page) overrides [kiosk] for each field it holds.
// packaging/terminal.toml is the commented reference of every setting (a unit test keeps the two in step).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sango/error.h"

namespace sango {

struct TerminalConfig {
    static constexpr const char* kSystemFile = "/etc/sango/terminal.toml";

    // [kiosk]: the defaults of the kiosk's settings (ui/kiosk/kiosk_settings.h, same names as kiosk.json).
    struct Kiosk {
        std::string mode = "facility";   // facility | visit
        std::string language = "ja";     // ja | en | zh_CN
        std::string defaultService = "day"; // stay | day | visit
        std::string scanner = "camera";  // camera | wedge | serial | none
        std::string cameraId;            // empty: the system's default camera
        std::string serialPort = "/dev/ttyACM0";
        int serialBaud = 9600;           // 1200..921600
        std::string printer;             // empty: the system's default printer
        std::string receiptPrinter;      // a character device (ESC/POS) or a print queue's name; empty: no receipts
        std::string couponsFolder;       // where "Load QR image" looks; empty: <data_dir>/coupons
        std::string exportFolder;        // where reports are saved; empty: <data_dir>/exports
        int idleSignOutSeconds = 600;    // 30..86400
        bool sound = true;
        bool fullScreen = true;

        bool operator==(const Kiosk&) const = default;
    };

    // [store]
    std::string dataDir; // empty: $SANGO_DATA_DIR, else the XDG data directory (StoreLocation::resolve)
    std::string keyFile; // empty: the systemd credential store-key, else <data_dir>/store.key
    // [log]
    std::string logLevel = "warn"; // trace | debug | info | warn | error | critical | off
    // [sync]
    std::string ledgerUrl; // empty: the URL recorded at enrolment (`sango sync --ledger`)
    std::string caFile;    // empty: what enrolment recorded, else the system's CAs
    std::string pinnedKey; // empty: what enrolment recorded, else none ("sha256//BASE64")
    int batchEvents = 200; // 1..500
    Kiosk kiosk;

    // The file read; empty when none was (the built-in defaults).
    std::filesystem::path file;

    // Finds the file (flagFile: --config, may be empty) and reads it.
    static Expected<TerminalConfig> load(const std::string& flagFile);
    // Reads one file (missing: an error).
    static Expected<TerminalConfig> read(const std::filesystem::path& file);
    // Parses TOML text; `name` is what messages call it (the file's path).
    static Expected<TerminalConfig> parse(std::string_view text, const std::string& name);

    // Every setting this version knows, as "section.key" (store.data_dir, ..., kiosk.full_screen).
    static std::vector<std::string> keys();

    bool operator==(const TerminalConfig&) const = default;
};

} // namespace sango
