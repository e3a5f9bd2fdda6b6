// The secretariat's member rules: the fields an admitted member must hold, what a
// suspension touches, and the desk's member search.
#include "core/member_rules.hpp"

#include "core/error_codes.hpp"
#include "core_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;

namespace {

bool has_problem(const std::vector<DomainError>& problems, const std::string& code, const std::string& path) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const DomainError& e) { return e.code == code && e.path == path; });
}

GroupTrip group(const char* id, const char* route, GroupState state, const char* departure) {
    GroupTrip g;
    g.id = id;
    g.route = route;
    g.organizer_unit = "u-org";
    g.state = state;
    g.departure = fixtures::day(departure);
    g.min_size = 2;
    g.max_size = 10;
    return g;
}

}  // namespace

TEST_CASE("phone numbers: landlines with their area code, mobiles, service lines", "[core][members]") {
    for (const char* good : {"0570-3244062", "05703244062", "010-12345678", "0371-21449735", "13812345678",
                             "138-1234-5678", "138 1234 5678", "400-123-4567", "4001234567"})
        CHECK(valid_phone(good));
    for (const char* bad : {"", "12345", "3244062", "0570--3244062", "-0570-3244062", "0570-3244062-", "0570-324406a",
                            "12812345678", "1381234567", "00-12345678", "05-703244062", "0570-324406", "+86 13812345678",
                            "1-3-8-12345678"})
        CHECK_FALSE(valid_phone(bad));
}

TEST_CASE("a complete member has no problem", "[core][members]") {
    CHECK(validate_member(fixtures::member("m-new", Category::wellness)).empty());
    Member free_visit = fixtures::member("m-museum", Category::experience);
    free_visit.services = {Service{"免费参观", 0, "人/次"}};
    CHECK(validate_member(free_visit).empty());
}

TEST_CASE("every missing or wrong field is reported at its path", "[core][members]") {
    Member m = fixtures::member("m-new", Category::wellness);
    m.name = "  ";
    m.city.clear();
    m.county.clear();
    m.address.clear();
    m.phone = "0570-12";
    m.services = {Service{"", 100, "人/次"}, Service{"理疗", -5, ""}};
    const auto problems = validate_member(m);
    CHECK(has_problem(problems, "missing_value", "name"));
    CHECK(has_problem(problems, "missing_value", "city"));
    CHECK(has_problem(problems, "missing_value", "county"));
    CHECK(has_problem(problems, "missing_value", "address"));
    CHECK(has_problem(problems, "invalid_phone", "phone"));
    CHECK(has_problem(problems, "missing_value", "services[0].name"));
    CHECK(has_problem(problems, "invalid_price", "services[1].price"));
    CHECK(has_problem(problems, "missing_value", "services[1].unit"));
    CHECK(problems.size() == 8);
    for (const DomainError& e : problems) {
        CHECK(http_status_of(e.code) == 422);
        CHECK(!e.message_zh.empty());
        CHECK(!e.message_en.empty());
    }

    m = fixtures::member("m-new", Category::wellness);
    m.phone.clear();
    m.services.clear();
    const auto missing = validate_member(m);
    CHECK(has_problem(missing, "missing_value", "phone"));
    CHECK(!has_problem(missing, "invalid_phone", "phone"));  // one problem per field: it is missing
    CHECK(has_problem(missing, "missing_value", "services"));
}

TEST_CASE("a suspension touches the routes through the member and their live groups", "[core][members]") {
    Catalogue c = fixtures::catalogue();
    Route other = fixtures::route();
    other.id = "r-other";
    other.itinerary[1].stops[1].member = "m-paused";  // no longer through m-spa
    c.routes.push_back(other);
    c.groups = {group("g-late", "r-qz-3d", GroupState::open, "2027-05-01"),
                group("g-early", "r-qz-3d", GroupState::full, "2027-04-01"),
                group("g-locked", "r-qz-3d", GroupState::locked, "2027-03-01"),
                group("g-gone", "r-qz-3d", GroupState::cancelled, "2027-04-01"),
                group("g-old", "r-qz-3d", GroupState::expired, "2027-04-01"),
                group("g-elsewhere", "r-other", GroupState::open, "2027-04-01")};

    const SuspensionImpact spa = suspension_impact(c, "m-spa");
    CHECK(spa.routes == std::vector<Id>{"r-qz-3d"});
    CHECK(spa.groups == std::vector<Id>{"g-locked", "g-early", "g-late"});

    const SuspensionImpact hotel = suspension_impact(c, "m-hotel");
    CHECK(hotel.routes == std::vector<Id>{"r-qz-3d", "r-other"});
    CHECK(hotel.groups.size() == 4);

    CHECK(suspension_impact(c, "m-nobody") == SuspensionImpact{});
}

