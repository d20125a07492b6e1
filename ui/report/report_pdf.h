#pragma once
// The printable statement out of the process: PDF bytes, a PDF file (written beside its place, synced and
// renamed, mode 0600: coupon ids are nobody else's business), or a printer. Fonts are embedded (Qt embeds
// the subsets it used). Needs a QGuiApplication on this thread (offscreen is fine).
#include <filesystem>
#include <string_view>

#include <QByteArray>

#include "report_document.h"
#include "sango/error.h"

class QPrinter;

namespace sango::report {

Expected<QByteArray> renderPdf(const ReportDocument& doc);
Expected<void> writePdf(const ReportDocument& doc, const std::filesystem::path& file);

// Sets the printer up for the document (A4, orientation, job name); call before a print dialog.
void preparePrinter(const ReportDocument& doc, QPrinter& printer);
// Prints on the printer as it is set up (a system printer, or QPrinter::PdfFormat with an output file).
Expected<void> print(const ReportDocument& doc, QPrinter& printer);

// bytes to file atomically (temporary file in the same folder, fsync, rename, fsync of the folder), mode 0600.
// disk_full when the disk is full, else invalid_argument naming the file and what to check.


} // namespace sango::report
