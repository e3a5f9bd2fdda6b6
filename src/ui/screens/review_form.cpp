// 我的 → 待评价 and the member page's scores (review_form.hpp). What is due and what was written
// come from the sync engine (ClientState::my_reviews, read once per session, never on a
// kiosk); a review is sent with Intents::submit_review and its outcome read back from
// ClientState::review_write. No HTTP or JSON here.
#include "ui/screens/review_form.hpp"

#include "core/dates.hpp"
#include "core/review.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>  // ImGui::GetItemID: a star labelled for tests and screen readers

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace liaoxiu::ui {

struct ReviewFormState {
    Id account;              // whose the drafts are
    bool dismissed = false;  // 以后再说: not asked again in this visit of the app
    bool asking = false;     // the question is on screen in this visit (asked once per trip: ClientState::reviews_asked)
    bool open = false;       // 去评价: the forms are shown
    struct Draft {
        Id group, member;
        std::array<int, kReviewDimensions> stars{};
        std::string comment;
    };
    std::vector<Draft> drafts;
    Id member_asked;         // the member page whose reviews were asked for
};

namespace {

const char* tr(const Context& ctx, const char* zh, const char* en) { return ctx.language == Language::zh ? zh : en; }

ReviewFormState& form_state(Context& ctx) {
    if (!ctx.screens.reviews) ctx.screens.reviews = std::make_shared<ReviewFormState>();
    ReviewFormState& s = *ctx.screens.reviews;
    const Id account = ctx.state.session ? ctx.state.session->id : Id();
    if (s.account != account) {
        const Id member_asked = s.member_asked;
        s = {};
        s.account = account;
        s.member_asked = member_asked;
    }
    return s;
}

const char* dimension_label(const Context& ctx, ReviewDimension d) {
    switch (d) {
        case ReviewDimension::etiquette: return tr(ctx, "接待礼仪", "Reception etiquette");
        case ReviewDimension::process: return tr(ctx, "服务流程", "Service process");
        case ReviewDimension::problem_handling: return tr(ctx, "问题处理", "Problem handling");
    }
    return "";
}

ReviewFormState::Draft& draft_of(ReviewFormState& s, const ReviewDue& due) {
    for (auto& d : s.drafts)
        if (d.group == due.group && d.member == due.member) return d;
    s.drafts.push_back({due.group, due.member, {}, {}});
    return s.drafts.back();
}

std::string member_name_of(const Context& ctx, const Id& member, const std::string& given) {
    if (!given.empty()) return given;
    for (const auto& m : ctx.state.catalogue.members)
        if (m.id == member) return m.name;
    return member;
}

// Five large stars in a row, each a tappable item labelled "接待礼仪 4星".
void star_row(Context& ctx, ReviewDimension dimension, int* stars) {
    const char* name = dimension_label(ctx, dimension);
    label(ctx, name);
    const float size = 44.0f;  // a finger's width at 390 px
    ctx.glyphs.want("★☆");
    ImGui::PushID(static_cast<int>(dimension));
    for (int k = 1; k <= kMaxStars; ++k) {
        if (k > 1) ImGui::SameLine(0, 6);
        ImGui::PushID(k);
        const bool pressed = ImGui::InvisibleButton("##star", ImVec2(size, size));
        char item[96];
        std::snprintf(item, sizeof item, tr(ctx, "%s %d星", "%s %d stars"), name, k);
        ctx.items.on_item_info(ImGui::GetItemID(), item);
        if (pressed) *stars = k;
        const ImVec2 min = ImGui::GetItemRectMin();
        const char* glyph = k <= *stars ? "★" : "☆";
        ImFont* font = ImGui::GetFont();
        const float font_size = ImGui::GetFontSize() * 1.9f;
        const ImVec2 extent = font->CalcTextSizeA(font_size, FLT_MAX, 0, glyph);
        ImGui::GetWindowDrawList()->AddText(font, font_size, ImVec2(min.x + (size - extent.x) / 2, min.y + (size - extent.y) / 2),
                                            k <= *stars ? IM_COL32(230, 150, 20, 255) : colors::muted, glyph);
        ImGui::PopID();
    }
    ImGui::PopID();
}

void review_form(Context& ctx, ReviewFormState& s, const ReviewDue& due) {
    ReviewFormState::Draft& draft = draft_of(s, due);
    ImGui::PushID((due.group + "/" + due.member).c_str());
    label(ctx, member_name_of(ctx, due.member, due.member_name), colors::accent);
    for (ReviewDimension d : kAllReviewDimensions) star_row(ctx, d, &draft.stars[static_cast<std::size_t>(d)]);
    text_field(ctx, tr(ctx, "评价内容", "Comment"), "##comment", &draft.comment, -FLT_MIN, 0,
               tr(ctx, "请评价服务本身，不要涉及个人", "Rate the service itself, not a person"));
    const auto& write = ctx.state.review_write;
    const bool this_one = write && write->group == due.group && write->member == due.member;
    const bool sending = this_one && write->stage == sync::ReviewWrite::Stage::sending;
    if (this_one && write->stage == sync::ReviewWrite::Stage::failed)
        label(ctx, std::string(tr(ctx, "未提交：", "Not saved: ")) + (ctx.language == Language::zh ? write->error_zh : write->error_en),
              colors::accent);
    const bool complete = draft.stars[0] > 0 && draft.stars[1] > 0 && draft.stars[2] > 0;
    if (!complete) muted(ctx, tr(ctx, "请为三项各选1至5星", "Choose 1 to 5 stars for each of the three"));
    ImGui::BeginDisabled(!complete || sending);
    if (button(ctx, sending ? tr(ctx, "正在提交…", "Sending…") : tr(ctx, "提交", "Submit"), -1)) {
        ReviewScores scores;
        scores.stars = draft.stars;
        ctx.intents.submit_review(due.group, due.member, scores, draft.comment);
    }
    ImGui::EndDisabled();
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, 6));
}

}  // namespace

