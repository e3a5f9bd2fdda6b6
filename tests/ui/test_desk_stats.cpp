// The secretariat's desk: statistics (#/desk/stats) at an office PC's size: what it asks for,
// the exact value under the pointer, the same numbers as a table, and the CSV export.
#include "ui_driver.hpp"

#include "core/dates.hpp"
#include "core/stats.hpp"
#include "ui/desk/charts.hpp"

#include <catch2/catch.hpp>

#include <imgui.h>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

void sign_in_secretariat(UiDriver& ui) {
    ui.state.session = testing::make_session("a-admin", "联盟秘书处", sync::Role::secretariat, "");
    ui.touch();
}

// Places by month, as the endpoint answers: three months.
StatsTable places_table() {
    StatsTable table;
    table.query.view = StatsView::places;
    table.query.by = StatsBy::month;
    table.title = "出行人次（按月份）";
    table.row_label = "月份";
    table.columns = {{"confirmed", "已确认"}, {"travelled", "已出行"}};
    table.rows = {{"2026-09", "2026年9月", {12, 12}}, {"2026-10", "2026年10月", {47, 31}}, {"2026-11", "2026年11月", {5, 0}}};
    compute_totals(table, {});
    return table;
}

void show_table(UiDriver& ui, const StatsTable& table) {
    ui.state.stats.status = sync::StatsState::Status::loaded;
    ui.state.stats.table = table;
    ui.state.stats.received = 1;
    ui.touch();
    ui.frames(3);
}

// The noted text `text` drawn in the last frame (a chart's category label, a legend entry).
const ui::ItemRecord* noted(const UiDriver& ui, const std::string& text) {
    for (const auto& item : ui.items.last_frame())
        if (item.id == 0 && item.label == text) return &item;
    return nullptr;
}

}  // namespace

TEST_CASE("desk stats: reachable by its location, asks for places by month over the default range once", "[ui][desk][stats]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/stats");
    ui.frames(3);
    CHECK(ui.ui.location() == "#/desk/stats");
    CHECK(ui.shows("统计"));
    const Day today = day_of(testing::demo_now());
    CHECK(ui.intents.calls == std::vector<std::string>{"load_stats view=places&by=month&from=" + format_day(today - 365) +
                                                       "&to=" + format_day(today + 180)});
    ui.state.stats.status = sync::StatsState::Status::loading;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在读取统计…"));
    CHECK(ui.intents.calls.size() == 1);  // not asked again

    // Another view asks at once, with the same range.
    REQUIRE(ui.click("跨单位拼团"));
    REQUIRE(ui.intents.calls.size() == 2);
    CHECK(ui.intents.stats_queries.back().view == StatsView::pooling);
    CHECK(ui.intents.stats_queries.back().from == today - 365);
}

TEST_CASE("desk stats: the pointer on a month shows its exact values", "[ui][desk][stats]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/stats");
    ui.frames(2);
    show_table(ui, places_table());
    CHECK(ui.shows("出行人次（按月份）"));
    REQUIRE(noted(ui, "已确认"));  // the legend
    REQUIRE(noted(ui, "已出行"));
    const ui::ItemRecord* october = noted(ui, "2026年10月");  // under the plot
    REQUIRE(october);
    CHECK_FALSE(ui.shows("已确认：47"));

    ImGui::GetIO().MousePos = ImVec2((october->min.x + october->max.x) / 2, october->min.y - 30);
    ui.frames(2);
    CHECK(ui.shows("已确认：47"));
    CHECK(ui.shows("已出行：31"));
    CHECK_FALSE(ui.shows("已确认：12"));

    // Another month, another tooltip.
    const ui::ItemRecord* september = noted(ui, "2026年9月");
    REQUIRE(september);
    ImGui::GetIO().MousePos = ImVec2((september->min.x + september->max.x) / 2, september->min.y - 30);
    ui.frames(2);
    CHECK(ui.shows("已确认：12"));
    CHECK_FALSE(ui.shows("已确认：47"));

    // Off the chart: no tooltip.
    ImGui::GetIO().MousePos = ImVec2(-100, -100);
    ui.frames(2);
    CHECK_FALSE(ui.shows("已确认：12"));
}

