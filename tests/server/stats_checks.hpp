// The statistics against a hand-computed fixture, run on SQLite (test_server_stats.cpp)
// and on PostgreSQL (test_server_postgres.cpp) alike, through GET /api/v1/stats.
//
// Four work units: u-big (500 union members, organizes), u-small (20), u-mid (100), u-none
// (no count). Two routes R0, R1 of the test catalogue. Days relative to today (T):
//   G1  R0, by u-big,   T-40, locked:   big1 ✓, small1 ✓, mid1 ✓, small2 withdrawn, none1 ✓,
//                                       mid2 released (was waiting when the list closed), cap 5
//   G2  R1, by u-small, T-100, locked:  small1 ✓, big1 ✓ (both travelled twice), small3 offer lapsed, cap 3
//   G3  R0, by u-big,   T-40, cancelled: mid3, small4 released, cap 4
//   G4  R1, by u-mid,   T-40, expired:  mid4 released, cap 6
//   G5  R0, by u-mid,   T+60, full:     mid5 ✓, big2 ✓, small5 and none2 waiting, cap 2
#pragma once

#include "server_harness.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/stats.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

namespace liaoxiu::testing {

inline Day stats_today() { return day_of(static_cast<Instant>(std::time(nullptr))); }

inline Catalogue stats_fixture(Day today) {
    Catalogue c = test_catalogue();
    c.units = {Unit{"u-big", "大单位", "衢州", 500}, Unit{"u-small", "小单位", "衢州", 20},
               Unit{"u-mid", "中单位", "江山", 100}, Unit{"u-none", "未填单位", "江山", std::nullopt}};
    const Instant now = static_cast<Instant>(std::time(nullptr));
    auto trip = [&](const char* id, std::size_t route, const char* by, Day departure, GroupState state, int min, int max,
                    std::vector<std::tuple<const char*, const char*, PlaceState>> places) {
        GroupTrip g;
        g.id = id;
        g.route = c.routes.at(route).id;
        g.organizer_unit = by;
        g.departure = departure;
        g.min_size = min;
        g.max_size = max;
        g.state = state;
        g.created = china_midnight(departure) - 90 * kSecondsPerDay;
        g.join_deadline = std::min(china_midnight(departure) - 7 * kSecondsPerDay,
                                   departure > today ? now + 30 * kSecondsPerDay : now - 30 * kSecondsPerDay);
        if (state == GroupState::cancelled) g.cancel_reason = "酒店停业";
        int seq = 0;
        for (const auto& [worker, unit, place_state] : places) {
            Place p;
            p.worker = worker;
            p.unit = unit;
            p.state = place_state;
            p.seq = ++seq;
            p.since = g.created + seq;
            g.places.push_back(p);
        }
        c.groups.push_back(g);
    };
    using S = PlaceState;
    trip("g-1", 0, "u-big", today - 40, GroupState::locked, 2, 5,
         {{"w-big1", "u-big", S::confirmed}, {"w-small1", "u-small", S::confirmed}, {"w-mid1", "u-mid", S::confirmed},
          {"w-small2", "u-small", S::withdrawn}, {"w-none1", "u-none", S::confirmed}, {"w-mid2", "u-mid", S::released}});
    trip("g-2", 1, "u-small", today - 100, GroupState::locked, 2, 3,
         {{"w-small1", "u-small", S::confirmed}, {"w-big1", "u-big", S::confirmed},
          {"w-small3", "u-small", S::offer_expired}});
    trip("g-3", 0, "u-big", today - 40, GroupState::cancelled, 2, 4,
         {{"w-mid3", "u-mid", S::released}, {"w-small4", "u-small", S::released}});
    trip("g-4", 1, "u-mid", today - 40, GroupState::expired, 3, 6, {{"w-mid4", "u-mid", S::released}});
    trip("g-5", 0, "u-mid", today + 60, GroupState::full, 1, 2,
         {{"w-mid5", "u-mid", S::confirmed}, {"w-big2", "u-big", S::confirmed}, {"w-small5", "u-small", S::waitlisted},
          {"w-none2", "u-none", S::waitlisted}});
    return c;
}

// A server over a database holding the fixture, with its secretariat signed in.
struct StatsWorld {
    explicit StatsWorld(std::string db_url = {})
        : today(stats_today()), url(db_url.empty() ? "sqlite:" + (dir.path() / "stats.db").string() : db_url) {
        catalogue = stats_fixture(today);
        auto file = dir.path() / "catalogue.json";
        std::ofstream(file) << nlohmann::json(catalogue).dump();
        REQUIRE(run_cli({"import", file.string(), "--db", url}) == 0);
        REQUIRE(run_cli({"add-account", "--db", url, "--role", "secretariat", "--login", "admin", "--name", "秘书处",
                         "--password-cost", "min"},
                        "admin-password\n") == 0);
        server = std::make_unique<ServerProcess>(serve_args(url, test_server_options()));
        http = server->client();
        admin = sign_in(*http, "admin", "admin-password");
    }

