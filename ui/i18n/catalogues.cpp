#include "catalogues.h"

namespace sango::i18n {

QString catalogue(std::string_view language)
{
    return QStringLiteral(":/i18n/sango_") +
           QString::fromUtf8(language.data(), static_cast<qsizetype>(language.size())) + QStringLiteral(".qm");
}

} // namespace sango::i18n
