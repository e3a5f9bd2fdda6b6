#include <catch2/catch.hpp>

#include "core/group_trip.hpp"
#include "core/rules.hpp"
#include "core_fixtures.hpp"

#include <algorithm>

using namespace liaoxiu;

namespace {

std::vector<std::string> codes_of(const std::vector<DomainError>& problems) {
    std::vector<std::string> codes;
    for (const auto& p : problems) codes.push_back(p.code);
    return codes;
}

bool has_code(const std::vector<DomainError>& problems, const std::string& code) {
    return std::any_of(problems.begin(), problems.end(), [&](const DomainError& p) { return p.code == code; });
}

const DomainError& find_code(const std::vector<DomainError>& problems, const std::string& code) {
    auto it = std::find_if(problems.begin(), problems.end(), [&](const DomainError& p) { return p.code == code; });
    REQUIRE(it != problems.end());
    return *it;
}

// Checks one broken route gives exactly the expected code, through both lookups.
void expect_only(const Route& route, const Catalogue& catalogue, const std::string& code) {
    const auto problems = validate_route(route, catalogue);
    INFO("route problems: " << problems.size());
    REQUIRE(codes_of(problems) == std::vector<std::string>{code});
    CHECK(codes_of(validate_route(route, MemberDirectory(catalogue))) == codes_of(problems));
    CHECK_FALSE(route_bookable(route, catalogue));
    CHECK_FALSE(problems.front().message_zh.empty());
    CHECK_FALSE(problems.front().message_en.empty());
}

}  // namespace

TEST_CASE("the fixture route is valid and bookable", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    CHECK(validate_route(c.routes[0], c).empty());
    CHECK(route_bookable(c.routes[0], c));
    CHECK(route_bookable(c.routes[0], MemberDirectory(c)));
    CHECK(validate_catalogue(c).empty());
}

TEST_CASE("a route must link at least three member categories", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    Route r = c.routes[0];
    // Drop the support (bus) and experience (park) stops: reception + wellness remain.
    r.itinerary[0].stops.erase(r.itinerary[0].stops.begin());
    r.itinerary[1].stops.erase(r.itinerary[1].stops.begin());
    expect_only(r, c, "too_few_categories");
    CHECK(find_code(validate_route(r, c), "too_few_categories").message_zh.find("核心接待类") != std::string::npos);

    // Three categories is enough.
    Route three = c.routes[0];
    three.itinerary[0].stops.erase(three.itinerary[0].stops.begin());
    CHECK(validate_route(three, c).empty());
}

TEST_CASE("a route needs a stay and a wellness stop", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    Route no_stay = c.routes[0];
    no_stay.itinerary[0].stops[1].kind = StopKind::eat;
    expect_only(no_stay, c, "missing_stay");

    Route no_wellness = c.routes[0];
    no_wellness.itinerary[1].stops[1].kind = StopKind::tour;  // the spa is still a wellness member, but not a wellness stop
    expect_only(no_wellness, c, "missing_wellness");
}

TEST_CASE("every stop's member must exist", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    Route r = c.routes[0];
    r.itinerary[2].stops.push_back(Stop{StopKind::eat, "m-999", ""});
    expect_only(r, c, "unknown_member");
    const auto problems = validate_route(r, c);
    const DomainError& p = problems.front();
    CHECK(p.path == "itinerary[2].stops[1].member");
    CHECK(p.message_en.find("m-999") != std::string::npos);
    CHECK(p.severity == Severity::error);
}

TEST_CASE("a stop at a suspended or exited member is a warning and makes the route unbookable", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    for (const char* id : {"m-paused", "m-gone"}) {
        Route r = c.routes[0];
        r.itinerary[1].stops.push_back(Stop{StopKind::wellness, id, ""});
        const auto problems = validate_route(r, c);
        REQUIRE(codes_of(problems) == std::vector<std::string>{"member_not_active"});
        CHECK(problems.front().severity == Severity::warning);
        CHECK(problems.front().path == "itinerary[1].stops[2].member");
        CHECK_FALSE(has_errors(problems));
        CHECK_FALSE(route_bookable(r, c));
        CHECK_FALSE(route_bookable(r, MemberDirectory(c)));
    }
    Route r = c.routes[0];
    r.itinerary[1].stops.push_back(Stop{StopKind::wellness, "m-gone", ""});
    CHECK(validate_route(r, c).front().message_zh.find("已退出") != std::string::npos);
}

