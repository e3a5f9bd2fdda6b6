// 审批 (issue 17): the unit union's approval queue (#/approvals) and its line on 我的 (待审批 N):
// a card per waiting place, earliest due first, with the worker, route, dates, price and share,
// allowance left and 审批截止; 同意 calls the intent with the group and the worker; 不同意 asks for
// a reason, refused at the field by the core's rule when blank or too long.
#include "ui_driver.hpp"

#include "core/dates.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

const char* kUnit = "u-js-water";

wire::ApprovalEntry entry(const UiDriver& ui, const Id& group, const Id& worker, const std::string& name,
                          const std::string& number, Instant due_in) {
    wire::ApprovalEntry e;
    e.group = group;
    e.route = "r-qz-red-eco-3d";
    e.route_title = "红色教育+生态康养·南孔衢州三日";
    e.departure = day_of(ui.services.clock) + 40;
    e.last_day = e.departure + 2;
    e.worker = worker;
    e.worker_name = name;
    e.member_number = number;
    e.since = ui.services.clock - 3600;
    e.decision_due = ui.services.clock + due_in;
    e.price = 128000;
    e.split = CostSplit{60000, 20400, 47600};
    return e;
}

// A union of 江山水务 signed in, its queue as the engine would have read it.
void union_with_queue(UiDriver& ui, std::vector<wire::ApprovalEntry> approvals, bool required = true) {
    ui.state.session = testing::make_session("o-u-js-water", "江山水务工会", sync::Role::organizer, kUnit);
    ui.state.approvals.status = sync::ReadStatus::loaded;
    ui.state.approvals.queue.unit = kUnit;
    ui.state.approvals.queue.approval_required = required;
    ui.state.approvals.queue.approvals = std::move(approvals);
    ui.touch();
}

}  // namespace

TEST_CASE("审批: the union's 我的 shows 待审批 N, which opens the queue, earliest due first", "[ui][approvals]") {
    UiDriver ui;
    auto later = entry(ui, "g-qz-004", "w-u-js-water-2", "江山水务职工2", "u-js-water-02", 3 * 86400);
    later.trips_left = 1;
    later.days_left = 5;
    auto sooner = entry(ui, "g-qz-001", "w-u-js-water-1", "江山水务职工1", "u-js-water-01", 86400 + 1800);
    sooner.trips_left = 0;
    union_with_queue(ui, {later, sooner});
    ui.ui.open_location("#/me");
    ui.frames(2);
    REQUIRE(ui.click("待审批 2"));
    CHECK(ui.ui.location() == "#/approvals");
    ui.frames(2);
    CHECK(ui.intents.calls == std::vector<std::string>{"load_approvals"});  // read again on opening

    // Each card: the worker by name and number, the route, the dates, price and share, what is left, the due time.
    CHECK(ui.shows("江山水务职工1 · u-js-water-01"));
    CHECK(ui.shows("江山水务职工2 · u-js-water-02"));
    CHECK(ui.count_shown("红色教育+生态康养·南孔衢州三日") == 2);
    CHECK(ui.shows(format_day(sooner.departure) + " 至 " + format_day(sooner.last_day)));
    CHECK(ui.shows("费用 ¥1,280 · 职工自付 ¥476"));
    CHECK(ui.shows("今年还可参加0次"));
    CHECK(ui.shows("今年还可参加1次/5天"));
    CHECK(ui.shows("审批截止 " + format_china_time(sooner.decision_due)));
    CHECK(ui.count_shown("审批截止") == 2);
    CHECK(ui.missing_glyphs() == 0);

    // 同意 on the first card: the earliest due (listed second by the engine), by group and worker.
    ui.intents.calls.clear();
    REQUIRE(ui.click("同意"));
    CHECK(ui.intents.calls == std::vector<std::string>{"approve_place g-qz-001 w-u-js-water-1"});

    // On its way: the card says so instead of offering the buttons again.
    ui.state.approvals.deciding = {{"g-qz-001", "w-u-js-water-1"}};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在提交审批…"));
    CHECK(ui.count_shown("不同意") == 1);
}

