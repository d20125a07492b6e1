#pragma once
// The words every front-end shows for a result code: a plain sentence for the mother when her coupon or visit
// is refused, and a one-sentence instruction for staff. One home for both, so the kiosk's screen, the `sango`
// command line and their translations cannot drift apart.
//
// These are English source strings marked for lupdate (context "ResultWords"); translate them with
// QCoreApplication::translate or a QTranslator in that context.
#include "sango/error.h"

namespace sango::i18n {

inline constexpr const char* kResultWordsContext = "ResultWords";

// The mother's words for a refusal; nullptr for codes that are not a refusal of her coupon or visit (the
// store, set-up, sign-in and the ledger), for which a front-end says something of its own or nothing.
const char* motherWordsFor(Errc code);

// Staff's instruction; nullptr for the few codes whose remedy names the front-end's own means (a command-line
// option, a screen), which each front-end words itself.
const char* staffWordsFor(Errc code);

} // namespace sango::i18n
