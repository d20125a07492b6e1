// JsonReader: reading and checking the members of one JSON object, with messages that name the member.
#include "sango/json_reader.h"

#include <algorithm>
#include <limits>

namespace sango {

using nlohmann::json;

JsonReader::JsonReader(const json& obj, std::string_view document, Errc code)
    : m_obj(obj), m_document(document), m_code(code)
{
}

tl::unexpected<Error> JsonReader::bad(std::string_view member, std::string_view what) const
{
    return fail(m_code, std::string(m_document) + ": " + std::string(member) + " " + std::string(what));
}

tl::unexpected<Error> JsonReader::error(std::string_view what) const
{
    return fail(m_code, std::string(m_document) + ": " + std::string(what));
}

Expected<void> JsonReader::object() const
{
    if (!m_obj.is_object())
        return fail(m_code, std::string(m_document) + ": the body must be a JSON object");
    return {};
}

const json* JsonReader::find(const char* key) const
{
    if (!m_obj.is_object())
        return nullptr;
    const auto it = m_obj.find(key);
    return it == m_obj.end() ? nullptr : &*it;
}

bool JsonReader::isInt64(const json& v)
{
    if (!(v.is_number_integer() || v.is_number_unsigned()))
        return false;
    return !v.is_number_unsigned() ||
           v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

Expected<std::string> JsonReader::string(const char* key) const
{
    const json* v = find(key);
    if (!v || !v->is_string())
        return bad(key, "must be a string");
    return v->get<std::string>();
}

Expected<std::string> JsonReader::nonEmptyString(const char* key) const
{
    SANGO_TRY_ASSIGN(auto s, string(key));
    if (s.empty())
        return bad(key, "must not be empty");
    return s;
}

Expected<std::string> JsonReader::text(const char* key, std::size_t max, bool (*ok)(char),
                                       std::string_view shape) const
{
    const json* v = find(key);
    if (!v || !v->is_string())
        return bad(key, "must be a string");
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty() || s.size() > max || !std::all_of(s.begin(), s.end(), ok))
        return bad(key, "must be " + std::string(shape));
    return s;
}

Expected<std::string> JsonReader::checked(const char* key, bool (*ok)(std::string_view), std::string_view shape) const
{
    const json* v = find(key);
    if (!v || !v->is_string() || !ok(v->get_ref<const std::string&>()))
        return bad(key, "must be " + std::string(shape));
    return v->get<std::string>();
}

Expected<std::int64_t> JsonReader::integer(const char* key, std::int64_t lo, std::int64_t hi,
                                           std::string_view shape) const
{
    const json* v = find(key);
    if (!v || !(v->is_number_integer() || v->is_number_unsigned()))
        return bad(key, "must be an integer (" + std::string(shape) + ")");
    if (!isInt64(*v))
        return bad(key, "must be " + std::string(shape));
    const auto n = v->get<std::int64_t>();
    if (n < lo || n > hi)
        return bad(key, "must be " + std::string(shape));
    return n;
}

Expected<std::int64_t> JsonReader::integer(const char* key) const
{
    const json* v = find(key);
    if (!v || !(v->is_number_integer() || v->is_number_unsigned()))
        return bad(key, "must be an integer");
    if (!isInt64(*v))
        return bad(key, "is out of range");
    return v->get<std::int64_t>();
}

Expected<bool> JsonReader::boolean(const char* key) const
{
    const json* v = find(key);
    if (!v || !v->is_boolean())
        return bad(key, "must be true or false");
    return v->get<bool>();
}

Expected<json> JsonReader::objectMember(const char* key) const
{
    const json* v = find(key);
    if (!v)
        return json::object();
    if (!v->is_object())
        return bad(key, "must be an object");
    return *v;
}

Expected<const json*> JsonReader::requiredObject(const char* key) const
{
    const json* v = find(key);
    if (!v || !v->is_object())
        return bad(key, "must be an object");
    return v;
}

Expected<const json*> JsonReader::array(const char* key) const
{
    const json* v = find(key);
    if (!v || !v->is_array())
        return bad(key, "must be an array");
    return v;
}

Expected<std::optional<std::string>> JsonReader::optionalString(const char* key) const
{
    if (!find(key))
        return std::optional<std::string>();
    SANGO_TRY_ASSIGN(auto s, string(key));
    return std::optional<std::string>(std::move(s));
}

Expected<std::optional<std::string>> JsonReader::optionalText(const char* key, std::size_t max, bool (*ok)(char),
                                                              std::string_view shape) const
{
    if (!find(key))
        return std::optional<std::string>();
    SANGO_TRY_ASSIGN(auto s, text(key, max, ok, shape));
    return std::optional<std::string>(std::move(s));
}

Expected<std::optional<std::int64_t>> JsonReader::optionalInteger(const char* key) const
{
    if (!find(key))
        return std::optional<std::int64_t>();
    SANGO_TRY_ASSIGN(auto n, integer(key));
    return std::optional<std::int64_t>(n);
}

Expected<std::optional<std::int64_t>> JsonReader::integerOrNull(const char* key) const
{
    const json* v = find(key);
    if (!v || v->is_null())
        return std::optional<std::int64_t>();
    SANGO_TRY_ASSIGN(auto n, integer(key));
    return std::optional<std::int64_t>(n);
}

Expected<std::optional<bool>> JsonReader::optionalBoolean(const char* key) const
{
    if (!find(key))
        return std::optional<bool>();
    SANGO_TRY_ASSIGN(auto b, boolean(key));
    return std::optional<bool>(b);
}

} // namespace sango
