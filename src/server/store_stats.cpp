// The statistics' SQL (server/stats.hpp). Places and trips are counted in the database,
// grouped by route and departure day (a few rows per trip at most); the rows are then named
// and bucketed here with the directory, which is small. The statements are the same on both
// engines: no date functions (a month is worked out from the day here), no JSON in SQL.
#include "server/stats.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

namespace liaoxiu::server::store {
namespace {

bool group_trips_have_column(Connection& db, const char* column) {
    if (db.dialect() == Dialect::sqlite) {
        return db.query("SELECT COUNT(*) FROM pragma_table_info('group_trips') WHERE name = $1", {std::string(column)})
                   .front()
                   .integer(0) > 0;
    }
    return db.query("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = 'group_trips' AND column_name = $1",
                    {std::string(column)})
               .front()
               .integer(0) > 0;
}

// Trips that keep their places (confirmed places of expired and cancelled trips are released).
constexpr const char* kLiveTrip = "g.state IN ('open', 'formed', 'full', 'locked')";
constexpr const char* kLiveTally = "t.state IN ('open', 'formed', 'full', 'locked')";

// The first day of the China month a day is in, and of the month after.
Day month_start(Day day) {
    const CivilDate c = civil_from_day(day);
    return day_from_civil(c.year, c.month, 1);
}
Day next_month_start(Day day) {
    const CivilDate c = civil_from_day(day);
    return c.month == 12 ? day_from_civil(c.year + 1, 1, 1) : day_from_civil(c.year, c.month + 1, 1);
}

// The part of every statement that the query's range, route and unit decide; appends the
// parameters in the order the placeholders are numbered.
struct Where {
    std::string sql;
    SqlParams params;
    void add(const std::string& condition, SqlValue value) {
        params.push_back(std::move(value));
        std::string text = condition;
        auto at = text.find('?');
        text.replace(at, 1, "$" + std::to_string(params.size()));
        sql += " AND " + text;
    }
};

// `unit_column`: what the unit filter compares (the workers' unit, or the organizing unit's);
// `alias`: the table whose route and departure day the range and route filters read.
Where where_of(const StatsQuery& q, const char* unit_column, const char* alias = "g", SqlParams first = {}) {
    Where where;
    where.params = std::move(first);
    const std::string a(alias);
    if (q.from) where.add(a + ".first_day >= ?", std::int64_t{*q.from});
    if (q.to) where.add(a + ".first_day <= ?", std::int64_t{*q.to});
    if (q.route) where.add(a + ".route = ?", *q.route);
    if (q.unit) where.add(std::string(unit_column) + " = ?", *q.unit);
    return where;
}

// Confirmed places on live trips, summed over what a table does not key on: its route, departure
// day and the workers' unit when the table needs them ("" and 0 when not). `travelled`: of them,
// on locked trips that have left; `cross`: of them, workers of another unit than the organizer's;
// `small_cross`: of those, workers of a small unit.
struct PlaceFact {
    Id route;
    Day day = 0;
    Id unit;
    std::int64_t confirmed = 0, travelled = 0, cross = 0, small_cross = 0;
};

// What a table needs the confirmed places keyed by.
enum FactKey : unsigned { kByRoute = 1, kByDay = 2, kByUnit = 4 };

// Whether the query filters by something only the route knows (then every fact needs its route).
bool filters_routes(const StatsQuery& q) { return q.alliance || q.city || q.category; }

// The trips' tally (`trip_tally`, one row per trip) or, when the workers' unit matters, the
// units' (`place_tally`, one row per trip and unit with a place in it). Both keep the trip's
// route, departure day and state beside the counts, so no statement joins the places.
// `organizer_unit`: the unit filter is about the organizing unit (the trips' tally has it).
StatsStatement tally_sql(const StatsQuery& q, Day today, unsigned keys, bool organizer_unit) {
    const bool per_unit = (keys & kByUnit) || (q.unit && !organizer_unit);
    Where where = where_of(q, organizer_unit ? "t.organizer_unit" : "t.unit", "t", {std::int64_t{today}});
    std::string group;
    auto key = [&](unsigned k, const char* column) {
        if (!(keys & k)) return std::string(k == kByDay ? "0" : "''");
        group += (group.empty() ? "" : ", ") + std::string(column);
        return std::string(column);
    };
    std::string sql = "SELECT " + key(kByRoute, "t.route") + ", " + key(kByDay, "t.first_day") + ", " +
                      key(kByUnit, "t.unit") +
                      ", SUM(t.confirmed), SUM(CASE WHEN t.state = 'locked' AND t.first_day <= $1 THEN t.confirmed "
                      "ELSE 0 END), SUM(t.cross_confirmed) FROM " +
                      (per_unit ? "place_tally" : "trip_tally") + " t WHERE t.confirmed > 0 AND " + kLiveTally +
                      where.sql;
    if (!group.empty()) sql += " GROUP BY " + group;
    return {std::move(sql), std::move(where.params)};
}

// The workers of small units among the cross-unit places (pooling): the units' tally of the
// units given, as many as a statement takes at a time.
StatsStatement small_cross_sql(const StatsQuery& q, unsigned keys, const std::vector<Id>& units) {
    Where where = where_of(q, "t.unit", "t");
    std::string in;
    for (const auto& unit : units) {
        where.params.push_back(unit);
        in += (in.empty() ? "$" : ", $") + std::to_string(where.params.size());
    }
    const bool route = keys & kByRoute;
    return {std::string("SELECT ") + (route ? "t.route" : "''") +
                ", t.first_day, SUM(t.cross_confirmed) FROM place_tally t WHERE t.cross_confirmed > 0 AND " + kLiveTally + where.sql + " AND t.unit IN (" + in +
                ") GROUP BY " + (route ? "t.route, " : "") + "t.first_day",
            std::move(where.params)};
}

// The old way, kept as the benchmark's baseline: the same facts counted over the places.
StatsStatement confirmed_places_sql(const StatsQuery& q, const char* unit_column, bool with_unit, bool with_cross) {
    Where where = where_of(q, unit_column);
    const std::string cross = "CASE WHEN p.unit = g.organizer_unit THEN 0 ELSE 1 END";
    std::string sql = "SELECT g.route, g.first_day, g.state, " + std::string(with_unit ? "p.unit" : "''") + ", " +
                      (with_cross ? cross : std::string("0")) +
                      ", COUNT(*) FROM group_trips g JOIN places p ON p.group_id = g.id "
                      "WHERE p.state = 'confirmed' AND " + kLiveTrip + where.sql +
                      " GROUP BY g.route, g.first_day, g.state" + (with_unit ? ", p.unit" : "") +
                      (with_cross ? ", " + cross : "");
    return {std::move(sql), std::move(where.params)};
}

StatsStatement trips_sql(const StatsQuery& q) {
    Where where = where_of(q, "g.organizer_unit");
    return {"SELECT g.route, g.first_day, g.state, COUNT(*), SUM(g.max_size) FROM group_trips g WHERE 1 = 1" + where.sql +
                " GROUP BY g.route, g.first_day, g.state",
            std::move(where.params)};
}

// Trips by departure day and state (and route, when a filter needs it) with their capacity and
// confirmed places, from the trips' tally.
StatsStatement outcomes_sql(const StatsQuery& q) {
    const bool route = filters_routes(q);
    Where where = where_of(q, "t.organizer_unit", "t");
    return {std::string("SELECT ") + (route ? "t.route" : "''") +
                ", t.first_day, t.state, COUNT(*), SUM(t.max_size), SUM(t.confirmed) FROM trip_tally t WHERE 1 = 1" +
                where.sql + " GROUP BY " + (route ? "t.route, " : "") + "t.first_day, t.state",
            std::move(where.params)};
}

// Waiting places by route and trip state: waiting (waitlisted or offered), lapsed offers,
// released places (missed when the trip was locked).
StatsStatement waiting_sql(const StatsQuery& q) {
    const char* table = q.unit ? "place_tally" : "trip_tally";
    Where where = where_of(q, "t.unit", "t");
    return {std::string("SELECT t.route, t.state, SUM(t.waiting), SUM(t.offer_expired), SUM(t.released) FROM ") + table +
                " t WHERE t.state <> 'cancelled' AND (t.waiting > 0 OR t.offer_expired > 0 OR t.released > 0)" +
                where.sql + " GROUP BY t.route, t.state",
            std::move(where.params)};
}

// Workers' wishes (想去, wish_service.hpp) by route: made within the range (China days of
// `since`, for a wish has no departure), of the query's unit's workers.
StatsStatement wishes_sql(const StatsQuery& q) {
    std::string sql = "SELECT w.route, COUNT(*) FROM route_wishes w WHERE 1 = 1";
    SqlParams params;
    auto add = [&](const std::string& condition, SqlValue value) {
        params.push_back(std::move(value));
        sql += " AND " + condition + " $" + std::to_string(params.size());
    };
    if (q.from) add("w.since >=", std::int64_t{china_midnight(*q.from)});
    if (q.to) add("w.since <", std::int64_t{china_midnight(*q.to + 1)});
    if (q.route) add("w.route =", *q.route);
    if (q.unit) add("w.unit =", *q.unit);
    return {sql + " GROUP BY w.route", std::move(params)};
}

StatsStatement waiting_places_sql(const StatsQuery& q) {
    Where where = where_of(q, "p.unit");
    return {"SELECT g.route, p.state, g.state, COUNT(*) FROM group_trips g JOIN places p ON p.group_id = g.id "
            "WHERE p.state IN ('waitlisted', 'offered', 'offer_expired', 'released') AND g.state <> 'cancelled'" +
                where.sql + " GROUP BY g.route, p.state, g.state",
            std::move(where.params)};
}

// The units below the query's small-unit size (pooling).
std::vector<Id> small_units(const StatsDirectory& dir, const StatsQuery& q) {
    std::vector<Id> units;
    for (const auto& unit : dir.directory.units)
        if (unit.union_members && *unit.union_members < q.small_below) units.push_back(unit.id);
    std::sort(units.begin(), units.end());
    return units;
}
constexpr std::size_t kUnitsPerStatement = 500;

// The keys a view needs its facts by.
unsigned fact_keys(const StatsQuery& q) {
    const unsigned route = filters_routes(q) ? unsigned{kByRoute} : 0u;
    switch (q.view) {
        case StatsView::places:
            switch (q.by) {
                case StatsBy::month:
                case StatsBy::season: return kByDay | route;
                case StatsBy::unit: return kByUnit | route;
                default: return kByRoute;
            }
        case StatsView::load: return kByDay | kByRoute;
        default: return kByDay | route;
    }
}

// Places by unit without a filter about routes reads whole months from the units' monthly tally
// (`unit_month_tally`, one row per workers' unit, month and trip state): the months of the range
// that it covers entirely, except the month of `today` (whether a trip has left depends on the
// day). The rest of the range (the cut months at its ends, today's month) comes from the units'
// tally, as every other statistic does: the sum is the same as from the units' tally alone.
struct UnitMonthSplit {
    std::optional<Day> from, until;  // the whole months [from, until) (no bound when not given)
    Day today_month = 0;             // left out of them
    std::vector<StatsQuery> rest;    // the query over each remaining part of the range
};

std::optional<UnitMonthSplit> unit_month_split(const StatsQuery& q, Day today) {
    if (q.view != StatsView::places || q.by != StatsBy::unit || q.route || filters_routes(q)) return std::nullopt;
    UnitMonthSplit split;
    if (q.from) split.from = month_start(*q.from) == *q.from ? *q.from : next_month_start(*q.from);
    if (q.to) split.until = month_start(*q.to + 1);
    if (split.from && split.until && *split.from >= *split.until) return std::nullopt;  // no whole month
    split.today_month = month_start(today);
    auto part = [&](Day first, Day last) {
        StatsQuery rest = q;
        rest.from = first;
        rest.to = last;
        split.rest.push_back(std::move(rest));
    };
    if (q.from && *q.from < *split.from) part(*q.from, *split.from - 1);
    if (q.to && *split.until <= *q.to) part(*split.until, *q.to);
    if ((!split.from || *split.from <= split.today_month) && (!split.until || split.today_month < *split.until))
        part(split.today_month, next_month_start(today) - 1);
    return split;
}

// The whole months' statement: its columns are tally_sql's. A month before today's has left
// entirely, one after it not at all.
StatsStatement unit_month_sql(const StatsQuery& q, const UnitMonthSplit& split) {
    Where where;
    where.params.push_back(std::int64_t{split.today_month});
    if (split.from) where.add("t.month_day >= ?", std::int64_t{*split.from});
    if (split.until) where.add("t.month_day < ?", std::int64_t{*split.until});
    if (q.unit) where.add("t.unit = ?", *q.unit);
    return {std::string("SELECT '', 0, t.unit, SUM(t.confirmed), SUM(CASE WHEN t.state = 'locked' AND t.month_day < $1 "
                        "THEN t.confirmed ELSE 0 END), SUM(t.cross_confirmed) FROM unit_month_tally t WHERE ") +
                kLiveTally + " AND t.month_day <> $1" + where.sql + " GROUP BY t.unit",
            std::move(where.params)};
}

// The statements of a view's confirmed places (the pooling's small units aside).
std::vector<StatsStatement> confirmed_statements(const StatsQuery& q, Day today, unsigned keys) {
    auto split = unit_month_split(q, today);
    if (!split) return {tally_sql(q, today, keys, false)};
    std::vector<StatsStatement> statements{unit_month_sql(q, *split)};
    for (const auto& rest : split->rest) statements.push_back(tally_sql(rest, today, keys, false));
    return statements;
}

// The confirmed places a view counts, from the tallies (or, `from_places`, the old way).
std::vector<PlaceFact> confirmed_places(Connection& db, const StatsDirectory& dir, const StatsQuery& q, Day today,
                                        bool organizer_unit, bool from_places) {
    const unsigned keys = fact_keys(q);
    std::vector<PlaceFact> facts;
    if (from_places) {
        const bool with_unit = (keys & kByUnit) || q.view == StatsView::pooling;
        StatsStatement statement =
            confirmed_places_sql(q, organizer_unit ? "g.organizer_unit" : "p.unit", with_unit, q.view == StatsView::pooling);
        for (const auto& row : db.query(statement.sql, statement.params)) {
            PlaceFact f;
            f.route = row.text(0);
            f.day = static_cast<Day>(row.integer(1));
            f.unit = row.text(3);
            f.confirmed = row.integer(5);
            if (row.text(2) == "locked" && f.day <= today) f.travelled = f.confirmed;
            if (row.integer(4) != 0) {
                f.cross = f.confirmed;
                const Unit* unit = dir.unit(f.unit);
                if (unit && unit->union_members && *unit->union_members < q.small_below) f.small_cross = f.confirmed;
            }
            facts.push_back(std::move(f));
        }
        return facts;
    }
    const auto statements = organizer_unit ? std::vector<StatsStatement>{tally_sql(q, today, keys, true)}
                                           : confirmed_statements(q, today, keys);
    for (const auto& statement : statements) {
        for (const auto& row : db.query(statement.sql, statement.params)) {
            PlaceFact f;
            f.route = row.text(0);
            f.day = static_cast<Day>(row.integer(1));
            f.unit = row.text(2);
            f.confirmed = row.integer(3);
            f.travelled = row.integer(4);
            f.cross = row.integer(5);
            facts.push_back(std::move(f));
        }
    }
    if (q.view == StatsView::pooling) {
        const auto units = small_units(dir, q);
        for (std::size_t at = 0; at < units.size(); at += kUnitsPerStatement) {
            std::vector<Id> chunk(units.begin() + static_cast<std::ptrdiff_t>(at),
                                  units.begin() + static_cast<std::ptrdiff_t>(std::min(units.size(), at + kUnitsPerStatement)));
            StatsStatement small = small_cross_sql(q, keys, chunk);
            for (const auto& row : db.query(small.sql, small.params)) {
                PlaceFact f;
                f.route = row.text(0);
                f.day = static_cast<Day>(row.integer(1));
                f.small_cross = row.integer(2);
                facts.push_back(std::move(f));
            }
        }
    }
    return facts;
}

// Whether a member unit passes the city and category filters (where they are about members).
bool member_passes(const Member& m, const StatsQuery& q) {
    return (!q.city || m.city == *q.city) && (!q.category || m.category == *q.category);
}

// Whether a route passes the filters about routes. With `members_filtered` the city and
// category filters are about the member units of the rows instead (load, places by member).
bool route_passes(const StatsDirectory& dir, const Id& id, const StatsQuery& q, bool members_filtered) {
    const bool city = q.city && !members_filtered, category = q.category && !members_filtered;
    if (!q.alliance && !city && !category) return true;
    const Route* route = dir.route(id);
    if (!route) return false;
    if (q.alliance && route->alliance != *q.alliance) return false;
    if (city && std::find(route->cities.begin(), route->cities.end(), *q.city) == route->cities.end()) return false;
    if (category) {
        const auto& members = dir.members_of(*route);
        if (std::none_of(members.begin(), members.end(), [&](const Member* m) { return m->category == *q.category; }))
            return false;
    }
    return true;
}

// Rows keyed by month: every month of the range when it is given (at most ten years), else
// the months that have figures; in order.
std::vector<std::string> month_keys(const StatsQuery& q, const std::set<std::string>& seen) {
    std::set<std::string> keys = seen;
    if (q.from && q.to) {
        CivilDate at = civil_from_day(*q.from), end = civil_from_day(*q.to);
        for (int n = 0; n < 120 && (at.year < end.year || (at.year == end.year && at.month <= end.month)); ++n) {
            keys.insert(month_key(day_from_civil(at.year, at.month, 1)));
            if (++at.month > 12) at = CivilDate{at.year + 1, 1, 1};
        }
    }
    return {keys.begin(), keys.end()};
}

// A table whose rows are months, from per-month values.
void month_rows(StatsTable& table, const std::map<std::string, std::vector<std::int64_t>>& by_month) {
    std::set<std::string> seen;
    for (const auto& [key, values] : by_month) seen.insert(key);
    for (const auto& key : month_keys(table.query, seen)) {
        auto it = by_month.find(key);
        table.rows.push_back(StatsRow{key, month_label(key),
                                      it == by_month.end() ? std::vector<std::int64_t>(table.columns.size(), 0) : it->second});
    }
}

// Rows that are not months: by their first column, largest first, then by key.
void sort_rows(StatsTable& table) {
    std::stable_sort(table.rows.begin(), table.rows.end(), [](const StatsRow& a, const StatsRow& b) {
        if (a.values.front() != b.values.front()) return a.values.front() > b.values.front();
        return a.key < b.key;
    });
}

void places_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, Day today, bool from_places,
                  StatsTable& table) {
    table.title = std::string("出行人次（按") + std::string(stats_by_label(q.by)) + "）";
    table.row_label = std::string(stats_by_label(q.by));
    table.columns = {{"confirmed", "已确认"}, {"travelled", "已出行"}};
    const bool members_filtered = q.by == StatsBy::member;
    std::map<std::string, std::pair<std::string, std::vector<std::int64_t>>> rows;  // key → label, values
    auto add = [&](const std::string& key, const std::string& label, std::int64_t confirmed, std::int64_t travelled) {
        auto& row = rows.try_emplace(key, label, std::vector<std::int64_t>{0, 0}).first->second;
        row.second[0] += confirmed;
        row.second[1] += travelled;
    };
    for (const auto& f : confirmed_places(db, dir, q, today, false, from_places)) {
        if (!route_passes(dir, f.route, q, members_filtered)) continue;
        const std::int64_t travelled = f.travelled;
        const Route* route = dir.route(f.route);
        switch (q.by) {
            case StatsBy::month: add(month_key(f.day), "", f.confirmed, travelled); break;
            case StatsBy::season: {
                Season s = season_of(f.day);
                add(std::string(1, static_cast<char>('0' + static_cast<int>(s))) + std::string(enum_name(s)),
                    std::string(season_label(s)), f.confirmed, travelled);
                break;
            }
            case StatsBy::route: add(f.route, route ? route->title : f.route, f.confirmed, travelled); break;
            case StatsBy::theme:
                if (route)
                    for (const auto& theme : route->themes) add(theme, theme, f.confirmed, travelled);
                break;
            case StatsBy::city:
                if (route)
                    for (const auto& city : route->cities)
                        if (!q.city || city == *q.city) add(city, city, f.confirmed, travelled);
                break;
            case StatsBy::unit: {
                const Unit* unit = dir.unit(f.unit);
                add(f.unit, unit ? unit->name : f.unit, f.confirmed, travelled);
                break;
            }
            case StatsBy::member:
                if (route)
                    for (const Member* m : dir.members_of(*route))
                        if (member_passes(*m, q)) add(m->id, m->name, f.confirmed, travelled);
                break;
        }
    }
    if (q.by == StatsBy::month) {
        std::map<std::string, std::vector<std::int64_t>> by_month;
        for (auto& [key, row] : rows) by_month[key] = row.second;
        month_rows(table, by_month);
        return;
    }
    for (auto& [key, row] : rows) table.rows.push_back(StatsRow{key, row.first, row.second});
    if (q.by == StatsBy::season) {
        for (auto& row : table.rows) row.key = row.key.substr(1);  // the digit only kept them in season order
        return;
    }
    sort_rows(table);
}

void outcomes_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, Day today, bool from_places,
                    StatsTable& table) {
    table.title = "拼团结果（按出发月份）";
    table.row_label = "月份";
    table.columns = {{"open", "招募中"},    {"formed", "已成团"},     {"full", "已满员"},
                     {"locked", "已锁定"},  {"expired", "未成团"},    {"cancelled", "已取消"},
                     {"groups", "团数"},    {"capacity", "计划名额"}, {"confirmed", "确认名额"},
                     {"fill_permille", "满员率‰"}};
    std::map<std::string, std::vector<std::int64_t>> by_month;
    auto row_of = [&](Day day) -> std::vector<std::int64_t>& {
        return by_month.try_emplace(month_key(day), std::vector<std::int64_t>(table.columns.size(), 0)).first->second;
    };
    StatsStatement statement = from_places ? trips_sql(q) : outcomes_sql(q);
    auto trips = db.query(statement.sql, statement.params);
    for (const auto& row : trips) {
        if (!route_passes(dir, row.text(0), q, false)) continue;
        auto state = parse_group_state(row.text(2));
        if (!state) continue;
        auto& values = row_of(static_cast<Day>(row.integer(1)));
        values[static_cast<std::size_t>(*state)] += row.integer(3);
        values[6] += row.integer(3);
        if (*state != GroupState::cancelled) values[7] += row.integer(4);
        // Confirmed places of trips that keep them (the tally's sixth column).
        if (!from_places && *state != GroupState::cancelled && *state != GroupState::expired) values[8] += row.integer(5);
    }
    if (from_places) {
        for (const auto& f : confirmed_places(db, dir, q, today, true, from_places)) {
            if (!route_passes(dir, f.route, q, false)) continue;
            row_of(f.day)[8] += f.confirmed;
        }
    }
    for (auto& [key, values] : by_month) values[9] = permille(values[8], values[7]);
    month_rows(table, by_month);
}

