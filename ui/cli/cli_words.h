#pragma once
// The words of the `sango` command line in Japanese, English and Simplified Chinese: for each result code a
// short instruction for staff and a plain one for the mother, and the messages of outcomes that are not
// failures. The result codes' words are shared with the kiosk (ui/i18n/result_words.h); the command line's
// own are in cli_words.cpp (QT_TRANSLATE_NOOP, context "sango::cli::Words");
// their Japanese and Chinese are in the shared Qt Linguist catalogues of ui/i18n, read here with a QTranslator
// of our own (no QCoreApplication is needed, and nothing is installed application-wide).
#include <memory>
#include <string>

#include "cli_language.h"
#include "sango/error.h"

class QTranslator;

namespace sango::cli {

// Outcomes that are not failures.
enum class Outcome { verified, opened, closed, ignored, cancelled, corrected, paper_recorded, staff_added,
                     store_created, audit_intact, enrolled, backup_written, store_restored };

class Words {
public:
    // Loads :/i18n/sango_<lang>.qm (English is the source language and needs none).
    explicit Words(Lang lang);
    ~Words();
    Words(const Words&) = delete;
    Words& operator=(const Words&) = delete;

    Lang lang() const { return m_lang; }
    // What staff should know and do, one sentence.
    std::string staff(Errc code) const;
    // For the mother, in plain words (refusal codes only; empty for others).
    std::string mother(Errc code) const;
    std::string outcome(Outcome o) const;

private:
    std::string text(const char* context, const char* source) const;

    Lang m_lang;
    std::unique_ptr<QTranslator> m_translator;
    bool m_loaded = false;
};

} // namespace sango::cli
