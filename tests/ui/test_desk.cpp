// The secretariat's desk: its navigation beside the worker's screens (a column at office
// width, a row on a tablet), who sees it, the worker build's way to desk.html, the members
// table (search, filters, sort, row → member), the member form (checked before sending, each
// problem at its field), suspending with a reason and its impact, and the groups overview.
#include "ui_driver.hpp"

#include "core/dates.hpp"
#include "core/member_rules.hpp"
#include "core/pinyin.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

void sign_in(UiDriver& ui, sync::Role role, const Id& unit = {}) {
    ui.state.session = testing::make_session("acc-1", "张三", role, unit);
    ui.touch();
    ui.frames(2);
}

void sign_in_secretariat(UiDriver& ui) { sign_in(ui, sync::Role::secretariat); }

// Any item (interactive or noted text) whose label is exactly `label`.
const ui::ItemRecord* find_any(const UiDriver& ui, const std::string& label) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label == label) return &item;
    return nullptr;
}

std::string shown_count(int all, int shown) {
    return "共 " + std::to_string(all) + " 家，显示 " + std::to_string(shown) + " 家";
}

sync::MemberWrite answered(sync::MemberWrite::Kind kind, const Id& member, sync::MemberWrite::Stage stage) {
    sync::MemberWrite write;
    write.kind = kind;
    write.member = member;
    write.stage = stage;
    return write;
}

// Scrolls the page back to its top (the wheel over the page).
void scroll_to_top(UiDriver& ui) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 10; ++i) {
        io.MousePos = ImVec2(io.DisplaySize.x * 0.6f, io.DisplaySize.y / 2);
        io.MouseWheel = 5.0f;
        ui.frame();
    }
    ui.frames(2);
}

// The first member name among the rows drawn.
std::string first_row(const UiDriver& ui) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        for (const Member& m : ui.state.catalogue.members)
            if (item.id != 0 && item.label == m.name) return m.name;
    return {};
}

Day admitted_of(const UiDriver& ui, const std::string& name) {
    for (const Member& m : ui.state.catalogue.members)
        if (m.name == name) return m.admitted;
    return -1;
}

void fill(UiDriver& ui, const std::string& field, const std::string& text) {
    REQUIRE(ui.click(field));
    ui.type(text);
}

// True when the item labelled `label` was drawn with some fill of `color` inside it (a lit
// tab's ground is colors::tag_background, the others' colors::card).
bool drawn_with(const UiDriver& ui, const std::string& label, ImU32 color) {
    const ui::ItemRecord* item = ui.find_item(label);
    if (!item) return false;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.col == color && v.pos.x >= item->min.x && v.pos.x <= item->max.x && v.pos.y >= item->min.y &&
                v.pos.y <= item->max.y)
                return true;
    return false;
}

// The pointer off the window, so nothing is drawn hovered.
void pointer_away(UiDriver& ui) {
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ui.frames(2);
}

}  // namespace

