#include "core/rules.hpp"

#include "core/group_trip.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>

namespace liaoxiu {
namespace {

DomainError problem(ErrorCode code, std::string zh, std::string en, std::string path,
                    Severity severity = Severity::error) {
    return make_error(code, std::move(zh), std::move(en), std::move(path), severity);
}

std::string join_path(const std::string& parent, const std::string& child) {
    if (parent.empty()) return child;
    if (!child.empty() && child.front() == '[') return parent + child;
    return parent + "." + child;
}

std::string indexed(const std::string& name, std::size_t i) { return name + "[" + std::to_string(i) + "]"; }

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

const char* category_zh(Category c) {
    switch (c) {
        case Category::reception: return "核心接待类";
        case Category::experience: return "资源体验类";
        case Category::wellness: return "康养服务类";
        case Category::support: return "配套保障类";
    }
    return "";
}

// A stop at a member that is suspended or has left: a warning, with the secretariat's reason,
// told to whoever meets the route (the designer, and workers as a booking hold).
DomainError member_not_active(const Member& member, std::string path) {
    const bool exited = member.status == MemberStatus::exited;
    const std::string& why = member.status_reason;
    return problem("member_not_active",
                   "成员单位“" + member.name + "”" + (exited ? "已退出联盟" : "已暂停服务") +
                       (why.empty() ? "" : "（" + why + "）") + "，线路暂不可预订",
                   "member " + in_quotes(member.id) + (exited ? " has left the alliance" : " is suspended") +
                       (why.empty() ? "" : " (" + why + ")") + "; the route cannot be booked for now",
                   std::move(path), Severity::warning);
}

// validate_route written once over any way of finding a member by id.
template <class FindMember>
std::vector<DomainError> check_route(const Route& route, FindMember&& find_member) {
    std::vector<DomainError> out;
    if (route.id.empty()) out.push_back(problem("missing_id", "线路缺少编号", "the route has no id", "id"));
    if (route.title.empty())
        out.push_back(problem("missing_title", "线路缺少名称", "the route has no title", "title"));
    if (route.days < 1)
        out.push_back(problem("invalid_days", "行程天数至少为 1 天", "a route lasts at least one day", "days"));
    if (route.nights < 0 || route.nights > std::max(route.days, 0))
        out.push_back(problem("invalid_nights", "住宿晚数须在 0 到行程天数之间",
                              "nights must be between 0 and the number of days", "nights"));
    if (route.price < 0)
        out.push_back(problem("invalid_price", "价格不能为负数", "the price cannot be negative", "price"));
    if (route.subsidy < 0 || route.subsidy > std::max<Fen>(route.price, 0))
        out.push_back(problem("invalid_subsidy", "补贴须在 0 到价格之间",
                              "the subsidy must be between 0 and the price", "subsidy"));

    std::set<Category> categories;
    bool has_stay = false;
    bool has_wellness = false;
    std::set<int> days_seen;
    for (std::size_t d = 0; d < route.itinerary.size(); ++d) {
        const ItineraryDay& day = route.itinerary[d];
        const std::string day_path = indexed("itinerary", d);
        if (day.day < 1 || day.day > route.days) {
            out.push_back(problem("itinerary_day_out_of_range",
                                  "行程第 " + std::to_string(day.day) + " 天超出行程天数 " + std::to_string(route.days),
                                  "itinerary day " + std::to_string(day.day) + " is outside 1.." +
                                      std::to_string(route.days),
                                  join_path(day_path, "day")));
        } else if (!days_seen.insert(day.day).second) {
            out.push_back(problem("itinerary_day_repeated", "行程第 " + std::to_string(day.day) + " 天重复出现",
                                  "itinerary day " + std::to_string(day.day) + " appears twice",
                                  join_path(day_path, "day")));
        }
        for (std::size_t s = 0; s < day.stops.size(); ++s) {
            const Stop& stop = day.stops[s];
            const std::string member_path = join_path(join_path(day_path, indexed("stops", s)), "member");
            if (stop.kind == StopKind::stay) has_stay = true;
            if (stop.kind == StopKind::wellness) has_wellness = true;
            const Member* member = find_member(stop.member);
            if (member == nullptr) {
                out.push_back(problem("unknown_member", "未知的成员单位编号 " + in_quotes(stop.member),
                                      "unknown member id " + in_quotes(stop.member), member_path));
                continue;
            }
            categories.insert(member->category);
            if (member->status != MemberStatus::active) out.push_back(member_not_active(*member, member_path));
        }
    }
    if (static_cast<int>(categories.size()) < kMinRouteCategories) {
        std::string linked_zh;
        for (Category c : categories) linked_zh += std::string(linked_zh.empty() ? "" : "、") + category_zh(c);
        out.push_back(problem("too_few_categories",
                              "线路须联动至少 " + std::to_string(kMinRouteCategories) + " 类成员单位，目前只有 " +
                                  std::to_string(categories.size()) + " 类" +
                                  (linked_zh.empty() ? "" : "（" + linked_zh + "）"),
                              "a route must link members of at least " + std::to_string(kMinRouteCategories) +
                                  " categories; it links " + std::to_string(categories.size()),
                              "itinerary"));
    }
    if (!has_stay)
        out.push_back(problem("missing_stay", "线路缺少住宿安排", "the route has no stay", "itinerary"));
    if (!has_wellness)
        out.push_back(problem("missing_wellness", "线路缺少康养项目", "the route has no wellness stop", "itinerary"));
    return out;
}

std::vector<DomainError> prefixed(std::vector<DomainError> problems, const std::string& prefix) {
    for (DomainError& p : problems) {
        p.path = join_path(prefix, p.path);
        const std::string where = p.path + ": ";
        p.message_en = where + p.message_en;
        p.message_zh = p.path + "：" + p.message_zh;
    }
    return problems;
}

// Reports empty and repeated ids of one kind of record; returns the set of ids.
template <class Record>
std::unordered_set<std::string_view> check_ids(const std::vector<Record>& records, const std::string& list,
                                               const char* kind_zh, std::vector<DomainError>& out) {
    std::unordered_set<std::string_view> ids;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string path = join_path(indexed(list, i), "id");
        const Id& id = records[i].id;
        if (id.empty()) {
            out.push_back(problem("missing_id", path + "：" + kind_zh + "缺少编号", path + ": the id is empty", path));
        } else if (!ids.insert(id).second) {
            out.push_back(problem("duplicate_id", path + "：" + kind_zh + "编号 " + in_quotes(id) + " 重复",
                                  path + ": duplicate id " + in_quotes(id), path));
        }
    }
    return ids;
}

void check_reference(const std::unordered_set<std::string_view>& ids, std::string_view ref, const std::string& path,
                     const char* kind_zh, const char* kind_en, std::vector<DomainError>& out) {
    if (ids.count(ref) == 0)
        out.push_back(problem("unknown_reference", path + "：未知的" + kind_zh + "编号 " + in_quotes(ref),
                              path + ": unknown " + kind_en + " id " + in_quotes(ref), path));
}

}  // namespace

