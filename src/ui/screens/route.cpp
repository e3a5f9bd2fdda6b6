// Route detail: price and subsidy and what the price includes, the route's open groups, the
// itinerary day by day with each stop's member unit (call, copy the address, map), and the
// service standard.
#include "core/contact_links.hpp"
#include "core/dates.hpp"
#include "core/price_includes.hpp"
#include "core/rules.hpp"
#include "core/wish.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

// The next button stays on this row only if it fits whole (a phone is too narrow for a stop's
// three); otherwise it starts the next row, at the row's indent.
void next_in_row(const char* text) {
    ImGui::SameLine(0, kChipSpacing);
    if (ImGui::GetCursorPosX() + chip_width(text) > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

// A stop's member: what it is and where, with one tap to call it, copy its address or open it
// on a map. A kiosk shows the number and address only: it has no dialler, and a map would take
// the screen away from the next visitor. (The members' own price lists are not shown to
// workers: see core/price_includes.hpp.)
void draw_stop(Context& ctx, const Stop& stop) {
    const Member* member = ctx.view.member(stop.member);
    std::string title = std::string("【") + stop_kind_name(ctx, stop.kind) + "】";
    title += member ? std::string_view(member->name) : stop.member.view();
    if (member && member->status != MemberStatus::active) title += ctx.t(Text::member_suspended);
    ImGui::Indent(8);
    label(ctx, title);
    if (!stop.note.empty()) muted(ctx, stop.note);
    if (member) {
        ImGui::Indent(12);
        muted(ctx, std::string(category_name(ctx, member->category)) + " · " + member->city + member->county);
        if (!member->address.empty()) muted(ctx, ctx.f(Text::address, member->address.c_str()));
        const std::string tel = tel_link(member->phone);
        if (ctx.state.kiosk || tel.empty()) {
            if (!member->phone.empty()) muted(ctx, ctx.f(Text::phone, member->phone.c_str()));
        } else {
            ImGui::PushID(&stop);
            if (secondary_button(ctx, ctx.f(Text::call_phone, member->phone.c_str()).c_str())) ctx.services.open_link(tel);
            if (!member->address.empty()) {
                next_in_row(ctx.t(Text::copy_address));
                if (secondary_button(ctx, ctx.t(Text::copy_address))) {
                    ctx.services.copy_text(member->address);
                    ctx.screens.toasts.push_back({Text::address_copied, ctx.services.now() + 3});
                }
            }
            const std::string map = map_link(*member);
            if (!map.empty()) {
                next_in_row(ctx.t(Text::open_map));
                if (secondary_button(ctx, ctx.t(Text::open_map))) ctx.services.open_link(map);
            }
            ImGui::PopID();
        }
        ImGui::Unindent(12);
    }
    ImGui::Unindent(8);
    ImGui::Dummy(ImVec2(0, 2));
}

// What the price covers, from the itinerary: the worker's answer to "what do I pay for".
void draw_price_includes(Context& ctx, const Route& route) {
    const PriceIncludes includes = price_includes(route);
    if (includes.empty()) return;
    std::string line;
    auto add = [&](const std::string& part) { line += (line.empty() ? "" : " · ") + part; };
    if (includes.nights > 0) add(ctx.f(Text::includes_nights, includes.nights));
    if (includes.meals > 0) add(ctx.f(Text::includes_meals, includes.meals));
    if (includes.transport) add(ctx.t(Text::includes_transport));
    if (includes.visits > 0) add(ctx.f(Text::includes_visits, includes.visits));
    if (includes.wellness > 0) add(ctx.f(Text::includes_wellness, includes.wellness));
    label(ctx, std::string(ctx.t(Text::price_includes)) + "：" + line);
}

// 想去 where the viewer has no group to join: a worker tells their union (and is told on 我的 when
// one opens); signed out, signing in comes back here; a union sees how many of its workers want
// the route beside 在此线路发起拼团 (drawn by draw_route). A kiosk shows none of it: nobody's own.
void draw_wish(Context& ctx, const Route& route, bool no_groups) {
    if (ctx.state.kiosk || ctx.view.route(route.id) != &route) return;  // the designer's preview: no wishes
    if (!ctx.signed_in()) {
        if (no_groups && button(ctx, ctx.t(Text::sign_in_to_wish), -1)) {
            ctx.screens.sign_in_return = Location{Screen::route, route.id};  // draw_sign_in comes back here
            ctx.screens.wish_after_sign_in = route.id;
            ctx.nav.go({Screen::sign_in, {}});
        }
        return;
    }
    if (ctx.state.session->role != Role::worker) {
        ctx.screens.wish_after_sign_in.clear();
        return;
    }
    // Back from 登录后想去: what was asked for is said at once (a wish needs no confirmation and is
    // taken back with one tap), once the worker's wishes are known, unless it was said before or a
    // group for them has opened meanwhile.
    if (ctx.screens.wish_after_sign_in == route.id && ctx.state.my_wishes.status != sync::ReadStatus::none &&
        ctx.state.my_wishes.status != sync::ReadStatus::loading) {
        ctx.screens.wish_after_sign_in.clear();
        if (!my_wish(ctx, route.id) && groups_for_wish(ctx, route.id).empty()) ctx.intents.wish(route.id);
    }
    const auto& sending = ctx.state.wishes_sending;
    if (std::find(sending.begin(), sending.end(), route.id) != sending.end()) {
        muted(ctx, ctx.t(Text::wish_sending));
        return;
    }
    if (my_wish(ctx, route.id)) {
        label(ctx, ctx.t(Text::wish_told), colors::accent);
        if (secondary_button(ctx, ctx.t(Text::unwish), -1)) ctx.intents.unwish(route.id);
        return;
    }
    if (groups_for_wish(ctx, route.id).empty() && button(ctx, ctx.t(Text::wish), -1)) ctx.intents.wish(route.id);
}

}  // namespace

std::vector<const GroupTrip*> groups_for_wish(const Context& ctx, const Id& route) {
    if (!ctx.signed_in()) return {};
    const Route* known = ctx.view.route(route);
    if (!known) return {};
    std::vector<const GroupTrip*> trips;
    for (std::size_t g : ctx.view.joinable_groups_of(ctx.view.route_index(*known))) trips.push_back(&ctx.state.groups[g].trip());
    return wish_groups(trips, route, ctx.state.session->unit, ctx.services.now());
}

const wire::MyWish* my_wish(const Context& ctx, const Id& route) {
    for (const wire::MyWish& wish : ctx.state.my_wishes.wishes)
        if (wish.wish.route == route) return &wish;
    return nullptr;
}

bool draw_booking_holds(Context& ctx, const Route& route) {
    const auto holds = booking_holds(route, [&](std::string_view id) { return ctx.view.member(id); });
    if (holds.empty()) return false;
    section(ctx, ctx.t(Text::route_on_hold));
    for (const DomainError& hold : holds)
        label(ctx, ctx.language == Language::en ? hold.message_en : hold.message_zh, colors::accent);
    return true;
}

void draw_route(Context& ctx, const Route& route) {
    heading(ctx, route.title);
    const bool on_hold = draw_booking_holds(ctx, route);
    if (!route.summary.empty()) muted(ctx, route.summary);
    std::string themes;
    for (const auto& t : route.themes) themes += (themes.empty() ? "" : " · ") + t;
    label(ctx, themes, colors::accent);
    muted(ctx, route.region + "  " + ctx.f(Text::days_nights, route.days, route.nights) + "  " + join_cities(route.cities));

    section(ctx, ctx.f(Text::price_after_subsidy, format_yuan(route.price - route.subsidy).c_str()));
    muted(ctx, ctx.f(Text::list_price, format_yuan(route.price).c_str()) + "  " +
                   ctx.f(Text::subsidy, format_yuan(route.subsidy).c_str()));
    draw_price_includes(ctx, route);

    if (!route.highlights.empty()) {
        section(ctx, ctx.t(Text::highlights));
        for (const auto& h : route.highlights) label(ctx, "· " + h);
    }

    section(ctx, ctx.t(Text::joinable_groups_here));
    // A route not in the catalogue (the designer's preview of a draft) has no groups.
    static const std::vector<std::size_t> kNoGroups;
    const auto& groups = ctx.view.route(route.id) == &route ? ctx.view.joinable_groups_of(ctx.view.route_index(route))
                                                            : kNoGroups;
    if (groups.empty()) muted(ctx, ctx.t(Text::no_joinable_groups));
    for (std::size_t g : groups) group_row(ctx, ctx.state.groups[g], false);
    draw_wish(ctx, route, groups.empty());
    if (!on_hold && ctx.may_open_group()) {
        // The demand where the union acts: its own workers who said 想去 on this route.
        for (const wire::UnitWishRow& row : ctx.state.unit_wishes.answer.routes)
            if (row.count.route == route.id && row.count.count > 0 && !ctx.state.kiosk)
                label(ctx, ctx.f(Text::unit_wishes, row.count.count), colors::accent);
        if (button(ctx, ctx.t(Text::open_group_here), -1)) ctx.nav.go({Screen::open_group, route.id});
    }

    section(ctx, ctx.t(Text::itinerary));
    for (const ItineraryDay& day : route.itinerary) {
        label(ctx, ctx.f(Text::day_title, day.day, day.title.c_str()), colors::accent);
        for (const Stop& stop : day.stops) draw_stop(ctx, stop);
    }

    if (!route.service_notes.empty()) {
        section(ctx, ctx.t(Text::service_notes));
        // A no-break space after the dot: ImGui wraps at spaces, and text with none (Chinese) would
        // otherwise leave the dot alone on its line.
        for (const auto& note : route.service_notes) muted(ctx, "·\u00a0" + note);
    }
}

}  // namespace liaoxiu::ui
