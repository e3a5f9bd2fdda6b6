#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/catalogue_readings.hpp"
#include "core/json.hpp"
#include "core/pinyin.hpp"
#include "core/search.hpp"

using namespace liaoxiu;

namespace {

Member member(const std::string& id, const std::string& name, Category category) {
    Member m;
    m.id = id;
    m.alliance = "a-qz";
    m.name = name;
    m.category = category;
    m.city = "衢州";
    return m;
}

Route route(const std::string& id, const std::string& title, std::vector<std::string> themes,
            std::vector<std::string> cities, int days, Fen price, Fen subsidy, std::vector<Season> seasons,
            std::vector<std::string> member_ids) {
    Route r;
    r.id = id;
    r.alliance = "a-qz";
    r.title = title;
    r.themes = std::move(themes);
    r.cities = std::move(cities);
    r.days = days;
    r.nights = days - 1;
    r.price = price;
    r.subsidy = subsidy;
    r.seasons = std::move(seasons);
    ItineraryDay day;
    day.day = 1;
    day.title = "第一天";
    for (const std::string& m : member_ids) day.stops.push_back(Stop{StopKind::tour, m, ""});
    r.itinerary.push_back(day);
    return r;
}

GroupTrip group(const std::string& id, const std::string& route, Day departure, GroupState state) {
    GroupTrip g;
    g.id = id;
    g.route = route;
    g.organizer_unit = "u-1";
    g.departure = departure;
    g.state = state;
    return g;
}

// Route indices, by construction order below.
enum : std::size_t { kJls, kJlsEco, kChangyou, kQuzhouRed, kLongyou, kJiangHomophone, kSanhu, kJixiang, kRouteCount };

Catalogue sample_catalogue() {
    Catalogue c;
    c.members = {
        member("m-jls", "江郎山风景名胜区", Category::experience),
        member("m-hotel", "衢州国际大酒店", Category::reception),
        member("m-grotto", "龙游石窟", Category::experience),
        member("m-tcm", "衢州市中医院康养中心", Category::wellness),
        member("m-agency", "绿野旅行社", Category::support),
        member("m-spring", "江山温泉疗养院", Category::wellness),
    };
    const auto spring = Season::spring, summer = Season::summer, autumn = Season::autumn, winter = Season::winter;
    c.routes = {
        route("r-jls", "江郎山", {"红色教育"}, {"江山"}, 3, 120000, 20000, {autumn},
              {"m-jls", "m-hotel", "m-spring"}),
        route("r-jls-eco", "江郎山生态康养三日游", {"生态康养"}, {"江山", "衢州"}, 3, 150000, 100000,
              {spring, autumn}, {"m-hotel", "m-spring", "m-agency"}),
        route("r-changyou", "畅游江郎山", {"乡村休闲"}, {"江山"}, 2, 80000, 0, {summer},
              {"m-hotel", "m-agency"}),
        route("r-qz-red", "衢州红色研学", {"红色教育", "中医康养"}, {"衢州"}, 4, 200000, 50000,
              {spring, autumn, winter}, {"m-grotto", "m-tcm", "m-agency"}),
        route("r-longyou", "龙游石窟非遗体验", {"非遗体验"}, {"龙游"}, 1, 30000, 0, {spring, summer},
              {"m-grotto", "m-hotel"}),
        route("r-homophone", "姜榔杉", {"生态康养"}, {"常山"}, 2, 60000, 0, {winter}, {"m-hotel"}),
        route("r-sanhu", "三湖度假", {"乡村休闲"}, {"开化"}, 5, 300000, 20000, {summer}, {"m-hotel"}),
        route("r-jixiang", "𠮷祥温泉", {"生态康养"}, {"开化"}, 2, 90000, 10000, {winter}, {"m-spring"}),
    };
    c.groups = {
        group("g-1", "r-qz-red", 20800, GroupState::open),
        group("g-2", "r-jls-eco", 20790, GroupState::formed),
        group("g-3", "r-jls", 20700, GroupState::cancelled),
        group("g-4", "r-changyou", 20750, GroupState::full),
        group("g-5", "r-qz-red", 20780, GroupState::formed),  // sooner than g-1
        group("g-6", "r-unknown", 20000, GroupState::open),   // a route the index does not know
    };
    return c;
}

std::vector<std::size_t> routes_of(const std::vector<SearchHit>& hits) {
    std::vector<std::size_t> out;
    for (const SearchHit& hit : hits) out.push_back(hit.route);
    return out;
}

std::vector<std::size_t> sorted(std::vector<std::size_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

SearchQuery text_query(const std::string& text) {
    SearchQuery q;
    q.text = text;
    return q;
}

MatchKind match_of(const std::vector<SearchHit>& hits, std::size_t route) {
    for (const SearchHit& hit : hits) if (hit.route == route) return hit.match;
    FAIL("route " << route << " not among the hits");
    return MatchKind::no_text;
}

// Title order: pinyin of the title, then codepoints.
//   changyoujianglangshan 畅游江郎山 < jianglangshan 姜榔杉 (姜 U+59DC) < jianglangshan 江郎山 (江 U+6C5F)
//   < jianglangshanshengtai... < jixiangwenquan 𠮷祥温泉 < longyou... < quzhou... < sanhu...
const std::vector<std::size_t> kTitleOrder = {kChangyou, kJiangHomophone, kJls, kJlsEco,
                                              kJixiang,  kLongyou,        kQuzhouRed, kSanhu};

}  // namespace

TEST_CASE("Chinese query ranks exact, then prefix, then substring", "[search]") {
    const SearchIndex index(sample_catalogue());
    const auto hits = index.search(text_query("江郎山"));
    REQUIRE(routes_of(hits) == std::vector<std::size_t>{kJls, kJlsEco, kChangyou});
    CHECK(hits[0].match == MatchKind::exact);
    CHECK(hits[1].match == MatchKind::prefix);
    CHECK(hits[2].match == MatchKind::substring);
}

TEST_CASE("a member name on a stop is searched too", "[search]") {
    const SearchIndex index(sample_catalogue());
    // 龙游石窟 is a member on two routes; one route's title also starts with it.
    const auto hits = index.search(text_query("龙游石窟"));
    REQUIRE(routes_of(hits) == std::vector<std::size_t>{kLongyou, kQuzhouRed});
    // 龙游石窟 is the exact name of a member on both routes: exact beats the title's prefix.
    CHECK(match_of(hits, kLongyou) == MatchKind::exact);
    CHECK(match_of(hits, kQuzhouRed) == MatchKind::exact);
    CHECK(sorted(routes_of(index.search(text_query("绿野")))) ==
          std::vector<std::size_t>{kJlsEco, kChangyou, kQuzhouRed});
}

TEST_CASE("full pinyin finds routes at syllable boundaries only", "[search][pinyin]") {
    const SearchIndex index(sample_catalogue());
    // 衢州: the Quzhou routes, and every route through a member in Quzhou's name.
    const auto quzhou = index.search(text_query("quzhou"));
    CHECK(sorted(routes_of(quzhou)) ==
          std::vector<std::size_t>{kJls, kJlsEco, kChangyou, kQuzhouRed, kLongyou, kJiangHomophone, kSanhu});
    CHECK(match_of(quzhou, kQuzhouRed) == MatchKind::pinyin);
    CHECK(index.search(text_query("uzho")).empty());
    CHECK(index.search(text_query("angla")).empty());
    CHECK(routes_of(index.search(text_query("zhou"))) == routes_of(quzhou));   // from a syllable start
    CHECK(routes_of(index.search(text_query("quzho"))) == routes_of(quzhou));  // still typing
}

TEST_CASE("pinyin is case-insensitive and ties are broken by title", "[search][pinyin]") {
    const SearchIndex index(sample_catalogue());
    const auto hits = index.search(text_query("JiangLang"));
    REQUIRE(routes_of(hits) == std::vector<std::size_t>{kChangyou, kJiangHomophone, kJls, kJlsEco});
    for (const SearchHit& hit : hits) CHECK(hit.match == MatchKind::pinyin);
    CHECK(routes_of(index.search(text_query("ＪＩＡＮＧＬＡＮＧ"))) == routes_of(hits));  // full-width IME input
    CHECK(routes_of(index.search(text_query("jiang'lang"))) == routes_of(hits));
}

TEST_CASE("initials find routes: jls finds 江郎山", "[search][pinyin]") {
    const SearchIndex index(sample_catalogue());
    const auto hits = index.search(text_query("jls"));
    CHECK(sorted(routes_of(hits)) == std::vector<std::size_t>{kJls, kJlsEco, kChangyou, kJiangHomophone});
    for (const SearchHit& hit : hits) CHECK(hit.match == MatchKind::initials);
    CHECK(routes_of(index.search(text_query("JLS"))) == routes_of(hits));
}

TEST_CASE("full pinyin ranks above initials", "[search][pinyin]") {
    const SearchIndex index(sample_catalogue());
    // "sh": a syllable start in 山/生/石/市 (full pinyin), and the initials of 三湖 (san hu).
    const auto hits = index.search(text_query("sh"));
    CHECK(match_of(hits, kSanhu) == MatchKind::initials);
    CHECK(match_of(hits, kJls) == MatchKind::pinyin);
    CHECK(hits.back().route == kSanhu);
    CHECK(std::is_sorted(hits.begin(), hits.end(),
                         [](const SearchHit& a, const SearchHit& b) { return a.match < b.match; }));
}

TEST_CASE("a literal match ranks above a pinyin match", "[search]") {
    // An ASCII title: a literal match beats a pinyin match for ASCII too.
    Catalogue c = sample_catalogue();
    c.routes.push_back(route("r-spa", "SPA温泉", {"生态康养"}, {"开化"}, 1, 10000, 0, {Season::winter}, {"m-spring"}));
    const SearchIndex with_spa(c);
    const auto spa = with_spa.search(text_query("Spa"));
    REQUIRE(spa.size() == 1);
    CHECK(spa[0].match == MatchKind::prefix);
    CHECK(with_spa.search(text_query("spawen"))[0].match == MatchKind::pinyin);
}

TEST_CASE("a one-letter query (answered from the table made at build) matches as any term", "[search][pinyin]") {
    Catalogue c = sample_catalogue();
    c.routes.push_back(route("r-spa", "SPA温泉", {"生态康养"}, {"开化"}, 1, 10000, 0, {Season::winter}, {"m-spring"}));
    const std::size_t spa_route = kRouteCount;
    const SearchIndex index(c);
    // "k": a syllable start in 康 (kang), 开化 (kai), 窟 (ku); nothing on 江郎山 or 畅游江郎山.
    const auto k = index.search(text_query("k"));
    CHECK(sorted(routes_of(k)) ==
          std::vector<std::size_t>{kJlsEco, kQuzhouRed, kLongyou, kJiangHomophone, kSanhu, kJixiang, spa_route});
    for (const SearchHit& hit : k) CHECK(hit.match == MatchKind::pinyin);
    CHECK(routes_of(index.search(text_query("K"))) == routes_of(k));
    CHECK(routes_of(index.search(text_query("\uFF4B"))) == routes_of(k));  // full-width ｋ
    // "s": the literal prefix of SPA温泉 ranks first; 三湖 (san hu) by full pinyin.
    const auto s = index.search(text_query("s"));
    REQUIRE_FALSE(s.empty());
    CHECK(s[0].route == spa_route);
    CHECK(s[0].match == MatchKind::prefix);
    CHECK(match_of(s, kSanhu) == MatchKind::pinyin);
    // With another term, each route must match both.
    // (衢州红色研学 has 龙游石窟 on a stop, and 中医康养 among its themes.)
    CHECK(sorted(routes_of(index.search(text_query("k 龙游")))) == std::vector<std::size_t>{kQuzhouRed, kLongyou});
    // ü is typed v (绿 = lv), but no syllable starts with it.
    CHECK(index.search(text_query("v")).empty());
}

TEST_CASE("4-byte characters are searched literally and by pinyin", "[search][utf8]") {
    const SearchIndex index(sample_catalogue());
    const auto literal = index.search(text_query("𠮷"));
    REQUIRE(routes_of(literal) == std::vector<std::size_t>{kJixiang});
    CHECK(literal[0].match == MatchKind::prefix);
    const auto pinyin = index.search(text_query("jixiang"));
    REQUIRE(routes_of(pinyin) == std::vector<std::size_t>{kJixiang});
    CHECK(pinyin[0].match == MatchKind::pinyin);
}

TEST_CASE("several terms must all match", "[search]") {
    const SearchIndex index(sample_catalogue());
    CHECK(sorted(routes_of(index.search(text_query("江郎山 绿野")))) == std::vector<std::size_t>{kJlsEco, kChangyou});
    CHECK(sorted(routes_of(index.search(text_query("jianglang\u3000lvye")))) ==
          std::vector<std::size_t>{kJlsEco, kChangyou});
    // The route's match is its worst term: 江郎山 is a prefix of the title, lvye only pinyin.
    CHECK(match_of(index.search(text_query("江郎山 lvye")), kJlsEco) == MatchKind::pinyin);
    CHECK(match_of(index.search(text_query("江郎山 jiangshan")), kJls) == MatchKind::pinyin);
}

TEST_CASE("an empty query returns every route in title order", "[search]") {
    const SearchIndex index(sample_catalogue());
    for (const std::string text : {"", "   ", "\u3000"}) {
        const auto hits = index.search(text_query(text));
        CHECK(routes_of(hits) == kTitleOrder);
        for (const SearchHit& hit : hits) CHECK(hit.match == MatchKind::no_text);
    }
    CHECK(index.search(text_query("不存在的线路")).empty());
}

TEST_CASE("filters narrow the results", "[search][filter]") {
    const SearchIndex index(sample_catalogue());
    SearchQuery q;
    auto routes = [&] { return sorted(routes_of(index.search(q))); };

    SECTION("theme") {
        q.theme = "红色教育";
        CHECK(routes() == std::vector<std::size_t>{kJls, kQuzhouRed});
        q.theme = "不存在";
        CHECK(routes().empty());
    }
    SECTION("season") {
        q.season = Season::winter;
        CHECK(routes() == std::vector<std::size_t>{kQuzhouRed, kJiangHomophone, kJixiang});
    }
    SECTION("days") {
        q.min_days = 3;
        CHECK(routes() == std::vector<std::size_t>{kJls, kJlsEco, kQuzhouRed, kSanhu});
        q.max_days = 3;
        CHECK(routes() == std::vector<std::size_t>{kJls, kJlsEco});
        q.min_days.reset();
        q.max_days = 1;
        CHECK(routes() == std::vector<std::size_t>{kLongyou});
    }
    SECTION("price after subsidy") {
        q.max_price = 50000;  // 江郎山生态康养三日游: 1500 - 1000 yuan subsidy = 500 yuan
        CHECK(routes() == std::vector<std::size_t>{kJlsEco, kLongyou});
        q.max_price.reset();
        q.min_price = 150000;
        CHECK(routes() == std::vector<std::size_t>{kQuzhouRed, kSanhu});
        q.max_price = 150000;
        CHECK(routes() == std::vector<std::size_t>{kQuzhouRed});
    }
    SECTION("member category on the route") {
        q.member_category = Category::support;
        CHECK(routes() == std::vector<std::size_t>{kJlsEco, kChangyou, kQuzhouRed});
        q.member_category = Category::wellness;
        CHECK(routes() == std::vector<std::size_t>{kJls, kJlsEco, kQuzhouRed, kJixiang});
    }
    SECTION("city") {
        q.city = "衢州";
        CHECK(routes() == std::vector<std::size_t>{kJlsEco, kQuzhouRed});
        q.city = "衢";  // exact, not substring
        CHECK(routes().empty());
    }
    SECTION("open groups: open and formed count, full and cancelled do not") {
        q.only_with_open_groups = true;
        CHECK(routes() == std::vector<std::size_t>{kJlsEco, kQuzhouRed});
    }
    SECTION("filters combine with the query text") {
        q.text = "jls";
        q.max_days = 2;
        CHECK(routes() == std::vector<std::size_t>{kChangyou, kJiangHomophone});
    }
}

TEST_CASE("sorts: price, days, soonest departure", "[search][sort]") {
    const SearchIndex index(sample_catalogue());
    SearchQuery q;

    SECTION("price after subsidy, cheapest first, ties by title") {
        q.sort = SortKey::price;
        // after subsidy: longyou 30000, jlsEco 50000, homophone 60000, changyou 80000, jixiang 80000,
        // jls 100000, qzRed 150000, sanhu 280000
        CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kLongyou, kJlsEco, kJiangHomophone, kChangyou,
                                                                     kJixiang, kJls, kQuzhouRed, kSanhu});
        q.descending = true;
        CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kSanhu, kQuzhouRed, kJls, kChangyou, kJixiang,
                                                                     kJiangHomophone, kJlsEco, kLongyou});
    }
    SECTION("days, then relevance") {
        q.sort = SortKey::days;
        q.text = "jianglangshan";
        // 2 days: changyou, homophone (both pinyin, title order); 3 days: jls, jlsEco
        CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kChangyou, kJiangHomophone, kJls, kJlsEco});
        q.text = "江郎山";
        CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kChangyou, kJls, kJlsEco});
    }
    SECTION("soonest departure of open/formed groups; routes without last") {
        q.sort = SortKey::departure;
        const auto hits = routes_of(index.search(q));
        REQUIRE(hits.size() == kRouteCount);
        CHECK(std::vector<std::size_t>(hits.begin(), hits.begin() + 2) ==
              std::vector<std::size_t>{kQuzhouRed, kJlsEco});  // 20780 (g-5) before 20790 (g-2)
        CHECK(index.soonest_departure(kQuzhouRed) == Day{20780});
        CHECK_FALSE(index.soonest_departure(kChangyou).has_value());  // only a full group
        q.descending = true;
        const auto reversed = routes_of(index.search(q));
        CHECK(std::vector<std::size_t>(reversed.begin(), reversed.begin() + 2) ==
              std::vector<std::size_t>{kJlsEco, kQuzhouRed});
        CHECK(std::vector<std::size_t>(reversed.begin() + 2, reversed.end()) ==
              std::vector<std::size_t>(hits.begin() + 2, hits.end()));  // still last, still by title
    }
}

