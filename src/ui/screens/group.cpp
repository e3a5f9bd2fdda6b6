// A group trip: who organizes it; what a worker needs to decide (when it leaves and comes back,
// when joining closes, how far it is from forming (还差N人成团), places and waiting list, the
// per-unit cap, that any unit's workers may join, what happens if it does not form, where it
// gathers and whom to call); the route's details; join or withdraw in one action after a confirmation
// naming the date and the price; a confirmed place added to the phone's calendar (.ics); the units
// taking part; share it as a link or a QR code.
#include "core/calendar.hpp"
#include "core/contact_links.hpp"
#include "core/dates.hpp"
#include "core/union_rules.hpp"
#include "ui/format.hpp"
#include "ui/qr.hpp"
#include "ui/widgets.hpp"

#include "core/group_trip.hpp"

#include <algorithm>
#include <cmath>

namespace liaoxiu::ui {

namespace {

bool holds_place(const sync::MyTrip* mine) { return mine && liaoxiu::holds_place(mine->state); }

const sync::PendingAction* pending_for(const Context& ctx, const Id& group) {
    for (const sync::PendingAction& a : ctx.state.outbox)
        if (a.group == group) return &a;
    return nullptr;
}

std::string pending_status(Context& ctx) {
    return ctx.t(ctx.state.connection == sync::Connection::online ? Text::pending_syncing : Text::pending_waiting);
}

void draw_countdown(Context& ctx, const GroupTrip& trip) {
    const Instant left = trip.join_deadline - ctx.services.now();
    if (left <= 0) {
        label(ctx, ctx.t(Text::deadline_passed), colors::muted);
        return;
    }
    const int days = static_cast<int>(left / kSecondsPerDay);
    const int hours = static_cast<int>(left % kSecondsPerDay / 3600);
    const int minutes = static_cast<int>(left % 3600 / 60);
    label(ctx, days > 0 ? ctx.f(Text::deadline_in, days, hours) : ctx.f(Text::deadline_hours, hours, minutes), colors::accent);
}

void draw_progress(Context& ctx, const sync::GroupView& group) {
    const GroupTrip& trip = group.trip();
    const GroupCounts& counts = group.counts;
    const float fraction = trip.min_size > 0 ? std::min(1.0f, static_cast<float>(counts.confirmed) / static_cast<float>(trip.min_size)) : 1.0f;
    const std::string overlay = std::to_string(counts.confirmed) + " / " + std::to_string(trip.min_size);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colors::accent);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, colors::tag_background);
    // Tall enough for its "9 / 15" at any text size (kiosk type is half as big again).
    ImGui::ProgressBar(fraction, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() + 6.0f), overlay.c_str());
    ImGui::PopStyleColor(2);
    if (counts.places_to_form > 0)
        label(ctx, ctx.f(Text::places_to_form, counts.places_to_form), colors::accent);
    else
        label(ctx, ctx.t(Text::formed), colors::accent);
    muted(ctx, ctx.f(Text::confirmed_of, counts.confirmed, trip.min_size, trip.max_size));
    label(ctx, ctx.f(Text::places_left, counts.places_left) + "   " + ctx.f(Text::waitlist_length, counts.waiting));
}

// When joining closes, China time: "2027-03-20 18:00". A deadline at a day's end (the open form's
// 当日 24 点截止 is 23:59:59, a midnight is the day before's end) reads "2027-03-20 24:00".
std::string deadline_text(Instant deadline) {
    Instant seconds = china_time_of_day(deadline);
    Day day = day_of(deadline);
    if (seconds == 0) {
        day -= 1;
        seconds = kSecondsPerDay;
    } else if (seconds == kSecondsPerDay - 1) {
        seconds = kSecondsPerDay;
    }
    return format_day(day) + " " + format_clock(seconds);
}

