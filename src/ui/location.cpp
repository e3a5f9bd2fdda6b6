#include "ui/location.hpp"

#include <array>

namespace liaoxiu::ui {

namespace {

struct Pattern {
    Screen screen;
    std::string_view prefix;  // without "#/"; may have several segments ("desk/audit")
    bool takes_id;
};

constexpr std::array kPatterns = {
    Pattern{Screen::home, "", false},          Pattern{Screen::routes, "routes", false},
    Pattern{Screen::route, "route", true},     Pattern{Screen::group, "group", true},
    Pattern{Screen::open_group, "open", true}, Pattern{Screen::members, "members", false},
    Pattern{Screen::member, "member", true},   Pattern{Screen::policies, "policies", false},
    Pattern{Screen::policy, "policy", true},   Pattern{Screen::me, "me", false},
    Pattern{Screen::sign_in, "signin", false},
    // The secretariat's desk.
    Pattern{Screen::desk_members, "desk/members", false},
    Pattern{Screen::desk_member, "desk/member", true},
    Pattern{Screen::desk_groups, "desk/groups", false},
    Pattern{Screen::desk_audit, "desk/audit", false},
    Pattern{Screen::desk_stats, "desk/stats", false},
    Pattern{Screen::desk_reviews, "desk/reviews", false},
    Pattern{Screen::desk_routes, "desk/routes", false},
    Pattern{Screen::desk_route, "desk/route", true},
    Pattern{Screen::desk_seasons, "desk/seasons", false},
    Pattern{Screen::desk_policies, "desk/policies", false},
    Pattern{Screen::desk_policy, "desk/policy", true},
    Pattern{Screen::roster, "roster", true},
    Pattern{Screen::approvals, "approvals", false},
    Pattern{Screen::messages, "messages", false},
    Pattern{Screen::union_rules, "rules", false},
};

}  // namespace

Location parse_location(std::string_view text) {
    std::string_view path = text;
    if (path.starts_with('#')) path.remove_prefix(1);
    if (path.starts_with('/')) path.remove_prefix(1);
    if (path.ends_with('/')) path.remove_suffix(1);
    for (const Pattern& p : kPatterns) {
        // The prefix, whole segments of it, then nothing or "/<id>".
        std::string_view id;
        if (path == p.prefix) {
            id = {};
        } else if (!p.prefix.empty() && path.starts_with(p.prefix) && path[p.prefix.size()] == '/') {
            id = path.substr(p.prefix.size() + 1);
        } else {
            continue;
        }
        if (p.takes_id != !id.empty() || id.find('/') != std::string_view::npos) break;
        return Location{p.screen, Id(id)};
    }
    return Location{Screen::not_found, std::string(text)};
}

bool is_desk_screen(Screen screen) {
    for (const Pattern& p : kPatterns)
        if (p.screen == screen) return p.prefix.starts_with("desk/");
    return false;
}

std::string format_location(const Location& location) {
    for (const Pattern& p : kPatterns) {
        if (p.screen != location.screen) continue;
        std::string out = "#/";
        out += p.prefix;
        if (p.takes_id) out += "/" + location.id;
        return out;
    }
    return location.id.empty() ? "#/" : location.id;  // not_found keeps what was asked for
}

}  // namespace liaoxiu::ui
