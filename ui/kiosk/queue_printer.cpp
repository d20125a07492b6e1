#include "queue_printer.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPrinter>

namespace sango::kiosk {

Expected<void> QueuePrinter::print(const hal::Receipt& receipt)
{
    QPrinter printer;
    printer.setPrinterName(QString::fromStdString(m_queue));
    if (!printer.isValid() || printer.printerName() != QString::fromStdString(m_queue))
        return fail(Errc::store_io, "there is no print queue named " + m_queue + ": check the receipt printer setting");
    printer.setDocName(QStringLiteral("Sango receipt"));
    QPainter painter;
    if (!painter.begin(&printer))
        return fail(Errc::store_io, "the print queue " + m_queue + " cannot be printed on: check the printer");
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
        return fail(Errc::store_io, "the receipt could not be sent to the print queue " + m_queue);
    return {};
}

} // namespace sango::kiosk
