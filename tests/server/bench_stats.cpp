// The statistics over a large history (not a test): builds a SQLite database of N places
// (default 1,000,000: 50,000 trips of 20 places over three years, 3,000 work units, 2,000
// routes), then prints p50/p95 of every statistic as GET /api/v1/stats computes it, from the
// tallies kept on write, beside the old way (the same statistic counted over the places, with
// the index it had: the baseline, measured the same way in the same run, and checked to give
// the same table), and the SQL plan of each statement (EXPLAIN QUERY PLAN). Places by unit reads
// the whole months of its range from the units' monthly tally and the cut months from the units'.
//
//     build/native/tests/server/bench_stats [PLACES]
#include "../common/temp_dir.hpp"
#include "core/dates.hpp"
#include "core/generate.hpp"
#include "server/stats.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace liaoxiu;
using namespace liaoxiu::server;

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void build(Connection& db, long places, Day today) {
    ScaleSpec spec;
    spec.routes = 2000;
    spec.members = 1000;
    spec.groups = 0;
    Catalogue c = generate_catalogue(spec, 11);
    std::mt19937_64 rng(7);
    auto below = [&](std::uint64_t n) { return static_cast<std::size_t>(rng() % n); };
    c.units.clear();
    for (int u = 0; u < 3000; ++u)
        c.units.push_back(Unit{"u-" + std::to_string(u), "单位" + std::to_string(u), "衢州", 10 + (u * 37) % 900});

    store::begin_write(db);
    for (const auto& a : c.alliances) store::put(db, a);
    for (const auto& m : c.members) store::put(db, m);
    for (const auto& u : c.units) store::put(db, u);
    for (const auto& r : c.routes) store::put(db, r);
    store::commit(db);

    const long trips = std::max(1L, places / 20);
    const Instant now = china_midnight(today) + 10 * 3600;
    store::begin_write(db);
    for (long t = 0; t < trips; ++t) {
        const Route& route = c.routes[below(c.routes.size())];
        GroupTrip g;
        g.id = "g-" + std::to_string(t);
        g.route = route.id;
        g.organizer_unit = c.units[below(c.units.size())].id;
        g.departure = today - 1095 + static_cast<Day>(below(1275));
        g.min_size = 10;
        g.max_size = 25;
        g.created = china_midnight(g.departure) - 60 * kSecondsPerDay;
        g.join_deadline = china_midnight(g.departure) - 7 * kSecondsPerDay;
        const bool future = g.join_deadline > now;
        const std::size_t dice = below(100);
        g.state = future ? (dice < 50 ? GroupState::open : GroupState::full)
                         : (dice < 80 ? GroupState::locked : dice < 92 ? GroupState::expired : GroupState::cancelled);
        for (int p = 0; p < 20; ++p) {
            Place place;
            place.seq = p + 1;
            place.worker = "w-" + std::to_string(below(400000));
            place.unit = below(100) < 40 ? g.organizer_unit : c.units[below(c.units.size())].id;
            place.since = g.created + p;
            if (g.state == GroupState::expired || g.state == GroupState::cancelled) place.state = PlaceState::released;
            else if (p >= 18) place.state = g.state == GroupState::locked ? PlaceState::released : PlaceState::waitlisted;
            else if (p == 17) place.state = PlaceState::withdrawn;
            else place.state = PlaceState::confirmed;
            g.places.push_back(place);
        }
        store::save_group(db, nullptr, g, route.days, g.created);
        if (t % 5000 == 4999) {
            store::commit(db);
            store::begin_write(db);
        }
    }
    store::commit(db);
    // The index the old way read (the schema no longer keeps it): the baseline has what it had.
    db.execute("CREATE INDEX IF NOT EXISTS places_for_stats ON places (group_id, state, unit)");
    db.execute("ANALYZE");
}

}  // namespace