TEST_CASE("审批: 不同意 needs a reason, refused at the field by the core's rule, then sent with it", "[ui][approvals]") {
    UiDriver ui;
    union_with_queue(ui, {entry(ui, "g-qz-004", "w-u-js-water-1", "江山水务职工1", "u-js-water-01", 86400)});
    ui.ui.open_location("#/approvals");
    ui.frames(2);
    ui.intents.calls.clear();
    REQUIRE(ui.click("不同意"));
    CHECK(ui.find_item("不同意的原因（职工会看到）"));
    CHECK_FALSE(ui.find_item("同意"));
    REQUIRE(ui.click("确认不同意"));  // blank: nothing is sent, the error is at the field
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("请填写不同意的原因（职工会看到）"));

    REQUIRE(ui.click("不同意的原因（职工会看到）"));
    ui.type(std::string(501, 'x'));  // over the core's 500 characters
    REQUIRE(ui.click("确认不同意"));
    CHECK(ui.intents.calls.empty());
    CHECK(ui.shows("原因不能超过500个字"));

    // 取消 closes the field and forgets what was typed.
    REQUIRE(ui.click("取消"));
    CHECK(ui.find_item("同意"));
    REQUIRE(ui.click("不同意"));
    CHECK_FALSE(ui.shows("原因不能超过500个字"));
    REQUIRE(ui.click("不同意的原因（职工会看到）"));
    ui.type("本季度单位工作任务重");
    REQUIRE(ui.click("确认不同意"));
    CHECK(ui.intents.calls == std::vector<std::string>{"decline_place g-qz-004 w-u-js-water-1 本季度单位工作任务重"});
    CHECK_FALSE(ui.find_item("确认不同意"));
}

TEST_CASE("审批: an empty queue says 暂无待审批, and 待审批 shows only for a union that approves or has places waiting",
          "[ui][approvals]") {
    UiDriver ui;
    union_with_queue(ui, {}, true);
    ui.ui.open_location("#/me");
    ui.frames(2);
    REQUIRE(ui.click("待审批 0"));
    ui.frames(2);
    CHECK(ui.shows("暂无待审批"));
    CHECK_FALSE(ui.find_item("同意"));

    // A unit that does not require approval and has nothing waiting: no line on 我的.
    union_with_queue(ui, {}, false);
    ui.ui.open_location("#/me");
    ui.frames(2);
    CHECK_FALSE(ui.find_item("待审批 0"));
    // Not read yet (another unit's queue, or none): no line either.
    union_with_queue(ui, {entry(ui, "g-qz-004", "w-u-js-water-1", "江山水务职工1", "", 86400)}, false);
    ui.frames(2);
    CHECK(ui.find_item("待审批 1"));
    ui.state.approvals.queue.unit.clear();
    ui.touch();
    ui.frames(2);
    CHECK_FALSE(ui.find_item("待审批 1"));

    // A worker reaching #/approvals is told it is the union's, and nothing is read.
    UiDriver worker;
    worker.state.session = testing::make_session("w-u-js-water-1", "江山水务职工1", sync::Role::worker, kUnit);
    worker.touch();
    worker.ui.open_location("#/approvals");
    worker.frames(2);
    CHECK_FALSE(worker.find_item("同意"));
    CHECK(worker.shows("只有职工所在单位的工会可以审批"));
    CHECK(worker.intents.calls.empty());
}

TEST_CASE("审批: a queue that failed to load says why and offers to read it again", "[ui][approvals]") {
    UiDriver ui;
    union_with_queue(ui, {});
    ui.state.approvals.queue.unit.clear();
    ui.state.approvals.status = sync::ReadStatus::failed;
    ui.state.approvals.error_zh = "无法连接服务器";
    ui.touch();
    ui.ui.open_location("#/approvals");
    ui.frames(2);
    CHECK(ui.shows("无法连接服务器"));
    ui.intents.calls.clear();
    REQUIRE(ui.click("刷新待审批"));
    CHECK(ui.intents.calls == std::vector<std::string>{"load_approvals"});
}
