// The secretariat's route and policy desk: the route designer (live rules at their fields,
// the member picker by pinyin, publish), the route list, the season board, the policy
// editor with its preview and links, and the worker's policy screen showing those links.
#include "ui_driver.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

constexpr float kOfficeWidth = 1366, kOfficeHeight = 768;

void sign_in_secretariat(UiDriver& ui) {
    ui.state.session = testing::make_session("admin", "秘书处", sync::Role::secretariat, "");
    ui.touch();
    ui.frames(2);
}

// The first noted text (or item) containing `text` in the last frame.
const ui::ItemRecord* record_of(const UiDriver& ui, const std::string& text) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label.find(text) != std::string::npos) return &item;
    return nullptr;
}

// Scrolls the panel under `over` (the designer's form, the season board) down and then back up,
// or right with `sideways`, until an item labelled `label` is drawn in view (a button out of
// view is not labelled at all, so the driver's click cannot find it on its own).
bool reach(UiDriver& ui, const std::string& label, ImVec2 over = ImVec2(300, 450), bool sideways = false) {
    ImGuiIO& io = ImGui::GetIO();
    for (int step = 0; step < 240; ++step) {
        if (const ui::ItemRecord* item = ui.find_item(label); item && item->visible) return true;
        io.MousePos = over;
        if (sideways) io.MouseWheelH = -3.0f;
        else io.MouseWheel = step < 120 ? -1.0f : 1.0f;
        ui.frame();
        io.MouseWheelH = 0.0f;
    }
    return false;
}

