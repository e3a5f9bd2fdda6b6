// The unit union's approval queue (审批, #/approvals): its workers' places waiting for its
// decision, the earliest due first, one card each — the worker's name and member number, the
// route, the dates, the price and the worker's own share, what their allowance has left, and
// 审批截止 (China time, to the minute); 同意, and 不同意 with a reason (required, the core's
// decline_reason_refused at the field) confirmed by 确认不同意. Reached from 我的 (待审批 N).
#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

bool is_union(const Context& ctx) {
    return ctx.signed_in() && ctx.state.session->role == Role::organizer && !ctx.state.session->unit.empty();
}

bool deciding(const Context& ctx, const wire::ApprovalEntry& entry) {
    const auto& on_way = ctx.state.approvals.deciding;
    return std::find(on_way.begin(), on_way.end(), std::pair<Id, Id>{entry.group, entry.worker}) != on_way.end();
}

std::string allowance_left(Context& ctx, const wire::ApprovalEntry& entry) {
    if (entry.trips_left && entry.days_left) return ctx.f(Text::approval_left_both, *entry.trips_left, *entry.days_left);
    if (entry.trips_left) return ctx.f(Text::approval_left_trips, *entry.trips_left);
    if (entry.days_left) return ctx.f(Text::approval_left_days, *entry.days_left);
    return {};
}

// Closes the reason field (what was typed and its refusal go with it); the queue stays asked for.
void close_decline(ApprovalsScreenState& screen) {
    screen.declining_group.clear();
    screen.declining_worker.clear();
    screen.reason.clear();
    screen.error_zh.clear();
    screen.error_en.clear();
}

void draw_decline_form(Context& ctx, const wire::ApprovalEntry& entry) {
    ApprovalsScreenState& screen = ctx.screens.approvals;
    input_text(ctx, ctx.t(Text::decline_reason_label), "##decline_reason", &screen.reason, 0,
               ctx.t(Text::decline_reason_hint));
    if (!screen.error_zh.empty())
        label(ctx, ctx.language == Language::zh ? screen.error_zh : screen.error_en, colors::accent);
    if (button(ctx, ctx.t(Text::decline_confirm), -1)) {
        if (auto refused = decline_reason_refused(screen.reason)) {
            screen.error_zh = refused->message_zh;
            screen.error_en = refused->message_en;
            ctx.glyphs.want(screen.error_zh);
            ctx.screens.alerts.push_back(ctx.language == Language::zh ? screen.error_zh : screen.error_en);
        } else {
            ctx.intents.decline_place(entry.group, entry.worker, screen.reason);
            close_decline(screen);
        }
    }
    if (secondary_button(ctx, ctx.t(Text::cancel), -1)) close_decline(screen);
}

void draw_card(Context& ctx, const wire::ApprovalEntry& entry) {
    ApprovalsScreenState& screen = ctx.screens.approvals;
    std::string who = entry.worker_name.empty() ? entry.worker : entry.worker_name;
    if (!entry.member_number.empty()) who += " · " + entry.member_number;
    label(ctx, who);
    label(ctx, entry.route_title);
    muted(ctx, ctx.f(Text::approval_dates, format_day(entry.departure).c_str(), format_day(entry.last_day).c_str()));
    // The worker's own share when the unit's rules split the price; the whole price otherwise.
    if (entry.split.worker_share != entry.price)
        muted(ctx, ctx.f(Text::approval_price, format_yuan(entry.price).c_str(), format_yuan(entry.split.worker_share).c_str()));
    else
        muted(ctx, ctx.f(Text::approval_price_only, format_yuan(entry.price).c_str()));
    if (std::string left = allowance_left(ctx, entry); !left.empty()) muted(ctx, left);
    label(ctx, ctx.f(Text::approval_due, format_china_time(entry.decision_due).c_str()), colors::accent);

    ImGui::PushID((entry.group + "/" + entry.worker).c_str());
    if (deciding(ctx, entry)) {
        muted(ctx, ctx.t(Text::approval_sending));
    } else if (screen.declining_group == entry.group && screen.declining_worker == entry.worker) {
        draw_decline_form(ctx, entry);
    } else {
        if (button(ctx, ctx.t(Text::approve), -1)) ctx.intents.approve_place(entry.group, entry.worker);
        if (secondary_button(ctx, ctx.t(Text::decline), -1)) {
            close_decline(screen);
            screen.declining_group = entry.group;
            screen.declining_worker = entry.worker;
        }
    }
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, 4));
}

}  // namespace

void draw_approvals_entry(Context& ctx) {
    if (!is_union(ctx)) return;
    const sync::ApprovalsView& view = ctx.state.approvals;
    const int waiting = static_cast<int>(view.queue.approvals.size());
    if (view.queue.unit != ctx.state.session->unit || (waiting == 0 && !view.queue.approval_required)) return;
    if (button(ctx, ctx.f(Text::approvals_entry, waiting).c_str(), -1)) ctx.nav.go({Screen::approvals, {}});
}

void draw_approvals(Context& ctx) {
    heading(ctx, ctx.t(Text::approvals_title));
    if (!is_union(ctx)) {
        label(ctx, ctx.signed_in() ? ctx.t(Text::approvals_union_only) : ctx.t(Text::not_signed_in), colors::accent);
        if (!ctx.signed_in() && button(ctx, ctx.t(Text::sign_in), -1)) ctx.nav.go({Screen::sign_in, {}});
        return;
    }
    ApprovalsScreenState& screen = ctx.screens.approvals;
    if (!screen.requested) {
        screen.requested = true;
        ctx.intents.load_approvals();
    }
    const sync::ApprovalsView& view = ctx.state.approvals;
    const bool have_queue = view.queue.unit == ctx.state.session->unit;
    if (!have_queue && view.status != sync::ReadStatus::failed) {
        muted(ctx, ctx.t(Text::approvals_loading));
        return;
    }
    if (view.status == sync::ReadStatus::failed) {
        label(ctx, ctx.language == Language::zh ? view.error_zh : view.error_en, colors::accent);
        if (secondary_button(ctx, ctx.t(Text::approvals_refresh), -1)) ctx.intents.load_approvals();
        if (!have_queue) return;
    }
    if (view.queue.approvals.empty()) muted(ctx, ctx.t(Text::approvals_empty));
    // The endpoint sends the earliest due first; kept so here whatever order a merge left.
    std::vector<const wire::ApprovalEntry*> entries;
    for (const wire::ApprovalEntry& entry : view.queue.approvals) entries.push_back(&entry);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto* a, const auto* b) { return a->decision_due < b->decision_due; });
    for (const wire::ApprovalEntry* entry : entries) draw_card(ctx, *entry);
    ImGui::Dummy(ImVec2(0, 4));
    if (secondary_button(ctx, ctx.t(Text::approvals_refresh), -1)) ctx.intents.load_approvals();
}

}  // namespace liaoxiu::ui