TEST_CASE("on the desk, 首页 is not lit and ‹ 返回 steps back only within the desk", "[ui][desk][nav]") {
    for (const float width : {1366.0f, 1024.0f}) {  // office and tablet
        UiDriver ui(width, 768);
        sign_in_secretariat(ui);
        pointer_away(ui);
        REQUIRE(drawn_with(ui, "首页", ui::colors::tag_background));  // home: its tab is lit (the check can see it)
        ui.ui.open_location("#/me");
        ui.ui.open_location("#/desk/members");
        pointer_away(ui);
        CHECK(ui.shows("成员单位管理"));
        CHECK(!drawn_with(ui, "首页", ui::colors::tag_background));  // the desk is no tab of the worker's
        CHECK(drawn_with(ui, "首页", ui::colors::card));
        CHECK(!ui.find_item("‹ 返回"));  // an entry of the desk's navigation is a root, though 我的 came before

        // A page inside a section, opened from the desk: back returns to the page it came from.
        REQUIRE(ui.click(first_row(ui)));
        ui.frames(2);
        CHECK(ui.ui.location().starts_with("#/desk/member/"));
        REQUIRE(ui.click("‹ 返回"));
        ui.frames(2);
        CHECK(ui.ui.location() == "#/desk/members");
        CHECK(!ui.find_item("‹ 返回"));

        // The same page reached from a worker's screen: nowhere within the desk to go back to.
        ui.ui.open_location("#/route/r-qz-model-worker-5d");
        ui.ui.open_location("#/desk/member/m-qz-hotel-guoji");
        ui.frames(2);
        CHECK(ui.shows("编辑成员单位"));
        CHECK(!ui.find_item("‹ 返回"));
        // The worker's screens keep their back.
        ui.ui.open_location("#/route/r-qz-model-worker-5d");
        ui.frames(2);
        CHECK(ui.find_item("‹ 返回"));

        // 首页 is the worker's home from every desk page.
        ui.ui.open_location("#/desk/groups");
        ui.frames(2);
        REQUIRE(ui.click("首页"));
        ui.frames(2);
        CHECK(ui.ui.location() == "#/");
    }
}

TEST_CASE("at office width the desk's navigation stands on the left, beside the worker's screens", "[ui][desk]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/members");
    ui.frames(2);
    CHECK(ui.shows("成员单位管理"));
    const ui::ItemRecord* groups = ui.find_item("拼团总览");
    REQUIRE(groups);
    const ui::ItemRecord* heading = find_any(ui, "成员单位管理");
    REQUIRE(heading);
    CHECK(groups->max.x < heading->min.x);  // a column to the left of the page
    CHECK(heading->min.x > 150);
    CHECK(ui.find_item("我的"));             // the worker's tabs are still there
    REQUIRE(ui.click("拼团总览"));
    CHECK(ui.ui.location() == "#/desk/groups");
    CHECK(ui.shows("全部拼团"));
    // The worker's screens keep the desk's navigation beside them.
    ui.ui.open_location("#/routes");
    ui.frames(2);
    CHECK(ui.find_item("拼团总览"));
}

