// GET /api/v1/stats on SQLite: every figure against the hand-computed fixture of
// stats_checks.hpp, who may read which figures, and the answer to a bad parameter.
#include "stats_checks.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {
std::string row_label(const StatsTable& table, const std::string& key) {
    for (const auto& row : table.rows)
        if (row.key == key) return row.label;
    return "(no row " + key + ")";
}
}  // namespace

TEST_CASE("stats: every figure against the hand-computed fixture (SQLite)", "[stats]") {
    StatsWorld world;
    check_stats_figures(world);
}

TEST_CASE("stats: the secretariat sees all, a union its own unit, a worker nothing", "[stats]") {
    StatsWorld w;
    Session organizer = create_and_sign_in(*w.http, w.admin, "organizer", "small-union", "u-small");
    Session worker = create_and_sign_in(*w.http, w.admin, "worker", "small-01", "u-small");

    CHECK(w.get("view=places&by=unit").totals == V{8, 6});
    // The union's unit replaces whatever the query names.
    for (const char* query : {"view=places&by=unit", "view=places&by=unit&unit=u-big", "view=places&by=unit&unit=u-mid"}) {
        auto t = w.get(query, organizer);
        CHECK(t.query.unit == std::optional<Id>("u-small"));
        CHECK(row_keys(t) == std::vector<std::string>{"u-small"});
        CHECK(t.totals == V{2, 2});
    }
    CHECK(w.get("view=outcomes&unit=u-big", organizer).totals.at(6) == 1);  // the one trip it opened

    auto as_worker = w.http->Get("/api/v1/stats?view=places", worker.headers());
    REQUIRE(as_worker);
    CHECK(as_worker->status == 403);
    CHECK(parse(as_worker->body)["code"] == "forbidden");
    auto anonymous = w.http->Get("/api/v1/stats?view=places");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
}

TEST_CASE("stats: a bad parameter is a 400 naming it", "[stats]") {
    StatsWorld w;
    for (auto [query, path] : {std::pair{"view=everything", "view"}, {"by=weekday", "by"}, {"from=2026-02-30", "from"},
                               {"to=tomorrow", "to"}, {"from=2026-12-02&to=2026-12-01", "to"},
                               {"unit=u%2Fbig", "unit"}, {"route=r%20x", "route"}, {"category=hotel", "category"},
                               {"small_below=-5", "small_below"}, {"alliance=a%0Ab", "alliance"},
                               {"city=%E8%A1%A2%0A", "city"}}) {
        auto res = w.http->Get(std::string("/api/v1/stats?") + query, w.admin.headers());
        REQUIRE(res);
        INFO(query << " → " << res->body);
        CHECK(res->status == 400);
        auto body = parse(res->body);
        CHECK(body["code"] == "bad_value");
        CHECK(body["path"] == path);
    }
}

TEST_CASE("stats: the directory the statistics keep follows every edit of a route or unit", "[stats]") {
    StatsWorld w;
    const Route& first = w.route(0);
    CHECK(row_label(w.get("view=places&by=route"), first.id) == first.title);  // read, and kept

    Route renamed = first;
    renamed.title = "改名后的线路";
    auto put = w.http->Put("/api/v1/routes/" + first.id, w.admin.headers(), nlohmann::json(renamed).dump(),
                           "application/json");
    REQUIRE(put);
    INFO(put->body);
    REQUIRE(put->status == 200);
    CHECK(row_label(w.get("view=places&by=route"), first.id) == "改名后的线路");

    // A member edited after the first read names its rows at once too.
    auto members = w.get("view=places&by=member");
    REQUIRE_FALSE(members.rows.empty());
    const Id member_id = members.rows.front().key;
    Member member;
    for (const auto& m : w.catalogue.members)
        if (m.id == member_id) member = m;
    REQUIRE(member.id == member_id);
    member.name = "更名后的成员单位";
    auto edit = w.http->Put("/api/v1/members/" + member.id, w.admin.headers(), nlohmann::json(member).dump(),
                            "application/json");
    REQUIRE(edit);
    INFO(edit->body);
    REQUIRE(edit->status == 200);
    CHECK(row_label(w.get("view=places&by=member"), member_id) == "更名后的成员单位");
}
