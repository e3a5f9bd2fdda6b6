// The printable monthly report (core/stats_report.hpp): the month, the queries it asks, and
// the HTML document: its structure, numbers right-aligned, the pooling share in words, bars,
// the print stylesheet, no scripts or external resources, every text escaped, an empty month.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "core/stats.hpp"
#include "core/stats_report.hpp"

#include <string>

using namespace liaoxiu;

namespace {

int count(const std::string& text, std::string_view what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

ReportMonth november() { return *parse_report_month("2026-11"); }

StatsTable places_by_route(std::string route_title) {
    StatsTable t;
    t.query.view = StatsView::places;
    t.query.by = StatsBy::route;
    t.title = "出行人次（按线路）";
    t.row_label = "线路";
    t.columns = {{"confirmed", "已确认"}, {"travelled", "已出行"}};
    t.rows = {{"r-1", std::move(route_title), {40, 30}}, {"r-2", "江郎山二日游", {10, 10}}};
    compute_totals(t, {});
    return t;
}

StatsTable pooling() {
    StatsTable t;
    t.query.view = StatsView::pooling;
    t.query.small_below = 50;
    t.title = "跨单位拼团（按月份）";
    t.row_label = "月份";
    t.columns = {{"places", "已确认名额"},
                 {"cross_unit", "跨单位拼团"},
                 {"small_cross_unit", "小单位拼团"},
                 {"cross_permille", "跨单位占比‰"},
                 {"small_permille", "小单位占比‰"}};
    t.rows = {{"2026-11", "2026年11月", {50, 20, 7, 400, 140}}};
    compute_totals(t, {{3, 1, 0}, {4, 2, 0}});
    return t;
}

StatsTable load() {
    StatsTable t;
    t.query.view = StatsView::load;
    t.title = "成员单位接待量（按月份）";
    t.row_label = "月份";
    t.columns = {{"m-1", "江山市疗休养基地"}, {"m-2", "开化根宫佛国"}};
    t.rows = {{"2026-11", "2026年11月", {12, 30}}};
    compute_totals(t, {});
    return t;
}

}  // namespace

TEST_CASE("stats report: a month is YYYY-MM, its first and last day", "[stats][report]") {
    auto m = parse_report_month("2026-11");
    REQUIRE(m);
    CHECK(format_day(m->first) == "2026-11-01");
    CHECK(format_day(m->last) == "2026-11-30");
    CHECK(format_day(parse_report_month("2026-12")->last) == "2026-12-31");
    CHECK(format_day(parse_report_month("2028-02")->last) == "2028-02-29");
    CHECK_FALSE(parse_report_month("2026-13"));
    CHECK_FALSE(parse_report_month("2026-00"));
    CHECK_FALSE(parse_report_month("2026-1"));
    CHECK_FALSE(parse_report_month("2026/11"));
    CHECK_FALSE(parse_report_month(""));
    CHECK(report_month_of(*parse_day("2026-11-17")) == *m);
}

TEST_CASE("stats report: asks the month's five tables with the desk's filters", "[stats][report]") {
    StatsQuery filters;
    filters.view = StatsView::waiting;
    filters.city = "衢州";
    filters.small_below = 30;
    filters.from = *parse_day("2025-01-01");
    const auto queries = stats_report_queries(filters, november());
    REQUIRE(queries.size() == 5);
    CHECK(queries[0].view == StatsView::places);
    CHECK(queries[0].by == StatsBy::route);
    CHECK(queries[1].view == StatsView::outcomes);
    CHECK(queries[2].view == StatsView::pooling);
    CHECK(queries[3].view == StatsView::waiting);
    CHECK(queries[4].view == StatsView::load);
    for (const auto& q : queries) {
        CHECK(q.from == november().first);
        CHECK(q.to == november().last);
        CHECK(q.city == std::optional<std::string>("衢州"));
        CHECK(q.small_below == 30);
    }
}

TEST_CASE("stats report: one self-contained, printable HTML document", "[stats][report]") {
    StatsReport report{"衢州市职工疗休养联盟", november(), {load(), places_by_route("钱江源森林康养三日游"), pooling()}, parse_day("2026-12-07")};
    const std::string html = stats_report_html(report);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(count(html, "<html lang=\"zh-CN\">") == 1);
    CHECK(count(html, "<meta charset=\"utf-8\">") == 1);
    CHECK(count(html, "<title>衢州市职工疗休养联盟 2026年11月 疗休养月报</title>") == 1);
    CHECK(count(html, "<h1>衢州市职工疗休养联盟 2026年11月 疗休养月报</h1>") == 1);
    CHECK(html.find("2026-11-01 至 2026-11-30") != std::string::npos);
    CHECK(html.find("制表日期：2026-12-07") != std::string::npos);
    // Every table a real <table> with its caption and headers, in the report's order.
    CHECK(count(html, "<table>") == 3);
    CHECK(count(html, "<caption>") == 3);
    const auto places_at = html.find("<caption>出行人次（按线路）</caption>");
    const auto pooling_at = html.find("<caption>跨单位拼团（按月份）</caption>");
    const auto load_at = html.find("<caption>成员单位接待量（按月份）</caption>");
    REQUIRE(places_at != std::string::npos);
    REQUIRE(pooling_at != std::string::npos);
    REQUIRE(load_at != std::string::npos);
    CHECK(places_at < pooling_at);
    CHECK(pooling_at < load_at);
    CHECK(html.find("<th scope=\"col\">线路</th><th scope=\"col\" class=\"n\">已确认</th>") != std::string::npos);
    CHECK(html.find("<tr><th scope=\"row\">钱江源森林康养三日游</th><td class=\"n\">40</td><td class=\"n\">30</td>") != std::string::npos);
    CHECK(html.find("<tfoot><tr><th scope=\"row\">合计</th><td class=\"n\">50</td><td class=\"n\">40</td>") != std::string::npos);
    // Rates as percentages, right-aligned like every number.
    CHECK(html.find("<td class=\"n\">40.0%</td><td class=\"n\">14.0%</td>") != std::string::npos);
    CHECK(html.find(".n{text-align:right") != std::string::npos);
    CHECK(html.find("<th scope=\"col\" class=\"n\">跨单位占比</th>") != std::string::npos);  // in %, not ‰
    CHECK(html.find("‰") == std::string::npos);
    // The pooling share in words.
    CHECK(html.find("本月已确认名额共 50 个，其中 20 个来自跨单位拼团") != std::string::npos);
    CHECK(html.find("占 40.0%") != std::string::npos);
    CHECK(html.find("少于 50 人）职工通过跨单位拼团出行 7 个，占 14.0%") != std::string::npos);
    // A bar per row, scaled to the table's largest: 40 of 40 is full width, 10 of 40 a quarter.
    CHECK(html.find("<rect width=\"120\"") != std::string::npos);
    CHECK(html.find("<rect width=\"30\"") != std::string::npos);
    // view=load printed a member per row, most received first.
    const auto m2 = html.find("<th scope=\"row\">开化根宫佛国</th><td class=\"n\">30</td>");
    const auto m1 = html.find("<th scope=\"row\">江山市疗休养基地</th><td class=\"n\">12</td>");
    REQUIRE(m2 != std::string::npos);
    REQUIRE(m1 != std::string::npos);
    CHECK(m2 < m1);
    // The print stylesheet: A4, tables not split, no dark backgrounds.
    CHECK(html.find("@page{size:A4;") != std::string::npos);
    CHECK(html.find("break-inside:avoid") != std::string::npos);
    CHECK(html.find("html{background:#fff") != std::string::npos);
    CHECK(html.find("background:#") == html.find("background:#fff"));  // the only background
    // Self-contained: nothing to run, nothing fetched.
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
}

TEST_CASE("stats report: every text is escaped, a route titled <script> is inert", "[stats][report]") {
    StatsTable places = places_by_route("<script>alert('x')</script> & \"团\"");
    places.title = "出行<b>人次</b>";
    StatsReport report{"<img src=x onerror=alert(1)>", november(), {places}, std::nullopt};
    const std::string html = stats_report_html(report);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;团&quot;") != std::string::npos);
    CHECK(html.find("<title>&lt;img src=x onerror=alert(1)&gt; 2026年11月 疗休养月报</title>") != std::string::npos);
    CHECK(html.find("<caption>出行&lt;b&gt;人次&lt;/b&gt;</caption>") != std::string::npos);
    CHECK(html_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("stats report: an empty month says so in every table", "[stats][report]") {
    StatsTable places = places_by_route("x");
    places.rows.clear();
    compute_totals(places, {});
    StatsTable pool = pooling();
    pool.rows.clear();
    compute_totals(pool, {{3, 1, 0}, {4, 2, 0}});
    const std::string html = stats_report_html({"", november(), {places, pool}, std::nullopt});
    CHECK(html.find("<title>2026年11月 疗休养月报</title>") != std::string::npos);
    CHECK(count(html, "<table>") == 2);
    CHECK(count(html, "本月无数据") == 2);
    CHECK(html.find("<tfoot>") == std::string::npos);
    CHECK(html.find("本月没有已确认的名额") != std::string::npos);
    CHECK(html.find("<rect") == std::string::npos);

    const std::string none = stats_report_html({"", november(), {}, std::nullopt});
    CHECK(none.find("本月无统计数据") != std::string::npos);
    CHECK(none.find("<table>") == std::string::npos);
}
