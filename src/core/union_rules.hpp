// A trade union's rules for recuperation trips (工会规则), as pure functions: the yearly
// allowance (年度额度) a worker may use, and who pays for a trip (费用分担). The alliance's
// secretariat sets defaults; a unit's union may set its own values, field by field (a field a
// unit leaves unset takes the alliance's). The endpoint checks a join against them in the same
// writer job as the join, before a place is taken; the app shows the same words before joining.
//
// What "used" means: the worker's HELD places (group_trip.hpp's holds_place: confirmed, offered,
// waitlisted or pending approval) on trips departing in the same calendar year, China time (a Day is a China
// civil date: the year is that of the departure day; a trip over New Year counts in the year it
// leaves, all its days included). Nothing is stored as "used": a withdrawal, a cancelled group or
// an expired one (its places released) gives the allowance back by construction. A worker on a
// waiting list already uses the allowance, so accepting an offered place never needs it again;
// a place waiting for approval uses it too (it cannot be spent twice while the union decides),
// and a declined or lapsed one gives it back.
//
// Approval (审批): a unit may require its union's approval of its workers' places; the place is
// held as pending_approval until the union decides (group_trip.hpp: approve_place, decline_place,
// and advance_clock lapsing an overdue one). Priority tiers (优先) are not here yet.
#pragma once

#include "error.hpp"
#include "group_trip.hpp"
#include "model.hpp"
#include "permissions.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// A yearly allowance. Each limit is optional: unset means no limit.
struct Allowance {
    std::optional<int> trips_per_year;             // trips departing in one calendar year
    std::optional<int> days_per_year;              // days away on those trips, summed
    // Out-of-province trips at most once every N years: no two out-of-province trips whose
    // departure years differ by less than N (N = 1: at most one a year).
    std::optional<int> out_of_province_every_years;
    std::optional<Fen> cost_standard;              // per trip: the price after the union subsidy, fen

    bool operator==(const Allowance&) const = default;
};

// Whose rules: an alliance's defaults or a unit's own values ("alliance", "unit" in the API, the
// stored rows and the audit trail).
enum class RulesScope { alliance, unit };
const char* rules_scope_name(RulesScope scope);

// What an alliance (defaults) or a unit (its own values) sets. The same shape for both.
struct UnionRules {
    Allowance allowance;
    // Who pays (费用分担): the unit pays this percentage (0..100) of what remains of a route's
    // price after the union subsidy, rounded down to the fen; the worker pays the rest.
    // Unset: the alliance's; unset there too: 0 (the worker pays all that remains).
    std::optional<int> unit_share_percent;
    // Approval (审批): the unit's union approves each of its workers' places. Unset: the
    // alliance's; unset there too: off.
    std::optional<bool> approval_required;
    // How many hours before the join deadline the union's decision is due (1..720; unset: the
    // alliance's, else kDefaultDecisionHours = 48). A place taken later than that is due at the
    // deadline itself (group_trip.hpp's decision_due). After it, the place is released.
    std::optional<int> decision_hours;

    bool operator==(const UnionRules&) const = default;
};

// The approval a worker under these (effective) rules needs for a place.
ApprovalTerms approval_terms(const UnionRules& effective);

// A unit's rules merged over its alliance's: each field the unit sets wins, else the alliance's.
UnionRules effective_rules(const UnionRules& alliance, const UnionRules& unit);
Allowance effective_allowance(const Allowance& alliance, const Allowance& unit);

// Problems of rules as entered (each with `path` naming the field, code "invalid_rule"):
// negative limits, a zero every-N-years, a percent outside 0..100, decision_hours outside 1..720.
std::vector<DomainError> validate_rules(const UnionRules& rules);

// ---- Who pays ------------------------------------------------------------------------------

struct CostSplit {
    Fen union_subsidy = 0;   // the route's subsidy (never more than its price, never negative)
    Fen unit_share = 0;      // percent of (price - subsidy), rounded down
    Fen worker_share = 0;    // the rest: the three always sum to the route's price (or 0 if negative)

    bool operator==(const CostSplit&) const = default;
};

// The split of one person's price on `route` under a unit's effective rules.
CostSplit cost_split(const Route& route, const UnionRules& unit_rules);