void waiting_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, bool from_places, StatsTable& table) {
    table.title = "候补需求（按线路）";
    table.row_label = "线路";
    table.columns = {{"demand", "候补人次"}, {"waiting", "仍在候补"}, {"missed", "未获名额"}, {"wishes", "想去"}};
    std::map<std::string, std::vector<std::int64_t>> by_route;
    if (!from_places) {
        StatsStatement statement = waiting_sql(q);
        for (const auto& row : db.query(statement.sql, statement.params)) {
            if (!route_passes(dir, row.text(0), q, false)) continue;
            // Released places count when the trip was locked (waiting at the deadline); an expired
            // trip released everyone, which is no waiting list.
            const std::int64_t waiting = row.integer(2),
                               missed = row.integer(3) + (row.text(1) == "locked" ? row.integer(4) : 0);
            if (waiting == 0 && missed == 0) continue;
            auto& values = by_route.try_emplace(row.text(0), std::vector<std::int64_t>(4, 0)).first->second;
            values[1] += waiting;
            values[2] += missed;
            values[0] += waiting + missed;
        }
    } else {  // the old way, the benchmark's baseline: over the places
        StatsStatement statement = waiting_places_sql(q);
        for (const auto& row : db.query(statement.sql, statement.params)) {
            if (!route_passes(dir, row.text(0), q, false)) continue;
            const std::string& place = row.text(1);
            const std::string& trip = row.text(2);
            std::size_t column;
            if (place == "waitlisted" || place == "offered") column = 1;
            else if (place == "offer_expired" || (place == "released" && trip == "locked")) column = 2;
            else continue;
            auto& values = by_route.try_emplace(row.text(0), std::vector<std::int64_t>(4, 0)).first->second;
            values[column] += row.integer(3);
            values[0] += row.integer(3);
        }
    }
    // Demand that found no group yet: the workers who said 想去 on the route (the same count on both ways).
    StatsStatement wishes = wishes_sql(q);
    for (const auto& row : db.query(wishes.sql, wishes.params)) {
        if (!route_passes(dir, row.text(0), q, false)) continue;
        by_route.try_emplace(row.text(0), std::vector<std::int64_t>(4, 0)).first->second[3] += row.integer(1);
    }
    for (auto& [route, values] : by_route) {
        const Route* r = dir.route(route);
        table.rows.push_back(StatsRow{route, r ? r->title : route, values});
    }
    sort_rows(table);
}

