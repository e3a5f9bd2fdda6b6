// Approval by the worker's own union (审批) through the real server: a join held pending, the
// union's queue, approving and declining (who may, bad input, the waiting list offered, the
// reason shown to the worker, the allowance given back), the rules' new fields, the scheduler
// lapsing an overdue decision, and a decision racing that lapse (exactly one happens; on
// PostgreSQL the decisions go to a second server process sharing the database and the clock).
// Tagged [approval]: the PostgreSQL program runs this file too.
#include "test_world.hpp"

#include "core/dates.hpp"
#include "../common/eventually.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <fstream>
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

std::string code_of_body(const std::string& text) {
    auto body = nlohmann::json::parse(text, nullptr, false);
    return body.is_object() && body.contains("code") ? body["code"].get<std::string>() : "";
}

std::string code_of(const httplib::Result& res) { return res ? code_of_body(res->body) : "(no answer)"; }

// A departure offset (days from today) such that it and 20 days later fall in one China year:
// the yearly allowance then sees both trips together, whatever today is.
int same_year_base() {
    const Day today = day_of(real_now());
    int base = 30;
    while (civil_from_day(today + base).year != civil_from_day(today + base + 20).year) base += 10;
    return base;
}

// Unit 0 organizes; unit 1's union approves its workers' places.
struct ApprovalWorld {
    explicit ApprovalWorld(std::vector<std::string> options = test_server_options()) : world(std::move(options)) {
        organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org-a", world.unit(0));
        approver = create_and_sign_in(*world.http, world.admin, "organizer", "org-b", world.unit(1));
        set_rules(1, {{"approval_required", true}});
    }

    void set_rules(std::size_t unit, const nlohmann::json& rules) {
        auto res = put(*world.http, "/api/v1/units/" + world.unit(unit) + "/rules", world.admin, rules);
        REQUIRE(res);
        REQUIRE(res->status == 200);
    }

    std::string group(int max_size, Instant deadline, int departure_in_days = 30) {
        return open_group(*world.http, organizer, world.route(), 1, max_size, deadline, departure_in_days);
    }

    Session worker(const std::string& login, std::size_t unit) {
        return create_and_sign_in(*world.http, world.admin, "worker", login, world.unit(unit));
    }

    httplib::Result join(const Session& who, const std::string& group) {
        return post(*world.http, "/api/v1/groups/" + group + "/join", who, nullptr);
    }
    httplib::Result approve(const Session& by, const std::string& group, const std::string& worker) {
        return post(*world.http, "/api/v1/groups/" + group + "/places/" + worker + "/approve", by, nullptr);
    }
    httplib::Result decline(const Session& by, const std::string& group, const std::string& worker,
                            const nlohmann::json& body) {
        return post(*world.http, "/api/v1/groups/" + group + "/places/" + worker + "/decline", by, body);
    }
    nlohmann::json queue(const Session& by) {
        auto res = world.http->Get("/api/v1/units/" + world.unit(1) + "/approvals", by.headers());
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return body_of(res);
    }
    // The worker's place as /me/trips shows it to them.
    nlohmann::json my_place(const Session& who, const std::string& group) {
        auto trips = body_of(world.http->Get("/api/v1/me/trips", who.headers()));
        for (const auto& trip : trips["trips"])
            if (trip["id"] == group) return trip["my_place"];
        return nullptr;
    }
    // A place as the secretariat sees it in the group (every worker's id).
    nlohmann::json place(const std::string& group, const std::string& worker) {
        auto trip = body_of(world.http->Get("/api/v1/groups/" + group, world.admin.headers()));
        nlohmann::json found;
        for (const auto& p : trip["places"])
            if (p["worker"] == worker) found = p;
        return found;
    }

    World world;
    Session organizer;
    Session approver;
};

}  // namespace