    // GET /stats?QUERY as `who`, which must answer 200, decoded by the client's decoder.
    StatsTable get(const std::string& query, const Session& who) {
        auto res = http->Get("/api/v1/stats?" + query, who.headers());
        REQUIRE(res);
        INFO(query << " → " << res->body);
        REQUIRE(res->status == 200);
        auto table = decode_stats_table(res->body);
        REQUIRE(table);
        return table.value();
    }
    StatsTable get(const std::string& query) { return get(query, admin); }

    const Route& route(std::size_t i) const { return catalogue.routes.at(i); }

    Day today;
    TempDir dir;
    std::string url;
    Catalogue catalogue;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<httplib::Client> http;
    Session admin;
};

// The values of the row `key` (all zeros when there is no such row).
inline std::vector<std::int64_t> row_values(const StatsTable& table, const std::string& key) {
    for (const auto& row : table.rows)
        if (row.key == key) return row.values;
    return std::vector<std::int64_t>(table.columns.size(), 0);
}

inline std::vector<std::string> row_keys(const StatsTable& table) {
    std::vector<std::string> keys;
    for (const auto& row : table.rows) keys.push_back(row.key);
    return keys;
}

using V = std::vector<std::int64_t>;

inline void check_stats_figures(StatsWorld& w) {
    const std::string m100 = month_key(w.today - 100), m40 = month_key(w.today - 40), p60 = month_key(w.today + 60);
    const std::string r0 = w.route(0).id, r1 = w.route(1).id;

    SECTION("places by month: confirmed on live trips, travelled on locked trips that left") {
        auto t = w.get("view=places&by=month");
        CHECK(row_keys(t) == std::vector<std::string>{m100, m40, p60});
        CHECK(row_values(t, m100) == V{2, 2});
        CHECK(row_values(t, m40) == V{4, 4});  // the withdrawn place and the cancelled trip count nothing
        CHECK(row_values(t, p60) == V{2, 0});
        CHECK(t.totals == V{8, 6});
        CHECK(t.rows.front().label == month_label(m100));
    }
    SECTION("places by route, unit, season, theme, city, member") {
        auto route = w.get("view=places&by=route");
        CHECK(row_keys(route) == std::vector<std::string>{r0, r1});
        CHECK(row_values(route, r0) == V{6, 4});
        CHECK(row_values(route, r1) == V{2, 2});
        CHECK(route.rows.front().label == w.route(0).title);

        auto unit = w.get("view=places&by=unit");
        CHECK(row_values(unit, "u-big") == V{3, 2});    // big1 travelled twice, big2 not yet
        CHECK(row_values(unit, "u-small") == V{2, 2});  // small1 travelled twice
        CHECK(row_values(unit, "u-mid") == V{2, 1});
        CHECK(row_values(unit, "u-none") == V{1, 1});
        CHECK(unit.totals == V{8, 6});

        auto season = w.get("view=places&by=season");
        std::map<std::string, V> seasons;
        for (auto [day, confirmed, travelled] : {std::tuple{w.today - 100, 2, 2}, {w.today - 40, 4, 4}, {w.today + 60, 2, 0}}) {
            auto& v = seasons.try_emplace(std::string(enum_name(season_of(day))), V{0, 0}).first->second;
            v[0] += confirmed;
            v[1] += travelled;
        }
        for (const auto& [key, values] : seasons) CHECK(row_values(season, key) == values);
        CHECK(season.totals == V{8, 6});

        // A route counts once under each of its themes and cities.
        auto per_tag = [&](const char* by, auto tags_of) {
            std::map<std::string, V> expected;
            for (auto [i, confirmed, travelled] : {std::tuple{0, 6, 4}, {1, 2, 2}}) {
                for (const auto& tag : tags_of(w.route(static_cast<std::size_t>(i)))) {
                    auto& v = expected.try_emplace(tag, V{0, 0}).first->second;
                    v[0] += confirmed;
                    v[1] += travelled;
                }
            }
            auto t = w.get(std::string("view=places&by=") + by);
            CHECK(t.rows.size() == expected.size());
            for (const auto& [key, values] : expected) CHECK(row_values(t, key) == values);
        };
        per_tag("theme", [](const Route& r) { return r.themes; });
        per_tag("city", [](const Route& r) { return r.cities; });
        per_tag("member", [&](const Route& r) {
            std::vector<std::string> members;
            for (const auto& day : r.itinerary)
                for (const auto& stop : day.stops)
                    if (std::find(members.begin(), members.end(), std::string(stop.member)) == members.end())
                        members.push_back(std::string(stop.member));
            return members;
        });
    }
    SECTION("group outcomes and fill rate") {
        auto t = w.get("view=outcomes");
        REQUIRE(t.columns.size() == 10);
        //                       open formed full locked expired cancelled groups capacity confirmed fill‰
        CHECK(row_values(t, m100) == V{0, 0, 0, 1, 0, 0, 1, 3, 2, 667});
        CHECK(row_values(t, m40) == V{0, 0, 0, 1, 1, 1, 3, 11, 4, 364});  // the cancelled trip's 4 places left out
        CHECK(row_values(t, p60) == V{0, 0, 1, 0, 0, 0, 1, 2, 2, 1000});
        CHECK(t.totals == V{0, 0, 1, 2, 1, 1, 5, 16, 8, 500});
    }
    SECTION("waiting-list demand per route") {
        auto t = w.get("view=waiting");
        //                      demand waiting missed wishes (none in the fixture: test_server_wishes.cpp)
        CHECK(row_values(t, r0) == V{3, 2, 1, 0});  // two still waiting on G5, one left waiting when G1 closed
        CHECK(row_values(t, r1) == V{1, 0, 1, 0});  // an offer that lapsed; the expired trip's release is no waiting list
        CHECK(t.totals == V{4, 2, 2, 0});
    }
    SECTION("cross-unit pooling and small units") {
        auto t = w.get("view=pooling");
        //                       places cross small cross‰ small‰
        CHECK(row_values(t, m100) == V{2, 1, 0, 500, 0});
        CHECK(row_values(t, m40) == V{4, 3, 1, 750, 250});
        CHECK(row_values(t, p60) == V{2, 1, 0, 500, 0});
        CHECK(t.totals == V{8, 5, 1, 625, 125});
        // The threshold is a setting: at 101 the unit of 100 is small too; a unit without a count never is.
        auto wider = w.get("view=pooling&small_below=101");
        CHECK(row_values(wider, m40) == V{4, 3, 2, 750, 500});
        CHECK(wider.query.small_below == 101);
    }
    SECTION("load per member unit per month") {
        auto t = w.get("view=load");
        std::map<std::string, std::map<std::string, std::int64_t>> expected;  // member → month → workers
        for (auto [i, month, count] : {std::tuple{0, m40, 4}, {0, p60, 2}, {1, m100, 2}}) {
            std::set<std::string> seen;
            for (const auto& day : w.route(static_cast<std::size_t>(i)).itinerary)
                for (const auto& stop : day.stops)
                    if (seen.insert(std::string(stop.member)).second) expected[std::string(stop.member)][month] += count;
        }
        REQUIRE(t.columns.size() == expected.size());
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const auto& member = expected.at(t.columns[c].key);
            std::int64_t total = 0;
            for (const auto& [month, count] : member) {
                CHECK(row_values(t, month).at(c) == count);
                total += count;
            }
            CHECK(t.totals.at(c) == total);
        }
    }
    SECTION("an empty range: rows of zeros, totals zero") {
        const std::string day = format_day(w.today - 10);
        auto t = w.get("view=places&by=month&from=" + day + "&to=" + day);
        CHECK(row_keys(t) == std::vector<std::string>{month_key(w.today - 10)});
        CHECK(t.totals == V{0, 0});
        auto waiting = w.get("view=waiting&from=" + day + "&to=" + day);
        CHECK(waiting.rows.empty());
        CHECK(waiting.totals == V{0, 0, 0, 0});
    }
    SECTION("a range fills every month in it and cuts what is outside") {
        auto t = w.get("view=places&by=month&from=" + format_day(w.today - 45) + "&to=" + format_day(w.today + 90));
        CHECK(row_keys(t).front() == m40);
        CHECK(row_values(t, m100) == V{0, 0});
        CHECK(t.totals == V{6, 4});
        CHECK(t.rows.size() >= 5);  // every month from T-45 to T+90, with or without trips
    }
    SECTION("filters: route, unit, city, category, alliance") {
        CHECK(w.get("view=places&by=month&route=" + r1).totals == V{2, 2});
        CHECK(w.get("view=places&by=month&unit=u-small").totals == V{2, 2});
        CHECK(w.get("view=outcomes&unit=u-small").totals == V{0, 0, 0, 1, 0, 0, 1, 3, 2, 667});  // the trips it opened
        CHECK(w.get("view=places&by=month&city=%E6%97%A0%E6%AD%A4%E5%9F%8E").totals == V{0, 0});  // 无此城
        const std::string city = w.route(1).cities.front();
        const bool r0_there = std::count(w.route(0).cities.begin(), w.route(0).cities.end(), city) > 0;
        const std::string escaped = [&] {
            std::string out;
            for (unsigned char ch : city) {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", ch);
                out += hex;
            }
            return out;
        }();
        CHECK(w.get("view=places&by=month&city=" + escaped).totals == (r0_there ? V{8, 6} : V{2, 2}));
        CHECK(w.get("view=places&by=month&alliance=" + w.route(0).alliance).totals.at(0) >= 6);
        CHECK(w.get("view=places&by=month&alliance=a-nowhere").totals == V{0, 0});
        // A route passes a category when one of its member units is of it.
        for (Category category : {Category::reception, Category::experience, Category::wellness, Category::support}) {
            V expected{0, 0};
            for (auto [i, confirmed, travelled] : {std::tuple{0, 6, 4}, {1, 2, 2}}) {
                bool has = false;
                for (const auto& day : w.route(static_cast<std::size_t>(i)).itinerary)
                    for (const auto& stop : day.stops)
                        for (const auto& m : w.catalogue.members)
                            if (m.id == std::string(stop.member) && m.category == category) has = true;
                if (has) {
                    expected[0] += confirmed;
                    expected[1] += travelled;
                }
            }
            CHECK(w.get("view=places&by=month&category=" + std::string(enum_name(category))).totals == expected);
        }
    }
}

}  // namespace liaoxiu::testing
