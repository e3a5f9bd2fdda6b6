// 成员单位: every member unit in one ImGui table (name, category, city/county, status,
// admitted, routes through it), sortable by any column, filtered by category, city and
// status, searched by Chinese, pinyin or initials (core MemberSearch, built once per member
// list). Members are sorted once per sort column and member list; the rows shown are made
// again only when the catalogue, the query, a filter or the sort changes (TableRows); a list
// clipper draws only the visible ones, so 5,000 members scroll as smoothly as 50.
#include "core/dates.hpp"
#include "core/pinyin.hpp"
#include "core/search.hpp"
#include "ui/desk/desk.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <map>

namespace liaoxiu::ui {

namespace {

enum Column { name_column, category_column, place_column, status_column, admitted_column, routes_column };

void rebuild_index(Context& ctx, MemberTableState& table) {
    if (table.index_revision == ctx.view.revision() && table.index.size() == ctx.state.catalogue.members.size()) return;
    const auto& members = ctx.state.catalogue.members;
    table.index = MemberSearch(members);
    table.index_revision = ctx.view.revision();
    std::map<std::string, int> counts;
    for (const Member& m : members) ++counts[m.city];
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    table.cities.clear();
    for (auto& [city, n] : sorted) table.cities.push_back(city);
    table.name_keys.clear();
    table.name_keys.reserve(members.size());
    for (const Member& m : members) table.name_keys.push_back(to_pinyin(m.name));
    // Names in pinyin order, then codepoint order, then as listed, once: every column's sort
    // breaks its ties by this rank, a comparison of two numbers rather than of two strings.
    std::vector<std::uint32_t> by_name(members.size());
    for (std::uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (table.name_keys[a] != table.name_keys[b]) return table.name_keys[a] < table.name_keys[b];
        return members[a].name != members[b].name ? members[a].name < members[b].name : a < b;
    });
    table.name_rank.assign(members.size(), 0);
    for (std::uint32_t rank = 0; rank < by_name.size(); ++rank) table.name_rank[by_name[rank]] = rank;
    // The place column's order likewise (city, then county; equal places share a rank).
    std::vector<std::uint32_t> by_place = by_name;
    auto place_less = [&](std::uint32_t a, std::uint32_t b) {
        return members[a].city != members[b].city ? members[a].city < members[b].city : members[a].county < members[b].county;
    };
    std::stable_sort(by_place.begin(), by_place.end(), place_less);
    table.place_rank.assign(members.size(), 0);
    for (std::uint32_t k = 1; k < by_place.size(); ++k)
        table.place_rank[by_place[k]] = table.place_rank[by_place[k - 1]] + (place_less(by_place[k - 1], by_place[k]) ? 1 : 0);
    table.matched.clear();  // the rows and matches index the members: make them again
    table.rows.shown_revision = ~std::uint64_t{0};
}

std::string rows_key(const MemberTableState& t) {
    std::string key = t.search;
    key += '\x1F' + std::to_string(t.category ? static_cast<int>(*t.category) : -1);
    key += '\x1F' + (t.city ? *t.city : std::string("\x1E"));
    key += '\x1F' + std::to_string(t.status ? static_cast<int>(*t.status) : -1);
    key += '\x1F' + std::to_string(t.sort_column) + (t.sort_descending ? "d" : "a");
    return key;
}

// The rows shown: the members in the sort order (sorted once per sort and member list) that
// pass the filters and the query (searched once per query: one scan of the folded texts).
void rebuild_rows(Context& ctx, MemberTableState& t) {
    const std::string key = rows_key(t);
    if (t.rows.shown_revision == ctx.view.revision() && t.rows.shown_key == key) return;
    const auto& members = ctx.state.catalogue.members;
    auto routes = [&](std::uint32_t i) { return ctx.view.routes_of(i).size(); };
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        const Member& x = members[a];
        const Member& y = members[b];
        switch (t.sort_column) {
            case category_column:
                if (x.category != y.category) return x.category < y.category;
                break;
            case place_column:
                if (t.place_rank[a] != t.place_rank[b]) return t.place_rank[a] < t.place_rank[b];
                break;
            case status_column:
                if (x.status != y.status) return x.status < y.status;
                break;
            case admitted_column:
                if (x.admitted != y.admitted) return x.admitted < y.admitted;
                break;
            case routes_column:
                if (routes(a) != routes(b)) return routes(a) < routes(b);
                break;
            default: break;
        }
        // Then by name: in pinyin order, then codepoint order, then as listed.
        return t.name_rank[a] < t.name_rank[b];
    };
    t.rows.sort(t.index_revision, t.sort_column, members.size(), less);
    if (t.matched_query != t.search || t.matched.size() != members.size()) {
        t.matched.assign(members.size(), query_terms(t.search).empty() ? 1 : 0);
        if (!t.matched.empty() && !t.matched.front())
            for (std::uint32_t i : t.index.search(t.search)) t.matched[i] = 1;
        t.matched_query = t.search;
    }
    t.rows.show(ctx.view.revision(), key, t.sort_descending, [&](std::uint32_t i) {
        const Member& m = members[i];
        return t.matched[i] && (!t.category || m.category == *t.category) && (!t.city || m.city == *t.city) &&
               (!t.status || m.status == *t.status);
    });
}