void pooling_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, Day today, bool from_places,
                   StatsTable& table) {
    table.title = "跨单位拼团（按出发月份）";
    table.row_label = "月份";
    table.columns = {{"places", "确认名额"},
                     {"cross_unit", "跨单位名额"},
                     {"small_cross_unit", "小单位职工跨单位名额"},
                     {"cross_permille", "跨单位占比‰"},
                     {"small_permille", "小单位跨单位占比‰"}};
    std::map<std::string, std::vector<std::int64_t>> by_month;
    for (const auto& f : confirmed_places(db, dir, q, today, false, from_places)) {
        if (!route_passes(dir, f.route, q, false)) continue;
        auto& values = by_month.try_emplace(month_key(f.day), std::vector<std::int64_t>(5, 0)).first->second;
        values[0] += f.confirmed;
        values[1] += f.cross;
        values[2] += f.small_cross;
    }
    for (auto& [key, values] : by_month) {
        values[3] = permille(values[1], values[0]);
        values[4] = permille(values[2], values[0]);
    }
    month_rows(table, by_month);
}

void load_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, Day today, bool from_places,
                StatsTable& table) {
    table.title = "成员单位接待量（按出发月份）";
    table.row_label = "月份";
    // Members by the order they were first met; per month, a count per member in that order.
    // A route's passing members are worked out once (a fact is a route and a day).
    std::vector<const Member*> seen;
    std::unordered_map<const Member*, std::size_t> index_of;
    std::unordered_map<const Route*, std::vector<std::size_t>> route_members;
    std::map<std::string, std::vector<std::int64_t>> by_month;
    for (const auto& f : confirmed_places(db, dir, q, today, false, from_places)) {
        if (!route_passes(dir, f.route, q, true)) continue;
        const Route* route = dir.route(f.route);
        if (!route) continue;
        auto [members, fresh] = route_members.try_emplace(route);
        if (fresh) {
            for (const Member* m : dir.members_of(*route)) {
                if (!member_passes(*m, q)) continue;
                auto [at, added] = index_of.try_emplace(m, seen.size());
                if (added) seen.push_back(m);
                members->second.push_back(at->second);
            }
        }
        if (members->second.empty()) continue;
        auto& row = by_month[month_key(f.day)];
        if (row.size() < seen.size()) row.resize(seen.size(), 0);
        for (std::size_t i : members->second) row[i] += f.confirmed;
    }
    std::vector<std::int64_t> totals(seen.size(), 0);
    for (const auto& [month, row] : by_month)
        for (std::size_t i = 0; i < row.size(); ++i) totals[i] += row[i];
    std::vector<std::size_t> order(seen.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (totals[a] != totals[b]) return totals[a] > totals[b];
        return seen[a]->id < seen[b]->id;
    });
    for (std::size_t i : order) table.columns.push_back({seen[i]->id, seen[i]->name});
    std::map<std::string, std::vector<std::int64_t>> values;
    for (const auto& [month, counts] : by_month) {
        auto& row = values[month];
        for (std::size_t i : order) row.push_back(i < counts.size() ? counts[i] : 0);
    }
    month_rows(table, values);
}

