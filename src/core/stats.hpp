// Statistics (统计) for the alliance's secretariat and the units' unions: what a query asks
// and what it answers, written once. The endpoint checks a query with parse_stats_query and
// encodes its answer with encode_stats_table; the desk checks its form with the same parser,
// builds the URL with stats_query_string and decodes the answer with decode_stats_table.
// Every table exports as CSV (stats_csv) through core/csv.hpp.
//
// Every figure counts places and group trips by the trip's departure day (a China calendar
// day) and is filtered by the same query:
//   view=places    places by month, season, route, theme, city, work unit or member unit:
//                  confirmed (a confirmed place on a trip that is not expired or cancelled)
//                  and travelled (a confirmed place on a locked trip that has departed)
//   view=outcomes  group trips by month of departure and their state, capacity, confirmed
//                  places and fill rate (‰ of the capacity of the trips not cancelled)
//   view=waiting   waiting-list demand per route: still waiting, and missed (an offer that
//                  lapsed, or still waiting when the list was closed)
//   view=pooling   cross-unit pooling (拼团) per month: confirmed places in all, those of
//                  workers in a trip another unit opened, those of workers of small units
//                  (fewer union members than `small_below`), and both shares in ‰
//   view=load      workers received per member unit per month (a confirmed place on a trip
//                  counts once for every member unit of its route's itinerary)
//
// Integers only (rates in ‰), so the same numbers come out on every platform.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/role.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

enum class StatsView { places, outcomes, waiting, pooling, load };
// How view=places groups its rows.
enum class StatsBy { month, season, route, theme, city, unit, member };

std::string_view enum_name(StatsView value);
std::string_view enum_name(StatsBy value);
std::optional<StatsView> parse_stats_view(std::string_view name);
std::optional<StatsBy> parse_stats_by(std::string_view name);
// "地点" etc.: what the desk shows for each.
std::string_view stats_view_label(StatsView value);
std::string_view stats_by_label(StatsBy value);

struct StatsQuery {
    StatsView view = StatsView::places;
    StatsBy by = StatsBy::month;          // view=places only
    std::optional<Day> from;              // departure day, inclusive
    std::optional<Day> to;                // inclusive
    std::optional<Id> alliance;           // the route's alliance
    std::optional<std::string> city;      // one of the route's cities (view=load: the member's city)
    std::optional<Id> unit;               // the workers' unit (view=outcomes: the organizing unit)
    std::optional<Id> route;
    std::optional<Category> category;     // routes with a member of it (view=load: members of it)
    int small_below = kDefaultSmallBelow; // a unit with fewer union members is small

    bool operator==(const StatsQuery&) const = default;

    static constexpr int kDefaultSmallBelow = 50;
    static constexpr int kMaxSmallBelow = 1000000;
};

// The parameters as written (URL query or the desk's form); absent or empty is no filter.
struct StatsQueryText {
    std::optional<std::string> view = std::nullopt, by = std::nullopt, from = std::nullopt, to = std::nullopt,
                               alliance = std::nullopt, city = std::nullopt, unit = std::nullopt, route = std::nullopt,
                               category = std::nullopt, small_below = std::nullopt;
};

// The checked query, or "bad_value" whose path names the parameter at fault.
Result<StatsQuery> parse_stats_query(const StatsQueryText& text);
// The query as URL parameters, what parse_stats_query reads back to the same query
// (percent-escaped: a city is Chinese).
std::string stats_query_string(const StatsQuery& query);

// Statistics: the secretariat, and a unit's union for its own unit only; no worker.
std::optional<DomainError> read_stats_forbidden(Role role);

// One answer: a table whose rows are the chart's categories (months, routes, …) and whose
// columns are its series. `totals` sums each column over the rows, except that a rate
// column (key ending in "_permille") is computed again from the totals.
struct StatsColumn {
    std::string key;    // "confirmed"
    std::string label;  // "已确认"
    bool operator==(const StatsColumn&) const = default;
};

struct StatsRow {
    std::string key;    // "2026-09", a route's id, …
    std::string label;  // "2026年9月", the route's title, …
    std::vector<std::int64_t> values;  // one per column
    bool operator==(const StatsRow&) const = default;
};

struct StatsTable {
    StatsQuery query;  // as the endpoint applied it (an organizer's unit filled in)
    std::string title;
    std::string row_label;  // what the rows are: "月份", "线路", …
    std::vector<StatsColumn> columns;
    std::vector<StatsRow> rows;
    std::vector<std::int64_t> totals;
    bool operator==(const StatsTable&) const = default;
};

// "2026-09" and "2026年9月": the month a day falls in.
std::string month_key(Day day);
std::string month_label(std::string_view key);
// The season a month belongs to (spring: March to May, …).
Season season_of(Day day);
std::string_view season_label(Season season);

// n / d in ‰, rounded half up; 0 when d is 0.
std::int64_t permille(std::int64_t n, std::int64_t d);

// Fills `totals`: sums, and rates recomputed from the summed columns named in `rates`
// (rate column → numerator, denominator).
struct StatsRate {
    std::size_t column, numerator, denominator;
};
void compute_totals(StatsTable& table, const std::vector<StatsRate>& rates);

// GET /stats → {view, by, from?, to?, …query, title, row_label, columns:[{key,label}],
// rows:[{key,label,values:[…]}], totals:[…]}.
nlohmann::json encode_stats_table(const StatsTable& table);
Result<StatsTable> decode_stats_table(std::string_view body);

// The table as CSV (UTF-8 with BOM, quoted, injection-safe): a heading row, the rows, and the
// totals' row named `total` (合计; the desk in English gives "Total" and its own words).
std::string stats_csv(const StatsTable& table, std::string_view total = "合计");

}  // namespace liaoxiu
