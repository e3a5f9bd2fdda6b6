// The statistics' tallies (server/stats.hpp's write_tally) on SQLite, and on PostgreSQL when
// this file runs in the PostgreSQL program (pg_main.cpp sets world_database):
//  - after a random sequence of joins, withdrawals, offers, lapses, locks, expiries and a
//    cancellation through the real endpoint, the tallies equal a recount from the places, and
//    every statistic counted from them equals the same statistic counted over the places;
//  - a database written before the tallies answers the fixture's statistics after a restart.
#include "../common/eventually.hpp"
#include "desk_checks.hpp"
#include "stats_checks.hpp"

#include "core/dates.hpp"
#include "server/sql.hpp"
#include "server/stats.hpp"
#include "server/store.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <random>

using namespace liaoxiu;
using namespace liaoxiu::testing;
using namespace liaoxiu::server;

namespace {

std::string database_url(const TempDir& dir) {
    return world_database ? world_database() : "sqlite:" + (dir.path() / "tally.db").string();
}

using Rows = std::vector<std::string>;

Rows read_rows(Connection& db, const std::string& sql) {
    Rows rows;
    for (const auto& row : db.query(sql)) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + row.text(i);
        rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

Day first_of_month(Day day) {
    const CivilDate c = civil_from_day(day);
    return day_from_civil(c.year, c.month, 1);
}

struct Recount {
    Rows units, totals, unit_months;
};

// The tallies as the places say they should be, counted here from the rows of both tables.
Recount recount(Connection& db) {
    struct Trip {
        std::string route, first_day, state, organizer, max_size;
    };
    std::map<std::string, Trip> trips;
    for (const auto& row : db.query("SELECT id, route, first_day, state, organizer_unit, max_size FROM group_trips"))
        trips[row.text(0)] = Trip{row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)};
    // group → unit → confirmed, cross, waiting, offer_expired, released
    std::map<std::string, std::map<std::string, std::array<std::int64_t, 5>>> counts;
    for (const auto& row : db.query("SELECT group_id, unit, state FROM places")) {
        const std::string& state = row.text(2);
        if (state == "withdrawn") continue;
        auto& c = counts[row.text(0)][row.text(1)];
        if (state == "confirmed") {
            ++c[0];
            if (row.text(1) != trips.at(row.text(0)).organizer) ++c[1];
        } else if (state == "waitlisted" || state == "offered") {
            ++c[2];
        } else if (state == "offer_expired") {
            ++c[3];
        } else if (state == "released") {
            ++c[4];
        } else {
            FAIL("unknown place state " << state);
        }
    }
    auto numbers = [](const std::array<std::int64_t, 5>& c) {
        std::string text;
        for (auto n : c) text += "|" + std::to_string(n);
        return text;
    };
    Rows units, totals;
    // unit|first day of the month|trip state → confirmed, cross (only where some are confirmed)
    std::map<std::string, std::array<std::int64_t, 2>> months;
    for (const auto& [id, trip] : trips) {
        std::array<std::int64_t, 5> total{};
        for (const auto& [unit, c] : counts[id]) {
            units.push_back(id + "|" + unit + "|" + trip.route + "|" + trip.first_day + "|" + trip.state + numbers(c));
            for (std::size_t i = 0; i < 5; ++i) total[i] += c[i];
            if (c[0] > 0) {
                auto& m = months[unit + "|" + std::to_string(first_of_month(static_cast<Day>(std::stoll(trip.first_day)))) +
                                 "|" + trip.state];
                m[0] += c[0];
                m[1] += c[1];
            }
        }
        totals.push_back(id + "|" + trip.route + "|" + trip.first_day + "|" + trip.state + "|" + trip.organizer + "|" +
                         trip.max_size + numbers(total));
    }
    Rows unit_months;
    for (const auto& [key, m] : months) unit_months.push_back(key + "|" + std::to_string(m[0]) + "|" + std::to_string(m[1]));
    std::sort(units.begin(), units.end());
    std::sort(totals.begin(), totals.end());
    std::sort(unit_months.begin(), unit_months.end());
    return {units, totals, unit_months};
}

// Every statistic the benchmark measures, and a few with filters, for the check below.
std::vector<StatsQuery> every_view(Day today, const Id& unit, const Id& route) {
    std::vector<StatsQuery> queries;
    for (auto view : {StatsView::places, StatsView::outcomes, StatsView::waiting, StatsView::pooling, StatsView::load}) {
        const std::vector<StatsBy> bys =
            view == StatsView::places ? std::vector<StatsBy>{StatsBy::month, StatsBy::season, StatsBy::route, StatsBy::theme,
                                                             StatsBy::city, StatsBy::unit, StatsBy::member}
                                      : std::vector<StatsBy>{StatsBy::month};
        for (auto by : bys) {
            StatsQuery q;
            q.view = view;
            q.by = by;
            queries.push_back(q);
            q.unit = unit;  // an organizer's view
            queries.push_back(q);
            q.unit.reset();
            q.route = route;
            q.from = today - 400;
            q.to = today + 400;
            queries.push_back(q);
            if (by == StatsBy::unit) {
                // Ranges that the units' monthly tally covers wholly, in part, or not at all, with
                // and without a unit, around today's month.
                const Day month = first_of_month(today), next = first_of_month(month + 40);
                const std::vector<std::pair<Day, Day>> ranges{{today - 400, today + 400}, {today + 25, today + 45},
                                                              {next, first_of_month(next + 40) - 1},
                                                              {month, next - 1},
                                                              {today, today},
                                                              {month - 1, first_of_month(next + 40)},
                                                              {today - 3, today + 60}};
                StatsQuery plain = q;
                plain.route.reset();
                for (const auto& [from, to] : ranges) {
                    plain.from = from;
                    plain.to = to;
                    queries.push_back(plain);
                    plain.unit = unit;
                    queries.push_back(plain);
                    plain.unit.reset();
                }
                plain.from = today - 400;  // one bound only
                plain.to.reset();
                queries.push_back(plain);
                plain.from.reset();
                plain.to = today + 30;
                queries.push_back(plain);
            }
            q.route.reset();
            q.small_below = 1000000;  // every unit with a count is small
            q.city = "衢州";
            queries.push_back(q);
        }
    }
    return queries;
}

// In one read transaction: the tallies equal the recount, and every statistic from the
// tallies equals the same statistic counted over the places. Returns the unit tally's rows.
Rows check_tallies(const std::string& url, Day today, const Id& unit, const Id& route) {
    auto db = open_connection(url);
    store::begin_read(*db);
    auto [units, totals, unit_months] = recount(*db);
    const Rows place_tally = read_rows(*db,
                                       "SELECT group_id, unit, route, first_day, state, confirmed, cross_confirmed, "
                                       "waiting, offer_expired, released FROM place_tally");
    const Rows trip_tally = read_rows(*db,
                                      "SELECT group_id, route, first_day, state, organizer_unit, max_size, confirmed, "
                                      "cross_confirmed, waiting, offer_expired, released FROM trip_tally");
    // The monthly tally's shards (store_stats.cpp) summed: what the statistics read.
    const Rows unit_month_tally =
        read_rows(*db, "SELECT unit, month_day, state, SUM(confirmed), SUM(cross_confirmed) FROM unit_month_tally "
                       "GROUP BY unit, month_day, state HAVING SUM(confirmed) <> 0 OR SUM(cross_confirmed) <> 0");
    CHECK(place_tally == units);
    CHECK(trip_tally == totals);
    CHECK(unit_month_tally == unit_months);
    store::StatsDirectory directory(*db, store::stats_directory_stamp(*db));
    for (const auto& q : every_view(today, unit, route)) {
        const auto tallied = encode_stats_table(store::compute_stats(*db, q, today, directory));
        const auto counted = encode_stats_table(store::compute_stats(*db, q, today, directory, true));
        INFO(stats_query_string(q));
        CHECK(tallied == counted);
    }
    store::commit(*db);
    return place_tally;
}

}  // namespace

