#pragma once
// The words of a report in the report's own language, whatever language the screen shows: the compiled
// catalogue `:/i18n/sango_<language>.qm` (when a binary links it in) is read here, not installed in the
// application, so printing a Chinese statement does not switch the kiosk, and an English report stays
// English under a Japanese screen. Strings are marked QT_TRANSLATE_NOOP(kReportContext, ...) for lupdate.
#include <memory>
#include <string>
#include <string_view>

#include <QString>

class QTranslator;

namespace sango::report {

inline constexpr const char* kReportContext = "sango::report::ReportRenderer";

class ReportTranslation {
public:
    explicit ReportTranslation(std::string_view language);
    ~ReportTranslation();
    ReportTranslation(const ReportTranslation&) = delete;
    ReportTranslation& operator=(const ReportTranslation&) = delete;

    // True when the language's catalogue was found (English needs none and is never "loaded").
    bool loaded() const { return m_loaded; }
    // The translation of a source string of kReportContext, or the source text itself.
    QString text(const char* source) const;

    // ":/i18n/sango_ja.qm"
    static QString catalogue(std::string_view language);

private:
    std::unique_ptr<QTranslator> m_translator;
    bool m_loaded = false;
};

} // namespace sango::report
