// Notifications (消息) through the real server: what a group's changes tell its workers and its
// union (formed, full, a place offered, cancelled with the reason), read newest first with an
// unread count, paged, marked read; who reads what (a worker their own, a union its unit's, the
// secretariat nothing, an anonymous caller 401); refusals naming the parameter; and concurrent
// joins that form and fill a group tell each fact exactly once (the four places that formed it);
// the scheduler's reminders (an offer ending, a deadline near) told on time and once. Tagged
// [notifications]: the PostgreSQL program runs this file too.
#include "test_world.hpp"

#include "../common/eventually.hpp"
#include "core/dates.hpp"
#include "core/notification.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <thread>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant real_now() { return static_cast<Instant>(std::time(nullptr)); }

nlohmann::json answer(const httplib::Result& res, int status = 200) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == status);
    return parse(res->body);
}

nlohmann::json inbox(httplib::Client& http, const Session& who, const std::string& query = {}) {
    return answer(http.Get("/api/v1/me/notifications" + query, who.headers()));
}

// "kind" per notification, newest first.
std::vector<std::string> kinds(const nlohmann::json& box) {
    std::vector<std::string> out;
    for (const auto& n : box["notifications"]) out.push_back(n["kind"]);
    return out;
}

using Kinds = std::vector<std::string>;

std::string code_of(const httplib::Result& res) {
    if (!res) return "(no answer)";
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    return body.is_object() && body.contains("code") ? body["code"].get<std::string>() : "";
}
std::string path_of(const httplib::Result& res) {
    auto body = res ? nlohmann::json::parse(res->body, nullptr, false) : nlohmann::json();
    return body.is_object() && body.contains("path") ? body["path"].get<std::string>() : "";
}

}  // namespace

TEST_CASE("notifications: forming, filling and an offer tell the right people once, read and marked read",
          "[notifications]") {
    World world;
    auto& http = *world.http;
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "n-org", world.unit(0));
    const Session other_union = create_and_sign_in(http, world.admin, "organizer", "n-org-b", world.unit(1));
    const Session w1 = create_and_sign_in(http, world.admin, "worker", "n-w1", world.unit(0));
    const Session w2 = create_and_sign_in(http, world.admin, "worker", "n-w2", world.unit(1));
    const Session w3 = create_and_sign_in(http, world.admin, "worker", "n-w3", world.unit(1));
    const std::string group = open_group(http, organizer, world.route(), 2, 2, real_now() + 7 * 86400);
    const std::string join = "/api/v1/groups/" + group + "/join";

    REQUIRE(answer(post(http, join, w1, nullptr))["state"] == "confirmed");
    CHECK(inbox(http, w1)["notifications"].empty());  // a join that leaves the group open tells nobody
    REQUIRE(answer(post(http, join, w2, nullptr))["state"] == "confirmed");   // formed and full
    REQUIRE(answer(post(http, join, w3, nullptr))["state"] == "waitlisted");

    const nlohmann::json first = inbox(http, w1);
    CHECK(kinds(first) == Kinds{"group_formed"});
    CHECK(first["unread"] == 1);
    CHECK(first["more"] == false);
    const auto& formed = first["notifications"][0];
    CHECK(formed["group"] == group);
    CHECK(formed["route"] == world.route());
    CHECK(formed["route_title"] == world.catalogue.routes.at(0).title);
    CHECK(formed["read"] == false);
    CHECK(formed["text_zh"].get<std::string>().find("已成团") != std::string::npos);
    CHECK(formed["text_en"].get<std::string>().find("the group has formed") != std::string::npos);
    CHECK(kinds(inbox(http, w2)) == Kinds{"group_formed"});
    CHECK(kinds(inbox(http, w3)).empty());  // waiting: the group forming is not their news
    // The union's: newest first.
    CHECK(kinds(inbox(http, organizer)) == Kinds{"group_full", "group_formed"});
    CHECK(inbox(http, other_union)["notifications"].empty());

    // w1 leaves: w3 is offered the place, until a time.
    REQUIRE(post(http, "/api/v1/groups/" + group + "/withdraw", w1, nullptr)->status == 200);
    const nlohmann::json offered = inbox(http, w3);
    REQUIRE(kinds(offered) == Kinds{"offer_made"});
    CHECK(offered["notifications"][0].contains("until"));
    CHECK(offered["notifications"][0]["text_zh"].get<std::string>().find("候补到名额了") != std::string::npos);
    CHECK(kinds(inbox(http, w1)) == Kinds{"group_formed"});  // leaving is not news to the one who left

    // Read up to the newest: nothing unread, each marked read; an older mark leaves newer ones.
    const std::int64_t newest = offered["notifications"][0]["id"];
    CHECK(answer(post(http, "/api/v1/me/notifications/read", w3, {{"up_to", newest - 1}}))["unread"] == 1);
    CHECK(answer(post(http, "/api/v1/me/notifications/read", w3, {{"up_to", newest}}))["unread"] == 0);
    const nlohmann::json read = inbox(http, w3);
    CHECK(read["unread"] == 0);
    CHECK(read["notifications"][0]["read"] == true);
    // A union's inbox is the unit's: any of its unions' accounts reads and marks it.
    const Session organizer_too = create_and_sign_in(http, world.admin, "organizer", "n-org-2", world.unit(0));
    const nlohmann::json unit_box = inbox(http, organizer_too);
    CHECK(unit_box["unread"] == 2);
    CHECK(answer(post(http, "/api/v1/me/notifications/read", organizer_too,
                      {{"up_to", unit_box["notifications"][0]["id"]}}))["unread"] == 0);
    CHECK(inbox(http, organizer)["unread"] == 0);
}

