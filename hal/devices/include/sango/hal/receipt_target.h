#pragma once
// What the receipt printer setting (`receipt_printer`) may name, decided in one place for the settings page and
// for each print: nothing (no receipts), a character device — an ESC/POS printer such as /dev/usb/lp0, or a
// serial port — or a print queue by its CUPS name. Never a regular file, a folder or anything in the data
// directory: a path whose target (symbolic links followed) exists and is not a character device is refused,
// and a path that does not exist yet (a printer unplugged) must lie under /dev. EscPosPrinter checks the device
// it opened once more before writing a byte (a link may change between this check and the print).
//
// Pure checks on the file system; failures are invalid_argument with what to write instead.
#include <filesystem>
#include <string>
#include <string_view>

#include "sango/error.h"

namespace sango::hal {

struct ReceiptTarget {
    enum class Kind { none, device, queue };
    Kind kind = Kind::none;
    std::string name; // the device's path, or the queue's name

    // The setting as typed (surrounding spaces ignored); dataDir is the store's folder, never a printer.
    static Expected<ReceiptTarget> parse(std::string_view setting, const std::filesystem::path& dataDir);
};

} // namespace sango::hal
