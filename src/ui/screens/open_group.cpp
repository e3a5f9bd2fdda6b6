// Opening a group (organizers only): route, departure, sizes, deadline and per-unit cap,
// checked by the core's own rule before the intent is sent, errors shown in words. A group of
// any unit on the same route and day that still takes joins is named first (core
// duplicates_group), with the way to it, and a second group is opened only when asked again.
#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "ui/widgets.hpp"

#include <charconv>
#include <vector>

namespace liaoxiu::ui {

namespace {

constexpr int kDefaultLeadDays = 30;      // a new form proposes a departure a month ahead
constexpr int kDefaultDeadlineDays = 10;  // and closes joining ten days before it

void reset_form(Context& ctx, OpenGroupForm& form, const Route& route) {
    form = OpenGroupForm{};
    form.route = route.id;
    const Day today = day_of(ctx.services.now());
    form.departure = format_day(today + kDefaultLeadDays);
    form.deadline = format_day(today + kDefaultLeadDays - kDefaultDeadlineDays);
}

std::optional<int> parse_count(const std::string& text) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end) return std::nullopt;
    return value;
}

// The groups a new one would duplicate (core duplicates_group). Only the route's groups in a
// joinable state can be one, so those are the candidates the view keeps per route.
std::vector<const sync::GroupView*> duplicates_of(const Context& ctx, const Route& route, const GroupDraft& draft) {
    std::vector<const sync::GroupView*> found;
    for (const std::size_t i : ctx.view.joinable_groups_of(ctx.view.route_index(route))) {
        const sync::GroupView& group = ctx.state.groups[i];
        if (duplicates_group(group.trip(), draft, ctx.services.now())) found.push_back(&group);
    }
    return found;
}

GroupDraft draft_on(const Route& route, Day departure) {
    GroupDraft draft;
    draft.route = route.id;
    draft.departure = departure;
    return draft;
}

using Field = OpenGroupForm::Field;

// A refusal, at the field it is about, said at once by the live region.
void refuse(Context& ctx, OpenGroupForm& form, Field field, std::string zh, std::string en) {
    ctx.glyphs.want(zh);
    ctx.glyphs.want(en);
    ctx.screens.alerts.push_back(ctx.language == Language::zh ? zh : en);
    form.error_zh = std::move(zh);
    form.error_en = std::move(en);
    form.error_field = field;
}

void refuse(Context& ctx, OpenGroupForm& form, Field field, Text reason) {
    refuse(ctx, form, field, text(reason, Language::zh), text(reason, Language::en));
}

// Which field the core's refusal of a draft is about (its codes: group_trip.hpp's open_group).
Field field_of(const DomainError& error, const GroupDraft& draft) {
    const std::string& code = error.code;
    if (error.path == "meeting_point") return Field::meeting_point;
    if (error.path == "contact_name") return Field::contact_name;
    if (error.path == "contact_phone") return Field::contact_phone;
    if (code == "departure_in_past") return Field::departure;
    if (code == "invalid_deadline") return Field::deadline;
    if (code == "invalid_unit_cap") return Field::per_unit_cap;
    if (code == "invalid_size") return draft.min_size < 1 || draft.min_size > draft.max_size ? Field::min_size : Field::max_size;
    return Field::none;
}

// `anyway`: the organizer was shown the same-day group(s) and chose to open another.
void submit(Context& ctx, OpenGroupForm& form, const Route& route, bool anyway) {
    const std::optional<Day> departure = parse_day(form.departure);
    const std::optional<Day> deadline = parse_day(form.deadline);
    if (!departure) return refuse(ctx, form, Field::departure, Text::bad_date);
    if (!deadline) return refuse(ctx, form, Field::deadline, Text::bad_date);
    const std::optional<int> min_size = parse_count(form.min_size);
    const std::optional<int> max_size = parse_count(form.max_size);
    const std::optional<int> cap = parse_count(form.per_unit_cap);
    if (!min_size) return refuse(ctx, form, Field::min_size, Text::bad_number);
    if (!max_size) return refuse(ctx, form, Field::max_size, Text::bad_number);
    if (!cap) return refuse(ctx, form, Field::per_unit_cap, Text::bad_number);
    // No id: the sync engine makes a random one, once, so retries find their own trip and
    // two organizers never collide.
    GroupDraft draft;
    draft.route = route.id;
    draft.organizer_unit = ctx.state.session->unit;
    draft.departure = *departure;
    draft.min_size = *min_size;
    draft.max_size = *max_size;
    draft.join_deadline = china_midnight(*deadline + 1) - 1;  // the end of the deadline day
    if (*cap > 0) draft.per_unit_cap = *cap;
    draft.visibility = form.visibility;
    draft.meeting_point = form.meeting_point;
    draft.contact_name = form.contact_name;
    draft.contact_phone = form.contact_phone;
    // The same rule the endpoint applies: refuse here, in words, before anything is sent.
    GroupDraft with_placeholder_id = draft;  // the rule checks ids too; any unused one will do
    with_placeholder_id.id = "new-group";
    Result<GroupTrip> checked = open_group(with_placeholder_id, route, ctx.state.catalogue, ctx.services.now());
    if (!checked) {
        const DomainError& error = checked.error();
        return refuse(ctx, form, field_of(error, draft), error.message_zh, error.message_en);
    }
    draft.meeting_point = checked.value().meeting_point;  // as kept: trimmed
    draft.contact_name = checked.value().contact_name;
    draft.contact_phone = checked.value().contact_phone;
    form.error_zh.clear();
    form.error_en.clear();
    form.error_field = Field::none;
    if (!anyway && !duplicates_of(ctx, route, draft).empty()) {
        form.duplicate_warned = draft.departure;  // asked below the form; nothing is sent yet
        return;
    }
    // One notice tells the outcome (the sync engine's 拼团已发起，可以分享给职工了); once the
    // endpoint took the trip the app lands on it (Ui::draw_screen), ready to share.
    const Id opened = ctx.intents.open_group(draft);
    form = OpenGroupForm{};
    if (!opened.empty()) ctx.screens.opening_group = opened;
}