TEST_CASE("refresh_groups recomputes open groups without rebuilding", "[search][filter]") {
    Catalogue c = sample_catalogue();
    SearchIndex index(c);
    CHECK_FALSE(index.has_open_groups(kJls));
    c.groups.push_back(group("g-7", "r-jls", 20600, GroupState::open));
    c.groups[1].state = GroupState::locked;  // r-jls-eco's only group
    index.refresh_groups(c.groups);
    CHECK(index.has_open_groups(kJls));
    CHECK_FALSE(index.has_open_groups(kJlsEco));
    SearchQuery q;
    q.only_with_open_groups = true;
    q.sort = SortKey::departure;
    CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kJls, kQuzhouRed});
}

TEST_CASE("malformed UTF-8 in the query does not crash and is skipped", "[search][utf8]") {
    const SearchIndex index(sample_catalogue());
    const auto clean = routes_of(index.search(text_query("江郎")));
    CHECK(routes_of(index.search(text_query(std::string("\xE6\xB1", 2) + "江郎"))) == clean);
    CHECK(routes_of(index.search(text_query("江郎" + std::string("\xE5", 1)))) == clean);  // IME cut mid-character
    CHECK(routes_of(index.search(text_query(std::string("\xFF\xFE\x80", 3)))) == kTitleOrder);  // nothing but junk

    std::mt19937 random(42);
    for (int i = 0; i < 2000; ++i) {
        std::string junk(random() % 12, '\0');
        for (char& byte : junk) byte = static_cast<char>(random() % 256);
        const auto hits = index.search(text_query(junk));
        CHECK(hits.size() <= kRouteCount);
    }
}

