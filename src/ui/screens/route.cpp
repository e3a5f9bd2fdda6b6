// Route detail: price and subsidy, the route's open groups, the itinerary day by day
// with each stop's member unit, and the service standard.
#include "core/dates.hpp"
#include "core/rules.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

namespace liaoxiu::ui {

namespace {

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
        muted(ctx, ctx.f(Text::address, member->address.c_str()));
        muted(ctx, ctx.f(Text::phone, member->phone.c_str()));
        for (const Service& service : member->services)
            muted(ctx, ctx.f(Text::service_price, service.name.c_str(), format_yuan(service.price).c_str(), service.unit.c_str()));
        ImGui::Unindent(12);
    }
    ImGui::Unindent(8);
    ImGui::Dummy(ImVec2(0, 2));
}

}  // namespace

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
    if (!on_hold && ctx.may_open_group() && button(ctx, ctx.t(Text::open_group_here), -1)) ctx.nav.go({Screen::open_group, route.id});

    section(ctx, ctx.t(Text::itinerary));
    for (const ItineraryDay& day : route.itinerary) {
        label(ctx, ctx.f(Text::day_title, day.day, day.title.c_str()), colors::accent);
        for (const Stop& stop : day.stops) draw_stop(ctx, stop);
    }

    if (!route.service_notes.empty()) {
        section(ctx, ctx.t(Text::service_notes));
        for (const auto& note : route.service_notes) muted(ctx, "· " + note);
    }
}

}  // namespace liaoxiu::ui
