// Service reviews (服务评价) on the screens: the worker's 待评价 on 我的 at phone width (asked
// once, never on a kiosk; large labelled stars; the outcome told), the member page's scores,
// and the secretariat's 服务评价 page (scores lowest first, marks, hiding a comment).
#include "ui_driver.hpp"

#include "core/dates.hpp"
#include "core/review.hpp"

#include <catch2/catch.hpp>

#include <imgui.h>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

void sign_in_worker(UiDriver& ui) {
    ui.state.session = testing::make_session("w-1", "王丽", sync::Role::worker, "u-qz-school2");
    ui.touch();
}

// One trip over, with two members to rate.
void due_two(UiDriver& ui) {
    ui.state.my_reviews.status = sync::ReadStatus::loaded;
    ui.state.my_reviews.mine.due = {
        ReviewDue{"g-past", "r-1", "m-hotel", *parse_day("2026-11-28"), "钱江源森林康养三日游", "衢州国际大酒店"},
        ReviewDue{"g-past", "r-1", "m-farm", *parse_day("2026-11-28"), "钱江源森林康养三日游", "开化农家乐"}};
    ui.touch();
}

int count_calls(const UiDriver& ui, const std::string& prefix) {
    int n = 0;
    for (const auto& c : ui.intents.calls) n += c.rfind(prefix, 0) == 0;
    return n;
}

}  // namespace

TEST_CASE("reviews: 我的 asks once for the trips to rate, the worker rates one member with large stars", "[ui][reviews]") {
    UiDriver ui(390, 844);
    sign_in_worker(ui);
    due_two(ui);
    ui.ui.open_location("#/me");
    ui.frames(3);
    CHECK(ui.shows("有1个行程待评价"));
    REQUIRE(ui.click("去评价"));
    ui.frames(2);
    CHECK(ui.shows("请评价服务本身，不要涉及个人"));
    CHECK(ui.shows("衢州国际大酒店"));
    CHECK(ui.shows("开化农家乐"));
    // Each star is its own item, a finger wide, labelled with its dimension and count.
    const ui::ItemRecord* star = ui.find_item("接待礼仪 4星");
    REQUIRE(star);
    CHECK(star->max.x - star->min.x >= 44.0f);
    CHECK(star->max.y - star->min.y >= 44.0f);
    CHECK(ui.find_item("服务流程 1星"));
    CHECK(ui.find_item("问题处理 5星"));
    CHECK(ui.shows("请为三项各选1至5星"));
    CHECK(ui.missing_glyphs() == 0);  // ★ and ☆ drawn from the font

    REQUIRE(ui.click("接待礼仪 4星"));
    REQUIRE(ui.click("服务流程 5星"));
    REQUIRE(ui.click("问题处理 3星"));
    REQUIRE(ui.click("评价内容"));
    ui.type("服务周到");
    ui.frames(2);
    REQUIRE(ui.click("提交"));
    REQUIRE(count_calls(ui, "submit_review ") == 1);
    CHECK(ui.intents.calls.back() == "submit_review g-past m-hotel 4 5 3 服务周到");

    // Refused: told in the endpoint's words.
    ui.state.review_write = sync::ReviewWrite{"g-past", "m-hotel", sync::ReviewWrite::Stage::failed, false, std::nullopt,
                                              "行程尚未结束，暂不能评价", "The trip is not over yet"};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("未提交：行程尚未结束，暂不能评价"));

    // Saved: thanked, and what is due is what the engine says now.
    ui.state.review_write->stage = sync::ReviewWrite::Stage::done;
    ui.state.review_write->created = true;
    ui.state.my_reviews.mine.due.erase(ui.state.my_reviews.mine.due.begin());
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("评价已提交，谢谢！"));
    CHECK_FALSE(ui.shows("衢州国际大酒店"));
    CHECK(ui.shows("开化农家乐"));
}

TEST_CASE("reviews: asked once per trip across visits, 以后再说 not asked again, a kiosk never asks", "[ui][reviews]") {
    UiDriver ui(390, 844);
    sign_in_worker(ui);
    due_two(ui);
    ui.ui.open_location("#/me");
    ui.frames(3);
    REQUIRE(ui.click("以后再说"));
    ui.frames(2);
    CHECK_FALSE(ui.shows("有1个行程待评价"));
    CHECK(ui.find_item("待评价（1）"));  // a quiet way back
    REQUIRE(ui.click("待评价（1）"));
    ui.frames(2);
    CHECK(ui.find_item("接待礼仪 4星"));

    // The screens said the worker was asked about that trip (the engine keeps it per account).
    CHECK(ui.intents.reviews_asked_told == std::vector<Id>{"g-past"});

    // The next visit: that trip was asked about, so only the quiet button; a new trip asks again.
    UiDriver next(390, 844);
    sign_in_worker(next);
    due_two(next);
    next.state.reviews_asked = {"g-past"};
    next.ui.open_location("#/me");
    next.frames(3);
    CHECK_FALSE(next.shows("有1个行程待评价"));
    CHECK(next.find_item("待评价（1）"));
    CHECK(next.intents.reviews_asked_told.empty());
    next.state.my_reviews.mine.due.push_back(
        ReviewDue{"g-newer", "r-2", "m-spa", *parse_day("2026-12-02"), "江郎山红色研学二日游", "江山温泉疗养院"});
    next.touch();
    next.frames(2);
    CHECK(next.shows("有2个行程待评价"));
    CHECK(next.intents.reviews_asked_told == std::vector<Id>{"g-past", "g-newer"});

    UiDriver kiosk(390, 844);
    kiosk.state.kiosk = true;
    sign_in_worker(kiosk);
    due_two(kiosk);
    kiosk.ui.open_location("#/me");
    kiosk.frames(3);
    CHECK_FALSE(kiosk.shows("待评价"));
    CHECK_FALSE(kiosk.find_item("接待礼仪 4星"));
    CHECK(kiosk.intents.reviews_asked_told.empty());
}

