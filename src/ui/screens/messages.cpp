// 消息 (#/messages): what group changes told the signed-in worker, or their unit's union —
// newest first, each with when it happened (China time), the unread ones marked 未读. A place
// offered and still open comes first with its one action (接受名额; its reminder too, under it);
// any other opens its group. Showing the list marks what it shows read (once per visit). Reached
// from 我的 (消息, with the unread count) and from the badge on the 我的 tab (chrome.cpp).
#include "core/dates.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

bool has_inbox(const Context& ctx) {
    if (!ctx.signed_in() || ctx.state.kiosk) return false;
    const sync::Session& session = *ctx.state.session;
    return session.role == Role::worker || (session.role == Role::organizer && !session.unit.empty());
}

// A place offered, or the reminder that its offer ends soon: both carry the one action.
bool about_an_offer(NotificationKind kind) {
    return kind == NotificationKind::offer_made || kind == NotificationKind::offer_ending;
}

// The worker's place on `group` is offered to them now (not lapsed, not taken).
bool offer_still_open(const Context& ctx, const Id& group) {
    for (const sync::MyTrip& trip : ctx.state.my_trips) {
        if (trip.group != group) continue;
        return trip.state == PlaceState::offered && (!trip.offer_expires || *trip.offer_expires > ctx.services.now());
    }
    return false;
}

// `accept`: this entry carries 接受名额 (the newest about an offer still open; the others about
// the same offer only open the group).
void draw_entry(Context& ctx, const wire::NotificationEntry& entry, bool accept = false) {
    const std::vector<std::int64_t>& unread = ctx.screens.messages.unread_on_arrival;
    ImGui::PushID(static_cast<int>(entry.id));
    if (std::find(unread.begin(), unread.end(), entry.id) != unread.end())
        label(ctx, ctx.t(Text::message_unread), colors::accent);
    label(ctx, ctx.language == Language::zh ? entry.text_zh : entry.text_en);
    muted(ctx, format_china_time(entry.at));
    if (accept) {
        if (button(ctx, ctx.t(Text::accept_offer), -1)) ctx.intents.accept_offer(entry.group);
    } else if (ctx.view.group(entry.group)) {
        if (secondary_button(ctx, ctx.t(Text::message_open_group), -1)) ctx.nav.go({Screen::group, entry.group});
    }
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, 4));
}

}  // namespace

std::int64_t unread_messages(const Context& ctx) {
    if (!has_inbox(ctx)) return 0;
    return ctx.state.notifications.page.unread;
}

void draw_messages_entry(Context& ctx, MessagesEntry where) {
    if (!has_inbox(ctx)) return;
    const std::int64_t unread = unread_messages(ctx);
    // Unread news near the top of 我的; with none, a quiet line further down.
    if ((where == MessagesEntry::unread_at_top) != (unread > 0)) return;
    const std::string text = unread > 0 ? ctx.f(Text::messages_entry_unread, static_cast<int>(unread))
                                        : std::string(ctx.t(Text::messages_title));
    if (secondary_button(ctx, text.c_str(), -1)) ctx.nav.go({Screen::messages, {}});
}

void draw_messages(Context& ctx) {
    heading(ctx, ctx.t(Text::messages_title));
    if (!has_inbox(ctx)) {
        label(ctx, ctx.signed_in() ? ctx.t(Text::messages_none_for_role) : ctx.t(Text::not_signed_in), colors::accent);
        if (!ctx.signed_in() && button(ctx, ctx.t(Text::sign_in), -1)) ctx.nav.go({Screen::sign_in, {}});
        return;
    }
    MessagesScreenState& screen = ctx.screens.messages;
    if (!screen.requested) {
        screen.requested = true;
        ctx.intents.load_notifications();
    }
    const sync::NotificationsView& view = ctx.state.notifications;
    const bool have_page = view.status == sync::ReadStatus::loaded || !view.page.notifications.empty();
    if (!have_page && view.status != sync::ReadStatus::failed) {
        muted(ctx, ctx.t(Text::messages_loading));
        return;
    }
    if (view.status == sync::ReadStatus::failed) {
        label(ctx, ctx.language == Language::zh ? view.error_zh : view.error_en, colors::accent);
        if (secondary_button(ctx, ctx.t(Text::messages_refresh), -1)) ctx.intents.load_notifications();
        if (!have_page) return;
    }
    const std::vector<wire::NotificationEntry>& entries = view.page.notifications;
    if (entries.empty()) muted(ctx, ctx.t(Text::messages_empty));
    // Seen: what is shown is read. Once per visit and per newest message, so a refused mark is
    // not sent again every frame (it is tried again on the next visit).
    if (!entries.empty() && entries.front().id > screen.marked_up_to) {
        screen.marked_up_to = entries.front().id;
        const bool any_unread = std::any_of(entries.begin(), entries.end(), [](const auto& e) { return !e.read; });
        if (any_unread) ctx.intents.notifications_read(entries.front().id);
    }
    // 未读 stays on what was unread when it arrived for the whole visit, though it is marked read.
    for (const wire::NotificationEntry& entry : entries) {
        std::vector<std::int64_t>& unread = screen.unread_on_arrival;
        if (!entry.read && std::find(unread.begin(), unread.end(), entry.id) == unread.end()) unread.push_back(entry.id);
    }
    // A place offered and still open first: it lapses if not taken. One 接受名额 per offer.
    std::vector<Id> offers_shown;
    for (const wire::NotificationEntry& entry : entries) {
        if (!about_an_offer(entry.kind) || !offer_still_open(ctx, entry.group)) continue;
        const bool first = std::find(offers_shown.begin(), offers_shown.end(), entry.group) == offers_shown.end();
        if (first) offers_shown.push_back(entry.group);
        draw_entry(ctx, entry, first);
    }
    for (const wire::NotificationEntry& entry : entries)
        if (!(about_an_offer(entry.kind) && offer_still_open(ctx, entry.group))) draw_entry(ctx, entry);
    if (view.page.more) muted(ctx, ctx.f(Text::messages_only_latest, static_cast<int>(entries.size())));
    ImGui::Dummy(ImVec2(0, 4));
    if (secondary_button(ctx, ctx.t(Text::messages_refresh), -1)) ctx.intents.load_notifications();
}

}  // namespace liaoxiu::ui
