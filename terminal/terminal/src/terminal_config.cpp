#include "sango/terminal_config.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

// The Debian library is built with exceptions (toml::v3::ex): parse errors are caught here, never passed on.
#include <toml++/toml.h>

#include "sango/log_setup.h"
#include "sango/url_text.h"

namespace sango {

namespace fs = std::filesystem;

namespace {

// One ledger URL or several (a ledger's processes, sango/url_text.h), each http:// or https://.
bool isUrlList(const std::string& text)
{
    const std::vector<std::string> urls = splitUrlList(text);
    return !urls.empty() && std::all_of(urls.begin(), urls.end(), [](const std::string& u) {
        return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0;
    });
}

enum class Kind { text, integer, boolean };
enum class Check { none, absolutePath, url, pin };

// One setting of the file: where it is, its type, its allowed values, and the member it fills.
struct Setting {
    std::string_view section;
    std::string_view key;
    Kind kind;
    std::string* (*text)(TerminalConfig&) = nullptr;
    int* (*number)(TerminalConfig&) = nullptr;
    bool* (*flag)(TerminalConfig&) = nullptr;
    std::vector<std::string_view> choices = {}; // text: the allowed values (empty: any text)
    long long lo = 0, hi = 0;                   // integer: the allowed range
    Check check = Check::none;                  // text: a further rule (an empty text always passes)
};

const std::vector<Setting>& settings()
{
    using C = TerminalConfig;
    static const std::vector<Setting> all = {
        {"store", "data_dir", Kind::text, [](C& c) { return &c.dataDir; }, nullptr, nullptr, {}, 0, 0,
         Check::absolutePath},
        {"store", "key_file", Kind::text, [](C& c) { return &c.keyFile; }, nullptr, nullptr, {}, 0, 0,
         Check::absolutePath},
        {"log", "level", Kind::text, [](C& c) { return &c.logLevel; }, nullptr, nullptr,
         std::vector<std::string_view>(log::levelNames().begin(), log::levelNames().end())},
        {"sync", "ledger_url", Kind::text, [](C& c) { return &c.ledgerUrl; }, nullptr, nullptr, {}, 0, 0, Check::url},
        {"sync", "ca_file", Kind::text, [](C& c) { return &c.caFile; }, nullptr, nullptr, {}, 0, 0,
         Check::absolutePath},
        {"sync", "pinned_key", Kind::text, [](C& c) { return &c.pinnedKey; }, nullptr, nullptr, {}, 0, 0, Check::pin},
        {"sync", "batch_events", Kind::integer, nullptr, [](C& c) { return &c.batchEvents; }, nullptr, {}, 1, 500},
        {"kiosk", "mode", Kind::text, [](C& c) { return &c.kiosk.mode; }, nullptr, nullptr, {"facility", "visit"}},
        {"kiosk", "language", Kind::text, [](C& c) { return &c.kiosk.language; }, nullptr, nullptr,
         {"ja", "en", "zh_CN"}},
        {"kiosk", "default_service", Kind::text, [](C& c) { return &c.kiosk.defaultService; }, nullptr, nullptr,
         {"stay", "day", "visit"}},
        {"kiosk", "scanner", Kind::text, [](C& c) { return &c.kiosk.scanner; }, nullptr, nullptr,
         {"camera", "wedge", "serial", "none"}},
        {"kiosk", "camera_id", Kind::text, [](C& c) { return &c.kiosk.cameraId; }},
        {"kiosk", "serial_port", Kind::text, [](C& c) { return &c.kiosk.serialPort; }},
        {"kiosk", "serial_baud", Kind::integer, nullptr, [](C& c) { return &c.kiosk.serialBaud; }, nullptr, {}, 1200,
         921600},
        {"kiosk", "printer", Kind::text, [](C& c) { return &c.kiosk.printer; }},
        {"kiosk", "receipt_printer", Kind::text, [](C& c) { return &c.kiosk.receiptPrinter; }},
        {"kiosk", "coupons_folder", Kind::text, [](C& c) { return &c.kiosk.couponsFolder; }, nullptr, nullptr, {}, 0,
         0, Check::absolutePath},
        {"kiosk", "export_folder", Kind::text, [](C& c) { return &c.kiosk.exportFolder; }, nullptr, nullptr, {}, 0, 0,
         Check::absolutePath},
        {"kiosk", "idle_sign_out_seconds", Kind::integer, nullptr, [](C& c) { return &c.kiosk.idleSignOutSeconds; },
         nullptr, {}, 30, 24 * 3600},
        {"kiosk", "sound", Kind::boolean, nullptr, nullptr, [](C& c) { return &c.kiosk.sound; }},
        {"kiosk", "full_screen", Kind::boolean, nullptr, nullptr, [](C& c) { return &c.kiosk.fullScreen; }},
    };
    return all;
}

const Setting* findSetting(std::string_view section, std::string_view key)
{
    for (const Setting& s : settings())
        if (s.section == section && s.key == key)
            return &s;
    return nullptr;
}

bool knownSection(std::string_view section)
{
    for (const Setting& s : settings())
        if (s.section == section)
            return true;
    return false;
}

std::string joined(const std::vector<std::string_view>& words)
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i)
            out += i + 1 == words.size() ? " or " : ", ";
        out += words[i];
    }
    return out;
}

