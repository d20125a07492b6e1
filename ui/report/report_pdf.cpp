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
    if (auto ok = needApplication(); !ok)
        return tl::unexpected(ok.error());
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
    return writeFileAtomically(file, std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
}

void preparePrinter(const ReportDocument& doc, QPrinter& printer)
{
    printer.setPageLayout(ReportRenderer::pageLayout(doc));
    printer.setDocName(ReportRenderer::title(doc));
    printer.setCreator(QStringLiteral("Sango"));
}

Expected<void> print(const ReportDocument& doc, QPrinter& printer)
{
    if (auto ok = needApplication(); !ok)
        return tl::unexpected(ok.error());
    if (!printer.isValid())
        return fail(Errc::not_available, "no printer is available: choose one in the settings, or save a PDF");
    if (!ReportRenderer::paint(doc, printer))
        return fail(Errc::not_available, "the printer could not be opened: check it is on and connected, or save a PDF");
    return {};
}

Expected<void> writeFileAtomically(const std::filesystem::path& file, std::string_view bytes)
{
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    std::string tmp = (folder / ("." + file.filename().string() + ".XXXXXX")).string();
    auto writeError = [&](int err) {
        return fail(err == ENOSPC ? Errc::disk_full : Errc::invalid_argument,
                    "cannot write " + file.string() + ": " + std::strerror(err) +
                        "; check the folder exists, is writable and has space");
    };
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0)
        return writeError(errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            ::unlink(tmp.c_str());
            return writeError(err);
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const int syncErr = errno;
    ::close(fd);
    if (!synced || ::rename(tmp.c_str(), file.c_str()) != 0) {
        const int err = synced ? errno : syncErr;
        ::unlink(tmp.c_str());
        return writeError(err);
    }
    if (const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

} // namespace sango::report