bool called(const UiDriver& ui, const std::string& prefix) {
    return std::any_of(ui.intents.calls.begin(), ui.intents.calls.end(),
                       [&](const std::string& call) { return call.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("the desk's pages are the secretariat's: nobody else is shown them", "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    for (const char* where : {"#/desk/routes", "#/desk/route/new", "#/desk/seasons", "#/desk/policies", "#/desk/policy/new"}) {
        ui.ui.open_location(where);
        ui.frames(2);
        CHECK(ui.ui.location() == where);  // the location reads back as given
        CHECK_FALSE(ui.shows("线路设计"));
        CHECK_FALSE(ui.shows("保存草稿"));
    }
    ui.state.session = testing::make_session("o-1", "李老师", sync::Role::organizer, "u-qz-power");
    ui.touch();
    ui.ui.open_location("#/desk/routes");
    ui.frames(2);
    CHECK_FALSE(ui.shows("＋ 新建线路"));
    CHECK(ui.intents.calls.empty());
}

TEST_CASE("the designer: too few categories shown at the itinerary, a wellness stop clears it, publish",
          "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    CHECK(ui.shows("新建线路"));
    CHECK(called(ui, "load_drafts"));

    REQUIRE(ui.click("线路名称"));
    ui.type("江郎山康养两日游");
    CHECK(ui.shows("江郎山康养两日游"));  // the preview draws what is typed, as a worker's phone would

    // Day 1: a stay picked by pinyin.
    REQUIRE(reach(ui, "＋ 添加站点"));
    REQUIRE(ui.click("＋ 添加站点"));
    CHECK(ui.shows("为第 1 天选择成员单位"));
    REQUIRE(reach(ui, "住"));
    REQUIRE(ui.click("住"));
    REQUIRE(ui.click("搜索成员单位"));
    ui.type("jianglang");
    REQUIRE(reach(ui, "江郎山山居酒店"));
    CHECK(ui.find_item("江郎山山居酒店"));
    CHECK(ui.find_item("江郎山"));
    CHECK_FALSE(ui.find_item("衢州国际大酒店"));  // not a match
    REQUIRE(reach(ui, "江郎山山居酒店"));
    REQUIRE(ui.click("江郎山山居酒店"));
    REQUIRE(reach(ui, "游"));
    REQUIRE(ui.click("游"));
    REQUIRE(reach(ui, "江郎山"));
    REQUIRE(ui.click("江郎山"));

    // Two categories, no wellness stop: both problems are drawn at the itinerary.
    CHECK(ui.shows("线路须联动至少 3 类成员单位，目前只有 2 类"));
    CHECK(ui.shows("线路缺少康养项目"));
    CHECK_FALSE(ui.shows("线路缺少住宿安排"));
    const ui::ItemRecord* section = record_of(ui, "行程安排");
    const ui::ItemRecord* problem = record_of(ui, "线路须联动至少 3 类成员单位");
    const ui::ItemRecord* day_one = record_of(ui, "第 1 天");
    REQUIRE(section);
    REQUIRE(problem);
    REQUIRE(day_one);
    CHECK(section->min.y < problem->min.y);
    CHECK(problem->min.y < day_one->min.y);
    CHECK(ui.shows("还有 2 个问题"));

    // Publishing with problems left is refused here, and says why.
    REQUIRE(ui.click("发布"));
    CHECK(ui.shows("请先改正标出的问题再发布"));
    CHECK_FALSE(called(ui, "publish_route"));
    CHECK_FALSE(called(ui, "save_route"));

    // A wellness stop, filtered by its category: both problems go.
    REQUIRE(reach(ui, "康养"));
    REQUIRE(ui.click("康养"));
    REQUIRE(reach(ui, "康养服务"));
    REQUIRE(ui.click("康养服务"));
    CHECK_FALSE(ui.find_item("江郎山"));  // an experience, filtered out
    REQUIRE(reach(ui, "江郎山森林温泉康养中心"));
    REQUIRE(ui.click("江郎山森林温泉康养中心"));
    CHECK_FALSE(ui.shows("线路须联动至少 3 类成员单位"));
    CHECK_FALSE(ui.shows("线路缺少康养项目"));
    CHECK(ui.shows("符合线路设计规则，可以发布"));

    REQUIRE(ui.click("发布"));
    REQUIRE(ui.intents.saved_routes.size() == 1);
    const Route& saved = ui.intents.saved_routes.back();
    CHECK(saved.title == "江郎山康养两日游");
    CHECK(saved.status == PublishStatus::draft);
    REQUIRE(saved.itinerary.size() == 2);
    REQUIRE(saved.itinerary[0].stops.size() == 3);
    CHECK(saved.itinerary[0].stops[0].kind == StopKind::stay);
    CHECK(saved.itinerary[0].stops[0].member == "m-qz-hotel-jianglang");
    CHECK(saved.itinerary[0].stops[2].kind == StopKind::wellness);
    CHECK(saved.itinerary[0].stops[2].member == "m-qz-spa-jianglang");
    CHECK(ui.intents.calls.back() == "publish_route " + saved.id);
    CHECK(ui.ui.location() == "#/desk/route/" + saved.id);  // the draft has its own place now
}

TEST_CASE("the designer reads numbers and money, and shows each problem at its field", "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/route/" + ui.state.catalogue.routes.at(0).id);
    ui.frames(3);
    CHECK(ui.shows("编辑线路"));
    CHECK(ui.shows("状态：已发布"));
    CHECK(ui.shows("符合线路设计规则，可以发布"));
    REQUIRE(reach(ui, "工会补贴（元/人）"));
    REQUIRE(ui.click("工会补贴（元/人）"));
    ui.type("1..2");
    CHECK(ui.shows("请填写金额，如 1280 或 1280.50"));
    REQUIRE(ui.click("晚数"));
    ui.type("9");  // more nights than days
    CHECK(ui.shows("住宿晚数须在 0 到行程天数之间"));
    // A published route offers unpublishing (and no publish button).
    CHECK_FALSE(ui.find_item("发布"));
    REQUIRE(ui.click("撤回发布"));
    CHECK(ui.intents.calls.back() == "unpublish_route " + ui.state.catalogue.routes.at(0).id);
}

TEST_CASE("the route list shows drafts beside published routes, and a draft opens in the designer", "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    Route draft = ui.state.catalogue.routes.at(0);
    draft.id = "r-draft-1";
    draft.title = "冬季温泉疗休养（草拟）";
    draft.status = PublishStatus::draft;
    draft.itinerary.resize(1);
    ui.state.draft_routes.push_back(draft);
    ui.state.drafts_loaded = true;
    ui.touch();
    ui.ui.open_location("#/desk/routes");
    ui.frames(3);
    CHECK(ui.shows("共 27 条线路（草稿 1 条）"));
    REQUIRE(ui.click("草稿"));  // the filter
    CHECK(ui.find_item("冬季温泉疗休养（草拟）"));
    CHECK_FALSE(ui.find_item(ui.state.catalogue.routes.at(1).title));
    REQUIRE(ui.click("冬季温泉疗休养（草拟）"));
    CHECK(ui.ui.location() == "#/desk/route/r-draft-1");
    CHECK(ui.shows("状态：草稿"));
    CHECK(ui.shows("编辑线路"));
    REQUIRE(ui.click("保存草稿"));
    REQUIRE(ui.intents.saved_routes.size() == 1);
    CHECK(ui.intents.saved_routes.back().id == "r-draft-1");
    CHECK(ui.intents.saved_routes.back().title == "冬季温泉疗休养（草拟）");
}

TEST_CASE("the designer picks the route's alliance: the catalogue's first, then the one used last", "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    REQUIRE(ui.state.catalogue.alliances.size() == 2);
    const Alliance first = ui.state.catalogue.alliances.at(0), second = ui.state.catalogue.alliances.at(1);
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    CHECK(ui.shows("所属联盟"));
    CHECK(ui.find_item(first.name));
    CHECK(ui.find_item(second.name));
    REQUIRE(ui.click("保存草稿"));
    REQUIRE(ui.intents.saved_routes.size() == 1);
    CHECK(ui.intents.saved_routes.back().alliance == first.id);
    CHECK(ui.intents.saved_routes.back().region == first.region);

    // Another alliance: its region comes with it; saved with it.
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    REQUIRE(ui.click(second.name));
    REQUIRE(ui.click("保存草稿"));
    REQUIRE(ui.intents.saved_routes.size() == 2);
    CHECK(ui.intents.saved_routes.back().alliance == second.id);
    CHECK(ui.intents.saved_routes.back().region == second.region);

    // The next new route starts with the one used last.
    ui.ui.open_location("#/desk/routes");
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    REQUIRE(ui.click("保存草稿"));
    REQUIRE(ui.intents.saved_routes.size() == 3);
    CHECK(ui.intents.saved_routes.back().alliance == second.id);
}

TEST_CASE("a draft is deleted in two steps (删除草稿 then 确认删除) and a published or new route offers no delete",
          "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    Route draft = ui.state.catalogue.routes.at(0);
    draft.id = "r-draft-del";
    draft.title = "待删除的草稿线路";
    draft.status = PublishStatus::draft;
    ui.state.draft_routes.push_back(draft);
    ui.state.drafts_loaded = true;
    ui.touch();

    ui.ui.open_location("#/desk/route/" + ui.state.catalogue.routes.at(0).id);
    ui.frames(3);
    CHECK(ui.find_item("撤回发布"));
    CHECK_FALSE(ui.find_item("删除草稿"));  // published: unpublish first
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    CHECK_FALSE(ui.find_item("删除草稿"));  // nothing stored yet

    ui.ui.open_location("#/desk/route/r-draft-del");
    ui.frames(3);
    CHECK(ui.shows("状态：草稿"));
    REQUIRE(ui.click("删除草稿"));
    CHECK(ui.shows("删除后不可恢复"));
    CHECK_FALSE(called(ui, "delete_route"));  // not yet
    REQUIRE(ui.click("取消"));
    CHECK_FALSE(ui.find_item("确认删除"));
    CHECK_FALSE(called(ui, "delete_route"));
    REQUIRE(ui.click("删除草稿"));
    REQUIRE(ui.click("确认删除"));
    ui.frames(2);
    CHECK(ui.intents.calls.back() == "delete_route r-draft-del");
    CHECK(ui.ui.location() == "#/desk/routes");  // back to the list, where the draft goes once the endpoint agrees
}

TEST_CASE("the season board counts routes per season and theme and shows the gaps", "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    // The gaps, counted here on their own: (season, theme) pairs no route covers.
    std::set<std::string> themes;
    std::set<std::pair<int, std::string>> covered;
    for (const Route& r : ui.state.catalogue.routes)
        for (const auto& t : r.themes) {
            themes.insert(t);
            for (Season s : r.seasons) covered.insert({static_cast<int>(s), t});
        }
    const int gaps = static_cast<int>(themes.size() * 4 - covered.size());
    ui.ui.open_location("#/desk/seasons");
    ui.frames(3);
    CHECK(ui.shows("季度线路图"));
    CHECK(ui.shows("共 " + std::to_string(gaps) + " 个空缺"));
    CHECK(ui.shows("空缺"));

    // A draft with a new theme in spring: one more column, three more gaps, marked as a draft.
    Route draft = ui.state.catalogue.routes.at(0);
    draft.id = "r-snow";
    draft.title = "冰雪疗休养";
    draft.themes = {"冰雪运动"};
    draft.seasons = {Season::spring};
    draft.status = PublishStatus::draft;
    ui.state.draft_routes.push_back(draft);
    ui.touch();
    ui.frames(3);
    CHECK(ui.shows("共 " + std::to_string(gaps + 3) + " 个空缺"));
    // The last column (the least used theme): scrolled to the end, so the whole of it is in view.
    REQUIRE(reach(ui, "冰雪疗休养（草稿）", ImVec2(600, 400), true));
    for (int i = 0; i < 40; ++i) {
        ImGui::GetIO().MousePos = ImVec2(600, 400);
        ImGui::GetIO().MouseWheelH = -3.0f;
        ui.frame();
    }
    ImGui::GetIO().MouseWheelH = 0.0f;
    ui.frame();
    REQUIRE(ui.click("冰雪疗休养（草稿）"));
    CHECK(ui.ui.location() == "#/desk/route/r-snow");
}

TEST_CASE("the policy editor: live preview, refused while unfinished, linked to a route, published",
          "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/policy/new");
    ui.frames(3);
    CHECK(ui.shows("新建政策"));
    REQUIRE(ui.click("标题"));
    ui.type("2027年职工疗休养补贴标准");
    CHECK(ui.count_shown("2027年职工疗休养补贴标准") >= 1);  // the preview's heading
    CHECK(ui.shows("政策缺少正文"));
    REQUIRE(ui.click("发布"));
    CHECK(ui.shows("请先改正标出的问题再发布"));
    CHECK_FALSE(called(ui, "publish_policy"));

    REQUIRE(ui.click("正文"));
    ui.type("每人每年补贴不超过2000元。");
    CHECK_FALSE(ui.shows("政策缺少正文"));
    CHECK(ui.shows("每人每年补贴不超过2000元。"));  // drawn by the worker's policy screen, in the preview

    const std::string typed = ui.state.catalogue.routes.at(0).title.substr(0, 6);  // its first two characters
    REQUIRE(ui.click("搜索线路"));
    ui.type(typed);
    REQUIRE(reach(ui, "关联"));
    REQUIRE(ui.click("关联"));
    CHECK(ui.shows("取消关联"));
    CHECK(ui.shows("相关线路"));  // the preview lists it as a worker will see it

    REQUIRE(ui.click("发布"));
    REQUIRE(ui.intents.saved_policies.size() == 1);
    const Policy& saved = ui.intents.saved_policies.back();
    CHECK(saved.title == "2027年职工疗休养补贴标准");
    CHECK(saved.body == "每人每年补贴不超过2000元。");
    REQUIRE(saved.routes.size() == 1);
    const auto linked = std::find_if(ui.state.catalogue.routes.begin(), ui.state.catalogue.routes.end(),
                                     [&](const Route& r) { return r.id == saved.routes[0]; });
    REQUIRE(linked != ui.state.catalogue.routes.end());
    CHECK(linked->title.find(typed) != std::string::npos);
    CHECK(ui.intents.calls.back() == "publish_policy " + saved.id);
}

