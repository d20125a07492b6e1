#include "json_members.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <nlohmann/json.hpp>

namespace sango::json_members {

using nlohmann::json;

std::string shown(const json& v)
{
    std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 40)
        text = text.substr(0, 40) + "...";
    return text;
}

std::string keyText(std::string_view key)
{
    std::string out;
    for (std::size_t i = 0; i < key.size() && i < 40; ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : key[i];
    }
    if (key.size() > 40)
        out += "...";
    return out;
}

std::string join(const std::string& parent, const char* key)
{
    return parent.empty() ? std::string(key) : parent + "." + key;
}

const json* member(const json& obj, const char* key)
{
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

const std::string* stringOrNull(const json& obj, const char* key)
{
    const json* v = member(obj, key);
    return v == nullptr ? nullptr : v->get_ptr<const std::string*>();
}

std::optional<int> intValue(const json& v, int lo, int hi)
{
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(u) < lo)
            return std::nullopt;
        return static_cast<int>(u);
    }
    if (v.is_number_integer()) {
        const auto i = v.get<std::int64_t>();
        if (i < lo || i > hi)
            return std::nullopt;
        return static_cast<int>(i);
    }
    return std::nullopt;
}

bool isMunicipalityCode(std::string_view s)
{
    return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

MemberReader::MemberReader(std::string document)
    : m_document(std::move(document))
{
}

tl::unexpected<Error> MemberReader::error(std::string_view what) const
{
    return fail(Errc::invalid_config, m_document + ": " + std::string(what));
}

tl::unexpected<Error> MemberReader::bad(const std::string& path, std::string_view what) const
{
    return fail(Errc::invalid_config, m_document + ": " + path + " " + std::string(what));
}

Expected<const json*> MemberReader::required(const json& obj, const std::string& parent, const char* key) const
{
    const json* v = member(obj, key);
    if (v == nullptr)
        return bad(join(parent, key), "is missing");
    return v;
}

Expected<std::string> MemberReader::stringMember(const json& obj, const std::string& parent, const char* key) const
{
    auto v = required(obj, parent, key);
    if (!v)
        return tl::unexpected(v.error());
    if (!(*v)->is_string())
        return bad(join(parent, key), "must be a string (got " + shown(**v) + ")");
    return (*v)->get<std::string>();
}

Expected<std::string> MemberReader::nonEmptyStringMember(const json& obj, const std::string& parent,
                                                         const char* key) const
{
    auto s = stringMember(obj, parent, key);
    if (s && s->empty())
        return bad(join(parent, key), "must not be empty");
    return s;
}

Expected<int> MemberReader::intMember(const json& obj, const std::string& parent, const char* key, int lo,
                                      int hi) const
{
    auto v = required(obj, parent, key);
    if (!v)
        return tl::unexpected(v.error());
    const auto value = intValue(**v, lo, hi);
    if (!value)
        return bad(join(parent, key), "must be an integer from " + std::to_string(lo) + " to " +
                                          std::to_string(hi) + " (got " + shown(**v) + ")");
    return *value;
}

Expected<std::string> MemberReader::municipalityMember(const json& obj) const
{
    auto code = stringMember(obj, "", "municipality");
    if (code && !isMunicipalityCode(*code))
        return bad("municipality", "must be a 6-digit municipality code such as \"131016\" (got " +
                                       shown(json(*code)) + ")");
    return code;
}

} // namespace sango::json_members
