// The demo's past (issue 16, "Demo data"): about 18 months of trips before the day the demo is
// loaded, so the statistics and the service reviews have something real to show on first start.
// Deterministic (its own splitmix64 stream, no clock, no <random>): the same catalogue and `now`
// give the same history, and every date in it is relative to `now`.
#pragma once

#include "core/model.hpp"
#include "core/review.hpp"

#include <vector>

namespace liaoxiu {

// The demo worker who travelled: holds a confirmed place on a trip that ended two days before
// the load day (China), not yet reviewed, so 我的 → 待评价 shows on first start.
inline constexpr const char* kDemoTravellerId = "w-demo-traveller";
inline constexpr const char* kDemoTravellerLogin = "traveller";

struct DemoHistory {
    // Past trips: locked ones with confirmed places (synthetic workers "w-h-<unit>-<n>" of the
    // catalogue's units, a few from other units of the same alliance: cross-unit pooling), some
    // expired and cancelled ones (places released), and the traveller's trip (the last one).
    std::vector<GroupTrip> groups;
    std::vector<Review> reviews;  // every itinerary member of the used routes gets at least 5
    std::vector<StandingMark> marks;  // the weakest member: rectification; the best: exemplary
    Id traveller_group;
    Id traveller_unit;
    Id weak_member;       // scores 1..3
    Id excellent_member;  // scores 4..5, mostly 5
};

// Nothing when the catalogue has no published route with an itinerary, or no unit.
DemoHistory generate_history(const Catalogue& catalogue, Instant now);

}  // namespace liaoxiu
