#include "sango/url_text.h"

namespace sango {

std::string percentEncode(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0f]);
        }
    }
    return out;
}

std::vector<std::string> splitUrlList(std::string_view text)
{
    std::vector<std::string> urls;
    std::string url;
    auto take = [&] {
        while (!url.empty() && url.back() == '/')
            url.pop_back();
        if (!url.empty())
            urls.push_back(std::move(url));
        url.clear();
    };
    for (const char c : text) {
        if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r')
            take();
        else
            url.push_back(c);
    }
    take();
    return urls;
}

} // namespace sango
