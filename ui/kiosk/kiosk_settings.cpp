#include "kiosk_settings.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sango/atomic_file.h"

namespace sango::kiosk {

namespace {

using nlohmann::json;

const char* modeName(KioskSettings::Mode m) { return m == KioskSettings::Mode::visit ? "visit" : "facility"; }

const char* scannerName(KioskSettings::Scanner s)
{
    switch (s) {
    case KioskSettings::Scanner::camera: return "camera";
    case KioskSettings::Scanner::wedge: return "wedge";
    case KioskSettings::Scanner::serial: return "serial";
    case KioskSettings::Scanner::none: return "none";
    }
    return "camera";
}

json toJson(const KioskSettings& s)
{
    return {{"mode", modeName(s.mode)},
            {"language", s.language},
            {"default_service", s.defaultService},
            {"scanner", scannerName(s.scanner)},
            {"camera_id", s.cameraId},
            {"serial_port", s.serialPort},
            {"serial_baud", s.serialBaud},
            {"printer", s.printer},
            {"receipt_printer", s.receiptPrinter},
            {"coupons_folder", s.couponsFolder},
            {"export_folder", s.exportFolder},
            {"idle_sign_out_seconds", s.idleSignOutSeconds},
            {"sound", s.sound},
            {"full_screen", s.fullScreen}};
}

KioskSettings::Mode modeFrom(const std::string& text, KioskSettings::Mode otherwise)
{
    return text == "visit" ? KioskSettings::Mode::visit : text == "facility" ? KioskSettings::Mode::facility : otherwise;
}

KioskSettings::Scanner scannerFrom(const std::string& text, KioskSettings::Scanner otherwise)
{
    if (text == "camera")
        return KioskSettings::Scanner::camera;
    if (text == "wedge")
        return KioskSettings::Scanner::wedge;
    if (text == "serial")
        return KioskSettings::Scanner::serial;
    if (text == "none")
        return KioskSettings::Scanner::none;
    return otherwise;
}

} // namespace

KioskSettings KioskSettings::fromConfig(const TerminalConfig::Kiosk& c)
{
    KioskSettings s;
    s.mode = modeFrom(c.mode, s.mode);
    s.language = c.language;
    s.defaultService = c.defaultService;
    s.scanner = scannerFrom(c.scanner, s.scanner);
    s.cameraId = c.cameraId;
    s.serialPort = c.serialPort;
    s.serialBaud = c.serialBaud;
    s.printer = c.printer;
    s.receiptPrinter = c.receiptPrinter;
    s.couponsFolder = c.couponsFolder;
    s.exportFolder = c.exportFolder;
    s.idleSignOutSeconds = c.idleSignOutSeconds;
    s.sound = c.sound;
    s.fullScreen = c.fullScreen;
    return s;
}

Expected<KioskSettings> KioskSettings::load(const std::filesystem::path& file, const KioskSettings& defaults)
{
    KioskSettings base = defaults;
    base.defaults.reset();
    KioskSettings s = base;
    s.defaults = std::make_shared<const KioskSettings>(base);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return s; // no file yet: every default
    std::stringstream text;
    text << in.rdbuf();
    const json j = json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fail(Errc::invalid_config, "the kiosk settings file " + file.string() +
                                              " is not a JSON object: fix or remove it (the defaults apply meanwhile)");
    auto str = [&](const char* key, std::string& out) {
        if (auto it = j.find(key); it != j.end() && it->is_string())
            out = it->get<std::string>();
    };
    auto num = [&](const char* key, int& out, int lo, int hi) {
        if (auto it = j.find(key); it != j.end() && it->is_number_integer()) {
            const auto v = it->get<long long>();
            if (v >= lo && v <= hi)
                out = static_cast<int>(v);
        }
    };
    auto flag = [&](const char* key, bool& out) {
        if (auto it = j.find(key); it != j.end() && it->is_boolean())
            out = it->get<bool>();
    };
    std::string mode, scanner;
    str("mode", mode);
    s.mode = modeFrom(mode, s.mode);
    str("scanner", scanner);
    s.scanner = scannerFrom(scanner, s.scanner);
    std::string language;
    str("language", language);
    if (language == "ja" || language == "en" || language == "zh_CN")
        s.language = language;
    std::string service;
    str("default_service", service);
    if (service == "stay" || service == "day" || service == "visit")
        s.defaultService = service;
    str("camera_id", s.cameraId);
    str("serial_port", s.serialPort);
    num("serial_baud", s.serialBaud, 1200, 921600);
    str("printer", s.printer);
    str("receipt_printer", s.receiptPrinter);
    // Folders are absolute paths (as terminal.toml requires); anything else keeps the default.
    auto folder = [&](const char* key, std::string& out) {
        std::string value;
        str(key, value);
        if (value.empty() || value.front() == '/')
            if (auto it = j.find(key); it != j.end() && it->is_string())
                out = value;
    };
    folder("coupons_folder", s.couponsFolder);
    folder("export_folder", s.exportFolder);
    num("idle_sign_out_seconds", s.idleSignOutSeconds, 30, 24 * 3600);
    flag("sound", s.sound);
    flag("full_screen", s.fullScreen);
    return s;
}

Expected<KioskSettings> KioskSettings::load(const std::filesystem::path& file)
{
    return load(file, KioskSettings{});
}

Expected<void> KioskSettings::save(const std::filesystem::path& file) const
{
    json j = toJson(*this);
    if (defaults) {
        // Only what differs from terminal.toml's [kiosk]: the rest keeps following that file.
        const json base = toJson(*defaults);
        for (auto it = base.begin(); it != base.end(); ++it)
            if (j[it.key()] == it.value())
                j.erase(it.key());
    }
    const std::string text = j.dump(2) + "\n";
    // No secret and no personal data: readable by others (mode 0644), written whole or not at all.
    if (auto written = writeFileAtomically(file, text, 0644); !written)
        return fail(written.error().code, written.error().message + " (the previous settings are unchanged)");
    return {};
}

} // namespace sango::kiosk
