// The demo catalogue the app ships (assets/demo/catalogue.json) must decode with
// the core's own decoder and obey the core's own rules: it is what people see
// first, and what the UI and end-to-end tests run against. It is written as of a
// moment (`dates_as_of`) and moved to whenever it is loaded: its story must read the
// same at any load moment, whatever the calendar or the time of day says.
#include "core/catalogue_dates.hpp"
#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace liaoxiu;

namespace {

// The catalogue as written, dates_as_of still set.
const Catalogue& demo_as_written() {
    static const Catalogue catalogue = [] {
        std::ifstream in(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json", std::ios::binary);
        REQUIRE(in.good());
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = parse_catalogue(text.str());
        if (!parsed) FAIL(parsed.error().message_en);
        return parsed.value();
    }();
    return catalogue;
}

// Load moments chosen to stress the move: the moment written, a China-time day's first
// and last minutes (the largest drift between days and instants), years away, a leap day.
const std::vector<Instant>& load_moments() {
    static const std::vector<Instant> moments = {
        *demo_as_written().dates_as_of,
        *parse_instant("2030-03-15T00:01:00+08:00"),
        *parse_instant("2031-07-14T23:59:00+08:00"),
        *parse_instant("2028-02-29T12:00:00+08:00"),
        *parse_instant("2026-01-01T00:00:00+08:00"),
    };
    return moments;
}

Catalogue demo_loaded_at(Instant now) {
    Catalogue catalogue = demo_as_written();
    rebase_dates(catalogue, now);
    return catalogue;
}

const Catalogue& demo_catalogue() {
    static const Catalogue catalogue = demo_loaded_at(load_moments().front());
    return catalogue;
}

bool has_theme(const Route& route, const std::string& theme) {
    return std::find(route.themes.begin(), route.themes.end(), theme) != route.themes.end();
}

const Route& route_of(const Catalogue& c, const Id& id) {
    auto it = std::find_if(c.routes.begin(), c.routes.end(), [&](const Route& r) { return r.id == id; });
    REQUIRE(it != c.routes.end());
    return *it;
}

}  // namespace

TEST_CASE("demo catalogue: two alliances, Quzhou with 120+ members in all four categories", "[demo]") {
    const Catalogue& c = demo_catalogue();
    REQUIRE(c.alliances.size() == 2);
    std::map<Id, std::string> alliance_names;
    for (const Alliance& a : c.alliances) alliance_names[a.id] = a.name;
    CHECK(alliance_names["a-quzhou"] == "衢州市职工疗休养联盟");
    CHECK(alliance_names["a-henan"] == "河南省工会系统疗休养机构联盟");

    int quzhou = 0;
    std::set<Category> quzhou_categories;
    std::set<std::string> counties;
    for (const Member& m : c.members) {
        if (m.alliance != "a-quzhou") continue;
        ++quzhou;
        quzhou_categories.insert(m.category);
        counties.insert(m.county);
        CHECK((m.phone.rfind("0570-", 0) == 0 || m.city != "衢州"));
        CHECK(!m.services.empty());
        CHECK(m.status_since.has_value() == (m.status != MemberStatus::active));
    }
    CHECK(quzhou >= 120);
    CHECK(quzhou_categories.size() == 4);
    for (const char* county : {"柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县"}) CHECK(counties.count(county) == 1);

    // Some members are suspended or have left, as the secretariat's dynamic management implies.
    CHECK(std::count_if(c.members.begin(), c.members.end(),
                        [](const Member& m) { return m.status == MemberStatus::suspended; }) >= 1);
    CHECK(std::count_if(c.members.begin(), c.members.end(),
                        [](const Member& m) { return m.status == MemberStatus::exited; }) >= 1);
}

TEST_CASE("demo catalogue: Henan's five founding institutions are members", "[demo]") {
    const Catalogue& c = demo_catalogue();
    for (const char* name : {"河南省郑州市工人疗养院", "开封市工人疗养院", "河南省工人龙门疗养院", "河南省工人温泉疗养院",
                             "河南职工疗养服务有限公司"}) {
        INFO(name);
        CHECK(std::any_of(c.members.begin(), c.members.end(),
                          [&](const Member& m) { return m.name == name && m.alliance == "a-henan"; }));
    }
}

TEST_CASE("demo catalogue: 24+ routes over all seasons with the article's themes", "[demo]") {
    const Catalogue& c = demo_catalogue();
    REQUIRE(c.routes.size() >= 24);
    std::set<Season> seasons;
    for (const Route& r : c.routes) seasons.insert(r.seasons.begin(), r.seasons.end());
    CHECK(seasons.size() == 4);

    auto count_with = [&](const std::string& a, const std::string& b) {
        return std::count_if(c.routes.begin(), c.routes.end(),
                             [&](const Route& r) { return has_theme(r, a) && has_theme(r, b); });
    };
    CHECK(count_with("红色教育", "生态康养") >= 1);
    CHECK(count_with("非遗体验", "乡村休闲") >= 1);
    CHECK(count_with("中医康养", "红色研学") >= 1);

    // The Henan "一条线": health check in Zhengzhou, recuperation at Longmen, hot spring.
    const Route& line = route_of(c, "r-hn-one-line-5d");
    CHECK(has_theme(line, "一条线"));
    std::set<Id> stops;
    for (const ItineraryDay& d : line.itinerary)
        for (const Stop& s : d.stops) stops.insert(s.member.str());
    for (const char* id : {"m-hn-zz-sanatorium", "m-hn-kf-sanatorium", "m-hn-lm-sanatorium", "m-hn-wq-sanatorium"})
        CHECK(stops.count(id) == 1);
}

TEST_CASE("demo catalogue: every route passes the rules and can be booked", "[demo]") {
    const Catalogue& c = demo_catalogue();
    for (const Route& r : c.routes) {
        INFO(r.id);
        const auto problems = validate_route(r, c);
        for (const DomainError& p : problems) UNSCOPED_INFO(p.message_en);
        CHECK(problems.empty());
        CHECK(route_bookable(r, c));
        CHECK(r.days >= 2);
        CHECK(r.days <= 6);
        CHECK(r.subsidy > 0);
    }
    const auto problems = validate_catalogue(c);
    for (const DomainError& p : problems) UNSCOPED_INFO(p.message_en);
    CHECK(problems.empty());
}

TEST_CASE("demo catalogue: policies and work units", "[demo]") {
    const Catalogue& c = demo_catalogue();
    const Instant kDemoNow = load_moments().front();
    CHECK(c.policies.size() >= 8);
    for (const Policy& p : c.policies) {
        INFO(p.id);
        CHECK(!p.title.empty());
        CHECK(p.body.size() > 100);
        CHECK(!p.issuer.empty());
        CHECK(p.date <= day_of(kDemoNow));
    }
    CHECK(c.units.size() >= 8);
    std::set<std::string> cities;
    for (const Unit& u : c.units) cities.insert(u.city);
    CHECK(cities.size() >= 4);
}

TEST_CASE("demo catalogue: written as of a moment, its story holds at any load moment", "[demo]") {
    REQUIRE(demo_as_written().dates_as_of);
    for (Instant now : load_moments()) {
        const Catalogue c = demo_loaded_at(now);
        INFO("loaded at " << format_instant(now));
        CHECK_FALSE(c.dates_as_of);
        CHECK_FALSE(has_errors(validate_catalogue(c)));
        // Distances between instants are kept exactly; days move by whole China-time days.
        const Day days = day_of(now) - day_of(*demo_as_written().dates_as_of);
        for (std::size_t i = 0; i < c.groups.size(); ++i) {
            const GroupTrip& moved = c.groups[i];
            const GroupTrip& written = demo_as_written().groups[i];
            CHECK(moved.departure == written.departure + days);
            CHECK(moved.join_deadline - now == written.join_deadline - *demo_as_written().dates_as_of);
        }
    }
}

TEST_CASE("demo catalogue: group trips in every state, each consistent with its places", "[demo]") {
    for (Instant kDemoNow : load_moments()) {
        const Catalogue c = demo_loaded_at(kDemoNow);
        INFO("loaded at " << format_instant(kDemoNow));
        std::set<GroupState> states;
        for (const GroupTrip& g : c.groups) {
            INFO(g.id);
            states.insert(g.state);
            const GroupCounts counts = count_places(g);
            // The stored state is the one the rules derive for the demo's today, and the clock
            // has nothing left to do (no lapsed offer, no unsettled deadline).
            CHECK(derive_state(g, kDemoNow) == g.state);
            const GroupTrip settled = advance_clock(g, kDemoNow);
            CHECK(settled.state == g.state);
            for (std::size_t i = 0; i < g.places.size(); ++i) CHECK(settled.places[i].state == g.places[i].state);

            switch (g.state) {
                case GroupState::open:
                case GroupState::formed:
                case GroupState::full:
                    CHECK(g.join_deadline > kDemoNow + 30 * kSecondsPerDay);  // months ahead, not hours
                    CHECK(g.departure > day_of(kDemoNow));
                    break;
                case GroupState::locked:
                case GroupState::expired:
                    CHECK(g.join_deadline < kDemoNow);
                    break;
                case GroupState::cancelled:
                    CHECK(!g.cancel_reason.empty());
                    break;
            }
            if (g.state == GroupState::full) {
                CHECK(counts.places_left == 0);
                CHECK(counts.waiting >= 1);  // waiting workers, including one with an offer
            }
            if (g.state == GroupState::locked) CHECK(counts.confirmed >= g.min_size);
            if (g.state == GroupState::expired || g.state == GroupState::cancelled) {
                CHECK(counts.confirmed == 0);
                CHECK(counts.waiting == 0);
                CHECK(!g.places.empty());
            }
            if (g.state != GroupState::cancelled) CHECK(g.cancel_reason.empty());
            // The organizer's union opened the group, so its worker arrived first.
            REQUIRE(!g.places.empty());
            CHECK(g.places.front().unit == g.organizer_unit);
        }
        CHECK(states.size() == 6);

        // One full group shows a freed place on offer to the first waiting worker, still open at demo time.
        CHECK(std::any_of(c.groups.begin(), c.groups.end(), [&](const GroupTrip& g) {
            return std::any_of(g.places.begin(), g.places.end(), [&](const Place& p) {
                return p.state == PlaceState::offered && p.offer_expires && *p.offer_expires > kDemoNow;
            });
        }));

        // Pooling across units: some group has confirmed workers of three or more units.
        CHECK(std::any_of(c.groups.begin(), c.groups.end(),
                          [](const GroupTrip& g) { return count_places(g).units.size() >= 3; }));
    }
}

TEST_CASE("demo catalogue: no worker holds two overlapping trips", "[demo]") {
    const Catalogue& c = demo_catalogue();
    std::map<Id, std::vector<TripSpan>> held;
    std::map<Id, Id> unit_of_worker;
    for (const GroupTrip& g : c.groups) {
        const Route& route = route_of(c, g.route);
        for (const Place& p : g.places) {
            INFO(p.worker);
            auto [it, inserted] = unit_of_worker.emplace(p.worker, p.unit);
            CHECK(it->second == p.unit);  // a worker belongs to one unit
            if (p.state == PlaceState::confirmed || p.state == PlaceState::waitlisted || p.state == PlaceState::offered)
                held[p.worker.str()].push_back(TripSpan{g.id, g.departure, g.departure + route.days - 1});
        }
    }
    int workers_with_two_trips = 0;
    for (auto& [worker, spans] : held) {
        std::sort(spans.begin(), spans.end(), [](const TripSpan& a, const TripSpan& b) { return a.first < b.first; });
        for (std::size_t i = 1; i < spans.size(); ++i) {
            INFO(worker << " " << spans[i - 1].group << " " << spans[i].group);
            CHECK(spans[i - 1].last < spans[i].first);
        }
        if (spans.size() >= 2) ++workers_with_two_trips;
    }
    CHECK(workers_with_two_trips >= 1);  // the check above is not vacuous
}
