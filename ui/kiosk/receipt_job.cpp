#include "receipt_job.h"

#include <QThreadPool>

#include "kiosk_log.h"
#include "sango/coupon_id.h"
#include "sango/hal/escpos_printer.h"

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
    r.lines.push_back({"Coupon", couponid::grouped(s.couponId)});
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

void ReceiptJob::printInBackground(const std::filesystem::path& device, hal::Receipt receipt)
{
    QThreadPool::globalInstance()->start([device, receipt = std::move(receipt)] {
        hal::EscPosPrinter printer(device);
        if (auto printed = printer.print(receipt); !printed)
            qCWarning(lcKiosk).noquote() << "receipt not printed:" << QString::fromStdString(printed.error().message);
    });
}

} // namespace sango::kiosk
