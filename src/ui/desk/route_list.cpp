// #/desk/routes: every route the secretariat has, drafts and published, in one table with
// its state and how many problems the core's rules find in it; a click opens the designer.
#include "core/rules.hpp"
#include "ui/desk/designer.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

void cell(Context& ctx, const std::string& text, ImU32 color = colors::text) {
    ctx.glyphs.want(text);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ctx.items.note_text(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

}  // namespace

void draw_desk_routes(Context& ctx) {
    DesignerState& desk = designer_state(ctx);
    ask_for_drafts(ctx);
    heading(ctx, dz(ctx, DesignerText::routes_title));
    const std::vector<const Route*> all = desk_routes(ctx);
    const int drafts = static_cast<int>(std::count_if(all.begin(), all.end(), [](const Route* r) {
        return r->status == PublishStatus::draft;
    }));
    muted(ctx, dzf(ctx, DesignerText::routes_shown, static_cast<int>(all.size()), drafts));
    if (is_secretariat(ctx) && !ctx.state.drafts_loaded) muted(ctx, dz(ctx, DesignerText::drafts_loading));
    if (button(ctx, dz(ctx, DesignerText::new_route))) ctx.nav.go({Screen::desk_route, "new"});
    ImGui::SameLine();
    if (secondary_button(ctx, dz(ctx, DesignerText::seasons_title))) ctx.nav.go({Screen::desk_seasons, {}});

    chip_row_start();
    if (chip(ctx, dz(ctx, DesignerText::filter_all), !desk.list.status)) desk.list.status.reset();
    if (chip(ctx, dz(ctx, DesignerText::status_draft), desk.list.status == PublishStatus::draft))
        desk.list.status = PublishStatus::draft;
    if (chip(ctx, dz(ctx, DesignerText::status_published), desk.list.status == PublishStatus::published))
        desk.list.status = PublishStatus::published;

    std::vector<const Route*> shown;
    for (const Route* r : all)
        if (!desk.list.status || r->status == *desk.list.status) shown.push_back(r);

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##routes", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_title), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_status), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_themes), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_seasons), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_price), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_problems), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Route& r = *shown[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ctx.glyphs.want(r.title);
            const std::string row = (r.title.empty() ? r.id : r.title) + "##route" + r.id;
            if (ImGui::Selectable(row.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                ctx.nav.go({Screen::desk_route, r.id});
            ImGui::TableNextColumn();
            cell(ctx, publish_status_name(ctx, r.status), r.status == PublishStatus::draft ? colors::accent : colors::text);
            ImGui::TableNextColumn();
            std::string themes;
            for (const auto& t : r.themes) themes += (themes.empty() ? "" : "、") + t;
            cell(ctx, themes);
            ImGui::TableNextColumn();
            std::string seasons;
            for (Season s : r.seasons) seasons += season_name(ctx, s);
            cell(ctx, seasons);
            ImGui::TableNextColumn();
            cell(ctx, "¥" + format_yuan(r.price - r.subsidy));
            ImGui::TableNextColumn();
            // Only the visible rows are checked: a few routes per frame, a few stops each.
            const auto problems = validate_route(r, ctx.state.catalogue);
            const int errors = static_cast<int>(std::count_if(problems.begin(), problems.end(), [](const DomainError& p) {
                return p.severity == Severity::error;
            }));
            if (errors > 0) cell(ctx, dzf(ctx, DesignerText::problems_count, errors), colors::accent);
            else cell(ctx, dz(ctx, DesignerText::no_problem), colors::muted);
        }
    }
    ImGui::EndTable();
}

}  // namespace liaoxiu::ui
