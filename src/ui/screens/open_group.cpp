// Opening a group (organizers only): route, departure, sizes, deadline and per-unit cap,
// checked by the core's own rule before the intent is sent, errors shown in words.
#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "ui/widgets.hpp"

#include <charconv>

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

void submit(Context& ctx, OpenGroupForm& form, const Route& route) {
    const std::optional<Day> departure = parse_day(form.departure);
    const std::optional<Day> deadline = parse_day(form.deadline);
    if (!departure || !deadline) {
        form.error_zh = text(Text::bad_date, Language::zh);
        form.error_en = text(Text::bad_date, Language::en);
        return;
    }
    const std::optional<int> min_size = parse_count(form.min_size);
    const std::optional<int> max_size = parse_count(form.max_size);
    const std::optional<int> cap = parse_count(form.per_unit_cap);
    if (!min_size || !max_size || !cap) {
        form.error_zh = text(Text::bad_number, Language::zh);
        form.error_en = text(Text::bad_number, Language::en);
        return;
    }
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
    // The same rule the endpoint applies: refuse here, in words, before anything is sent.
    GroupDraft with_placeholder_id = draft;  // the rule checks ids too; any unused one will do
    with_placeholder_id.id = "new-group";
    Result<GroupTrip> checked = open_group(with_placeholder_id, route, ctx.state.catalogue, ctx.services.now());
    if (!checked) {
        form.error_zh = checked.error().message_zh;
        form.error_en = checked.error().message_en;
        ctx.glyphs.want(form.error_zh);
        ctx.glyphs.want(form.error_en);
        return;
    }
    // One notice tells the outcome (the sync engine's 拼团已发起，可以分享给职工了); once the
    // endpoint took the trip the app lands on it (Ui::draw_screen), ready to share.
    const Id opened = ctx.intents.open_group(draft);
    form = OpenGroupForm{};
    if (!opened.empty()) ctx.screens.opening_group = opened;
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

    input_date(ctx, ctx.t(Text::departure_date), "##departure", &form.departure);
    input_number(ctx, ctx.t(Text::min_size), "##min", &form.min_size);
    input_number(ctx, ctx.t(Text::max_size), "##max", &form.max_size);
    input_date(ctx, ctx.t(Text::deadline_date), "##deadline", &form.deadline);
    input_number(ctx, ctx.t(Text::per_unit_cap), "##cap", &form.per_unit_cap);

    const std::string& error = ctx.language == Language::zh ? form.error_zh : form.error_en;
    if (!error.empty()) label(ctx, error, colors::accent);
    if (button(ctx, ctx.t(Text::submit_open_group), -1)) submit(ctx, form, route);
}

}  // namespace liaoxiu::ui
