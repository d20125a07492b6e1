#include "receipt_job.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPrinter>
#include <QThreadPool>

#include "kiosk_log.h"
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

// One small page through a print queue (CUPS): the title, then "label  value" lines in a fixed-width font.
Expected<void> printOnQueue(const std::string& queue, const hal::Receipt& receipt)
{
    QPrinter printer;
    printer.setPrinterName(QString::fromStdString(queue));
    if (!printer.isValid() || printer.printerName() != QString::fromStdString(queue))
        return fail(Errc::store_io, "there is no print queue named " + queue + ": check the receipt printer setting");
    printer.setDocName(QStringLiteral("Sango receipt"));
    QPainter painter;
    if (!painter.begin(&printer))
        return fail(Errc::store_io, "the print queue " + queue + " cannot be printed on: check the printer");
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setStyleHint(QFont::Monospace);
    font.setPointSizeF(10);
    painter.setFont(font);
    const qreal line = QFontMetricsF(font, &printer).height() * 1.2;
    qreal y = line;
    painter.drawText(QPointF(0, y), QString::fromStdString(receipt.title));
    for (const hal::ReceiptLine& l : receipt.lines) {
        y += line;
        painter.drawText(QPointF(0, y), QString::fromStdString(l.label + "  " + l.value));
    }
    if (!painter.end())
        return fail(Errc::store_io, "the receipt could not be sent to the print queue " + queue);
    return {};
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

void ReceiptJob::printInBackground(const std::string& setting, const std::filesystem::path& dataDir,
                                   hal::Receipt receipt)
{
    QThreadPool::globalInstance()->start([setting, dataDir, receipt = std::move(receipt)] {
        auto target = hal::ReceiptTarget::parse(setting, dataDir);
        if (!target) {
            qCWarning(lcKiosk).noquote() << "receipt not printed:" << QString::fromStdString(target.error().message);
            return;
        }
        Expected<void> printed;
        if (target->kind == hal::ReceiptTarget::Kind::device) {
            hal::EscPosPrinter printer(target->name);
            printed = printer.print(receipt);
        } else if (target->kind == hal::ReceiptTarget::Kind::queue) {
            printed = printOnQueue(target->name, receipt);
        }
        if (!printed)
            qCWarning(lcKiosk).noquote() << "receipt not printed:" << QString::fromStdString(printed.error().message);
    });
}

} // namespace sango::kiosk
