// The secretariat's desk: the audit trail screen (#/desk/audit), at an office PC's size
// and at a tablet's.
#include "ui_driver.hpp"

#include "core/dates.hpp"
#include "ui/desk/audit.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

AuditEntry entry(std::int64_t seq, const char* at, const char* action, const char* entity, const char* id) {
    AuditEntry e;
    e.seq = seq;
    e.at = *parse_instant(at);
    e.actor = "a-admin";
    e.actor_role = Role::secretariat;
    e.actor_name = "联盟秘书处";
    e.action = action;
    e.entity = entity;
    e.entity_id = id;
    return e;
}

// Three entries, newest first, as the endpoint answers them; 130 match in all.
sync::AuditView loaded_view() {
    sync::AuditView view;
    view.status = sync::AuditView::Status::loaded;
    AuditEntry suspend = entry(130, "2026-12-06T03:04:05Z", "member.suspend", "member", "m-qz-hotspring");
    suspend.reason = "消防检查未通过";
    suspend.change = {{"status", "\"active\"", "\"suspended\""}, {"status_since", std::nullopt, "\"2026-12-06\""}};
    AuditEntry cancel = entry(129, "2026-12-05T09:00:00Z", "group.cancel", "group", "g-qz-001");
    cancel.actor = "o-u-qz-school2";
    cancel.actor_role = Role::organizer;
    cancel.actor_name = "泉州二中工会";
    cancel.actor_unit = "u-qz-school2";
    cancel.reason = "酒店停业整顿";
    cancel.change = {{"state", "\"open\"", "\"cancelled\""}};
    AuditEntry account = entry(128, "2026-12-04T01:00:00Z", "account.create", "account", "w-77");
    account.change = {{"login", std::nullopt, "\"qz-0777\""}, {"role", std::nullopt, "\"worker\""}};
    view.page.entries = {suspend, cancel, account};
    view.page.limit = 3;
    view.page.offset = 0;
    view.page.total = 130;
    return view;
}

void sign_in_secretariat(UiDriver& ui) {
    ui.state.session = testing::make_session("a-admin", "联盟秘书处", sync::Role::secretariat, "");
    ui.touch();
}

}  // namespace

TEST_CASE("desk audit: reachable by its location, asks for the newest page once", "[ui][desk][audit]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.ui.open_location("#/desk/audit");
    ui.frames(3);
    CHECK(ui.ui.location() == "#/desk/audit");
    CHECK(ui.shows("审计日志"));
    CHECK(ui.intents.calls == std::vector<std::string>{"load_audit limit=100&offset=0"});

    ui.state.audit.status = sync::AuditView::Status::loading;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在读取审计日志…"));
    CHECK(ui.intents.calls.size() == 1);  // not asked again

    ui.state.audit = loaded_view();
    ui.touch();
    ui.frames(3);
    CHECK(ui.shows("共 130 条记录，第 1–3 条"));
    // One row per entry: time (China), who, role, action in words, entity, reason, change.
    CHECK(ui.find_item("2026-12-06 11:04:05"));
    CHECK(ui.shows("联盟秘书处 a-admin"));
    CHECK(ui.shows("暂停成员单位"));
    CHECK(ui.shows("成员单位 m-qz-hotspring"));
    CHECK(ui.shows("消防检查未通过"));
    CHECK(ui.shows("成员状态: 正常 → 已暂停；状态变更日期: 2026-12-06"));  // the fields and values in words
    CHECK(ui.shows("泉州二中工会 o-u-qz-school2"));
    CHECK(ui.shows("单位工会"));
    CHECK(ui.shows("取消拼团"));
    CHECK(ui.shows("创建账号"));
    CHECK(ui.missing_glyphs() == 0);
}

TEST_CASE("desk audit: a change names its fields with the forms' own words, Chinese then English", "[ui][desk][audit]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    sync::AuditView view = loaded_view();
    view.page.entries[0].change.push_back({"status_reason", std::nullopt, "\"停业整改\""});
    AuditEntry route = entry(131, "2026-12-06T04:00:00Z", "route.update", "route", "r-qz-red-eco-3d");
    route.change = {{"subsidy", "30000", "40000"}, {"service_notes", "[]", "[\"全程领队\"]"}};
    view.page.entries.insert(view.page.entries.begin(), route);
    ui.state.audit = view;
    ui.ui.open_location("#/desk/audit");
    ui.frames(3);
    CHECK(ui.shows("工会补贴: ¥300 → ¥400；服务规范: "));
    CHECK(ui.shows("原因: 停业整改"));
    CHECK(ui.shows("工号: qz-0777") == false);  // login is 工号或账号, not 工号
    CHECK(ui.shows("工号或账号: qz-0777；角色: worker"));
    CHECK(ui.shows("状态: open → cancelled"));
    for (const char* raw : {"subsidy", "service_notes", "status_reason", "status_since", "login"}) {
        INFO(raw);
        CHECK_FALSE(ui.shows(std::string(raw) + ":"));
    }
    // In full, under its own name.
    REQUIRE(ui.click("2026-12-06 12:00:00"));
    ui.frames(2);
    CHECK(ui.shows("变更详情 · 第 131 条"));
    CHECK(ui.count_shown("工会补贴") >= 2);  // the row and the detail
    CHECK(ui.shows("原值：¥300"));            // the detail's values in the same words as the row's
    CHECK(ui.shows("新值：¥400"));

    // The same words the designer puts above the field (one name per idea).
    ui.ui.open_location("#/desk/route/r-qz-red-eco-3d");
    ui.frames(3);
    CHECK(ui.shows("工会补贴（元/人）"));

    ui.ui.set_language(ui::Language::en);
    ui.ui.open_location("#/desk/audit");
    ui.frames(3);
    CHECK(ui.shows("Union subsidy: ¥300 → ¥400"));
    CHECK(ui.shows("Reason: 停业整改"));
    CHECK(ui.shows("Status: Active → Suspended"));
    CHECK(ui.missing_glyphs() == 0);
}

