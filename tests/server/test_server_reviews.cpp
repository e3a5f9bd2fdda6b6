// Service reviews (服务评价) through the real server on SQLite: a trip is joined, its deadline
// and its last day pass on the server's clock (--test-clock-file), then its travellers rate its
// members. Role checks on every route, the rules (only after the trip, only travellers, once,
// the edit window), comments of 500 and 501 characters, hidden comments, standing marks and
// their audit entries.
#include "test_world.hpp"

#include "core/dates.hpp"
#include "core/review.hpp"
#include "core/wire_reviews.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <fstream>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant real_now() { return static_cast<Instant>(std::time(nullptr)); }

nlohmann::json review_body(int a, int b, int c, const std::string& comment = {}) {
    return {{"scores", {{"etiquette", a}, {"process", b}, {"problem_handling", c}}}, {"comment", comment}};
}

std::string code_of(const httplib::Result& res) {
    if (!res) return "(no answer)";
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    return body.is_object() && body.contains("code") ? body["code"].get<std::string>() : "";
}

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

// A world whose server clock the test moves, with one trip on route 0 joined by five workers
// and a sixth who withdrew.
struct ReviewWorld {
    ReviewWorld() : clock_file(clock_dir.path() / "offset") {
        set_offset(0);
        auto options = test_server_options();
        options.insert(options.end(), {"--test-clock-file", clock_file.string(), "--token-ttl", "100000000"});
        world = std::make_unique<World>(options);
        organizer = create_and_sign_in(*world->http, world->admin, "organizer", "org", world->unit(0));
        for (int i = 0; i < 6; ++i)
            travellers.push_back(
                create_and_sign_in(*world->http, world->admin, "worker", "w" + std::to_string(i), world->unit(0)));
        const Route& route = world->catalogue.routes.at(0);
        members = trip_members(route);
        group = open_group(*world->http, organizer, route.id, 1, 10, real_now() + 3600, kDepartureInDays);
        for (const Session& worker : travellers)
            REQUIRE(post(*world->http, "/api/v1/groups/" + group + "/join", worker, {})->status == 200);
        REQUIRE(post(*world->http, "/api/v1/groups/" + group + "/withdraw", travellers[5], {})->status == 200);
        // The trip's last day: departure + days - 1 (China calendar).
        last = day_of(real_now()) + kDepartureInDays + route.days - 1;
    }

    void set_offset(Instant seconds) { std::ofstream(clock_file) << seconds << "\n"; }
    // The server's clock at `time` China time on `day`.
    void set_clock(Day day, int hour) { set_offset(china_midnight(day) + hour * 3600 - real_now()); }

    std::string path(const std::string& member) const { return "/api/v1/groups/" + group + "/reviews/" + member; }

    static constexpr int kDepartureInDays = 20;
    TempDir clock_dir;
    std::filesystem::path clock_file;
    std::unique_ptr<World> world;
    Session organizer;
    std::vector<Session> travellers;
    std::vector<Id> members;
    std::string group;
    Day last = 0;
};

}  // namespace