TEST_CASE("approval: a join is held pending, the worker's own union sees it in its queue and approves", "[approval]") {
    ApprovalWorld w;
    auto& http = *w.world.http;
    const Instant deadline = real_now() + 7 * 86400;
    const std::string group = w.group(2, deadline);
    Session b = w.worker("b1", 1);
    Session a = w.worker("a1", 0);

    auto res = w.join(b, group);
    REQUIRE(res->status == 200);
    auto answer = body_of(res);
    CHECK(answer["state"] == "pending_approval");
    const Instant due = deadline - 48 * 3600;
    CHECK(answer["decision_due"] == format_instant(due));
    CHECK(answer["counts"]["pending_approval"] == 1);
    CHECK(answer["counts"]["confirmed"] == 0);
    CHECK(answer["counts"]["places_left"] == 1);
    // A worker of a unit without approval is confirmed as before.
    res = w.join(a, group);
    REQUIRE(res->status == 200);
    CHECK(body_of(res)["state"] == "confirmed");
    CHECK(body_of(http.Get("/api/v1/groups/" + group))["state"] == "full");

    // The worker sees the state and the due time.
    auto mine = w.my_place(b, group);
    CHECK(mine["state"] == "pending_approval");
    CHECK(mine["decision_due"] == format_instant(due));

    // The queue: the unit's own union only.
    auto queue = w.queue(w.approver);
    REQUIRE(queue["approvals"].size() == 1);
    const auto& entry = queue["approvals"][0];
    CHECK(entry["group"] == group);
    CHECK(entry["worker"] == b.account);
    CHECK(entry["worker_name"] == "b1");
    CHECK(entry["route"] == w.world.route());
    CHECK(entry["route_title"] == w.world.catalogue.routes[0].title);
    CHECK(entry["decision_due"] == format_instant(due));
    CHECK(entry["price"] == w.world.catalogue.routes[0].price);
    CHECK(entry["cost_split"]["worker_share"].get<Fen>() + entry["cost_split"]["unit_share"].get<Fen>() +
              entry["cost_split"]["union_subsidy"].get<Fen>() ==
          w.world.catalogue.routes[0].price);
    CHECK(entry["left"] == nlohmann::json::object());  // no limits set
    const std::string queue_path = "/api/v1/units/" + w.world.unit(1) + "/approvals";
    CHECK(http.Get(queue_path, w.organizer.headers())->status == 403);  // another unit's union
    CHECK(http.Get(queue_path, w.world.admin.headers())->status == 403);
    CHECK(http.Get(queue_path, b.headers())->status == 403);
    CHECK(http.Get(queue_path)->status == 401);
    CHECK(http.Get("/api/v1/units/u-nobody/approvals", w.approver.headers())->status == 403);

    // Who decides: not the worker, not the secretariat, not the group's organizer (another unit).
    res = w.approve(b, group, b.account);
    CHECK(res->status == 403);
    CHECK(code_of(res) == "forbidden");
    CHECK(w.approve(w.world.admin, group, b.account)->status == 403);
    res = w.approve(w.organizer, group, b.account);
    CHECK(res->status == 403);
    CHECK(code_of(res) == "not_own_unit_worker");
    CHECK(w.place(group, b.account)["state"] == "pending_approval");
    // A worker with no place, a group that does not exist.
    CHECK(code_of(w.approve(w.approver, group, "w-nobody")) == "not_a_member_of_group");
    CHECK(w.approve(w.approver, "g-nowhere", b.account)->status == 404);
    // The union of unit 1 may not decide on unit 0's confirmed worker either.
    CHECK(code_of(w.approve(w.approver, group, a.account)) == "not_own_unit_worker");

    res = w.approve(w.approver, group, b.account);
    REQUIRE(res->status == 200);
    CHECK(body_of(res)["counts"]["confirmed"] == 2);
    CHECK_FALSE(body_of(res)["counts"].contains("pending_approval"));
    CHECK(w.my_place(b, group)["state"] == "confirmed");
    CHECK(w.queue(w.approver)["approvals"].empty());
    res = w.approve(w.approver, group, b.account);
    CHECK(res->status == 409);
    CHECK(code_of(res) == "not_pending");

    // Audited, with the place before and after.
    auto audit = body_of(http.Get("/api/v1/audit?action=place.approve", w.world.admin.headers()));
    REQUIRE(audit["entries"].size() == 1);
    CHECK(audit["entries"][0]["entity_id"] == group);
    CHECK(audit["entries"][0]["change"]["before"]["place"]["state"] == "pending_approval");
    CHECK(audit["entries"][0]["change"]["after"]["place"]["state"] == "confirmed");
}

