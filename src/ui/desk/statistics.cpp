// 统计 (#/desk/stats): the alliance's figures as charts or as a table, with a date range and
// the filters every figure takes (alliance, city, unit, route, category), and each table as
// CSV. The figures come from GET /api/v1/stats through the sync engine (Intents::load_stats,
// ClientState::stats); the form is checked with the core's parse_stats_query before asking.
// Every word shown is the desk's (DeskText stats_*), in the language chosen: the endpoint's
// title, row label and column labels are Chinese, so the page words them itself from the
// query and the columns' keys, and shows the endpoint's label only where it is data (a
// member unit's name as view=load's column, a route's title as a row). The CSV is the core's
// (stats_csv), its headings and row labels in the page's words (English in English; data,
// such as a route's title, as the endpoint names it).
// 打印月报: the month's tables (Intents::load_stats_report, ClientState::stats_report) made
// into one printable HTML document by the core (stats_report_html) and handed to the device
// (Services::open_document: a new tab in the browser), once per press.
#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/stats.hpp"
#include "core/stats_report.hpp"
#include "ui/desk/charts.hpp"
#include "ui/desk/desk.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <array>
#include <cctype>

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
    std::string report_month;     // 打印月报's month, YYYY-MM as typed (last month at first)
    std::string report_asked;     // the month asked for; "" once its document was opened (or failed)
    std::string report_issuer;    // who issues it (the alliance filtered, or the only one)
    bool report_error = false;    // the month typed was refused
    std::string error_zh, error_en;  // why the form was refused, naming the field
    StatsOptions options;  // made again only when the catalogue or the language changes
    std::uint64_t options_revision = ~std::uint64_t{0};
    Language options_language = Language::zh;
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
        desk.stats->report_month = report_month_of(report_month_of(today).first - 1).key;
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

// The form's query, or nullopt with the reason kept in `s` (naming the field).
std::optional<StatsQuery> form_query(StatsPageState& s, const StatsOptions& o) {
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
    auto query = parse_stats_query(text);
    if (!query) {
        s.error_zh = query.error().message_zh;
        s.error_en = query.error().message_en;
        return std::nullopt;
    }
    s.error_zh.clear();
    s.error_en.clear();
    return query.value();
}

void ask(Context& ctx, StatsPageState& s, const StatsOptions& o) {
    s.asked = true;
    if (auto query = form_query(s, o)) ctx.desk_intents->load_stats(*query);
}

// 打印月报: the month's tables with the form's filters (its range aside).
void ask_report(Context& ctx, StatsPageState& s, const StatsOptions& o) {
    s.report_error = !parse_report_month(s.report_month);
    if (s.report_error) return;
    auto query = form_query(s, o);
    if (!query) return;
    s.report_asked = s.report_month;
    s.report_issuer.clear();
    if (id_of(s.alliance, o.alliance_names, o.alliance_ids)) {
        s.report_issuer = *s.alliance;
    } else if (ctx.state.catalogue.alliances.size() == 1) {
        s.report_issuer = ctx.state.catalogue.alliances.front().name;
    }
    ctx.desk_intents->load_stats_report(*query, s.report_month);
}

// The report's document, opened once when its month's tables have all come.
void open_report_when_loaded(Context& ctx, StatsPageState& s) {
    const sync::StatsReportState& report = ctx.state.stats_report;
    if (s.report_asked.empty() || report.month != s.report_asked) return;
    if (report.status == sync::StatsReportState::Status::failed) {
        s.report_asked.clear();
        return;
    }
    if (report.status != sync::StatsReportState::Status::loaded) return;
    StatsReport document{s.report_issuer, *parse_report_month(report.month), report.tables, day_of(ctx.services.now())};
    ctx.services.open_document(stats_report_title(document.issuer, document.month), stats_report_html(document));
    s.report_asked.clear();
}

