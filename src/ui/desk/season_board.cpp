// #/desk/seasons: the quarterly route-design meeting's board. Rows are the four seasons,
// columns the themes in use (most used first); each cell counts the routes of that season
// and theme (drafts included, marked) and lists them, each opening in the designer. An
// empty cell is drawn as a gap, so the meeting sees at once what is missing.
#include "ui/desk/designer.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <unordered_map>

namespace liaoxiu::ui {

namespace {

constexpr Season kSeasons[] = {Season::spring, Season::summer, Season::autumn, Season::winter};
constexpr std::size_t kListedPerCell = 6;  // more are counted, not listed (a 10k catalogue has hundreds per cell)

void build_board(Context& ctx, SeasonBoard& board) {
    board.revision = ctx.state.revision;
    board.routes = desk_routes(ctx);
    board.themes = ctx.view.themes();
    std::unordered_map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < board.themes.size(); ++i) column.emplace(board.themes[i], i);
    for (const Route* r : board.routes)
        for (const auto& t : r->themes)
            if (column.emplace(t, board.themes.size()).second) board.themes.push_back(t);
    const std::size_t width = board.themes.size();
    board.cells.assign(4 * width, {});
    for (std::uint32_t i = 0; i < board.routes.size(); ++i) {
        const Route& r = *board.routes[i];
        for (Season s : r.seasons)
            for (const auto& t : r.themes) board.cells[static_cast<std::size_t>(s) * width + column.at(t)].push_back(i);
    }
    board.gaps = static_cast<int>(std::count_if(board.cells.begin(), board.cells.end(), [](const auto& c) { return c.empty(); }));
}

}  // namespace

void draw_desk_seasons(Context& ctx) {
    ask_for_drafts(ctx);
    SeasonBoard& board = designer_state(ctx).board;
    if (board.revision != ctx.state.revision) build_board(ctx, board);
    heading(ctx, dz(ctx, DesignerText::seasons_title));
    muted(ctx, dz(ctx, DesignerText::seasons_hint));
    label(ctx, dzf(ctx, DesignerText::gaps_count, board.gaps), board.gaps > 0 ? colors::accent : colors::text);
    if (board.themes.empty()) return;

    const std::size_t width = board.themes.size();
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##seasons", static_cast<int>(width) + 1, flags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
        return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(dz(ctx, DesignerText::col_season), ImGuiTableColumnFlags_WidthFixed, 60);
    for (const auto& t : board.themes) {
        ctx.glyphs.want(t);
        ImGui::TableSetupColumn(t.c_str(), ImGuiTableColumnFlags_WidthFixed, 210);
    }
    ImGui::TableHeadersRow();
    for (Season s : kSeasons) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        label(ctx, season_name(ctx, s), colors::accent);
        for (std::size_t c = 0; c < width; ++c) {
            ImGui::TableNextColumn();
            const auto& cell = board.cells[static_cast<std::size_t>(s) * width + c];
            if (cell.empty()) {
                // A gap: shaded and named, so nobody takes it for a cell not yet drawn.
                ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, colors::tag_background);
                label(ctx, dz(ctx, DesignerText::gap), colors::accent);
                continue;
            }
            ImGui::PushID(static_cast<int>(static_cast<std::size_t>(s) * width + c));
            muted(ctx, dzf(ctx, DesignerText::route_count, static_cast<int>(cell.size())));
            for (std::size_t k = 0; k < cell.size() && k < kListedPerCell; ++k) {
                const Route& r = *board.routes[cell[k]];
                std::string title = r.title.empty() ? r.id : r.title;
                if (r.status == PublishStatus::draft) title += "（" + std::string(dz(ctx, DesignerText::status_draft)) + "）";
                ctx.glyphs.want(title);
                const std::string item = title + "##" + r.id;
                if (ImGui::SmallButton(item.c_str())) ctx.nav.go({Screen::desk_route, r.id});
            }
            if (cell.size() > kListedPerCell) muted(ctx, "…");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace liaoxiu::ui
