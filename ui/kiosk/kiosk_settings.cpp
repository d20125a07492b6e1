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

} // namespace

Expected<KioskSettings> KioskSettings::load(const std::filesystem::path& file)
{
    KioskSettings s;
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
    if (mode == "visit")
        s.mode = Mode::visit;
    str("scanner", scanner);
    if (scanner == "wedge")
        s.scanner = Scanner::wedge;
    else if (scanner == "serial")
        s.scanner = Scanner::serial;
    else if (scanner == "none")
        s.scanner = Scanner::none;
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
    num("idle_sign_out_seconds", s.idleSignOutSeconds, 30, 24 * 3600);
    flag("sound", s.sound);
    flag("full_screen", s.fullScreen);
    return s;
}

Expected<void> KioskSettings::save(const std::filesystem::path& file) const
{
    const json j = {{"mode", modeName(mode)},
                    {"language", language},
                    {"default_service", defaultService},
                    {"scanner", scannerName(scanner)},
                    {"camera_id", cameraId},
                    {"serial_port", serialPort},
                    {"serial_baud", serialBaud},
                    {"printer", printer},
                    {"receipt_printer", receiptPrinter},
                    {"idle_sign_out_seconds", idleSignOutSeconds},
                    {"sound", sound},
                    {"full_screen", fullScreen}};
    const std::string text = j.dump(2) + "\n";
    // No secret and no personal data: readable by others (mode 0644), written whole or not at all.
    if (auto written = writeFileAtomically(file, text, 0644); !written)
        return fail(written.error().code, written.error().message + " (the previous settings are unchanged)");
    return {};
}

} // namespace sango::kiosk
