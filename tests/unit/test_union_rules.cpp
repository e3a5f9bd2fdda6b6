// Union rules (core/union_rules.hpp): allowances, who pays, out of province, visibility.
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/union_rules.hpp"
#include "core/wire_rules.hpp"
#include "core_fixtures.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>

using namespace liaoxiu;
using namespace liaoxiu::fixtures;

namespace {

HeldTrip held(const char* group, const char* departure, int days, bool outside = false) {
    return HeldTrip{group, day(departure), days, outside};
}

Route outside_route() {
    Route r = route();
    r.id = "r-hz";
    r.region = "江西·上饶";
    return r;
}

}  // namespace

TEST_CASE("union rules: a unit's own values win field by field over the alliance's") {
    UnionRules alliance;
    alliance.allowance.trips_per_year = 1;
    alliance.allowance.days_per_year = 7;
    alliance.allowance.out_of_province_every_years = 3;
    alliance.unit_share_percent = 10;
    UnionRules unit;
    unit.allowance.trips_per_year = 2;
    unit.allowance.cost_standard = 100000;
    const UnionRules e = effective_rules(alliance, unit);
    CHECK(e.allowance.trips_per_year == 2);
    CHECK(e.allowance.days_per_year == 7);
    CHECK(e.allowance.out_of_province_every_years == 3);
    CHECK(e.allowance.cost_standard == 100000);
    CHECK(e.unit_share_percent == 10);
    CHECK(effective_rules(UnionRules{}, UnionRules{}) == UnionRules{});
}

TEST_CASE("union rules: validation names the field of a wrong value") {
    UnionRules r;
    CHECK(validate_rules(r).empty());
    r.allowance.trips_per_year = -1;
    r.allowance.out_of_province_every_years = 0;
    r.unit_share_percent = 101;
    const auto problems = validate_rules(r);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].path == "trips_per_year");
    CHECK(problems[1].path == "out_of_province_every_years");
    CHECK(problems[2].path == "unit_share_percent");
    for (const auto& p : problems) CHECK(p.code == "invalid_rule");
    r = UnionRules{};
    r.allowance.cost_standard = -5;
    r.unit_share_percent = -1;
    CHECK(validate_rules(r).size() == 2);
    r = UnionRules{};
    r.allowance.trips_per_year = 0;  // no trips at all is a rule a unit may set
    r.unit_share_percent = 100;
    CHECK(validate_rules(r).empty());
}

TEST_CASE("union rules: the cost split always sums to the price, the unit's share rounded down") {
    Route r = route();  // 1280 yuan, 600 subsidy
    UnionRules rules;
    CostSplit s = cost_split(r, rules);
    CHECK(s == CostSplit{60000, 0, 68000});
    rules.unit_share_percent = 50;
    s = cost_split(r, rules);
    CHECK(s == CostSplit{60000, 34000, 34000});
    r.price = 60001;  // 1 fen remains: the unit's half of it rounds down to 0
    s = cost_split(r, rules);
    CHECK(s == CostSplit{60000, 0, 1});
    r.price = 60333;  // 333 fen remain; a third is 111
    rules.unit_share_percent = 33;
    s = cost_split(r, rules);
    CHECK(s.unit_share == 109);  // 333 * 33 / 100 = 109.89 → 109
    CHECK(s.union_subsidy + s.unit_share + s.worker_share == r.price);
    rules.unit_share_percent = 100;
    CHECK(cost_split(r, rules).worker_share == 0);
    r.subsidy = r.price + 500;  // a subsidy above the price never makes anyone's share negative
    s = cost_split(r, rules);
    CHECK(s == CostSplit{r.price, 0, 0});

    std::mt19937 rng(17);
    for (int i = 0; i < 2000; ++i) {
        Route x = route();
        x.price = std::uniform_int_distribution<Fen>(0, 2'000'000'000'000)(rng);
        x.subsidy = std::uniform_int_distribution<Fen>(0, x.price)(rng);
        UnionRules u;
        u.unit_share_percent = std::uniform_int_distribution<int>(0, 100)(rng);
        const CostSplit c = cost_split(x, u);
        REQUIRE(c.union_subsidy + c.unit_share + c.worker_share == x.price);
        REQUIRE(c.unit_share >= 0);
        REQUIRE(c.worker_share >= 0);
        REQUIRE(c.unit_share * 100 <= (x.price - x.subsidy) * *u.unit_share_percent);
    }
}

