#pragma once
// An ESC/POS receipt printer (most thermal receipt printers) written to as a device file, such as
// /dev/usb/lp0 (usblp) or a serial port already set up. Bytes: ESC @ (initialise), the title centred and
// emphasised, one line per label/value (value right-aligned to the paper width), ESC d n (feed), GS V 1 (partial
// cut). Text is ASCII only (see receipt_printer.h). The device must exist: it is never created, and it must be
// a character device once opened (a regular file reached through a link gets nothing: invalid_argument).
// Failures are Errc::store_io with what to do; the session itself is already recorded.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "sango/hal/receipt_printer.h"

namespace sango::hal {

class EscPosPrinter final : public ReceiptPrinter {
public:
    struct Options {
        std::size_t width = 32;                // characters per line: 32 on 58 mm paper, 42 or 48 on 80 mm
        unsigned feedLines = 4;                // blank lines fed before the cut, so the text clears the cutter
        std::chrono::milliseconds timeout{5000}; // a printer that takes no data for this long is an error
    };

    explicit EscPosPrinter(std::filesystem::path device);
    EscPosPrinter(std::filesystem::path device, Options options);

    Expected<void> print(const Receipt& receipt) override;

    // The bytes print() writes.
    static std::string encode(const Receipt& receipt, const Options& options);

private:
    std::filesystem::path m_device;
    Options m_options;
};

} // namespace sango::hal
