// Drafts and publishing (路线/政策 草稿与发布): the status and links in JSON, what the
// core's rules ask of a draft and of a published route, and policies' own rules.
#include <catch2/catch.hpp>

#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "core/rules.hpp"
#include "core/wire.hpp"
#include "core_fixtures.hpp"

#include <algorithm>

using namespace liaoxiu;
using nlohmann::json;

namespace {

bool has_code(const std::vector<DomainError>& problems, const std::string& code) {
    return std::any_of(problems.begin(), problems.end(), [&](const DomainError& p) { return p.code == code; });
}

Policy policy() {
    Policy p;
    p.id = "p-1";
    p.title = "2027年职工疗休养补贴标准";
    p.body = "每人每年不超过 2000 元。";
    p.issuer = "市总工会";
    p.date = fixtures::day("2026-11-01");
    return p;
}

// The fixture route cut down to one stop: too few categories, no stay, no wellness.
Route thin_route() {
    Route r = fixtures::route();
    r.itinerary.resize(1);
    r.itinerary[0].stops.resize(1);
    return r;
}

}  // namespace

TEST_CASE("a published route or policy is written without a status, and reads back as published", "[json][publishing]") {
    const Route route = fixtures::route();
    const json j = route;
    CHECK_FALSE(j.contains("status"));  // every catalogue written before drafts existed reads the same
    auto decoded = decode<Route>(j, "");
    REQUIRE(decoded.ok());
    CHECK(decoded.value().status == PublishStatus::published);
    CHECK(decoded.value() == route);

    const json p = policy();
    CHECK_FALSE(p.contains("status"));
    CHECK_FALSE(p.contains("routes"));
    auto back = decode<Policy>(p, "");
    REQUIRE(back.ok());
    CHECK(back.value().status == PublishStatus::published);
    CHECK(back.value().routes.empty());
}

TEST_CASE("a draft's status and a policy's links survive a round trip", "[json][publishing]") {
    Route route = fixtures::route();
    route.status = PublishStatus::draft;
    const json j = route;
    CHECK(j["status"] == "draft");
    auto decoded = decode<Route>(j, "");
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == route);
    CHECK_FALSE(decoded.value() == fixtures::route());  // the status is compared

    Policy p = policy();
    p.status = PublishStatus::draft;
    p.routes = {"r-qz-3d", "r-other"};
    const json pj = p;
    CHECK(pj["status"] == "draft");
    CHECK(pj["routes"] == json::array({"r-qz-3d", "r-other"}));
    auto back = decode<Policy>(pj, "");
    REQUIRE(back.ok());
    CHECK(back.value() == p);

    json explicit_published = fixtures::route();
    explicit_published["status"] = "published";
    CHECK(decode<Route>(explicit_published, "").value().status == PublishStatus::published);
}

TEST_CASE("a bad status or link is refused with its path", "[json][publishing]") {
    json j = fixtures::route();
    j["status"] = "secret";
    auto r = decode<Route>(j, "");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "bad_value");
    CHECK(r.error().path == "status");

    json p = policy();
    p["routes"] = json::array({"r-1", 7});
    auto q = decode<Policy>(p, "");
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().code == "wrong_type");
    CHECK(q.error().path == "routes[1]");

    CHECK(parse_publish_status("draft") == PublishStatus::draft);
    CHECK(parse_publish_status("published") == PublishStatus::published);
    CHECK_FALSE(parse_publish_status("Draft").has_value());
    CHECK(enum_name(PublishStatus::draft) == "draft");
}

TEST_CASE("a catalogue with drafts round-trips, and its drafts answer only for their references", "[rules][publishing]") {
    Catalogue c = fixtures::catalogue();
    Route draft = thin_route();
    draft.id = "r-draft";
    draft.status = PublishStatus::draft;
    c.routes.push_back(draft);
    Policy p = policy();
    p.id = "p-draft";
    p.status = PublishStatus::draft;
    p.routes = {"r-draft"};
    c.policies.push_back(p);

    auto decoded = decode_catalogue(json(c));
    INFO((decoded.ok() ? std::string() : decoded.error().message_en));
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == c);
    // The draft breaks three content rules, none of which refuses the catalogue...
    CHECK(validate_route(draft, c).size() >= 3);
    CHECK(validate_catalogue(c).empty());
    // ...but a dangling reference does, draft or not.
    c.routes.back().itinerary[0].stops[0].member = "m-nobody";
    CHECK(has_code(validate_catalogue(c), "unknown_member"));
    // The same thin route published is refused.
    Catalogue published = fixtures::catalogue();
    Route thin = thin_route();
    thin.id = "r-thin";
    published.routes.push_back(thin);
    CHECK(has_code(validate_catalogue(published), "too_few_categories"));
}

