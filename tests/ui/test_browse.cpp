// Browsing: home, the catalogue (search, filters, sort), route detail, members, policies.
#include "ui_driver.hpp"

#include "core/contact_links.hpp"
#include "core/generate.hpp"
#include "core/price_includes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

const Route& route_by_title(const sync::ClientState& state, const std::string& title) {
    for (const Route& r : state.catalogue.routes)
        if (r.title == title) return r;
    throw std::runtime_error("no route " + title);
}

const Route& route_by_id(const sync::ClientState& state, const std::string& id) {
    for (const Route& r : state.catalogue.routes)
        if (r.id == id) return r;
    throw std::runtime_error("no route " + id);
}

}  // namespace

TEST_CASE("home shows the alliance, featured routes, groups closing soon and policies", "[ui][home]") {
    UiDriver ui;
    CHECK(ui.ui.location() == "#/");
    CHECK(ui.shows("衢州市职工疗休养联盟"));
    CHECK(ui.shows("当季主题"));
    const auto cards = ui.route_cards();
    REQUIRE(!cards.empty());
    CHECK(cards.front() == ui.state.catalogue.routes.front().title);
    // g-qz-005 (胡柚飘香·三衢石林三日, deadline 2027-01-03) closes first of the groups still taking joins.
    CHECK(ui.shows("胡柚飘香·三衢石林三日 · 2027-01-08"));
    CHECK(ui.shows("政策宣传"));
    CHECK(ui.shows("在线"));
}

TEST_CASE("a worker's own alliance leads home and the catalogue, and a tap puts another first", "[ui][home][alliance]") {
    UiDriver ui;
    ui.state.session = testing::make_session("u-zz-metro-01", "郑州地铁职工1", sync::Role::worker, "u-zz-metro");
    ui.touch();
    ui.frames(2);
    auto alliance_of = [&](const std::string& title) { return route_by_title(ui.state, title).alliance; };
    // Home: the Henan alliance by name, its routes featured, the switch to the other one.
    CHECK(ui.shows("河南省工会系统疗休养机构联盟"));
    REQUIRE(ui.find_item("切换到：浙江·衢州"));
    auto cards = ui.route_cards();
    REQUIRE_FALSE(cards.empty());
    for (const auto& title : cards) CHECK(alliance_of(title) == "a-henan");

    // The catalogue: Henan's routes first, then the others, all of them.
    ui.ui.open_location("#/routes");
    ui.frames(2);
    cards = ui.route_cards();
    REQUIRE_FALSE(cards.empty());
    CHECK(alliance_of(cards.front()) == "a-henan");
    bool others_began = false;
    for (const auto& title : cards) {
        if (alliance_of(title) != "a-henan") others_began = true;
        else CHECK_FALSE(others_began);
    }
    // The others follow (off this screen): every route is still found.
    CHECK(ui.shows("找到 " + std::to_string(ui.state.catalogue.routes.size()) + " 条线路"));

    // 浙江·衢州 tapped: Quzhou's routes lead, for this worker's visit; the device keeps no choice.
    REQUIRE(ui.click("浙江·衢州"));
    cards = ui.route_cards();
    REQUIRE_FALSE(cards.empty());
    CHECK(alliance_of(cards.front()) == "a-quzhou");
    CHECK(ui.ui.alliance_chosen_signed_out().empty());

    // Signed out: the catalogue's first until someone chooses; that choice is the device's.
    ui.state.session.reset();
    ui.touch();
    ui.frames(2);
    CHECK(alliance_of(ui.route_cards().front()) == "a-quzhou");
    REQUIRE(ui.click("河南"));
    CHECK(alliance_of(ui.route_cards().front()) == "a-henan");
    CHECK(ui.ui.alliance_chosen_signed_out() == "a-henan");
}

TEST_CASE("the catalogue's cards follow a catalogue of the same version and size in another order", "[ui][catalogue]") {
    // The endpoint's snapshot lists routes in its own order (by id), not the bundled file's: the
    // search index numbers routes by position, so it must be built again, or the cards would
    // show whichever routes now sit at the old positions.
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    const auto before = ui.route_cards();
    REQUIRE(before.size() >= 2);
    std::reverse(ui.state.catalogue.routes.begin(), ui.state.catalogue.routes.end());
    ui.touch();
    ui.frames(2);
    CHECK(ui.route_cards() == before);
}