// Category and status as chips in one row (they wrap on a narrow screen).
void filters(Context& ctx, MemberTableState& t) {
    inline_caption(ctx, dt(ctx, DeskText::filter_category));
    ImGui::SameLine();
    ImGui::PushID("category");
    chip_row_start();
    if (chip(ctx, dt(ctx, DeskText::all), !t.category)) t.category.reset();
    for (Category c : {Category::reception, Category::experience, Category::wellness, Category::support})
        if (chip(ctx, desk_category_name(ctx, c), t.category == c)) t.category = c;
    ImGui::PopID();
    ImGui::SameLine(0, 24);
    if (ImGui::GetCursorPosX() + 360 > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    inline_caption(ctx, dt(ctx, DeskText::filter_status));
    ImGui::SameLine();
    ImGui::PushID("status");
    chip_row_start();
    if (chip(ctx, dt(ctx, DeskText::all), !t.status)) t.status.reset();
    for (MemberStatus s : {MemberStatus::active, MemberStatus::suspended, MemberStatus::exited})
        if (chip(ctx, member_status_name(ctx, s), t.status == s)) t.status = s;
    ImGui::PopID();
}

void member_row(Context& ctx, const Member& m, std::size_t index) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(name_column);
    ctx.glyphs.want(m.name);
    ImGui::PushID(m.id.c_str());
    // The whole row opens the member; its label is the member's name.
    if (ImGui::Selectable(m.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) ctx.nav.go({Screen::desk_member, m.id});
    ImGui::PopID();
    ImGui::TableSetColumnIndex(category_column);
    cell(ctx, desk_category_name(ctx, m.category));
    ImGui::TableSetColumnIndex(place_column);
    cell(ctx, m.city + " · " + m.county);
    ImGui::TableSetColumnIndex(status_column);
    cell(ctx, member_status_name(ctx, m.status), m.status == MemberStatus::active ? 0 : colors::accent);
    ImGui::TableSetColumnIndex(admitted_column);
    cell(ctx, format_day(m.admitted));
    ImGui::TableSetColumnIndex(routes_column);
    const auto& routes = ctx.view.routes_of(index);
    std::string text = dtf(ctx, DeskText::routes_count, static_cast<int>(routes.size()));
    if (!routes.empty()) text += " · " + ctx.state.catalogue.routes[routes.front()].title + (routes.size() > 1 ? "…" : "");
    cell(ctx, text);
}

}  // namespace

void draw_desk_members(Context& ctx) {
    MemberTableState& t = desk_state(ctx).members;
    const auto& members = ctx.state.catalogue.members;
    heading(ctx, dt(ctx, DeskText::members_title));
    rebuild_index(ctx, t);
    if (button(ctx, dt(ctx, DeskText::admit_member))) ctx.nav.go({Screen::desk_member, "new"});
    ImGui::SameLine();
    const float city_width = 200;
    text_field(ctx, dt(ctx, DeskText::search_members), "##member_search", &t.search,
               ImGui::GetContentRegionAvail().x - city_width - ImGui::GetStyle().ItemSpacing.x, 0,
               dt(ctx, DeskText::search_members_hint), FieldKind::search);
    ImGui::SameLine();
    choice(ctx, dt(ctx, DeskText::filter_city), "##member_city", t.cities, &t.city, city_width);
    filters(ctx, t);

    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp;
    // Sorting is read before the rows are made: a click on a header sorts this very frame.
    rebuild_rows(ctx, t);
    muted(ctx, dtf(ctx, DeskText::members_shown, static_cast<int>(members.size()), static_cast<int>(t.rows.shown.size())));
    if (t.rows.shown.empty()) {
        muted(ctx, dt(ctx, DeskText::no_members));
    }
    const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 8);
    if (!ImGui::BeginTable("##members", 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    auto column = [&](DeskText words, float weight, Column id, ImGuiTableColumnFlags flags = 0) {
        ctx.glyphs.want(dt(ctx, words));
        ImGui::TableSetupColumn(dt(ctx, words), flags, weight, id);
    };
    column(DeskText::col_name, 3.0f, name_column, ImGuiTableColumnFlags_DefaultSort);
    column(DeskText::col_category, 1.2f, category_column);
    column(DeskText::col_place, 1.5f, place_column);
    column(DeskText::col_status, 0.9f, status_column);
    column(DeskText::col_admitted, 1.1f, admitted_column);
    column(DeskText::col_routes, 2.6f, routes_column);
    table_headers(ctx);
    if (read_sort_specs(&t.sort_column, &t.sort_descending)) rebuild_rows(ctx, t);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(t.rows.shown.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::uint32_t index = t.rows.shown[static_cast<std::size_t>(i)];
            member_row(ctx, members[index], index);
        }
    }
    ImGui::EndTable();
}

}  // namespace liaoxiu::ui
