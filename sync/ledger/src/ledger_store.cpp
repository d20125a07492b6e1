// The engine-neutral parts of the ledger's store: the error of a write that lost a race.
#include "ledger_store.h"

namespace sango::ledger {

namespace {

// Marks a conflict among the store errors. Errc::store_in_use is what a person reads if every retry lost too
// (exit status 3, "try again"); the mark tells the ledger that running the request again may succeed.
constexpr std::string_view kConflictMark = "store_conflict";

} // namespace

Error conflictError(std::string what)
{
    return Error{Errc::store_in_use, "another ledger process wrote the same record at the same moment (" +
                                         std::move(what) + "): try again",
                 std::string(kConflictMark)};
}

bool isConflict(const Error& e)
{
    return e.code == Errc::store_in_use && e.wireCode == kConflictMark;
}

} // namespace sango::ledger
