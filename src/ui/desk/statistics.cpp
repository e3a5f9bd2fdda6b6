// 统计 (#/desk/stats): the alliance's figures as charts or as a table, with a date range and
// the filters every figure takes (alliance, city, unit, route, category), and each table as
// CSV. The figures come from GET /api/v1/stats through the sync engine (Intents::load_stats,
// ClientState::stats); the form is checked with the core's parse_stats_query before asking.
#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/stats.hpp"
#include "ui/desk/charts.hpp"
#include "ui/desk/desk.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <array>

namespace liaoxiu::ui {

// The drop-downs' choices: names shown, ids sent (names[i] shows ids[i]).
struct StatsOptions {
    std::vector<std::string> alliance_names, alliance_ids, unit_names, unit_ids, route_names, route_ids, cities,
        category_names, category_ids;
};

struct StatsPageState {
    StatsView view = StatsView::places;
    StatsBy by = StatsBy::month;
    std::string from, to;  // YYYY-MM-DD as typed
    std::string small_below = std::to_string(StatsQuery::kDefaultSmallBelow);
    std::optional<std::string> alliance, city, unit, route, category;  // as shown in the drop-downs
    bool table = false;    // 表格: the numbers instead of the chart
    bool asked = false;    // the first query went out
    std::string error;     // why the form was refused, naming the field
    StatsOptions options;  // made again only when the catalogue changes
    std::uint64_t options_revision = ~std::uint64_t{0};
};

namespace {

constexpr std::array kViews{StatsView::places, StatsView::outcomes, StatsView::waiting, StatsView::pooling, StatsView::load};
constexpr std::array kBys{StatsBy::month, StatsBy::season, StatsBy::route, StatsBy::theme,
                          StatsBy::city,  StatsBy::unit,   StatsBy::member};
constexpr std::array kCategories{Category::reception, Category::experience, Category::wellness, Category::support};

StatsPageState& page_state(Context& ctx) {
    DeskState& desk = desk_state(ctx);
    if (!desk.stats) {
        desk.stats = std::make_shared<StatsPageState>();
        const Day today = day_of(ctx.services.now());
        desk.stats->from = format_day(today - 365);
        desk.stats->to = format_day(today + 180);
    }
    return *desk.stats;
}

// The id behind a drop-down's chosen name (names[i] shows ids[i]).
std::optional<std::string> id_of(const std::optional<std::string>& chosen, const std::vector<std::string>& names,
                                 const std::vector<std::string>& ids) {
    if (!chosen) return std::nullopt;
    auto it = std::find(names.begin(), names.end(), *chosen);
    if (it == names.end()) return std::nullopt;
    return ids[static_cast<std::size_t>(it - names.begin())];
}

StatsOptions options_of(Context& ctx) {
    StatsOptions o;
    const Catalogue& c = ctx.state.catalogue;
    for (const auto& a : c.alliances) {
        o.alliance_names.push_back(a.name);
        o.alliance_ids.push_back(a.id);
    }
    for (const auto& u : c.units) {
        o.unit_names.push_back(u.name);
        o.unit_ids.push_back(u.id);
    }
    for (const auto& r : c.routes) {
        o.route_names.push_back(r.title);
        o.route_ids.push_back(r.id);
        for (const auto& city : r.cities)
            if (std::find(o.cities.begin(), o.cities.end(), city) == o.cities.end()) o.cities.push_back(city);
    }
    for (Category k : kCategories) {
        o.category_names.push_back(desk_category_name(ctx, k));
        o.category_ids.push_back(std::string(enum_name(k)));
    }
    return o;
}

void ask(Context& ctx, StatsPageState& s, const StatsOptions& o) {
    StatsQueryText text;
    text.view = std::string(enum_name(s.view));
    text.by = std::string(enum_name(s.by));
    text.from = s.from;
    text.to = s.to;
    text.alliance = id_of(s.alliance, o.alliance_names, o.alliance_ids);
    text.city = s.city;
    text.unit = id_of(s.unit, o.unit_names, o.unit_ids);
    text.route = id_of(s.route, o.route_names, o.route_ids);
    text.category = id_of(s.category, o.category_names, o.category_ids);
    text.small_below = s.small_below;
    s.asked = true;
    auto query = parse_stats_query(text);
    if (!query) {
        s.error = query.error().message_zh;
        return;
    }
    s.error.clear();
    ctx.desk_intents->load_stats(query.value());
}

// What each view draws: which columns, as which kind of chart.
charts::Chart chart_of(const StatsTable& table) {
    charts::Chart chart;
    std::vector<std::size_t> columns;
    switch (table.query.view) {
        case StatsView::places:
            chart.kind = charts::Kind::bar;
            columns = {0, 1};
            break;
        case StatsView::outcomes:
            chart.kind = charts::Kind::stacked;
            columns = {0, 1, 2, 3, 4, 5};
            break;
        case StatsView::waiting:
            chart.kind = charts::Kind::stacked;
            columns = {1, 2};
            break;
        case StatsView::pooling:
            chart.kind = charts::Kind::line;
            columns = {3, 4};
            break;
        case StatsView::load:
            chart.kind = charts::Kind::line;
            for (std::size_t c = 0; c < std::min<std::size_t>(6, table.columns.size()); ++c) columns.push_back(c);
            break;
    }
    for (const auto& row : table.rows) chart.categories.push_back(row.label);
    for (std::size_t c : columns) {
        if (c >= table.columns.size()) continue;
        charts::Series series{table.columns[c].label, {}};
        for (const auto& row : table.rows) series.values.push_back(c < row.values.size() ? row.values[c] : 0);
        chart.series.push_back(std::move(series));
    }
    return chart;
}

void draw_table(Context& ctx, const StatsTable& table) {
    const int columns = static_cast<int>(table.columns.size()) + 1;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV;
    const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 8);
    if (!ImGui::BeginTable("##stats_table", std::min(columns, 64), flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    const std::string first = table.row_label.empty() ? "项目" : table.row_label;
    ctx.glyphs.want(first);
    ImGui::TableSetupColumn(first.c_str(), ImGuiTableColumnFlags_WidthFixed, 150);
    for (int c = 1; c < std::min(columns, 64); ++c) {
        const std::string& name = table.columns[static_cast<std::size_t>(c - 1)].label;
        ctx.glyphs.want(name);
        ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthFixed, std::max(90.0f, ImGui::CalcTextSize(name.c_str()).x + 16));
    }
    table_headers(ctx);
    auto row = [&](const std::string& name, const std::vector<std::int64_t>& values) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        cell(ctx, name);
        for (int c = 1; c < std::min(columns, 64); ++c) {
            ImGui::TableSetColumnIndex(c);
            const std::size_t i = static_cast<std::size_t>(c - 1);
            cell(ctx, std::to_string(i < values.size() ? values[i] : 0));
        }
    };
    for (const auto& r : table.rows) row(r.label, r.values);
    row("合计", table.totals);
    ImGui::EndTable();
}

}  // namespace