TEST_CASE("reviews: the member page shows averages from 5 reviews, the exemplary mark and comments", "[ui][reviews]") {
    UiDriver ui(390, 844);
    const Member& member = ui.state.catalogue.members.front();
    ui.ui.open_location("#/member/" + member.id);
    ui.frames(3);
    CHECK(count_calls(ui, "load_member_reviews " + member.id) == 1);

    ui.state.member_reviews.member = member.id;
    ui.state.member_reviews.status = sync::ReadStatus::loaded;
    ui.state.member_reviews.page.member = member.id;
    ui.state.member_reviews.page.count = 3;
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("评价不足5条"));
    CHECK_FALSE(ui.shows("接待礼仪 4.2星"));

    ui.state.member_reviews.page.count = 7;
    ui.state.member_reviews.page.averages = std::array<double, 3>{4.2, 3.8, 4.6};
    ui.state.member_reviews.page.standing = MemberStanding::exemplary;
    Review comment;
    comment.id = "rv-1";
    comment.comment = "房间干净，接待热情";
    comment.written = testing::demo_now();
    ui.state.member_reviews.page.comments = {comment};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("接待礼仪 4.2星"));
    CHECK(ui.shows("服务流程 3.8星"));
    CHECK(ui.shows("问题处理 4.6星"));
    CHECK(ui.shows("先进典型"));
    CHECK(ui.shows("房间干净，接待热情"));
    CHECK_FALSE(ui.shows("评价不足5条"));
    CHECK(count_calls(ui, "load_member_reviews ") == 1);  // asked once
}

TEST_CASE("reviews: the secretariat's 服务评价 page, lowest first, marks and hiding a comment", "[ui][reviews][desk]") {
    UiDriver ui(1366, 768);
    ui.state.session = testing::make_session("a-admin", "联盟秘书处", sync::Role::secretariat, "");
    ui.touch();
    ui.ui.open_location("#/desk/reviews");
    ui.frames(3);
    CHECK(ui.ui.location() == "#/desk/reviews");
    CHECK(count_calls(ui, "load_review_scores") == 1);

    wire::MemberScoreRow weak;
    weak.member = "m-weak";
    weak.member_name = "某某宾馆";
    weak.count = 6;
    weak.averages = std::array<double, 3>{2.5, 2.0, 3.0};
    weak.overall = 2.5;
    weak.months = {{"2026-10", 3, std::array<double, 3>{2.0, 2.0, 3.0}}, {"2026-11", 3, std::array<double, 3>{3.0, 2.0, 3.0}}};
    wire::MemberScoreRow good = weak;
    good.member = "m-good";
    good.member_name = "江郎山景区";
    good.averages = std::array<double, 3>{4.9, 4.8, 5.0};
    good.overall = 4.9;
    ui.state.review_scores.status = sync::ReadStatus::loaded;
    ui.state.review_scores.answer.members = {weak, good};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("2.50"));
    CHECK(ui.shows("4.90"));
    REQUIRE(ui.click("某某宾馆"));
    ui.frames(2);
    CHECK(count_calls(ui, "load_member_reviews m-weak") == 1);

    // 标记整改 wants a note and a follow-up day.
    REQUIRE(ui.click("标记整改"));
    CHECK(ui.shows("请写明整改要求"));
    CHECK(count_calls(ui, "set_standing") == 0);
    REQUIRE(ui.click("整改要求"));
    ui.type("前台接待需培训");
    REQUIRE(ui.click("复查日期"));
    ui.type("2027-01-10");
    ui.frames(2);
    REQUIRE(ui.click("标记整改"));
    CHECK(ui.intents.calls.back() == "set_standing m-weak rectification 前台接待需培训 2027-01-10");
    REQUIRE(ui.click("评为先进典型"));
    CHECK(ui.intents.calls.back().rfind("set_standing m-weak exemplary", 0) == 0);

    // A comment hidden with a reason.
    ui.state.member_reviews.member = "m-weak";
    ui.state.member_reviews.status = sync::ReadStatus::loaded;
    Review abusive;
    abusive.id = "rv-9";
    abusive.comment = "服务员张三态度差";
    abusive.scores.stars = {1, 1, 1};
    abusive.written = testing::demo_now();
    ui.state.member_reviews.page.comments = {abusive};
    ui.touch();
    ui.frames(2);
    CHECK(ui.shows("服务员张三态度差"));
    REQUIRE(ui.scroll_down_to("隐藏评论"));  // below the chart and the marks
    REQUIRE(ui.click("隐藏评论"));
    ui.frames(2);
    REQUIRE(ui.scroll_down_to("确认隐藏"));
    REQUIRE(ui.click("确认隐藏"));
    CHECK(ui.shows("请写明隐藏原因"));
    CHECK(count_calls(ui, "hide_review") == 0);
    REQUIRE(ui.click("隐藏原因"));
    ui.type("涉及个人");
    ui.frames(2);
    REQUIRE(ui.click("确认隐藏"));
    CHECK(count_calls(ui, "hide_review rv-9 涉及个人") == 1);
}