// The warning a submission was held back for: the same-day group(s), each with the way to it,
// and the explicit second confirmation. False (and forgotten) once the departure was changed or
// no such group is left (cancelled meanwhile, or its joining closed): the form is as before.
bool draw_duplicate_warning(Context& ctx, OpenGroupForm& form, const Route& route) {
    if (!form.duplicate_warned) return false;
    const std::vector<const sync::GroupView*> duplicates =
        parse_day(form.departure) == form.duplicate_warned ? duplicates_of(ctx, route, draft_on(route, *form.duplicate_warned))
                                                           : std::vector<const sync::GroupView*>{};
    if (duplicates.empty()) {
        form.duplicate_warned.reset();
        return false;
    }
    label(ctx, ctx.t(Text::duplicate_group_warning), colors::accent);
    for (const sync::GroupView* group : duplicates) {
        const GroupTrip& trip = group->trip();
        const std::string progress = group->counts.places_to_form > 0 ? ctx.f(Text::places_to_form, group->counts.places_to_form)
                                                                      : group_state_text(ctx, trip);
        muted(ctx, ctx.f(Text::duplicate_group_line, ctx.view.unit_name(trip.organizer_unit).c_str(),
                         format_day(trip.departure).c_str(), progress.c_str()));
        ImGui::PushID(trip.id.c_str());
        const bool go = button(ctx, ctx.t(Text::duplicate_group_open_existing), -1);
        ImGui::PopID();
        if (go) {
            form.duplicate_warned.reset();
            ctx.nav.go({Screen::group, trip.id});
            return true;
        }
    }
    if (secondary_button(ctx, ctx.t(Text::duplicate_group_open_anyway), -1)) submit(ctx, form, route, true);
    return true;
}

}  // namespace

void draw_open_group(Context& ctx, const Route& route) {
    heading(ctx, ctx.t(Text::open_group_title));
    muted(ctx, ctx.f(Text::route_label, route.title.c_str()));
    if (!ctx.may_open_group()) {
        label(ctx, ctx.t(Text::organizer_only), colors::accent);
        if (button(ctx, ctx.t(Text::sign_in))) ctx.nav.go({Screen::sign_in, {}});
        return;
    }
    if (!ctx.screens.opening_group.empty()) {
        // On its way: the app moves on to the trip when it is open. Refused, the form is back.
        for (const sync::PendingAction& action : ctx.state.outbox) {
            if (action.kind == sync::PendingAction::Kind::open_group && action.group == ctx.screens.opening_group) {
                muted(ctx, ctx.t(Text::open_group_landing));
                return;
            }
        }
    }
    OpenGroupForm& form = ctx.screens.open_group;
    if (form.route != route.id) reset_form(ctx, form, route);
    muted(ctx, ctx.f(Text::organizing_unit, ctx.view.unit_name(ctx.state.session->unit).c_str()));

    const std::string& error = ctx.language == Language::zh ? form.error_zh : form.error_en;
    const auto error_at = [&](Field field) {
        if (!error.empty() && form.error_field == field) label(ctx, error, colors::accent);
    };
    input_date(ctx, ctx.t(Text::departure_date), "##departure", &form.departure);
    error_at(Field::departure);
    input_number(ctx, ctx.t(Text::min_size), "##min", &form.min_size);
    error_at(Field::min_size);
    input_number(ctx, ctx.t(Text::max_size), "##max", &form.max_size);
    error_at(Field::max_size);
    input_date(ctx, ctx.t(Text::deadline_date), "##deadline", &form.deadline);
    error_at(Field::deadline);
    input_number(ctx, ctx.t(Text::per_unit_cap), "##cap", &form.per_unit_cap);
    error_at(Field::per_unit_cap);
    // Where and when to gather, and whom to call: shown on the group's screen (a phone's 拨打).
    input_text(ctx, ctx.t(Text::meeting_point_field), "##meeting_point", &form.meeting_point, 0, ctx.t(Text::meeting_point_hint));
    error_at(Field::meeting_point);
    input_text(ctx, ctx.t(Text::contact_name_field), "##contact_name", &form.contact_name);
    error_at(Field::contact_name);
    input_text(ctx, ctx.t(Text::contact_phone_field), "##contact_phone", &form.contact_phone, 0, nullptr, FieldKind::phone);
    error_at(Field::contact_phone);
    // Who may join: every unit of the alliance (拼团, the default) or the union's own workers only
    // (it can be opened to all later, e.g. when it does not fill).
    ImGui::PushID("visibility");
    ImGui::AlignTextToFramePadding();
    label(ctx, ctx.t(Text::open_visibility), colors::muted);
    ImGui::SameLine(0, kChipSpacing);
    chip_row_start();
    if (chip(ctx, ctx.t(Text::visibility_alliance), form.visibility == Visibility::alliance)) form.visibility = Visibility::alliance;
    if (chip(ctx, ctx.t(Text::visibility_own_unit), form.visibility == Visibility::own_unit)) form.visibility = Visibility::own_unit;
    ImGui::PopID();
    error_at(Field::none);
    if (draw_duplicate_warning(ctx, form, route)) return;
    if (button(ctx, ctx.t(Text::submit_open_group), -1)) submit(ctx, form, route, false);
}

}  // namespace liaoxiu::ui
