// Union rules (工会规则) through the real server: the alliances' and units' rules (role checks,
// bad input, the audit trail), joins refused over each limit and allowed again after a
// withdrawal or a cancellation, a union adding its worker, GET /me/allowance, own-unit groups
// and opening them to all, and two joins of one worker racing for the last trip of their
// allowance (exactly one wins; on PostgreSQL the two go to two server processes).
// Tagged [union_rules]: the PostgreSQL program runs this file too.
#include "test_world.hpp"

#include "core/dates.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <latch>
#include <thread>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant real_now() { return static_cast<Instant>(std::time(nullptr)); }

nlohmann::json body_of(const httplib::Result& res) {
    REQUIRE(res);
    return nlohmann::json::parse(res->body, nullptr, false);
}

std::string code_of(const httplib::Result& res) {
    if (!res) return "(no answer)";
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    return body.is_object() && body.contains("code") ? body["code"].get<std::string>() : "";
}

// A first departure offset (days from today) such that departures at it and up to 40 days
// later all fall in one China year: the yearly limits then see them together.
int same_year_base() {
    const Day today = day_of(real_now());
    int base = 20;
    while (civil_from_day(today + base).year != civil_from_day(today + base + 40).year) base += 10;
    return base;
}

struct RulesWorld {
    RulesWorld() {
        organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
        other_organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-b", world.unit(1));
        base = same_year_base();
        const Route& route = world.catalogue.routes.at(0);
        alliance = route.alliance;
        route_days = route.days;
        spacing = route.days + 1;
    }

    // A group on route 0 leaving `base + slot * spacing` days from now.
    std::string group(int slot, int max_size = 10) {
        return open_group(*world.http, organizer, world.route(), 1, max_size, real_now() + 7 * 86400,
                          base + slot * spacing);
    }

    Session worker(const std::string& login, std::size_t unit = 0) {
        return create_and_sign_in(*world.http, world.admin, "worker", login, world.unit(unit));
    }

    httplib::Result join(const Session& who, const std::string& group) {
        return post(*world.http, "/api/v1/groups/" + group + "/join", who, nullptr);
    }

    void set_unit_rules(const nlohmann::json& rules, std::size_t unit = 0) {
        auto res = put(*world.http, "/api/v1/units/" + world.unit(unit) + "/rules", world.admin, rules);
        REQUIRE(res);
        REQUIRE(res->status == 200);
    }

    World world;
    Session organizer;
    Session other_organizer;
    std::string alliance;
    int base = 20;
    int route_days = 1;
    int spacing = 2;
};

}  // namespace

TEST_CASE("union rules: reading and setting the alliance's and a unit's rules", "[union_rules]") {
    RulesWorld w;
    auto& http = *w.world.http;
    const std::string alliance_path = "/api/v1/alliances/" + w.alliance + "/rules";
    const std::string unit_path = "/api/v1/units/" + w.world.unit(0) + "/rules";

    auto res = http.Get(alliance_path, w.organizer.headers());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(body_of(res)["rules"] == nlohmann::json::object());
    CHECK(http.Get(alliance_path)->status == 401);

    // The alliance's defaults: the secretariat only.
    const nlohmann::json defaults = {{"trips_per_year", 2}, {"days_per_year", 7}, {"out_of_province_every_years", 3}};
    CHECK(put(http, alliance_path, w.organizer, defaults)->status == 403);
    res = put(http, alliance_path, w.world.admin, defaults);
    REQUIRE(res->status == 200);
    CHECK(body_of(res)["rules"] == defaults);

    // A unit's own: its union or the secretariat; another unit's union or a worker may not.
    const nlohmann::json own = {{"trips_per_year", 1}, {"unit_share_percent", 50}, {"cost_standard", 100000}};
    Session worker = w.worker("reader");
    CHECK(put(http, unit_path, w.other_organizer, own)->status == 403);
    CHECK(put(http, unit_path, worker, own)->status == 403);
    res = put(http, unit_path, w.organizer, own);
    REQUIRE(res->status == 200);
    auto answer = body_of(res);
    CHECK(answer["rules"] == own);
    // A unit of no alliance of its own shows no alliance rules; its effective rules are its own.
    CHECK(answer["effective"]["trips_per_year"] == 1);
    CHECK(answer["effective"]["unit_share_percent"] == 50);

    // Bad input names the field.
    res = put(http, unit_path, w.organizer, {{"trips_per_year", -1}});
    CHECK(res->status == 422);
    CHECK(code_of(res) == "invalid_rule");
    CHECK(body_of(res)["path"] == "trips_per_year");
    res = put(http, unit_path, w.organizer, {{"unit_share_percent", 101}});
    CHECK(res->status == 422);
    CHECK(body_of(res)["path"] == "unit_share_percent");
    res = put(http, unit_path, w.organizer, {{"out_of_province_every_years", 0}});
    CHECK(res->status == 422);
    res = put(http, unit_path, w.organizer, {{"days_per_year", "seven"}});
    CHECK(res->status == 400);
    CHECK(code_of(res) == "wrong_type");
    CHECK(body_of(res)["path"] == "days_per_year");
    CHECK(http.Put(unit_path, w.organizer.headers(), "[1]", "application/json")->status == 400);
    // Nothing changed by the refused ones.
    CHECK(body_of(http.Get(unit_path, w.organizer.headers()))["rules"] == own);

    CHECK(http.Get("/api/v1/units/u-nobody/rules", w.organizer.headers())->status == 404);
    CHECK(put(http, "/api/v1/alliances/a-nowhere/rules", w.world.admin, defaults)->status == 404);

    // Both writes are in the audit trail.
    res = http.Get("/api/v1/audit?action=rules", w.world.admin.headers());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->body.find("rules.alliance") != std::string::npos);
    CHECK(res->body.find("rules.unit") != std::string::npos);
}