// What a worker needs to decide: the trip's days, when joining closes, how far it is from
// forming and, while it takes joins, who may join and what happens if it does not form.
void draw_facts(Context& ctx, const sync::GroupView& group, const Route* route) {
    const GroupTrip& trip = group.trip();
    label(ctx, ctx.f(Text::departure, format_day(trip.departure).c_str()));
    if (route)
        label(ctx, ctx.f(Text::group_return, format_day(last_day(trip.departure, route->days)).c_str(), route->days, route->nights));
    label(ctx, ctx.f(Text::deadline_at, deadline_text(trip.join_deadline).c_str()));
    draw_countdown(ctx, trip);
    draw_progress(ctx, group);
    if (!joinable(trip, ctx.services.now())) return;  // closed: the state above says it
    if (trip.per_unit_cap) label(ctx, ctx.f(Text::group_unit_cap, *trip.per_unit_cap));
    if (trip.visibility == Visibility::own_unit)
        label(ctx, ctx.f(Text::group_own_unit, ctx.view.unit_name(trip.organizer_unit).c_str()));
    else
        label(ctx, ctx.t(Text::group_cross_unit));
    // The domain's life cycle: short of `min` at the deadline → expired, every place released and
    // everyone told; at least `min` → locked, the list goes to the units taking part.
    if (group.counts.places_to_form > 0)
        muted(ctx, ctx.f(Text::group_if_not_formed, trip.min_size));
    else
        muted(ctx, ctx.t(Text::group_when_formed));
}

// Where the group gathers and whom to call, as its organizing union wrote them. What it left
// out comes from the route: its first stop (where the group is received, e.g. 衢州站接团) and
// that member's phone. A phone offers the contact's number as one tap to call; a kiosk has no
// dialler and shows it as text.
void draw_meeting(Context& ctx, const GroupTrip& trip, const Route& route) {
    const Stop* first = nullptr;
    for (const ItineraryDay& day : route.itinerary) {  // day by day, as the route lists them
        if (!day.stops.empty()) {
            first = &day.stops.front();
            break;
        }
    }
    const Member* member = first ? ctx.view.member(first->member) : nullptr;
    const bool first_stop = first && (!first->note.empty() || member);
    if (trip.meeting_point.empty() && trip.contact_name.empty() && trip.contact_phone.empty() && !first_stop) return;
    section(ctx, ctx.t(Text::group_contact));
    if (!trip.meeting_point.empty())
        label(ctx, ctx.f(Text::group_meeting_point, trip.meeting_point.c_str()));
    else if (first_stop)
        label(ctx, ctx.f(Text::group_first_stop, (first->note.empty() ? member->name : first->note).c_str()));
    if (!trip.contact_name.empty() || !trip.contact_phone.empty()) {
        if (!trip.contact_name.empty()) label(ctx, ctx.f(Text::group_contact_person, trip.contact_name.c_str()));
        const std::string tel = tel_link(trip.contact_phone);
        if (ctx.state.kiosk || tel.empty()) {
            if (!trip.contact_phone.empty()) muted(ctx, ctx.f(Text::phone, trip.contact_phone.c_str()));
        } else if (secondary_button(ctx, ctx.f(Text::call_phone, trip.contact_phone.c_str()).c_str())) {
            ctx.services.open_link(tel);
        }
    } else if (member) {
        std::string who = member->name;
        if (!member->phone.empty()) who += " · " + ctx.f(Text::phone, member->phone.c_str());
        muted(ctx, who);
    }
}

// The way to the route's itinerary, stays and services: a whole-width card, labelled with the
// route's title, whose title line ends in "…" where a phone is too narrow for it.
void draw_route_details(Context& ctx, const Route& route) {
    const float line = ImGui::GetTextLineHeight();
    const float pad = 14.0f;
    ImVec2 min, max;
    const bool pressed = card_target(ctx, "##route_details", ctx.f(Text::group_route_details, route.title.c_str()),
                                     std::max(kTouchTarget, line * 2.3f + pad), &min, &max);
    if (pressed) ctx.nav.go({Screen::route, route.id});
    ImGui::PushClipRect(min, max, true);
    const float right = max.x - pad;
    ImVec2 pen(min.x + pad, min.y + pad * 0.55f);
    draw_text_fit(ctx, pen, right, colors::accent, ctx.t(Text::group_route_details_short));
    pen.y += line * 1.2f;
    draw_text_fit(ctx, pen, right, colors::text, route.title);
    ImGui::PopClipRect();
}

