// The signed-in worker's own screen (my trips, actions not yet sent, sign out), the
// sign-in form, and the friendly screen for links that lead nowhere.
#include "core/dates.hpp"
#include "core/roster.hpp"
#include "ui/widgets.hpp"

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

std::string my_place_text(Context& ctx, const sync::MyTrip& trip) {
    switch (trip.state) {
        case PlaceState::confirmed: return ctx.t(Text::my_place_confirmed);
        case PlaceState::waitlisted: return ctx.f(Text::my_place_waitlisted, trip.waitlist_position);
        case PlaceState::offered: return ctx.t(Text::my_place_offered);
        default: return {};
    }
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

}  // namespace

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
        draw_unit_groups(ctx, session.unit);
        draw_pending(ctx);
        ImGui::Dummy(ImVec2(0, 8));
        if (secondary_button(ctx, ctx.t(Text::sign_out), -1)) ctx.intents.sign_out();
        draw_display_options(ctx);
        return;
    }

    section(ctx, ctx.t(Text::my_trips));
    int shown = 0;
    for (const sync::MyTrip& trip : ctx.state.my_trips) {
        std::string place = my_place_text(ctx, trip);
        // Freed by the union (or the secretariat) with a reason: the worker sees why.
        if (place.empty() && trip.state == PlaceState::withdrawn && !trip.reason.empty())
            place = ctx.f(Text::my_place_withdrawn_by_union, trip.reason.c_str());
        if (place.empty()) continue;  // withdrawn or released: history, not a trip
        ++shown;
        if (const sync::GroupView* g = ctx.view.group(trip.group)) group_row(ctx, *g, true);
        label(ctx, place, colors::accent);
    }
    if (shown == 0) muted(ctx, ctx.t(Text::no_trips));
    draw_pending(ctx);
    draw_desk_entry(ctx);

    ImGui::Dummy(ImVec2(0, 8));
    if (secondary_button(ctx, ctx.t(Text::sign_out), -1)) ctx.intents.sign_out();
    draw_display_options(ctx);
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
