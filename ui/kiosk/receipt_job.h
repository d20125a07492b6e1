#pragma once
// A receipt for a closed session on the ESC/POS printer the settings name (`receipt_printer`, a device file
// such as /dev/usb/lp0; empty: none). Printing runs on Qt's thread pool, never on the GUI thread; a printer
// that is off, missing or out of paper is logged and changes nothing (the session is recorded before the
// receipt is made). Receipts are ASCII (hal::EscPosPrinter): coupon id, service, times and minutes.
#include <filesystem>
#include <optional>

#include "sango/hal/receipt_printer.h"
#include "sango/local_time.h"
#include "sango/session.h"

namespace sango::kiosk {

class ReceiptJob {
public:
    static hal::Receipt receiptFor(const SessionRecord& session, std::optional<std::int64_t> balanceMinutes,
                                   const LocalTime& local);
    // Queues the receipt for the device; returns at once.
    static void printInBackground(const std::filesystem::path& device, hal::Receipt receipt);
};

} // namespace sango::kiosk