// What a trip's places count for the statistics, per unit of the workers (a unit with only
// withdrawn places has no entry): the tally rows save_group keeps.
struct TallyCounts {
    std::int64_t confirmed = 0, cross = 0, waiting = 0, offer_expired = 0, released = 0;
    bool operator==(const TallyCounts&) const = default;
    TallyCounts& operator+=(const TallyCounts& o) {
        confirmed += o.confirmed;
        cross += o.cross;
        waiting += o.waiting;
        offer_expired += o.offer_expired;
        released += o.released;
        return *this;
    }
};

std::map<Id, TallyCounts> tally_of(const GroupTrip& trip) {
    std::map<Id, TallyCounts> units;
    for (const auto& place : trip.places) {
        if (place.state == PlaceState::withdrawn) continue;
        const std::string unit(place.unit);
        auto& c = units[unit];
        switch (place.state) {
            case PlaceState::confirmed:
                ++c.confirmed;
                if (unit != trip.organizer_unit) ++c.cross;
                break;
            case PlaceState::waitlisted:
            case PlaceState::offered: ++c.waiting; break;
            case PlaceState::offer_expired: ++c.offer_expired; break;
            case PlaceState::released: ++c.released; break;
            // Approval's states are not in the statistics yet (the SQL tally counts the same).
            case PlaceState::pending_approval:
            case PlaceState::declined:
            case PlaceState::approval_lapsed:
            case PlaceState::withdrawn: break;
        }
    }
    return units;
}