TEST_CASE("tapping a route card opens the route", "[ui][home]") {
    UiDriver ui;
    const Route& first = ui.state.catalogue.routes.front();
    REQUIRE(ui.click(first.title));
    CHECK(ui.ui.location() == "#/route/" + first.id);
}

TEST_CASE("searching by initials finds 江郎山 routes and typing Chinese narrows the list", "[ui][catalogue]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    const std::size_t everything = ui.route_cards().size();
    REQUIRE(everything >= 3);

    REQUIRE(ui.click("搜索"));
    ui.type("jls");
    const auto found = ui.route_cards();
    REQUIRE(!found.empty());
    CHECK(std::find(found.begin(), found.end(), "世遗江郎·廿八都古镇三日") != found.end());
    CHECK(ui.shows("找到 " + std::to_string(found.size()) + " 条线路"));
    CHECK(!ui.shows("找到 26 条线路"));

    UiDriver chinese;
    chinese.ui.open_location("#/routes");
    chinese.frames(2);
    REQUIRE(chinese.click("搜索"));
    chinese.type("婺剧");
    CHECK(chinese.route_cards() == std::vector<std::string>{"非遗体验+乡村休闲·婺剧与喝彩歌谣两日"});
    CHECK(chinese.missing_glyphs() == 0);
}

TEST_CASE("a screen opened from far down another is drawn from its top in its first frame", "[ui][catalogue]") {
    // A kiosk's visitor wheels down a group's screen to its QR code, then taps 线路. Were
    // the catalogue's first frame drawn at the group's scroll, a tap aimed at what that frame
    // showed would land beside the search field once the screen moved to its top.
    UiDriver ui;
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    ImGuiIO& io = ImGui::GetIO();
    for (int notch = 0; notch < 30; ++notch) {
        io.MousePos = ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2);
        io.MouseWheel = -1.0f;
        ui.frame();
    }
    const auto& group_items = ui.items.last_frame();
    REQUIRE(std::any_of(group_items.begin(), group_items.end(),  // scrolled past the group's first lines
                        [](const ui::ItemRecord& item) { return item.min.y < 0; }));

    ui.ui.open_location("#/routes");
    ui.frame();
    const ui::ItemRecord* first = ui.find_item("搜索");
    REQUIRE(first);
    const float first_frame_top = first->min.y;
    CHECK(first->visible);
    ui.frames(3);
    const ui::ItemRecord* settled = ui.find_item("搜索");
    REQUIRE(settled);
    CHECK(first_frame_top == settled->min.y);
}

TEST_CASE("a query asked again shows its earlier results, but never those of a changed catalogue", "[ui][catalogue]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    REQUIRE(ui.click("搜索"));
    ui.type("jl");
    const auto jl = ui.route_cards();
    ui.type("s");
    const auto jls = ui.route_cards();
    REQUIRE(!jls.empty());
    ui.press_backspace();
    CHECK(ui.route_cards() == jl);
    ui.type("s");
    CHECK(ui.route_cards() == jls);

    // The first route found goes from the catalogue: "jls" is searched anew.
    auto& routes = ui.state.catalogue.routes;
    routes.erase(std::find_if(routes.begin(), routes.end(), [&](const Route& r) { return r.title == jls.front(); }));
    ui.touch();
    ui.frames(2);
    const auto after = ui.route_cards();
    CHECK(after.size() == jls.size() - 1);
    CHECK(std::find(after.begin(), after.end(), jls.front()) == after.end());
}