TEST_CASE("days, nights, price and subsidy must be sane", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    auto with = [&](auto change) {
        Route r = c.routes[0];
        change(r);
        return r;
    };
    expect_only(with([](Route& r) { r.nights = 4; }), c, "invalid_nights");
    expect_only(with([](Route& r) { r.nights = -1; }), c, "invalid_nights");
    expect_only(with([](Route& r) { r.price = -1; r.subsidy = 0; }), c, "invalid_price");
    expect_only(with([](Route& r) { r.subsidy = r.price + 1; }), c, "invalid_subsidy");
    expect_only(with([](Route& r) { r.subsidy = -1; }), c, "invalid_subsidy");
    CHECK(validate_route(with([](Route& r) { r.subsidy = r.price; }), c).empty());
    CHECK(validate_route(with([](Route& r) { r.nights = 3; }), c).empty());
    CHECK(validate_route(with([](Route& r) { r.nights = 0; r.price = 0; r.subsidy = 0; }), c).empty());

    const auto zero_days = validate_route(with([](Route& r) { r.days = 0; r.nights = 0; }), c);
    CHECK(has_code(zero_days, "invalid_days"));
    CHECK(has_code(zero_days, "itinerary_day_out_of_range"));  // its itinerary now lies outside 0 days
}

TEST_CASE("itinerary day numbers lie in 1..days and do not repeat", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    Route past_end = c.routes[0];
    past_end.itinerary[2].day = 4;
    expect_only(past_end, c, "itinerary_day_out_of_range");
    CHECK(validate_route(past_end, c).front().path == "itinerary[2].day");

    Route zero = c.routes[0];
    zero.itinerary[0].day = 0;
    expect_only(zero, c, "itinerary_day_out_of_range");

    Route repeated = c.routes[0];
    repeated.itinerary[2].day = 2;
    expect_only(repeated, c, "itinerary_day_repeated");
}

TEST_CASE("validation reports every problem at once", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    Route r = c.routes[0];
    r.id.clear();
    r.title.clear();
    r.price = 100;
    r.subsidy = 200;
    r.itinerary.clear();
    const auto codes = codes_of(validate_route(r, c));
    for (const char* code : {"missing_id", "missing_title", "invalid_subsidy", "too_few_categories", "missing_stay",
                             "missing_wellness"})
        CHECK(std::find(codes.begin(), codes.end(), code) != codes.end());
}

TEST_CASE("validate_catalogue prefixes route problems with their path", "[rules]") {
    Catalogue c = fixtures::catalogue();
    c.routes.push_back(c.routes[0]);
    c.routes[1].id = "r-second";
    c.routes[1].itinerary[0].stops[0].member = "m-999";
    const auto problems = validate_catalogue(c);
    REQUIRE(codes_of(problems) == std::vector<std::string>{"unknown_member"});
    CHECK(problems[0].path == "routes[1].itinerary[0].stops[0].member");
    CHECK(problems[0].message_en.rfind("routes[1].itinerary[0].stops[0].member: ", 0) == 0);
}

TEST_CASE("validate_catalogue finds duplicate ids and broken references", "[rules]") {
    Catalogue c = fixtures::catalogue();
    c.members.push_back(c.members[0]);
    c.routes[0].alliance = "a-nowhere";
    c.units.push_back(Unit{"", "无名单位", ""});
    GroupTrip g;
    g.id = "g-1";
    g.route = "r-missing";
    g.organizer_unit = "u-missing";
    g.min_size = 3;
    g.max_size = 2;
    g.join_deadline = fixtures::now() + 3600;
    g.places = {Place{"w-1", "u-a", PlaceState::confirmed, 5, 0, {}, {}},
                Place{"w-1", "u-unknown", PlaceState::waitlisted, 4, 0, {}, {}},
                Place{"w-2", "u-a", PlaceState::confirmed, 6, 0, {}, {}},
                Place{"w-3", "u-a", PlaceState::confirmed, 7, 0, {}, {}}};
    c.groups.push_back(g);
    const auto problems = validate_catalogue(c);
    CHECK(find_code(problems, "duplicate_id").path == "members[6].id");
    CHECK(find_code(problems, "missing_id").path == "units[3].id");
    CHECK(find_code(problems, "invalid_size").path == "groups[0]");
    CHECK(find_code(problems, "invalid_seq").path == "groups[0].places[1].seq");
    CHECK(find_code(problems, "duplicate_worker").path == "groups[0].places[1].worker");
    CHECK(has_code(problems, "over_capacity"));
    std::vector<std::string> unknown_paths;
    for (const auto& p : problems)
        if (p.code == "unknown_reference") unknown_paths.push_back(p.path);
    CHECK(unknown_paths == std::vector<std::string>{"routes[0].alliance", "groups[0].route", "groups[0].organizer_unit",
                                                    "groups[0].places[1].unit"});
    CHECK(has_errors(problems));
}