TEST_CASE("union rules: a region's province is what comes before the middle dot") {
    CHECK(province_of("浙江·衢州") == "浙江");
    CHECK(province_of("江西·上饶·婺源") == "江西");
    CHECK(province_of("上海") == "上海");
    CHECK(province_of("") == "");
    CHECK_FALSE(held_trip(GroupTrip{}, route(), "浙江").out_of_province);
    CHECK(held_trip(GroupTrip{}, outside_route(), "浙江").out_of_province);
    CHECK_FALSE(held_trip(GroupTrip{}, outside_route(), "").out_of_province);  // unknown home: never outside
}

TEST_CASE("union rules: trips per year count held trips departing in the same China year") {
    Allowance a;
    a.trips_per_year = 1;
    const Route r = route();
    CHECK_FALSE(allowance_refused(a, {}, "g-new", r, day("2026-12-20"), "浙江"));
    const std::vector<HeldTrip> one = {held("g-1", "2026-05-01", 3)};
    auto refused = allowance_refused(a, one, "g-new", r, day("2026-12-20"), "浙江");
    REQUIRE(refused);
    CHECK(refused->code == "allowance_trips_used");
    CHECK(refused->message_zh == "2026年疗休养次数已用完（1/1）");
    CHECK(refused->message_en == "no trips left in 2026 (1 of 1 used)");
    // Next year is another allowance: the year is the departure day's, China time.
    CHECK_FALSE(allowance_refused(a, one, "g-new", r, day("2027-01-01"), "浙江"));
    // The group being joined is not counted against itself.
    CHECK_FALSE(allowance_refused(a, one, "g-1", r, day("2026-12-20"), "浙江"));
    a.trips_per_year = 0;
    CHECK(allowance_refused(a, {}, "g-new", r, day("2026-12-20"), "浙江")->message_zh ==
          "2026年疗休养次数已用完（0/0）");
}

TEST_CASE("union rules: the year boundary is China's: a Day is already a China date") {
    // 2026-12-31T20:00Z is 1 January 2027, 04:00 in China: a trip leaving then counts in 2027.
    const Day departure = day_of(at("2026-12-31T20:00:00Z"));
    CHECK(allowance_year(departure) == 2027);
    Allowance a;
    a.trips_per_year = 1;
    CHECK_FALSE(allowance_refused(a, {held("g-1", "2026-06-01", 3)}, "g-new", route(), departure, "浙江"));
    CHECK(allowance_refused(a, {held("g-1", "2027-06-01", 3)}, "g-new", route(), departure, "浙江"));
    // A trip leaving 31 December and coming back in January counts, all its days, in the year it leaves.
    const AllowanceUse use = allowance_use({held("g-ny", "2026-12-31", 3)}, 2026);
    CHECK(use.trips == 1);
    CHECK(use.days == 3);
    CHECK(allowance_use({held("g-ny", "2026-12-31", 3)}, 2027).trips == 0);
}

