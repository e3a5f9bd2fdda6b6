// The scale generator: deterministic, the requested size, and as lawful as real data.
#include "core/generate.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

using namespace liaoxiu;

namespace {

std::string encoded(const Catalogue& c) {
    nlohmann::json j;
    to_json(j, c);
    return j.dump();
}

// Everything a generated catalogue promises, checked the way the app and endpoint would.
void check_lawful(const Catalogue& c) {
    const auto problems = validate_catalogue(c);
    for (std::size_t i = 0; i < problems.size() && i < 5; ++i) UNSCOPED_INFO(problems[i].message_en);
    CHECK(problems.empty());

    const MemberDirectory members(c);
    std::size_t unbookable = 0;
    for (const Route& r : c.routes)
        if (!route_bookable(r, members)) ++unbookable;
    CHECK(unbookable == 0);

    std::unordered_map<std::string, const Route*> routes;
    for (const Route& r : c.routes) routes.emplace(r.id, &r);
    std::set<GroupState> states;
    std::size_t inconsistent = 0;
    std::unordered_map<std::string, std::vector<TripSpan>> held;
    for (const GroupTrip& g : c.groups) {
        states.insert(g.state);
        if (derive_state(g, kScaleReferenceNow) != g.state) ++inconsistent;
        const GroupTrip settled = advance_clock(g, kScaleReferenceNow);
        for (std::size_t i = 0; i < g.places.size(); ++i)
            if (settled.places[i].state != g.places[i].state) ++inconsistent;
        const Route& route = *routes.at(g.route);
        for (const Place& p : g.places)
            if (p.state == PlaceState::confirmed || p.state == PlaceState::waitlisted || p.state == PlaceState::offered)
                held[p.worker.str()].push_back(TripSpan{g.id, g.departure, g.departure + route.days - 1});
        if (g.per_unit_cap) {
            std::map<std::string, int> per_unit;
            for (const Place& p : g.places)
                if (p.state == PlaceState::confirmed || p.state == PlaceState::waitlisted || p.state == PlaceState::offered)
                    ++per_unit[p.unit.str()];
            for (const auto& [unit, n] : per_unit) CHECK(n <= *g.per_unit_cap);
        }
    }
    CHECK(inconsistent == 0);
    if (c.groups.size() >= 6) CHECK(states.size() == 6);

    std::size_t overlaps = 0;
    std::size_t travelling_twice = 0;
    for (auto& [worker, spans] : held) {
        std::sort(spans.begin(), spans.end(), [](const TripSpan& a, const TripSpan& b) { return a.first < b.first; });
        for (std::size_t i = 1; i < spans.size(); ++i)
            if (spans[i].first <= spans[i - 1].last) ++overlaps;
        if (spans.size() >= 2) ++travelling_twice;
    }
    CHECK(overlaps == 0);
    if (c.groups.size() >= 100) CHECK(travelling_twice > 0);  // workers are reused, so the check means something
}

}  // namespace

TEST_CASE("generate: the same seed gives the same catalogue, another seed another", "[generate]") {
    const ScaleSpec spec{300, 200, 600};
    const std::string first = encoded(generate_catalogue(spec, 42));
    CHECK(first == encoded(generate_catalogue(spec, 42)));
    CHECK(first != encoded(generate_catalogue(spec, 43)));
}

namespace {

// FNV-1a over fields the generator decides (not over the JSON encoding, which is not ours).
std::uint64_t fingerprint(const Catalogue& c) {
    std::uint64_t hash = 1469598103934665603ULL;
    auto mix = [&](const std::string& text) {
        for (unsigned char ch : text) hash = (hash ^ ch) * 1099511628211ULL;
        hash = (hash ^ 0xFF) * 1099511628211ULL;
    };
    for (const Member& m : c.members) {
        mix(m.id + m.name + m.address + m.phone);
        for (const Service& s : m.services) mix(std::to_string(s.price));
    }
    for (const Route& r : c.routes) {
        mix(r.id + r.title + std::to_string(r.price) + "/" + std::to_string(r.subsidy));
        for (const ItineraryDay& d : r.itinerary)
            for (const Stop& s : d.stops) mix(s.member.str());
    }
    for (const Unit& u : c.units) mix(u.name);
    for (const GroupTrip& g : c.groups) {
        mix(g.route + g.organizer_unit + std::to_string(g.departure) + std::to_string(g.join_deadline));
        for (const Place& p : g.places) mix(p.worker.str() + p.unit.str() + std::to_string(p.seq) + std::to_string(p.since));
    }
    return hash;
}

// Computed with GCC 12 and Clang 14 natively and with Emscripten (wasm32, run in node):
// all three agree, which they did not while one statement made two draws (see generate.cpp).
constexpr std::uint64_t kPinnedFingerprint = 9746497991852286699ULL;

}  // namespace