TEST_CASE("an empty catalogue searches to nothing", "[search]") {
    const SearchIndex index{Catalogue{}};
    CHECK(index.search(text_query("jls")).empty());
    CHECK(index.search(SearchQuery{}).empty());
}

TEST_CASE("demo catalogue: jls finds the 江郎山 routes, quzhou the 衢州 routes", "[search][demo]") {
    const std::filesystem::path path = std::filesystem::path(LIAOXIU_SOURCE_DIR) / "assets/demo/catalogue.json";
    REQUIRE(std::filesystem::exists(path));
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto parsed = parse_catalogue(buffer.str());
    REQUIRE(parsed.ok());
    const Catalogue& catalogue = parsed.value();
    const SearchIndex index(catalogue);

    auto mentions = [&](const Route& route, const std::string& word) {
        auto has = [&](const std::string& s) { return s.find(word) != std::string::npos; };
        if (has(route.title)) return true;
        for (const auto& t : route.themes) if (has(t)) return true;
        for (const auto& c : route.cities) if (has(c)) return true;
        for (const auto& day : route.itinerary)
            for (const auto& stop : day.stops)
                for (const auto& m : catalogue.members)
                    if (m.id == stop.member && has(m.name)) return true;
        return false;
    };
    for (const auto& [query, word] : {std::pair<std::string, std::string>{"jls", "江郎山"}, {"quzhou", "衢州"}}) {
        std::vector<std::size_t> expected;
        for (std::size_t r = 0; r < catalogue.routes.size(); ++r) {
            if (mentions(catalogue.routes[r], word)) expected.push_back(r);
        }
        INFO("query " << query);
        REQUIRE_FALSE(expected.empty());
        const auto found = sorted(routes_of(index.search(text_query(query))));
        // Every route mentioning the word is found; pinyin may find homophones too.
        CHECK(std::includes(found.begin(), found.end(), expected.begin(), expected.end()));
        const auto literal = sorted(routes_of(index.search(text_query(word))));
        CHECK(literal == expected);
    }
}