TEST_CASE("union rules: days per year with multi-day trips") {
    Allowance a;
    a.days_per_year = 7;
    const Route r = route();  // 3 days
    const std::vector<HeldTrip> five = {held("g-1", "2026-03-01", 2), held("g-2", "2026-06-01", 3)};
    auto refused = allowance_refused(a, five, "g-new", r, day("2026-12-20"), "浙江");
    REQUIRE(refused);
    CHECK(refused->code == "allowance_days_exceeded");
    CHECK(refused->message_zh == "2026年疗休养天数不足：已用5天，共7天，本次需3天");
    CHECK(refused->message_en == "not enough days left in 2026: 5 of 7 days used, this trip needs 3");
    const std::vector<HeldTrip> four = {held("g-1", "2026-03-01", 4)};
    CHECK_FALSE(allowance_refused(a, four, "g-new", r, day("2026-12-20"), "浙江"));  // 4 + 3 = 7: exactly fits
}

TEST_CASE("union rules: out of province once every N years, looking both ways") {
    Allowance a;
    a.out_of_province_every_years = 3;
    const Route outside = outside_route();
    const std::vector<HeldTrip> past = {held("g-1", "2025-05-01", 3, true)};
    auto refused = allowance_refused(a, past, "g-new", outside, day("2027-05-01"), "浙江");
    REQUIRE(refused);
    CHECK(refused->code == "out_of_province_too_soon");
    CHECK(refused->message_zh == "省外疗休养每3年1次：已有2025年的省外疗休养");
    CHECK_FALSE(allowance_refused(a, past, "g-new", outside, day("2028-05-01"), "浙江"));
    // A later out-of-province trip already held also counts (2027 then 2026 is too close).
    CHECK(allowance_refused(a, {held("g-9", "2027-05-01", 3, true)}, "g-new", outside, day("2026-12-20"), "浙江"));
    // An in-province trip is not limited by it, and in-province trips do not count.
    CHECK_FALSE(allowance_refused(a, past, "g-new", route(), day("2026-12-20"), "浙江"));
    CHECK_FALSE(allowance_refused(a, {held("g-1", "2026-05-01", 3, false)}, "g-new", outside, day("2026-12-20"),
                                  "浙江"));
    // The worker's province decides: for a Jiangxi worker the Zhejiang route is the outside one.
    CHECK_FALSE(allowance_refused(a, past, "g-new", outside, day("2026-12-20"), "江西"));
    a.out_of_province_every_years = 1;
    CHECK(allowance_refused(a, {held("g-1", "2026-01-05", 3, true)}, "g-new", outside, day("2026-12-20"), "浙江"));
    CHECK_FALSE(allowance_refused(a, {held("g-1", "2025-12-20", 3, true)}, "g-new", outside, day("2026-01-05"),
                                  "浙江"));
}

TEST_CASE("union rules: the cost standard is the price after subsidy") {
    Allowance a;
    a.cost_standard = 68000;  // the fixture route: 1280 - 600 = 680 yuan
    CHECK_FALSE(allowance_refused(a, {}, "g-new", route(), day("2026-12-20"), "浙江"));
    a.cost_standard = 50000;
    auto refused = allowance_refused(a, {}, "g-new", route(), day("2026-12-20"), "浙江");
    REQUIRE(refused);
    CHECK(refused->code == "over_cost_standard");
    CHECK(refused->message_zh == "本次费用超出单位标准（补贴后¥680，标准¥500）");
}

TEST_CASE("union rules: with several limits the first broken one is named") {
    Allowance a;
    a.trips_per_year = 2;
    a.days_per_year = 5;
    a.out_of_province_every_years = 3;
    a.cost_standard = 1;
    const std::vector<HeldTrip> h = {held("g-1", "2026-02-01", 3, true)};
    CHECK(allowance_refused(a, h, "g-new", outside_route(), day("2026-12-20"), "浙江")->code ==
          "allowance_days_exceeded");
    a.days_per_year = 10;
    CHECK(allowance_refused(a, h, "g-new", outside_route(), day("2026-12-20"), "浙江")->code ==
          "out_of_province_too_soon");
    CHECK(allowance_refused(a, h, "g-new", route(), day("2026-12-20"), "浙江")->code == "over_cost_standard");
    a.trips_per_year = 1;
    CHECK(allowance_refused(a, h, "g-new", route(), day("2026-12-20"), "浙江")->code == "allowance_trips_used");
}