TEST_CASE("desk stats: 表格 shows the same numbers with the totals, 导出CSV hands over the table", "[ui][desk][stats]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/stats");
    ui.frames(2);
    const StatsTable table = places_table();
    show_table(ui, table);
    CHECK_FALSE(ui.shows("合计"));
    REQUIRE(ui.click("表格"));
    CHECK(ui.shows("合计"));
    CHECK(noted(ui, "47"));
    CHECK(noted(ui, "31"));
    CHECK(noted(ui, "64"));  // 12 + 47 + 5
    CHECK(noted(ui, "43"));  // 12 + 31 + 0
    REQUIRE(ui.click("图表"));
    CHECK_FALSE(ui.shows("合计"));

    REQUIRE(ui.click("导出CSV"));
    REQUIRE(ui.services.saved.size() == 1);
    CHECK(ui.services.saved[0].name == "统计-places.csv");
    CHECK(ui.services.saved[0].mime == "text/csv;charset=utf-8");
    CHECK(ui.services.saved[0].bytes == stats_csv(table));
}

TEST_CASE("desk stats: a bad date is refused before anything is asked", "[ui][desk][stats]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/stats");
    ui.frames(3);
    REQUIRE(ui.intents.calls.size() == 1);
    REQUIRE(ui.click("出发日期从"));
    for (int i = 0; i < 10; ++i) ui.press_backspace();
    ui.type("2026-13-01");
    ui.frames(2);
    REQUIRE(ui.click("查询"));
    CHECK(ui.shows("查询参数 from 无效"));
    CHECK(ui.intents.calls.size() == 1);
}

