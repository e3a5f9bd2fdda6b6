// 拼团总览: every group trip of the alliance in one table (route, organizing unit, departure,
// state, confirmed/min/max, waiting list, deadline), sortable by any column and filtered by
// state, route, organizing unit and a departure range. A row opens the group's own screen,
// where the secretariat may cancel it with a reason (as the endpoint allows).
#include "core/dates.hpp"
#include "core/search.hpp"
#include "ui/desk/desk.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace liaoxiu::ui {

namespace {

enum Column { route_column, unit_column, departure_column, state_column, places_column, waiting_column, deadline_column };

std::string key_of(const GroupTableState& t) {
    return std::to_string(t.state ? static_cast<int>(*t.state) : -1) + '\x1F' + t.route + '\x1F' + t.unit + '\x1F' + t.from +
           '\x1F' + t.to + '\x1F' + std::to_string(t.sort_column) + (t.sort_descending ? "d" : "a");
}

// Each group's route and unit, as numbers into one list of distinct ones (20,000 groups run on
// far fewer routes and units): their texts are looked up and folded once per state revision.
void make_texts(Context& ctx, GroupTableState& t) {
    if (t.texts_revision == ctx.view.revision() && t.group_route.size() == ctx.state.groups.size()) return;
    t.group_route.clear();
    t.group_unit.clear();
    t.route_titles.clear();
    t.unit_names.clear();
    t.route_texts.clear();
    t.unit_texts.clear();
    std::unordered_map<std::string_view, std::uint32_t> routes, units;
    for (const sync::GroupView& view : ctx.state.groups) {
        const GroupTrip& g = view.trip();
        auto [route, new_route] = routes.try_emplace(g.route, static_cast<std::uint32_t>(t.route_titles.size()));
        if (new_route) {
            const Route* r = ctx.view.route(g.route);
            t.route_titles.push_back(r ? std::string_view(r->title) : std::string_view(g.route));
            t.route_texts.push_back(fold_text(t.route_titles.back()) + '\n' + fold_text(g.route));
        }
        t.group_route.push_back(route->second);
        auto [unit, new_unit] = units.try_emplace(g.organizer_unit, static_cast<std::uint32_t>(t.unit_names.size()));
        if (new_unit) {
            const Unit* u = ctx.view.unit(g.organizer_unit);
            t.unit_names.push_back(u ? std::string_view(u->name) : std::string_view(g.organizer_unit));
            t.unit_texts.push_back(fold_text(t.unit_names.back()) + '\n' + fold_text(g.organizer_unit));
        }
        t.group_unit.push_back(unit->second);
    }
    t.texts_revision = ctx.view.revision();
}

// Which of `texts` hold `part` (folded, as typed; every one when it is empty).
std::vector<bool> holding(const std::vector<std::string>& texts, const std::string& part) {
    const std::string folded = fold_text(part);
    std::vector<bool> out(texts.size(), true);
    if (folded.empty()) return out;
    for (std::size_t i = 0; i < texts.size(); ++i) out[i] = texts[i].find(folded) != std::string::npos;
    return out;
}

void rebuild_rows(Context& ctx, GroupTableState& t) {
    const std::string key = key_of(t);
    if (t.rows.shown_revision == ctx.view.revision() && t.rows.shown_key == key) return;
    make_texts(ctx, t);
    const auto& groups = ctx.state.groups;
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        const sync::GroupView& x = groups[a];
        const sync::GroupView& y = groups[b];
        switch (t.sort_column) {
            case route_column:
                if (t.group_route[a] != t.group_route[b])
                    if (const int c = t.route_titles[t.group_route[a]].compare(t.route_titles[t.group_route[b]]); c != 0)
                        return c < 0;
                break;
            case unit_column:
                if (t.group_unit[a] != t.group_unit[b])
                    if (const int c = t.unit_names[t.group_unit[a]].compare(t.unit_names[t.group_unit[b]]); c != 0)
                        return c < 0;
                break;
            case state_column:
                if (x.trip().state != y.trip().state) return x.trip().state < y.trip().state;
                break;
            case places_column:
                if (x.counts.confirmed != y.counts.confirmed) return x.counts.confirmed < y.counts.confirmed;
                break;
            case waiting_column:
                if (x.counts.waiting != y.counts.waiting) return x.counts.waiting < y.counts.waiting;
                break;
            case deadline_column:
                if (x.trip().join_deadline != y.trip().join_deadline) return x.trip().join_deadline < y.trip().join_deadline;
                break;
            default: break;
        }
        if (x.trip().departure != y.trip().departure) return x.trip().departure < y.trip().departure;
        return x.trip().id < y.trip().id;
    };
    t.rows.sort(ctx.view.revision(), t.sort_column, groups.size(), less);
    const std::optional<Day> from = parse_day(t.from);
    const std::optional<Day> to = parse_day(t.to);
    const std::vector<bool> route_ok = holding(t.route_texts, t.route);
    const std::vector<bool> unit_ok = holding(t.unit_texts, t.unit);
    t.rows.show(ctx.view.revision(), key, t.sort_descending, [&](std::uint32_t i) {
        const GroupTrip& g = groups[i].trip();
        return (!t.state || g.state == *t.state) && route_ok[t.group_route[i]] && unit_ok[t.group_unit[i]] &&
               (!from || g.departure >= *from) && (!to || g.departure <= *to);
    });
}

