// 规则设置 (issue 17): a unit's union sets its own rules over the alliance's defaults, the
// secretariat the alliance's — every field may be left empty (the alliance's value, or no limit),
// what is typed is checked at its field by the core's rule before anything is sent, and the form
// shows what the endpoint then holds.
#include "ui_driver.hpp"

#include "core/wire_rules.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

void sign_in_union(UiDriver& ui) {
    ui.state.session = testing::make_session("u-qz-juhua-union", "巨化集团工会", sync::Role::organizer, "u-qz-juhua");
    ui.touch();
}

UnionRules alliance_defaults() {
    UnionRules rules;
    rules.allowance.trips_per_year = 3;
    rules.allowance.days_per_year = 15;
    rules.allowance.out_of_province_every_years = 3;
    return rules;
}

// What the engine holds once the endpoint answered the read (or a save).
void answered(UiDriver& ui, const wire::RulesAnswer& answer, bool saved = false) {
    ui.state.rules_settings.status = sync::ReadStatus::loaded;
    ui.state.rules_settings.answer = answer;
    if (saved) ++ui.state.rules_settings.saved;
    ui.touch();
    ui.frames(2);
}

wire::RulesAnswer juhua(const UnionRules& own) {
    return {RulesScope::unit, "u-qz-juhua", own, alliance_defaults(), effective_rules(alliance_defaults(), own)};
}

void clear_and_type(UiDriver& ui, const std::string& field, const std::string& text) {
    REQUIRE(ui.click(field));
    for (int i = 0; i < 12; ++i) ui.press_backspace();
    ui.type(text);
    ui.frames(1);
}

std::string saved_json(const UiDriver& ui) {
    REQUIRE(!ui.intents.calls.empty());
    const std::string& call = ui.intents.calls.back();
    const std::string prefix = "save_rules_settings unit u-qz-juhua ";
    REQUIRE(call.rfind(prefix, 0) == 0);
    return call.substr(prefix.size());
}

}  // namespace

TEST_CASE("a union sets its own rules over the alliance's, the alliance's values beside its fields", "[ui][rules]") {
    UiDriver ui;
    sign_in_union(ui);
    ui.ui.open_location("#/me");
    ui.frames(2);
    REQUIRE(ui.click("本单位疗休养规则"));
    CHECK(ui.ui.location() == "#/rules");
    ui.frames(2);
    CHECK(ui.intents.calls == std::vector<std::string>{"load_rules_settings unit u-qz-juhua"});
    CHECK(ui.shows("正在读取规则…"));

    UnionRules own;
    own.allowance.cost_standard = 80000;
    own.unit_share_percent = 30;
    answered(ui, juhua(own));
    CHECK(ui.shows("本单位疗休养规则：巨化集团"));
    CHECK(ui.shows("留空的项沿用联盟默认规则"));
    CHECK(ui.shows("联盟默认：3"));   // trips a year, and out of province every 3 years
    CHECK(ui.shows("联盟默认：15"));  // days a year
    CHECK(ui.shows("沿用联盟（不需要）"));
    CHECK(ui.missing_glyphs() == 0);

    // One trip a year, the union approves each place; the rest as it was.
    clear_and_type(ui, "每年可参加次数", "1");
    REQUIRE(ui.click("需要"));
    REQUIRE(ui.scroll_down_to("保存规则"));
    REQUIRE(ui.click("保存规则"));
    CHECK(nlohmann::json::parse(saved_json(ui)) == nlohmann::json{{"trips_per_year", 1},
                                                                   {"cost_standard", 80000},
                                                                   {"unit_share_percent", 30},
                                                                   {"approval_required", true}});

    // The endpoint's answer fills the form again: what it now holds.
    ui.state.rules_settings.saving = true;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("正在保存规则…"));
    CHECK(!ui.find_item("保存规则"));  // one save at a time
    UnionRules stored = own;
    stored.allowance.trips_per_year = 1;
    stored.approval_required = true;
    ui.state.rules_settings.saving = false;
    answered(ui, juhua(stored), true);
    ui.intents.calls.clear();
    REQUIRE(ui.scroll_down_to("保存规则"));
    REQUIRE(ui.click("保存规则"));
    CHECK(nlohmann::json::parse(saved_json(ui)) == wire::encode_rules(stored));

    SECTION("emptied, a field follows the alliance again") {
        clear_and_type(ui, "单位承担比例（补贴后余额的百分比）", "");
        REQUIRE(ui.click("沿用联盟（不需要）"));
        ui.intents.calls.clear();
        REQUIRE(ui.scroll_down_to("保存规则"));
        REQUIRE(ui.click("保存规则"));
        CHECK(nlohmann::json::parse(saved_json(ui)) == nlohmann::json{{"trips_per_year", 1}, {"cost_standard", 80000}});
    }
}

