// Where the app is: one screen plus the id it shows, written as the hash part of a
// URL ("#/route/r-qz-red-eco-3d") so a shared link or the browser's back button
// lands on the same screen.
#pragma once

#include "core/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu::ui {

enum class Screen {
    home,        // #/
    routes,      // #/routes
    route,       // #/route/<id>
    group,       // #/group/<id>
    open_group,  // #/open/<route id>
    members,     // #/members
    member,      // #/member/<id>
    policies,    // #/policies
    policy,      // #/policy/<id>
    me,          // #/me
    sign_in,     // #/signin
    // The secretariat's desk (src/ui/desk/), compiled into the desk's build:
    desk_audit,  // #/desk/audit
    roster,      // #/roster/<group id>: the unit union's roster of a group trip
    approvals,   // #/approvals: the unit union's approval queue (审批)
    messages,    // #/messages: 消息, what group changes told the worker or their union
    union_rules, // #/rules: a union's own rules for its workers' trips, or the secretariat's alliance defaults
    // ---- the secretariat's desk (#/desk/...) ----
    desk_routes,    // #/desk/routes: every route, draft or published (designer)
    desk_route,     // #/desk/route/<id>, "new" for a new route (designer)
    desk_seasons,   // #/desk/seasons: routes per season and theme (designer)
    desk_policies,  // #/desk/policies (designer)
    desk_policy,    // #/desk/policy/<id>, "new" for a new article (designer)
    // ---- the secretariat's desk (#/desk/...; drawn only where desk pages are installed) ----
    desk_members,  // #/desk/members (deskui)
    desk_member,   // #/desk/member/<id>, "new" to admit (deskui)
    desk_groups,   // #/desk/groups (deskui)
    desk_stats,    // #/desk/stats: statistics (统计)
    desk_reviews,  // #/desk/reviews: service reviews (服务评价)
    not_found,   // anything else; `id` keeps what was asked for
};

struct Location {
    Screen screen = Screen::home;
    Id id;

    bool operator==(const Location&) const = default;
};

// "#/route/r-1" → {route, "r-1"}. Accepts a leading "#" or not, and a trailing "/".
// Anything unrecognised → {not_found, text}. The desk's pages live under "#/desk/".
bool is_desk_screen(Screen screen);
Location parse_location(std::string_view text);
std::string format_location(const Location& location);

}  // namespace liaoxiu::ui