void filters(Context& ctx, GroupTableState& t) {
    inline_caption(ctx, dt(ctx, DeskText::filter_status));
    ImGui::SameLine();
    ImGui::PushID("state");
    chip_row_start();
    if (chip(ctx, dt(ctx, DeskText::all), !t.state)) t.state.reset();
    for (GroupState s : {GroupState::open, GroupState::formed, GroupState::full, GroupState::locked, GroupState::expired,
                         GroupState::cancelled})
        if (chip(ctx, group_state_name(ctx, s), t.state == s)) t.state = s;
    ImGui::PopID();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - gap * 3) / 4;
    text_field(ctx, dt(ctx, DeskText::filter_route), "##group_route", &t.route, width, 0, dt(ctx, DeskText::filter_route));
    ImGui::SameLine();
    text_field(ctx, dt(ctx, DeskText::filter_unit), "##group_unit", &t.unit, width, 0, dt(ctx, DeskText::filter_unit));
    ImGui::SameLine();
    text_field(ctx, dt(ctx, DeskText::filter_from), "##group_from", &t.from, width, 0, dt(ctx, DeskText::filter_from), FieldKind::date);
    ImGui::SameLine();
    text_field(ctx, dt(ctx, DeskText::filter_to), "##group_to", &t.to, width, 0, dt(ctx, DeskText::filter_to), FieldKind::date);
}

void desk_group_row(Context& ctx, const sync::GroupView& view) {
    const GroupTrip& g = view.trip();
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(route_column);
    const Route* route = ctx.view.route(g.route);
    const std::string title = route ? route->title : g.route;
    ctx.glyphs.want(title);
    ImGui::PushID(g.id.c_str());
    if (ImGui::Selectable(title.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) ctx.nav.go({Screen::group, g.id});
    ImGui::PopID();
    ImGui::TableSetColumnIndex(unit_column);
    cell(ctx, ctx.view.unit_name(g.organizer_unit));
    ImGui::TableSetColumnIndex(departure_column);
    cell(ctx, format_day(g.departure));
    ImGui::TableSetColumnIndex(state_column);
    const bool live = g.state == GroupState::open || g.state == GroupState::formed || g.state == GroupState::full;
    cell(ctx, group_state_name(ctx, g.state), live ? 0 : colors::muted);
    ImGui::TableSetColumnIndex(places_column);
    cell(ctx, std::to_string(view.counts.confirmed) + " / " + std::to_string(g.min_size) + " / " + std::to_string(g.max_size));
    ImGui::TableSetColumnIndex(waiting_column);
    cell(ctx, std::to_string(view.counts.waiting));
    ImGui::TableSetColumnIndex(deadline_column);
    cell(ctx, format_day(day_of(g.join_deadline)));
}

}  // namespace

void draw_desk_groups(Context& ctx) {
    GroupTableState& t = desk_state(ctx).groups;
    heading(ctx, dt(ctx, DeskText::groups_title));
    filters(ctx, t);
    rebuild_rows(ctx, t);
    muted(ctx, dtf(ctx, DeskText::groups_shown, static_cast<int>(ctx.state.groups.size()), static_cast<int>(t.rows.shown.size())));
    if (t.rows.shown.empty()) muted(ctx, dt(ctx, DeskText::no_groups));
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp;
    const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 8);
    if (!ImGui::BeginTable("##groups", 7, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    auto column = [&](DeskText words, float weight, Column id, ImGuiTableColumnFlags flags = 0) {
        ctx.glyphs.want(dt(ctx, words));
        ImGui::TableSetupColumn(dt(ctx, words), flags, weight, id);
    };
    column(DeskText::col_route, 2.8f, route_column);
    column(DeskText::col_unit, 2.0f, unit_column);
    column(DeskText::col_departure, 1.1f, departure_column, ImGuiTableColumnFlags_DefaultSort);
    column(DeskText::col_state, 0.9f, state_column);
    column(DeskText::col_places, 1.7f, places_column);
    column(DeskText::col_waiting, 0.7f, waiting_column);
    column(DeskText::col_deadline, 1.1f, deadline_column);
    table_headers(ctx);
    if (read_sort_specs(&t.sort_column, &t.sort_descending)) rebuild_rows(ctx, t);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(t.rows.shown.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            desk_group_row(ctx, ctx.state.groups[t.rows.shown[static_cast<std::size_t>(i)]]);
    ImGui::EndTable();
}

}  // namespace liaoxiu::ui
