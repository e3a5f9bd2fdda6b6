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
#include <set>
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

// `unit_column`: what the unit filter compares (the workers' unit, or the organizing unit's).
Where where_of(const StatsQuery& q, const char* unit_column) {
    Where where;
    if (q.from) where.add("g.first_day >= ?", std::int64_t{*q.from});
    if (q.to) where.add("g.first_day <= ?", std::int64_t{*q.to});
    if (q.route) where.add("g.route = ?", *q.route);
    if (q.unit) where.add(std::string(unit_column) + " = ?", *q.unit);
    return where;
}

// Confirmed places on live trips, by route, day and trip state (and the worker's unit and
// whether it is another unit than the organizer's, when asked).
struct PlaceFact {
    Id route;
    Day day = 0;
    std::string trip_state;
    Id unit;
    bool cross = false;
    std::int64_t count = 0;
};

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

StatsStatement waiting_sql(const StatsQuery& q) {
    Where where = where_of(q, "p.unit");
    return {"SELECT g.route, p.state, g.state, COUNT(*) FROM group_trips g JOIN places p ON p.group_id = g.id "
            "WHERE p.state IN ('waitlisted', 'offered', 'offer_expired', 'released') AND g.state <> 'cancelled'" +
                where.sql + " GROUP BY g.route, p.state, g.state",
            std::move(where.params)};
}

std::vector<PlaceFact> confirmed_places(Connection& db, const StatsQuery& q, const char* unit_column, bool with_unit,
                                        bool with_cross) {
    StatsStatement statement = confirmed_places_sql(q, unit_column, with_unit, with_cross);
    std::vector<PlaceFact> facts;
    for (const auto& row : db.query(statement.sql, statement.params)) {
        facts.push_back(PlaceFact{row.text(0), static_cast<Day>(row.integer(1)), row.text(2), row.text(3),
                                  row.integer(4) != 0, row.integer(5)});
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
        auto members = dir.members_of(*route);
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

void places_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, Day today, StatsTable& table) {
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
    for (const auto& f : confirmed_places(db, q, "p.unit", q.by == StatsBy::unit, false)) {
        if (!route_passes(dir, f.route, q, members_filtered)) continue;
        const std::int64_t travelled = f.trip_state == "locked" && f.day <= today ? f.count : 0;
        const Route* route = dir.route(f.route);
        switch (q.by) {
            case StatsBy::month: add(month_key(f.day), "", f.count, travelled); break;
            case StatsBy::season: {
                Season s = season_of(f.day);
                add(std::string(1, static_cast<char>('0' + static_cast<int>(s))) + std::string(enum_name(s)),
                    std::string(season_label(s)), f.count, travelled);
                break;
            }
            case StatsBy::route: add(f.route, route ? route->title : f.route, f.count, travelled); break;
            case StatsBy::theme:
                if (route)
                    for (const auto& theme : route->themes) add(theme, theme, f.count, travelled);
                break;
            case StatsBy::city:
                if (route)
                    for (const auto& city : route->cities)
                        if (!q.city || city == *q.city) add(city, city, f.count, travelled);
                break;
            case StatsBy::unit: {
                const Unit* unit = dir.unit(f.unit);
                add(f.unit, unit ? unit->name : f.unit, f.count, travelled);
                break;
            }
            case StatsBy::member:
                if (route)
                    for (const Member* m : dir.members_of(*route))
                        if (member_passes(*m, q)) add(m->id, m->name, f.count, travelled);
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

void outcomes_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, StatsTable& table) {
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
    StatsStatement statement = trips_sql(q);
    auto trips = db.query(statement.sql, statement.params);
    for (const auto& row : trips) {
        if (!route_passes(dir, row.text(0), q, false)) continue;
        auto state = parse_group_state(row.text(2));
        if (!state) continue;
        auto& values = row_of(static_cast<Day>(row.integer(1)));
        values[static_cast<std::size_t>(*state)] += row.integer(3);
        values[6] += row.integer(3);
        if (*state != GroupState::cancelled) values[7] += row.integer(4);
    }
    for (const auto& f : confirmed_places(db, q, "g.organizer_unit", false, false)) {
        if (!route_passes(dir, f.route, q, false)) continue;
        row_of(f.day)[8] += f.count;
    }
    for (auto& [key, values] : by_month) values[9] = permille(values[8], values[7]);
    month_rows(table, by_month);
}

void waiting_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, StatsTable& table) {
    table.title = "候补需求（按线路）";
    table.row_label = "线路";
    table.columns = {{"demand", "候补人次"}, {"waiting", "仍在候补"}, {"missed", "未获名额"}};
    StatsStatement statement = waiting_sql(q);
    auto result = db.query(statement.sql, statement.params);
    std::map<std::string, std::vector<std::int64_t>> by_route;
    for (const auto& row : result) {
        if (!route_passes(dir, row.text(0), q, false)) continue;
        const std::string& place = row.text(1);
        const std::string& trip = row.text(2);
        std::size_t column;
        if (place == "waitlisted" || place == "offered") column = 1;
        else if (place == "offer_expired" || (place == "released" && trip == "locked")) column = 2;  // waiting at the deadline
        else continue;  // released by an expired trip: everyone was, not a waiting list
        auto& values = by_route.try_emplace(row.text(0), std::vector<std::int64_t>(3, 0)).first->second;
        values[column] += row.integer(3);
        values[0] += row.integer(3);
    }
    for (auto& [route, values] : by_route) {
        const Route* r = dir.route(route);
        table.rows.push_back(StatsRow{route, r ? r->title : route, values});
    }
    sort_rows(table);
}

void pooling_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, StatsTable& table) {
    table.title = "跨单位拼团（按出发月份）";
    table.row_label = "月份";
    table.columns = {{"places", "确认名额"},
                     {"cross_unit", "跨单位名额"},
                     {"small_cross_unit", "小单位职工跨单位名额"},
                     {"cross_permille", "跨单位占比‰"},
                     {"small_permille", "小单位跨单位占比‰"}};
    std::map<std::string, std::vector<std::int64_t>> by_month;
    for (const auto& f : confirmed_places(db, q, "p.unit", true, true)) {
        if (!route_passes(dir, f.route, q, false)) continue;
        auto& values = by_month.try_emplace(month_key(f.day), std::vector<std::int64_t>(5, 0)).first->second;
        values[0] += f.count;
        if (!f.cross) continue;
        values[1] += f.count;
        const Unit* unit = dir.unit(f.unit);
        if (unit && unit->union_members && *unit->union_members < q.small_below) values[2] += f.count;
    }
    for (auto& [key, values] : by_month) {
        values[3] = permille(values[1], values[0]);
        values[4] = permille(values[2], values[0]);
    }
    month_rows(table, by_month);
}

void load_table(Connection& db, const StatsDirectory& dir, const StatsQuery& q, StatsTable& table) {
    table.title = "成员单位接待量（按出发月份）";
    table.row_label = "月份";
    std::map<std::string, std::map<const Member*, std::int64_t>> by_month;
    std::map<const Member*, std::int64_t> member_totals;
    for (const auto& f : confirmed_places(db, q, "p.unit", false, false)) {
        if (!route_passes(dir, f.route, q, true)) continue;
        const Route* route = dir.route(f.route);
        if (!route) continue;
        for (const Member* m : dir.members_of(*route)) {
            if (!member_passes(*m, q)) continue;
            by_month[month_key(f.day)][m] += f.count;
            member_totals[m] += f.count;
        }
    }
    std::vector<const Member*> members;
    for (const auto& [m, total] : member_totals) members.push_back(m);
    std::sort(members.begin(), members.end(), [&](const Member* a, const Member* b) {
        if (member_totals[a] != member_totals[b]) return member_totals[a] > member_totals[b];
        return a->id < b->id;
    });
    for (const Member* m : members) table.columns.push_back({m->id, m->name});
    std::map<std::string, std::vector<std::int64_t>> values;
    for (const auto& [month, counts] : by_month) {
        auto& row = values[month];
        for (const Member* m : members) {
            auto it = counts.find(m);
            row.push_back(it == counts.end() ? 0 : it->second);
        }
    }
    month_rows(table, values);
}

}  // namespace

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
        db.execute("CREATE INDEX IF NOT EXISTS places_for_stats ON places (group_id, state, unit)");
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

