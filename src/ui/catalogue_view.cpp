#include "ui/catalogue_view.hpp"

#include <algorithm>
#include <map>

namespace liaoxiu::ui {

namespace {

const std::vector<std::size_t> kNone;

template <class T>
void index_by_id(const std::vector<T>& items, std::unordered_map<std::string_view, std::size_t>& out) {
    out.clear();
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out.emplace(items[i].id, i);
}

std::vector<std::string> by_frequency(const std::map<std::string, int>& counts) {
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out;
    for (auto& [name, count] : sorted) out.push_back(name);
    return out;
}

template <class Map>
std::optional<std::size_t> find_in(const Map& map, std::string_view id) {
    auto it = map.find(id);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

// The routes' and members' ids in their order, as one number (FNV-1a). The index numbers routes
// and members by position, so a catalogue of the same version and size in another order (the
// endpoint's snapshot replacing the bundled file, which lists them differently) needs a new one.
std::uint64_t order_fingerprint(const Catalogue& c) {
    std::uint64_t hash = 1469598103934665603ull;
    auto add = [&](std::string_view id) {
        for (unsigned char byte : id) hash = (hash ^ byte) * 1099511628211ull;
        hash = (hash ^ 0xFFu) * 1099511628211ull;  // a separator no id holds
    };
    for (const Route& r : c.routes) add(r.id);
    for (const Member& m : c.members) add(m.id);
    return hash;
}

}  // namespace

bool CatalogueView::update(const sync::ClientState& state) {
    if (built_ && state_ == &state && revision_ == state.revision) return false;
    state_ = &state;
    revision_ = state.revision;
    built_ = true;
    const Catalogue& c = state.catalogue;
    routes_base_ = c.routes.data();
    members_base_ = c.members.data();

    index_by_id(c.routes, route_by_id_);
    index_by_id(c.members, member_by_id_);
    index_by_id(c.units, unit_by_id_);
    index_by_id(c.policies, policy_by_id_);
    group_by_id_.clear();
    for (std::size_t i = 0; i < state.groups.size(); ++i) group_by_id_.emplace(state.groups[i].trip().id, i);
    my_trip_by_group_.clear();
    for (std::size_t i = 0; i < state.my_trips.size(); ++i) my_trip_by_group_.emplace(state.my_trips[i].group, i);

    joinable_groups_by_route_.assign(c.routes.size(), {});
    for (std::size_t i = 0; i < state.groups.size(); ++i) {
        const GroupTrip& trip = state.groups[i].trip();
        if (!joinable_state(trip.state)) continue;
        if (auto r = find_in(route_by_id_, trip.route)) joinable_groups_by_route_[*r].push_back(i);
    }
    for (auto& list : joinable_groups_by_route_)
        std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
            return state.groups[a].trip().departure < state.groups[b].trip().departure;
        });

    routes_by_member_.assign(c.members.size(), {});
    std::map<std::string, int> theme_counts, city_counts;
    for (std::size_t r = 0; r < c.routes.size(); ++r) {
        const Route& route = c.routes[r];
        for (const auto& t : route.themes) ++theme_counts[t];
        for (const auto& city : route.cities) ++city_counts[city];
        for (const ItineraryDay& day : route.itinerary)
            for (const Stop& stop : day.stops)
                if (auto m = find_in(member_by_id_, stop.member)) {
                    auto& list = routes_by_member_[*m];
                    if (list.empty() || list.back() != r) list.push_back(r);
                }
    }
    themes_ = by_frequency(theme_counts);
    cities_ = by_frequency(city_counts);

    const std::uint64_t order = order_fingerprint(c);
    const bool catalogue_changed = !index_ || indexed_version_ != c.version || indexed_routes_ != c.routes.size() ||
                                   indexed_members_ != c.members.size() || indexed_order_ != order;
    if (catalogue_changed) {
        index_.reset();  // before the new one is built: two 10k indexes would raise the heap's peak
        index_ = std::make_unique<SearchIndex>(c);
        indexed_version_ = c.version;
        indexed_routes_ = c.routes.size();
        indexed_members_ = c.members.size();
        indexed_order_ = order;
    }
    index_->refresh_groups(state.catalogue.groups);
    return true;
}

const Route* CatalogueView::route(const Id& id) const {
    auto i = find_in(route_by_id_, id);
    return i ? &state_->catalogue.routes[*i] : nullptr;
}
const Member* CatalogueView::member(std::string_view id) const {
    auto i = find_in(member_by_id_, id);
    return i ? &state_->catalogue.members[*i] : nullptr;
}
const Unit* CatalogueView::unit(const Id& id) const {
    auto i = find_in(unit_by_id_, id);
    return i ? &state_->catalogue.units[*i] : nullptr;
}
const Policy* CatalogueView::policy(const Id& id) const {
    auto i = find_in(policy_by_id_, id);
    return i ? &state_->catalogue.policies[*i] : nullptr;
}
const sync::GroupView* CatalogueView::group(const Id& id) const {
    auto i = find_in(group_by_id_, id);
    return i ? &state_->groups[*i] : nullptr;
}
const sync::MyTrip* CatalogueView::my_trip(const Id& group) const {
    auto i = find_in(my_trip_by_group_, group);
    return i ? &state_->my_trips[*i] : nullptr;
}
std::string CatalogueView::unit_name(const Id& id) const {
    const Unit* u = unit(id);
    return u ? u->name : id;
}
const std::vector<std::size_t>& CatalogueView::joinable_groups_of(std::size_t route) const {
    return route < joinable_groups_by_route_.size() ? joinable_groups_by_route_[route] : kNone;
}
const std::vector<std::size_t>& CatalogueView::routes_of(std::size_t member) const {
    return member < routes_by_member_.size() ? routes_by_member_[member] : kNone;
}

}  // namespace liaoxiu::ui