TallyCounts total_of(const std::map<Id, TallyCounts>& units) {
    TallyCounts total;
    for (const auto& [unit, c] : units) total += c;
    return total;
}

// The tallies of every stored trip, counted again from its places (the migration).
void rebuild_tallies(Connection& db) {
    db.execute("DELETE FROM place_tally");
    db.execute("DELETE FROM trip_tally");
    db.execute(
        "INSERT INTO place_tally (group_id, unit, route, first_day, state, confirmed, cross_confirmed, waiting, "
        "offer_expired, released) SELECT g.id, p.unit, g.route, g.first_day, g.state, "
        "SUM(CASE WHEN p.state = 'confirmed' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN p.state = 'confirmed' AND p.unit <> g.organizer_unit THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN p.state IN ('waitlisted', 'offered') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN p.state = 'offer_expired' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN p.state = 'released' THEN 1 ELSE 0 END) "
        "FROM group_trips g JOIN places p ON p.group_id = g.id WHERE p.state <> 'withdrawn' "
        "GROUP BY g.id, p.unit, g.route, g.first_day, g.state");
    db.execute(
        "INSERT INTO trip_tally (group_id, route, first_day, state, organizer_unit, max_size, confirmed, cross_confirmed, "
        "waiting, offer_expired, released) SELECT g.id, g.route, g.first_day, g.state, g.organizer_unit, g.max_size, "
        "COALESCE(SUM(t.confirmed), 0), COALESCE(SUM(t.cross_confirmed), 0), COALESCE(SUM(t.waiting), 0), "
        "COALESCE(SUM(t.offer_expired), 0), COALESCE(SUM(t.released), 0) "
        "FROM group_trips g LEFT JOIN place_tally t ON t.group_id = g.id "
        "GROUP BY g.id, g.route, g.first_day, g.state, g.organizer_unit, g.max_size");
}