TEST_CASE("union rules: yuan are written with thousands separators and fen only when there are some") {
    CHECK(format_yuan(0) == "¥0");
    CHECK(format_yuan(128000) == "¥1,280");
    CHECK(format_yuan(123456789) == "¥1,234,567.89");
    CHECK(format_yuan(105) == "¥1.05");
    CHECK(format_yuan(-2050) == "-¥20.50");
}

TEST_CASE("union rules: the summary a worker reads before joining") {
    UnionRules rules;
    rules.allowance.trips_per_year = 2;
    rules.allowance.out_of_province_every_years = 3;
    rules.unit_share_percent = 50;
    Route r = route();
    r.price = 248000;
    r.subsidy = 80000;
    const RulesText t = rules_summary(rules, {held("g-1", "2026-05-01", 3)}, 2026, &r, "浙江");
    CHECK(t.zh == "2026年还可参加1次（共2次）；省外每3年1次；本次自付¥840（工会补贴¥800，单位承担¥840）");
    CHECK(t.en == "1 of 2 trips left in 2026; out of province once every 3 years; you pay ¥840 (union subsidy ¥800, "
                  "your unit ¥840)");
    const RulesText none = rules_summary(UnionRules{}, {}, 2026, nullptr, "浙江");
    CHECK(none.zh.empty());
    rules.allowance.days_per_year = 7;
    const RulesText out = rules_summary(rules, {}, 2026, &r, "江西");
    CHECK(out.zh.find("还剩7天（共7天）") != std::string::npos);
    CHECK(out.zh.find("（本线路在省外）") != std::string::npos);
}

TEST_CASE("visibility: an own-unit group refuses other units' workers until opened to all") {
    const Catalogue c = catalogue();
    GroupDraft d;
    d.id = "g-own";
    d.route = "r-qz-3d";
    d.organizer_unit = "u-org";
    d.departure = day("2026-12-20");
    d.min_size = 1;
    d.max_size = 5;
    d.join_deadline = at("2026-12-15T12:00:00+08:00");
    d.visibility = Visibility::own_unit;
    auto opened = open_group(d, route(), c, now());
    REQUIRE(opened.ok());
    GroupTrip trip = opened.value();
    CHECK(trip.visibility == Visibility::own_unit);
    CHECK_FALSE(open_to_unit(trip, "u-a"));
    auto refused = join(trip, route(), Worker{"w-a", "u-a"}, {}, 1, now());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "group_not_open_to_unit");
    CHECK(refused.error().message_zh == "该团仅限本单位职工报名");
    auto own = join(trip, route(), Worker{"w-o", "u-org"}, {}, 1, now());
    REQUIRE(own.ok());
    trip = own.value().trip;
    auto all = open_to_all(trip, now());
    REQUIRE(all.ok());
    CHECK(all.value().visibility == Visibility::alliance);
    CHECK(join(all.value(), route(), Worker{"w-a", "u-a"}, {}, 2, now()).ok());
    // Closed groups are not reopened.
    auto cancelled = cancel(trip, "天气原因", now());
    REQUIRE(cancelled.ok());
    CHECK(open_to_all(cancelled.value(), now()).error().code == "group_closed");
    CHECK(open_to_all(trip, d.join_deadline).error().code == "deadline_passed");
}