namespace {

Catalogue polyphonic_catalogue() {
    Catalogue c;
    c.members = {member("m-hotel", "衢州国际大酒店", Category::reception)};
    c.routes = {
        route("r-cq", "重庆山城", {"红色教育"}, {"重庆"}, 3, 100000, 0, {Season::spring}, {"m-hotel"}),
        route("r-cx", "长兴茶乡", {"乡村休闲"}, {"长兴"}, 2, 80000, 0, {Season::spring}, {"m-hotel"}),
        route("r-hc", "珲春边境", {"红色教育"}, {"珲春"}, 4, 90000, 0, {Season::summer}, {"m-hotel"}),
        route("r-zz", "郑州古都", {"红色教育"}, {"郑州"}, 2, 70000, 0, {Season::summer}, {"m-hotel"}),
    };
    return c;
}
enum : std::size_t { kChongqing, kChangxing, kHunchun, kZhengzhou };

}  // namespace

TEST_CASE("a polyphonic character matches by any of its readings", "[search][pinyin][polyphonic]") {
    const SearchIndex index(polyphonic_catalogue());
    CHECK(routes_of(index.search(text_query("chongqing"))) == std::vector<std::size_t>{kChongqing});
    CHECK(routes_of(index.search(text_query("zhongqing"))) == std::vector<std::size_t>{kChongqing});  // its first reading
    CHECK(routes_of(index.search(text_query("changxing"))) == std::vector<std::size_t>{kChangxing});
    CHECK(routes_of(index.search(text_query("zhangxing"))) == std::vector<std::size_t>{kChangxing});
    CHECK(routes_of(index.search(text_query("hunchun"))) == std::vector<std::size_t>{kHunchun});
    CHECK(routes_of(index.search(text_query("huichun"))) == std::vector<std::size_t>{kHunchun});
    CHECK(routes_of(index.search(text_query("qingshan"))) == std::vector<std::size_t>{kChongqing});  // mid-text
    CHECK(match_of(index.search(text_query("chongqing")), kChongqing) == MatchKind::pinyin);
    // Initials, by either reading: cq and zq find 重庆, cx 长兴; zz only 郑州.
    CHECK(routes_of(index.search(text_query("cq"))) == std::vector<std::size_t>{kChongqing});
    CHECK(routes_of(index.search(text_query("zq"))) == std::vector<std::size_t>{kChongqing});
    CHECK(routes_of(index.search(text_query("cxc"))) == std::vector<std::size_t>{kChangxing});
    CHECK(routes_of(index.search(text_query("zz"))) == std::vector<std::size_t>{kZhengzhou});
    CHECK(match_of(index.search(text_query("cq")), kChongqing) == MatchKind::initials);
    // Readings are not mixed within a syllable, and a text's spellings are not run together.
    CHECK(index.search(text_query("chongqinggzhong")).empty());
    CHECK(index.search(text_query("zhongqingchong")).empty());
}

