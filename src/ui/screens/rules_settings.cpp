// 规则设置 (#/rules): the rules a unit's union sets for its own workers' trips, over the alliance's
// defaults, or (the secretariat) the alliance's defaults themselves — the yearly allowance, the
// cost standard, the unit's share of the price and whether the union approves each place. Every
// field may be left empty: a unit then follows the alliance (its value shown beside the field),
// an alliance sets no limit. What is typed is checked at its field, by the same core rule the
// endpoint applies (validate_rules), before anything is sent.
#include "core/union_rules.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <charconv>
#include <string_view>

namespace liaoxiu::ui {

namespace {

// Whose rules the signed-in person sets here: a union its unit's, the secretariat the alliance's
// shown first (Context::leading_alliance). Nothing for anyone else.
std::optional<std::pair<RulesScope, Id>> rules_target(const Context& ctx) {
    if (!ctx.signed_in()) return std::nullopt;
    const sync::Session& session = *ctx.state.session;
    if (session.role == Role::organizer && !session.unit.empty()) return std::pair{RulesScope::unit, session.unit};
    if (session.role == Role::secretariat) {
        if (const Alliance* alliance = ctx.leading_alliance()) return std::pair{RulesScope::alliance, alliance->id};
    }
    return std::nullopt;
}

std::string number_text(const std::optional<int>& value) { return value ? std::to_string(*value) : std::string(); }

void fill(RulesFormState& form, const UnionRules& rules) {
    form.trips_per_year = number_text(rules.allowance.trips_per_year);
    form.days_per_year = number_text(rules.allowance.days_per_year);
    form.out_of_province_every_years = number_text(rules.allowance.out_of_province_every_years);
    form.cost_standard_yuan = rules.allowance.cost_standard ? yuan_field_text(*rules.allowance.cost_standard) : "";
    form.unit_share_percent = number_text(rules.unit_share_percent);
    form.decision_hours = number_text(rules.decision_hours);
    form.approval_required = rules.approval_required;
    form.problems.clear();
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

// The rules as typed, or the fields that are not numbers (each with its path).
UnionRules read_form(const RulesFormState& form, std::vector<DomainError>& problems) {
    const auto whole = [&](const std::string& typed, const char* path) -> std::optional<int> {
        const std::string_view digits = trimmed(typed);
        if (digits.empty()) return std::nullopt;
        int value = 0;
        auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (error == std::errc() && end == digits.data() + digits.size()) return value;
        problems.push_back({"bad_value", text(Text::rules_not_whole_number, Language::zh),
                            text(Text::rules_not_whole_number, Language::en), path});
        return std::nullopt;
    };
    UnionRules rules;
    rules.allowance.trips_per_year = whole(form.trips_per_year, "trips_per_year");
    rules.allowance.days_per_year = whole(form.days_per_year, "days_per_year");
    rules.allowance.out_of_province_every_years = whole(form.out_of_province_every_years, "out_of_province_every_years");
    if (!trimmed(form.cost_standard_yuan).empty()) {
        rules.allowance.cost_standard = parse_yuan(form.cost_standard_yuan);
        if (!rules.allowance.cost_standard)
            problems.push_back({"bad_value", text(Text::rules_not_amount, Language::zh),
                                text(Text::rules_not_amount, Language::en), "cost_standard"});
    }
    rules.unit_share_percent = whole(form.unit_share_percent, "unit_share_percent");
    rules.decision_hours = whole(form.decision_hours, "decision_hours");
    rules.approval_required = form.approval_required;
    return rules;
}

// What the alliance sets for a field, in words, beside a unit's field ("联盟默认：3"); "不限" when it sets nothing.
std::string alliance_hint(Context& ctx, const std::optional<std::string>& value) {
    return ctx.f(Text::rules_alliance_value, value ? value->c_str() : ctx.t(Text::rules_no_limit));
}

std::optional<std::string> shown(const std::optional<int>& value) {
    return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
}

// One field: its caption, the text as typed (the alliance's value as its hint), and its problem.
void number_field(Context& ctx, const RulesFormState& form, Text caption, const char* path, std::string* value,
                  const std::string& hint, FieldKind kind = FieldKind::number) {
    const std::string id = std::string("##") + path;
    input_text(ctx, ctx.t(caption), id.c_str(), value, 0, hint.c_str(), kind);
    for (const DomainError& problem : form.problems)
        if (problem.path == path) label(ctx, ctx.language == Language::en ? problem.message_en : problem.message_zh, colors::accent);
}

}  // namespace

void draw_rules_entry(Context& ctx) {
    const auto target = rules_target(ctx);
    if (!target || ctx.state.kiosk) return;
    const Text words = target->first == RulesScope::unit ? Text::rules_entry_unit : Text::rules_entry_alliance;
    if (secondary_button(ctx, ctx.t(words), -1)) ctx.nav.go({Screen::union_rules, {}});
}

void draw_rules_settings(Context& ctx) {
    const auto target = rules_target(ctx);
    if (!target) {
        label(ctx, ctx.signed_in() ? ctx.t(Text::rules_only_organizers) : ctx.t(Text::not_signed_in), colors::accent);
        if (!ctx.signed_in() && button(ctx, ctx.t(Text::sign_in), -1)) ctx.nav.go({Screen::sign_in, {}});
        return;
    }
    const auto [scope, id] = *target;
    RulesFormState& form = ctx.screens.rules_form;
    if (!form.requested) {
        form.requested = true;
        form.filled_from = 0;
        ctx.intents.load_rules_settings(scope, id);
    }
    const sync::RulesSettingsView& view = ctx.state.rules_settings;
    const bool ours = view.answer && view.answer->scope == scope && view.answer->id == id;
    if (scope == RulesScope::unit)
        heading(ctx, ctx.f(Text::rules_title_unit, ctx.view.unit_name(id).c_str()));
    else
        heading(ctx, ctx.f(Text::rules_title_alliance, ctx.leading_alliance()->name.c_str()));
    if (view.status == sync::ReadStatus::failed && !view.saving) {
        label(ctx, ctx.language == Language::en ? view.error_en : view.error_zh, colors::accent);
        if (secondary_button(ctx, ctx.t(Text::rules_reload), -1)) ctx.intents.load_rules_settings(scope, id);
    }
    if (!ours) {
        if (view.status != sync::ReadStatus::failed) muted(ctx, ctx.t(Text::rules_loading));
        return;
    }
    // Filled from what was read, and again from each save's answer (what the endpoint now holds).
    if (form.filled_from != view.saved + 1) {
        fill(form, view.answer->rules);
        form.filled_from = view.saved + 1;
    }
    muted(ctx, ctx.t(scope == RulesScope::unit ? Text::rules_note_unit : Text::rules_note_alliance));

    // A unit's field shows the alliance's value as its hint; an alliance's says 不限.
    const UnionRules* alliance = scope == RulesScope::unit && view.answer->alliance_rules ? &*view.answer->alliance_rules : nullptr;
    const auto hint = [&](const std::optional<std::string>& value) {
        return alliance ? alliance_hint(ctx, value) : std::string(ctx.t(Text::rules_no_limit));
    };
    const Allowance none;
    const Allowance& a = alliance ? alliance->allowance : none;
    number_field(ctx, form, Text::rules_trips_per_year, "trips_per_year", &form.trips_per_year, hint(shown(a.trips_per_year)));
    number_field(ctx, form, Text::rules_days_per_year, "days_per_year", &form.days_per_year, hint(shown(a.days_per_year)));
    number_field(ctx, form, Text::rules_out_of_province, "out_of_province_every_years", &form.out_of_province_every_years,
                 hint(shown(a.out_of_province_every_years)));
    number_field(ctx, form, Text::rules_cost_standard, "cost_standard", &form.cost_standard_yuan,
                 hint(a.cost_standard ? std::optional<std::string>(yuan_field_text(*a.cost_standard)) : std::nullopt),
                 FieldKind::decimal);
    // Unset: the alliance's, else 0 (the worker pays all that is left after the subsidy).
    number_field(ctx, form, Text::rules_unit_share, "unit_share_percent", &form.unit_share_percent,
                 alliance ? alliance_hint(ctx, std::to_string(alliance->unit_share_percent.value_or(0)) + "%") : "0%");

    ImGui::PushID("approval");
    label(ctx, ctx.t(Text::rules_approval), colors::muted);
    chip_row_start();
    if (scope == RulesScope::unit) {
        const bool alliance_on = alliance && alliance->approval_required.value_or(false);
        const std::string inherit = std::string(ctx.t(Text::rules_approval_inherit)) + "（" +
                                    ctx.t(alliance_on ? Text::rules_approval_on : Text::rules_approval_off) + "）";
        if (chip(ctx, inherit.c_str(), !form.approval_required)) form.approval_required.reset();
    }
    if (chip(ctx, ctx.t(Text::rules_approval_on), form.approval_required == true)) form.approval_required = true;
    const bool off = form.approval_required == false || (scope == RulesScope::alliance && !form.approval_required);
    if (chip(ctx, ctx.t(Text::rules_approval_off), off)) form.approval_required = false;
    ImGui::PopID();
    const int hours = alliance ? alliance->decision_hours.value_or(kDefaultDecisionHours) : kDefaultDecisionHours;
    number_field(ctx, form, Text::rules_decision_hours, "decision_hours", &form.decision_hours,
                 alliance ? alliance_hint(ctx, std::to_string(hours)) : std::to_string(kDefaultDecisionHours));

    ImGui::Dummy(ImVec2(0, 4));
    if (view.saving) {
        muted(ctx, ctx.t(Text::rules_saving));
        return;
    }
    if (!view.save_error_zh.empty())
        label(ctx, ctx.language == Language::en ? view.save_error_en : view.save_error_zh, colors::accent);
    if (!button(ctx, ctx.t(Text::rules_save), -1)) return;
    std::vector<DomainError> problems;
    const UnionRules rules = read_form(form, problems);
    // The endpoint's own check, at the fields, before anything is sent (a field that is not a
    // number is said once, not again as out of range).
    for (DomainError& problem : validate_rules(rules)) problems.push_back(std::move(problem));
    form.problems = std::move(problems);
    if (form.problems.empty()) ctx.intents.save_rules_settings(scope, id, rules);
}

}  // namespace liaoxiu::ui