TEST_CASE("union rules: a join over the yearly trips is refused, and allowed again after a withdrawal or a "
          "cancellation",
          "[union_rules]") {
    RulesWorld w;
    auto& http = *w.world.http;
    w.set_unit_rules({{"trips_per_year", 1}});
    Session worker = w.worker("once");
    const std::string first = w.group(0);
    const std::string second = w.group(1);
    const std::string third = w.group(2);

    REQUIRE(w.join(worker, first)->status == 200);
    auto res = w.join(worker, second);
    CHECK(res->status == 409);
    CHECK(code_of(res) == "allowance_trips_used");
    CHECK(body_of(res)["message_zh"].get<std::string>().find("次数已用完（1/1）") != std::string::npos);
    // Nothing was taken.
    CHECK(body_of(http.Get("/api/v1/groups/" + second))["counts"]["confirmed"] == 0);

    // Withdrawing gives it back.
    REQUIRE(post(http, "/api/v1/groups/" + first + "/withdraw", worker, nullptr)->status == 200);
    REQUIRE(w.join(worker, second)->status == 200);
    CHECK(code_of(w.join(worker, third)) == "allowance_trips_used");

    // So does a cancelled group.
    REQUIRE(post(http, "/api/v1/groups/" + second + "/cancel", w.organizer, {{"reason", "人数变化"}})->status == 200);
    CHECK(w.join(worker, third)->status == 200);

    // A worker of another unit (no rules there) is not limited.
    Session free = w.worker("free", 1);
    CHECK(w.join(free, first)->status == 200);
    CHECK(w.join(free, second)->status == 409);  // cancelled: group_closed
    CHECK(w.join(free, third)->status == 200);
}

TEST_CASE("union rules: the days limit, the cost standard and a union adding its worker", "[union_rules]") {
    RulesWorld w;
    auto& http = *w.world.http;
    w.set_unit_rules({{"days_per_year", w.route_days}});
    Session worker = w.worker("days");
    const std::string first = w.group(0);
    const std::string second = w.group(1);
    REQUIRE(w.join(worker, first)->status == 200);
    auto res = w.join(worker, second);
    CHECK(res->status == 409);
    CHECK(code_of(res) == "allowance_days_exceeded");

    // The union adding its own worker is held to the same allowance.
    Session added = w.worker("added");
    REQUIRE(post(http, "/api/v1/groups/" + first + "/join", w.organizer, {{"worker", added.account}})->status == 200);
    res = post(http, "/api/v1/groups/" + second + "/join", w.organizer, {{"worker", added.account}});
    CHECK(res->status == 409);
    CHECK(code_of(res) == "allowance_days_exceeded");

    // A cost standard below the price after subsidy refuses every trip on the route.
    const Route& route = w.world.catalogue.routes.at(0);
    REQUIRE(route.price > route.subsidy);
    w.set_unit_rules({{"cost_standard", route.price - route.subsidy - 1}});
    Session costly = w.worker("costly");
    res = w.join(costly, first);
    CHECK(res->status == 409);
    CHECK(code_of(res) == "over_cost_standard");
    w.set_unit_rules({{"cost_standard", route.price - route.subsidy}});
    CHECK(w.join(costly, first)->status == 200);
}

