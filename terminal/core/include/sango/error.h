#pragma once
// Expected failures are values: every fallible call returns tl::expected<T, sango::Error>. The code is a
// stable contract (it is printed as the "result" of a refusal and decides the exit status); the message is
// for a person and says what happened and what to do.
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace sango {

enum class Errc {
    // Refusals: a credential or business rule said no (exit status 2). Names are spec/cli.md result codes.
    not_a_coupon,
    malformed,
    unsupported_alg,
    unknown_key,
    bad_signature,
    bad_claims,
    wrong_municipality,
    not_yet_valid,
    expired,
    revoked,
    no_balance,
    service_not_allowed,
    unknown_coupon,
    not_enrolled,
    staff_unknown,
    not_permitted,
    session_not_found,
    too_late_to_cancel,
    invalid_time,
    already_cancelled,
    duplicate_ticket,
    events_would_be_lost, // a restore would drop events the current store holds and the backup lacks
    test_key_refused,     // a published test key in the trust store of a store not made as a demo (--demo)
    wrong_pin,          // a sign-in PIN that does not match
    locked_out,         // too many wrong PINs: sign-in waits a few minutes
    // Store errors (exit status 3).
    store_missing,
    store_exists,
    key_missing,
    wrong_key,
    store_corrupt,
    disk_full,
    store_read_only,
    store_io,
    store_in_use,   // another program has the store open (a restore needs it alone), or a restore is running
    schema_too_new, // a store or backup made by a newer Sango
    audit_broken,
    // Usage errors (exit status 1): bad arguments or input files.
    invalid_argument,
    invalid_config,
    not_available,
    // Ledger or network errors (exit status 4).
    ledger_unreachable, // no connection, timeout, connection dropped
    ledger_tls,         // the ledger's certificate or pinned key did not verify
    ledger_refused,     // the ledger answered 4xx (a bad request, signature, code ...)
    ledger_error,       // the ledger answered 5xx or something that is not its protocol
};

enum class ErrorKind { refusal, store, usage, ledger };

struct Error {
    Errc code;
    std::string message;
    // For an answer of the ledger (ledger_refused, ledger_error): the code its JSON error body gave ("replayed",
    // "terminal_revoked", or "http_404" for a refusal without one); empty otherwise. A field, so that nobody
    // parses it back out of the message.
    std::string wireCode{};
};

template <typename T>
using Expected = tl::expected<T, Error>;

// The stable snake_case name of a code, as printed in JSON output.
std::string_view toString(Errc code);
ErrorKind kindOf(Errc code);
// Exit status of spec/cli.md for a failure of this code: 1 usage, 2 refusal, 3 store, 4 ledger.
int exitStatus(Errc code);

inline tl::unexpected<Error> fail(Errc code, std::string message)
{
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

} // namespace sango

// Early return of a failure from a function that returns Expected<...>, the one way the project writes it:
//   SANGO_TRY(store.append(event));                // any Expected whose value is not needed
//   SANGO_TRY_ASSIGN(auto rows, db.rows(...));      // declares rows = the value (or assigns an existing one)
#define SANGO_TRY(expr)                                                                                        \
    do {                                                                                                       \
        auto&& sango_try_r_ = (expr);                                                                          \
        if (!sango_try_r_)                                                                                     \
            return tl::unexpected(std::move(sango_try_r_).error());                                            \
    } while (false)
#define SANGO_TRY_CONCAT_(a, b) a##b
#define SANGO_TRY_CONCAT(a, b) SANGO_TRY_CONCAT_(a, b)
#define SANGO_TRY_ASSIGN(lhs, expr) SANGO_TRY_ASSIGN_(SANGO_TRY_CONCAT(sango_try_v_, __LINE__), lhs, expr)
#define SANGO_TRY_ASSIGN_(tmp, lhs, expr)                                                                      \
    auto tmp = (expr);                                                                                         \
    if (!tmp)                                                                                                  \
        return tl::unexpected(std::move(tmp).error());                                                         \
    lhs = std::move(*tmp)