TEST_CASE("desk stats: in English every word of the page is English, the data as the endpoint names it", "[ui][desk][stats]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.set_language(ui::Language::en);
    ui.ui.open_location("#/desk/stats");
    ui.frames(3);
    REQUIRE(ui.intents.calls.size() == 1);  // the same first query as in Chinese
    CHECK(ui.count_shown("Statistics") == 2);  // the navigation's entry and the page's title
    CHECK(ui.find_item("Places booked"));  // the views
    CHECK(ui.find_item("Cross-unit pooling"));
    CHECK(ui.shows("Group by"));
    CHECK(ui.find_item("Month"));  // the groupings
    CHECK(ui.find_item("Work unit"));
    CHECK(ui.find_item("Departing from"));  // the filters
    CHECK(ui.find_item("Member category"));
    CHECK(ui.find_item("Show"));
    CHECK(ui.find_item("Table"));
    for (const char* zh : {"统计", "出行人次", "分组", "月份", "出发日期从", "成员类别", "查询", "表格"}) {
        INFO(zh);
        CHECK_FALSE(ui.shows(zh));
    }
    ui.state.stats.status = sync::StatsState::Status::loading;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("Loading the statistics…"));

    // The chart: the title, the legend, the months and the tooltip in English.
    show_table(ui, places_table());
    CHECK(ui.shows("Places booked by month"));
    CHECK_FALSE(ui.shows("出行人次（按月份）"));
    REQUIRE(noted(ui, "Confirmed"));
    REQUIRE(noted(ui, "Travelled"));
    CHECK_FALSE(noted(ui, "已确认"));
    const ui::ItemRecord* october = noted(ui, "2026-10");
    REQUIRE(october);
    CHECK_FALSE(noted(ui, "2026年10月"));
    ImGui::GetIO().MousePos = ImVec2((october->min.x + october->max.x) / 2, october->min.y - 30);
    ui.frames(2);
    CHECK(ui.shows("Confirmed: 47"));
    CHECK(ui.shows("Travelled: 31"));
    ImGui::GetIO().MousePos = ImVec2(-100, -100);
    ui.frames(2);

    // The table: its headers and 合计 in English; the CSV file named in English.
    REQUIRE(ui.click("Table"));
    CHECK(ui.shows("Total"));
    CHECK_FALSE(ui.shows("合计"));
    CHECK(noted(ui, "64"));
    REQUIRE(ui.click("Chart"));
    CHECK_FALSE(ui.shows("Total"));
    REQUIRE(ui.click("Export CSV"));
    REQUIRE(ui.services.saved.size() == 1);
    CHECK(ui.services.saved[0].name == "statistics-places.csv");

    // Cross-unit pooling: its columns by their keys; seasons by theirs.
    StatsTable pooling;
    pooling.query.view = StatsView::pooling;
    pooling.title = "跨单位拼团（按出发月份）";
    pooling.row_label = "月份";
    pooling.columns = {{"places", "确认名额"},
                       {"cross_unit", "跨单位名额"},
                       {"small_cross_unit", "小单位职工跨单位名额"},
                       {"cross_permille", "跨单位占比‰"},
                       {"small_permille", "小单位跨单位占比‰"}};
    pooling.rows = {{"2026-09", "2026年9月", {10, 4, 1, 400, 100}}};
    compute_totals(pooling, {{3, 1, 0}, {4, 2, 0}});
    show_table(ui, pooling);
    CHECK(ui.shows("Cross-unit pooling by month of departure"));
    CHECK(noted(ui, "Cross-unit share ‰"));  // a line the chart draws
    CHECK_FALSE(noted(ui, "跨单位占比‰"));

    StatsTable seasons = places_table();
    seasons.query.by = StatsBy::season;
    seasons.rows = {{"autumn", "秋季", {12, 12}}};
    compute_totals(seasons, {});
    show_table(ui, seasons);
    CHECK(ui.shows("Places booked by season"));
    CHECK(noted(ui, "Autumn"));
    CHECK_FALSE(noted(ui, "秋季"));

    // Member units' load: its columns are member units, named as they are called.
    StatsTable load;
    load.query.view = StatsView::load;
    load.columns = {{"m-1", "灵隐山庄"}};
    load.rows = {{"2026-09", "2026年9月", {7}}};
    compute_totals(load, {});
    show_table(ui, load);
    CHECK(ui.shows("Workers received by member units, by month of departure"));
    CHECK(noted(ui, "灵隐山庄"));

    // A refused form says why in English.
    REQUIRE(ui.click("Departing from"));
    for (int i = 0; i < 10; ++i) ui.press_backspace();
    ui.type("2026-13-01");
    ui.frames(2);
    REQUIRE(ui.click("Show"));
    CHECK(ui.shows("bad query parameter from"));
    CHECK_FALSE(ui.shows("查询参数"));
}

TEST_CASE("charts: round steps and the top of the axis", "[ui][stats]") {
    CHECK(ui::charts::nice_step(47, 5) == 10);
    CHECK(ui::charts::nice_step(8, 5) == 2);
    CHECK(ui::charts::nice_step(1000, 5) == 200);
    ui::charts::Chart bars{ui::charts::Kind::bar, {"a", "b"}, {{"x", {12, 47}}, {"y", {12, 31}}}};
    CHECK(ui::charts::axis_top(bars, 5) == 50);
    ui::charts::Chart stacked = bars;
    stacked.kind = ui::charts::Kind::stacked;
    CHECK(ui::charts::axis_top(stacked, 5) == 80);  // 47 + 31 = 78
    ui::charts::Chart empty{ui::charts::Kind::line, {}, {}};
    CHECK(ui::charts::axis_top(empty, 5) == 5);
}

