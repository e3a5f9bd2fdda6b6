// The signed-in worker's own screen (my trips, actions not yet sent, sign out), the
// sign-in form, and the friendly screen for links that lead nowhere.
#include "core/dates.hpp"
#include "core/roster.hpp"
#include "ui/format.hpp"
#include "ui/screens/review_form.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <utility>

#include <imgui_stdlib.h>

namespace liaoxiu::ui {

namespace {

const char* role_name(Context& ctx, sync::Role role) {
    switch (role) {
        case sync::Role::worker: return ctx.t(Text::role_worker);
        case sync::Role::organizer: return ctx.t(Text::role_organizer);
        case sync::Role::secretariat: return ctx.t(Text::role_secretariat);
    }
    return "";
}

const char* action_name(Context& ctx, sync::PendingAction::Kind kind) {
    switch (kind) {
        case sync::PendingAction::Kind::join: return ctx.t(Text::action_join);
        case sync::PendingAction::Kind::withdraw: return ctx.t(Text::action_withdraw);
        case sync::PendingAction::Kind::accept_offer: return ctx.t(Text::action_accept);
        case sync::PendingAction::Kind::open_group: return ctx.t(Text::action_open);
        case sync::PendingAction::Kind::cancel_group: return ctx.t(Text::action_cancel);
        case sync::PendingAction::Kind::open_to_all: return ctx.t(Text::action_open_to_all);
        case sync::PendingAction::Kind::add_worker: return ctx.t(Text::roster_add);
        case sync::PendingAction::Kind::withdraw_worker: return ctx.t(Text::roster_withdraw);
        case sync::PendingAction::Kind::save_route: return ctx.t(Text::action_save_route);
        case sync::PendingAction::Kind::publish_route: return ctx.t(Text::action_publish_route);
        case sync::PendingAction::Kind::unpublish_route: return ctx.t(Text::action_unpublish_route);
        case sync::PendingAction::Kind::save_policy: return ctx.t(Text::action_save_policy);
        case sync::PendingAction::Kind::publish_policy: return ctx.t(Text::action_publish_policy);
        case sync::PendingAction::Kind::unpublish_policy: return ctx.t(Text::action_unpublish_policy);
    }
    return "";
}

// A worker's trip as 我的 tells it: every state of their place, and of the group it is in.
struct TripLine {
    const sync::MyTrip* trip = nullptr;
    const sync::GroupView* group = nullptr;  // null when the catalogue does not (yet) hold it
    std::string status;
    bool offer = false;                      // a place offered and still to be accepted
    bool fresh = false;                      // changed since the worker last saw 我的
};

std::string hours_minutes_left(Context& ctx, Instant left) {
    if (left < 60) return ctx.t(Text::trip_offer_lapsing);
    return ctx.f(Text::trip_offer_left, static_cast<int>(left / 3600), static_cast<int>(left % 3600 / 60));
}

bool offer_open(const Context& ctx, const sync::MyTrip& trip) {
    return trip.state == PlaceState::offered && (!trip.offer_expires || *trip.offer_expires > ctx.services.now());
}

std::string trip_status(Context& ctx, const sync::MyTrip& trip, const GroupTrip* group) {
    const Instant now = ctx.services.now();
    const bool cancelled = group && group->state == GroupState::cancelled;
    const bool expired = group && group->state == GroupState::expired;
    switch (trip.state) {
        case PlaceState::confirmed:
            if (cancelled) break;
            if (group && group->departure < day_of(now)) return ctx.t(Text::trip_past);
            return group ? std::string(ctx.t(Text::my_place_confirmed)) + " · " + group_state_text(ctx, *group)
                         : std::string(ctx.t(Text::my_place_confirmed));
        case PlaceState::waitlisted:
            if (cancelled || expired) break;
            return ctx.f(Text::my_place_waitlisted, trip.waitlist_position);
        case PlaceState::offered:
            if (cancelled || expired) break;
            if (!trip.offer_expires) return ctx.t(Text::my_place_offered);
            if (*trip.offer_expires <= now) return ctx.t(Text::trip_offer_expired);
            return hours_minutes_left(ctx, *trip.offer_expires - now);
        case PlaceState::withdrawn:
            // Freed by the union (or the secretariat) with a reason: the worker sees why.
            if (!trip.reason.empty()) return ctx.f(Text::my_place_withdrawn_by_union, trip.reason.c_str());
            return ctx.t(Text::trip_withdrawn);
        case PlaceState::offer_expired: return ctx.t(Text::trip_offer_expired);
        case PlaceState::released:
            if (cancelled || expired) break;
            return ctx.t(Text::trip_released);
        case PlaceState::pending_approval:
            if (cancelled || expired) break;
            return ctx.t(Text::my_place_pending_approval);
        case PlaceState::declined: return ctx.f(Text::my_place_declined, trip.reason.c_str());
        case PlaceState::approval_lapsed: return ctx.t(Text::my_place_approval_lapsed);
    }
    if (cancelled) return ctx.f(Text::trip_cancelled, group->cancel_reason.c_str());
    if (expired) return ctx.t(Text::trip_expired);
    return ctx.t(Text::trip_released);
}

// One trip as a card: route, date, and its status inside the card; 新 when it changed
// since the last visit.
void trip_card(Context& ctx, const TripLine& line) {
    const float text_line = ImGui::GetTextLineHeight();
    const GroupTrip* trip = line.group ? &line.group->trip() : nullptr;
    const Route* route = trip ? ctx.view.route(trip->route) : nullptr;
    const std::string date = trip ? format_day(trip->departure) : std::string();
    const std::string title = route ? route->title : (trip ? trip->id : line.trip->group);
    ImVec2 min, max;
    ImGui::PushID(line.trip->group.c_str());
    const float pad = 14.0f;
    // Three lines (title, date and unit, status) and the padding above and below them.
    const float height = text_line * 3.5f + pad * 1.4f + 4.0f;
    const bool pressed = card_target(ctx, "##trip", title + (date.empty() ? "" : " · " + date), height, &min, &max);
    ImGui::PopID();
    if (pressed && trip) ctx.nav.go({Screen::group, trip->id});
    float right = max.x - pad;
    ImGui::PushClipRect(min, max, true);
    ImVec2 pen(min.x + pad, min.y + pad * 0.7f);
    if (line.fresh) {
        // A small badge at the top right: the change is new since the last visit.
        const std::string badge = ctx.t(Text::trip_new);
        ctx.glyphs.want(badge);
        const ImVec2 size = ImGui::CalcTextSize(badge.c_str());
        const ImVec2 badge_min(right - size.x - 12, pen.y - 2);
        const ImVec2 badge_max(right, pen.y + size.y + 2);
        ImGui::GetWindowDrawList()->AddRectFilled(badge_min, badge_max, colors::accent, 8.0f);
        text_at(ctx, ImVec2(badge_min.x + 6, pen.y), IM_COL32(255, 255, 255, 255), badge);
        right = badge_min.x - 8;
    }
    text_fit_at(ctx, pen, right, colors::text, title);
    right = max.x - pad;
    pen.y += text_line * 1.25f;
    if (trip) {
        const std::string unit = ctx.view.unit_name(trip->organizer_unit);
        text_fit_at(ctx, pen, right, colors::muted, ctx.f(Text::departure, date.c_str()) + " · " + unit);
    } else {
        text_fit_at(ctx, pen, right, colors::muted, ctx.t(Text::trip_unknown));
    }
    pen.y += text_line * 1.25f;
    text_fit_at(ctx, pen, right, colors::accent, line.status);
    ImGui::PopClipRect();
    if (line.offer) {
        ImGui::PushID(line.trip->group.c_str());
        if (button(ctx, ctx.t(Text::accept_offer), -1)) ctx.intents.accept_offer(line.trip->group);
        ImGui::PopID();
    }
}

std::vector<TripLine> trip_lines(Context& ctx) {
    std::vector<TripLine> lines;
    for (const sync::MyTrip& trip : ctx.state.my_trips) {
        TripLine line;
        line.trip = &trip;
        line.group = ctx.view.group(trip.group);
        line.status = trip_status(ctx, trip, line.group ? &line.group->trip() : nullptr);
        line.offer = offer_open(ctx, trip);
        const std::string summary = trip_summary(trip, line.group ? &line.group->trip() : nullptr);
        const auto seen = std::find_if(ctx.state.trips_seen.begin(), ctx.state.trips_seen.end(),
                                       [&](const auto& entry) { return entry.first == trip.group; });
        line.fresh = seen == ctx.state.trips_seen.end() || seen->second != summary;
        lines.push_back(std::move(line));
    }
    // An offer waiting comes first; then the newest change first.
    std::stable_sort(lines.begin(), lines.end(), [](const TripLine& a, const TripLine& b) {
        if (a.offer != b.offer) return a.offer;
        return a.trip->since > b.trip->since;
    });
    return lines;
}

void draw_pending(Context& ctx) {
    if (ctx.state.outbox.empty()) return;
    section(ctx, ctx.t(Text::pending_actions));
    // Offline, nothing can leave the device; online, the engine is retrying it now.
    const char* status = ctx.t(ctx.state.connection == sync::Connection::online ? Text::pending_syncing : Text::pending_waiting);
    for (const sync::PendingAction& action : ctx.state.outbox) {
        std::string what = action_name(ctx, action.kind);
        if (const sync::GroupView* g = ctx.view.group(action.group)) {
            if (const Route* r = ctx.view.route(g->trip().route)) what += " · " + r->title;
            what += " · " + format_day(g->trip().departure);
        }
        label(ctx, what + " — " + status);
    }
}

// A union's 我的: every trip its unit opened or its workers hold places on, by state.
void draw_unit_groups(Context& ctx, const Id& unit) {
    section(ctx, ctx.t(Text::unit_groups));
    static constexpr GroupState kOrder[] = {GroupState::open,    GroupState::formed,  GroupState::full,
                                            GroupState::locked,  GroupState::expired, GroupState::cancelled};
    int shown = 0;
    for (GroupState state : kOrder) {
        bool headed = false;
        for (const sync::GroupView& group : ctx.state.groups) {
            const GroupTrip& trip = group.trip();
            if (trip.state != state || !unit_takes_part(trip, unit)) continue;
            if (!headed) {
                const Text heading_text = state == GroupState::open     ? Text::state_open
                                          : state == GroupState::formed ? Text::state_formed
                                          : state == GroupState::full   ? Text::state_full
                                          : state == GroupState::locked ? Text::state_locked
                                          : state == GroupState::expired ? Text::state_expired
                                                                         : Text::state_group_cancelled;
                muted(ctx, ctx.t(heading_text));
                headed = true;
            }
            ++shown;
            group_row(ctx, group, true);
        }
    }
    if (shown == 0) muted(ctx, ctx.t(Text::no_unit_groups));
}

// The worker's trips, every state, newest change first; what changed since the last visit
// is marked 新 for the whole visit, and told to the engine as seen.
void draw_my_trips(Context& ctx) {
    std::vector<TripLine> lines = trip_lines(ctx);
    ScreenState& s = ctx.screens;
    const int frame = ImGui::GetFrameCount();
    if (s.me_last_frame != frame - 1) {  // a new visit
        s.trips_marked_new.clear();
        s.wishes_marked_new.clear();
    }
    s.me_last_frame = frame;
    bool unseen = false;
    for (TripLine& line : lines) {
        auto& marked = s.trips_marked_new;
        const bool was_marked = std::find(marked.begin(), marked.end(), line.trip->group) != marked.end();
        if (line.fresh && !was_marked) marked.push_back(line.trip->group);
        unseen = unseen || line.fresh;
        line.fresh = line.fresh || was_marked;
    }
    for (const TripLine& line : lines) trip_card(ctx, line);
    if (lines.empty()) muted(ctx, ctx.t(Text::no_trips));
    if (unseen) {
        std::vector<std::pair<Id, std::string>> seen;
        for (const TripLine& line : lines)
            seen.emplace_back(line.trip->group, trip_summary(*line.trip, line.group ? &line.group->trip() : nullptr));
        ctx.intents.trips_seen(std::move(seen));
    }
}

// 想去的线路: each wish, and when its route now has a group the worker may join, 有拼团了 · <date>
// marked 新 until seen (ClientState::wishes_seen, trips_seen's pattern: the summary is the first
// group's id); a tap opens that group, or the route while it has none.
void draw_my_wishes(Context& ctx) {
    const std::vector<wire::MyWish>& wishes = ctx.state.my_wishes.wishes;
    if (wishes.empty()) return;
    section(ctx, ctx.t(Text::my_wishes));
    std::vector<std::pair<Id, std::string>> seen;
    bool unseen = false;
    const float text_line = ImGui::GetTextLineHeight();
    for (const wire::MyWish& wish : wishes) {
        const Route* route = ctx.view.route(wish.wish.route);
        // The catalogue kept in step first; the endpoint's answer while the catalogue has not caught up.
        const std::vector<const GroupTrip*> open = groups_for_wish(ctx, wish.wish.route);
        Id group;
        Day departure = 0;
        if (!open.empty()) {
            group = open.front()->id;
            departure = open.front()->departure;
        } else if (!wish.groups.empty() && !ctx.view.group(wish.groups.front().id)) {
            group = wish.groups.front().id;
            departure = wish.groups.front().departure;
        }
        const auto before = std::find_if(ctx.state.wishes_seen.begin(), ctx.state.wishes_seen.end(),
                                         [&](const auto& entry) { return entry.first == wish.wish.route; });
        bool fresh = !group.empty() && (before == ctx.state.wishes_seen.end() || before->second != group);
        unseen = unseen || fresh;
        auto& marked = ctx.screens.wishes_marked_new;
        if (fresh && std::find(marked.begin(), marked.end(), wish.wish.route) == marked.end()) marked.push_back(wish.wish.route);
        fresh = !group.empty() && std::find(marked.begin(), marked.end(), wish.wish.route) != marked.end();
        seen.emplace_back(wish.wish.route, group);

        const std::string title = route ? route->title : (wish.route_title.empty() ? wish.wish.route : wish.route_title);
        const std::string status = group.empty() ? std::string(ctx.t(Text::wish_waiting))
                                                 : ctx.f(Text::wish_has_group, format_day(departure).c_str());
        ImVec2 min, max;
        ImGui::PushID(("wish-" + wish.wish.route).c_str());
        const float pad = 14.0f;
        const float height = text_line * 2.25f + pad * 1.4f + 4.0f;
        const bool pressed = card_target(ctx, "##wish", title + " · " + status, height, &min, &max);
        ImGui::PopID();
        if (pressed) {
            if (!group.empty()) ctx.nav.go({Screen::group, group});
            else ctx.nav.go({Screen::route, wish.wish.route});
        }
        float right = max.x - pad;
        ImGui::PushClipRect(min, max, true);
        ImVec2 pen(min.x + pad, min.y + pad * 0.7f);
        if (fresh) {
            const std::string badge = ctx.t(Text::trip_new);
            ctx.glyphs.want(badge);
            const ImVec2 size = ImGui::CalcTextSize(badge.c_str());
            const ImVec2 badge_min(right - size.x - 12, pen.y - 2);
            const ImVec2 badge_max(right, pen.y + size.y + 2);
            ImGui::GetWindowDrawList()->AddRectFilled(badge_min, badge_max, colors::accent, 8.0f);
            text_at(ctx, ImVec2(badge_min.x + 6, pen.y), IM_COL32(255, 255, 255, 255), badge);
            right = badge_min.x - 8;
        }
        text_fit_at(ctx, pen, right, colors::text, title);
        pen.y += text_line * 1.25f;
        text_fit_at(ctx, pen, max.x - pad, group.empty() ? colors::muted : colors::accent, status);
        ImGui::PopClipRect();
    }
    // Told when anything changed (not only a new group: one gone and back again is new again).
    if (unseen || seen != ctx.state.wishes_seen) ctx.intents.wishes_seen(std::move(seen));
}

// Signing out drops what waits in the outbox: asked first then (a tap that landed on 退出登录 by
// mistake, say as a notice above it went away, must not cost the worker their join).
void sign_out(Context& ctx) {
    if (ctx.state.outbox.empty())
        ctx.intents.sign_out();
    else
        ctx.screens.confirmation = Confirmation{Confirmation::Kind::sign_out, {}};
}

}  // namespace

std::string trip_summary(const sync::MyTrip& trip, const GroupTrip* group) {
    std::string summary = std::to_string(static_cast<int>(trip.state));
    summary += '|' + std::to_string(group ? static_cast<int>(group->state) : -1);
    summary += '|' + std::to_string(trip.waitlist_position);
    summary += '|' + trip.reason;
    return summary;
}

// On opening the app: a place offered to the worker, first, with the one action to take it.
void draw_offer_banner(Context& ctx) {
    if (!ctx.signed_in()) return;
    for (const sync::MyTrip& trip : ctx.state.my_trips) {
        if (!offer_open(ctx, trip)) continue;
        const sync::GroupView* group = ctx.view.group(trip.group);
        if (group && (group->trip().state == GroupState::cancelled || group->trip().state == GroupState::expired)) continue;
        section(ctx, ctx.t(Text::offer_waiting));
        TripLine line;
        line.trip = &trip;
        line.group = group;
        line.status = trip_status(ctx, trip, group ? &group->trip() : nullptr);
        line.offer = true;
        ImGui::PushID("offer");
        trip_card(ctx, line);
        ImGui::PopID();
    }
}

void draw_me(Context& ctx) {
    if (!ctx.signed_in()) {
        muted(ctx, ctx.t(Text::not_signed_in));
        if (button(ctx, ctx.t(Text::sign_in), -1)) ctx.nav.go({Screen::sign_in, {}});
        draw_pending(ctx);
        draw_display_options(ctx);
        return;
    }
    const sync::Session& session = *ctx.state.session;
    heading(ctx, ctx.f(Text::signed_in_as, session.display_name.c_str()));
    std::string who = role_name(ctx, session.role);
    if (!session.unit.empty()) who += " · " + ctx.view.unit_name(session.unit);
    muted(ctx, who);

    if (session.role == sync::Role::organizer) {
        draw_approvals_entry(ctx);  // 待审批 N
        draw_messages_entry(ctx, MessagesEntry::unread_at_top);  // 消息（N条未读）
        draw_unit_groups(ctx, session.unit);
        draw_pending(ctx);
        // Below the groups, which keep the places they had: a notice that leaves on its own lets a
        // tap aimed at its 知道了 land on whatever is drawn beneath it.
        draw_rules_entry(ctx);  // 本单位疗休养规则
        ImGui::Dummy(ImVec2(0, 8));
        if (secondary_button(ctx, ctx.t(Text::sign_out), -1)) sign_out(ctx);
        draw_display_options(ctx);
        draw_messages_entry(ctx, MessagesEntry::quiet_below);
        return;
    }

    draw_messages_entry(ctx, MessagesEntry::unread_at_top);  // 消息（N条未读）: never on a kiosk
    draw_reviews_due(ctx);  // 待评价: asked once, never on a kiosk
    section(ctx, ctx.t(Text::my_trips));
    draw_my_trips(ctx);
    draw_my_wishes(ctx);
    draw_pending(ctx);
    draw_desk_entry(ctx);
    draw_rules_entry(ctx);  // the secretariat's 联盟疗休养规则

    ImGui::Dummy(ImVec2(0, 8));
    if (secondary_button(ctx, ctx.t(Text::sign_out), -1)) sign_out(ctx);
    draw_display_options(ctx);
    // Read messages at the very end: 我的's actions keep the places they had (a notice that
    // leaves on its own can hand a finger to what moves into its place: see chrome.cpp).
    draw_messages_entry(ctx, MessagesEntry::quiet_below);
}

void draw_display_options(Context& ctx) {
    section(ctx, ctx.t(Text::display_options));
    chip_row_start();
    if (chip(ctx, ctx.t(Text::high_contrast), ctx.screens.high_contrast)) ctx.screens.high_contrast = !ctx.screens.high_contrast;
}

void draw_sign_in(Context& ctx) {
    if (ctx.signed_in()) {
        // Where the desk is installed, the secretariat lands on it.
        const bool to_desk = ctx.secretariat() && !ctx.desk.empty();
        // Asked for on a group (登录后报名): back there, a step back in the history.
        if (std::optional<Location> back_to = std::exchange(ctx.screens.sign_in_return, std::nullopt)) {
            if (const Location* previous = ctx.nav.previous(); previous && *previous == *back_to)
                ctx.nav.go_back();
            else
                ctx.nav.go(*back_to);
            return;
        }
        ctx.nav.go({to_desk ? ctx.desk.front().section : Screen::me, {}});
        return;
    }
    SignInForm& form = ctx.screens.sign_in;
    heading(ctx, ctx.t(Text::sign_in));
    muted(ctx, ctx.t(Text::not_signed_in));
    input_text(ctx, ctx.t(Text::login), "##login", &form.login);
    input_text(ctx, ctx.t(Text::password), "##password", &form.password, ImGuiInputTextFlags_Password);
    if (form.missing_fields) label(ctx, ctx.t(Text::fill_login), colors::accent);
    ImGui::Dummy(ImVec2(0, 4));
    if (button(ctx, ctx.t(Text::sign_in), -1)) {
        form.missing_fields = form.login.empty() || form.password.empty();
        if (!form.missing_fields) {
            ctx.intents.sign_in(form.login, form.password);
            form.password.clear();  // never kept longer than needed
        }
    }
    draw_display_options(ctx);
}

void draw_not_found(Context& ctx) {
    // A link to something newer than the cached catalogue resolves once the endpoint answers:
    // until then it is "loading", not "gone".
    if (ctx.state.connection == sync::Connection::connecting) {
        muted(ctx, ctx.t(Text::loading_catalogue));
        return;
    }
    heading(ctx, ctx.t(Text::not_found));
    muted(ctx, ctx.t(Text::not_found_detail));
    if (button(ctx, ctx.t(Text::go_home), -1)) ctx.nav.go({Screen::home, {}});
}

}  // namespace liaoxiu::ui