MemberDirectory::MemberDirectory(const Catalogue& catalogue) {
    by_id_.reserve(catalogue.members.size());
    for (const Member& m : catalogue.members) by_id_.emplace(m.id, &m);  // first of duplicates wins
}

const Member* MemberDirectory::find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
}

std::vector<DomainError> validate_route(const Route& route, const Catalogue& catalogue) {
    // A linear search is cheaper than building an index for one route.
    return check_route(route, [&](std::string_view id) -> const Member* {
        for (const Member& m : catalogue.members)
            if (m.id == id) return &m;
        return nullptr;
    });
}

std::vector<DomainError> validate_route(const Route& route, const MemberDirectory& members) {
    return check_route(route, [&](std::string_view id) { return members.find(id); });
}

std::vector<DomainError> draft_refusals(const std::vector<DomainError>& problems) {
    std::vector<DomainError> out;
    for (const DomainError& p : problems)
        if (p.code == "unknown_member" || p.code == "missing_id") out.push_back(p);
    return out;
}

std::vector<DomainError> validate_policy(const Policy& policy) {
    std::vector<DomainError> out;
    if (policy.id.empty()) out.push_back(problem("missing_id", "政策缺少编号", "the policy has no id", "id"));
    if (policy.title.empty())
        out.push_back(problem("missing_title", "政策缺少标题", "the policy has no title", "title"));
    if (policy.body.empty())
        out.push_back(problem("missing_body", "政策缺少正文", "the policy has no text", "body"));
    return out;
}

std::vector<DomainError> validate_policy(const Policy& policy, const std::vector<Id>& known_routes) {
    std::vector<DomainError> out = validate_policy(policy);
    const std::unordered_set<std::string_view> known(known_routes.begin(), known_routes.end());
    for (std::size_t i = 0; i < policy.routes.size(); ++i)
        if (known.count(policy.routes[i]) == 0)
            out.push_back(problem("unknown_reference", "未知的线路编号 " + in_quotes(policy.routes[i]),
                                  "unknown route id " + in_quotes(policy.routes[i]), indexed("routes", i)));
    return out;
}