TEST_CASE("a worker's policy screen shows the routes the article is linked to", "[ui][policies][designer]") {
    UiDriver ui;
    Policy& policy = ui.state.catalogue.policies.at(0);
    const Route& route = ui.state.catalogue.routes.at(2);
    policy.routes = {route.id, "r-not-published"};
    ui.touch();
    ui.ui.open_location("#/policy/" + policy.id);
    ui.frames(3);
    CHECK(ui.shows("相关线路"));
    REQUIRE(reach(ui, route.title, ImVec2(195, 500)));
    REQUIRE(ui.click(route.title));
    CHECK(ui.ui.location() == "#/route/" + route.id);
}

TEST_CASE("a new route, once saved, is shown at its own place, and going back skips the empty form",
          "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/routes");
    ui.frames(2);
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    const std::uint64_t in_place = ui.ui.moves_in_place(), back = ui.ui.moves_back();
    REQUIRE(ui.click("保存草稿"));
    ui.frames(2);
    REQUIRE(ui.intents.saved_routes.size() == 1);
    const std::string saved = ui.intents.saved_routes.back().id;
    CHECK(ui.ui.location() == "#/desk/route/" + saved);
    CHECK(ui.ui.moves_in_place() == in_place + 1);  // the page replaces its history entry
    CHECK(ui.ui.moves_back() == back);
    REQUIRE(ui.ui.back());
    ui.frames(2);
    CHECK(ui.ui.location() == "#/desk/routes");
}