TEST_CASE("stats: the tallies equal a recount from the places after random joins, withdrawals, offers, lapses, "
          "locks, expiries and a cancellation",
          "[stats]") {
    TempDir clock_dir;
    auto clock_file = clock_dir.path() / "offset";
    Instant offset = 0;
    auto advance = [&](Instant seconds) {
        offset += seconds;
        std::ofstream(clock_file) << offset << "\n";
    };
    advance(0);
    auto options = test_server_options();
    options.insert(options.end(), {"--test-clock-file", clock_file.string(), "--token-ttl", "100000000"});
    TempDir dir;
    World world(options, database_url(dir));
    auto& http = *world.http;
    const Instant start = desk::now();

    std::vector<Session> unions, workers;
    for (int u = 0; u < 2; ++u)
        unions.push_back(create_and_sign_in(http, world.admin, "organizer", "union-" + std::to_string(u), world.unit(u)));
    for (int w = 0; w < 12; ++w)
        workers.push_back(create_and_sign_in(http, world.admin, "worker", "worker-" + std::to_string(w), world.unit(w % 4)));
    // Small trips, so that they fill, keep waiting lists and make offers; deadlines 2 to 6 days away,
    // departures 8 days apart (a worker may be on several).
    std::vector<std::string> groups;
    for (int g = 0; g < 5; ++g)
        groups.push_back(open_group(http, unions[static_cast<std::size_t>(g % 2)], world.route(static_cast<std::size_t>(g % 3)),
                                    2, 2 + g % 2, start + (2 + g) * 86400, 20 + 8 * g));

    std::mt19937 rng(16);  // the same sequence of requests every run
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    auto today = [&] { return day_of(desk::now() + offset); };
    int answered = 0;
    for (int step = 0; step < 120; ++step) {
        const std::string& group = groups[pick(groups.size())];
        const std::size_t w = pick(workers.size());
        const std::string path = "/api/v1/groups/" + group + "/";
        std::optional<httplib::Result> res;
        switch (pick(10)) {
            case 0:
            case 1:
            case 2: res = post(http, path + "join", workers[w], {}); break;
            case 3: res = post(http, path + "withdraw", workers[w], {}); break;
            case 4: res = post(http, path + "accept", workers[w], {}); break;
            case 5:  // a union adds one of its own workers (units 0 and 1: workers 0, 4, 8 and 1, 5, 9)
                res = post(http, path + "join", unions[w % 2], {{"worker", workers[w - w % 4 + w % 2].account}});
                break;
            case 6:
                res = post(http, path + "withdraw", unions[w % 2],
                                 {{"worker", workers[w - w % 4 + w % 2].account}, {"reason", "工作安排冲突"}});
                break;
            case 7: advance(static_cast<Instant>(3600 * (1 + pick(30)))); break;  // offers lapse, deadlines pass
            default: res = post(http, path + "join", workers[w], {}); break;
        }
        if (res && *res && (*res)->status < 300) ++answered;
        if (step == 60) {
            auto cancel = post(http, "/api/v1/groups/" + groups[4] + "/cancel", unions[0], {{"reason", "酒店停业"}});
            REQUIRE(cancel);
            INFO(cancel->body);
            CHECK(cancel->status == 200);
        }
        if (step % 20 == 19) check_tallies(world.url, today(), world.unit(1), world.route(0));
    }
    CHECK(answered > 20);
    // Every deadline passes: the scheduler locks or expires what is left, in its own writes.
    advance(8 * 86400);
    CHECK(eventually([&] {
        for (const auto& group : groups) {
            auto state = parse(http.Get("/api/v1/groups/" + group, world.admin.headers())->body)["state"];
            if (state != "locked" && state != "expired" && state != "cancelled") return false;
        }
        return true;
    }));
    const Rows final_rows = check_tallies(world.url, today(), world.unit(1), world.route(0));
    // The sequence did reach the counts it is about.
    bool confirmed = false, released = false;
    for (const auto& row : final_rows) {
        confirmed = confirmed || row.find("|locked|") != std::string::npos;
        released = released || row.find("|cancelled|") != std::string::npos;
    }
    CHECK(confirmed);
    CHECK(released);
}