TEST_CASE("member search: Chinese, pinyin from a syllable, initials, city and county", "[core][members]") {
    std::vector<Member> members = {fixtures::member("m-1", Category::reception), fixtures::member("m-2", Category::wellness),
                                   fixtures::member("m-3", Category::support)};
    members[0].name = "衢州国际大酒店";
    members[1].name = "江山温泉康养中心";
    members[1].city = "江山";
    members[1].county = "江山市";
    members[2].name = "郑州旅游客运";
    members[2].city = "郑州";
    members[2].county = "金水区";
    const MemberSearch search(members);
    using V = std::vector<std::uint32_t>;
    CHECK(search.search("").size() == 3);
    CHECK(search.search("酒店") == V{0});
    CHECK(search.search("quzhou") == V{0});
    CHECK(search.search("QuZhou") == V{0});        // case folded
    CHECK(search.search("ｊｉｕｄｉａｎ") == V{0});  // full width, as an IME may type it
    CHECK(search.search("wenquan") == V{1});
    CHECK(search.search("zhou") == V{0, 2});       // from any syllable start
    CHECK(search.search("uzhou").empty());         // not from the middle of a syllable
    CHECK(search.search("qzgj") == V{0});          // initials
    CHECK(search.search("zzly") == V{2});
    CHECK(search.search("jinshui") == V{2});       // the county
    CHECK(search.search("江山 温泉") == V{1});      // every term
    CHECK(search.search("江山 酒店").empty());
    // Narrowing: among candidates only, the same rule.
    CHECK(search.search_within("zhou", V{2}) == V{2});
    CHECK(search.search_within("zhou", V{1, 2}) == V{2});
    CHECK(search.search_within("", V{0, 2}) == V{0, 2});
    CHECK(search.search_within("zhou", V{}).empty());
    CHECK(search.matches(1, "jsw"));
    CHECK(!search.matches(0, "jsw"));
    CHECK(!search.matches(7, ""));
}

TEST_CASE("member search: a polyphonic name is found by every reading, in pinyin and initials", "[core][members]") {
    std::vector<Member> members = {fixtures::member("m-1", Category::reception), fixtures::member("m-2", Category::wellness)};
    members[0].name = "长兴太湖图影酒店";  // 长 read cháng here, zhǎng elsewhere
    members[0].city = "湖州";
    members[0].county = "长兴县";
    members[1].name = "重庆温泉康养中心";  // 重 read chóng here, zhòng elsewhere
    members[1].city = "重庆";
    members[1].county = "渝北区";
    const MemberSearch search(members);
    using V = std::vector<std::uint32_t>;
    CHECK(search.search("changxing") == V{0});
    CHECK(search.search("zhangxing") == V{0});
    CHECK(search.search("cxth") == V{0});
    CHECK(search.search("chongqing") == V{1});
    CHECK(search.search("zhongqing") == V{1});
    CHECK(search.search("cq") == V{1});
    CHECK(search.search("zq") == V{1});
    CHECK(search.matches(1, "chongqing"));
    CHECK(search.search_within("chongqing", V{0, 1}) == V{1});
    CHECK(search.search("qingchong").empty());  // readings of one character, not of another order
}

#include "core/generate.hpp"

