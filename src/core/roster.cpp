#include "core/roster.hpp"

#include "core/csv.hpp"
#include "core/dates.hpp"
#include "core/group_trip.hpp"


namespace liaoxiu {
namespace {

std::string unit_name(const std::vector<Unit>& units, const Id& id) {
    for (const auto& unit : units)
        if (unit.id == id) return unit.name;
    return id;
}

}  // namespace

Roster make_roster(const GroupTrip& trip, const Actor& viewer, const std::map<Id, RosterPerson>& people,
                   const std::vector<Unit>& units, const std::map<std::int64_t, std::string>& reasons) {
    Roster roster;
    roster.group = trip.id;
    for (const auto& place : trip.places) {
        if (sees_worker(viewer, place)) {
            RosterWorker worker;
            worker.worker = place.worker.str();
            worker.unit = place.unit.str();
            worker.state = place.state;
            worker.seq = place.seq;
            worker.since = place.since;
            if (auto person = people.find(worker.worker); person != people.end()) {
                worker.name = person->second.name;
                worker.member_number = person->second.member_number;
            }
            if (auto reason = reasons.find(place.seq); reason != reasons.end()) worker.reason = reason->second;
            roster.workers.push_back(std::move(worker));
            continue;
        }
        if (!holds_place(place.state)) continue;  // another unit's history is not counted
        RosterUnitCount* count = nullptr;
        for (auto& other : roster.other_units)
            if (other.unit == place.unit) count = &other;
        if (!count) {
            roster.other_units.push_back(RosterUnitCount{place.unit.str(), unit_name(units, place.unit.str()), 0, 0});
            count = &roster.other_units.back();
        }
        if (place.state == PlaceState::confirmed) {
            ++count->confirmed;
        } else {
            ++count->waiting;
        }
    }
    return roster;
}

std::string_view place_state_zh(PlaceState state) {
    switch (state) {
        case PlaceState::confirmed: return "已确认";
        case PlaceState::waitlisted: return "候补";
        case PlaceState::offered: return "待确认名额";
        case PlaceState::withdrawn: return "已退出";
        case PlaceState::offer_expired: return "名额已过期";
        case PlaceState::released: return "已释放";
        case PlaceState::pending_approval: return "待审批";
        case PlaceState::declined: return "审批未通过";
        case PlaceState::approval_lapsed: return "审批超时";
    }
    return "";
}

std::string roster_csv(const Roster& roster, const std::vector<Unit>& units) {
    csv::Writer out;
    out.row({"姓名", "工号", "单位", "状态", "报名时间"});
    for (const auto& worker : roster.workers) {
        if (!holds_place(worker.state)) continue;
        out.row({worker.name, worker.member_number, unit_name(units, worker.unit), std::string(place_state_zh(worker.state)),
                 format_china_time(worker.since)});
    }
    return out.take();
}

std::string roster_csv_name(const Roster& roster) { return "名单-" + roster.group + ".csv"; }

}  // namespace liaoxiu
