// The English source strings of the command line's own words (cli_words.h), marked for lupdate; their Japanese
// and Chinese translations are in ui/i18n/sango_ja.ts and sango_zh_CN.ts, context "sango::cli::Words". The words
// for result codes that the kiosk shows too come from ui/i18n/result_words.cpp, context "ResultWords".
#include "cli_words.h"

#include <QString>
#include <QTranslator>

#include "catalogues.h"
#include "result_words.h"

namespace sango::cli {

namespace {

constexpr const char* kContext = "sango::cli::Words";

// The staff words whose remedy is the command line's own (an option, another command); every other code's
// words are shared with the kiosk (sango/i18n result_words.h).
const char* ownStaffSource(Errc code)
{
    switch (code) {
    case Errc::store_missing:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "No store was found in the data directory. Check --data-dir, or create one with "
                                 "sango init.");
    case Errc::key_missing:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "The store's key file is missing. Restore it from backup or name it with "
                                 "--key-file. Nothing was changed.");
    case Errc::store_in_use:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "The store is in use by another program (the kiosk, `sango sync`, or a restore). "
                                 "Nothing was changed. Stop that program (the kiosk: `systemctl stop sango-kiosk`) "
                                 "or wait for it to finish, then try again.");
    case Errc::schema_too_new:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "This store or backup was made by a newer version of Sango. Nothing was changed. "
                                 "Install that version of Sango or a later one.");
    case Errc::invalid_argument:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "The command or its arguments are not valid. Check them and try again.");
    default:
        return nullptr;
    }
}

const char* outcomeSource(Outcome o)
{
    switch (o) {
    case Outcome::verified:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "The coupon is valid.");
    case Outcome::opened:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Session started.");
    case Outcome::closed:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Session ended. The time was recorded.");
    case Outcome::ignored:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Already scanned a moment ago: nothing changed.");
    case Outcome::cancelled:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Session cancelled. No time was used.");
    case Outcome::corrected:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Correction recorded.");
    case Outcome::paper_recorded:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Paper ticket session recorded.");
    case Outcome::staff_added:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Staff member added.");
    case Outcome::store_created:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Encrypted store created.");
    case Outcome::audit_intact:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "The event log is intact.");
    case Outcome::enrolled:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "This terminal is enrolled with the municipal ledger. `sango sync` synchronises "
                                 "it.");
    case Outcome::backup_written:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "Backup written and checked. The key file (store.key) is not in it: keep the key "
                                 "safe separately.");
    case Outcome::store_restored:
        return QT_TRANSLATE_NOOP("sango::cli::Words",
                                 "The store was restored from the backup and checked.");
    }
    return nullptr;
}

} // namespace

Words::Words(Lang lang) : m_lang(lang), m_translator(std::make_unique<QTranslator>())
{
    if (lang != Lang::en)
        m_loaded = m_translator->load(i18n::catalogue(catalogueName(lang)));
}

Words::~Words() = default;

std::string Words::text(const char* context, const char* source) const
{
    if (source == nullptr)
        return {};
    if (m_loaded) {
        const QString t = m_translator->translate(context, source);
        if (!t.isEmpty())
            return t.toStdString();
    }
    return source;
}

std::string Words::staff(Errc code) const
{
    if (const char* own = ownStaffSource(code))
        return text(kContext, own);
    return text(i18n::kResultWordsContext, i18n::staffWordsFor(code));
}

std::string Words::mother(Errc code) const
{
    return text(i18n::kResultWordsContext, i18n::motherWordsFor(code));
}

std::string Words::outcome(Outcome o) const
{
    return text(kContext, outcomeSource(o));
}

} // namespace sango::cli