TEST_CASE("a long title keeps its first spelling, and its polyphonic place is found by its city", "[search][polyphonic]") {
    Catalogue c = polyphonic_catalogue();
    // 16 characters: longer than a place or unit name, so indexed under its first spelling only.
    c.routes.push_back(route("r-long", "红色教育与生态康养相结合的重庆三日", {"生态康养"}, {"重庆"}, 3, 100000, 0,
                             {Season::spring}, {"m-hotel"}));
    const SearchIndex index(c);
    const std::size_t long_route = c.routes.size() - 1;
    auto finds = [&](const char* text) {
        const auto routes = routes_of(index.search(text_query(text)));
        return std::find(routes.begin(), routes.end(), long_route) != routes.end();
    };
    CHECK(finds("hongsejiaoyu"));      // the title's first spelling, from its start
    CHECK(finds("zhongqingsanri"));    // and from inside it
    CHECK(finds("chongqing"));         // the city 重庆 carries the other reading
    CHECK_FALSE(finds("chongqingsanri"));  // not the title's: only short texts get every reading
}

TEST_CASE("titles sort by their first reading", "[search][polyphonic]") {
    const SearchIndex index(polyphonic_catalogue());
    // huichun 珲春 < zhangxing 长兴 < zhengzhou 郑州 < zhongqing 重庆.
    CHECK(routes_of(index.search(SearchQuery{})) ==
          std::vector<std::size_t>{kHunchun, kChangxing, kZhengzhou, kChongqing});
}