TEST_CASE("draft_refusals keeps only the problems that break references", "[rules][publishing]") {
    const Catalogue c = fixtures::catalogue();
    Route r = thin_route();
    CHECK(draft_refusals(validate_route(r, c)).empty());
    CHECK(has_errors(validate_route(r, c)));
    r.itinerary[0].stops[0].member = "m-nobody";
    r.id.clear();
    auto refusals = draft_refusals(validate_route(r, c));
    REQUIRE(refusals.size() == 2);
    CHECK(has_code(refusals, "unknown_member"));
    CHECK(has_code(refusals, "missing_id"));
}

TEST_CASE("a draft route is not bookable and no group opens on it", "[rules][publishing]") {
    Catalogue c = fixtures::catalogue();
    REQUIRE(route_bookable(c.routes[0], c));
    c.routes[0].status = PublishStatus::draft;
    CHECK_FALSE(route_bookable(c.routes[0], c));
    CHECK_FALSE(route_bookable(c.routes[0], MemberDirectory(c)));
    GroupDraft g;
    g.id = "g-new";
    g.route = c.routes[0].id;
    g.organizer_unit = c.units[0].id;
    g.departure = fixtures::day("2027-01-20");
    g.min_size = 1;
    g.max_size = 10;
    g.join_deadline = fixtures::at("2027-01-10T10:00:00+08:00");
    auto opened = open_group(g, c.routes[0], c, fixtures::now());
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == "route_not_bookable");
    c.routes[0].status = PublishStatus::published;
    CHECK(open_group(g, c.routes[0], c, fixtures::now()).ok());
}

TEST_CASE("a policy needs a title and a text, and its links must name known routes", "[rules][publishing]") {
    Policy p = policy();
    CHECK(validate_policy(p).empty());
    CHECK(validate_policy(p, {}).empty());
    p.title.clear();
    p.body.clear();
    auto problems = validate_policy(p);
    CHECK(has_code(problems, "missing_title"));
    CHECK(has_code(problems, "missing_body"));
    p = policy();
    p.routes = {"r-a", "r-b"};
    auto links = validate_policy(p, {"r-a"});
    REQUIRE(links.size() == 1);
    CHECK(links[0].code == "unknown_reference");
    CHECK(links[0].path == "routes[1]");
    CHECK_FALSE(links[0].message_zh.empty());
}

TEST_CASE("wire: the secretariat's answers always state the status, and read back", "[wire][publishing]") {
    Route draft = fixtures::route();
    draft.status = PublishStatus::draft;
    const Route published = fixtures::route();

    const json route_json = wire::encode_route(published);
    CHECK(route_json["status"] == "published");  // unlike the catalogue, answers always say it

    wire::RouteAnswer answer{draft, {make_error("missing_wellness", "线路缺少康养项目", "no wellness stop", "itinerary"),
                                     make_error("member_not_active", "暂停", "suspended", "itinerary[0].stops[0].member",
                                                Severity::warning)}};
    auto back = wire::decode_route_answer(wire::dump(wire::encode_route_answer(answer)));
    REQUIRE(back.ok());
    CHECK(back.value().route == draft);
    REQUIRE(back.value().warnings.size() == 2);
    CHECK(back.value().warnings[0].code == "missing_wellness");
    CHECK(back.value().warnings[0].path == "itinerary");
    CHECK(back.value().warnings[1].severity == Severity::warning);
    CHECK_FALSE(wire::decode_route_answer(R"({"warnings":[]})").ok());
    CHECK_FALSE(wire::decode_route_answer("<html>").ok());

    auto routes = wire::decode_route_list(wire::dump(wire::encode_route_list({draft, published})));
    REQUIRE(routes.ok());
    REQUIRE(routes.value().size() == 2);
    CHECK(routes.value()[0] == draft);
    CHECK(routes.value()[1] == published);
    // One record that does not decode is skipped, the others kept.
    json list = wire::encode_route_list({draft, published});
    list["routes"][0].erase("title");
    auto partial = wire::decode_route_list(wire::dump(list));
    REQUIRE(partial.ok());
    REQUIRE(partial.value().size() == 1);
    CHECK(partial.value()[0] == published);
    CHECK_FALSE(wire::decode_route_list(R"({"policies":[]})").ok());

    Policy p = policy();
    p.routes = {"r-qz-3d"};
    const json policy_json = wire::encode_policy(p);
    CHECK(policy_json["status"] == "published");
    CHECK(policy_json["routes"] == json::array({"r-qz-3d"}));
    auto decoded = wire::decode_policy(wire::dump(policy_json));
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == p);
    Policy none = policy();
    CHECK(wire::encode_policy(none)["routes"] == json::array());  // always written in answers
    auto policies = wire::decode_policy_list(wire::dump(wire::encode_policy_list({p, none})));
    REQUIRE(policies.ok());
    CHECK(policies.value() == std::vector<Policy>{p, none});
    CHECK_FALSE(wire::decode_policy("not json").ok());
}
