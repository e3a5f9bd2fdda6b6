// #/desk/policies: every policy article, drafts and published; #/desk/policy/<id> (`new`
// for a new one): write it with a live preview (the worker's own policy screen at phone
// width), link it to routes (a searchable picker), save, publish and unpublish.
#include "core/dates.hpp"
#include "core/rules.hpp"
#include "ui/desk/designer.hpp"
#include "ui/desk/desk.hpp"  // cell()
#include "ui/widgets.hpp"

#include <imgui_internal.h>  // GetItemID
#include <imgui_stdlib.h>

#include <algorithm>

namespace liaoxiu::ui {

namespace {

constexpr float kPhoneWidth = 390.0f;
constexpr float kFormMinWidth = 480.0f;
constexpr std::size_t kRouteMatches = 8;  // routes offered for linking at once

std::vector<const Policy*> desk_policies(const Context& ctx) {
    std::vector<const Policy*> out;
    for (const Policy& p : ctx.state.draft_policies) out.push_back(&p);
    for (const Policy& p : ctx.state.catalogue.policies) {
        const bool also_draft = std::any_of(ctx.state.draft_policies.begin(), ctx.state.draft_policies.end(),
                                            [&](const Policy& d) { return d.id == p.id; });
        if (!also_draft) out.push_back(&p);
    }
    std::stable_sort(out.begin(), out.end(), [](const Policy* a, const Policy* b) { return a->date > b->date; });
    return out;
}

void load_form(Context& ctx, PolicyForm& form, const Id& id) {
    form = PolicyForm{};
    form.loaded = id;
    form.loaded_revision = ctx.state.revision;
    if (id == "new") {
        form.policy.status = PublishStatus::draft;
        form.policy.date = day_of(ctx.services.now());
        if (!ctx.state.catalogue.alliances.empty()) form.policy.issuer = ctx.state.catalogue.alliances.front().name;
    } else if (const Policy* found = desk_policy(ctx, id)) {
        form.policy = *found;
    }
    form.date = format_day(form.policy.date);
}

void draw_policy_preview(Context& ctx, const void* policy) { draw_policy(ctx, *static_cast<const Policy*>(policy)); }

void draw_links(Context& ctx, PolicyForm& form, const std::vector<DomainError>& problems) {
    Policy& p = form.policy;
    section(ctx, dz(ctx, DesignerText::linked_routes));
    if (p.routes.empty()) muted(ctx, dz(ctx, DesignerText::no_links));
    std::optional<std::size_t> unlink;
    for (std::size_t i = 0; i < p.routes.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const Route* r = desk_route(ctx, p.routes[i]);
        if (secondary_button(ctx, dz(ctx, DesignerText::unlink))) unlink = i;
        ImGui::SameLine();
        label(ctx, r ? r->title : p.routes[i]);
        problems_at(ctx, problems, "routes[" + std::to_string(i) + "]");
        ImGui::PopID();
    }
    if (unlink) {
        p.routes.erase(p.routes.begin() + static_cast<std::ptrdiff_t>(*unlink));
        form.dirty = true;
    }
    text_field(ctx, dz(ctx, DesignerText::search_routes), "##route_query", &form.route_query, -FLT_MIN, 0,
               dz(ctx, DesignerText::search_routes_hint), FieldKind::search);
    if (form.route_query.empty()) return;
    // Published routes through the catalogue's own search (pinyin, initials); drafts by their title.
    std::vector<const Route*> matches;
    if (const SearchIndex* index = ctx.view.index()) {
        SearchQuery query;
        query.text = form.route_query;
        for (const SearchHit& hit : index->search(query)) {
            if (matches.size() >= kRouteMatches) break;
            matches.push_back(&ctx.state.catalogue.routes[hit.route]);
        }
    }
    for (const Route& r : ctx.state.draft_routes)
        if (matches.size() < kRouteMatches && r.title.find(form.route_query) != std::string::npos) matches.push_back(&r);
    for (const Route* r : matches) {
        if (std::find(p.routes.begin(), p.routes.end(), r->id) != p.routes.end()) continue;
        ImGui::PushID(r->id.c_str());
        if (button(ctx, dz(ctx, DesignerText::link_route))) {
            p.routes.push_back(r->id);
            form.dirty = true;
        }
        ImGui::SameLine();
        label(ctx, r->title);
        ImGui::PopID();
    }
}

void draw_form(Context& ctx, PolicyForm& form, const std::vector<DomainError>& problems) {
    Policy& p = form.policy;
    if (input_text(ctx, dz(ctx, DesignerText::field_policy_title), "##policy_title", &p.title)) form.dirty = true;
    problems_at(ctx, problems, "title");
    if (input_text(ctx, dz(ctx, DesignerText::field_issuer), "##issuer", &p.issuer)) form.dirty = true;
    if (input_date(ctx, dz(ctx, DesignerText::field_date), "##date", &form.date)) form.dirty = true;
    problems_at(ctx, problems, "date");
    muted(ctx, dz(ctx, DesignerText::field_body));
    if (ImGui::InputTextMultiline("##body", &p.body, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 10)))
        form.dirty = true;
    ctx.items.on_item_info(ImGui::GetItemID(), dz(ctx, DesignerText::field_body));
    ctx.items.mark_text_field(FieldKind::text, p.body);
    ctx.glyphs.want(p.body);
    problems_at(ctx, problems, "body");
    draw_links(ctx, form, problems);
}

void draw_actions(Context& ctx, PolicyForm& form, const std::vector<DomainError>& problems) {
    Policy& p = form.policy;
    const bool is_new = form.loaded == "new";
    const bool errors = has_errors(problems);
    label(ctx, dzf(ctx, DesignerText::state_line, publish_status_name(ctx, p.status)));
    if (form.tried_publish && errors) label(ctx, dz(ctx, DesignerText::fix_first), colors::accent);
    auto save = [&] {
        if (is_new) {
            p.id = new_desk_id(ctx, "p-");
            form.loaded = p.id;
            ctx.nav.go_in_place({Screen::desk_policy, p.id});
        }
        ctx.desk_intents->save_policy(p);
        form.dirty = false;
    };
    const bool published = p.status == PublishStatus::published;
    // A published article must stay complete; a draft may be saved unfinished.
    if (button(ctx, dz(ctx, published ? DesignerText::save_changes : DesignerText::save_draft))) {
        if (!published || !errors) save();
        else form.tried_publish = true;
    }
    ImGui::SameLine();
    if (!published) {
        if (button(ctx, dz(ctx, DesignerText::publish))) {
            form.tried_publish = true;
            if (!errors) {
                if (is_new || form.dirty) save();
                ctx.desk_intents->publish_policy(p.id);
                form.tried_publish = false;
            }
        }
    } else if (secondary_button(ctx, dz(ctx, DesignerText::unpublish))) {
        ctx.desk_intents->unpublish_policy(p.id);
    }
    ImGui::Separator();
}

}  // namespace