TEST_CASE("notifications: a cancellation tells everyone who held a place, with its reason, and pages", "[notifications]") {
    World world;
    auto& http = *world.http;
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "c-org", world.unit(0));
    const std::string group = open_group(http, organizer, world.route(), 3, 4, real_now() + 7 * 86400);
    std::vector<Session> workers;
    for (int i = 0; i < 3; ++i) {
        workers.push_back(create_and_sign_in(http, world.admin, "worker", "c-w" + std::to_string(i), world.unit(i)));
        REQUIRE(post(http, "/api/v1/groups/" + group + "/join", workers.back(), nullptr)->status == 200);
    }
    // Formed with three: then cancelled.
    const std::string reason = "景区临时封闭维护";
    REQUIRE(answer(post(http, "/api/v1/groups/" + group + "/cancel", organizer, {{"reason", reason}}))["state"] ==
            "cancelled");
    for (const Session& worker : workers) {
        const nlohmann::json box = inbox(http, worker);
        REQUIRE(kinds(box) == Kinds{"group_cancelled", "group_formed"});
        const auto& cancelled = box["notifications"][0];
        CHECK(cancelled["reason"] == reason);
        CHECK(cancelled["text_zh"].get<std::string>().find("拼团已取消，原因：" + reason) != std::string::npos);
        // Paging: one at a time, newest first; `before` goes on from there.
        const nlohmann::json page1 = inbox(http, worker, "?limit=1");
        REQUIRE(kinds(page1) == Kinds{"group_cancelled"});
        CHECK(page1["more"] == true);
        const std::int64_t last = page1["notifications"][0]["id"];
        const nlohmann::json page2 = inbox(http, worker, "?limit=1&before=" + std::to_string(last));
        CHECK(kinds(page2) == Kinds{"group_formed"});
        CHECK(page2["more"] == false);
    }
    // The union cancelled it itself: only the forming was news to it.
    CHECK(kinds(inbox(http, organizer)) == Kinds{"group_formed"});
}

TEST_CASE("notifications: who may read, and bad parameters and bodies named", "[notifications]") {
    World world;
    auto& http = *world.http;
    const Session worker = create_and_sign_in(http, world.admin, "worker", "p-w", world.unit(0));

    CHECK(http.Get("/api/v1/me/notifications")->status == 401);
    auto secretariat = http.Get("/api/v1/me/notifications", world.admin.headers());
    CHECK(secretariat->status == 403);
    CHECK(code_of(secretariat) == "forbidden");
    CHECK(post(http, "/api/v1/me/notifications/read", world.admin, {{"up_to", 1}})->status == 403);

    for (const std::string query : {"?limit=0", "?limit=101", "?limit=abc", "?limit=", "?before=0", "?before=-3",
                                    "?before=1e3"}) {
        auto res = http.Get("/api/v1/me/notifications" + query, worker.headers());
        INFO(query);
        CHECK(res->status == 400);
        CHECK(code_of(res) == "bad_value");
        CHECK(path_of(res) == query.substr(1, query.find('=') - 1));
    }
    auto missing = post(http, "/api/v1/me/notifications/read", worker, nlohmann::json::object());
    CHECK(missing->status == 400);
    CHECK(code_of(missing) == "missing_field");
    CHECK(path_of(missing) == "up_to");
    for (const nlohmann::json& bad : {nlohmann::json{{"up_to", "7"}}, nlohmann::json{{"up_to", 1.5}},
                                      nlohmann::json{{"up_to", nullptr}}}) {
        auto res = post(http, "/api/v1/me/notifications/read", worker, bad);
        INFO(bad.dump());
        CHECK(res->status == 400);
        CHECK(code_of(res) == "wrong_type");
        CHECK(path_of(res) == "up_to");
    }
    auto negative = post(http, "/api/v1/me/notifications/read", worker, {{"up_to", -1}});
    CHECK(negative->status == 400);
    CHECK(code_of(negative) == "bad_value");
    CHECK(answer(post(http, "/api/v1/me/notifications/read", worker, {{"up_to", 0}}))["unread"] == 0);
}