TEST_CASE("on a tablet the navigation folds into one row above the page", "[ui][desk]") {
    UiDriver ui(1024, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/members");
    ui.frames(2);
    const ui::ItemRecord* groups = ui.find_item("拼团总览");
    const ui::ItemRecord* heading = find_any(ui, "成员单位管理");
    REQUIRE(groups);
    REQUIRE(heading);
    CHECK(groups->max.y <= heading->min.y);  // above the page, not beside it
    CHECK(heading->min.x < 60);
    REQUIRE(ui.click("拼团总览"));
    CHECK(ui.ui.location() == "#/desk/groups");
}

TEST_CASE("workers, organizers and visitors never see the desk", "[ui][desk][roles]") {
    for (sync::Role role : {sync::Role::worker, sync::Role::organizer}) {
        UiDriver ui(1366, 768);
        sign_in(ui, role, "u-qz-school2");
        ui.ui.open_location("#/me");
        ui.frames(2);
        CHECK(!ui.shows("秘书处工作台"));
        CHECK(!ui.find_item("拼团总览"));
        for (const char* at : {"#/desk/members", "#/desk/groups", "#/desk/member/m-qz-hotel-guoji", "#/desk/member/new"}) {
            ui.ui.open_location(at);
            ui.frames(2);
            CHECK(ui.shows("只有联盟秘书处可以使用工作台"));
            CHECK(!ui.shows("成员单位管理"));
            CHECK(!ui.shows("全部拼团"));
            CHECK(!ui.find_item("暂停"));
            CHECK(!ui.find_item("拼团总览"));
        }
    }
    UiDriver visitor(1366, 768);
    visitor.ui.open_location("#/desk/members");
    visitor.frames(2);
    CHECK(visitor.shows("只有联盟秘书处可以使用工作台"));
    CHECK(!visitor.shows("成员单位管理"));
}

TEST_CASE("in the worker's build the secretariat's entry opens desk.html", "[ui][desk]") {
    UiDriver ui(390, 844, false);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK(!ui.find_item("拼团总览"));  // no desk pages here
    REQUIRE(ui.click("秘书处工作台"));
    CHECK(ui.services.opened_pages == std::vector<std::string>{"desk.html#/desk/members"});
    // A desk link opened in the worker's page points to the desk page too.
    ui.ui.open_location("#/desk/groups");
    ui.frames(2);
    CHECK(!ui.shows("全部拼团"));
    REQUIRE(ui.click("秘书处工作台"));
    CHECK(ui.services.opened_pages.back() == "desk.html#/desk/groups");
}

TEST_CASE("signing in on the desk page lands the secretariat on the desk, anyone else on 我的", "[ui][desk]") {
    UiDriver ui(1366, 768);
    ui.ui.open_location("#/signin");
    ui.frames(2);
    sign_in_secretariat(ui);
    ui.frames(2);
    CHECK(ui.ui.location() == "#/desk/members");

    UiDriver worker(1366, 768);
    worker.ui.open_location("#/signin");
    worker.frames(2);
    sign_in(worker, sync::Role::worker, "u-qz-school2");
    worker.frames(2);
    CHECK(worker.ui.location() == "#/me");

    UiDriver app(390, 844, false);  // the worker's build: no desk to land on
    app.ui.open_location("#/signin");
    app.frames(2);
    sign_in_secretariat(app);
    app.frames(2);
    CHECK(app.ui.location() == "#/me");
}

TEST_CASE("in the desk build the entry goes straight to the members", "[ui][desk]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/me");
    ui.frames(2);
    REQUIRE(ui.click("秘书处工作台"));
    CHECK(ui.ui.location() == "#/desk/members");
    CHECK(ui.services.opened_pages.empty());
}

TEST_CASE("the members table searches by Chinese, pinyin and initials, and filters", "[ui][desk][members]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/members");
    ui.frames(2);
    const auto& members = ui.state.catalogue.members;
    const int all = static_cast<int>(members.size());
    CHECK(ui.shows(shown_count(all, all)));
    // In name order as people read it: by pinyin.
    const Member* first = &members.front();
    for (const Member& m : members)
        if (to_pinyin(m.name) < to_pinyin(first->name)) first = &m;
    CHECK(first_row(ui) == first->name);

    const MemberSearch search(members);
    for (const char* query : {"酒店", "jiudian", "qzgj"}) {
        REQUIRE(ui.click("搜索成员单位"));
        ui.type(query);
        const int expected = static_cast<int>(search.search(query).size());
        INFO(query);
        CHECK(expected > 0);
        CHECK(ui.shows(shown_count(all, expected)));
        CHECK(ui.find_item("衢州国际大酒店"));
        for (std::size_t i = 0; i < std::string(query).size() * 3; ++i) ui.press_backspace();
    }
    CHECK(ui.shows(shown_count(all, all)));

    REQUIRE(ui.click("康养服务类"));
    ui.frames(2);
    const int wellness = static_cast<int>(std::count_if(members.begin(), members.end(),
                                                        [](const Member& m) { return m.category == Category::wellness; }));
    CHECK(ui.shows(shown_count(all, wellness)));
    CHECK(!ui.find_item("衢州国际大酒店"));  // a reception member
    REQUIRE(ui.click("城市"));
    ui.frames(2);
    REQUIRE(ui.click("衢州"));
    ui.frames(2);
    const int wellness_qz = static_cast<int>(std::count_if(members.begin(), members.end(), [](const Member& m) {
        return m.category == Category::wellness && m.city == "衢州";
    }));
    CHECK(ui.shows(shown_count(all, wellness_qz)));
}

