#pragma once
// A receipt for a closed session on the receipt printer the settings name (`receipt_printer`): an ESC/POS
// printer's character device such as /dev/usb/lp0 (hal::EscPosPrinter), or a print queue by its CUPS name
// (QPrinter, one small page); empty: none. What the setting may name is hal::ReceiptTarget's rule, checked
// again at each print (never a file, never the data directory). Printing runs on Qt's thread pool, never on
// the GUI thread; a printer that is off, missing or out of paper, or a setting refused, is logged and changes
// nothing (the session is recorded before the receipt is made). Receipts are ASCII: the coupon id masked to its
// last four characters (the paper leaves the counter), service, times and minutes.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sango/hal/receipt_printer.h"
#include "sango/local_time.h"
#include "sango/session.h"

namespace sango::kiosk {

class ReceiptJob {
public:
    static hal::Receipt receiptFor(const SessionRecord& session, std::optional<std::int64_t> balanceMinutes,
                                   const LocalTime& local);
    // The printer the setting names, checked by hal::ReceiptTarget's rule; a NullReceiptPrinter for none.
    static Expected<std::unique_ptr<hal::ReceiptPrinter>> printerFor(const std::string& setting,
                                                                     const std::filesystem::path& dataDir);
    // Queues the receipt for the printer the setting names; returns at once. dataDir: the store's folder.
    static void printInBackground(const std::string& setting, const std::filesystem::path& dataDir,
                                  hal::Receipt receipt);
};

} // namespace sango::kiosk