TEST_CASE("reviews: only travellers, only after the trip, once, within the edit window", "[reviews]") {
    ReviewWorld w;
    auto& http = *w.world->http;
    REQUIRE(w.members.size() >= 2);
    const std::string m0 = w.members[0], m1 = w.members[1];

    // The last day of the trip, 23:00 China time: not over yet.
    w.set_clock(w.last, 23);
    CHECK(code_of(put(http, w.path(m0), w.travellers[0], review_body(5, 5, 5))) == "trip_not_over");
    // Nothing due before the trip is over.
    auto early = http.Get("/api/v1/me/reviews", w.travellers[0].headers());
    REQUIRE(early->status == 200);
    CHECK(nlohmann::json::parse(early->body)["due"].empty());

    // The next China day, one in the morning.
    w.set_clock(w.last + 1, 1);
    auto due = wire::decode_my_reviews(http.Get("/api/v1/me/reviews", w.travellers[0].headers())->body);
    REQUIRE(due.ok());
    CHECK(due.value().due.size() == w.members.size());
    CHECK(due.value().due[0].group == w.group);
    CHECK(due.value().due[0].last_day == w.last);
    CHECK_FALSE(due.value().due[0].member_name.empty());

    auto first = put(http, w.path(m0), w.travellers[0], review_body(4, 3, 2, "  服务周到  "));
    REQUIRE(first->status == 201);
    auto written = wire::decode_review(nlohmann::json::parse(first->body));
    REQUIRE(written.ok());
    CHECK(written.value().comment == "服务周到");
    CHECK(written.value().worker == w.travellers[0].account);
    // Once: a second PUT edits the same review.
    auto again = put(http, w.path(m0), w.travellers[0], review_body(5, 5, 5, "改一下"));
    REQUIRE(again->status == 200);
    auto edited = wire::decode_review(nlohmann::json::parse(again->body)).value();
    CHECK(edited.id == written.value().id);
    CHECK(edited.scores.stars == std::array<int, 3>{5, 5, 5});
    auto mine = wire::decode_my_reviews(http.Get("/api/v1/me/reviews", w.travellers[0].headers())->body).value();
    CHECK(mine.reviews.size() == 1);
    CHECK(mine.due.size() == w.members.size() - 1);

    // Not travellers: the worker who withdrew, anyone else's role, signed out.
    CHECK(code_of(put(http, w.path(m0), w.travellers[5], review_body(1, 1, 1))) == "review_not_travelled");
    CHECK(put(http, w.path(m0), w.travellers[5], review_body(1, 1, 1))->status == 403);
    CHECK(put(http, w.path(m0), w.organizer, review_body(1, 1, 1))->status == 403);
    CHECK(put(http, w.path(m0), w.world->admin, review_body(1, 1, 1))->status == 403);
    CHECK(http.Put(w.path(m0), review_body(1, 1, 1).dump(), "application/json")->status == 401);
    CHECK(http.Get("/api/v1/me/reviews")->status == 401);
    CHECK(http.Get("/api/v1/me/reviews", w.organizer.headers())->status == 403);
    // A member the trip never visited, a group that does not exist.
    CHECK(code_of(put(http, w.path("m-not-on-route"), w.travellers[0], review_body(3, 3, 3))) == "member_not_on_trip");
    CHECK(put(http, "/api/v1/groups/g-none/reviews/" + m0, w.travellers[0], review_body(3, 3, 3))->status == 404);

    // Stars and comments.
    auto zero = put(http, w.path(m1), w.travellers[0], review_body(0, 3, 3));
    CHECK(zero->status == 400);
    CHECK(nlohmann::json::parse(zero->body)["path"] == "scores.etiquette");
    CHECK(put(http, w.path(m1), w.travellers[0], review_body(3, 6, 3))->status == 400);
    CHECK(put(http, w.path(m1), w.travellers[0], {{"comment", "x"}})->status == 400);
    const std::string long_ok = repeat("很", 498) + "👍🏽";  // 498 + 2 code points
    auto too_long = put(http, w.path(m1), w.travellers[0], review_body(3, 3, 3, long_ok + "!"));
    CHECK(too_long->status == 400);
    CHECK(nlohmann::json::parse(too_long->body)["path"] == "comment");
    CHECK(code_of(put(http, w.path(m1), w.travellers[0], review_body(3, 3, 3, "a\tb"))) == "bad_value");
    auto accepted = put(http, w.path(m1), w.travellers[0], review_body(3, 3, 3, long_ok));
    REQUIRE(accepted->status == 201);
    CHECK(nlohmann::json::parse(accepted->body)["comment"] == long_ok);

    // Fourteen days after it was first written, the review can no longer be edited.
    w.set_clock(w.last + 1 + 14, 0);  // still within 14 × 24 h of 01:00 the day after the trip
    CHECK(put(http, w.path(m0), w.travellers[0], review_body(4, 4, 4))->status == 200);
    w.set_clock(w.last + 1 + 14, 2);
    CHECK(code_of(put(http, w.path(m0), w.travellers[0], review_body(4, 4, 4))) == "review_edit_closed");
    // A new review of another member is still possible.
    CHECK(put(http, w.path(w.members.back()), w.travellers[1], review_body(4, 4, 4))->status == 201);
}