const char* view_label(const Context& ctx, StatsView view) {
    switch (view) {
        case StatsView::places: return dt(ctx, DeskText::stats_view_places);
        case StatsView::outcomes: return dt(ctx, DeskText::stats_view_outcomes);
        case StatsView::waiting: return dt(ctx, DeskText::stats_view_waiting);
        case StatsView::pooling: return dt(ctx, DeskText::stats_view_pooling);
        case StatsView::load: return dt(ctx, DeskText::stats_view_load);
    }
    return "";
}

const char* by_label(const Context& ctx, StatsBy by) {
    switch (by) {
        case StatsBy::month: return dt(ctx, DeskText::stats_by_month);
        case StatsBy::season: return dt(ctx, DeskText::stats_by_season);
        case StatsBy::route: return dt(ctx, DeskText::stats_by_route);
        case StatsBy::theme: return dt(ctx, DeskText::stats_by_theme);
        case StatsBy::city: return dt(ctx, DeskText::stats_by_city);
        case StatsBy::unit: return dt(ctx, DeskText::stats_by_unit);
        case StatsBy::member: return dt(ctx, DeskText::stats_by_member);
    }
    return "";
}

// The table's title, from the query the endpoint applied (what its Chinese title says).
std::string title_of(const Context& ctx, const StatsQuery& query) {
    switch (query.view) {
        case StatsView::places: {
            std::string by = by_label(ctx, query.by);
            // Mid-sentence in English: "Places booked by work unit".
            if (ctx.language == Language::en && !by.empty())
                by[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(by[0])));
            return dtf(ctx, DeskText::stats_title_places, by.c_str());
        }
        case StatsView::outcomes: return dt(ctx, DeskText::stats_title_outcomes);
        case StatsView::waiting: return dt(ctx, DeskText::stats_title_waiting);
        case StatsView::pooling: return dt(ctx, DeskText::stats_title_pooling);
        case StatsView::load: return dt(ctx, DeskText::stats_title_load);
    }
    return "";
}

// What the rows are (the table's first column).
std::string row_heading(const Context& ctx, const StatsQuery& query) {
    switch (query.view) {
        case StatsView::places: return by_label(ctx, query.by);
        case StatsView::waiting: return dt(ctx, DeskText::stats_by_route);
        case StatsView::outcomes:
        case StatsView::pooling:
        case StatsView::load: return dt(ctx, DeskText::stats_by_month);
    }
    return dt(ctx, DeskText::stats_first_column);
}

// A column's words by its key (docs/api.md); a key the desk does not know, or a member
// unit's id (view=load), shows the endpoint's label.
std::string column_label(const Context& ctx, StatsView view, const StatsColumn& column) {
    struct Word {
        const char* key;
        DeskText text;
    };
    static constexpr Word kPlaces[] = {{"confirmed", DeskText::stats_col_confirmed}, {"travelled", DeskText::stats_col_travelled}};
    static constexpr Word kOutcomes[] = {
        {"open", DeskText::stats_col_open},           {"formed", DeskText::stats_col_formed},
        {"full", DeskText::stats_col_full},           {"locked", DeskText::stats_col_locked},
        {"expired", DeskText::stats_col_expired},     {"cancelled", DeskText::stats_col_cancelled},
        {"groups", DeskText::stats_col_groups},       {"capacity", DeskText::stats_col_capacity},
        {"confirmed", DeskText::stats_col_places},    {"fill_permille", DeskText::stats_col_fill}};
    static constexpr Word kWaiting[] = {{"demand", DeskText::stats_col_demand},
                                        {"waiting", DeskText::stats_col_waiting},
                                        {"missed", DeskText::stats_col_missed},
                                        {"wishes", DeskText::stats_col_wishes}};
    static constexpr Word kPooling[] = {{"places", DeskText::stats_col_places},
                                        {"cross_unit", DeskText::stats_col_cross},
                                        {"small_cross_unit", DeskText::stats_col_small_cross},
                                        {"cross_permille", DeskText::stats_col_cross_share},
                                        {"small_permille", DeskText::stats_col_small_share}};
    auto find = [&](const auto& words) -> std::string {
        for (const Word& w : words)
            if (column.key == w.key) return dt(ctx, w.text);
        return column.label;
    };
    switch (view) {
        case StatsView::places: return find(kPlaces);
        case StatsView::outcomes: return find(kOutcomes);
        case StatsView::waiting: return find(kWaiting);
        case StatsView::pooling: return find(kPooling);
        case StatsView::load: return column.label;  // a member unit's name
    }
    return column.label;
}