void draw_desk_stats(Context& ctx) {
    StatsPageState& s = page_state(ctx);
    if (s.options_revision != ctx.view.revision()) {
        s.options = options_of(ctx);
        s.options_revision = ctx.view.revision();
    }
    const StatsOptions& o = s.options;
    heading(ctx, "统计");

    bool changed = false;
    ImGui::PushID("stats_view");
    chip_row_start();
    for (StatsView v : kViews) {
        if (chip(ctx, std::string(stats_view_label(v)).c_str(), s.view == v) && s.view != v) {
            s.view = v;
            changed = true;
        }
    }
    ImGui::PopID();
    if (s.view == StatsView::places) {
        ImGui::PushID("stats_by");
        inline_caption(ctx, "分组");
        ImGui::SameLine();
        chip_row_start();
        for (StatsBy b : kBys) {
            if (chip(ctx, std::string(stats_by_label(b)).c_str(), s.by == b) && s.by != b) {
                s.by = b;
                changed = true;
            }
        }
        ImGui::PopID();
    }

    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = std::max(120.0f, (ImGui::GetContentRegionAvail().x - gap * 3) / 4);
    text_field(ctx, "出发日期从", "##stats_from", &s.from, width, 0, "出发日期从（YYYY-MM-DD）");
    ImGui::SameLine();
    text_field(ctx, "出发日期至", "##stats_to", &s.to, width, 0, "出发日期至（YYYY-MM-DD）");
    ImGui::SameLine();
    choice(ctx, "联盟", "##stats_alliance", o.alliance_names, &s.alliance, width);
    ImGui::SameLine();
    choice(ctx, "城市", "##stats_city", o.cities, &s.city, width);
    choice(ctx, "职工单位", "##stats_unit", o.unit_names, &s.unit, width);
    ImGui::SameLine();
    choice(ctx, "线路", "##stats_route", o.route_names, &s.route, width);
    ImGui::SameLine();
    choice(ctx, "成员类别", "##stats_category", o.category_names, &s.category, width);
    if (s.view == StatsView::pooling) {
        ImGui::SameLine();
        text_field(ctx, "小单位：会员少于", "##stats_small", &s.small_below, width, 0, "小单位：工会会员少于（人）");
    }

    if (button(ctx, "查询")) changed = true;
    ImGui::SameLine();
    if (secondary_button(ctx, s.table ? "图表" : "表格")) s.table = !s.table;
    const sync::StatsState& stats = ctx.state.stats;
    const bool have_table = stats.status == sync::StatsState::Status::loaded ||
                            (stats.received > 0 && stats.status == sync::StatsState::Status::loading);
    if (have_table) {
        ImGui::SameLine();
        if (secondary_button(ctx, "导出CSV")) {
            ctx.services.save_file("统计-" + std::string(enum_name(stats.table.query.view)) + ".csv", "text/csv;charset=utf-8",
                                   stats_csv(stats.table));
        }
    }
    if (changed || (!s.asked && stats.status == sync::StatsState::Status::none)) ask(ctx, s, o);

    if (!s.error.empty()) label(ctx, s.error, colors::accent);
    if (stats.status == sync::StatsState::Status::loading) muted(ctx, "正在读取统计…");
    if (stats.status == sync::StatsState::Status::failed) label(ctx, stats.error_zh, colors::accent);
    if (!have_table) return;

    const StatsTable& table = stats.table;
    section(ctx, table.title);
    if (s.table) {
        draw_table(ctx, table);
        return;
    }
    if (table.rows.empty()) {
        muted(ctx, "所选范围内没有数据");
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    charts::draw(ctx, "##stats_chart", chart_of(table), ImVec2(avail.x, std::max(240.0f, avail.y - 8)));
}

}  // namespace liaoxiu::ui