TEST_CASE("visibility: JSON writes it only for an own-unit group and reads its absence as open to all") {
    GroupTrip trip;
    trip.id = "g-1";
    nlohmann::json j = trip;
    CHECK_FALSE(j.contains("visibility"));
    trip.visibility = Visibility::own_unit;
    j = trip;
    CHECK(j["visibility"] == "own_unit");
    auto back = decode<GroupTrip>(j, "");
    INFO((back.ok() ? std::string() : back.error().message_en));
    REQUIRE(back.ok());
    CHECK(back.value().visibility == Visibility::own_unit);
    j.erase("visibility");
    CHECK(decode<GroupTrip>(j, "").value().visibility == Visibility::alliance);
    j["visibility"] = "everyone";
    CHECK(decode<GroupTrip>(j, "").error().code == "bad_value");
    GroupDraft d;
    d.visibility = Visibility::own_unit;
    nlohmann::json dj = d;
    CHECK(decode<GroupDraft>(dj, "").value().visibility == Visibility::own_unit);
}

// Random joins, withdrawals, cancellations and approval decisions of a few workers on trips over
// three years, each join checked by allowance_refused first: after every step, no worker holds
// more than allowed, a place waiting for approval counted (w-3's union approves its places).
TEST_CASE("union rules: randomized sequences never leave a worker over the allowance") {
    Route inside = route();
    Route outside = outside_route();
    outside.days = 2;
    Allowance a;
    a.trips_per_year = 2;
    a.days_per_year = 5;
    a.out_of_province_every_years = 2;
    const std::vector<Worker> workers = {{"w-1", "u-org"}, {"w-2", "u-a"}, {"w-3", "u-b"}};
    std::mt19937 rng(4217);
    int pending_joins = 0, decisions = 0;
    for (int run = 0; run < 30; ++run) {
        std::vector<GroupTrip> trips;
        std::vector<const Route*> routes;
        for (int i = 0; i < 8; ++i) {
            GroupTrip t;
            t.id = "g-" + std::to_string(i);
            const bool out = i % 3 == 0;
            t.route = out ? outside.id : inside.id;
            t.organizer_unit = "u-org";
            t.departure = day("2026-12-20") + std::uniform_int_distribution<int>(0, 3 * 365)(rng);
            t.min_size = 1;
            t.max_size = 2;
            t.join_deadline = now() + 72 * 3600;
            trips.push_back(t);
            routes.push_back(out ? &outside : &inside);
        }
        std::int64_t seq = 1;
        for (int step = 0; step < 200; ++step) {
            const std::size_t ti = std::uniform_int_distribution<std::size_t>(0, trips.size() - 1)(rng);
            const Worker& w = workers[std::uniform_int_distribution<std::size_t>(0, workers.size() - 1)(rng)];
            const int action = std::uniform_int_distribution<int>(0, 9)(rng);
            auto held_by = [&](const Id& worker) {
                std::vector<HeldTrip> out;
                std::vector<TripSpan> spans;
                for (std::size_t k = 0; k < trips.size(); ++k)
                    for (const Place& p : trips[k].places)
                        if (p.worker == worker && holds_place(p.state)) {
                            out.push_back(held_trip(trips[k], *routes[k], "浙江"));
                            spans.push_back(trip_span(trips[k], *routes[k]));
                        }
                return std::pair{out, spans};
            };
            if (action < 5) {
                auto [h, spans] = held_by(w.id);
                if (!allowance_refused(a, h, trips[ti].id, *routes[ti], trips[ti].departure, "浙江")) {
                    auto r = join(trips[ti], *routes[ti], w, spans, seq++, now(), ApprovalTerms{w.unit == "u-b", 48});
                    if (r.ok()) trips[ti] = r.value().trip;
                    if (r.ok() && r.value().state == PlaceState::pending_approval) ++pending_joins;
                }
            } else if (action < 7) {
                auto r = std::uniform_int_distribution<int>(0, 1)(rng) == 0
                             ? approve_place(trips[ti], w.id, now())
                             : decline_place(trips[ti], w.id, "名额调整", now());
                if (r.ok()) trips[ti] = r.value();
                if (r.ok()) ++decisions;
            } else if (action < 9) {
                auto r = withdraw(trips[ti], w.id, now());
                if (r.ok()) trips[ti] = r.value();
            } else {
                auto r = cancel(trips[ti], "人数变化", now());
                if (r.ok()) trips[ti] = r.value();
            }
            for (const Worker& each : workers) {
                auto [h, spans] = held_by(each.id);
                std::map<int, std::pair<int, int>> per_year;
                std::vector<int> outside_years;
                for (const HeldTrip& t : h) {
                    auto& [n, d] = per_year[allowance_year(t.departure)];
                    ++n;
                    d += t.days;
                    if (t.out_of_province) outside_years.push_back(allowance_year(t.departure));
                }
                for (const auto& [year, use] : per_year) {
                    REQUIRE(use.first <= *a.trips_per_year);
                    REQUIRE(use.second <= *a.days_per_year);
                }
                for (std::size_t x = 0; x < outside_years.size(); ++x)
                    for (std::size_t y = x + 1; y < outside_years.size(); ++y)
                        REQUIRE(std::abs(outside_years[x] - outside_years[y]) >= *a.out_of_province_every_years);
            }
        }
    }
    CHECK(pending_joins > 20);  // the sequences really held places for approval
    CHECK(decisions > 10);
}