TEST_CASE("approval: a decline needs a reason, frees the place for the waiting list and gives the allowance back",
          "[approval]") {
    ApprovalWorld w;
    w.set_rules(1, {{"approval_required", true}, {"trips_per_year", 1}});
    const Instant deadline = real_now() + 7 * 86400;
    const int base = same_year_base();
    const std::string group = w.group(1, deadline, base);
    const std::string other = w.group(5, deadline, base + 20);
    Session b = w.worker("b1", 1);
    Session a = w.worker("a1", 0);
    REQUIRE(body_of(w.join(b, group))["state"] == "pending_approval");
    auto res = w.join(a, group);
    REQUIRE(body_of(res)["state"] == "waitlisted");
    // While pending, the place uses the allowance: a second trip is refused.
    res = w.join(b, other);
    CHECK(res->status == 409);
    CHECK(code_of(res) == "allowance_trips_used");
    CHECK(w.queue(w.approver)["approvals"][0]["left"]["trips"] == 0);

    // Bad input: no body, a blank or missing reason, one too long; nothing changes.
    CHECK(w.world.http
              ->Post("/api/v1/groups/" + group + "/places/" + b.account + "/decline", w.approver.headers(), "",
                     "application/json")
              ->status == 400);
    res = w.decline(w.approver, group, b.account, {{"reason", "   "}});
    CHECK(res->status == 422);
    CHECK(code_of(res) == "reason_required");
    CHECK(code_of(w.decline(w.approver, group, b.account, nlohmann::json::object())) == "reason_required");
    std::string too_long;
    for (int i = 0; i < 501; ++i) too_long += "长";
    res = w.decline(w.approver, group, b.account, {{"reason", too_long}});
    CHECK(res->status == 422);
    CHECK(code_of(res) == "reason_too_long");
    CHECK(code_of(w.decline(w.approver, group, b.account, {{"reason", 5}})) == "wrong_type");
    CHECK(code_of(w.decline(w.organizer, group, b.account, {{"reason", "不是本单位"}})) == "not_own_unit_worker");
    CHECK(w.place(group, b.account)["state"] == "pending_approval");

    res = w.decline(w.approver, group, b.account, {{"reason", "今年名额优先一线职工"}});
    REQUIRE(res->status == 200);
    // The freed place is offered to the first waiting worker, as a withdrawal's is.
    CHECK(w.place(group, a.account)["state"] == "offered");
    auto mine = w.my_place(b, group);
    CHECK(mine["state"] == "declined");
    CHECK(mine["reason"] == "今年名额优先一线职工");
    CHECK(code_of(w.decline(w.approver, group, b.account, {{"reason", "再次"}})) == "not_pending");
    // The allowance is back: the other trip can be joined (pending again, its union decides).
    res = w.join(b, other);
    REQUIRE(res->status == 200);
    CHECK(body_of(res)["state"] == "pending_approval");

    auto audit = body_of(w.world.http->Get("/api/v1/audit?action=place.decline", w.world.admin.headers()));
    REQUIRE(audit["entries"].size() == 1);
    CHECK(audit["entries"][0]["reason"] == "今年名额优先一线职工");
}

