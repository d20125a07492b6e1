#include "report_translation.h"

#include "catalogues.h"

#include <QTranslator>

namespace sango::report {

ReportTranslation::ReportTranslation(std::string_view language) : m_translator(std::make_unique<QTranslator>())
{
    if (language != "en" && !language.empty())
        m_loaded = m_translator->load(catalogue(language));
}

ReportTranslation::~ReportTranslation() = default;

QString ReportTranslation::text(const char* source) const
{
    if (m_loaded) {
        const QString t = m_translator->translate(kReportContext, source);
        if (!t.isEmpty())
            return t;
    }
    return QString::fromUtf8(source);
}

QString ReportTranslation::catalogue(std::string_view language)
{
    return i18n::catalogue(language);
}

} // namespace sango::report
