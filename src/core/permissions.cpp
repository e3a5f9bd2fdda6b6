#include "core/permissions.hpp"

#include "core/group_trip.hpp"

namespace liaoxiu {
namespace {

DomainError forbidden(std::string zh, std::string en, std::string path = {}) {
    return make_error("forbidden", std::move(zh), std::move(en), std::move(path));
}

}  // namespace

std::optional<DomainError> open_group_forbidden(const Actor& by, const Id& organizer_unit) {
    if (by.role != Role::organizer)
        return forbidden("只有单位工会可以发起拼团", "only a unit's union can open a group trip");
    if (organizer_unit != by.unit)
        return forbidden("只能以本单位名义发起拼团", "a union opens group trips for its own unit only", "organizer_unit");
    return std::nullopt;
}

bool manages_group(const Actor& by, const GroupTrip& trip) {
    return by.role == Role::secretariat || (by.role == Role::organizer && by.unit == trip.organizer_unit);
}

std::optional<DomainError> cancel_forbidden(const Actor& by, const GroupTrip* trip) {
    if (by.role == Role::worker)
        return forbidden("职工不能取消拼团，只有组团单位工会或联盟秘书处可以取消",
                         "a worker cannot cancel a group trip: only the organizing unit's union or the secretariat can");
    if (trip != nullptr && !manages_group(by, *trip))
        return forbidden("只有组团单位工会或联盟秘书处可以取消该拼团",
                         "only the organizing unit's union or the secretariat can cancel this group trip");
    return std::nullopt;
}

std::optional<DomainError> join_forbidden(const Actor& by) {
    if (by.role != Role::worker) return forbidden("只有职工可以报名", "only workers join group trips");
    return std::nullopt;
}

std::optional<DomainError> accept_offer_forbidden(const Actor& by) {
    if (by.role != Role::worker) return forbidden("只有职工可以接受名额", "only workers accept an offered place");
    return std::nullopt;
}

std::optional<DomainError> withdraw_forbidden(const Actor& by, const Id& whose, const GroupTrip* trip) {
    if (whose == by.account) {
        if (by.role != Role::worker) return forbidden("请指明要退出的职工", "name the worker whose place to free");
        return std::nullopt;
    }
    if (by.role == Role::worker) return forbidden("职工只能退出自己的报名", "a worker can only withdraw their own place");
    if (trip == nullptr || manages_group(by, *trip)) return std::nullopt;
    // A union answers for its own workers wherever they joined.
    for (const auto& place : trip->places)
        if (place.worker == whose && by.role == Role::organizer && place.unit == by.unit) return std::nullopt;
    return forbidden("只有本单位工会、组团单位工会或联盟秘书处可以为职工退团",
                     "only the worker's own union, the organizing unit's union or the secretariat can withdraw a worker");
    return std::nullopt;
}

std::optional<DomainError> create_account_forbidden(const Actor& by, Role role, const Id& unit) {
    if (by.role == Role::secretariat || (by.role == Role::organizer && role == Role::worker && unit == by.unit))
        return std::nullopt;
    return forbidden("无权创建该账号（工会只能为本单位职工开户）",
                     "not allowed to create this account (an organizer may only add workers of its own unit)");
}

// ---- the unit union's desk -----------------------------------------------------------

std::optional<DomainError> roster_forbidden(const Actor& by, const GroupTrip* trip) {
    if (by.role == Role::worker)
        return forbidden("职工不能查看拼团名单", "a worker cannot see a group trip's roster");
    if (by.role == Role::secretariat || trip == nullptr) return std::nullopt;
    if (unit_takes_part(*trip, by.unit)) return std::nullopt;
    return forbidden("本单位未参加该拼团，不能查看名单",
                     "your unit neither opened this group trip nor has a place on it now");
}

bool unit_takes_part(const GroupTrip& trip, const Id& unit) {
    if (unit.empty()) return false;
    if (trip.organizer_unit == unit) return true;
    for (const auto& place : trip.places)
        if (place.unit == unit && holds_place(place.state)) return true;
    return false;
}

bool sees_worker(const Actor& by, const Place& place) {
    switch (by.role) {
        case Role::secretariat: return true;
        case Role::organizer: return !by.unit.empty() && place.unit == by.unit;
        case Role::worker: return !by.account.empty() && place.worker == by.account;
    }
    return false;
}

GroupTrip places_seen_by(const GroupTrip& trip, const Actor* by) {
    GroupTrip shown = trip;
    for (auto& place : shown.places)
        if (!by || !sees_worker(*by, place)) place.worker = std::string_view();
    return shown;
}

std::optional<DomainError> add_worker_forbidden(const Actor& by, const AccountRef& worker) {
    if (by.role == Role::worker)
        return forbidden("职工只能为自己报名", "a worker can only join for themselves", "worker");
    if (by.role != Role::organizer)
        return forbidden("只有单位工会可以为本单位职工报名", "only a unit's union adds its workers to a group trip",
                         "worker");
    if (worker.role != Role::worker)
        return forbidden("只能为职工账号报名", "only a worker account can be added to a group trip", "worker");
    if (worker.unit != by.unit)
        return forbidden("只能为本单位职工报名", "a union adds workers of its own unit only", "worker");
    return std::nullopt;
}

std::optional<DomainError> withdraw_reason_missing(const Actor& by, const Id& whose, std::string_view reason) {
    if (whose == by.account || reason_given(reason)) return std::nullopt;
    return make_error("reason_required", "为职工退出拼团须填写原因（职工会看到）",
                      "withdrawing another worker needs a reason (the worker will see it)", "reason");
}

std::optional<DomainError> unit_workers_forbidden(const Actor& by, const Id& unit) {
    if (by.role == Role::secretariat || (by.role == Role::organizer && by.unit == unit)) return std::nullopt;
    return forbidden("只有本单位工会或联盟秘书处可以查看本单位职工账号",
                     "only the unit's union or the secretariat can list the unit's worker accounts");
}

}  // namespace liaoxiu