TEST_CASE("approval: a waiting worker whose union approves takes an offered place as pending", "[approval]") {
    ApprovalWorld w;
    const std::string group = w.group(1, real_now() + 7 * 86400);
    Session a = w.worker("a1", 0);
    Session b = w.worker("b1", 1);
    REQUIRE(body_of(w.join(a, group))["state"] == "confirmed");
    REQUIRE(body_of(w.join(b, group))["state"] == "waitlisted");
    REQUIRE(post(*w.world.http, "/api/v1/groups/" + group + "/withdraw", a, nullptr)->status == 200);
    auto res = post(*w.world.http, "/api/v1/groups/" + group + "/accept", b, nullptr);
    REQUIRE(res->status == 200);
    CHECK(body_of(res)["my_place"]["state"] == "pending_approval");
    REQUIRE(w.queue(w.approver)["approvals"].size() == 1);
    CHECK(w.approve(w.approver, group, b.account)->status == 200);
    CHECK(w.my_place(b, group)["state"] == "confirmed");
}

TEST_CASE("approval: the rules take approval_required and decision_hours, checked", "[approval]") {
    ApprovalWorld w;
    const std::string path = "/api/v1/units/" + w.world.unit(1) + "/rules";
    auto res = put(*w.world.http, path, w.approver, {{"approval_required", true}, {"decision_hours", 72}});
    REQUIRE(res->status == 200);
    CHECK(body_of(res)["effective"]["decision_hours"] == 72);
    CHECK(body_of(res)["effective"]["approval_required"] == true);
    for (int bad : {0, 721}) {
        res = put(*w.world.http, path, w.approver, {{"decision_hours", bad}});
        CHECK(res->status == 422);
        CHECK(code_of(res) == "invalid_rule");
        CHECK(body_of(res)["path"] == "decision_hours");
    }
    res = put(*w.world.http, path, w.approver, {{"approval_required", "yes"}});
    CHECK(res->status == 400);
    CHECK(code_of(res) == "wrong_type");
    CHECK(body_of(res)["path"] == "approval_required");
    // The alliance's default applies to a unit that sets nothing.
    const std::string alliance = w.world.catalogue.routes[0].alliance;
    REQUIRE(put(*w.world.http, "/api/v1/alliances/" + alliance + "/rules", w.world.admin,
                {{"approval_required", true}, {"decision_hours", 24}})
                ->status == 200);
    const Instant deadline = real_now() + 7 * 86400;
    const std::string group = w.group(3, deadline);
    // Unit 0 sets nothing of its own: the alliance's (the route's, for a unit of no alliance) applies.
    auto joined = body_of(w.join(w.worker("a1", 0), group));
    CHECK(joined["state"] == "pending_approval");
    CHECK(joined["decision_due"] == format_instant(deadline - 24 * 3600));
    // Unit 1's own 72 hours win over the alliance's 24.
    auto mine = body_of(w.join(w.worker("b1", 1), group));
    CHECK(mine["state"] == "pending_approval");
    CHECK(mine["decision_due"] == format_instant(deadline - 72 * 3600));
}

TEST_CASE("approval: the scheduler lapses an overdue decision on time and offers the place", "[approval]") {
    TestClock clock;
    ApprovalWorld w(clock.options());
    w.set_rules(1, {{"approval_required", true}, {"decision_hours", 1}});
    const Instant deadline = real_now() + 3 * 86400;
    const std::string group = w.group(1, deadline);
    Session b = w.worker("b1", 1);
    Session a = w.worker("a1", 0);
    REQUIRE(body_of(w.join(b, group))["state"] == "pending_approval");
    REQUIRE(body_of(w.join(a, group))["state"] == "waitlisted");
    const Instant due = deadline - 3600;
    CHECK(w.place(group, b.account)["decision_due"] == format_instant(due));

    // Past the due time, with no request from anyone.
    clock.set(due - real_now() + 30);
    CHECK(eventually([&] { return w.place(group, b.account)["state"] != "pending_approval"; }));
    auto lapsed = w.place(group, b.account);
    CHECK(lapsed["state"] == "approval_lapsed");
    CHECK(lapsed["since"] == format_instant(due));
    auto offered = w.place(group, a.account);
    CHECK(offered["state"] == "offered");
    CHECK(offered["since"] == format_instant(due));
    // Never silently: the worker's list says so, and the union can no longer decide.
    CHECK(w.my_place(b, group)["state"] == "approval_lapsed");
    CHECK(code_of(w.approve(w.approver, group, b.account)) == "not_pending");
    CHECK(w.queue(w.approver)["approvals"].empty());
}