TEST_CASE("member search: one scan over all members finds each member once, by every form", "[core][members]") {
    std::vector<Member> members = {fixtures::member("m-1", Category::reception), fixtures::member("m-2", Category::wellness),
                                   fixtures::member("m-3", Category::support), fixtures::member("m-4", Category::experience)};
    members[0].name = "衢州国际大酒店";
    members[0].city = "衢州";
    members[0].county = "柯城区";
    members[1].name = "春山茶舍";       // zh/ch/sh typed as initials
    members[1].city = "湖州";
    members[1].county = "吴兴区";
    members[2].name = "西安客运中心";   // xi'an
    members[2].city = "西安";
    members[2].county = "雁塔区";
    members[3].name = "州桥";           // the term in several texts and forms of one member
    members[3].city = "衢州";
    members[3].county = "衢江区";
    const MemberSearch search(members);
    using V = std::vector<std::uint32_t>;
    CHECK(search.size() == 4);
    CHECK(search.search("衢州") == V{0, 3});      // in name and city of 0, city of 3: each once
    CHECK(search.search("zhou") == V{0, 1, 3});   // several occurrences in one member count once
    CHECK(search.search("cscs") == V{1});         // chun shan cha she
    CHECK(search.search("chshchsh") == V{1});     // the same initials typed as zh/ch/sh
    CHECK(search.search("xi'an") == V{2});
    CHECK(search.search("xian") == V{2});
    CHECK(search.search("'") .empty());           // apostrophes alone are no letters
    CHECK(search.search("an").size() >= 1);       // "an" starts a syllable of 西安
    CHECK(search.search("ian").empty());          // not from inside a syllable, in no member
    CHECK(search.search("zhou qiao") == V{3});    // every term, in different texts of one member
    CHECK(search.search("zhou zhou") == V{0, 1, 3});  // the same term twice
    CHECK(search.search("衢州 不在") .empty());
    CHECK(search.search("州\n") == V{0, 1, 3});   // a control character separates terms, never joins texts
    CHECK(search.search("国际大酒店衢州").empty());  // no match across the end of one text and the next
    // Candidates: kept in their order, one by one or through a whole scan alike.
    CHECK(search.search_within("zhou", V{3, 0, 2}) == V{3, 0});
    CHECK(search.search_within("zhou", V{3, 9, 1}) == V{3, 1});  // out of range dropped
    CHECK(search.search_within("", V{2, 9}) == V{2});
    for (std::uint32_t i = 0; i < 4; ++i) {
        CHECK(search.matches(i, "zhou") == (i != 2));
        CHECK(search.matches(i, "") == true);
    }
    CHECK(MemberSearch().search("zhou").empty());
    CHECK(MemberSearch().search("").empty());
}

TEST_CASE("member search over 5,000 generated members agrees with each member checked alone", "[core][members]") {
    const Catalogue catalogue = generate_catalogue(ScaleSpec{200, 5000, 0}, 7);
    const MemberSearch search(catalogue.members);
    REQUIRE(search.size() == catalogue.members.size());
    std::vector<std::uint32_t> half;
    for (std::uint32_t i = 0; i < search.size(); i += 2) half.push_back(i);
    std::size_t some = 0;
    for (const char* query : {"j", "ji", "jiu", "jiudian", "酒店", "温泉", "wq", "zh", "z", "a", "kang yang", "衢", "qz gj",
                              "hz", "shan", "xyz", "1"}) {
        INFO(query);
        std::vector<std::uint32_t> one_by_one, of_half;
        for (std::uint32_t i = 0; i < search.size(); ++i)
            if (search.matches(i, query)) {
                one_by_one.push_back(i);
                if (i % 2 == 0) of_half.push_back(i);
            }
        CHECK(search.search(query) == one_by_one);
        CHECK(search.search_within(query, half) == of_half);
        CHECK(search.search_within(query, one_by_one) == one_by_one);
        some += one_by_one.empty() ? 0 : 1;
    }
    CHECK(some >= 10);  // the queries do find members: the comparison is not of empty lists
}

#include "core/wire.hpp"

TEST_CASE("the member change answer round-trips, with and without its impact", "[core][members][wire]") {
    wire::MemberChange change{fixtures::member("m-spa", Category::wellness, MemberStatus::suspended),
                              SuspensionImpact{{"r-1", "r-2"}, {"g-1"}}};
    auto decoded = wire::decode_member_change(wire::dump(wire::encode_member_change(change)));
    REQUIRE(decoded);
    CHECK(decoded.value() == change);

    change.impact.reset();
    const nlohmann::json plain = wire::encode_member_change(change);
    CHECK(!plain.contains("impact"));
    decoded = wire::decode_member_change(wire::dump(plain));
    REQUIRE(decoded);
    CHECK(decoded.value() == change);

    // A malformed impact is dropped; a body that is no member is a bad answer.
    nlohmann::json odd = plain;
    odd["impact"] = {{"routes", {1, 2}}, {"groups", nlohmann::json::array()}};
    decoded = wire::decode_member_change(wire::dump(odd));
    REQUIRE(decoded);
    CHECK(!decoded.value().impact);
    CHECK(!wire::decode_member_change(R"({"id":"m-1"})"));
    CHECK(wire::decode_member_change("<html>").error().code == "bad_answer");
}
