#pragma once
// A receipt printer that is a print queue (CUPS) by name: one small page through QPrinter, the title and
// then "label  value" lines in a fixed-width font. The kiosk's other printers come from hal/ (EscPosPrinter
// for a thermal printer's device node, NullReceiptPrinter for none).
#include <string>

#include "sango/hal/receipt_printer.h"

namespace sango::kiosk {

class QueuePrinter final : public hal::ReceiptPrinter {
public:
    explicit QueuePrinter(std::string queue) : m_queue(std::move(queue)) {}

    Expected<void> print(const hal::Receipt& receipt) override;

private:
    std::string m_queue;
};

} // namespace sango::kiosk