TEST_CASE("union rules: a withdrawal or a cancellation gives the trip back") {
    const Catalogue c = catalogue();
    GroupDraft d;
    d.id = "g-1";
    d.route = "r-qz-3d";
    d.organizer_unit = "u-org";
    d.departure = day("2026-12-20");
    d.max_size = 5;
    d.join_deadline = at("2026-12-15T12:00:00+08:00");
    GroupTrip trip = open_group(d, route(), c, now()).value();
    trip = join(trip, route(), Worker{"w-1", "u-a"}, {}, 1, now()).value().trip;
    Allowance a;
    a.trips_per_year = 1;
    auto held_now = [&](const GroupTrip& t) {
        std::vector<HeldTrip> h;
        for (const Place& p : t.places)
            if (p.worker == "w-1" && holds_place(p.state)) h.push_back(held_trip(t, route(), "浙江"));
        return h;
    };
    CHECK(allowance_refused(a, held_now(trip), "g-2", route(), day("2026-12-28"), "浙江"));
    CHECK_FALSE(allowance_refused(a, held_now(withdraw(trip, "w-1", now()).value()), "g-2", route(),
                                  day("2026-12-28"), "浙江"));
    CHECK_FALSE(allowance_refused(a, held_now(cancel(trip, "取消", now()).value()), "g-2", route(),
                                  day("2026-12-28"), "浙江"));
    // A group that expires at its deadline (fewer than min confirmed) releases its places too.
    GroupTrip small = trip;
    small.min_size = 3;
    CHECK_FALSE(allowance_refused(a, held_now(advance_clock(small, d.join_deadline)), "g-2", route(),
                                  day("2026-12-28"), "浙江"));
}