TEST_CASE("approval: a decision racing the scheduler's lapse of the same place: exactly one happens", "[approval]") {
    TestClock clock;
    ApprovalWorld w(clock.options());
    w.set_rules(1, {{"approval_required", true}, {"decision_hours", 1}});
    // On PostgreSQL the decisions go to a second server process on the same database and clock.
    std::unique_ptr<ServerProcess> second;
    int decision_port = w.world.server->port();
    if (w.world.url.rfind("sqlite:", 0) != 0) {
        second = std::make_unique<ServerProcess>(serve_args(w.world.url, clock.options()));
        decision_port = second->port();
    }
    const Instant deadline = real_now() + 3 * 86400;
    const Instant due = deadline - 3600;
    constexpr int kGroups = 10;
    std::vector<std::string> groups;
    std::vector<Session> workers;
    for (int i = 0; i < kGroups; ++i) {
        groups.push_back(w.group(1, deadline, 30 + 4 * i));
        workers.push_back(w.worker("b" + std::to_string(i), 1));
        REQUIRE(body_of(w.join(workers.back(), groups.back()))["state"] == "pending_approval");
    }
    // A second before the due time; then the clock passes it while the decisions are on their way.
    clock.set(due - real_now() - 1);
    std::vector<int> status(kGroups, 0);
    std::vector<std::string> bodies(kGroups);
    std::latch ready(kGroups + 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < kGroups; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", decision_port);
            client.set_read_timeout(60, 0);
            ready.arrive_and_wait();
            // Spread over the moment the clock moves.
            std::this_thread::sleep_for(std::chrono::milliseconds(40 * i));
            auto res = client.Post("/api/v1/groups/" + groups[static_cast<std::size_t>(i)] + "/places/" +
                                       workers[static_cast<std::size_t>(i)].account + "/approve",
                                   w.approver.headers(), "{}", "application/json");
            if (!res) return;
            status[static_cast<std::size_t>(i)] = res->status;
            bodies[static_cast<std::size_t>(i)] = res->body;
        });
    }
    threads.emplace_back([&] {
        ready.arrive_and_wait();
        std::this_thread::sleep_for(std::chrono::milliseconds(40 * kGroups / 2));
        clock.set(due - real_now() + 5);
    });
    for (auto& thread : threads) thread.join();
    // Let the scheduler act on whatever is left.
    CHECK(eventually([&] {
        for (int i = 0; i < kGroups; ++i)
            if (w.place(groups[static_cast<std::size_t>(i)], workers[static_cast<std::size_t>(i)].account)["state"] ==
                "pending_approval")
                return false;
        return true;
    }));
    int approved = 0, lapsed = 0;
    for (int i = 0; i < kGroups; ++i) {
        const auto place = w.place(groups[static_cast<std::size_t>(i)], workers[static_cast<std::size_t>(i)].account);
        INFO("group " << i << ": " << status[static_cast<std::size_t>(i)] << " " << bodies[static_cast<std::size_t>(i)]
                      << " / place " << place.dump());
        if (status[static_cast<std::size_t>(i)] == 200) {
            CHECK(place["state"] == "confirmed");
            ++approved;
        } else {
            CHECK(status[static_cast<std::size_t>(i)] == 409);
            CHECK(code_of_body(bodies[static_cast<std::size_t>(i)]) == "not_pending");
            CHECK(place["state"] == "approval_lapsed");
            ++lapsed;
        }
        // The worker's own list tells the same outcome.
        CHECK(w.my_place(workers[static_cast<std::size_t>(i)], groups[static_cast<std::size_t>(i)])["state"] ==
              place["state"]);
    }
    WARN("approved " << approved << ", lapsed " << lapsed);
    CHECK(approved + lapsed == kGroups);
}
