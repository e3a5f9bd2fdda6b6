// What the screens derive from a ClientState: lookups by id, the routes of each
// member and the groups of each route, the theme and city lists for filter chips,
// and the search index. Rebuilt only when ClientState::revision changes; the search
// index itself is rebuilt only when the routes or members changed (group changes
// just refresh its group-derived data), because building it for 10k routes is the
// one costly step.
#pragma once

#include "core/search.hpp"
#include "sync/client.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace liaoxiu::ui {

class CatalogueView {
public:
    // True when something changed and the view was rebuilt.
    bool update(const sync::ClientState& state);

    const Route* route(const Id& id) const;
    const Member* member(std::string_view id) const;
    const Unit* unit(const Id& id) const;
    const Policy* policy(const Id& id) const;
    const sync::GroupView* group(const Id& id) const;
    const sync::MyTrip* my_trip(const Id& group) const;
    std::string unit_name(const Id& id) const;  // the id itself when unknown

    // Indices into ClientState::groups of the route's groups in a joinable state (core joinable_state:
    // open, formed or full), soonest departure first.
    const std::vector<std::size_t>& joinable_groups_of(std::size_t route) const;
    // Indices into Catalogue::routes of the routes with a stop at this member.
    const std::vector<std::size_t>& routes_of(std::size_t member) const;
    std::size_t route_index(const Route& route) const { return static_cast<std::size_t>(&route - routes_base_); }
    std::size_t member_index(const Member& member) const { return static_cast<std::size_t>(&member - members_base_); }

    const std::vector<std::string>& themes() const { return themes_; }  // most used first
    const std::vector<std::string>& cities() const { return cities_; }  // most used first
    const SearchIndex* index() const { return index_.get(); }
    std::uint64_t revision() const { return revision_; }

private:
    const sync::ClientState* state_ = nullptr;
    std::uint64_t revision_ = 0;
    bool built_ = false;
    const Route* routes_base_ = nullptr;
    const Member* members_base_ = nullptr;
    std::int64_t indexed_version_ = -1;
    std::size_t indexed_routes_ = 0, indexed_members_ = 0;
    std::uint64_t indexed_order_ = 0;  // order_fingerprint of the catalogue indexed

    std::unordered_map<std::string_view, std::size_t> route_by_id_, member_by_id_, unit_by_id_, policy_by_id_,
        group_by_id_, my_trip_by_group_;
    std::vector<std::vector<std::size_t>> joinable_groups_by_route_;
    std::vector<std::vector<std::size_t>> routes_by_member_;
    std::vector<std::string> themes_, cities_;
    std::unique_ptr<SearchIndex> index_;
};

}  // namespace liaoxiu::ui
