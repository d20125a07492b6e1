#pragma once
// The benchmarks' seam into the store, apart from its API: the same engine, schema and writes as EventStore::create,
// but without encryption, so that a benchmark can show what encryption costs (tests/bench/bench_terminal.cpp).
// No program of the product includes this header: a Sango store is always encrypted.
#include <filesystem>

#include "sango/clock.h"
#include "sango/error.h"
#include "sango/event_store.h"

namespace sango {

// Creates a plain store in `file` (an empty database file, or none) from the same first events as a new store.
Expected<EventStore> plainStoreForBenchmark(const std::filesystem::path& file, const InitialConfig& config,
                                            Instant now);

} // namespace sango
