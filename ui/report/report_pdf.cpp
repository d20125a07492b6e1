#include "report_pdf.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <QBuffer>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QPrinter>

#include "report_renderer.h"
#include "sango/atomic_file.h"

namespace sango::report {

namespace {

Expected<void> needApplication()
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return fail(Errc::not_available, "a printable report needs a QGuiApplication (fonts): create one first");
    return {};
}

} // namespace

Expected<QByteArray> renderPdf(const ReportDocument& doc)
{
    SANGO_TRY(needApplication());
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageLayout(ReportRenderer::pageLayout(doc));
        writer.setResolution(300);
        writer.setTitle(ReportRenderer::title(doc));
        writer.setCreator(QStringLiteral("Sango"));
        if (!ReportRenderer::paint(doc, writer))
            bytes.clear();
    }
    if (!bytes.startsWith("%PDF"))
        return fail(Errc::not_available, "the PDF could not be made; check that the fonts (fonts-noto-cjk) are installed");
    return bytes;
}

Expected<void> writePdf(const ReportDocument& doc, const std::filesystem::path& file)
{
    auto bytes = renderPdf(doc);
    if (!bytes)
        return tl::unexpected(bytes.error());
    return sango::writeFileAtomically(file, std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
}

void preparePrinter(const ReportDocument& doc, QPrinter& printer)
{
    printer.setPageLayout(ReportRenderer::pageLayout(doc));
    printer.setDocName(ReportRenderer::title(doc));
    printer.setCreator(QStringLiteral("Sango"));
}

Expected<void> print(const ReportDocument& doc, QPrinter& printer)
{
    SANGO_TRY(needApplication());
    if (!printer.isValid())
        return fail(Errc::not_available, "no printer is available: choose one in the settings, or save a PDF");
    if (!ReportRenderer::paint(doc, printer))
        return fail(Errc::not_available, "the printer could not be opened: check it is on and connected, or save a PDF");
    return {};
}

} // namespace sango::report