// 加入日历: a confirmed trip as an .ics file (core/calendar.hpp) handed to the phone, until the
// trip's last day. Never on a kiosk: nothing personal leaves it. Not while an action on the trip
// waits to be sent (a withdrawal, say).
void draw_add_to_calendar(Context& ctx, const GroupTrip& trip, const sync::MyTrip* mine) {
    if (!mine || mine->state != PlaceState::confirmed || pending_for(ctx, trip.id)) return;
    const Route* route = ctx.view.route(trip.route);
    if (!route || ctx.state.kiosk || !ctx.signed_in()) return;
    const Instant now = ctx.services.now();
    if (day_of(now) > last_day(trip.departure, route->days)) return;
    if (!secondary_button(ctx, ctx.t(Text::calendar_add), -1)) return;
    const CalendarLanguage language = ctx.language == Language::en ? CalendarLanguage::en : CalendarLanguage::zh;
    const std::string link = ctx.services.link_to(format_location({Screen::group, trip.id}));
    ctx.services.save_file(trip_calendar_name(trip, *route), "text/calendar;charset=utf-8",
                           trip_calendar(trip, *route, ctx.state.catalogue, now, language, link));
    ctx.screens.toasts.push_back({Text::calendar_saved, now + 3});
}

void draw_my_place(Context& ctx, const sync::GroupView& group, const sync::MyTrip* mine) {
    // Freed by the union or the secretariat: the worker is told why.
    if (mine && mine->state == PlaceState::withdrawn && !mine->reason.empty())
        label(ctx, ctx.f(Text::my_place_withdrawn_by_union, mine->reason.c_str()), colors::accent);
    if (!holds_place(mine)) return;
    switch (mine->state) {
        case PlaceState::confirmed: label(ctx, ctx.t(Text::my_place_confirmed), colors::accent); break;
        case PlaceState::waitlisted: label(ctx, ctx.f(Text::my_place_waitlisted, mine->waitlist_position), colors::accent); break;
        case PlaceState::offered:
            label(ctx, ctx.t(Text::my_place_offered), colors::accent);
            if (button(ctx, ctx.t(Text::accept_offer), -1)) ctx.intents.accept_offer(group.trip().id);
            break;
        default: break;
    }
}

// Whoever the core lets cancel this trip (its organizing union, the secretariat), while core
// cancel() would take it (until departure, locked groups too).
bool may_cancel(const Context& ctx, const GroupTrip& trip) {
    return ctx.signed_in() && !cancel_forbidden(ctx.actor(), &trip) && !cancel_refused(trip, ctx.services.now());
}

