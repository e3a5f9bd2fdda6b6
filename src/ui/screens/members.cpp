// The member directory by category and city, and one member with its services and routes.
#include "ui/format.hpp"
#include "ui/screens/review_form.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <map>

namespace liaoxiu::ui {

namespace {

std::vector<std::string> member_cities(const Catalogue& catalogue) {
    std::map<std::string, int> counts;
    for (const Member& m : catalogue.members) ++counts[m.city];
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out;
    for (auto& [city, n] : sorted) out.push_back(city);
    return out;
}

float member_row_height() { return ImGui::GetTextLineHeight() * 3.6f; }

void member_row(Context& ctx, const Member& member) {
    const float line = ImGui::GetTextLineHeight();
    ImVec2 min, max;
    ImGui::PushID(member.id.c_str());
    const bool pressed = card_target(ctx, "##member", member.name, member_row_height(), &min, &max);
    ImGui::PopID();
    if (pressed) ctx.nav.go({Screen::member, member.id});
    ImGui::PushClipRect(min, max, true);
    ImVec2 pen(min.x + 14, min.y + 10);
    std::string name = member.name;
    if (member.status != MemberStatus::active) name += ctx.t(Text::member_suspended);
    text_fit_at(ctx, pen, max.x - 14, colors::text, name);
    pen.y += line * 1.25f;
    const int routes = static_cast<int>(ctx.view.routes_of(ctx.view.member_index(member)).size());
    text_fit_at(ctx, pen, max.x - 14, colors::muted,
            std::string(category_name(ctx, member.category)) + " · " + member.city + member.county + "  " +
                ctx.f(Text::member_route_count, routes));
    ImGui::PopClipRect();
}

}  // namespace

void draw_members(Context& ctx) {
    const Catalogue& catalogue = ctx.state.catalogue;
    ScreenState& s = ctx.screens;
    heading(ctx, ctx.t(Text::member_directory));

    muted(ctx, ctx.t(Text::filter_category));
    ImGui::PushID("category");
    chip_row_start();
    if (chip(ctx, ctx.t(Text::all), !s.member_category)) s.member_category.reset();
    for (Category c : {Category::reception, Category::experience, Category::wellness, Category::support})
        if (chip(ctx, category_name(ctx, c), s.member_category == c)) s.member_category = c;
    ImGui::PopID();

    muted(ctx, ctx.t(Text::filter_city));
    ImGui::PushID("city");
    chip_row_start();
    if (chip(ctx, ctx.t(Text::all), !s.member_city)) s.member_city.reset();
    for (const std::string& city : member_cities(catalogue))
        if (chip(ctx, city.c_str(), s.member_city == city)) s.member_city = city;
    ImGui::PopID();

    std::vector<const Member*> shown;
    for (const Member& m : catalogue.members)
        if ((!s.member_category || m.category == *s.member_category) && (!s.member_city || m.city == *s.member_city))
            shown.push_back(&m);
    muted(ctx, ctx.f(Text::members_count, static_cast<int>(shown.size())));

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()), member_row_height() + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) member_row(ctx, *shown[static_cast<std::size_t>(i)]);
}

void draw_member(Context& ctx, const Member& member) {
    heading(ctx, member.name);
    if (member.status != MemberStatus::active) {
        label(ctx, ctx.t(Text::member_suspended), colors::accent);
        if (!member.status_reason.empty()) muted(ctx, member.status_reason);  // the secretariat's reason
    }
    label(ctx, std::string(category_name(ctx, member.category)) + " · " + member.city + member.county, colors::accent);
    muted(ctx, ctx.f(Text::address, member.address.c_str()));
    muted(ctx, ctx.f(Text::phone, member.phone.c_str()));
    if (!member.services.empty()) {
        section(ctx, ctx.t(Text::services));
        for (const Service& service : member.services)
            label(ctx, ctx.f(Text::service_price, service.name.c_str(), format_yuan(service.price).c_str(), service.unit.c_str()));
    }
    draw_member_reviews(ctx, member);  // averages once 5 reviews, 先进典型, newest comments
    section(ctx, ctx.t(Text::member_routes));
    const auto& routes = ctx.view.routes_of(ctx.view.member_index(member));
    if (routes.empty()) muted(ctx, ctx.t(Text::no_routes));
    route_cards(ctx, routes);
}

}  // namespace liaoxiu::ui