TEST_CASE("sorting by price orders the cards, again reverses, and a filter keeps only matching routes", "[ui][catalogue]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    // Signed out, the catalogue's first alliance leads: its routes first, each part by price.
    const Id leading = ui.state.catalogue.alliances.front().id;
    Fen cheapest = INT64_MAX, dearest = 0;
    for (const Route& r : ui.state.catalogue.routes) {
        if (r.alliance != leading) continue;
        cheapest = std::min(cheapest, r.price - r.subsidy);
        dearest = std::max(dearest, r.price - r.subsidy);
    }
    const std::string before = ui.route_cards().front();

    REQUIRE(ui.click("价格"));
    auto cards = ui.route_cards();
    REQUIRE(cards.size() >= 2);
    const Route& first = route_by_title(ui.state, cards[0]);
    CHECK(first.price - first.subsidy == cheapest);
    for (std::size_t i = 1; i < cards.size(); ++i) {
        const Route& a = route_by_title(ui.state, cards[i - 1]);
        const Route& b = route_by_title(ui.state, cards[i]);
        CHECK_FALSE((a.alliance != leading && b.alliance == leading));
        if (a.alliance == b.alliance) CHECK(a.price - a.subsidy <= b.price - b.subsidy);
    }

    REQUIRE(ui.click("价格 ↑"));  // the chosen sort, tapped again, turns around
    cards = ui.route_cards();
    const Route& top = route_by_title(ui.state, cards.front());
    CHECK(top.price - top.subsidy == dearest);
    CHECK(cards.front() != before);

    REQUIRE(ui.click("筛选"));
    REQUIRE(ui.click("5天以上"));
    REQUIRE(ui.click("筛选"));  // fold the panel away; the filter stays
    cards = ui.route_cards();
    REQUIRE(!cards.empty());
    for (const auto& title : cards) CHECK(route_by_title(ui.state, title).days >= 5);
}

TEST_CASE("the title bar names the alliance of the route, group or member on screen", "[ui][route]") {
    UiDriver ui;
    const std::string quzhou = "衢州市职工疗休养联盟", henan = "河南省工会系统疗休养机构联盟";
    ui.ui.open_location("#/route/r-hn-longmen-3d");
    ui.frames(2);
    CHECK(ui.shows(henan));
    CHECK_FALSE(ui.shows(quzhou));
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    CHECK(ui.shows(quzhou));
    CHECK_FALSE(ui.shows(henan));
    ui.ui.open_location("#/routes");  // the catalogue spans both: the app's own name
    ui.frames(2);
    CHECK(ui.shows("疗休 · 职工疗休养"));
    CHECK_FALSE(ui.shows(henan));
}

TEST_CASE("route detail shows the itinerary's members and the route's open groups", "[ui][route]") {
    UiDriver ui;
    const Route& route = route_by_id(ui.state, "r-qz-red-eco-3d");
    ui.ui.open_location("#/route/" + route.id);
    ui.frames(2);
    CHECK(ui.shows(route.title));
    CHECK(ui.shows("补贴后 ¥480/人"));
    CHECK(ui.shows("第1天"));
    const Stop& stop = route.itinerary.front().stops.front();
    const Member* member = nullptr;
    for (const Member& m : ui.state.catalogue.members)
        if (m.id == stop.member) member = &m;
    REQUIRE(member);
    CHECK(ui.shows(member->name));
    CHECK(ui.scroll_down_to("拨打 " + member->phone));
    // Its open group g-qz-001 leaves on 2027-04-10 and still needs six.
    CHECK(ui.shows("出发日期：2027-04-10"));
    CHECK(ui.shows("还差6人成团"));
    // Only an organizer may open a group here.
    CHECK(!ui.find_item("在此线路发起拼团"));
}

TEST_CASE("a route says what its price includes, and its members can be called, copied and found on a map",
          "[ui][route]") {
    UiDriver ui;
    const Route& route = route_by_id(ui.state, "r-qz-red-eco-3d");
    const PriceIncludes includes = price_includes(route);
    REQUIRE(includes.nights == route.nights);
    ui.ui.open_location("#/route/" + route.id);
    ui.frames(2);
    CHECK(ui.shows("费用包含：住宿" + std::to_string(route.nights) + "晚 · 用餐" + std::to_string(includes.meals) + "次"));
    // The members' wholesale prices (what the agency pays them) are not on the worker's route.
    for (const Member& m : ui.state.catalogue.members)
        for (const Service& service : m.services) CHECK_FALSE(ui.shows(service.name + "  ¥"));

    const Stop& stop = route.itinerary.front().stops.front();
    const Member* member = nullptr;
    for (const Member& m : ui.state.catalogue.members)
        if (m.id == stop.member) member = &m;
    REQUIRE(member);
    REQUIRE(ui.scroll_down_to("拨打 " + member->phone));
    REQUIRE(ui.click("拨打 " + member->phone));
    REQUIRE(ui.services.opened_links.size() == 1);
    CHECK(ui.services.opened_links.back() == tel_link(member->phone));
    REQUIRE(ui.click("复制地址"));
    CHECK(ui.services.copied.back() == member->address);
    CHECK(ui.shows("地址已复制"));
    REQUIRE(ui.click("地图"));
    CHECK(ui.services.opened_links.back() == map_link(*member));

    // A kiosk shows the number and address as text: no dialler, no map leaving the screen.
    UiDriver kiosk;
    kiosk.state.kiosk = true;
    kiosk.ui.open_location("#/route/" + route.id);
    kiosk.frames(2);
    CHECK(kiosk.shows("电话：" + member->phone));
    CHECK_FALSE(kiosk.find_item("拨打 " + member->phone));
    CHECK_FALSE(kiosk.find_item("地图"));
}