TEST_CASE("without a table, search spells with the readings the catalogue brought", "[search][polyphonic][wire]") {
    const Catalogue catalogue = polyphonic_catalogue();
    const std::string text = nlohmann::json(catalogue).dump();  // carries "readings", from the table
    forget_learned_pinyin_readings();
    {
        const IgnoreBuiltinPinyinForTest no_table;  // as the web build
        const SearchIndex before(catalogue);
        CHECK(before.search(text_query("chongqing")).empty());  // no readings known yet
        CHECK(routes_of(before.search(text_query("重庆"))) == std::vector<std::size_t>{kChongqing});  // literally still

        auto decoded = decode<Catalogue>(nlohmann::json::parse(text), "");  // (its alliance is not in it)
        REQUIRE(decoded.ok());
        CHECK(decoded.value() == catalogue);  // the readings are no part of the model
        const SearchIndex index(decoded.value());
        CHECK(routes_of(index.search(text_query("chongqing"))) == std::vector<std::size_t>{kChongqing});
        CHECK(routes_of(index.search(text_query("cq"))) == std::vector<std::size_t>{kChongqing});
        CHECK(routes_of(index.search(text_query("changxing"))) == std::vector<std::size_t>{kChangxing});
        CHECK(routes_of(index.search(text_query("hunchun"))) == std::vector<std::size_t>{kHunchun});
    }
    forget_learned_pinyin_readings();
}