TEST_CASE("a column sort, a status filter, a row opens the member", "[ui][desk][members]") {
    UiDriver ui(1366, 768);
    ui.state.catalogue.members[0].status = MemberStatus::suspended;  // 衢州国际大酒店
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/members");
    ui.frames(2);
    const auto& members = ui.state.catalogue.members;
    const int all = static_cast<int>(members.size());

    // A click on 准入日期 sorts by the day each member was admitted, a second click the other way.
    const Member* earliest = &members.front();
    const Member* latest = &members.front();
    for (const Member& m : members) {
        if (m.admitted < earliest->admitted) earliest = &m;
        if (m.admitted > latest->admitted) latest = &m;
    }
    REQUIRE(ui.click("准入日期"));
    ui.frames(2);
    CHECK(ui.find_item(first_row(ui)));
    CHECK(admitted_of(ui, first_row(ui)) == earliest->admitted);
    REQUIRE(ui.click("准入日期"));
    ui.frames(2);
    CHECK(admitted_of(ui, first_row(ui)) == latest->admitted);

    REQUIRE(ui.click("已暂停"));
    ui.frames(2);
    const int suspended = static_cast<int>(std::count_if(members.begin(), members.end(),
                                                         [](const Member& m) { return m.status == MemberStatus::suspended; }));
    CHECK(ui.shows(shown_count(all, suspended)));
    CHECK(ui.find_item("衢州国际大酒店"));
    REQUIRE(ui.click("衢州国际大酒店"));
    ui.frames(2);
    CHECK(ui.ui.location() == "#/desk/member/m-qz-hotel-guoji");
}

TEST_CASE("admitting a member: every field is checked before anything is sent", "[ui][desk][members]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/members");
    ui.frames(2);
    REQUIRE(ui.click("＋ 准入成员单位"));
    ui.frames(2);
    CHECK(ui.ui.location() == "#/desk/member/new");
    REQUIRE(ui.click("准入"));
    ui.frames(2);
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("请先改正标出的问题"));
    CHECK(ui.shows("请填写编号"));
    CHECK(ui.shows("请填写单位名称"));
    CHECK(ui.shows("请填写联系电话"));
    CHECK(ui.shows("请填写服务名称"));
    CHECK(ui.shows("请填写金额"));

    fill(ui, "编号", "m-qz-new-spa");
    fill(ui, "单位名称", "衢州森林温泉康养中心");
    fill(ui, "城市", "衢州");
    fill(ui, "区县", "衢江区");
    fill(ui, "地址", "衢江区峡川镇1号");
    fill(ui, "联系电话", "12345");
    fill(ui, "服务名称", "温泉理疗");
    fill(ui, "价格（元）", "168.5");
    fill(ui, "计价单位", "人/次");
    REQUIRE(ui.click("康养服务类"));
    scroll_to_top(ui);
    REQUIRE(ui.click("准入"));
    ui.frames(2);
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("电话格式不正确"));
    CHECK(!ui.shows("请填写单位名称"));

    REQUIRE(ui.click("联系电话"));
    for (int i = 0; i < 5; ++i) ui.press_backspace();
    ui.type("0570-3244062");
    scroll_to_top(ui);
    REQUIRE(ui.click("准入"));
    ui.frames(2);
    REQUIRE(ui.intents.calls == std::vector<std::string>{"admit_member m-qz-new-spa"});
    const Member& sent = ui.intents.members.back();
    CHECK(sent.name == "衢州森林温泉康养中心");
    CHECK(sent.category == Category::wellness);
    CHECK(sent.phone == "0570-3244062");
    CHECK(sent.alliance == "a-quzhou");
    REQUIRE(sent.services.size() == 1);
    CHECK(sent.services[0].price == 16850);
    CHECK(validate_member(sent).empty());
    CHECK(ui.shows("正在提交"));

    // The endpoint's answer: the form moves to the admitted member.
    ui.state.catalogue.members.push_back(sent);
    ui.state.member_write = answered(sync::MemberWrite::Kind::admit, sent.id, sync::MemberWrite::Stage::done);
    ui.touch();
    ui.frames(3);
    CHECK(ui.ui.location() == "#/desk/member/m-qz-new-spa");
}