TEST_CASE("the catalogue scrolls 10k routes by drawing only the cards on screen", "[ui][catalogue][scale]") {
    UiDriver ui;
    ui.state.catalogue = generate_catalogue(ScaleSpec{10000, 2000, 2000}, 7);
    ui.state.groups.clear();
    ui.touch();
    ui.ui.open_location("#/routes");
    ui.frames(3);
    CHECK(ui.shows("找到 10000 条线路"));
    int cards = 0;
    for (const auto& item : ui.items.last_frame())
        if (item.id != 0 && item.max.y - item.min.y > 80) ++cards;
    CHECK(cards > 0);
    CHECK(cards < 20);
    CHECK(ui.missing_glyphs() == 0);
}

TEST_CASE("the member directory filters by category", "[ui][members]") {
    UiDriver ui;
    ui.ui.open_location("#/members");
    ui.frames(2);
    REQUIRE(ui.click("康养服务"));
    int shown = 0;
    for (const auto& item : ui.items.last_frame()) {
        if (item.id == 0 || !item.visible) continue;
        for (const Member& m : ui.state.catalogue.members)
            if (m.name == item.label) {
                ++shown;
                CHECK(m.category == Category::wellness);
            }
    }
    CHECK(shown > 0);

    // A member lists the routes that stop there.
    const Member* wellness = nullptr;
    for (const Member& m : ui.state.catalogue.members)
        if (m.category == Category::wellness && ui.find_item(m.name) && ui.find_item(m.name)->visible) {
            wellness = &m;
            break;
        }
    REQUIRE(wellness);
    REQUIRE(ui.click(wellness->name));
    CHECK(ui.ui.location() == "#/member/" + wellness->id);
    CHECK(ui.shows("参与的线路"));
}

TEST_CASE("policies open as articles", "[ui][policies]") {
    UiDriver ui;
    ui.ui.open_location("#/policies");
    ui.frames(2);
    const Policy& policy = ui.state.catalogue.policies.front();
    REQUIRE(ui.click(policy.title));
    CHECK(ui.ui.location() == "#/policy/" + policy.id);
    CHECK(ui.shows(policy.body.substr(0, 30)));
}

TEST_CASE("the open filters end with 查看N条结果, which counts what they leave and closes them", "[ui][catalogue]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(2);
    const std::string all = "查看 " + std::to_string(ui.state.catalogue.routes.size()) + " 条结果";
    CHECK(!ui.find_item(all));  // only while the filters are open
    REQUIRE(ui.click("筛选"));
    ui.frames(2);
    CHECK(ui.scroll_down_to(all));
    REQUIRE(ui.click("5天以上"));
    ui.frames(2);
    std::size_t long_routes = 0;
    for (const Route& route : ui.state.catalogue.routes) long_routes += route.days >= 5 ? 1 : 0;
    REQUIRE(long_routes > 0);
    REQUIRE(long_routes < ui.state.catalogue.routes.size());
    const std::string narrowed = "查看 " + std::to_string(long_routes) + " 条结果";
    REQUIRE(ui.scroll_down_to(narrowed));
    REQUIRE(ui.click(narrowed));
    ui.frames(2);
    CHECK(!ui.find_item("5天以上"));  // the panel is closed; the filter stays
    CHECK(ui.shows("找到 " + std::to_string(long_routes) + " 条线路"));
    const std::vector<std::string> cards = ui.route_cards();
    REQUIRE(!cards.empty());
    for (const auto& title : cards) CHECK(route_by_title(ui.state, title).days >= 5);
}
