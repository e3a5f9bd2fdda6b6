// A deterministic generator of large catalogues, for benchmarks and scale tests
// (search over 10,000 routes, sync of 20,000 group trips, the UI's list views).
//
// The same spec and seed give the same catalogue on every platform: the generator
// uses its own splitmix64 stream and integer arithmetic only, never <random>'s
// distributions (whose results differ between standard libraries, and so between
// the native build and wasm).
//
// What comes out obeys the rules the real data obeys: every route passes
// validate_route and is bookable (its stops are active members of its own alliance,
// at least 3 categories, a stay and a wellness stop), validate_catalogue reports no
// errors, group trips appear in every state with places that agree with
// derive_state at kScaleReferenceNow, and no worker holds two overlapping trips.
#pragma once

#include "model.hpp"

#include <cstdint>

namespace liaoxiu {

struct ScaleSpec {
    int routes = 10000;
    int members = 5000;   // raised to 4 per alliance when lower: a valid route needs 4 categories' members
    int groups = 20000;
};

// The clock the generated group states are consistent with: 2026-11-29 10:00 China time.
inline constexpr Instant kScaleReferenceNow = 1795917600;

// Exactly spec.routes routes and spec.groups groups; spec.members members (see above);
// 8 or more units (one per 10 groups); two policy articles per alliance.
Catalogue generate_catalogue(const ScaleSpec& spec, std::uint64_t seed);

}  // namespace liaoxiu