TEST_CASE("union rules: GET /me/allowance shows used, left and the cost split", "[union_rules]") {
    RulesWorld w;
    auto& http = *w.world.http;
    w.set_unit_rules({{"trips_per_year", 2}, {"days_per_year", 30}, {"unit_share_percent", 25}});
    Session worker = w.worker("counts");
    const std::string first = w.group(0);
    REQUIRE(w.join(worker, first)->status == 200);
    const int year = civil_from_day(day_of(real_now()) + w.base).year;
    auto res = http.Get("/api/v1/me/allowance?year=" + std::to_string(year) + "&route=" + w.world.route(),
                        worker.headers());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto body = body_of(res);
    CHECK(body["year"] == year);
    CHECK(body["used"]["trips"] == 1);
    CHECK(body["used"]["days"] == w.route_days);
    CHECK(body["left"]["trips"] == 1);
    CHECK(body["left"]["days"] == 30 - w.route_days);
    const Route& route = w.world.catalogue.routes.at(0);
    const auto& split = body["cost_split"];
    CHECK(split["union_subsidy"] == route.subsidy);
    CHECK(split["unit_share"].get<Fen>() == (route.price - route.subsidy) * 25 / 100);
    CHECK(split["union_subsidy"].get<Fen>() + split["unit_share"].get<Fen>() + split["worker_share"].get<Fen>() ==
          route.price);
    CHECK(body["summary_zh"].get<std::string>().find("还可参加1次") != std::string::npos);
    // Another year: nothing used there.
    body = body_of(http.Get("/api/v1/me/allowance?year=" + std::to_string(year + 5), worker.headers()));
    CHECK(body["used"]["trips"] == 0);
    CHECK_FALSE(body.contains("cost_split"));
    CHECK(http.Get("/api/v1/me/allowance?year=abc", worker.headers())->status == 400);
    CHECK(http.Get("/api/v1/me/allowance?route=r-none", worker.headers())->status == 404);
    CHECK(http.Get("/api/v1/me/allowance", w.organizer.headers())->status == 403);
}

TEST_CASE("union rules: an own-unit group refuses other units' workers until opened to all", "[union_rules]") {
    RulesWorld w;
    auto& http = *w.world.http;
    nlohmann::json request = {{"route", w.world.route()},
                              {"departure", format_day(day_of(real_now()) + w.base)},
                              {"min_size", 1},
                              {"max_size", 5},
                              {"join_deadline", format_instant(real_now() + 7 * 86400)},
                              {"visibility", "own_unit"}};
    auto res = post(http, "/api/v1/groups", w.organizer, request);
    REQUIRE(res);
    REQUIRE(res->status == 201);
    const std::string group = body_of(res)["id"];
    CHECK(body_of(http.Get("/api/v1/groups/" + group))["visibility"] == "own_unit");
    // The catalogue carries it too.
    res = http.Get("/api/v1/catalogue");
    REQUIRE(res);
    CHECK(res->body.find("\"visibility\":\"own_unit\"") != std::string::npos);

    Session outsider = w.worker("outsider", 1);
    res = w.join(outsider, group);
    CHECK(res->status == 403);
    CHECK(code_of(res) == "group_not_open_to_unit");
    CHECK(body_of(res)["message_zh"] == "该团仅限本单位职工报名");
    // Another unit's union may not add its worker either.
    res = post(http, "/api/v1/groups/" + group + "/join", w.other_organizer, {{"worker", outsider.account}});
    CHECK(code_of(res) == "group_not_open_to_unit");
    Session insider = w.worker("insider", 0);
    CHECK(w.join(insider, group)->status == 200);

    CHECK(post(http, "/api/v1/groups/" + group + "/open-to-all", w.other_organizer, nullptr)->status == 403);
    CHECK(post(http, "/api/v1/groups/" + group + "/open-to-all", outsider, nullptr)->status == 403);
    CHECK(post(http, "/api/v1/groups/g-none/open-to-all", w.organizer, nullptr)->status == 404);
    res = post(http, "/api/v1/groups/" + group + "/open-to-all", w.organizer, nullptr);
    REQUIRE(res->status == 200);
    CHECK_FALSE(body_of(res).contains("visibility"));
    CHECK_FALSE(body_of(http.Get("/api/v1/groups/" + group)).contains("visibility"));
    CHECK(w.join(outsider, group)->status == 200);

    // A cancelled group is not reopened.
    res = post(http, "/api/v1/groups", w.organizer, request);
    const std::string cancelled = body_of(res)["id"];
    REQUIRE(post(http, "/api/v1/groups/" + cancelled + "/cancel", w.organizer, {{"reason", "取消"}})->status == 200);
    res = post(http, "/api/v1/groups/" + cancelled + "/open-to-all", w.world.admin, nullptr);
    CHECK(res->status == 409);
    CHECK(code_of(res) == "group_closed");
    res = http.Get("/api/v1/audit?action=group.open_to_all", w.world.admin.headers());
    REQUIRE(res);
    CHECK(res->body.find(group) != std::string::npos);
}