std::vector<const Member*> StatsDirectory::members_of(const Route& route) const {
    std::vector<const Member*> out;
    for (const auto& day : route.itinerary)
        for (const auto& stop : day.stops)
            if (const Member* m = member(std::string(stop.member)); m && std::find(out.begin(), out.end(), m) == out.end())
                out.push_back(m);
    return out;
}

std::string stats_directory_stamp(Connection& db) {
    // Every write of a route, member or unit stamps its row with a new catalogue version, so
    // the largest stamp moves on every change; the count catches a deleted row.
    std::string stamp;
    for (const char* table : {"routes", "members", "units", "alliances"}) {
        auto row = db.query(std::string("SELECT COALESCE(MAX(version), 0), COUNT(*) FROM ") + table).front();
        stamp += std::to_string(row.integer(0)) + "/" + std::to_string(row.integer(1)) + ";";
    }
    return stamp;
}

std::vector<StatsStatement> stats_statements(const StatsQuery& q) {
    switch (q.view) {
        case StatsView::places: return {confirmed_places_sql(q, "p.unit", q.by == StatsBy::unit, false)};
        case StatsView::outcomes: return {trips_sql(q), confirmed_places_sql(q, "g.organizer_unit", false, false)};
        case StatsView::waiting: return {waiting_sql(q)};
        case StatsView::pooling: return {confirmed_places_sql(q, "p.unit", true, true)};
        case StatsView::load: return {confirmed_places_sql(q, "p.unit", false, false)};
    }
    return {};
}

StatsTable compute_stats(Connection& db, const StatsQuery& query, Day today, const StatsDirectory& dir) {
    StatsTable table;
    table.query = query;
    switch (query.view) {
        case StatsView::places:
            places_table(db, dir, query, today, table);
            compute_totals(table, {});
            break;
        case StatsView::outcomes:
            outcomes_table(db, dir, query, table);
            compute_totals(table, {{9, 8, 7}});
            break;
        case StatsView::waiting:
            waiting_table(db, dir, query, table);
            compute_totals(table, {});
            break;
        case StatsView::pooling:
            pooling_table(db, dir, query, table);
            compute_totals(table, {{3, 1, 0}, {4, 2, 0}});
            break;
        case StatsView::load:
            load_table(db, dir, query, table);
            compute_totals(table, {});
            break;
    }
    return table;
}

}  // namespace liaoxiu::server::store