TEST_CASE("an endpoint's refusal of the form is shown at its field", "[ui][desk][members]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/member/m-qz-hotel-guoji");
    ui.frames(2);
    CHECK(ui.shows("衢州国际大酒店 · 编辑成员单位"));
    REQUIRE(ui.click("单位名称"));
    ui.type("（新楼）");
    REQUIRE(ui.click("保存"));
    ui.frames(2);
    REQUIRE(ui.intents.calls == std::vector<std::string>{"update_member m-qz-hotel-guoji"});
    CHECK(ui.intents.members.back().name == "衢州国际大酒店（新楼）");
    CHECK(!ui.find_item("编号"));  // the id does not change
    ui.state.member_write = answered(sync::MemberWrite::Kind::update, "m-qz-hotel-guoji", sync::MemberWrite::Stage::failed);
    ui.state.member_write->problems = {DomainError{"invalid_phone", "电话格式不正确（服务器）", "bad phone (server)", "phone"}};
    ui.touch();
    ui.frames(3);
    CHECK(ui.shows("电话格式不正确（服务器）"));
    CHECK(ui.find_item("保存"));  // can be sent again
}

TEST_CASE("suspending needs a reason, and shows at once what it touches with one click to each", "[ui][desk][members]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/member/m-qz-hotel-guoji");
    ui.frames(2);
    CHECK(!ui.shows("受影响的线路和拼团"));
    REQUIRE(ui.click("暂停"));
    ui.frames(2);
    CHECK(ui.find_item("原因（必填）"));
    const SuspensionImpact impact = suspension_impact(ui.state.catalogue, "m-qz-hotel-guoji");
    REQUIRE(impact.routes == std::vector<Id>{"r-qz-model-worker-5d"});
    REQUIRE(impact.groups == std::vector<Id>{"g-qz-006"});
    CHECK(ui.shows("1 条线路经过该单位"));
    REQUIRE(ui.click("确认"));
    ui.frames(2);
    CHECK(ui.shows("请填写原因"));
    CHECK(ui.intents.calls.empty());
    REQUIRE(ui.click("原因（必填）"));
    ui.type("消防检查未通过");
    REQUIRE(ui.click("确认"));
    ui.frames(2);
    REQUIRE(ui.intents.calls == std::vector<std::string>{"change_member_status m-qz-hotel-guoji suspended 消防检查未通过"});
    CHECK(!ui.shows("请填写原因"));
    // At once, before the endpoint answers.
    CHECK(ui.shows("受影响的线路和拼团"));
    CHECK(ui.shows("1 条线路经过该单位，已不可报名：请更换该站点"));
    CHECK(ui.shows("1 个拼团受影响：请通知发起单位工会"));
    CHECK(ui.shows("通知："));
    REQUIRE(ui.click("打开拼团"));
    ui.frames(2);
    CHECK(ui.ui.location() == "#/group/g-qz-006");
    ui.ui.back();
    ui.frames(2);
    // "Replace the stop" opens the route designer on that route, not the worker's route screen.
    REQUIRE(ui.click("更换站点"));
    ui.frames(2);
    CHECK(ui.ui.location() == "#/desk/route/r-qz-model-worker-5d");
    CHECK(ui.shows("编辑线路"));
    CHECK(ui.find_item("保存修改"));  // a published route: its own form, ready to edit
}