const char* typeName(Kind kind)
{
    switch (kind) {
    case Kind::text: return "a text in quotes";
    case Kind::integer: return "a whole number";
    case Kind::boolean: return "true or false";
    }
    return "";
}

const char* tomlTypeName(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string: return "a text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "true or false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date or time";
    default: return "something else";
    }
}

class Parser {
public:
    explicit Parser(std::string name) : m_name(std::move(name)) {}

    Expected<TerminalConfig> run(std::string_view text)
    {
        toml::table root;
        try {
            root = toml::parse(text, m_name);
        } catch (const toml::parse_error& e) {
            const auto& at = e.source().begin;
            return fail(Errc::invalid_config, m_name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                                                  ": not valid TOML: " + std::string(e.description()) +
                                                  ": correct that line (the file is not used until it is valid)");
        }
        TerminalConfig config;
        for (const auto& [name, node] : root) {
            const std::string section(name.str());
            const auto line = name.source().begin.line;
            const toml::table* table = node.as_table();
            if (!table) {
                return fail(Errc::invalid_config,
                            where(line) + ": `" + section +
                                "` is outside any section: put each setting under its section ([store], [log], "
                                "[sync] or [kiosk]); the commented terminal.toml shows where each one goes");
            }
            if (!knownSection(section))
                return fail(Errc::invalid_config, where(line) + ": unknown section [" + section +
                                                      "]: the sections are [store], [log], [sync] and [kiosk]; "
                                                      "check the spelling or remove it");
            for (const auto& [keyName, value] : *table) {
                auto r = apply(config, section, keyName, value);
                if (!r)
                    return tl::unexpected(r.error());
            }
        }
        return config;
    }

private:
    std::string where(std::uint32_t line) const { return m_name + ":" + std::to_string(line); }

