#pragma once
// Private to terminal/: reading the members of a JSON input (the policy, the provider profile, a trust store
// entry) with messages that name the input and the member, e.g.
//   "policy: services.day.unit_minutes must be 15, 30 or 60 (got 20)"
//   "trust store entry 0: kid must be a non-empty string"
// The messages are part of the contract (tests and users read them): a change here changes all three.
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json_fwd.hpp>

#include "sango/error.h"

namespace sango::json_members {

// A value as it appeared, for messages: bounded and never throwing on bad UTF-8.
std::string shown(const nlohmann::json& v);
// An object key as part of a member path: control characters replaced, length bounded.
std::string keyText(std::string_view key);
// The path of member `key` of the object at `parent` ("" for the top): "parent.key", or "key".
std::string join(const std::string& parent, const char* key);

// The member, or nullptr when it is missing (or obj is not an object).
const nlohmann::json* member(const nlohmann::json& obj, const char* key);
// A string member, or nullptr when it is missing or not a string.
const std::string* stringOrNull(const nlohmann::json& obj, const char* key);
// A JSON integer (30.0 and "30" are refused) within [lo, hi].
std::optional<int> intValue(const nlohmann::json& v, int lo, int hi);
// Six ASCII digits (a JIS X 0402 municipality code such as "131016").
bool isMunicipalityCode(std::string_view s);

// The members of one input, named `document` in every message ("policy", "provider", "trust store entry 3").
// Every failure is Errc::invalid_config.
class MemberReader {
public:
    explicit MemberReader(std::string document);

    // "<document>: <what>"
    tl::unexpected<Error> error(std::string_view what) const;
    // "<document>: <path> <what>"
    tl::unexpected<Error> bad(const std::string& path, std::string_view what) const;

    // A member that must be present (any type): "<path> is missing" otherwise.
    Expected<const nlohmann::json*> required(const nlohmann::json& obj, const std::string& parent,
                                             const char* key) const;
    // A required string.
    Expected<std::string> stringMember(const nlohmann::json& obj, const std::string& parent, const char* key) const;
    // A required string that is not empty.
    Expected<std::string> nonEmptyStringMember(const nlohmann::json& obj, const std::string& parent,
                                               const char* key) const;
    // A required JSON integer within [lo, hi].
    Expected<int> intMember(const nlohmann::json& obj, const std::string& parent, const char* key, int lo,
                            int hi) const;
    // The required top-level "municipality": a string of six digits.
    Expected<std::string> municipalityMember(const nlohmann::json& obj) const;

    // parse(), with any exception that escapes it turned into "<document>: <what()>": a last guard so that no
    // exception ever crosses the API.
    template <typename Parse>
    auto guarded(Parse&& parse) const -> decltype(std::forward<Parse>(parse)())
    {
        try {
            return std::forward<Parse>(parse)();
        } catch (const std::exception& e) {
            return error(e.what());
        }
    }

private:
    std::string m_document;
};

} // namespace sango::json_members