void draw_actions(Context& ctx, const sync::GroupView& group, const sync::MyTrip* mine, bool on_hold) {
    const GroupTrip& trip = group.trip();
    // The unit union's desk: who of its workers joined, add one, free one's place, export.
    if (ctx.may_see_roster(trip) && button(ctx, ctx.t(Text::roster), -1)) ctx.nav.go({Screen::roster, trip.id});
    if (pending_for(ctx, trip.id)) {
        muted(ctx, pending_status(ctx));  // the last action is on its way; do not offer a second one
        return;
    }
    if (may_cancel(ctx, trip) && secondary_button(ctx, ctx.t(Text::action_cancel), -1))
        ctx.screens.confirmation = Confirmation{Confirmation::Kind::cancel, trip.id};
    if (!joinable(trip, ctx.services.now())) return;
    // An own-unit group that is not filling: its union opens it to every unit (拼团).
    if (trip.visibility == Visibility::own_unit && ctx.signed_in() && !open_to_all_forbidden(ctx.actor(), trip) &&
        secondary_button(ctx, ctx.t(Text::action_open_to_all), -1))
        ctx.screens.confirmation = Confirmation{Confirmation::Kind::open_to_all, trip.id};
    if (on_hold && !holds_place(mine)) return;  // the route cannot be booked for now: said above
    if (!ctx.signed_in()) {
        if (button(ctx, ctx.t(Text::sign_in_to_join), -1)) {
            // Signing in comes back here, with the join offered again (me.cpp, draw_sign_in).
            ctx.screens.sign_in_return = Location{Screen::group, trip.id};
            ctx.screens.join_after_sign_in = trip.id;
            ctx.nav.go({Screen::sign_in, {}});
        }
        return;
    }
    if (join_forbidden(ctx.actor())) return;  // unions organize; workers join
    if (!holds_place(mine) && !open_to_unit(trip, ctx.state.session->unit)) {
        // An own-unit group reached by a link from another unit's chat: said, not offered.
        label(ctx, ctx.f(Text::group_not_open_to_you, ctx.view.unit_name(trip.organizer_unit).c_str()), colors::accent);
        return;
    }
    if (holds_place(mine)) {
        if (secondary_button(ctx, ctx.t(Text::withdraw), -1))
            ctx.screens.confirmation = Confirmation{Confirmation::Kind::withdraw, trip.id};
        return;
    }
    // The worker's union rules: a join they would refuse is not offered, and the worker is told
    // which rule and what is left; else the rules in plain words right under the join (which
    // stays on a phone's first screen), and the worker's share again in its confirmation.
    const Route* route = ctx.view.route(trip.route);
    const std::optional<JoiningTerms> terms = route ? joining_terms(ctx, trip, *route) : std::nullopt;
    if (terms && terms->refused) {
        label(ctx, ctx.language == Language::en ? terms->refused->message_en : terms->refused->message_zh, colors::accent);
        return;
    }
    const Text action = group.counts.places_left > 0 ? Text::join : Text::join_waitlist;
    if (button(ctx, ctx.t(action), -1)) ctx.screens.confirmation = Confirmation{Confirmation::Kind::join, trip.id};
    if (terms && !terms->summary.empty()) muted(ctx, ctx.f(Text::joining_terms, terms->summary.c_str()));
}

void draw_qr(Context& ctx, const std::string& link) {
    ScreenState& s = ctx.screens;
    if (s.qr_text != link) {
        s.qr_text = link;
        s.qr_modules = qr_modules(link, &s.qr_size);
    }
    if (s.qr_size == 0) return;
    const int quiet = 4;  // the blank border scanners need
    const float side = std::min(200.0f, ImGui::GetContentRegionAvail().x);
    const float module = std::floor(side / static_cast<float>(s.qr_size + 2 * quiet));
    const float total = module * static_cast<float>(s.qr_size + 2 * quiet);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + total, origin.y + total), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < s.qr_size; ++y)
        for (int x = 0; x < s.qr_size; ++x)
            if (s.qr_modules[static_cast<std::size_t>(y * s.qr_size + x)]) {
                const ImVec2 a(origin.x + module * static_cast<float>(x + quiet), origin.y + module * static_cast<float>(y + quiet));
                draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
            }
    ImGui::Dummy(ImVec2(total, total));
    // A kiosk or a computer shows it to be scanned onto the visitor's own phone; a phone, to a colleague's.
    muted(ctx, ctx.t(ctx.state.kiosk || ctx.wide ? Text::scan_to_open : Text::scan_for_colleague));
}

// A cancelled or dissolved group: what happened, why, and what it means for the worker.
void draw_ended(Context& ctx, const GroupTrip& trip, const sync::MyTrip* mine) {
    // 已取消：<the organizer's reason>, or 未成团，已解散.
    label(ctx, group_state_text(ctx, trip), colors::accent);
    muted(ctx, ctx.f(Text::organizing_unit, ctx.view.unit_name(trip.organizer_unit).c_str()));
    label(ctx, ctx.f(Text::departure, format_day(trip.departure).c_str()));
    if (mine) muted(ctx, ctx.t(Text::group_ended_note));
}

}  // namespace

