// 服务评价 (#/desk/reviews): the alliance's service standard as the workers rated it, for the
// secretariat (the article's 约束激励机制). Every member with reviews in one table, the lowest
// rated first (count, the three dimensions' averages, the overall one, its mark); a member
// chosen shows its monthly averages as a line chart (charts.cpp; the averages ×100, as the
// charts draw integers), the buttons 标记整改 (a note and a follow-up day), 评为先进典型 and
// 取消标记, and its newest comments, each with 隐藏评论 (a reason required). The figures come
// through the sync engine (DeskIntents::load_review_scores, set_standing, hide_review;
// Intents::load_member_reviews for the comments): no HTTP or JSON here.
#include "core/dates.hpp"
#include "core/review.hpp"
#include "ui/desk/charts.hpp"
#include "ui/desk/desk.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace liaoxiu::ui {

struct ReviewsPageState {
    bool asked = false;
    Id selected;             // the member shown below the table
    Id comments_asked;       // whose comments were asked for
    std::string note;        // 标记整改's note
    std::string follow_up;   // and its follow-up day, YYYY-MM-DD
    Id hiding;               // the review whose comment is being hidden
    std::string reason;      // why
    std::string error_zh, error_en;  // a form refused here
};

namespace {

const char* tr(const Context& ctx, const char* zh, const char* en) { return ctx.language == Language::zh ? zh : en; }

ReviewsPageState& page_state(Context& ctx) {
    DeskState& desk = desk_state(ctx);
    if (!desk.reviews) desk.reviews = std::make_shared<ReviewsPageState>();
    return *desk.reviews;
}

std::string average_text(const std::optional<double>& value) {
    if (!value) return "—";
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", *value);
    return text;
}

std::string member_name(const Context& ctx, const wire::MemberScoreRow& row) {
    if (!row.member_name.empty()) return row.member_name;
    for (const auto& m : ctx.state.catalogue.members)
        if (m.id == row.member) return m.name;
    return row.member;
}

const char* standing_text(const Context& ctx, const std::optional<StandingMark>& mark) {
    if (!mark || mark->standing == MemberStanding::none) return "";
    return mark->standing == MemberStanding::exemplary ? tr(ctx, "先进典型", "Exemplary") : tr(ctx, "整改", "Rectification");
}

const char* dimension_label(const Context& ctx, ReviewDimension d) {
    switch (d) {
        case ReviewDimension::etiquette: return tr(ctx, "接待礼仪", "Reception etiquette");
        case ReviewDimension::process: return tr(ctx, "服务流程", "Service process");
        case ReviewDimension::problem_handling: return tr(ctx, "问题处理", "Problem handling");
    }
    return "";
}

std::optional<double> average_of(const wire::ReviewAverages& averages, std::size_t i) {
    if (!averages) return std::nullopt;
    return (*averages)[i];
}

void draw_table(Context& ctx, ReviewsPageState& s, const wire::ReviewScoresAnswer& answer) {
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV;
    const float height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<std::size_t>(answer.members.size(), 8) + 2) + 12;
    if (!ImGui::BeginTable("##review_scores", 7, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const char* headers[] = {tr(ctx, "成员单位", "Member"), tr(ctx, "评价数", "Reviews"), dimension_label(ctx, ReviewDimension::etiquette),
                             dimension_label(ctx, ReviewDimension::process), dimension_label(ctx, ReviewDimension::problem_handling),
                             tr(ctx, "综合", "Overall"), tr(ctx, "标记", "Mark")};
    for (int c = 0; c < 7; ++c) {
        ctx.glyphs.want(headers[c]);
        ImGui::TableSetupColumn(headers[c], c == 0 ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed, c == 0 ? 0.0f : 96.0f);
    }
    table_headers(ctx);
    for (const auto& row : answer.members) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const std::string name = member_name(ctx, row);
        ctx.glyphs.want(name);
        ImGui::PushID(row.member.c_str());
        if (ImGui::Selectable(name.c_str(), s.selected == row.member)) {
            s.selected = row.member;
            s.note.clear();
            s.follow_up.clear();
            s.hiding.clear();
            s.reason.clear();
            s.error_zh.clear();
            s.error_en.clear();
        }
        ImGui::PopID();
        ImGui::TableSetColumnIndex(1);
        cell(ctx, std::to_string(row.count));
        for (std::size_t d = 0; d < 3; ++d) {
            ImGui::TableSetColumnIndex(static_cast<int>(d) + 2);
            cell(ctx, average_text(average_of(row.averages, d)));
        }
        ImGui::TableSetColumnIndex(5);
        cell(ctx, average_text(row.overall));
        ImGui::TableSetColumnIndex(6);
        cell(ctx, standing_text(ctx, row.standing), colors::accent);
    }
    ImGui::EndTable();
}

void draw_member(Context& ctx, ReviewsPageState& s, const wire::MemberScoreRow& row) {
    section(ctx, member_name(ctx, row));
    if (row.standing && row.standing->standing == MemberStanding::rectification) {
        label(ctx, std::string(tr(ctx, "整改：", "Rectification: ")) + row.standing->note +
                       (row.standing->follow_up ? std::string(tr(ctx, "（复查日期 ", " (follow-up ")) + format_day(*row.standing->follow_up) +
                                                      tr(ctx, "）", ")")
                                                : std::string()),
              colors::accent);
    } else if (row.standing && row.standing->standing == MemberStanding::exemplary) {
        label(ctx, tr(ctx, "先进典型", "Exemplary"), colors::accent);
    }

    // The monthly averages over time.
    if (!row.months.empty()) {
        charts::Chart chart;
        chart.kind = charts::Kind::line;
        for (std::size_t d = 0; d < 3; ++d)
            chart.series.push_back({std::string(dimension_label(ctx, kAllReviewDimensions[d])) + tr(ctx, "（星×100）", " (stars ×100)"), {}});
        for (const auto& m : row.months) {
            chart.categories.push_back(m.month);
            for (std::size_t d = 0; d < 3; ++d) {
                const auto v = average_of(m.averages, d);
                chart.series[d].values.push_back(v ? static_cast<std::int64_t>(*v * 100 + 0.5) : 0);
            }
        }
        charts::draw(ctx, "##review_months", chart, ImVec2(ImGui::GetContentRegionAvail().x, 220));
    }

    // The marks (约束激励机制).
    const float width = std::max(160.0f, ImGui::GetContentRegionAvail().x / 3);
    text_field(ctx, tr(ctx, "整改要求", "Rectification note"), "##standing_note", &s.note, width, 0,
               tr(ctx, "整改要求（必填）", "What to put right (required)"));
    ImGui::SameLine();
    text_field(ctx, tr(ctx, "复查日期", "Follow-up day"), "##standing_follow_up", &s.follow_up, 150, 0,
               tr(ctx, "复查日期（YYYY-MM-DD）", "Follow-up (YYYY-MM-DD)"), FieldKind::date);
    ImGui::SameLine();
    if (secondary_button(ctx, tr(ctx, "标记整改", "Mark for rectification"))) {
        const auto day = parse_day(s.follow_up);
        if (s.note.find_first_not_of(" \t") == std::string::npos) {
            s.error_zh = "请写明整改要求";
            s.error_en = "Say what is to be put right";
        } else if (!day) {
            s.error_zh = "复查日期应写作YYYY-MM-DD";
            s.error_en = "The follow-up day should read YYYY-MM-DD";
        } else {
            s.error_zh.clear();
            s.error_en.clear();
            ctx.desk_intents->set_standing(row.member, MemberStanding::rectification, s.note, day);
        }
    }
    if (secondary_button(ctx, tr(ctx, "评为先进典型", "Hold up as exemplary"))) {
        ctx.desk_intents->set_standing(row.member, MemberStanding::exemplary, s.note, std::nullopt);
    }
    if (row.standing && row.standing->standing != MemberStanding::none) {
        ImGui::SameLine();
        if (secondary_button(ctx, tr(ctx, "取消标记", "Clear the mark")))
            ctx.desk_intents->set_standing(row.member, MemberStanding::none, "", std::nullopt);
    }
    if (!s.error_zh.empty()) label(ctx, ctx.language == Language::zh ? s.error_zh : s.error_en, colors::accent);
    if (const auto& w = ctx.state.review_desk_write; w && w->stage == sync::ReviewDeskWrite::Stage::failed)
        label(ctx, ctx.language == Language::zh ? w->error_zh : w->error_en, colors::accent);

    // The newest comments, each with 隐藏评论.
    if (s.comments_asked != row.member) {
        s.comments_asked = row.member;
        ctx.intents.load_member_reviews(row.member);
    }
    section(ctx, tr(ctx, "最新评论", "Newest comments"));
    const sync::MemberReviewsView& reviews = ctx.state.member_reviews;
    if (reviews.member != row.member || reviews.status == sync::ReadStatus::loading) {
        muted(ctx, tr(ctx, "正在读取…", "Loading…"));
        return;
    }
    bool any = false;
    for (const Review& review : reviews.page.comments) {
        if (review.comment.empty()) continue;
        any = true;
        ImGui::PushID(review.id.c_str());
        label(ctx, review.comment);
        muted(ctx, format_day(day_of(review.written)) + "  " + dimension_label(ctx, ReviewDimension::etiquette) + " " +
                       std::to_string(review.scores.stars[0]) + " · " + dimension_label(ctx, ReviewDimension::process) + " " +
                       std::to_string(review.scores.stars[1]) + " · " + dimension_label(ctx, ReviewDimension::problem_handling) +
                       " " + std::to_string(review.scores.stars[2]));
        if (s.hiding == review.id) {
            text_field(ctx, tr(ctx, "隐藏原因", "Reason to hide"), "##hide_reason", &s.reason, width, 0,
                       tr(ctx, "隐藏原因（必填，记入审计日志）", "Why (required; kept in the audit trail)"));
            ImGui::SameLine();
            if (button(ctx, tr(ctx, "确认隐藏", "Hide it"))) {
                if (s.reason.find_first_not_of(" \t") == std::string::npos) {
                    s.error_zh = "请写明隐藏原因";
                    s.error_en = "Give a reason to hide it";
                } else {
                    s.error_zh.clear();
                    s.error_en.clear();
                    ctx.desk_intents->hide_review(review.id, s.reason);
                    s.hiding.clear();
                    s.reason.clear();
                    s.comments_asked.clear();  // read again
                }
            }
        } else if (secondary_button(ctx, tr(ctx, "隐藏评论", "Hide comment"))) {
            s.hiding = review.id;
            s.reason.clear();
        }
        ImGui::PopID();
    }
    if (!any) muted(ctx, tr(ctx, "暂无评论", "No comments yet"));
}

}  // namespace