TEST_CASE("a suspended member is reinstated without a reason, an exited one has no actions", "[ui][desk][members]") {
    UiDriver ui(1366, 768);
    ui.state.catalogue.members[0].status = MemberStatus::suspended;
    ui.state.catalogue.members[1].status = MemberStatus::exited;
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/member/" + ui.state.catalogue.members[0].id);
    ui.frames(2);
    CHECK(ui.shows("受影响的线路和拼团"));  // a suspended member shows what it still holds up
    CHECK(!ui.find_item("暂停"));
    REQUIRE(ui.click("恢复"));
    ui.frames(2);
    CHECK(!ui.find_item("原因（必填）"));
    REQUIRE(ui.click("确认"));
    ui.frames(2);
    CHECK(ui.intents.calls == std::vector<std::string>{"change_member_status " + ui.state.catalogue.members[0].id + " active"});

    ui.ui.open_location("#/desk/member/" + ui.state.catalogue.members[1].id);
    ui.frames(2);
    CHECK(ui.shows("已退出"));
    CHECK(!ui.find_item("恢复"));
    CHECK(!ui.find_item("暂停"));
    CHECK(!ui.find_item("移除"));
}

TEST_CASE("the groups overview lists every group, filters, sorts and opens one", "[ui][desk][groups]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/groups");
    ui.frames(2);
    const int all = static_cast<int>(ui.state.groups.size());
    auto count = [&](int shown) { return "共 " + std::to_string(all) + " 个，显示 " + std::to_string(shown) + " 个"; };
    CHECK(ui.shows(count(all)));
    CHECK(ui.shows("已确认/最少/最多"));
    REQUIRE(ui.click("已取消"));
    ui.frames(2);
    CHECK(ui.shows(count(2)));
    REQUIRE(ui.click("全部"));
    ui.frames(2);
    fill(ui, "发起单位", "衢州市第二中学");
    const int by_unit = static_cast<int>(std::count_if(ui.state.groups.begin(), ui.state.groups.end(), [&](const sync::GroupView& g) {
        return g.trip().organizer_unit == "u-qz-school2";
    }));
    CHECK(by_unit > 0);
    CHECK(ui.shows(count(by_unit)));
    REQUIRE(ui.click("发起单位"));
    for (int i = 0; i < 7; ++i) ui.press_backspace();
    fill(ui, "出发从", "2027-04-01");
    fill(ui, "至", "2027-04-30");
    const int april = static_cast<int>(std::count_if(ui.state.groups.begin(), ui.state.groups.end(), [&](const sync::GroupView& g) {
        return g.trip().departure >= *parse_day("2027-04-01") && g.trip().departure <= *parse_day("2027-04-30");
    }));
    CHECK(ui.shows(count(april)));

    // g-qz-001 is open: its row opens the group, where the secretariat may cancel it.
    const Route* route = nullptr;
    for (const Route& r : ui.state.catalogue.routes)
        if (r.id == "r-qz-red-eco-3d") route = &r;
    REQUIRE(route);
    ui.ui.open_location("#/desk/groups");
    ui.frames(2);
    fill(ui, "线路", route->title);
    REQUIRE(ui.click(route->title));
    ui.frames(2);
    CHECK(ui.ui.location() == "#/group/g-qz-001");
    REQUIRE(ui.click("取消拼团"));
    ui.frames(2);
    REQUIRE(ui.click("确认"));
    ui.frames(2);
    CHECK(ui.intents.calls.empty());  // a reason first
    REQUIRE(ui.click("取消原因"));
    ui.type("线路成员单位停业");
    REQUIRE(ui.click("确认"));
    ui.frames(2);
    CHECK(ui.intents.calls == std::vector<std::string>{"cancel_group g-qz-001 线路成员单位停业"});
}

#include "ui/desk/desk.hpp"

