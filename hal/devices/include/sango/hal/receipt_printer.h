#pragma once
// Receipt printers. A receipt is a few lines of ASCII text: a title and label/value lines (Latin labels and
// numbers: a coupon id, times, minutes). Receipts are kept to ASCII on purpose, so that no printer code page
// (Shift_JIS, GB18030 ...) has to be configured; any other byte is printed as '?'.
#include <string>
#include <vector>

#include "sango/error.h"

namespace sango::hal {

struct ReceiptLine {
    std::string label;
    std::string value;
};

struct Receipt {
    std::string title;
    std::vector<ReceiptLine> lines;
};

class ReceiptPrinter {
public:
    virtual ~ReceiptPrinter() = default;
    // Blocks until the receipt is handed to the device (or fails): call it off the GUI thread.
    virtual Expected<void> print(const Receipt& receipt) = 0;
};

// The default when no receipt printer is configured: prints nothing and succeeds.
class NullReceiptPrinter final : public ReceiptPrinter {
public:
    Expected<void> print(const Receipt&) override { return {}; }
};

} // namespace sango::hal