void draw_desk_reviews(Context& ctx) {
    ReviewsPageState& s = page_state(ctx);
    heading(ctx, tr(ctx, "服务评价", "Service reviews"));
    if (!s.asked) {
        s.asked = true;
        ctx.desk_intents->load_review_scores(std::nullopt, std::nullopt);
    }
    const sync::ReviewScoresView& view = ctx.state.review_scores;
    if (secondary_button(ctx, tr(ctx, "刷新", "Refresh"))) ctx.desk_intents->load_review_scores(std::nullopt, std::nullopt);
    if (view.status == sync::ReadStatus::loading) muted(ctx, tr(ctx, "正在读取服务评价…", "Loading the service reviews…"));
    if (view.status == sync::ReadStatus::failed) label(ctx, ctx.language == Language::zh ? view.error_zh : view.error_en, colors::accent);
    if (view.answer.members.empty()) {
        if (view.status == sync::ReadStatus::loaded) muted(ctx, tr(ctx, "暂无评价", "No reviews yet"));
        return;
    }
    muted(ctx, tr(ctx, "按综合评分从低到高；评价不足5条的成员单位排在最后。", "Lowest overall first; members with fewer than 5 reviews last."));
    draw_table(ctx, s, view.answer);
    for (const auto& row : view.answer.members)
        if (row.member == s.selected) draw_member(ctx, s, row);
}

}  // namespace liaoxiu::ui