TEST_CASE("rules that are not numbers, or out of range, are said at their fields and nothing is sent", "[ui][rules]") {
    UiDriver ui;
    sign_in_union(ui);
    ui.ui.open_location("#/rules");
    ui.frames(2);
    answered(ui, juhua(UnionRules{}));
    ui.intents.calls.clear();
    clear_and_type(ui, "每年可休养天数", "七");
    clear_and_type(ui, "每次费用标准（补贴后，元）", "800.555");
    clear_and_type(ui, "单位承担比例（补贴后余额的百分比）", "120");
    REQUIRE(ui.scroll_down_to("保存规则"));
    REQUIRE(ui.click("保存规则"));
    ui.frames(2);
    CHECK(ui.intents.calls.empty());
    CHECK(ui.count_shown("请填写整数，或留空") == 1);
    CHECK(ui.shows("请填写金额，如 800 或 800.50，或留空"));
    CHECK(ui.shows("单位承担比例不能超过100%"));  // the core's validate_rules, as the endpoint says it

    clear_and_type(ui, "每年可休养天数", "7");
    clear_and_type(ui, "每次费用标准（补贴后，元）", "800.5");
    clear_and_type(ui, "单位承担比例（补贴后余额的百分比）", "20");
    REQUIRE(ui.scroll_down_to("保存规则"));
    REQUIRE(ui.click("保存规则"));
    CHECK(nlohmann::json::parse(saved_json(ui)) ==
          nlohmann::json{{"days_per_year", 7}, {"cost_standard", 80050}, {"unit_share_percent", 20}});
    ui.frames(2);
    CHECK(!ui.shows("请填写整数"));
    CHECK(!ui.shows("不能超过100%"));
}

TEST_CASE("the secretariat sets the alliance's defaults, and a worker has nothing to set", "[ui][rules]") {
    UiDriver ui;
    SECTION("the secretariat") {
        ui.state.session = testing::make_session("admin", "联盟秘书处", sync::Role::secretariat, "");
        ui.touch();
        ui.ui.open_location("#/me");
        ui.frames(2);
        REQUIRE(ui.scroll_down_to("联盟疗休养规则"));
        REQUIRE(ui.click("联盟疗休养规则"));
        ui.frames(2);
        CHECK(ui.intents.calls == std::vector<std::string>{"load_rules_settings alliance a-quzhou"});
        answered(ui, {RulesScope::alliance, "a-quzhou", alliance_defaults(), std::nullopt, std::nullopt});
        CHECK(ui.shows("联盟默认规则：衢州市职工疗休养联盟"));
        CHECK(ui.shows("留空表示不限"));
        CHECK(!ui.shows("沿用联盟"));  // the alliance follows nobody
        CHECK(!ui.shows("联盟默认："));
        REQUIRE(ui.click("需要"));
        ui.intents.calls.clear();
        REQUIRE(ui.scroll_down_to("保存规则"));
        REQUIRE(ui.click("保存规则"));
        REQUIRE(ui.intents.calls.size() == 1);
        UnionRules expected = alliance_defaults();
        expected.approval_required = true;
        CHECK(ui.intents.calls.front() ==
              "save_rules_settings alliance a-quzhou " + wire::encode_rules(expected).dump());
    }
    SECTION("a worker") {
        ui.state.session = testing::make_session("w-9001", "张师傅", sync::Role::worker, "u-qz-hospital");
        ui.touch();
        ui.ui.open_location("#/me");
        ui.frames(2);
        CHECK(!ui.shows("疗休养规则"));
        ui.ui.open_location("#/rules");
        ui.frames(2);
        CHECK(ui.shows("只有单位工会和联盟秘书处可以设置疗休养规则"));
        CHECK(ui.intents.calls.empty());
    }
    SECTION("a read that failed says why and offers to read again") {
        sign_in_union(ui);
        ui.ui.open_location("#/rules");
        ui.frames(2);
        ui.state.rules_settings.status = sync::ReadStatus::failed;
        ui.state.rules_settings.error_zh = "网络不可用";
        ui.touch();
        ui.frames(2);
        CHECK(ui.shows("网络不可用"));
        ui.intents.calls.clear();
        REQUIRE(ui.click("重新读取规则"));
        CHECK(ui.intents.calls == std::vector<std::string>{"load_rules_settings unit u-qz-juhua"});
    }
}