int main(int argc, char** argv) {
    const long places = argc > 1 ? std::atol(argv[1]) : 1000000;
    const Day today = day_of(static_cast<Instant>(std::time(nullptr)));
    testing::TempDir dir;
    const std::string url = "sqlite:" + (dir.path() / "stats.db").string();
    auto db = open_connection(url);
    store::create_schema(*db);
    auto start = std::chrono::steady_clock::now();
    build(*db, places, today);
    std::printf("built %ld places (%ld trips) in %.1f s\n", places, std::max(1L, places / 20), ms_since(start) / 1000);

    struct Case {
        const char* name;
        StatsQuery query;
    };
    auto query = [&](StatsView view, StatsBy by = StatsBy::month) {
        StatsQuery q;
        q.view = view;
        q.by = by;
        q.from = today - 365;
        q.to = today + 180;
        return q;
    };
    std::vector<Case> cases{
        {"places by month (18 months)", query(StatsView::places)},
        {"places by route", query(StatsView::places, StatsBy::route)},
        {"places by theme", query(StatsView::places, StatsBy::theme)},
        {"places by unit", query(StatsView::places, StatsBy::unit)},
        {"places by member", query(StatsView::places, StatsBy::member)},
        {"outcomes", query(StatsView::outcomes)},
        {"waiting", query(StatsView::waiting)},
        {"pooling", query(StatsView::pooling)},
        {"load", query(StatsView::load)},
    };
    StatsQuery all = query(StatsView::places);
    all.from.reset();
    all.to.reset();
    cases.push_back({"places by month (all 3.5 years)", all});
    StatsQuery units_all = query(StatsView::places, StatsBy::unit);  // whole months of the monthly tally, no cut ones
    units_all.from.reset();
    units_all.to.reset();
    cases.push_back({"places by unit (all 3.5 years)", units_all});
    StatsQuery one_unit = query(StatsView::places, StatsBy::unit);
    one_unit.unit = "u-42";
    cases.push_back({"places by unit, one unit", one_unit});
    StatsQuery unit = query(StatsView::pooling);
    unit.unit = "u-42";
    cases.push_back({"pooling, one unit (an organizer)", unit});

    // Each statistic two ways, interleaved in the same run, both with the directory kept (as
    // the endpoint keeps it): from the tallies, as the endpoint answers it, and, as the
    // baseline, counting the places.
    const int runs = 20;
    std::printf("\n%-36s %10s %10s %10s %10s %7s\n", "statistic", "p50 ms", "p95 ms", "places p50", "places p95",
                "rows");
    auto percentile = [](std::vector<double> v, int pct) {
        std::sort(v.begin(), v.end());
        return v[(v.size() * static_cast<std::size_t>(pct) + 99) / 100 - 1];
    };
    store::begin_read(*db);
    const auto cached = std::make_shared<const store::StatsDirectory>(*db, store::stats_directory_stamp(*db));
    store::commit(*db);
    for (const auto& c : cases) {
        std::vector<double> with_cache, parsing;
        std::size_t rows = 0;
        for (int i = 0; i < runs; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            store::begin_read(*db);
            if (store::stats_directory_stamp(*db) != cached->stamp) std::abort();  // nothing writes here
            auto table = store::compute_stats(*db, c.query, today, *cached);
            store::commit(*db);
            with_cache.push_back(ms_since(t0));
            rows = table.rows.size();

            t0 = std::chrono::steady_clock::now();
            store::begin_read(*db);
            if (store::stats_directory_stamp(*db) != cached->stamp) std::abort();
            auto again = store::compute_stats(*db, c.query, today, *cached, true);  // the old way
            store::commit(*db);
            parsing.push_back(ms_since(t0));
            if (encode_stats_table(again) != encode_stats_table(table)) {
                std::fprintf(stderr, "%s: the tallies and the places disagree\n", c.name);
                return 1;
            }
        }
        std::printf("%-36s %10.1f %10.1f %10.1f %10.1f %7zu\n", c.name, percentile(with_cache, 50),
                    percentile(with_cache, 95), percentile(parsing, 50), percentile(parsing, 95), rows);
    }

    std::printf("\nSQL plans (EXPLAIN QUERY PLAN):\n");
    for (const auto& c : cases) {
        for (const auto& statement : store::stats_statements(c.query, today, *cached)) {
            std::printf("\n%s:\n  %s\n", c.name, statement.sql.c_str());
            for (const auto& row : db->query("EXPLAIN QUERY PLAN " + statement.sql, statement.params))
                std::printf("    %s\n", row.text(row.size() - 1).c_str());
        }
    }
    return 0;
}
