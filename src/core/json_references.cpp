// The catalogue-wide checks run once a catalogue is decoded: ids unique within each list,
// and every reference (member and unit → alliance, stop → member, group → route and units) known.
// They see the whole catalogue, so they report text paths built after the fact.
#include "core/json_reader.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

namespace liaoxiu::json_detail {
namespace {

// Text paths for the catalogue-wide checks, which report after decoding.
std::string child(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string element(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

template <class Record>
Problem unique_ids(const std::vector<Record>& records, const char* list, const char* kind_zh,
                   std::unordered_set<std::string_view>& ids) {
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!ids.insert(records[i].id).second) {
            const std::string path = child(element(list, i), "id");
            return DomainError{"duplicate_id", path + "：" + kind_zh + "编号 " + in_quotes(records[i].id) + " 重复",
                               path + ": duplicate id " + in_quotes(records[i].id), path};
        }
    }
    return std::nullopt;
}

// `where` spells the path only when the reference is unknown: a large catalogue
// has hundreds of thousands of references and all but the wrong ones are quiet.
template <class Where>
Problem known(const std::unordered_set<std::string_view>& ids, std::string_view ref, Where&& where,
              const char* kind_zh, const char* kind_en) {
    if (ids.count(ref)) return std::nullopt;
    const std::string path = where();
    return DomainError{"unknown_reference", path + "：未知的" + kind_zh + "编号 " + in_quotes(ref),
                       path + ": unknown " + kind_en + " id " + in_quotes(ref), path};
}

}  // namespace

Problem check_references(const Catalogue& c) {
    std::unordered_set<std::string_view> alliances, members, routes, policies, units, groups;
    if (auto p = unique_ids(c.alliances, "alliances", "联盟", alliances)) return p;
    if (auto p = unique_ids(c.members, "members", "成员单位", members)) return p;
    if (auto p = unique_ids(c.routes, "routes", "线路", routes)) return p;
    if (auto p = unique_ids(c.policies, "policies", "政策", policies)) return p;
    if (auto p = unique_ids(c.units, "units", "单位", units)) return p;
    if (auto p = unique_ids(c.groups, "groups", "拼团", groups)) return p;

    for (std::size_t i = 0; i < c.members.size(); ++i)
        if (auto p = known(alliances, c.members[i].alliance, [&] { return child(element("members", i), "alliance"); }, "联盟", "alliance"))
            return p;
    for (std::size_t i = 0; i < c.routes.size(); ++i) {
        const Route& route = c.routes[i];
        const auto path = [&] { return element("routes", i); };
        if (auto p = known(alliances, route.alliance, [&] { return child(path(), "alliance"); }, "联盟", "alliance")) return p;
        for (std::size_t d = 0; d < route.itinerary.size(); ++d) {
            const auto& stops = route.itinerary[d].stops;
            for (std::size_t s = 0; s < stops.size(); ++s) {
                const auto stop_path = [&] {
                    return child(element(child(element(child(path(), "itinerary"), d), "stops"), s), "member");
                };
                if (auto p = known(members, stops[s].member, stop_path, "成员单位", "member")) return p;
            }
        }
    }
    for (std::size_t i = 0; i < c.units.size(); ++i) {
        if (c.units[i].alliance.empty()) continue;  // not known
        if (auto p = known(alliances, c.units[i].alliance, [&] { return child(element("units", i), "alliance"); }, "联盟", "alliance"))
            return p;
    }
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
        const GroupTrip& trip = c.groups[g];
        const auto path = [&] { return element("groups", g); };
        if (auto p = known(routes, trip.route, [&] { return child(path(), "route"); }, "线路", "route")) return p;
        if (auto p = known(units, trip.organizer_unit, [&] { return child(path(), "organizer_unit"); }, "单位", "unit"))
            return p;
        for (std::size_t i = 0; i < trip.places.size(); ++i) {
            const auto place_path = [&] { return child(element(child(path(), "places"), i), "unit"); };
            if (auto p = known(units, trip.places[i].unit, place_path, "单位", "unit")) return p;
        }
    }
    return std::nullopt;
}

}  // namespace liaoxiu::json_detail
