// Statistics' queries and answers (core/stats.hpp): the parameters the endpoint and the desk
// both check, the URL form and the answer coming back equal, the CSV export, and a unit's
// union_members on the wire.
#include <catch2/catch.hpp>

#include "core/csv.hpp"
#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/stats.hpp"

#include <nlohmann/json.hpp>

using namespace liaoxiu;

namespace {

// The query text a URL's parameters give, as the endpoint would read it (percent-escapes undone).
std::string unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

StatsQueryText text_of(const std::string& query_string) {
    StatsQueryText text;
    std::size_t at = 0;
    while (at <= query_string.size()) {
        std::size_t end = query_string.find('&', at);
        if (end == std::string::npos) end = query_string.size();
        std::string pair = query_string.substr(at, end - at);
        auto eq = pair.find('=');
        std::string name = pair.substr(0, eq), value = unescape(pair.substr(eq + 1));
        if (name == "view") text.view = value;
        else if (name == "by") text.by = value;
        else if (name == "from") text.from = value;
        else if (name == "to") text.to = value;
        else if (name == "alliance") text.alliance = value;
        else if (name == "city") text.city = value;
        else if (name == "unit") text.unit = value;
        else if (name == "route") text.route = value;
        else if (name == "category") text.category = value;
        else if (name == "small_below") text.small_below = value;
        at = end + 1;
    }
    return text;
}

StatsTable some_table() {
    StatsTable table;
    table.query.view = StatsView::pooling;
    table.query.from = parse_day("2026-09-01");
    table.query.to = parse_day("2026-10-31");
    table.query.city = "衢州";
    table.query.unit = "u-qz-school2";
    table.query.small_below = 80;
    table.title = "跨单位拼团（按出发月份）";
    table.row_label = "月份";
    table.columns = {{"places", "确认名额"}, {"cross_unit", "跨单位名额"}, {"cross_permille", "跨单位占比‰"}};
    table.rows = {{"2026-09", "2026年9月", {10, 3, 300}}, {"2026-10", "2026年10月", {0, 0, 0}}};
    compute_totals(table, {{2, 1, 0}});
    return table;
}

}  // namespace

TEST_CASE("stats: a full query survives its URL form and back", "[stats]") {
    StatsQuery query;
    query.view = StatsView::places;
    query.by = StatsBy::theme;
    query.from = parse_day("2026-01-01");
    query.to = parse_day("2026-12-31");
    query.alliance = "a-qz";
    query.city = "衢州 江山";
    query.unit = "u-qz-school2";
    query.route = "r-qz-red-eco-3d";
    query.category = Category::wellness;
    query.small_below = 30;
    const std::string url = stats_query_string(query);
    CHECK(url.find("衢州") == std::string::npos);  // escaped
    CHECK(url.find(' ') == std::string::npos);
    auto back = parse_stats_query(text_of(url));
    REQUIRE(back);
    CHECK(back.value() == query);

    StatsQuery plain;  // defaults: view=places by month, no filters, 50
    CHECK(stats_query_string(plain) == "view=places&by=month");
    CHECK(parse_stats_query(text_of(stats_query_string(plain))).value() == plain);
    CHECK(parse_stats_query({}).value().small_below == 50);
}

TEST_CASE("stats: a bad parameter is named", "[stats]") {
    auto path_of = [](StatsQueryText text) {
        auto result = parse_stats_query(text);
        REQUIRE_FALSE(result);
        CHECK(result.error().code == "bad_value");
        return result.error().path;
    };
    CHECK(path_of({.view = "everything"}) == "view");
    CHECK(path_of({.by = "weekday"}) == "by");
    CHECK(path_of({.from = "2026-13-01"}) == "from");
    CHECK(path_of({.to = "yesterday"}) == "to");
    CHECK(path_of({.from = "2026-12-01", .to = "2026-11-30"}) == "to");
    CHECK(path_of({.alliance = "a b"}) == "alliance");
    CHECK(path_of({.city = std::string("衢州\n")}) == "city");
    CHECK(path_of({.unit = "u/x"}) == "unit");
    CHECK(path_of({.route = "r;drop"}) == "route");
    CHECK(path_of({.category = "hotel"}) == "category");
    CHECK(path_of({.small_below = "-1"}) == "small_below");
    CHECK(path_of({.small_below = "5x"}) == "small_below");
    // Empty is no filter.
    auto empty = parse_stats_query({.view = "", .city = "", .small_below = ""});
    REQUIRE(empty);
    CHECK(empty.value() == StatsQuery{});
}

TEST_CASE("stats: who may read them", "[stats]") {
    CHECK_FALSE(read_stats_forbidden(Role::secretariat));
    CHECK_FALSE(read_stats_forbidden(Role::organizer));
    auto worker = read_stats_forbidden(Role::worker);
    REQUIRE(worker);
    CHECK(worker->code == "forbidden");
}