void draw_group(Context& ctx, const sync::GroupView& group) {
    const GroupTrip& trip = group.trip();
    const Route* route = ctx.view.route(trip.route);
    const sync::MyTrip* mine = ctx.view.my_trip(trip.id);

    muted(ctx, ctx.t(Text::group_trip));
    if (route) {
        heading(ctx, route->title);
        label(ctx, ctx.f(Text::price_after_subsidy, format_yuan(route->price - route->subsidy).c_str()), colors::accent);
    }
    // A cancelled or dissolved group is over: its state and reason, and nothing that still
    // invites joining or sharing (no countdown, no 还差N人, no share link, no QR code).
    const bool ended = trip.state == GroupState::cancelled || trip.state == GroupState::expired;
    if (ended) {
        draw_ended(ctx, trip, mine);
        // Its union can still read who was on it.
        if (ctx.may_see_roster(trip) && button(ctx, ctx.t(Text::roster), -1)) ctx.nav.go({Screen::roster, trip.id});
        if (route && secondary_button(ctx, ctx.t(Text::see_other_groups), -1)) ctx.nav.go({Screen::route, route->id});
        return;
    }
    const bool on_hold = route && draw_booking_holds(ctx, *route);
    label(ctx, group_state_text(ctx, trip));
    muted(ctx, ctx.f(Text::organizing_unit, ctx.view.unit_name(trip.organizer_unit).c_str()));
    draw_facts(ctx, group, route);
    draw_my_place(ctx, group, mine);
    // Back from signing in for this group: the join asked for is offered again at once (before
    // the actions, whose 登录后报名 asks for it in this very frame).
    // (Once the worker's trips are known: one who already holds a place is not asked again.)
    if (ctx.screens.join_after_sign_in == trip.id && (!ctx.signed_in() || ctx.state.my_trips_loaded)) {
        ctx.screens.join_after_sign_in.clear();
        ctx.screens.sign_in_return.reset();  // back without signing in: a later sign-in goes where it goes
        if (ctx.signed_in() && !join_forbidden(ctx.actor()) && !holds_place(mine) && !pending_for(ctx, trip.id) &&
            joinable(trip, ctx.services.now()) && !on_hold && open_to_unit(trip, ctx.state.session->unit))
            ctx.screens.confirmation = Confirmation{Confirmation::Kind::join, trip.id};
    }
    // The action comes right after the facts it is decided by, so that a phone shows both on its
    // first screen; then the first stop and its phone, and the route's details before the units,
    // sharing and the QR code.
    draw_actions(ctx, group, mine, on_hold);
    draw_add_to_calendar(ctx, trip, mine);  // after the action: 退出拼团 stays on a phone's first screen
    if (route) {
        draw_meeting(ctx, trip, *route);
        ImGui::Dummy(ImVec2(0, 2));
        draw_route_details(ctx, *route);
    }

    if (const std::vector<Id> taking_part = group.units_taking_part(); !taking_part.empty()) {
        section(ctx, ctx.t(Text::units_taking_part));
        std::string units;
        for (const Id& unit : taking_part) units += (units.empty() ? "" : "、") + ctx.view.unit_name(unit);
        label(ctx, units);
    }

    const std::string link = ctx.services.link_to(format_location({Screen::group, trip.id}));
    ImGui::Dummy(ImVec2(0, 4));
    if (secondary_button(ctx, ctx.t(Text::share), -1)) {
        const std::string title = route ? route->title : trip.id;
        if (!ctx.services.share(title, link)) ctx.screens.toasts.push_back({Text::link_copied, ctx.services.now() + 3});
    }
    draw_qr(ctx, link);  // last: on a phone it is for someone else's
}

}  // namespace liaoxiu::ui
