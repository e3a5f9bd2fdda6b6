#include "ui/location.hpp"

#include <array>

namespace liaoxiu::ui {

namespace {

struct Pattern {
    Screen screen;
    std::string_view prefix;  // without "#/"
    bool takes_id;
};

constexpr std::array kPatterns = {
    Pattern{Screen::home, "", false},          Pattern{Screen::routes, "routes", false},
    Pattern{Screen::route, "route", true},     Pattern{Screen::group, "group", true},
    Pattern{Screen::open_group, "open", true}, Pattern{Screen::members, "members", false},
    Pattern{Screen::member, "member", true},   Pattern{Screen::policies, "policies", false},
    Pattern{Screen::policy, "policy", true},   Pattern{Screen::me, "me", false},
    Pattern{Screen::sign_in, "signin", false},
};

// Under "#/desk/": the secretariat's desk.
constexpr std::array kDeskPatterns = {
    Pattern{Screen::desk_members, "members", false},  // deskui
    Pattern{Screen::desk_member, "member", true},     // deskui
    Pattern{Screen::desk_groups, "groups", false},    // deskui
};
constexpr std::string_view kDeskPrefix = "desk/";

Location match(std::string_view path, std::string_view text, const auto& patterns) {
    const std::size_t slash = path.find('/');
    const std::string_view head = path.substr(0, slash);
    const std::string_view id = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    for (const Pattern& p : patterns) {
        if (p.prefix != head) continue;
        if (p.takes_id != !id.empty() || id.find('/') != std::string_view::npos) break;
        return Location{p.screen, Id(id)};
    }
    return Location{Screen::not_found, std::string(text)};
}

}  // namespace

bool is_desk_screen(Screen screen) {
    for (const Pattern& p : kDeskPatterns)
        if (p.screen == screen) return true;
    return false;
}

Location parse_location(std::string_view text) {
    std::string_view path = text;
    if (path.starts_with('#')) path.remove_prefix(1);
    if (path.starts_with('/')) path.remove_prefix(1);
    if (path.ends_with('/')) path.remove_suffix(1);
    if (path.starts_with(kDeskPrefix)) return match(path.substr(kDeskPrefix.size()), text, kDeskPatterns);
    return match(path, text, kPatterns);
}

std::string format_location(const Location& location) {
    for (const Pattern& p : kDeskPatterns) {
        if (p.screen != location.screen) continue;
        return "#/" + std::string(kDeskPrefix) + std::string(p.prefix) + (p.takes_id ? "/" + location.id : "");
    }
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