TEST_CASE("stats: months, seasons and rates", "[stats]") {
    CHECK(month_key(*parse_day("2026-09-30")) == "2026-09");
    CHECK(month_label("2026-09") == "2026年9月");
    CHECK(month_label("2026-12") == "2026年12月");
    CHECK(season_of(*parse_day("2026-03-01")) == Season::spring);
    CHECK(season_of(*parse_day("2026-08-31")) == Season::summer);
    CHECK(season_of(*parse_day("2026-11-30")) == Season::autumn);
    CHECK(season_of(*parse_day("2027-02-01")) == Season::winter);
    CHECK(permille(1, 3) == 333);
    CHECK(permille(2, 3) == 667);
    CHECK(permille(1, 2000) == 1);  // 0.5‰ rounds up
    CHECK(permille(5, 0) == 0);
}

TEST_CASE("stats: totals sum the columns and recompute the rates", "[stats]") {
    StatsTable table = some_table();
    table.rows.push_back({"2026-11", "2026年11月", {10, 7, 700}});
    compute_totals(table, {{2, 1, 0}});
    CHECK(table.totals == std::vector<std::int64_t>{20, 10, 500});  // not 300 + 700
}

TEST_CASE("stats: an answer comes back equal through the decoder", "[stats]") {
    StatsTable table = some_table();
    auto back = decode_stats_table(encode_stats_table(table).dump());
    REQUIRE(back);
    CHECK(back.value() == table);

    auto json = encode_stats_table(table);
    CHECK(json["view"] == "pooling");
    CHECK(json["from"] == "2026-09-01");
    CHECK(json["rows"][0]["values"] == nlohmann::json::array({10, 3, 300}));
    CHECK(json["totals"] == nlohmann::json::array({10, 3, 300}));
}

TEST_CASE("stats: a broken answer is refused, not half read", "[stats]") {
    auto json = encode_stats_table(some_table());
    CHECK_FALSE(decode_stats_table("<html>"));
    CHECK_FALSE(decode_stats_table("[]"));
    auto without_view = json;
    without_view.erase("view");
    CHECK_FALSE(decode_stats_table(without_view.dump()));
    auto short_row = json;
    short_row["rows"][0]["values"] = nlohmann::json::array({1, 2});
    CHECK_FALSE(decode_stats_table(short_row.dump()));
    auto text_value = json;
    text_value["totals"][0] = "10";
    CHECK_FALSE(decode_stats_table(text_value.dump()));
    auto unknown_view = json;
    unknown_view["view"] = "everything";
    CHECK_FALSE(decode_stats_table(unknown_view.dump()));
}

TEST_CASE("stats: CSV export with BOM, Chinese, quotes and formula injection", "[stats]") {
    StatsTable table;
    table.row_label = "线路";
    table.columns = {{"confirmed", "已确认"}, {"travelled", "已出行"}};
    table.rows = {{"r-1", "=HYPERLINK(\"http://x\")", {3, 1}}, {"r-2", "衢州, 江山 \"红色\"", {2, 0}}, {"r-3", "-1+1", {0, 0}}};
    compute_totals(table, {});
    const std::string csv = stats_csv(table);
    CHECK(csv.starts_with(csv::kByteOrderMark));
    CHECK(csv == std::string(csv::kByteOrderMark) +
                     "\"线路\",\"已确认\",\"已出行\"\r\n"
                     "\"'=HYPERLINK(\"\"http://x\"\")\",\"3\",\"1\"\r\n"
                     "\"衢州, 江山 \"\"红色\"\"\",\"2\",\"0\"\r\n"
                     "\"'-1+1\",\"0\",\"0\"\r\n"
                     "\"合计\",\"5\",\"1\"\r\n");
}

TEST_CASE("stats: a unit's union_members on the wire", "[stats]") {
    Unit unit{"u-1", "小单位", "衢州", 12};
    nlohmann::json json = unit;
    CHECK(json["union_members"] == 12);
    auto back = decode<Unit>(json, "unit");
    REQUIRE(back);
    CHECK(back.value() == unit);

    Unit unknown{"u-2", "单位", "衢州", std::nullopt};
    json = unknown;
    CHECK_FALSE(json.contains("union_members"));  // optional: older readers see what they saw
    CHECK(decode<Unit>(json, "unit").value().union_members == std::nullopt);

    json["union_members"] = -3;
    auto negative = decode<Unit>(json, "unit");
    REQUIRE_FALSE(negative);
    CHECK(negative.error().path == "unit.union_members");
    json["union_members"] = "many";
    CHECK_FALSE(decode<Unit>(json, "unit"));
}