TEST_CASE("notifications: joins racing to form and fill a group tell each fact exactly once", "[notifications]") {
    World world;
    auto& http = *world.http;
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "r-org", world.unit(0));
    const std::string group = open_group(http, organizer, world.route(), 4, 6, real_now() + 7 * 86400);
    std::vector<Session> workers;
    for (int i = 0; i < 12; ++i)
        workers.push_back(create_and_sign_in(http, world.admin, "worker", "r-w" + std::to_string(i), world.unit(i)));
    const std::vector<JoinAnswer> answers = race_joins({world.server->port()}, workers, group);

    // The four whose places formed the group are told, once each; the two who joined it formed
    // already knew (their join's answer said so); those waiting, nothing.
    int confirmed = 0, told_formed = 0;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        REQUIRE(answers[i].status == 200);
        const Kinds told = kinds(inbox(http, workers[i]));
        if (answers[i].state == "confirmed") {
            ++confirmed;
            if (!told.empty()) {
                CHECK(told == Kinds{"group_formed"});
                ++told_formed;
            }
        } else {
            CHECK(told.empty());
        }
    }
    CHECK(confirmed == 6);
    CHECK(told_formed == 4);
    CHECK(kinds(inbox(http, organizer)) == Kinds{"group_full", "group_formed"});
}

TEST_CASE("notifications: the scheduler reminds a union of a near deadline and a worker of an ending offer, once each",
          "[notifications][reminders]") {
    TestClock clock;
    World world(clock.options());
    auto& http = *world.http;
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "r-org", world.unit(0));
    const Session w0 = create_and_sign_in(http, world.admin, "worker", "r-w0", world.unit(0));
    const Session w1 = create_and_sign_in(http, world.admin, "worker", "r-w1", world.unit(0));
    const Session w2 = create_and_sign_in(http, world.admin, "worker", "r-w2", world.unit(1));
    const Session w3 = create_and_sign_in(http, world.admin, "worker", "r-w3", world.unit(1));
    const Instant deadline = real_now() + 5 * 86400;
    // Two groups: one that forms, one left short of its minimum.
    const std::string short_group = open_group(http, organizer, world.route(), 3, 3, deadline);
    const std::string full_group = open_group(http, organizer, world.route(), 2, 2, deadline);
    const std::string join = "/api/v1/groups/" + full_group + "/join";
    REQUIRE(answer(post(http, "/api/v1/groups/" + short_group + "/join", w0, nullptr))["state"] == "confirmed");
    REQUIRE(answer(post(http, join, w1, nullptr))["state"] == "confirmed");
    REQUIRE(answer(post(http, join, w2, nullptr))["state"] == "confirmed");
    REQUIRE(answer(post(http, join, w3, nullptr))["state"] == "waitlisted");
    REQUIRE(post(http, "/api/v1/groups/" + full_group + "/withdraw", w1, nullptr)->status == 200);
    const nlohmann::json offered = inbox(http, w3)["notifications"][0];
    REQUIRE(offered["kind"] == "offer_made");
    const Instant until = *parse_instant(offered["until"].get<std::string>());

    // Two hours before the offer lapses, with no request from anyone: its worker is reminded, once.
    clock.set(until - kOfferEndingNotice - real_now() + 20);
    REQUIRE(eventually([&] { return kinds(inbox(http, w3)) == Kinds{"offer_ending", "offer_made"}; }));
    const nlohmann::json ending = inbox(http, w3)["notifications"][0];
    CHECK(ending["group"] == full_group);
    CHECK(ending["until"] == offered["until"]);
    CHECK(ending["text_zh"].get<std::string>().find("过期，请尽快确认") != std::string::npos);
    CHECK(kinds(inbox(http, w2)) == Kinds{"group_formed"});  // nobody else is reminded of it

    // A day before the deadline: the union of each group short of its minimum, once — the one that
    // never formed, and the one that fell short when w1 left and the offer to w3 lapsed.
    clock.set(deadline - kDeadlineNearNotice - real_now() + 20);
    REQUIRE(eventually([&] {
        const Kinds got = kinds(inbox(http, organizer));
        return std::count(got.begin(), got.end(), "deadline_near") == 2;
    }));
    std::map<std::string, int> near_by_group;
    const nlohmann::json union_inbox = inbox(http, organizer);
    for (const auto& n : union_inbox["notifications"])
        if (n["kind"] == "deadline_near") ++near_by_group[n["group"].get<std::string>()];
    CHECK(near_by_group == std::map<std::string, int>{{short_group, 1}, {full_group, 1}});
    // Later still (the scheduler has come round many times): nothing is told twice.
    clock.set(deadline - kDeadlineNearNotice - real_now() + 3600);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    const Kinds organizer_kinds = kinds(inbox(http, organizer));
    CHECK(std::count(organizer_kinds.begin(), organizer_kinds.end(), "deadline_near") == 2);
    const Kinds w3_kinds = kinds(inbox(http, w3));
    CHECK(std::count(w3_kinds.begin(), w3_kinds.end(), "offer_ending") == 1);
}