// The units' monthly tally counted again from the units' tally (the migration; the month is
// worked out here, the statements use no date functions).
void rebuild_unit_months(Connection& db) {
    db.execute("DELETE FROM unit_month_tally");
    std::map<std::tuple<std::string, Day, std::string>, std::pair<std::int64_t, std::int64_t>> months;
    for (const auto& row : db.query("SELECT unit, first_day, state, SUM(confirmed), SUM(cross_confirmed) FROM place_tally "
                                    "WHERE confirmed > 0 GROUP BY unit, first_day, state")) {
        auto& c = months[{row.text(0), month_start(static_cast<Day>(row.integer(1))), row.text(2)}];
        c.first += row.integer(3);
        c.second += row.integer(4);
    }
    for (const auto& [key, c] : months)
        db.execute("INSERT INTO unit_month_tally (unit, month_day, state, confirmed, cross_confirmed) VALUES "
                   "($1, $2, $3, $4, $5)",
                   {std::get<0>(key), std::int64_t{std::get<1>(key)}, std::get<2>(key), c.first, c.second});
}

}  // namespace

void write_tally(Connection& db, const GroupTrip* before, const GroupTrip& after, UnitMonthMoves* deferred) {
    // The rows carry the trip's route, day and state: when one of them (or the organizer, which
    // decides what is cross-unit) changes, every row of the trip is written again.
    const bool same_trip = before && before->route == after.route && before->departure == after.departure &&
                           before->state == after.state && before->organizer_unit == after.organizer_unit &&
                           before->max_size == after.max_size;
    const auto now = tally_of(after);
    const auto old = same_trip ? tally_of(*before) : std::map<Id, TallyCounts>{};
    const std::string state(enum_name(after.state));
    // The units' monthly tally moves by the difference: (unit, month, state) → confirmed, cross.
    UnitMonthMoves moves;
    auto move = [&](const std::string& unit, Day day, const std::string& trip_state, std::int64_t confirmed,
                    std::int64_t cross) {
        if (confirmed == 0 && cross == 0) return;
        auto& m = moves[{unit, month_start(day), trip_state}];
        m.first += confirmed;
        m.second += cross;
    };
    if (same_trip) {
        for (const auto& [unit, c] : old) move(unit, before->departure, state, -c.confirmed, -c.cross);
    } else {
        // What the stored rows counted (they may be at another day or state, or `before` unknown).
        for (const auto& row : db.query("SELECT unit, first_day, state, confirmed, cross_confirmed FROM place_tally "
                                        "WHERE group_id = $1 AND confirmed > 0",
                                        {after.id}))
            move(row.text(0), static_cast<Day>(row.integer(1)), row.text(2), -row.integer(3), -row.integer(4));
        db.execute("DELETE FROM place_tally WHERE group_id = $1", {after.id});
    }
    for (const auto& [unit, c] : now) move(unit, after.departure, state, c.confirmed, c.cross);
    if (deferred) {
        for (const auto& [key, m] : moves) {
            auto& sum = (*deferred)[key];
            sum.first += m.first;
            sum.second += m.second;
        }
    } else {
        apply_unit_month_moves(db, moves);
    }
    for (const auto& [unit, c] : now) {
        auto was = old.find(unit);
        if (was != old.end() && was->second == c) continue;
        db.execute(
            "INSERT INTO place_tally (group_id, unit, route, first_day, state, confirmed, cross_confirmed, waiting, "
            "offer_expired, released) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (group_id, unit) DO "
            "UPDATE SET route = excluded.route, first_day = excluded.first_day, state = excluded.state, "
            "confirmed = excluded.confirmed, cross_confirmed = excluded.cross_confirmed, waiting = excluded.waiting, "
            "offer_expired = excluded.offer_expired, released = excluded.released",
            {after.id, unit, after.route, std::int64_t{after.departure}, state, c.confirmed, c.cross, c.waiting,
             c.offer_expired, c.released});
    }
    for (const auto& [unit, c] : old)
        if (!now.count(unit)) db.execute("DELETE FROM place_tally WHERE group_id = $1 AND unit = $2", {after.id, unit});
    const TallyCounts total = total_of(now);
    if (same_trip && total == total_of(old)) return;
    db.execute(
        "INSERT INTO trip_tally (group_id, route, first_day, state, organizer_unit, max_size, confirmed, cross_confirmed, "
        "waiting, offer_expired, released) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (group_id) "
        "DO UPDATE SET route = excluded.route, first_day = excluded.first_day, state = excluded.state, "
        "organizer_unit = excluded.organizer_unit, max_size = excluded.max_size, confirmed = excluded.confirmed, "
        "cross_confirmed = excluded.cross_confirmed, waiting = excluded.waiting, offer_expired = excluded.offer_expired, "
        "released = excluded.released",
        {after.id, after.route, std::int64_t{after.departure}, state, after.organizer_unit, std::int64_t{after.max_size},
         total.confirmed, total.cross,
         total.waiting, total.offer_expired, total.released});
}