TEST_CASE("union rules: two joins of one worker racing for the last trip of the allowance: exactly one wins",
          "[union_rules]") {
    RulesWorld w;
    // On PostgreSQL the two joins go to two server processes sharing the database.
    std::unique_ptr<ServerProcess> second;
    std::vector<int> ports = {w.world.server->port()};
    if (w.world.url.rfind("sqlite:", 0) != 0) {
        second = std::make_unique<ServerProcess>(serve_args(w.world.url, test_server_options()));
        ports.push_back(second->port());
    }
    w.set_unit_rules({{"trips_per_year", 1}});
    const std::string first = w.group(0, 100);
    const std::string other = w.group(1, 100);
    constexpr int kWorkers = 12;
    std::vector<Session> workers;
    for (int i = 0; i < kWorkers; ++i) workers.push_back(w.worker("racer" + std::to_string(i)));

    std::vector<int> status(2 * kWorkers, 0);
    std::vector<std::string> bodies(2 * kWorkers);
    std::latch ready(2 * kWorkers);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2 * kWorkers; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", ports[static_cast<std::size_t>(i) % ports.size()]);
            client.set_read_timeout(60, 0);
            const Session& who = workers[static_cast<std::size_t>(i / 2)];
            const std::string& group = i % 2 == 0 ? first : other;
            ready.arrive_and_wait();
            auto res = client.Post("/api/v1/groups/" + group + "/join", who.headers(), "{}", "application/json");
            if (!res) return;
            status[static_cast<std::size_t>(i)] = res->status;
            bodies[static_cast<std::size_t>(i)] = res->body;
        });
    }
    for (auto& thread : threads) thread.join();
    for (int i = 0; i < kWorkers; ++i) {
        const int a = status[static_cast<std::size_t>(2 * i)];
        const int b = status[static_cast<std::size_t>(2 * i + 1)];
        INFO("worker " << i << ": " << a << " " << bodies[static_cast<std::size_t>(2 * i)] << " / " << b << " "
                       << bodies[static_cast<std::size_t>(2 * i + 1)]);
        CHECK(((a == 200 && b == 409) || (a == 409 && b == 200)));
        const std::string& refused = a == 409 ? bodies[static_cast<std::size_t>(2 * i)]
                                              : bodies[static_cast<std::size_t>(2 * i + 1)];
        CHECK(refused.find("allowance_trips_used") != std::string::npos);
    }
    // And the stored places agree: each worker holds exactly one.
    auto& http = *w.world.http;
    const int held = body_of(http.Get("/api/v1/groups/" + first))["counts"]["confirmed"].get<int>() +
                     body_of(http.Get("/api/v1/groups/" + other))["counts"]["confirmed"].get<int>();
    CHECK(held == kWorkers);
}