std::vector<DomainError> booking_holds(const Route& route,
                                       const std::function<const Member*(std::string_view)>& find_member) {
    std::vector<DomainError> holds;
    std::vector<const Member*> told;  // a member with two stops is one hold
    for (const ItineraryDay& day : route.itinerary) {
        for (const Stop& stop : day.stops) {
            const Member* member = find_member(stop.member);
            if (!member || member->status == MemberStatus::active) continue;
            if (std::find(told.begin(), told.end(), member) != told.end()) continue;
            told.push_back(member);
            holds.push_back(member_not_active(*member, {}));
        }
    }
    return holds;
}

bool route_bookable(const Route& route, const Catalogue& catalogue) {
    return route.status == PublishStatus::published && validate_route(route, catalogue).empty();
}

bool route_bookable(const Route& route, const MemberDirectory& members) { return !booking_refused(route, members); }

std::optional<DomainError> booking_refused(const Route& route, const MemberDirectory& members) {
    if (route.status != PublishStatus::published)
        return make_error("route_not_bookable", "线路尚未发布，暂不可预订", "the route is not published");
    const auto problems = validate_route(route, members);
    if (problems.empty()) return std::nullopt;
    return make_error("route_not_bookable", "线路暂不可预订：" + problems.front().message_zh,
                      "the route cannot be booked: " + problems.front().message_en);
}

const DomainError* first_error(const std::vector<DomainError>& problems) {
    auto found = std::find_if(problems.begin(), problems.end(),
                              [](const DomainError& p) { return p.severity == Severity::error; });
    return found == problems.end() ? nullptr : &*found;
}

bool has_errors(const std::vector<DomainError>& problems) { return first_error(problems) != nullptr; }

std::vector<DomainError> validate_catalogue(const Catalogue& catalogue) {
    std::vector<DomainError> out;
    const auto alliance_ids = check_ids(catalogue.alliances, "alliances", "联盟", out);
    check_ids(catalogue.members, "members", "成员单位", out);
    const auto route_ids = check_ids(catalogue.routes, "routes", "线路", out);
    check_ids(catalogue.policies, "policies", "政策", out);
    const auto unit_ids = check_ids(catalogue.units, "units", "单位", out);
    check_ids(catalogue.groups, "groups", "拼团", out);

    for (std::size_t i = 0; i < catalogue.members.size(); ++i)
        check_reference(alliance_ids, catalogue.members[i].alliance, join_path(indexed("members", i), "alliance"),
                        "联盟", "alliance", out);

    const MemberDirectory members(catalogue);
    for (std::size_t i = 0; i < catalogue.routes.size(); ++i) {
        const Route& route = catalogue.routes[i];
        const std::string path = indexed("routes", i);
        check_reference(alliance_ids, route.alliance, join_path(path, "alliance"), "联盟", "alliance", out);
        auto found = check_route(route, [&](std::string_view id) { return members.find(id); });
        if (route.status != PublishStatus::published) found = draft_refusals(found);  // work in progress
        auto problems = prefixed(std::move(found), path);
        // check_ids already reported an empty route id with its path.
        for (DomainError& p : problems)
            if (p.code != "missing_id") out.push_back(std::move(p));
    }

    for (std::size_t g = 0; g < catalogue.groups.size(); ++g) {
        const GroupTrip& trip = catalogue.groups[g];
        const std::string path = indexed("groups", g);
        check_reference(route_ids, trip.route, join_path(path, "route"), "线路", "route", out);
        check_reference(unit_ids, trip.organizer_unit, join_path(path, "organizer_unit"), "单位", "unit", out);
        if (trip.min_size < 1 || trip.max_size < trip.min_size)
            out.push_back(problem("invalid_size", path + "：成团人数须满足 1 ≤ 最少 ≤ 最多",
                                  path + ": sizes must satisfy 1 <= min_size <= max_size", path));
        std::unordered_set<std::string_view> active_workers;
        for (std::size_t p = 0; p < trip.places.size(); ++p) {
            const Place& place = trip.places[p];
            const std::string place_path = join_path(path, indexed("places", p));
            check_reference(unit_ids, place.unit, join_path(place_path, "unit"), "单位", "unit", out);
            if (p > 0 && place.seq <= trip.places[p - 1].seq)
                out.push_back(problem("invalid_seq", place_path + "：报名顺序号须严格递增",
                                      place_path + ": seq must increase strictly", join_path(place_path, "seq")));
            if (holds_place(place.state) && !active_workers.insert(place.worker).second)
                out.push_back(problem("duplicate_worker", place_path + "：职工 " + in_quotes(place.worker) + " 重复报名",
                                      place_path + ": worker " + in_quotes(place.worker) + " holds two places",
                                      join_path(place_path, "worker")));
        }
        if (count_places(trip).confirmed > trip.max_size)
            out.push_back(problem("over_capacity", path + "：确认人数超过最多人数",
                                  path + ": more confirmed places than max_size", path));
    }
    return out;
}

}  // namespace liaoxiu