TEST_CASE("booking holds name each inactive member once, with the secretariat's reason", "[rules]") {
    Catalogue c = fixtures::catalogue();
    auto find = [&](std::string_view id) -> const Member* {
        for (const Member& m : c.members)
            if (m.id == id) return &m;
        return nullptr;
    };
    Route r = c.routes[0];
    CHECK(booking_holds(r, find).empty());
    r.itinerary[1].stops.push_back(Stop{StopKind::wellness, "m-paused", ""});
    r.itinerary[0].stops.push_back(Stop{StopKind::tour, "m-paused", "again"});
    r.title.clear();  // an error is no hold: only what keeps a published route from being booked
    for (Member& m : c.members)
        if (m.id == "m-paused") m.status_reason = "消防检查未通过";
    const auto holds = booking_holds(r, find);
    REQUIRE(holds.size() == 1);
    CHECK(holds[0].code == "member_not_active");
    CHECK(holds[0].message_zh.find("已暂停服务（消防检查未通过）") != std::string::npos);
    CHECK(holds[0].message_en.find("is suspended (消防检查未通过)") != std::string::npos);
    // Without a reason the words are the rule's alone.
    for (Member& m : c.members) m.status_reason.clear();
    CHECK(booking_holds(r, find).at(0).message_zh.find("（") == std::string::npos);
}

TEST_CASE("booking_refused: a draft, or a stop's member suspended or gone, with the reason, and nothing when bookable",
          "[rules]") {
    Catalogue c = fixtures::catalogue();
    Route r = c.routes[0];
    r.status = PublishStatus::published;
    CHECK(!booking_refused(r, MemberDirectory(c)).has_value());

    Route draft = r;
    draft.status = PublishStatus::draft;
    auto refused = booking_refused(draft, MemberDirectory(c));
    REQUIRE(refused);
    CHECK(refused->code == "route_not_bookable");
    CHECK(refused->message_zh == "线路尚未发布，暂不可预订");

    r.itinerary[1].stops.push_back(Stop{StopKind::wellness, "m-paused", ""});
    for (Member& m : c.members)
        if (m.id == "m-paused") m.status_reason = "消防检查未通过";
    refused = booking_refused(r, MemberDirectory(c));
    REQUIRE(refused);
    CHECK(refused->code == "route_not_bookable");
    CHECK(refused->severity == Severity::error);  // a refusal, though the member's problem alone is a warning
    CHECK(refused->message_zh.rfind("线路暂不可预订：", 0) == 0);
    CHECK(refused->message_zh.find("已暂停服务（消防检查未通过）") != std::string::npos);
    CHECK(refused->message_en.find("is suspended (消防检查未通过)") != std::string::npos);

    // open_group refuses with the same words.
    GroupDraft group;
    group.id = "g-x";
    group.route = r.id;
    group.organizer_unit = c.units.at(0).id;
    group.departure = 100;
    group.max_size = 10;
    group.join_deadline = 50 * 86400;
    auto opened = open_group(group, r, c, 86400);
    REQUIRE(!opened);
    CHECK(opened.error().message_zh == refused->message_zh);
}

TEST_CASE("a refused list is headed by its first error, never by a warning before it", "[rules]") {
    const Catalogue c = fixtures::catalogue();
    Route suspended_stop = c.routes[0];
    suspended_stop.itinerary[1].stops.push_back(Stop{StopKind::wellness, "m-paused", ""});
    const std::vector<DomainError> warnings = validate_route(suspended_stop, c);
    REQUIRE(codes_of(warnings) == std::vector<std::string>{"member_not_active"});
    Route no_title = c.routes[0];
    no_title.title.clear();
    const std::vector<DomainError> errors = validate_route(no_title, c);
    REQUIRE(codes_of(errors) == std::vector<std::string>{"missing_title"});

    std::vector<DomainError> problems = warnings;  // as a route's stops come before its other problems
    problems.insert(problems.end(), errors.begin(), errors.end());
    const DomainError* head = first_error(problems);
    REQUIRE(head != nullptr);
    CHECK(head->code == "missing_title");
    CHECK(has_errors(problems));
    // Warnings alone head nothing and refuse nothing.
    CHECK(first_error(warnings) == nullptr);
    CHECK_FALSE(has_errors(warnings));
}