void draw_reviews_due(Context& ctx) {
    if (ctx.state.kiosk || !ctx.state.session || ctx.state.session->role != sync::Role::worker) return;
    ReviewFormState& s = form_state(ctx);
    const auto& write = ctx.state.review_write;
    if (write && write->stage == sync::ReviewWrite::Stage::done)
        label(ctx, write->created ? tr(ctx, "评价已提交，谢谢！", "Your review is saved: thank you!")
                                  : tr(ctx, "评价已修改。", "Your review is updated."),
              colors::accent);
    const std::vector<ReviewDue>& due = ctx.state.my_reviews.mine.due;
    if (due.empty()) return;
    int trips = 0;
    for (std::size_t i = 0; i < due.size(); ++i)
        if (i == 0 || due[i].group != due[i - 1].group) ++trips;
    if (!s.open) {
        char line[96];
        std::snprintf(line, sizeof line, tr(ctx, "有%d个行程待评价", "%d trips to rate"), trips);
        // Asked once per trip: the first visit that finds a trip not yet asked about asks (and
        // goes on asking until the end of that visit); later visits only offer the quiet button.
        std::vector<Id> asked = ctx.state.reviews_asked;
        for (const ReviewDue& d : due)
            if (std::find(asked.begin(), asked.end(), d.group) == asked.end()) asked.push_back(d.group);
        if (asked.size() != ctx.state.reviews_asked.size()) {
            s.asking = true;
            ctx.intents.reviews_asked(std::move(asked));
        }
        if (s.asking && !s.dismissed) {
            section(ctx, line);
            muted(ctx, tr(ctx, "您的评价帮助联盟改进服务。", "Your rating helps the alliance improve its services."));
            if (button(ctx, tr(ctx, "去评价", "Rate them"))) s.open = true;
            ImGui::SameLine();
            if (secondary_button(ctx, tr(ctx, "以后再说", "Later"))) s.dismissed = true;
        } else {
            // Asked once: afterwards only a quiet way back to it.
            if (secondary_button(ctx, (std::string(tr(ctx, "待评价", "To rate")) + "（" + std::to_string(trips) + "）").c_str(), -1))
                s.open = true;
        }
        return;
    }
    section(ctx, tr(ctx, "待评价", "To rate"));
    muted(ctx, tr(ctx, "请评价服务本身，不要涉及个人。每项1至5星，提交后14天内可修改。",
                  "Rate the service itself, not a person: 1 to 5 stars each; you can change it for 14 days."));
    Id group;
    for (const ReviewDue& d : due) {
        if (d.group != group) {
            group = d.group;
            label(ctx, d.route_title + " · " + format_day(d.last_day) + tr(ctx, " 结束", " (ended)"));
        }
        review_form(ctx, s, d);
    }
    if (secondary_button(ctx, tr(ctx, "收起", "Close"), -1)) s.open = false;
}

void draw_member_reviews(Context& ctx, const Member& member) {
    ReviewFormState& s = form_state(ctx);
    if (s.member_asked != member.id) {
        s.member_asked = member.id;
        ctx.intents.load_member_reviews(member.id);
    }
    const sync::MemberReviewsView& view = ctx.state.member_reviews;
    if (view.member != member.id || view.status != sync::ReadStatus::loaded) return;
    const wire::MemberReviewsPage& page = view.page;
    section(ctx, tr(ctx, "服务评价", "Service reviews"));
    if (page.standing == MemberStanding::exemplary) label(ctx, tr(ctx, "★ 先进典型", "★ Exemplary"), colors::accent);
    if (!page.averages) {
        char line[96];
        std::snprintf(line, sizeof line, tr(ctx, "评价不足5条（现有%d条）", "Fewer than 5 reviews (%d so far)"), page.count);
        muted(ctx, line);
    } else {
        for (ReviewDimension d : kAllReviewDimensions) {
            char line[96];
            std::snprintf(line, sizeof line, tr(ctx, "%s %.1f星", "%s %.1f stars"), dimension_label(ctx, d),
                          (*page.averages)[static_cast<std::size_t>(d)]);
            label(ctx, line);
        }
        char count[64];
        std::snprintf(count, sizeof count, tr(ctx, "共%d条评价", "%d reviews"), page.count);
        muted(ctx, count);
    }
    for (const Review& r : page.comments) {
        if (r.comment.empty()) continue;
        label(ctx, "“" + r.comment + "”");
        muted(ctx, format_day(day_of(r.written)));
    }
}

}  // namespace liaoxiu::ui