TEST_CASE("table rows: sorted once per column and revision, shown by the filters, reversed when descending", "[ui][desk]") {
    ui::TableRows rows;
    const std::vector<int> values = {30, 10, 20, 10};
    int comparisons = 0;
    auto less = [&](std::uint32_t a, std::uint32_t b) {
        ++comparisons;
        return values[a] < values[b];
    };
    using V = std::vector<std::uint32_t>;
    rows.sort(1, 0, values.size(), less);
    CHECK(rows.sorted == V{1, 3, 2, 0});  // stable: equal values keep their order
    CHECK(comparisons > 0);
    comparisons = 0;
    rows.sort(1, 0, values.size(), less);
    CHECK(comparisons == 0);  // the same revision and column: not sorted again
    CHECK(rows.show(1, "all", false, [](std::uint32_t) { return true; }));
    CHECK(rows.shown == V{1, 3, 2, 0});
    CHECK_FALSE(rows.show(1, "all", false, [](std::uint32_t) { return false; }));  // same key: kept
    CHECK(rows.shown == V{1, 3, 2, 0});
    CHECK(rows.show(1, "not 3", true, [](std::uint32_t i) { return i != 3; }));
    CHECK(rows.shown == V{0, 2, 1});  // filtered, then reversed
    rows.sort(2, 0, values.size(), less);  // a new revision sorts again, and the rows shown must follow
    CHECK(comparisons > 0);
    CHECK(rows.show(2, "not 3", true, [](std::uint32_t i) { return i != 3; }));
    rows.sort(2, 0, 2, less);  // fewer rows (the list changed under the same revision): sorted again
    CHECK(rows.sorted == V{1, 0});
    CHECK(rows.show(2, "not 3", false, [](std::uint32_t) { return true; }));
    CHECK(rows.shown == V{1, 0});
}

TEST_CASE("the groups overview's route filter matches title or id, any case, and the route column sorts by title", "[ui][desk][groups]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/groups");
    ui.frames(2);
    const int all = static_cast<int>(ui.state.groups.size());
    auto count = [&](int shown) { return "共 " + std::to_string(all) + " 个，显示 " + std::to_string(shown) + " 个"; };
    const int on_route = static_cast<int>(std::count_if(ui.state.groups.begin(), ui.state.groups.end(),
                                                        [](const sync::GroupView& g) { return g.trip().route == "r-qz-red-eco-3d"; }));
    REQUIRE(on_route > 0);
    REQUIRE(on_route < all);
    fill(ui, "线路", "R-QZ-RED-ECO");  // the id, typed in capitals
    CHECK(ui.shows(count(on_route)));
    REQUIRE(ui.click("线路"));
    for (int i = 0; i < 12; ++i) ui.press_backspace();
    CHECK(ui.shows(count(all)));

    // The route column: ascending puts the least title first, a second click the greatest.
    std::vector<std::string> titles;
    for (const sync::GroupView& g : ui.state.groups)
        for (const Route& r : ui.state.catalogue.routes)
            if (r.id == g.trip().route) titles.push_back(r.title);
    REQUIRE(titles.size() == ui.state.groups.size());
    auto first_title = [&] {
        for (const ui::ItemRecord& item : ui.items.last_frame())
            if (item.id != 0 && item.visible && std::find(titles.begin(), titles.end(), item.label) != titles.end())
                return item.label;
        return std::string();
    };
    const ui::ItemRecord* header = nullptr;  // the column's header: the highest 线路 that is no text field (the tab bar's is lowest)
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.id != 0 && item.label == "线路" && !item.text_field && (!header || item.min.y < header->min.y)) header = &item;
    REQUIRE(header);
    const ImVec2 at((header->min.x + header->max.x) / 2, (header->min.y + header->max.y) / 2);
    auto click_header = [&] {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        ui.frame();
        io.MouseDown[0] = true;
        ui.frame();
        io.MouseDown[0] = false;
        ui.frames(2);
    };
    click_header();
    CHECK(ui.ui.location() == "#/desk/groups");
    CHECK(first_title() == *std::min_element(titles.begin(), titles.end()));
    click_header();
    CHECK(first_title() == *std::max_element(titles.begin(), titles.end()));
}