    Expected<void> apply(TerminalConfig& config, const std::string& section, const toml::key& keyName,
                         const toml::node& value) const
    {
        const std::string key(keyName.str());
        const std::string at = where(keyName.source().begin.line) + ": [" + section + "] " + key;
        const Setting* s = findSetting(section, key);
        if (!s)
            return fail(Errc::invalid_config, at + ": unknown setting: check its spelling and its section, or "
                                                   "remove it (the commented terminal.toml lists every setting)");
        if (s->kind == Kind::text) {
            const auto* v = value.as_string();
            if (!v)
                return fail(Errc::invalid_config, at + " must be " + typeName(s->kind) + ", not " +
                                                      tomlTypeName(value) + ": write " + key + " = \"...\"");
            const std::string& text = v->get();
            if (!s->choices.empty() &&
                std::find(s->choices.begin(), s->choices.end(), std::string_view(text)) == s->choices.end())
                return fail(Errc::invalid_config,
                            at + " must be " + joined(s->choices) + " (got \"" + text + "\")");
            if (!text.empty()) {
                if (s->check == Check::absolutePath && !fs::path(text).is_absolute())
                    return fail(Errc::invalid_config, at + " must be an absolute path, beginning with / (got \"" +
                                                          text + "\"), or \"\" for the default");
                if (s->check == Check::url && !isUrlList(text))
                    return fail(Errc::invalid_config,
                                at + " must be the ledger's URL, https://... (several separated by spaces), got \"" +
                                    text + "\", or \"\" for the URL recorded at enrolment");
                if (s->check == Check::pin && text.rfind("sha256//", 0) != 0)
                    return fail(Errc::invalid_config,
                                at + " must be a public-key pin, sha256//BASE64 (several joined by ';'), or \"\"");
            }
            *s->text(config) = text;
            return {};
        }
        if (s->kind == Kind::integer) {
            const auto* v = value.as_integer();
            if (!v)
                return fail(Errc::invalid_config, at + " must be " + typeName(s->kind) + " from " +
                                                      std::to_string(s->lo) + " to " + std::to_string(s->hi) +
                                                      ", not " + tomlTypeName(value) + " (no quotes)");
            const std::int64_t n = v->get();
            if (n < s->lo || n > s->hi)
                return fail(Errc::invalid_config, at + " must be " + std::to_string(s->lo) + " to " +
                                                      std::to_string(s->hi) + " (got " + std::to_string(n) + ")");
            *s->number(config) = static_cast<int>(n);
            return {};
        }
        const auto* v = value.as_boolean();
        if (!v)
            return fail(Errc::invalid_config, at + " must be true or false (no quotes), not " + tomlTypeName(value));
        *s->flag(config) = v->get();
        return {};
    }

    std::string m_name;
};

} // namespace

Expected<TerminalConfig> TerminalConfig::parse(std::string_view text, const std::string& name)
{
    return Parser(name).run(text);
}

Expected<TerminalConfig> TerminalConfig::read(const fs::path& file)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        return fail(Errc::invalid_config, "the configuration file " + file.string() + " does not exist");
    if (fs::is_directory(file, ec))
        return fail(Errc::invalid_config, "the configuration file " + file.string() + " is a directory: name the file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(Errc::invalid_config, "cannot read the configuration file " + file.string() +
                                              ": check its permissions (it holds no secret: mode 0644 is right)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return fail(Errc::invalid_config, "cannot read the configuration file " + file.string());
    auto config = parse(text.str(), file.string());
    if (config)
        config->file = file;
    return config;
}

Expected<TerminalConfig> TerminalConfig::load(const std::string& flagFile)
{
    const auto named = [](const std::string& path, const char* by, const char* instead) -> Expected<TerminalConfig> {
        std::error_code ec;
        if (!fs::exists(path, ec))
            return fail(Errc::invalid_config, "the configuration file " + path + " named by " + by +
                                                  " does not exist: give the right path, or " + instead);
        return read(path);
    };
    if (!flagFile.empty())
        return named(flagFile, "--config", "leave out --config to use /etc/sango/terminal.toml");
    if (const char* env = std::getenv("SANGO_CONFIG"); env && *env)
        return named(env, "$SANGO_CONFIG", "unset SANGO_CONFIG to use /etc/sango/terminal.toml");
    std::error_code ec;
    if (fs::exists(kSystemFile, ec))
        return read(kSystemFile);
    return TerminalConfig{};
}

std::vector<std::string> TerminalConfig::keys()
{
    std::vector<std::string> out;
    for (const Setting& s : settings())
        out.push_back(std::string(s.section) + "." + std::string(s.key));
    return out;
}

} // namespace sango