TEST_CASE("desk stats: 打印月报 asks for last month's tables and opens the report once they have come", "[ui][desk][stats][report]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/stats");
    ui.frames(3);
    REQUIRE(ui.intents.calls.size() == 1);
    // demo_now is 2026-12-01: the month field starts at the last whole month.
    REQUIRE(ui.click("打印月报"));
    REQUIRE(ui.intents.calls.size() == 2);
    CHECK(ui.intents.calls.back().rfind("load_stats_report 2026-11 ", 0) == 0);
    REQUIRE(ui.intents.report_filters.size() == 1);
    CHECK(ui.intents.report_filters.back().small_below == StatsQuery::kDefaultSmallBelow);
    CHECK(ui.services.documents.empty());  // nothing yet: the tables are on their way

    ui.state.stats_report.status = sync::StatsReportState::Status::loading;
    ui.state.stats_report.month = "2026-11";
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在生成月报…"));
    CHECK(ui.services.documents.empty());

    StatsTable places = places_table();
    places.query.by = StatsBy::route;
    places.title = "出行人次（按线路）";
    places.row_label = "线路";
    places.rows = {{"r-1", "<script>x</script>", {3, 2}}};
    compute_totals(places, {});
    ui.state.stats_report.status = sync::StatsReportState::Status::loaded;
    ui.state.stats_report.tables = {places};
    ui.state.stats_report.expected = 1;
    ui.state.stats_report.received = 1;
    ui.touch();
    ui.frames(2);
    REQUIRE(ui.services.documents.size() == 1);
    CHECK(ui.services.documents[0].title == "2026年11月 疗休养月报");
    const std::string& html = ui.services.documents[0].html;
    CHECK(html.find("<caption>出行人次（按线路）</caption>") != std::string::npos);
    CHECK(html.find("2026-11-01 至 2026-11-30") != std::string::npos);
    CHECK(html.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK_FALSE(ui.shows("正在生成月报…"));
    ui.frames(3);
    CHECK(ui.services.documents.size() == 1);  // opened once

    // Another month typed; a bad one is refused before anything is asked.
    REQUIRE(ui.click("月报月份"));
    for (int i = 0; i < 7; ++i) ui.press_backspace();
    ui.type("2026-13");
    ui.frames(2);
    REQUIRE(ui.click("打印月报"));
    CHECK(ui.shows("月报月份应写作“年-月”，如2026-11"));
    CHECK(ui.intents.calls.size() == 2);
    REQUIRE(ui.click("月报月份"));
    for (int i = 0; i < 7; ++i) ui.press_backspace();
    ui.type("2026-09");
    ui.frames(2);
    REQUIRE(ui.click("打印月报"));
    REQUIRE(ui.intents.calls.size() == 3);
    CHECK(ui.intents.calls.back().rfind("load_stats_report 2026-09 ", 0) == 0);
    CHECK_FALSE(ui.shows("月报月份应写作"));
    // The answer of the month before does not open a document for this one.
    ui.touch();
    ui.frames(2);
    CHECK(ui.services.documents.size() == 1);
}

TEST_CASE("desk stats: in English the CSV's headings and row labels are English, the data as named", "[ui][desk][stats]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.set_language(ui::Language::en);
    ui.ui.open_location("#/desk/stats");
    ui.frames(2);
    StatsTable table = places_table();
    show_table(ui, table);
    REQUIRE(ui.click("Export CSV"));
    REQUIRE(ui.services.saved.size() == 1);
    const std::string& csv = ui.services.saved[0].bytes;
    CHECK(csv.find("\"Month\",\"Confirmed\",\"Travelled\"\r\n") != std::string::npos);
    CHECK(csv.find("\"2026-10\",\"47\",\"31\"\r\n") != std::string::npos);
    CHECK(csv.find("\"Total\",\"64\",\"43\"\r\n") != std::string::npos);
    for (const char* zh : {"月份", "已确认", "合计", "2026年10月"}) {
        INFO(zh);
        CHECK(csv.find(zh) == std::string::npos);
    }

    // A route's title is data: as the endpoint names it.
    StatsTable routes = places_table();
    routes.query.by = StatsBy::route;
    routes.rows = {{"r-1", "钱江源三日游", {3, 1}}};
    compute_totals(routes, {});
    show_table(ui, routes);
    REQUIRE(ui.click("Export CSV"));
    REQUIRE(ui.services.saved.size() == 2);
    CHECK(ui.services.saved[1].bytes.find("\"Route\",\"Confirmed\",\"Travelled\"\r\n\"钱江源三日游\",\"3\",\"1\"\r\n") != std::string::npos);
}