namespace {

Catalogue umlaut_catalogue() {
    Catalogue c;
    c.members = {member("m-hotel", "衢州国际大酒店", Category::reception)};
    c.routes = {
        route("r-lvliang", "吕梁山红色之旅", {"红色教育"}, {"吕梁"}, 3, 100000, 0, {Season::spring}, {"m-hotel"}),
        route("r-green", "绿水青山两日", {"生态康养"}, {"安吉"}, 2, 80000, 0, {Season::spring}, {"m-hotel"}),
        route("r-women", "女职工康养", {"中医康养"}, {"衢州"}, 2, 70000, 0, {Season::summer}, {"m-hotel"}),
        route("r-lueyang", "略阳古道", {"乡村休闲"}, {"略阳"}, 2, 60000, 0, {Season::autumn}, {"m-hotel"}),
        route("r-luzhou", "泸州酒城", {"乡村休闲"}, {"泸州"}, 2, 60000, 0, {Season::autumn}, {"m-hotel"}),
    };
    return c;
}
enum : std::size_t { kLvliang, kGreen, kWomen, kLueyang, kLuzhou };

}  // namespace

TEST_CASE("ü is found typed as v, yu or ü, and üe as ue", "[search][pinyin][umlaut]") {
    const SearchIndex index(umlaut_catalogue());
    const auto found = [&](const std::string& query) { return sorted(routes_of(index.search(text_query(query)))); };
    using Routes = std::vector<std::size_t>;
    // 吕 lǚ: lv (as the index spells it), lyu, lü; and whole words, and while typing.
    CHECK(found("lvliang") == Routes{kLvliang});
    CHECK(found("lyuliang") == Routes{kLvliang});
    CHECK(found("lüliang") == Routes{kLvliang});
    CHECK(found("LÜLIANG") == Routes{kLvliang});
    CHECK(found("lyul") == Routes{kLvliang});
    CHECK(match_of(index.search(text_query("lyuliang")), kLvliang) == MatchKind::pinyin);
    // 绿 lǜ: lv and lyu; "ly" (typing lyu) already finds both lü routes (and 略阳 by its initials).
    CHECK(found("lvshui") == Routes{kGreen});
    CHECK(found("lyushui") == Routes{kGreen});
    CHECK(found("lyu") == Routes{kLvliang, kGreen, kLueyang});  // lyu… may go on to lyue (略)
    CHECK(found("ly") == Routes{kLvliang, kGreen, kLueyang});
    // 女 nǚ: nv, nyu, nü.
    CHECK(found("nvzhigong") == Routes{kWomen});
    CHECK(found("nyuzhigong") == Routes{kWomen});
    CHECK(found("nüzhigong") == Routes{kWomen});
    // 略 lüè: lve, lue, lüe.
    CHECK(found("lveyang") == Routes{kLueyang});
    CHECK(found("lueyang") == Routes{kLueyang});
    CHECK(found("lüeyang") == Routes{kLueyang});
    // u is not ü: lu finds 泸州 (lu zhou) and 绿水 (绿 is also read lù), never 吕梁 or 女;
    // v alone starts no syllable.
    CHECK(found("luzhou") == Routes{kLuzhou});
    CHECK(found("lu") == Routes{kGreen, kLuzhou});
    CHECK(found("nu").empty());
    CHECK(found("v").empty());
    // Initials are unchanged: ll is 吕梁.
    CHECK(found("lls") == Routes{kLvliang});
}