TEST_CASE("generate: output is pinned, independent of the platform's random library", "[generate]") {
    // The generator promises the same catalogue on every platform (native, wasm), so its
    // output for one seed is pinned here. If you change the generator on purpose, update
    // the value from this test's failure message.
    const Catalogue c = generate_catalogue(ScaleSpec{20, 40, 30}, 7);
    CHECK(fingerprint(c) == kPinnedFingerprint);
}

TEST_CASE("generate: counts are as specified and every category and state appears", "[generate]") {
    const ScaleSpec spec{500, 400, 1000};
    const Catalogue c = generate_catalogue(spec, 2026);
    CHECK(c.format_version == kFormatVersion);
    CHECK(c.routes.size() == 500);
    CHECK(c.members.size() == 400);
    CHECK(c.groups.size() == 1000);
    CHECK(c.units.size() >= 8);
    CHECK(c.policies.size() >= 2 * c.alliances.size());

    std::map<Id, std::set<Category>> categories;
    for (const Member& m : c.members) categories[m.alliance].insert(m.category);
    REQUIRE(categories.size() == c.alliances.size());
    for (const auto& [alliance, set] : categories) {
        INFO(alliance);
        CHECK(set.size() == 4);
    }
    CHECK(std::any_of(c.members.begin(), c.members.end(), [](const Member& m) { return m.status != MemberStatus::active; }));
    check_lawful(c);
}

TEST_CASE("generate: names use rare characters, including ones beyond the BMP", "[generate]") {
    const Catalogue c = generate_catalogue(ScaleSpec{100, 2000, 50}, 11);
    auto any_text_contains = [&](const std::string& needle) {
        return std::any_of(c.members.begin(), c.members.end(), [&](const Member& m) {
            return m.name.find(needle) != std::string::npos || m.address.find(needle) != std::string::npos ||
                   m.county.find(needle) != std::string::npos;
        });
    };
    for (const char* rare : {"衢", "潍", "婺", "缙", "歙", "亳", "嵊", "𠮷"}) {
        INFO(rare);
        CHECK(any_text_contains(rare));
    }
    // And they survive a round trip through the catalogue's JSON.
    nlohmann::json j;
    to_json(j, c);
    auto back = decode_catalogue(j);
    REQUIRE(back.ok());
    CHECK(encoded(back.value()) == encoded(c));
}

TEST_CASE("generate: routes link several categories and stay within sane bounds", "[generate]") {
    const Catalogue c = generate_catalogue(ScaleSpec{200, 150, 10}, 5);
    std::unordered_map<std::string, const Member*> members;
    for (const Member& m : c.members) members.emplace(m.id, &m);
    std::set<Season> seasons;
    for (const Route& r : c.routes) {
        INFO(r.id);
        CHECK(r.days >= 2);
        CHECK(r.days <= 6);
        CHECK(r.subsidy <= r.price);
        CHECK(!r.title.empty());
        CHECK(!r.cities.empty());
        seasons.insert(r.seasons.begin(), r.seasons.end());
        for (const ItineraryDay& d : r.itinerary)
            for (const Stop& s : d.stops) CHECK(members.at(s.member.str())->alliance == r.alliance);
    }
    CHECK(seasons.size() == 4);
}

TEST_CASE("generate: tiny and empty specs still give a lawful catalogue", "[generate]") {
    const Catalogue tiny = generate_catalogue(ScaleSpec{3, 1, 6}, 1);
    CHECK(tiny.members.size() == 4);   // one per category: the least a valid route needs
    CHECK(tiny.routes.size() == 3);
    CHECK(tiny.groups.size() == 6);
    check_lawful(tiny);

    const Catalogue empty = generate_catalogue(ScaleSpec{0, 0, 0}, 1);
    CHECK(empty.routes.empty());
    CHECK(empty.groups.empty());
    CHECK(validate_catalogue(empty).empty());
}

TEST_CASE("generate: the full default spec is lawful", "[generate][scale]") {
    const ScaleSpec spec;
    const Catalogue c = generate_catalogue(spec, 20261129);
    CHECK(c.routes.size() == static_cast<std::size_t>(spec.routes));
    CHECK(c.members.size() == static_cast<std::size_t>(spec.members));
    CHECK(c.groups.size() == static_cast<std::size_t>(spec.groups));
    check_lawful(c);
}