// The units' monthly tally is split into shards: its rows are shared by every trip of a unit and
// month, and a row one transaction changed stays locked until that transaction's commit has reached
// the disk, so two writers adding to the same row would commit one after the other. Each writer
// connection on PostgreSQL adds to its own shard (the setting liaoxiu.tally_shard, 0..15, set by
// the write queue); SQLite's single writer uses shard 0. A figure is the sum over the shards (the
// statistics read SUM ... GROUP BY unit); a shard's row may hold a negative count (a place joined
// on one shard and withdrawn on another), and a row whose counts are both zero is deleted.
void apply_unit_month_moves(Connection& db, const UnitMonthMoves& moves) {
    const std::string shard = db.dialect() == Dialect::postgresql
                                  ? "COALESCE(NULLIF(current_setting('liaoxiu.tally_shard', true), '')::integer, 0)"
                                  : "0";
    for (const auto& [key, m] : moves) {
        if (m.first == 0 && m.second == 0) continue;
        const SqlParams where{std::get<0>(key), std::int64_t{std::get<1>(key)}, std::get<2>(key)};
        SqlParams params = where;
        params.push_back(m.first);
        params.push_back(m.second);
        db.execute("INSERT INTO unit_month_tally (unit, month_day, state, shard, confirmed, cross_confirmed) VALUES "
                   "($1, $2, $3, " + shard + ", $4, $5) ON CONFLICT (unit, month_day, state, shard) DO UPDATE SET "
                   "confirmed = unit_month_tally.confirmed + excluded.confirmed, "
                   "cross_confirmed = unit_month_tally.cross_confirmed + excluded.cross_confirmed",
                   params);
        if (m.first < 0 || m.second < 0)  // a shard's row that counts nothing is not kept
            db.execute("DELETE FROM unit_month_tally WHERE unit = $1 AND month_day = $2 AND state = $3 AND shard = " +
                           shard + " AND confirmed = 0 AND cross_confirmed = 0",
                       where);
    }
}

void create_stats_schema(Connection& db) {
    begin_write(db);
    try {
        if (!meta_get(db, "stats_columns")) {
            // A trip's capacity: the fill rate divides by it. Trips stored before it are read once.
            if (!group_trips_have_column(db, "max_size")) db.execute("ALTER TABLE group_trips ADD COLUMN max_size BIGINT");
            for (const auto& row : db.query("SELECT id, doc FROM group_trips WHERE max_size IS NULL ORDER BY id")) {
                auto trip = decode<GroupTrip>(nlohmann::json::parse(row.text(1), nullptr, false), "");
                if (!trip) throw std::runtime_error("corrupt stored group trip " + row.text(0));
                db.execute("UPDATE group_trips SET max_size = $1 WHERE id = $2",
                           {std::int64_t{trip.value().max_size}, row.text(0)});
            }
            meta_set(db, "stats_columns", "1");
        }
        db.execute("CREATE INDEX IF NOT EXISTS group_trips_by_first_day ON group_trips (first_day, route, state)");
        // The tallies the statistics read instead of the places (write_tally keeps them).
        db.execute(
            "CREATE TABLE IF NOT EXISTS trip_tally (group_id TEXT PRIMARY KEY, route TEXT NOT NULL, "
            "first_day BIGINT NOT NULL, state TEXT NOT NULL, organizer_unit TEXT NOT NULL, max_size BIGINT NOT NULL, "
            "confirmed BIGINT NOT NULL, cross_confirmed BIGINT NOT NULL, waiting BIGINT NOT NULL, "
            "offer_expired BIGINT NOT NULL, released BIGINT NOT NULL)");
        // Covering: the statements read the index alone.
        db.execute("CREATE INDEX IF NOT EXISTS trip_tally_by_day ON trip_tally (first_day, state, route, organizer_unit, "
                   "max_size, confirmed, cross_confirmed, waiting, offer_expired, released)");
        db.execute(
            "CREATE TABLE IF NOT EXISTS place_tally (group_id TEXT NOT NULL, unit TEXT NOT NULL, route TEXT NOT NULL, "
            "first_day BIGINT NOT NULL, state TEXT NOT NULL, confirmed BIGINT NOT NULL, cross_confirmed BIGINT NOT NULL, "
            "waiting BIGINT NOT NULL, offer_expired BIGINT NOT NULL, released BIGINT NOT NULL, "
            "PRIMARY KEY (group_id, unit))");
        db.execute("CREATE INDEX IF NOT EXISTS place_tally_by_day ON place_tally "
                   "(first_day, state, unit, route, confirmed, cross_confirmed)");
        db.execute("CREATE INDEX IF NOT EXISTS place_tally_by_unit ON place_tally "
                   "(unit, first_day, state, route, confirmed, cross_confirmed, waiting, offer_expired, released)");
        // The units' monthly tally (places by unit reads its whole months), in shards (see
        // apply_unit_month_moves); one written before the shards is counted again.
        const bool sharded = meta_get(db, "stats_unit_month_shards").has_value();
        if (!sharded) db.execute("DROP TABLE IF EXISTS unit_month_tally");
        db.execute(
            "CREATE TABLE IF NOT EXISTS unit_month_tally (unit TEXT NOT NULL, month_day BIGINT NOT NULL, "
            "state TEXT NOT NULL, shard INTEGER NOT NULL DEFAULT 0, confirmed BIGINT NOT NULL, "
            "cross_confirmed BIGINT NOT NULL, PRIMARY KEY (unit, month_day, state, shard))");
        // Covering both: a range of months reads the first; every month (no range) the second, in
        // the order it groups by (the primary key's index would read every row as well).
        db.execute("CREATE INDEX IF NOT EXISTS unit_month_tally_by_month ON unit_month_tally "
                   "(month_day, state, unit, confirmed, cross_confirmed)");
        db.execute("CREATE INDEX IF NOT EXISTS unit_month_tally_by_unit ON unit_month_tally "
                   "(unit, month_day, state, confirmed, cross_confirmed)");
        const bool counted = !meta_get(db, "stats_tally");
        if (counted) {
            rebuild_tallies(db);  // a database written before the tallies: counted once
            meta_set(db, "stats_tally", "1");
        }
        if (counted || !sharded || !meta_get(db, "stats_unit_month")) {
            rebuild_unit_months(db);  // a database written before the monthly tally: counted once
            meta_set(db, "stats_unit_month", "1");
        }
        if (!sharded) meta_set(db, "stats_unit_month_shards", "1");
        // The statistics no longer read the places: their index would only slow every join.
        db.execute("DROP INDEX IF EXISTS places_for_stats");
        commit(db);
    } catch (...) {
        rollback(db);
        throw;
    }
}