TEST_CASE("a worker's alliance comes first, in every sort, the others still following", "[search][alliance]") {
    Catalogue c = sample_catalogue();
    c.routes[kLongyou].alliance = "a-hn";  // two routes of another alliance
    c.routes[kSanhu].alliance = "a-hn";
    const SearchIndex index(c);

    SearchQuery q;
    q.sort = SortKey::price;
    q.first_alliance = "a-hn";
    // Its own part in price order (longyou 30000, sanhu 280000), then the rest in price order.
    CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kLongyou, kSanhu, kJlsEco, kJiangHomophone, kChangyou,
                                                                 kJixiang, kJls, kQuzhouRed});
    q.sort = SortKey::relevance;
    CHECK(routes_of(index.search(q)) == std::vector<std::size_t>{kLongyou, kSanhu, kChangyou, kJiangHomophone, kJls,
                                                                 kJlsEco, kJixiang, kQuzhouRed});
    // With a query: only the hits, the alliance's first, matches ranked within each part.
    q.text = "jianglangshan";
    q.first_alliance = "a-qz";
    CHECK(routes_of(index.search(q)) == routes_of(index.search(text_query("jianglangshan"))));
    // An alliance the index does not know changes nothing.
    SearchQuery unknown;
    unknown.first_alliance = "a-none";
    CHECK(routes_of(index.search(unknown)) == kTitleOrder);
}

TEST_CASE("the leading alliance: chosen on the device, else the unit's, else the catalogue's first", "[search][alliance]") {
    Catalogue c;
    c.alliances = {Alliance{"a-qz", "衢州市职工疗休养联盟", "浙江·衢州"}, Alliance{"a-hn", "河南省联盟", "河南"}};
    c.units = {Unit{"u-qz", "衢州学院", "衢州", std::nullopt, "a-qz"}, Unit{"u-zz", "郑州地铁", "郑州", std::nullopt, "a-hn"},
               Unit{"u-new", "新单位", "衢州"}};
    auto id_of = [&](std::string_view chosen, std::string_view unit) {
        const Alliance* a = leading_alliance(c, chosen, unit);
        return a ? a->id : Id("none");
    };
    CHECK(id_of("", "") == "a-qz");
    CHECK(id_of("", "u-zz") == "a-hn");
    CHECK(id_of("a-qz", "u-zz") == "a-qz");    // a choice wins
    CHECK(id_of("a-gone", "u-zz") == "a-hn");  // a choice the catalogue no longer has does not
    CHECK(id_of("", "u-new") == "a-qz");       // a unit whose alliance is not known
    CHECK(id_of("", "u-unknown") == "a-qz");
    CHECK(id_of("a-hn", "") == "a-hn");
    CHECK(leading_alliance(Catalogue{}, "a-qz", "u-qz") == nullptr);
}
