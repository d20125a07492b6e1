#pragma once
// The checked reader of the members of one JSON object that came from outside (an event body, a message):
// each call reads one member, checks its JSON type and its bounds, and fails with a message that names the
// document and the member, e.g. "session_closed: billed_minutes must be a number of minutes from 0 to ...".
// Every failure has the reader's one code (Errc::malformed unless told otherwise). Unknown members are
// ignored; what the values mean is for the caller.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sango/error.h"

namespace sango {

class JsonReader {
public:
    // `document` names what is read in every message ("session_opened", "staff_added").
    JsonReader(const nlohmann::json& obj, std::string_view document, Errc code = Errc::malformed);

    // "<document>: <member> <what>"
    tl::unexpected<Error> bad(std::string_view member, std::string_view what) const;
    // "<document>: <what>"
    tl::unexpected<Error> error(std::string_view what) const;
    // "<document>: the body must be a JSON object", unless it is one.
    Expected<void> object() const;

    // The member, or nullptr when it is missing (or the document is not an object).
    const nlohmann::json* find(const char* key) const;

    // A string (any, empty too): "must be a string".
    Expected<std::string> string(const char* key) const;
    // A string that is not empty: "must be a string", "must not be empty".
    Expected<std::string> nonEmptyString(const char* key) const;
    // A string of 1 to max bytes whose every character passes ok: "must be <shape>".
    Expected<std::string> text(const char* key, std::size_t max, bool (*ok)(char), std::string_view shape) const;
    // A string that passes ok: "must be <shape>".
    Expected<std::string> checked(const char* key, bool (*ok)(std::string_view), std::string_view shape) const;
    // A JSON integer (not 30.0, not "30") within [lo, hi]: "must be an integer (<shape>)", "must be <shape>".
    Expected<std::int64_t> integer(const char* key, std::int64_t lo, std::int64_t hi, std::string_view shape) const;
    // Any JSON integer: "must be an integer"; one that does not fit 64 bits signed: "is out of range".
    Expected<std::int64_t> integer(const char* key) const;
    // true or false: "must be true or false".
    Expected<bool> boolean(const char* key) const;
    // An object; {} when the member is missing: "must be an object".
    Expected<nlohmann::json> objectMember(const char* key) const;
    // An object that must be there: "must be an object".
    Expected<const nlohmann::json*> requiredObject(const char* key) const;
    // An array: "must be an array".
    Expected<const nlohmann::json*> array(const char* key) const;

    // The same, none when the member is missing (or null, for orNull()).
    Expected<std::optional<std::string>> optionalString(const char* key) const;
    Expected<std::optional<std::string>> optionalText(const char* key, std::size_t max, bool (*ok)(char),
                                                      std::string_view shape) const;
    Expected<std::optional<std::int64_t>> optionalInteger(const char* key) const;
    Expected<std::optional<std::int64_t>> integerOrNull(const char* key) const;
    Expected<std::optional<bool>> optionalBoolean(const char* key) const;

    // Whether the value is a JSON integer that fits 64 bits signed.
    static bool isInt64(const nlohmann::json& v);

private:
    const nlohmann::json& m_obj;
    std::string_view m_document;
    Errc m_code;
};

} // namespace sango
