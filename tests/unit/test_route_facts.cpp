// What a route shows a worker beyond its own fields: what the price includes, and the links
// from a member to the dialler and the map.
#include <catch2/catch.hpp>

#include "core/contact_links.hpp"
#include "core/price_includes.hpp"

using namespace liaoxiu;

namespace {

Route route_with(std::vector<std::vector<StopKind>> days, int nights) {
    Route r;
    r.days = static_cast<int>(days.size());
    r.nights = nights;
    int n = 1;
    for (const auto& kinds : days) {
        ItineraryDay day;
        day.day = n++;
        for (StopKind kind : kinds) day.stops.push_back(Stop{kind, "m-1", ""});
        r.itinerary.push_back(day);
    }
    return r;
}

}  // namespace

TEST_CASE("a route's price includes what its itinerary's stops are", "[route][price]") {
    using K = StopKind;
    const Route three_days = route_with({{K::travel, K::tour, K::eat, K::stay},
                                         {K::wellness, K::eat, K::tour, K::eat, K::stay},
                                         {K::tour, K::eat, K::travel}}, 2);
    CHECK(price_includes(three_days) == PriceIncludes{2, 4, true, 3, 1});
    // Nights only where the itinerary has somewhere to stay; nothing at all for no stops.
    CHECK(price_includes(route_with({{K::tour, K::eat}}, 1)) == PriceIncludes{0, 1, false, 1, 0});
    CHECK(price_includes(route_with({}, 0)).empty());
    CHECK_FALSE(price_includes(three_days).empty());
}

TEST_CASE("tel: links keep the digits a dialler needs", "[route][links]") {
    CHECK(tel_link("0570-8888888") == "tel:0570-8888888");
    CHECK(tel_link("0570 888 8888") == "tel:05708888888");
    CHECK(tel_link("+86 570-888-8888") == "tel:+86570-888-8888");
    CHECK(tel_link("（0570）8888888 转 2") == "tel:05708888888");  // the extension is not dialled
    CHECK(tel_link("(0570) 888.8888/8888889") == "tel:05708888888");
    CHECK(tel_link("--0570--1-") == "tel:0570-1");
    CHECK(tel_link("无") == "");
    CHECK(tel_link("") == "");
    CHECK(tel_link("110\"><script>") == "tel:110");  // nothing but digits, + and - gets through
    CHECK(tel_link("tel:110").empty());
}

TEST_CASE("a map link searches Amap for the member by name and address, in its city", "[route][links]") {
    Member m;
    m.name = "江郎山";
    m.city = "江山";
    m.address = "石门镇 1号&x=1";
    CHECK(map_link(m) ==
          "https://uri.amap.com/search?keyword=%E6%B1%9F%E9%83%8E%E5%B1%B1%20%E7%9F%B3%E9%97%A8%E9%95%87%201%E5%8F%B7%26x%3D1"
          "&city=%E6%B1%9F%E5%B1%B1&callnative=1");
    m.address.clear();
    m.city.clear();
    CHECK(map_link(m) == "https://uri.amap.com/search?keyword=%E6%B1%9F%E9%83%8E%E5%B1%B1&callnative=1");
    m.name.clear();
    CHECK(map_link(m).empty());
}

TEST_CASE("a phone number is digits with a leading + and single separators, 5 to 15 digits", "[contact]") {
    for (const char* good : {"0570-3021234", "13805701234", "+86 138 0570 1234", "(0570) 3021234", "0570 302 1234",
                             "12345", "+86-570-3021234"})
        CHECK(is_phone_number(good));
    for (const char* bad : {"", "1234", "0570--3021234", "0570-", "-0570", "0570-3021234转8", "call me", "1234567890123456",
                            "0570(302)", "(0570 3021234", "0570) 3021234", "+", "86+0570", "0570 / 3021234",
                            "0570-3021234-0570-3021234-1"})
        CHECK_FALSE(is_phone_number(bad));
}
