#include "receipt_job.h"

#include <QThreadPool>

#include "kiosk_log.h"
#include "queue_printer.h"
#include "sango/coupon_id.h"
#include "sango/hal/escpos_printer.h"
#include "sango/hal/receipt_target.h"

namespace sango::kiosk {

namespace {

std::string hoursAndMinutes(std::int64_t minutes)
{
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

// "2026-04-03 10:00" from the ISO text of the municipality's local time.
std::string wallClock(const LocalTime& local, Instant at)
{
    const std::string iso = local.format(at);
    return iso.size() >= 16 ? iso.substr(0, 10) + " " + iso.substr(11, 5) : iso;
}

} // namespace

hal::Receipt ReceiptJob::receiptFor(const SessionRecord& s, std::optional<std::int64_t> balanceMinutes,
                                    const LocalTime& local)
{
    hal::Receipt r;
    r.title = "Postpartum care record";
    r.lines.push_back({"Coupon", couponid::masked(s.couponId, "*")}); // paper leaves the counter: masked
    r.lines.push_back({"Care", std::string(toString(s.service))});
    r.lines.push_back({"Start", wallClock(local, s.start)});
    if (s.stop)
        r.lines.push_back({"Stop", wallClock(local, *s.stop)});
    r.lines.push_back({"Billed", hoursAndMinutes(s.billedMinutes.value_or(0))});
    if (balanceMinutes)
        r.lines.push_back({"Left", hoursAndMinutes(*balanceMinutes)});
    r.lines.push_back({"Session", s.sessionId});
    return r;
}

Expected<std::unique_ptr<hal::ReceiptPrinter>> ReceiptJob::printerFor(const std::string& setting,
                                                                      const std::filesystem::path& dataDir)
{
    auto target = hal::ReceiptTarget::parse(setting, dataDir);
    if (!target)
        return tl::unexpected(target.error());
    switch (target->kind) {
    case hal::ReceiptTarget::Kind::device: return std::make_unique<hal::EscPosPrinter>(target->name);
    case hal::ReceiptTarget::Kind::queue: return std::make_unique<QueuePrinter>(target->name);
    case hal::ReceiptTarget::Kind::none: break;
    }
    return std::make_unique<hal::NullReceiptPrinter>();
}

void ReceiptJob::printInBackground(const std::string& setting, const std::filesystem::path& dataDir,
                                   hal::Receipt receipt)
{
    QThreadPool::globalInstance()->start([setting, dataDir, receipt = std::move(receipt)] {
        auto printer = printerFor(setting, dataDir);
        if (!printer) {
            qCWarning(lcKiosk).noquote() << "receipt not printed:" << QString::fromStdString(printer.error().message);
            return;
        }
        const Expected<void> printed = (*printer)->print(receipt);
        if (!printed)
            qCWarning(lcKiosk).noquote() << "receipt not printed:" << QString::fromStdString(printed.error().message);
    });
}

} // namespace sango::kiosk