TEST_CASE("desk audit: a row opens its change in full", "[ui][desk][audit]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.state.audit = loaded_view();
    ui.ui.open_location("#/desk/audit");
    ui.frames(3);
    CHECK_FALSE(ui.shows("变更详情"));
    REQUIRE(ui.click("2026-12-05 17:00:00"));
    ui.frames(2);
    CHECK(ui.shows("变更详情 · 第 129 条"));
    CHECK(ui.shows("操作人：泉州二中工会（o-u-qz-school2，单位工会 u-qz-school2）"));
    CHECK(ui.shows("操作：取消拼团 · 拼团 g-qz-001"));
    CHECK(ui.shows("原因：酒店停业整顿"));
    CHECK(ui.shows("原值：open"));
    CHECK(ui.shows("新值：cancelled"));
    REQUIRE(ui.click("关闭详情"));
    ui.frames(2);
    CHECK_FALSE(ui.shows("变更详情"));
}

TEST_CASE("desk audit: filters are checked by the core's rules, then asked for", "[ui][desk][audit]") {
    UiDriver ui(1366, 768);
    sign_in_secretariat(ui);
    ui.state.audit = loaded_view();
    ui.ui.open_location("#/desk/audit");
    ui.frames(3);
    ui.intents.calls.clear();

    REQUIRE(ui.click("开始日期"));
    ui.type("2026-12-07");
    REQUIRE(ui.click("结束日期"));
    ui.type("2026-12-01");
    REQUIRE(ui.click("查询"));
    ui.frames(2);
    CHECK(ui.intents.calls.empty());  // refused before anything is sent
    CHECK(ui.shows("查询参数 to 无效：结束早于开始"));

    REQUIRE(ui.click("结束日期"));
    for (int i = 0; i < 10; ++i) ui.press_backspace();
    ui.type("2026-12-07");
    REQUIRE(ui.click("操作人账号"));
    ui.type("a-admin");
    REQUIRE(ui.click("对象编号"));
    ui.type("m-qz-hotspring");
    REQUIRE(ui.click("操作类型"));
    ui.frames(1);
    REQUIRE(ui.click("暂停成员单位"));
    ui.frames(1);
    REQUIRE(ui.click("查询"));
    ui.frames(2);
    CHECK_FALSE(ui.shows("无效"));
    REQUIRE(ui.intents.audit_queries.size() == 1);
    const AuditQuery& asked = ui.intents.audit_queries.back();
    CHECK(asked.actor == std::optional<Id>("a-admin"));
    CHECK(asked.action == std::optional<std::string>("member.suspend"));
    CHECK(asked.entity == std::optional<Id>("m-qz-hotspring"));
    CHECK(asked.from == china_midnight(*parse_day("2026-12-07")));
    CHECK(asked.to == china_midnight(*parse_day("2026-12-08")) - 1);
    CHECK(asked.offset == 0);

    REQUIRE(ui.click("清除筛选"));
    ui.frames(1);
    CHECK(ui.intents.calls.back() == "load_audit limit=100&offset=0");
}

TEST_CASE("desk audit: paging asks for the next and the previous page", "[ui][desk][audit]") {
    UiDriver ui(1024, 768);  // a tablet on its side
    sign_in_secretariat(ui);
    ui.state.audit = loaded_view();
    ui.state.audit.query.limit = 3;
    ui.ui.open_location("#/desk/audit");
    ui.frames(3);
    ui.intents.calls.clear();
    CHECK_FALSE(ui.find_item("上一页"));
    REQUIRE(ui.click("下一页"));
    CHECK(ui.intents.calls == std::vector<std::string>{"load_audit limit=3&offset=3"});

    ui.state.audit.page.offset = 3;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("共 130 条记录，第 4–6 条"));
    REQUIRE(ui.click("上一页"));
    CHECK(ui.intents.calls.back() == "load_audit limit=3&offset=0");

    // The last page has no next.
    ui.state.audit.page.offset = 127;
    ui.touch();
    ui.frames(2);
    CHECK_FALSE(ui.find_item("下一页"));
}

TEST_CASE("desk audit: only the secretariat sees it, and a failure says why", "[ui][desk][audit]") {
    UiDriver ui(1366, 768);
    ui.ui.open_location("#/desk/audit");
    ui.frames(2);
    CHECK(ui.shows("只有联盟秘书处可以使用工作台"));
    ui.state.session = testing::make_session("o-u-qz-school2", "泉州二中工会", sync::Role::organizer, "u-qz-school2");
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("只有联盟秘书处可以使用工作台"));
    CHECK(ui.intents.calls.empty());

    sign_in_secretariat(ui);
    ui.state.audit.status = sync::AuditView::Status::failed;
    ui.state.audit.error_zh = "无法连接服务器，请稍后重试";
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("读取失败：无法连接服务器，请稍后重试"));
    CHECK(ui.intents.calls.empty());  // a failure is not asked again by itself

    ui.state.audit = loaded_view();
    ui.state.audit.page.entries.clear();
    ui.state.audit.page.total = 0;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("没有符合条件的记录"));
}