TEST_CASE("stats: a database written before the tallies answers the same statistics after a restart", "[stats]") {
    TempDir dir;
    StatsWorld w(database_url(dir));
    w.server->stop();
    {
        // What a database written before the tallies had: no tally tables and no meta flag.
        auto db = open_connection(w.url);
        store::begin_write(*db);
        db->execute("DROP TABLE place_tally");
        db->execute("DROP TABLE trip_tally");
        db->execute("DROP TABLE unit_month_tally");
        db->execute("DELETE FROM meta WHERE key = 'stats_tally'");
        db->execute("DELETE FROM meta WHERE key = 'stats_unit_month'");
        store::commit(*db);
    }
    w.server->start();
    w.http = w.server->client();
    w.admin = sign_in(*w.http, "admin", "admin-password");
    check_tallies(w.url, w.today, "u-small", w.route(0).id);
    check_stats_figures(w);
}

TEST_CASE("stats: a database written before the units' monthly tally counts it once after a restart", "[stats]") {
    TempDir dir;
    StatsWorld w(database_url(dir));
    w.server->stop();
    {
        // What a database written with the other tallies but before the monthly one had.
        auto db = open_connection(w.url);
        store::begin_write(*db);
        CHECK_FALSE(db->query("SELECT unit FROM unit_month_tally").empty());  // the fixture has confirmed places
        db->execute("DROP TABLE unit_month_tally");
        db->execute("DELETE FROM meta WHERE key = 'stats_unit_month'");
        store::commit(*db);
    }
    w.server->start();
    w.http = w.server->client();
    w.admin = sign_in(*w.http, "admin", "admin-password");
    check_tallies(w.url, w.today, "u-small", w.route(0).id);
    check_stats_figures(w);
}