TEST_CASE("a new policy, once saved, is shown at its own place, and going back skips the empty form",
          "[ui][desk][designer]") {
    UiDriver ui(kOfficeWidth, kOfficeHeight);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/policies");
    ui.frames(2);
    ui.ui.open_location("#/desk/policy/new");
    ui.frames(3);
    const std::uint64_t in_place = ui.ui.moves_in_place();
    REQUIRE(ui.click("保存草稿"));
    ui.frames(2);
    REQUIRE(ui.intents.saved_policies.size() == 1);
    CHECK(ui.ui.location() == "#/desk/policy/" + ui.intents.saved_policies.back().id);
    CHECK(ui.ui.moves_in_place() == in_place + 1);
    REQUIRE(ui.ui.back());
    ui.frames(2);
    CHECK(ui.ui.location() == "#/desk/policies");
}

TEST_CASE("the member picker offers only the route's own alliance's members", "[ui][desk][designer]") {
    for (const std::size_t which : {0, 1}) {
        UiDriver ui(kOfficeWidth, kOfficeHeight);
        sign_in_secretariat(ui);
        REQUIRE(ui.state.catalogue.alliances.size() == 2);
        const Alliance alliance = ui.state.catalogue.alliances.at(which);
        const auto& members = ui.state.catalogue.members;
        const auto own = std::count_if(members.begin(), members.end(), [&](const Member& m) { return m.alliance == alliance.id; });
        REQUIRE(own > 0);
        REQUIRE(own < static_cast<long>(members.size()));
        const Member& other = *std::find_if(members.begin(), members.end(),
                                            [&](const Member& m) { return m.alliance != alliance.id; });
        ui.ui.open_location("#/desk/route/new");
        ui.frames(3);
        REQUIRE(ui.click(alliance.name));
        REQUIRE(reach(ui, "＋ 添加站点"));
        REQUIRE(ui.click("＋ 添加站点"));
        CHECK(ui.shows("找到 " + std::to_string(own) + " 家"));
        // Another alliance's member is not found even by its exact name.
        REQUIRE(ui.click("搜索成员单位"));
        ui.type(other.name);
        ui.frames(2);
        CHECK(ui.shows("找到 0 家"));
    }
}
