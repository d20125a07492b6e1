// The receipt printer setting, checked (receipt_target.h).
#include "sango/hal/receipt_target.h"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

namespace sango::hal {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kWhat = "a receipt printer is a printer's device such as /dev/usb/lp0 (or a serial port), "
                                   "or a print queue's name";

bool within(const fs::path& inner, const fs::path& outer)
{
    const auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return o == outer.end() || (std::next(o) == outer.end() && o->empty());
}

fs::path resolved(const fs::path& p)
{
    std::error_code ec;
    fs::path r = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : r;
}

bool isQueueName(std::string_view name)
{
    // CUPS queue names: printable, no space, '/', '#' or '\'; ours are stricter still.
    if (name.empty() || name.size() > 127 || name.front() == '.' || name.front() == '-')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == '@';
    });
}

} // namespace

Expected<ReceiptTarget> ReceiptTarget::parse(std::string_view setting, const fs::path& dataDir)
{
    const auto first = setting.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return ReceiptTarget{};
    const std::string text(setting.substr(first, setting.find_last_not_of(" \t") - first + 1));
    if (text.front() != '/') {
        if (!isQueueName(text))
            return fail(Errc::invalid_argument, "receipt printer \"" + text + "\": " + std::string(kWhat) +
                                                    " (letters, digits, '-', '_', '.', '@'), not a relative path");
        return ReceiptTarget{Kind::queue, text};
    }
    const fs::path path(text);
    if (std::any_of(path.begin(), path.end(), [](const fs::path& part) { return part == ".."; }))
        return fail(Errc::invalid_argument, "receipt printer " + text + ": " + std::string(kWhat) + ", without '..'");
    const fs::path target = resolved(path);
    if (!dataDir.empty() && within(target, resolved(dataDir)))
        return fail(Errc::invalid_argument, "receipt printer " + text + " leads into the data directory " +
                                                dataDir.string() + ": " + std::string(kWhat));
    struct stat st {};
    if (::stat(text.c_str(), &st) == 0) { // follows links: the target decides
        if (!S_ISCHR(st.st_mode))
            return fail(Errc::invalid_argument, "receipt printer " + text + " is not a character device (it is " +
                                                    (S_ISREG(st.st_mode) ? "a file" : S_ISDIR(st.st_mode) ? "a folder"
                                                                                                         : "not a device") +
                                                    "): " + std::string(kWhat));
        return ReceiptTarget{Kind::device, text};
    }
    if (!within(path.lexically_normal(), "/dev"))
        return fail(Errc::invalid_argument, "receipt printer " + text + " does not exist and is not under /dev: " +
                                                std::string(kWhat));
    return ReceiptTarget{Kind::device, text}; // a printer not plugged in yet: checked again at each print
}

} // namespace sango::hal