// A row's words: a month ("2026-09") or a season by its key; otherwise the endpoint's
// label, which is data (a route's title, a city, a unit's name). A month in English is
// its key as the endpoint sends it.
std::string row_label(const Context& ctx, const StatsQuery& query, const StatsRow& row) {
    const bool months = query.view != StatsView::waiting && (query.view != StatsView::places || query.by == StatsBy::month);
    if (months) return ctx.language == Language::zh ? row.label : row.key;
    if (query.view == StatsView::places && query.by == StatsBy::season) {
        if (auto season = parse_season(row.key)) {
            switch (*season) {
                case Season::spring: return dt(ctx, DeskText::stats_season_spring);
                case Season::summer: return dt(ctx, DeskText::stats_season_summer);
                case Season::autumn: return dt(ctx, DeskText::stats_season_autumn);
                case Season::winter: return dt(ctx, DeskText::stats_season_winter);
            }
        }
    }
    return row.label;
}

// What each view draws: which columns, as which kind of chart.
charts::Chart chart_of(const Context& ctx, const StatsTable& table) {
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
    for (const auto& row : table.rows) chart.categories.push_back(row_label(ctx, table.query, row));
    for (std::size_t c : columns) {
        if (c >= table.columns.size()) continue;
        charts::Series series{column_label(ctx, table.query.view, table.columns[c]), {}};
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
    const std::string first = row_heading(ctx, table.query);
    ctx.glyphs.want(first);
    ImGui::TableSetupColumn(first.c_str(), ImGuiTableColumnFlags_WidthFixed, 150);
    for (int c = 1; c < std::min(columns, 64); ++c) {
        const std::string name = column_label(ctx, table.query.view, table.columns[static_cast<std::size_t>(c - 1)]);
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
    for (const auto& r : table.rows) row(row_label(ctx, table.query, r), r.values);
    row(dt(ctx, DeskText::stats_total), table.totals);
    ImGui::EndTable();
}

// The CSV of a table: in Chinese the endpoint's words; in English the page's (row_heading,
// column_label, row_label), data such as a route's title as the endpoint names it.
std::string csv_of(const Context& ctx, const StatsTable& table) {
    if (ctx.language == Language::zh) return stats_csv(table);
    StatsTable words = table;
    words.row_label = row_heading(ctx, table.query);
    for (auto& c : words.columns) c.label = column_label(ctx, table.query.view, c);
    for (auto& r : words.rows) r.label = row_label(ctx, table.query, r);
    return stats_csv(words, dt(ctx, DeskText::stats_total));
}

}  // namespace

void draw_desk_stats(Context& ctx) {
    StatsPageState& s = page_state(ctx);
    if (s.options_revision != ctx.view.revision() || s.options_language != ctx.language) {
        s.options = options_of(ctx);
        s.options_revision = ctx.view.revision();
        s.options_language = ctx.language;
    }
    const StatsOptions& o = s.options;
    heading(ctx, dt(ctx, DeskText::stats_title));

    bool changed = false;
    ImGui::PushID("stats_view");
    chip_row_start();
    for (StatsView v : kViews) {
        if (chip(ctx, view_label(ctx, v), s.view == v) && s.view != v) {
            s.view = v;
            changed = true;
        }
    }
    ImGui::PopID();
    if (s.view == StatsView::places) {
        ImGui::PushID("stats_by");
        inline_caption(ctx, dt(ctx, DeskText::stats_group_by));
        ImGui::SameLine();
        chip_row_start();
        for (StatsBy b : kBys) {
            if (chip(ctx, by_label(ctx, b), s.by == b) && s.by != b) {
                s.by = b;
                changed = true;
            }
        }
        ImGui::PopID();
    }

    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = std::max(120.0f, (ImGui::GetContentRegionAvail().x - gap * 3) / 4);
    text_field(ctx, dt(ctx, DeskText::stats_from), "##stats_from", &s.from, width, 0, dt(ctx, DeskText::stats_from_hint), FieldKind::date);
    ImGui::SameLine();
    text_field(ctx, dt(ctx, DeskText::stats_to), "##stats_to", &s.to, width, 0, dt(ctx, DeskText::stats_to_hint), FieldKind::date);
    ImGui::SameLine();
    choice(ctx, dt(ctx, DeskText::stats_alliance), "##stats_alliance", o.alliance_names, &s.alliance, width);
    ImGui::SameLine();
    choice(ctx, dt(ctx, DeskText::stats_city), "##stats_city", o.cities, &s.city, width);
    choice(ctx, dt(ctx, DeskText::stats_unit), "##stats_unit", o.unit_names, &s.unit, width);
    ImGui::SameLine();
    choice(ctx, dt(ctx, DeskText::stats_route), "##stats_route", o.route_names, &s.route, width);
    ImGui::SameLine();
    choice(ctx, dt(ctx, DeskText::stats_category), "##stats_category", o.category_names, &s.category, width);
    if (s.view == StatsView::pooling) {
        ImGui::SameLine();
        text_field(ctx, dt(ctx, DeskText::stats_small_below), "##stats_small", &s.small_below, width, 0,
                   dt(ctx, DeskText::stats_small_below_hint), FieldKind::number);
    }

    if (button(ctx, dt(ctx, DeskText::stats_ask))) changed = true;
    ImGui::SameLine();
    if (secondary_button(ctx, dt(ctx, s.table ? DeskText::stats_as_chart : DeskText::stats_as_table))) s.table = !s.table;
    const sync::StatsState& stats = ctx.state.stats;
    const bool have_table = stats.status == sync::StatsState::Status::loaded ||
                            (stats.received > 0 && stats.status == sync::StatsState::Status::loading);
    if (have_table) {
        ImGui::SameLine();
        if (secondary_button(ctx, dt(ctx, DeskText::stats_export))) {
            const std::string view(enum_name(stats.table.query.view));
            ctx.services.save_file(dtf(ctx, DeskText::stats_file, view.c_str()), "text/csv;charset=utf-8", csv_of(ctx, stats.table));
        }
    }
    // 打印月报: a month field and the button, on the same line.
    ImGui::SameLine();
    text_field(ctx, dt(ctx, DeskText::stats_report_month), "##stats_report_month", &s.report_month, 160, 0,
               dt(ctx, DeskText::stats_report_month_hint), FieldKind::date);
    ImGui::SameLine();
    if (secondary_button(ctx, dt(ctx, DeskText::stats_report_print))) ask_report(ctx, s, o);
    open_report_when_loaded(ctx, s);
    if (changed || (!s.asked && stats.status == sync::StatsState::Status::none)) ask(ctx, s, o);

    const bool zh = ctx.language == Language::zh;
    if (!s.error_zh.empty()) label(ctx, zh ? s.error_zh : s.error_en, colors::accent);
    if (s.report_error) label(ctx, dt(ctx, DeskText::stats_report_bad_month), colors::accent);
    if (!s.report_asked.empty() && ctx.state.stats_report.status == sync::StatsReportState::Status::loading)
        muted(ctx, dt(ctx, DeskText::stats_report_loading));
    if (stats.status == sync::StatsState::Status::loading) muted(ctx, dt(ctx, DeskText::stats_loading));
    if (stats.status == sync::StatsState::Status::failed) label(ctx, zh ? stats.error_zh : stats.error_en, colors::accent);
    if (!have_table) return;

    const StatsTable& table = stats.table;
    section(ctx, title_of(ctx, table.query));
    if (s.table) {
        draw_table(ctx, table);
        return;
    }
    if (table.rows.empty()) {
        muted(ctx, dt(ctx, DeskText::stats_empty));
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    charts::draw(ctx, "##stats_chart", chart_of(ctx, table), ImVec2(avail.x, std::max(240.0f, avail.y - 8)));
}

}  // namespace liaoxiu::ui