StatsDirectory::StatsDirectory(Connection& db, std::string stamp)
    : stamp(std::move(stamp)), routes(load_routes(db, std::nullopt)), directory(load_directory(db)) {
    for (const auto& r : routes) route_by_id.emplace(r.id, &r);
    for (const auto& m : directory.members) member_by_id.emplace(m.id, &m);
    for (const auto& u : directory.units) unit_by_id.emplace(u.id, &u);
    for (const auto& r : routes) members_by_route.emplace(&r, itinerary_members(r));
}

const Route* StatsDirectory::route(const Id& id) const {
    auto it = route_by_id.find(id);
    return it == route_by_id.end() ? nullptr : it->second;
}

const Member* StatsDirectory::member(const std::string& id) const {
    auto it = member_by_id.find(id);
    return it == member_by_id.end() ? nullptr : it->second;
}

const Unit* StatsDirectory::unit(const Id& id) const {
    auto it = unit_by_id.find(id);
    return it == unit_by_id.end() ? nullptr : it->second;
}

const std::vector<const Member*>& StatsDirectory::members_of(const Route& route) const {
    static const std::vector<const Member*> none;
    auto it = members_by_route.find(&route);
    return it == members_by_route.end() ? none : it->second;
}

std::vector<const Member*> StatsDirectory::itinerary_members(const Route& route) const {
    std::vector<const Member*> out;
    for (const auto& day : route.itinerary)
        for (const auto& stop : day.stops)
            if (const Member* m = member(std::string(stop.member)); m && std::find(out.begin(), out.end(), m) == out.end())
                out.push_back(m);
    return out;
}

std::string stats_directory_stamp(Connection& db) {
    // Every write of a route, member or unit stamps its row with a new catalogue version, so
    // the sum of the stamps moves on every change (not the largest: on PostgreSQL versions may
    // commit out of order, and a late lower one leaves the largest as it was); the count
    // catches a deleted row.
    std::string stamp;
    for (const char* table : {"routes", "members", "units", "alliances"}) {
        auto row = db.query(std::string("SELECT COALESCE(SUM(version), 0), COUNT(*) FROM ") + table).front();
        stamp += std::to_string(row.integer(0)) + "/" + std::to_string(row.integer(1)) + ";";
    }
    return stamp;
}

std::vector<StatsStatement> stats_statements(const StatsQuery& q, Day today, const StatsDirectory& dir,
                                            bool from_places) {
    if (from_places) {
        const bool pooling = q.view == StatsView::pooling, by_unit = fact_keys(q) & kByUnit;
        switch (q.view) {
            case StatsView::outcomes: return {trips_sql(q), confirmed_places_sql(q, "g.organizer_unit", false, false)};
            case StatsView::waiting: return {waiting_places_sql(q), wishes_sql(q)};
            default: return {confirmed_places_sql(q, "p.unit", by_unit || pooling, pooling)};
        }
    }
    const unsigned keys = fact_keys(q);
    switch (q.view) {
        case StatsView::outcomes: return {outcomes_sql(q)};
        case StatsView::waiting: return {waiting_sql(q), wishes_sql(q)};
        case StatsView::pooling: {
            std::vector<StatsStatement> statements{tally_sql(q, today, keys, false)};
            auto units = small_units(dir, q);
            if (units.size() > kUnitsPerStatement) units.resize(kUnitsPerStatement);
            if (!units.empty()) statements.push_back(small_cross_sql(q, keys, units));
            return statements;
        }
        default: return confirmed_statements(q, today, keys);
    }
}

StatsTable compute_stats(Connection& db, const StatsQuery& query, Day today, const StatsDirectory& dir,
                         bool from_places) {
    StatsTable table;
    table.query = query;
    switch (query.view) {
        case StatsView::places:
            places_table(db, dir, query, today, from_places, table);
            compute_totals(table, {});
            break;
        case StatsView::outcomes:
            outcomes_table(db, dir, query, today, from_places, table);
            compute_totals(table, {{9, 8, 7}});
            break;
        case StatsView::waiting:
            waiting_table(db, dir, query, from_places, table);
            compute_totals(table, {});
            break;
        case StatsView::pooling:
            pooling_table(db, dir, query, today, from_places, table);
            compute_totals(table, {{3, 1, 0}, {4, 2, 0}});
            break;
        case StatsView::load:
            load_table(db, dir, query, today, from_places, table);
            compute_totals(table, {});
            break;
    }
    return table;
}

}  // namespace liaoxiu::server::store