void draw_desk_policies(Context& ctx) {
    ask_for_drafts(ctx);
    heading(ctx, dz(ctx, DesignerText::policies_title));
    if (button(ctx, dz(ctx, DesignerText::new_policy))) ctx.nav.go({Screen::desk_policy, "new"});
    const std::vector<const Policy*> policies = desk_policies(ctx);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##policies", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_policy), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_status), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_issuer), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_date), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_links), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    for (const Policy* p : policies) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ctx.glyphs.want(p->title);
        const std::string row = (p->title.empty() ? p->id : p->title) + "##policy" + p->id;
        if (ImGui::Selectable(row.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
            ctx.nav.go({Screen::desk_policy, p->id});
        ImGui::TableNextColumn();
        cell(ctx, publish_status_name(ctx, p->status), p->status == PublishStatus::draft ? colors::accent : colors::text);
        ImGui::TableNextColumn();
        cell(ctx, p->issuer);
        ImGui::TableNextColumn();
        cell(ctx, format_day(p->date));
        ImGui::TableNextColumn();
        cell(ctx, std::to_string(p->routes.size()));
    }
    ImGui::EndTable();
}

void draw_desk_policy(Context& ctx) {
    PolicyForm& form = designer_state(ctx).policy;
    const Id& id = ctx.nav.current().id;
    ask_for_drafts(ctx);
    if (form.loaded != id) load_form(ctx, form, id);
    if (id != "new" && form.policy.id.empty()) {
        if (desk_policy(ctx, id)) {
            load_form(ctx, form, id);
        } else {
            heading(ctx, dz(ctx, DesignerText::policy_unknown));
            muted(ctx, id);
            return;
        }
    }
    if (const Policy* stored = id == "new" ? nullptr : desk_policy(ctx, id)) form.policy.status = stored->status;

    std::vector<DomainError> problems;
    if (auto day = parse_day(form.date)) form.policy.date = *day;
    else problems.push_back(DomainError{"bad_value", dz(ctx, DesignerText::bad_date), dz(ctx, DesignerText::bad_date), "date"});
    // Links to routes this desk knows (drafts too): the same rule the endpoint applies.
    std::vector<Id> known;
    for (const Id& route : form.policy.routes)
        if (desk_route(ctx, route)) known.push_back(route);
    for (DomainError& p : validate_policy(form.policy, known))
        if (p.code != "missing_id") problems.push_back(std::move(p));  // a new article gets its id when saved

    heading(ctx, form.loaded == "new" ? dz(ctx, DesignerText::compose_policy) : dz(ctx, DesignerText::edit_policy));
    draw_actions(ctx, form, problems);  // above the form, always in reach
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail >= kPhoneWidth + kFormMinWidth;
    const float height = ImGui::GetContentRegionAvail().y;
    if (side_by_side)
        ImGui::BeginChild("##policy_form", ImVec2(avail - kPhoneWidth - ImGui::GetStyle().ItemSpacing.x, height), false);
    draw_form(ctx, form, problems);
    if (side_by_side) {
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginGroup();
        muted(ctx, dz(ctx, DesignerText::preview));
        phone_preview(ctx, "##policy_preview", kPhoneWidth, height - ImGui::GetTextLineHeightWithSpacing(),
                      draw_policy_preview, &form.policy);
        ImGui::EndGroup();
    } else {
        section(ctx, dz(ctx, DesignerText::preview));
        phone_preview(ctx, "##policy_preview", std::min(kPhoneWidth, avail), 600, draw_policy_preview, &form.policy);
    }
}

}  // namespace liaoxiu::ui
