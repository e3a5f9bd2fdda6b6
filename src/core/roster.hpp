// A group trip's roster (名单) as a unit's union or the secretariat sees it: the workers
// whose names the viewer may see (core/permissions.hpp, sees_worker) one by one, every
// other unit only as counts; and the roster's CSV for the travel agency.
#pragma once

#include "core/model.hpp"
#include "core/permissions.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// One place of a worker the viewer may name, in arrival order.
struct RosterWorker {
    Id worker;
    std::string name;
    std::string member_number;
    Id unit;
    PlaceState state = PlaceState::confirmed;
    std::int64_t seq = 0;
    Instant since = 0;   // when the place entered its state
    std::string reason;  // why a union or the secretariat freed it (withdrawn by someone else)
    bool operator==(const RosterWorker&) const = default;
};

// Another unit's places, counted: confirmed, and waiting (waitlisted or offered).
struct RosterUnitCount {
    Id unit;
    std::string name;
    int confirmed = 0;
    int waiting = 0;
    bool operator==(const RosterUnitCount&) const = default;
};

struct Roster {
    Id group;
    std::vector<RosterWorker> workers;
    std::vector<RosterUnitCount> other_units;  // by first arrival
    bool operator==(const Roster&) const = default;
};

// What the roster needs to know about a worker account.
struct RosterPerson {
    std::string name;
    std::string member_number;
};

// The roster of `trip` for `viewer` (who must pass roster_forbidden): every place the viewer
// may name (names from `people`, by account id; a missing account keeps an empty name), every
// other unit's held places as counts (names from `units`). `reasons`: by place seq.
Roster make_roster(const GroupTrip& trip, const Actor& viewer, const std::map<Id, RosterPerson>& people,
                   const std::vector<Unit>& units, const std::map<std::int64_t, std::string>& reasons);

// unit_takes_part (whose union may read the roster) is permissions.hpp's.

// A place's state as the roster and its CSV write it: 已确认, 候补, 待确认名额, 已退出, ...
std::string_view place_state_zh(PlaceState state);

// The roster's workers who hold a place, as CSV (core/csv.hpp): 姓名, 工号, 单位, 状态,
// 报名时间 (when the place entered its state), unit names from `units` (else the id).
std::string roster_csv(const Roster& roster, const std::vector<Unit>& units);
// A file name for it: "名单-<group id>.csv".
std::string roster_csv_name(const Roster& roster);

}  // namespace liaoxiu
