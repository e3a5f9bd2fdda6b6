// 成员单位信息: admit a member (#/desk/member/new) or edit one (#/desk/member/<id>) with a form
// that runs the core's validate_member before anything is sent and shows every problem at its
// field; suspend, reinstate or remove it with a reason (a modal), and on a suspension show at
// once which routes and group trips it touches and what to do about each.
#include "core/dates.hpp"
#include "core/rules.hpp"
#include "ui/desk/desk.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <charconv>

#include <imgui_internal.h>

namespace liaoxiu::ui {

namespace {

constexpr const char* kNew = "new";

void load(Context& ctx, MemberForm& form, const Id& id, const Member* member) {
    form = MemberForm{};
    form.loaded = id;
    if (member) {
        form.draft = *member;
    } else {
        form.draft.alliance = ctx.state.catalogue.alliances.empty() ? Id() : ctx.state.catalogue.alliances.front().id;
        form.draft.admitted = day_of(ctx.services.now());
        form.draft.services.push_back(Service{});
    }
    form.admitted = format_day(form.draft.admitted);
    for (const Service& s : form.draft.services) form.prices.push_back(member ? yuan_field_text(s.price) : std::string());
}

// The form as a Member, with the problems of what could not be read (a price, a date) and
// then every problem the core's rule finds.
Member read_form(MemberForm& form, Context& ctx) {
    Member m = form.draft;
    std::vector<DomainError> local;
    if (auto day = parse_day(form.admitted)) {
        m.admitted = *day;
    } else {
        local.push_back(DomainError{"bad_value", dt(ctx, DeskText::bad_date), dt(ctx, DeskText::bad_date), "admitted"});
    }
    for (std::size_t i = 0; i < m.services.size(); ++i) {
        const std::string& typed = i < form.prices.size() ? form.prices[i] : std::string();
        if (auto fen = parse_yuan(typed)) {
            m.services[i].price = *fen;
        } else {
            local.push_back(DomainError{"bad_value", desk_text(DeskText::bad_price, Language::zh),
                                        desk_text(DeskText::bad_price, Language::en), "services[" + std::to_string(i) + "].price"});
        }
    }
    form.problems = validate_member(m);
    form.problems.insert(form.problems.end(), local.begin(), local.end());
    return m;
}

// The problems at `path`, under its field.
void problems_at(Context& ctx, const MemberForm& form, const std::string& path) {
    if (!form.checked) return;
    for (const DomainError& e : form.problems)
        if (e.path == path) label(ctx, ctx.language == Language::zh ? e.message_zh : e.message_en, colors::accent);
}

void field(Context& ctx, MemberForm& form, DeskText words, const char* id, std::string* value, const char* path) {
    input_text(ctx, dt(ctx, words), id, value);
    problems_at(ctx, form, path);
}

void draw_form(Context& ctx, MemberForm& form, bool is_new) {
    Member& m = form.draft;
    if (is_new) {
        field(ctx, form, DeskText::field_id, "##id", &m.id, "id");
        muted(ctx, dt(ctx, DeskText::field_alliance));
        ImGui::PushID("alliance");
        chip_row_start();
        for (const Alliance& a : ctx.state.catalogue.alliances)
            if (chip(ctx, a.name.c_str(), m.alliance == a.id)) m.alliance = a.id;
        ImGui::PopID();
        problems_at(ctx, form, "alliance");
    }
    muted(ctx, dt(ctx, DeskText::field_category));
    ImGui::PushID("category");
    chip_row_start();
    for (Category c : {Category::reception, Category::experience, Category::wellness, Category::support})
        if (chip(ctx, desk_category_name(ctx, c), m.category == c)) m.category = c;
    ImGui::PopID();
    field(ctx, form, DeskText::field_name, "##name", &m.name, "name");
    field(ctx, form, DeskText::field_city, "##city", &m.city, "city");
    field(ctx, form, DeskText::field_county, "##county", &m.county, "county");
    // On a wide screen the rest stands in a second column.
    if (ImGui::GetCurrentTable()) ImGui::TableNextColumn();
    field(ctx, form, DeskText::field_address, "##address", &m.address, "address");
    field(ctx, form, DeskText::field_phone, "##phone", &m.phone, "phone");
    field(ctx, form, DeskText::field_admitted, "##admitted", &form.admitted, "admitted");

    section(ctx, dt(ctx, DeskText::services));
    problems_at(ctx, form, "services");
    form.prices.resize(m.services.size());
    std::optional<std::size_t> removed;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float remove_width = ImGui::CalcTextSize(dt(ctx, DeskText::remove_service)).x + 24;
    const float width = (ImGui::GetContentRegionAvail().x - remove_width - gap * 3) / 3;
    for (std::size_t i = 0; i < m.services.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string at = "services[" + std::to_string(i) + "]";
        text_field(ctx, dt(ctx, DeskText::service_name), "##service_name", &m.services[i].name, width, 0,
                   dt(ctx, DeskText::service_name));
        ImGui::SameLine();
        text_field(ctx, dt(ctx, DeskText::service_price), "##service_price", &form.prices[i], width,
                   ImGuiInputTextFlags_CharsDecimal, dt(ctx, DeskText::service_price), FieldKind::decimal);
        ImGui::SameLine();
        text_field(ctx, dt(ctx, DeskText::service_unit), "##service_unit", &m.services[i].unit, width, 0,
                   dt(ctx, DeskText::service_unit));
        ImGui::SameLine();
        if (secondary_button(ctx, dt(ctx, DeskText::remove_service), remove_width)) removed = i;
        problems_at(ctx, form, at + ".name");
        problems_at(ctx, form, at + ".price");
        problems_at(ctx, form, at + ".unit");
        ImGui::PopID();
    }
    if (removed) {
        m.services.erase(m.services.begin() + static_cast<std::ptrdiff_t>(*removed));
        form.prices.erase(form.prices.begin() + static_cast<std::ptrdiff_t>(*removed));
    }
    if (secondary_button(ctx, dt(ctx, DeskText::add_service))) {
        m.services.push_back(Service{});
        form.prices.emplace_back();
    }
}

// The member's status and what can be done to it, on the row of the form's button.
void draw_status(Context& ctx, const Member& member, DeskState& desk) {
    std::string status = std::string(dt(ctx, DeskText::status_title)) + "：" + member_status_name(ctx, member.status);
    if (member.status_since) status += " · " + dtf(ctx, DeskText::status_since, format_day(*member.status_since).c_str());
    ImGui::SameLine(0, 24);
    inline_caption(ctx, status.c_str());
    ImGui::SameLine();
    auto ask = [&](MemberStatus to) {
        desk.status_dialog.emplace();
        desk.status_dialog->member = member.id;
        desk.status_dialog->to = to;
    };
    const bool sending = ctx.state.member_write && ctx.state.member_write->stage == sync::MemberWrite::Stage::sending;
    if (sending) {
        inline_caption(ctx, dt(ctx, DeskText::sending));
    } else if (member.status == MemberStatus::active) {
        if (secondary_button(ctx, dt(ctx, DeskText::suspend))) ask(MemberStatus::suspended);
        ImGui::SameLine();
        if (secondary_button(ctx, dt(ctx, DeskText::remove))) ask(MemberStatus::exited);
    } else if (member.status == MemberStatus::suspended) {
        if (secondary_button(ctx, dt(ctx, DeskText::reinstate))) ask(MemberStatus::active);
        ImGui::SameLine();
        if (secondary_button(ctx, dt(ctx, DeskText::remove))) ask(MemberStatus::exited);
    } else {
        ImGui::NewLine();
    }
}

void draw_status_dialog(Context& ctx, DeskState& desk) {
    auto& dialog = desk.status_dialog;
    if (!dialog) return;
    const DeskText title_words = dialog->to == MemberStatus::suspended ? DeskText::confirm_suspend
                                 : dialog->to == MemberStatus::active  ? DeskText::confirm_reinstate
                                                                       : DeskText::confirm_remove;
    const std::string title = std::string(dt(ctx, title_words)) + "###member_status";
    ctx.glyphs.want(title);
    if (!dialog->opened) {
        ImGui::OpenPopup("###member_status");
        dialog->opened = true;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x - 32, 480.0f), 0));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        return;
    }
    ctx.items.note_dialog(title);
    const Member* member = ctx.view.member(dialog->member);
    if (member) label(ctx, member->name);
    const bool needs_reason = dialog->to != MemberStatus::active;
    if (needs_reason) {
        input_text(ctx, dt(ctx, DeskText::reason), "##status_reason", &dialog->reason, 0, dt(ctx, DeskText::reason_hint));
        if (dialog->reason_missing) label(ctx, dt(ctx, DeskText::reason_missing), colors::accent);
        // What it will touch, before it is confirmed.
        const SuspensionImpact impact = suspension_impact(ctx.state.catalogue, dialog->member);
        muted(ctx, dtf(ctx, DeskText::impact_routes, static_cast<int>(impact.routes.size())));
        if (!impact.groups.empty()) muted(ctx, dtf(ctx, DeskText::impact_groups, static_cast<int>(impact.groups.size())));
    }
    ImGui::Dummy(ImVec2(0, 4));
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    bool close = secondary_button(ctx, dt(ctx, DeskText::cancel), half);
    ImGui::SameLine();
    if (button(ctx, dt(ctx, DeskText::confirm), half)) {
        dialog->reason_missing = needs_reason && !reason_given(dialog->reason);
        if (!dialog->reason_missing) {
            ctx.desk_intents->change_member_status(dialog->member, dialog->to, needs_reason ? dialog->reason : std::string());
            if (needs_reason) desk.impact_member = dialog->member;  // shown at once, below the status
            close = true;
        }
    }
    if (close) {
        dialog.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_desk_member(Context& ctx) {
    DeskState& desk = desk_state(ctx);
    MemberForm& form = desk.form;
    const Id& id = ctx.nav.current().id;
    const bool is_new = id == kNew;
    const Member* member = is_new ? nullptr : ctx.view.member(id);
    if (!is_new && !member) {
        heading(ctx, dt(ctx, DeskText::member_unknown));
        return;
    }
    if (form.loaded != id) load(ctx, form, id, member);

    // The endpoint's answer to this form.
    const auto& write = ctx.state.member_write;
    if (form.sent && write && write->member == form.draft.id && write->stage != sync::MemberWrite::Stage::sending) {
        form.sent = false;
        if (write->stage == sync::MemberWrite::Stage::done) {
            if (is_new) {
                ctx.nav.go_in_place({Screen::desk_member, form.draft.id});
            } else if (member) {
                load(ctx, form, id, member);
            }
        } else {
            form.problems = write->problems;
            form.checked = true;
        }
    }

    heading(ctx, is_new ? dt(ctx, DeskText::new_member) : (member->name + " · " + dt(ctx, DeskText::edit_member)));
    // The actions first: on an office screen the whole form is in view below them.
    if (form.sent) {
        inline_caption(ctx, dt(ctx, DeskText::sending));
    } else if (button(ctx, dt(ctx, is_new ? DeskText::admit : DeskText::save))) {
        const Member filled = read_form(form, ctx);
        form.checked = true;
        if (!has_errors(form.problems)) {
            form.sent = true;
            if (is_new) {
                ctx.desk_intents->admit_member(filled);
            } else {
                ctx.desk_intents->update_member(filled);
            }
        }
    }
    if (member) draw_status(ctx, *member, desk);
    if (form.checked && has_errors(form.problems) && !form.sent) label(ctx, dt(ctx, DeskText::fix_fields), colors::accent);
    problems_at(ctx, form, "");  // a refusal that names no field (the endpoint's)
    if (member && (desk.impact_member == member->id || member->status != MemberStatus::active))
        draw_suspension_impact(ctx, member->id);
    ImGui::Separator();

    if (ctx.wide && ImGui::BeginTable("##member_form", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextColumn();
        draw_form(ctx, form, is_new);
        ImGui::EndTable();
    } else {
        draw_form(ctx, form, is_new);
    }
    draw_status_dialog(ctx, desk);
}

}  // namespace liaoxiu::ui
