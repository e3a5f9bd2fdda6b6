// A group trip's roster for a unit's union (#/roster/<id>): its own workers by name with
// their state and since when, each held place with 退出 (a reason is required, in a
// confirmation); other units only as counts; 添加职工 (a worker account of the unit);
// 导出CSV for the travel agency, handed to the device (Services::save_file).
#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/roster.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

const sync::RosterView* roster_of(const Context& ctx, const Id& group) {
    for (const sync::RosterView& view : ctx.state.rosters)
        if (view.group == group) return &view;
    return nullptr;
}

bool holds_place_now(const Roster& roster, const Id& worker) {
    return std::any_of(roster.workers.begin(), roster.workers.end(),
                       [&](const RosterWorker& w) { return w.worker == worker && holds_place(w.state); });
}

std::string state_text(Context& ctx, PlaceState state) {
    // The roster's own words for a place (core/roster.hpp) in Chinese; English from the enum.
    if (ctx.language == Language::zh) return std::string(place_state_zh(state));
    switch (state) {
        case PlaceState::confirmed: return "confirmed";
        case PlaceState::waitlisted: return "waiting list";
        case PlaceState::offered: return "offered a place";
        case PlaceState::withdrawn: return "withdrawn";
        case PlaceState::offer_expired: return "offer lapsed";
        case PlaceState::released: return "released";
        case PlaceState::pending_approval: return "awaiting approval";
        case PlaceState::declined: return "declined by the union";
        case PlaceState::approval_lapsed: return "approval lapsed";
    }
    return {};
}

void draw_own_workers(Context& ctx, const sync::GroupView& group, const Roster& roster, bool may_withdraw) {
    section(ctx, ctx.t(Text::roster_own_workers));
    if (roster.workers.empty()) muted(ctx, ctx.t(Text::roster_no_own_workers));
    for (const RosterWorker& worker : roster.workers) {
        const std::string name = worker.name.empty() ? worker.worker : worker.name;
        std::string line = name;
        if (!worker.member_number.empty()) line += " · " + worker.member_number;
        label(ctx, line);
        std::string status = state_text(ctx, worker.state) + " · " +
                             ctx.f(Text::roster_since, format_china_time(worker.since).c_str());
        // A union's roster is all one unit; the secretariat's spans every unit.
        if (ctx.state.session->role == Role::secretariat) status += " · " + ctx.view.unit_name(worker.unit);
        muted(ctx, status);
        if (!worker.reason.empty()) muted(ctx, ctx.f(Text::roster_reason, worker.reason.c_str()));
        if (may_withdraw && holds_place(worker.state)) {
            ImGui::PushID(static_cast<int>(worker.seq));
            if (secondary_button(ctx, ctx.t(Text::roster_withdraw))) {
                Confirmation confirm{Confirmation::Kind::withdraw_worker, group.trip().id};
                confirm.worker = worker.worker;
                confirm.worker_name = name;
                ctx.screens.confirmation = confirm;
            }
            ImGui::PopID();
        }
        ImGui::Dummy(ImVec2(0, 4));
    }
}

void draw_other_units(Context& ctx, const Roster& roster) {
    if (roster.other_units.empty()) return;
    section(ctx, ctx.t(Text::roster_other_units));
    for (const RosterUnitCount& unit : roster.other_units) {
        const std::string name = unit.name.empty() ? ctx.view.unit_name(unit.unit) : unit.name;
        label(ctx, ctx.f(Text::roster_unit_counts, name.c_str(), unit.confirmed, unit.waiting));
    }
}

void draw_add_worker(Context& ctx, const sync::GroupView& group, const Roster& roster) {
    RosterScreenState& screen = ctx.screens.roster;
    if (!screen.adding) {
        if (button(ctx, ctx.t(Text::roster_add), -1)) {
            screen.adding = true;
            if (!screen.workers_requested) {
                screen.workers_requested = true;
                ctx.intents.load_unit_workers();
            }
        }
        return;
    }
    if (!ctx.state.unit_workers_loaded) {
        muted(ctx, ctx.t(Text::roster_add_loading));
        return;
    }
    label(ctx, ctx.t(Text::roster_add_pick));
    int offered = 0;
    for (const sync::UnitWorker& worker : ctx.state.unit_workers) {
        if (holds_place_now(roster, worker.id)) continue;
        ++offered;
        std::string text = worker.name.empty() ? worker.id : worker.name;
        if (!worker.member_number.empty()) text += " · " + worker.member_number;
        if (secondary_button(ctx, (text + "##add-" + worker.id).c_str(), -1)) {
            ctx.intents.add_worker(group.trip().id, worker.id);
            screen.adding = false;
        }
    }
    if (offered == 0) muted(ctx, ctx.t(Text::roster_add_none));
    if (secondary_button(ctx, ctx.t(Text::cancel), -1)) screen.adding = false;
}

}  // namespace

void draw_roster(Context& ctx, const sync::GroupView& group) {
    const GroupTrip& trip = group.trip();
    const Route* route = ctx.view.route(trip.route);
    heading(ctx, ctx.f(Text::roster_title, (route ? route->title : trip.id).c_str()));
    label(ctx, group_state_text(ctx, trip));
    if (!ctx.may_see_roster(trip)) {
        label(ctx, ctx.signed_in() ? ctx.t(Text::organizer_only) : ctx.t(Text::not_signed_in), colors::accent);
        if (!ctx.signed_in() && button(ctx, ctx.t(Text::sign_in), -1)) ctx.nav.go({Screen::sign_in, {}});
        return;
    }
    RosterScreenState& screen = ctx.screens.roster;
    if (screen.requested != trip.id) {
        screen = RosterScreenState{};
        screen.requested = trip.id;
        ctx.intents.load_roster(trip.id);
    }
    const sync::RosterView* view = roster_of(ctx, trip.id);
    if (!view || (view->status == sync::RosterView::Status::loading && view->roster.group.empty())) {
        muted(ctx, ctx.t(Text::roster_loading));
        return;
    }
    if (view->status == sync::RosterView::Status::failed) {
        const std::string& error = ctx.language == Language::zh ? view->error_zh : view->error_en;
        label(ctx, error, colors::accent);
        if (secondary_button(ctx, ctx.t(Text::roster_refresh), -1)) ctx.intents.load_roster(trip.id);
        if (view->roster.group.empty()) return;
    }
    const Roster& roster = view->roster;

    // Freeing a place and adding a worker: what the core lets this person do, while the trip takes changes.
    const bool takes_changes = joinable(trip, ctx.services.now());
    const bool is_union = ctx.state.session->role == Role::organizer;
    if (button(ctx, ctx.t(Text::roster_export), -1)) {
        ctx.services.save_file(roster_csv_name(roster), "text/csv;charset=utf-8", roster_csv(roster, ctx.state.catalogue.units));
        ctx.screens.toasts.push_back({Text::roster_exported, ctx.services.now() + 3});
    }
    if (is_union && takes_changes) draw_add_worker(ctx, group, roster);
    draw_own_workers(ctx, group, roster, takes_changes);
    draw_other_units(ctx, roster);
    ImGui::Dummy(ImVec2(0, 4));
    if (secondary_button(ctx, ctx.t(Text::roster_refresh), -1)) ctx.intents.load_roster(trip.id);
    if (secondary_button(ctx, ctx.t(Text::group_trip), -1)) ctx.nav.go({Screen::group, trip.id});
}

}  // namespace liaoxiu::ui