// ---- Out of province -----------------------------------------------------------------------

// A region's province: the part of "浙江·衢州" before "·" (浙江); a region without "·" is its own
// province. The one place this is decided: a route's province is province_of(route.region), a
// worker's is province_of of their unit's alliance's region.
std::string province_of(std::string_view region);

// ---- The allowance -------------------------------------------------------------------------

// A trip the worker holds a place on, as the allowance sees it.
struct HeldTrip {
    Id group;
    Day departure = 0;
    int days = 1;
    bool out_of_province = false;

    bool operator==(const HeldTrip&) const = default;
};

// `trip` on `route` as a HeldTrip for a worker whose province is `home_province`.
HeldTrip held_trip(const GroupTrip& trip, const Route& route, std::string_view home_province);

// The China calendar year a trip departing on `departure` counts in.
int allowance_year(Day departure);

struct AllowanceUse {
    int year = 0;
    int trips = 0;
    int days = 0;
    // The departure year of the out-of-province trip nearest to `year` (before or after), if any.
    std::optional<int> nearest_out_of_province_year;

    bool operator==(const AllowanceUse&) const = default;
};

// What `held` uses of the allowance in `year`.
AllowanceUse allowance_use(const std::vector<HeldTrip>& held, int year);

// Why taking a place on `route` leaving on `departure` would exceed `allowance`, given the
// worker's other held trips (`held`: the group being joined is skipped if listed), or nothing.
// `home_province`: the worker's province (province_of their unit's alliance's region); empty =
// unknown, and then no trip counts as out of province. `unit_rules` gives the cost split the
// cost-standard message quotes. Codes (409): "allowance_trips_used", "allowance_days_exceeded",
// "out_of_province_too_soon", "over_cost_standard"; checked in that order.
std::optional<DomainError> allowance_refused(const Allowance& allowance, const std::vector<HeldTrip>& held,
                                             const Id& group, const Route& route, Day departure,
                                             std::string_view home_province);

// ---- Plain words ---------------------------------------------------------------------------

struct RulesText {
    std::string zh;
    std::string en;
};

// What a worker reads on a group screen before joining, e.g.
// "今年还可参加1次；省外每3年1次；本次自付¥1,280（工会补贴¥800，单位承担¥400）". `route` may be
// null (then no cost sentence). The year is the departure's (or `year` with no route).
RulesText rules_summary(const UnionRules& effective, const std::vector<HeldTrip>& held, int year,
                        const Route* route, std::string_view home_province);

// What the worker pays of one trip, in words: "本次自付¥1,280（工会补贴¥800，单位承担¥400）" (the
// unit's part only when it pays one). rules_summary ends with it; the join's confirmation states it.
RulesText cost_split_text(const CostSplit& split);

// "¥1,280" or "¥1,280.50": fen as yuan with thousands separators.
std::string format_yuan(Fen fen);

// ---- Visibility (可见范围) -------------------------------------------------------------------

// Whether a worker of `unit` may take a place on `trip`: any unit for an alliance-wide group,
// only the organizer's own for an own-unit one.
bool open_to_unit(const GroupTrip& trip, const Id& unit);

// ---- Who may set them --------------------------------------------------------------------

// Deciding on a worker's pending place (approve or decline): the organizer (union) of the
// worker's own unit only — not the group's organizer unless it is the same unit, not the
// secretariat. "forbidden" (not a union), "not_own_unit_worker" (another unit's union).
std::optional<DomainError> approval_forbidden(const Actor& by, const Id& worker_unit);
// Whether `by` may read a unit's approval queue: the same people (the unit's own union).
std::optional<DomainError> approval_queue_forbidden(const Actor& by, const Id& unit);

// An alliance's defaults: the secretariat only. A unit's own rules: that unit's union
// (organizer) or the secretariat. Code "forbidden", saying why.
std::optional<DomainError> alliance_rules_forbidden(const Actor& by);
std::optional<DomainError> unit_rules_forbidden(const Actor& by, const Id& unit);
// Opening an own-unit group to all units: its organizer's union or the secretariat.
std::optional<DomainError> open_to_all_forbidden(const Actor& by, const GroupTrip& trip);

}  // namespace liaoxiu
