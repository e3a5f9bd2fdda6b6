#include "ui/desk/audit.hpp"

#include "ui/desk/designer.hpp"
#include "ui/desk/desk.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/query_params.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>

namespace liaoxiu::ui {
namespace {

// The words of each action, in the order of kAuditActions (a missing one does not compile).
constexpr DeskText kActionTexts[] = {
    DeskText::audit_member_admit,    DeskText::audit_member_update,   DeskText::audit_member_suspend,
    DeskText::audit_member_reinstate, DeskText::audit_member_remove,  DeskText::audit_route_create,
    DeskText::audit_route_update,    DeskText::audit_route_publish,   DeskText::audit_route_unpublish,
    DeskText::audit_route_delete,
    DeskText::audit_policy_create,   DeskText::audit_policy_update,   DeskText::audit_policy_publish,
    DeskText::audit_policy_unpublish, DeskText::audit_group_open,     DeskText::audit_group_cancel,
    DeskText::audit_place_withdraw,  DeskText::audit_place_add,       DeskText::audit_account_create,
    DeskText::audit_personal_read,   DeskText::audit_member_standing, DeskText::audit_review_hide,
    DeskText::audit_rules_alliance,  DeskText::audit_rules_unit,      DeskText::audit_group_open_to_all,
    DeskText::audit_place_approve,   DeskText::audit_place_decline,
};
static_assert(std::size(kActionTexts) == kAuditActions.size(), "one text per audit action");

const char* role_text(const Context& ctx, Role role) {
    switch (role) {
        case Role::worker: return ctx.t(Text::role_worker);
        case Role::organizer: return ctx.t(Text::role_organizer);
        case Role::secretariat: return ctx.t(Text::role_secretariat);
    }
    return "";
}

std::string entity_text(const Context& ctx, const std::string& entity) {
    if (entity == "member") return dt(ctx, DeskText::audit_entity_member);
    if (entity == "route") return dt(ctx, DeskText::audit_entity_route);
    if (entity == "policy") return dt(ctx, DeskText::audit_entity_policy);
    if (entity == "group") return dt(ctx, DeskText::audit_entity_group);
    if (entity == "account") return dt(ctx, DeskText::audit_entity_account);
    return entity;
}

// ---- the names of the fields a change shows --------------------------------------------------
// One table, (entity, field as the endpoint names it) → the words the desk already puts above
// that field: the member form's (DeskText), the designer's and the policy editor's
// (DesignerText), the open-group form's (Text), the desk's tables' column heads. One name per
// idea: no second copy of any of them; only the fields no form shows have words of their own.
// A form's hint in brackets ("主题（用顿号或逗号分隔）") is left off: the change shows the value.
struct FieldWords {
    enum class From { desk, designer, worker };
    std::string_view entity;
    std::string_view field;
    From from;
    int id;
};

constexpr FieldWords desk_words(std::string_view entity, std::string_view field, DeskText id) {
    return {entity, field, FieldWords::From::desk, static_cast<int>(id)};
}
constexpr FieldWords designer_words(std::string_view entity, std::string_view field, DesignerText id) {
    return {entity, field, FieldWords::From::designer, static_cast<int>(id)};
}
constexpr FieldWords worker_words(std::string_view entity, std::string_view field, Text id) {
    return {entity, field, FieldWords::From::worker, static_cast<int>(id)};
}

constexpr std::array kFieldWords = {
    // A member (the member form, member_page.cpp).
    desk_words("member", "id", DeskText::field_id),
    desk_words("member", "alliance", DeskText::field_alliance),
    desk_words("member", "category", DeskText::field_category),
    desk_words("member", "name", DeskText::field_name),
    desk_words("member", "city", DeskText::field_city),
    desk_words("member", "county", DeskText::field_county),
    desk_words("member", "address", DeskText::field_address),
    desk_words("member", "phone", DeskText::field_phone),
    desk_words("member", "admitted", DeskText::field_admitted),
    desk_words("member", "services", DeskText::services),
    desk_words("member", "status", DeskText::status_title),
    desk_words("member", "status_since", DeskText::audit_field_status_since),
    desk_words("member", "status_reason", DeskText::reason),
    // A route (the designer, route_designer.cpp).
    desk_words("route", "id", DeskText::field_id),
    desk_words("route", "alliance", DeskText::field_alliance),
    designer_words("route", "title", DesignerText::field_title),
    designer_words("route", "summary", DesignerText::field_summary),
    designer_words("route", "region", DesignerText::field_region),
    designer_words("route", "themes", DesignerText::field_themes),
    designer_words("route", "seasons", DesignerText::field_seasons),
    designer_words("route", "cities", DesignerText::field_cities),
    designer_words("route", "days", DesignerText::field_days),
    designer_words("route", "nights", DesignerText::field_nights),
    designer_words("route", "price", DesignerText::field_price),
    designer_words("route", "subsidy", DesignerText::field_subsidy),
    designer_words("route", "union_subsidy", DesignerText::field_subsidy),
    designer_words("route", "highlights", DesignerText::field_highlights),
    designer_words("route", "service_notes", DesignerText::field_service_notes),
    designer_words("route", "itinerary", DesignerText::itinerary),
    designer_words("route", "status", DesignerText::col_status),
    // A policy (the policy editor, policy_editor.cpp).
    desk_words("policy", "id", DeskText::field_id),
    designer_words("policy", "title", DesignerText::field_policy_title),
    designer_words("policy", "issuer", DesignerText::field_issuer),
    designer_words("policy", "date", DesignerText::field_date),
    designer_words("policy", "body", DesignerText::field_body),
    designer_words("policy", "routes", DesignerText::linked_routes),
    designer_words("policy", "status", DesignerText::col_status),
    // A group trip (the open-group form, the groups overview's columns, the cancel dialog).
    desk_words("group", "id", DeskText::field_id),
    desk_words("group", "route", DeskText::col_route),
    desk_words("group", "organizer_unit", DeskText::col_unit),
    desk_words("group", "departure", DeskText::col_departure),
    desk_words("group", "join_deadline", DeskText::col_deadline),
    desk_words("group", "state", DeskText::col_state),
    worker_words("group", "min_size", Text::min_size),
    worker_words("group", "max_size", Text::max_size),
    worker_words("group", "per_unit_cap", Text::per_unit_cap),
    worker_words("group", "cancel_reason", Text::cancel_reason),
    desk_words("group", "created", DeskText::audit_field_created),
    desk_words("group", "place", DeskText::audit_field_place),
    // An account.
    desk_words("account", "id", DeskText::field_id),
    desk_words("account", "role", DeskText::audit_col_role),
    worker_words("account", "login", Text::login),
    desk_words("account", "name", DeskText::audit_field_person),
    desk_words("account", "unit", DeskText::audit_field_unit),
    desk_words("account", "member_number", DeskText::audit_field_member_number),
};

// "主题（用顿号或逗号分隔）" → "主题", "Themes (separated by commas)" → "Themes".
std::string without_hint(std::string words) {
    for (std::string_view open : {"（", " ("})
        if (const std::size_t at = words.find(open); at != std::string::npos && at > 0) words.resize(at);
    return words;
}

// At most `max_bytes`, cut on a character boundary, with "…" when cut.
std::string cut_utf8(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text + "…";
}

// Goes on the same line when `width` more still fits.
void flow(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

void ask(Context& ctx, const AuditQuery& query) {
    ctx.screens.audit.opened = 0;
    ctx.desk_intents->load_audit(query);
}

void filters(Context& ctx) {
    AuditScreenState& s = ctx.screens.audit;
    const float field = 180.0f;

    const std::string any = dt(ctx, DeskText::audit_any_action);
    const std::string current = s.action == 0 ? any : audit_action_text(ctx, std::string(kAuditActions[static_cast<std::size_t>(s.action - 1)]));
    ctx.glyphs.want(current);
    ImGui::SetNextItemWidth(field);
    const std::string combo_label = std::string(dt(ctx, DeskText::audit_filter_action)) + "##audit-action";
    ctx.glyphs.want(dt(ctx, DeskText::audit_filter_action));
    const ImGuiID combo_id = ImGui::GetID(combo_label.c_str());
    const bool combo_open = ImGui::BeginCombo(combo_label.c_str(), current.c_str());
    ctx.items.on_item_info(combo_id, dt(ctx, DeskText::audit_filter_action));  // the combo's label, for tests
    if (combo_open) {
        for (int i = 0; i <= static_cast<int>(kAuditActions.size()); ++i) {
            const std::string name =
                i == 0 ? any : audit_action_text(ctx, std::string(kAuditActions[static_cast<std::size_t>(i - 1)]));
            ctx.glyphs.want(name);
            if (ImGui::Selectable(name.c_str(), s.action == i)) s.action = i;
        }
        ImGui::EndCombo();
    }
    flow(field);
    text_field(ctx, dt(ctx, DeskText::audit_filter_actor), "##audit-actor", &s.actor, field, 0, dt(ctx, DeskText::audit_filter_actor));
    flow(field);
    text_field(ctx, dt(ctx, DeskText::audit_filter_entity), "##audit-entity", &s.entity, field, 0, dt(ctx, DeskText::audit_filter_entity));
    flow(field);
    text_field(ctx, dt(ctx, DeskText::audit_filter_from), "##audit-from", &s.from, field, 0, dt(ctx, DeskText::audit_filter_from), FieldKind::date);
    flow(field);
    text_field(ctx, dt(ctx, DeskText::audit_filter_to), "##audit-to", &s.to, field, 0, dt(ctx, DeskText::audit_filter_to), FieldKind::date);

    if (button(ctx, dt(ctx, DeskText::audit_search))) {
        AuditQueryText text;
        text.actor = s.actor;
        text.entity = s.entity;
        text.from = s.from;
        text.to = s.to;
        if (s.action > 0) text.action = std::string(kAuditActions[static_cast<std::size_t>(s.action - 1)]);
        auto query = parse_audit_query(text);
        if (query) {
            s.error_zh.clear();
            s.error_en.clear();
            s.error_field.clear();
            ask(ctx, query.value());
        } else {
            s.error_zh = query.error().message_zh;
            s.error_en = query.error().message_en;
            s.error_field = query.error().path;
        }
    }
    ImGui::SameLine();
    if (secondary_button(ctx, dt(ctx, DeskText::audit_clear))) {
        const Id asked_for = s.requested_for;
        s = AuditScreenState{};
        s.requested_for = asked_for;
        ask(ctx, AuditQuery{});
    }
    if (!s.error_zh.empty()) label(ctx, ctx.language == Language::zh ? s.error_zh : s.error_en, colors::accent);
}

void detail(Context& ctx, const AuditEntry& entry) {
    section(ctx, dtf(ctx, DeskText::audit_detail, static_cast<long long>(entry.seq)));
    label(ctx, dtf(ctx, DeskText::audit_detail_when, audit_time_text(entry.at).c_str()));
    std::string unit = entry.actor_unit.empty() ? std::string(role_text(ctx, entry.actor_role))
                                                : std::string(role_text(ctx, entry.actor_role)) + " " + entry.actor_unit;
    label(ctx, dtf(ctx, DeskText::audit_detail_who, entry.actor_name.c_str(), entry.actor.c_str(), unit.c_str()));
    label(ctx, dtf(ctx, DeskText::audit_detail_what, audit_action_text(ctx, entry.action).c_str(),
                     entity_text(ctx, entry.entity).c_str(), entry.entity_id.c_str()));
    if (!entry.reason.empty()) label(ctx, dtf(ctx, DeskText::audit_detail_reason, entry.reason.c_str()));
    if (entry.change.empty()) muted(ctx, dt(ctx, DeskText::audit_no_change));
    // Values may be long (a route's itinerary): built as strings, not through f()'s buffer.
    auto side = [&](DeskText format, const AuditFieldChange& field, const std::optional<std::string>& value) {
        const std::string shown = value ? audit_value_words(ctx, entry.entity, field.field, *value)
                                        : std::string(dt(ctx, DeskText::audit_absent));
        std::string line = dt(ctx, format);
        line.replace(line.find("%s"), 2, shown);
        return line;
    };
    for (const AuditFieldChange& field : entry.change) {
        label(ctx, audit_field_text(ctx, entry.entity, field.field), colors::accent);
        if (field.before) muted(ctx, side(DeskText::audit_field_before, field, field.before));
        label(ctx, side(DeskText::audit_field_after, field, field.after));
    }
    if (secondary_button(ctx, dt(ctx, DeskText::audit_close))) ctx.screens.audit.opened = 0;
}

void table(Context& ctx, const AuditPage& page) {
    AuditScreenState& s = ctx.screens.audit;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##audit-table", 7, flags)) return;
    const DeskText headers[] = {DeskText::audit_col_time,   DeskText::audit_col_actor,  DeskText::audit_col_role,
                            DeskText::audit_col_action, DeskText::audit_col_entity, DeskText::audit_col_reason,
                            DeskText::audit_col_change};
    const float weights[] = {1.6f, 1.4f, 0.9f, 1.3f, 1.5f, 1.4f, 3.0f};
    for (int i = 0; i < 7; ++i) {
        ctx.glyphs.want(dt(ctx, headers[i]));
        ImGui::TableSetupColumn(dt(ctx, headers[i]), ImGuiTableColumnFlags_WidthStretch, weights[i]);
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(page.entries.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const AuditEntry& entry = page.entries[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            // The time opens the row's change in full; the selectable spans the whole row.
            const std::string time = audit_time_text(entry.at);
            ctx.glyphs.want(time);
            const std::string id = time + "##audit-" + std::to_string(entry.seq);
            if (ImGui::Selectable(id.c_str(), s.opened == entry.seq, ImGuiSelectableFlags_SpanAllColumns)) {
                s.opened = s.opened == entry.seq ? 0 : entry.seq;
            }
            ImGui::TableSetColumnIndex(1);
            cell(ctx, entry.actor_name.empty() ? entry.actor : entry.actor_name + " " + entry.actor);
            ImGui::TableSetColumnIndex(2);
            cell(ctx, role_text(ctx, entry.actor_role), colors::muted);
            ImGui::TableSetColumnIndex(3);
            cell(ctx, audit_action_text(ctx, entry.action));
            ImGui::TableSetColumnIndex(4);
            cell(ctx, entity_text(ctx, entry.entity) + " " + entry.entity_id);
            ImGui::TableSetColumnIndex(5);
            cell(ctx, entry.reason);
            ImGui::TableSetColumnIndex(6);
            cell(ctx, audit_change_summary(ctx, entry), colors::muted);
        }
    }
    ImGui::EndTable();
}

void pager(Context& ctx, const sync::AuditView& view) {
    const AuditQuery& asked = view.query;
    const auto shown = static_cast<std::int64_t>(view.page.entries.size());
    if (view.page.offset > 0) {
        if (secondary_button(ctx, dt(ctx, DeskText::audit_previous))) {
            AuditQuery previous = asked;
            previous.offset = std::max(0, view.page.offset - view.page.limit);
            ask(ctx, previous);
        }
        ImGui::SameLine();
    }
    if (view.page.offset + shown < view.page.total) {
        if (secondary_button(ctx, dt(ctx, DeskText::audit_next))) {
            AuditQuery next = asked;
            next.offset = view.page.offset + static_cast<int>(shown);
            ask(ctx, next);
        }
    }
}

}  // namespace

std::string audit_action_text(const Context& ctx, const std::string& action) {
    for (std::size_t i = 0; i < kAuditActions.size(); ++i) {
        if (kAuditActions[i] == action) return dt(ctx, kActionTexts[i]);
    }
    return action;
}

std::string audit_time_text(Instant at) { return format_china_time(at, true); }

std::string audit_field_text(const Context& ctx, const std::string& entity, const std::string& field) {
    for (const FieldWords& words : kFieldWords) {
        if (words.entity != entity || words.field != field) continue;
        switch (words.from) {
            case FieldWords::From::desk: return without_hint(dt(ctx, static_cast<DeskText>(words.id)));
            case FieldWords::From::designer: return without_hint(dz(ctx, static_cast<DesignerText>(words.id)));
            case FieldWords::From::worker: return without_hint(ctx.t(static_cast<Text>(words.id)));
        }
    }
    return field;  // a field this desk does not know yet: as the endpoint names it
}

// The endpoint writes enum names and fen; the summary and the detail both show values through this.
std::string audit_value_words(const Context& ctx, const std::string& entity, const std::string& field,
                              const std::string& json) {
    std::string text = audit_value_text(json);
    if (entity == "member" && field == "status")
        if (auto status = parse_member_status(text)) return member_status_name(ctx, *status);
    if (entity == "member" && field == "category")
        if (auto category = parse_category(text)) return desk_category_name(ctx, *category);
    if (entity == "route" && (field == "price" || field == "subsidy" || field == "union_subsidy"))
        if (auto fen = query_params::whole_number(text)) return "¥" + format_yuan(*fen);
    return text;
}

std::string audit_change_summary(const Context& ctx, const AuditEntry& entry, std::size_t max_bytes) {
    std::string out;
    for (const AuditFieldChange& field : entry.change) {
        if (out.size() > max_bytes) break;
        if (!out.empty()) out += "；";
        out += audit_field_text(ctx, entry.entity, field.field) + ": ";
        if (field.before) out += cut_utf8(audit_value_words(ctx, entry.entity, field.field, *field.before), 40) + " → ";
        out += field.after ? cut_utf8(audit_value_words(ctx, entry.entity, field.field, *field.after), 40)
                           : std::string(dt(ctx, DeskText::audit_absent));
    }
    return cut_utf8(out, max_bytes);
}

void draw_desk_audit(Context& ctx) {
    heading(ctx, dt(ctx, DeskText::audit_title));
    if (!ctx.signed_in() || read_audit_forbidden(ctx.state.session->role)) {
        label(ctx, dt(ctx, DeskText::audit_secretariat_only), colors::accent);
        return;
    }
    muted(ctx, dt(ctx, DeskText::audit_explain));
    const sync::AuditView& view = ctx.state.audit;
    AuditScreenState& s = ctx.screens.audit;
    // The newest page, once per signed-in account, when nothing was asked yet.
    if (view.status == sync::AuditView::Status::none && s.requested_for != ctx.state.session->id) {
        s.requested_for = ctx.state.session->id;
        ask(ctx, AuditQuery{});
    }

    filters(ctx);

    switch (view.status) {
        case sync::AuditView::Status::none: break;
        case sync::AuditView::Status::loading: muted(ctx, dt(ctx, DeskText::audit_loading)); break;
        case sync::AuditView::Status::failed:
            label(ctx, dtf(ctx, DeskText::audit_failed, (ctx.language == Language::zh ? view.error_zh : view.error_en).c_str()),
                  colors::accent);
            break;
        case sync::AuditView::Status::loaded:
            if (view.page.entries.empty()) {
                muted(ctx, dt(ctx, DeskText::audit_empty));
            } else {
                const auto first = static_cast<long long>(view.page.offset) + 1;
                const auto last = static_cast<long long>(view.page.offset) + static_cast<long long>(view.page.entries.size());
                muted(ctx, dtf(ctx, DeskText::audit_count, static_cast<long long>(view.page.total), first, last));
            }
            break;
    }
    if (view.page.entries.empty()) return;

    if (s.opened != 0) {
        for (const AuditEntry& entry : view.page.entries) {
            if (entry.seq == s.opened) detail(ctx, entry);
        }
    }
    pager(ctx, view);
    table(ctx, view.page);
}

}  // namespace liaoxiu::ui