TEST_CASE("wire: union rules and the allowance answer survive the trip, and bad fields are named") {
    UnionRules rules;
    rules.allowance.trips_per_year = 1;
    rules.allowance.cost_standard = 5'000'000'000;  // beyond 32 bits: fen are 64-bit
    rules.unit_share_percent = 30;
    const nlohmann::json j = wire::encode_rules(rules);
    CHECK(j == nlohmann::json{{"trips_per_year", 1}, {"cost_standard", 5'000'000'000}, {"unit_share_percent", 30}});
    auto back = wire::decode_rules(j);
    REQUIRE(back.ok());
    CHECK(back.value() == rules);
    CHECK(wire::decode_rules(nlohmann::json::object()).value() == UnionRules{});
    CHECK(wire::decode_rules({{"days_per_year", nullptr}}).value() == UnionRules{});
    auto wrong = wire::decode_rules({{"days_per_year", "7"}});
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "wrong_type");
    CHECK(wrong.error().path == "days_per_year");
    CHECK(wire::decode_rules({{"trips_per_year", 1.5}}).error().code == "wrong_type");
    auto big = wire::decode_rules({{"trips_per_year", 5'000'000'000}});
    CHECK(big.error().code == "bad_value");
    CHECK(big.error().path == "trips_per_year");
    CHECK(wire::decode_rules(nlohmann::json::array()).error().code == "wrong_type");

    wire::AllowanceView view;
    view.year = 2027;
    view.rules = rules;
    view.used = AllowanceUse{2027, 1, 3, 2025};
    view.split = CostSplit{80000, 50400, 117600};
    view.summary = RulesText{"中文", "English"};
    const nlohmann::json answer = wire::encode_allowance_view(view);
    CHECK(answer["left"]["trips"] == 0);
    CHECK_FALSE(answer["left"].contains("days"));
    auto read = wire::decode_allowance_view(answer);
    REQUIRE(read.ok());
    CHECK(read.value().used == view.used);
    CHECK(read.value().split == view.split);
    CHECK(read.value().rules == rules);
    CHECK(read.value().summary.zh == "中文");
    CHECK(wire::decode_allowance_view(nlohmann::json{{"year", 2027}}).error().code == "bad_answer");
}

TEST_CASE("union rules: what the worker pays, in words, the unit's part only when it pays one") {
    CHECK(cost_split_text(CostSplit{120000, 14400, 33600}).zh == "本次自付¥336（工会补贴¥1,200，单位承担¥144）");
    CHECK(cost_split_text(CostSplit{120000, 14400, 33600}).en == "you pay ¥336 (union subsidy ¥1,200, your unit ¥144)");
    CHECK(cost_split_text(CostSplit{120000, 0, 48000}).zh == "本次自付¥480（工会补贴¥1,200）");
    CHECK(cost_split_text(CostSplit{0, 0, 50}).en == "you pay ¥0.50 (union subsidy ¥0)");
}

TEST_CASE("wire: a rules answer survives the trip, a unit's with its alliance's and the merged rules") {
    UnionRules alliance;
    alliance.allowance.trips_per_year = 3;
    alliance.approval_required = false;
    UnionRules unit;
    unit.unit_share_percent = 30;
    unit.approval_required = true;
    const wire::RulesAnswer answer{RulesScope::unit, "u-qz-juhua", unit, alliance, effective_rules(alliance, unit)};
    const nlohmann::json j = wire::encode_rules_answer(answer);
    CHECK(j["scope"] == "unit");
    CHECK(j["effective"] == nlohmann::json{{"trips_per_year", 3}, {"unit_share_percent", 30}, {"approval_required", true}});
    auto back = wire::decode_rules_answer(j);
    REQUIRE(back.ok());
    CHECK(back.value() == answer);

    const wire::RulesAnswer defaults{RulesScope::alliance, "a-quzhou", alliance, std::nullopt, std::nullopt};
    const nlohmann::json d = wire::encode_rules_answer(defaults);
    CHECK_FALSE(d.contains("alliance_rules"));
    CHECK(wire::decode_rules_answer(d).value() == defaults);

    for (const nlohmann::json& bad : {nlohmann::json::array(), nlohmann::json{{"scope", "unit"}, {"id", "u-1"}},
                                      nlohmann::json{{"scope", "city"}, {"id", "u-1"}, {"rules", nlohmann::json::object()}},
                                      nlohmann::json{{"scope", "unit"}, {"id", 7}, {"rules", nlohmann::json::object()}},
                                      nlohmann::json{{"scope", "unit"}, {"id", "u-1"}, {"rules", {{"trips_per_year", "3"}}}},
                                      nlohmann::json{{"scope", "unit"}, {"id", "u-1"}, {"rules", nlohmann::json::object()},
                                                     {"effective", 3}}}) {
        INFO(bad.dump());
        CHECK(wire::decode_rules_answer(bad).error().code == "bad_answer");
    }
}