TEST_CASE("reviews: the member page, hidden comments, scores and standing marks, audited", "[reviews]") {
    ReviewWorld w;
    auto& http = *w.world->http;
    const std::string m0 = w.members[0];
    w.set_clock(w.last + 2, 10);
    const Session& admin = w.world->admin;
    auto page = [&] {
        auto res = http.Get("/api/v1/members/" + m0 + "/reviews");  // signed out
        REQUIRE(res->status == 200);
        auto decoded = wire::decode_member_reviews(res->body);
        REQUIRE(decoded.ok());
        return decoded.value();
    };

    std::vector<std::string> ids;
    for (int i = 0; i < 4; ++i) {
        auto res = put(http, w.path(m0), w.travellers[static_cast<std::size_t>(i)],
                       review_body(i + 1, 5, 3, i == 0 ? "前台态度恶劣的那个人叫……" : "第" + std::to_string(i) + "条"));
        REQUIRE(res->status == 201);
        ids.push_back(nlohmann::json::parse(res->body)["id"]);
    }
    // Four reviews: no averages yet.
    CHECK(page().count == 4);
    CHECK_FALSE(page().averages);
    REQUIRE(put(http, w.path(m0), w.travellers[4], review_body(5, 5, 5))->status == 201);  // no comment
    auto five = page();
    CHECK(five.count == 5);
    REQUIRE(five.averages);
    CHECK((*five.averages)[0] == Approx(3.0));  // (1+2+3+4+5)/5
    CHECK((*five.averages)[2] == Approx(3.4));  // (3·4+5)/5
    CHECK(five.total_comments == 4);
    REQUIRE(five.comments.size() == 4);
    for (const Review& comment : five.comments) CHECK(comment.worker.empty());
    auto raw = nlohmann::json::parse(http.Get("/api/v1/members/" + m0 + "/reviews?limit=2&offset=1")->body);
    CHECK(raw["comments"].size() == 2);
    CHECK_FALSE(raw["comments"][0].contains("worker"));
    CHECK(http.Get("/api/v1/members/m-none/reviews")->status == 404);

    // Hiding: the secretariat only, with a reason; the stars still count.
    const std::string hide = "/api/v1/reviews/" + ids[0] + "/hide";
    CHECK(post(http, hide, w.organizer, {{"reason", "x"}})->status == 403);
    CHECK(post(http, hide, w.travellers[1], {{"reason", "x"}})->status == 403);
    CHECK(code_of(post(http, hide, admin, {{"reason", "  "}})) == "reason_required");
    auto hidden = post(http, hide, admin, {{"reason", "涉及对个人的评价"}});
    REQUIRE(hidden->status == 200);
    CHECK(nlohmann::json::parse(hidden->body)["hidden"] == true);
    auto after = page();
    CHECK(after.count == 5);
    CHECK(after.averages == five.averages);
    CHECK(after.total_comments == 3);
    for (const Review& comment : after.comments) CHECK(comment.id != ids[0]);
    // The author still sees their own review, marked hidden.
    auto own = wire::decode_my_reviews(http.Get("/api/v1/me/reviews", w.travellers[0].headers())->body).value();
    REQUIRE(own.reviews.size() == 1);
    CHECK(own.reviews[0].hidden);

    // Scores: the secretariat only.
    CHECK(http.Get("/api/v1/reviews/scores")->status == 401);
    CHECK(http.Get("/api/v1/reviews/scores", w.organizer.headers())->status == 403);
    CHECK(http.Get("/api/v1/reviews/scores", w.travellers[0].headers())->status == 403);
    CHECK(http.Get("/api/v1/reviews/scores?from=2026-13-01", admin.headers())->status == 400);
    auto scores = wire::decode_review_scores_answer(http.Get("/api/v1/reviews/scores", admin.headers())->body);
    REQUIRE(scores.ok());
    REQUIRE(scores.value().members.size() == 1);
    const auto& row = scores.value().members[0];
    CHECK(row.member == m0);
    CHECK(row.count == 5);
    CHECK(row.averages == five.averages);
    REQUIRE(row.months.size() == 1);
    CHECK(row.months[0].count == 5);
    const Day today = w.last + 2;
    const std::string later = format_day(today + 1);
    CHECK(wire::decode_review_scores_answer(
              http.Get("/api/v1/reviews/scores?from=" + later, admin.headers())->body).value().members.empty());
    CHECK(wire::decode_review_scores_answer(
              http.Get("/api/v1/reviews/scores?alliance=a-none", admin.headers())->body).value().members.empty());

    // Standing marks: rectification needs a note and a follow-up day; only exemplary shows on the page.
    const std::string standing = "/api/v1/members/" + m0 + "/standing";
    CHECK(post(http, standing, w.organizer, {{"standing", "exemplary"}})->status == 403);
    CHECK(code_of(post(http, standing, admin, {{"standing", "rectification"}, {"follow_up", later}})) == "missing_value");
    CHECK(code_of(post(http, standing, admin, {{"standing", "rectification"}, {"note", "整改"}})) == "missing_value");
    CHECK(code_of(post(http, standing, admin, {{"standing", "praise"}})) == "bad_value");
    auto marked = post(http, standing, admin, {{"standing", "rectification"}, {"note", "接待礼仪须整改"}, {"follow_up", later}});
    REQUIRE(marked->status == 200);
    CHECK(page().standing == MemberStanding::none);
    auto with_mark = wire::decode_review_scores_answer(http.Get("/api/v1/reviews/scores", admin.headers())->body).value();
    REQUIRE(with_mark.members[0].standing);
    CHECK(with_mark.members[0].standing->standing == MemberStanding::rectification);
    CHECK(with_mark.members[0].standing->follow_up == today + 1);
    REQUIRE(post(http, standing, admin, {{"standing", "exemplary"}, {"note", "树为典型"}})->status == 200);
    CHECK(page().standing == MemberStanding::exemplary);

    // The audit trail keeps both marks and the hidden comment with its reason.
    auto trail = [&](const std::string& action) {
        auto res = http.Get("/api/v1/audit?action=" + action, admin.headers());
        REQUIRE(res->status == 200);
        return nlohmann::json::parse(res->body)["entries"];
    };
    auto hides = trail("review.hide");
    REQUIRE(hides.size() == 1);
    CHECK(hides[0]["reason"] == "涉及对个人的评价");
    CHECK(hides[0]["entity_id"] == ids[0]);
    CHECK(hides[0]["change"].dump().find("前台态度恶劣") != std::string::npos);
    auto marks = trail("member.standing");
    REQUIRE(marks.size() == 2);
    CHECK(marks[0]["entity_id"] == m0);
}
