// The secretariat's way into the desk: its navigation beside the worker's screens (where the
// desk is installed) and its entry on the me screen. The pages themselves are in src/ui/desk/.
#include "ui/widgets.hpp"

namespace liaoxiu::ui {

namespace {

constexpr float kDeskNavWidth = 168.0f;

Screen section_of(const Context& ctx, Screen screen) {
    for (const DeskPage& page : ctx.desk)
        if (page.screen == screen) return page.section;
    return Screen::not_found;
}

}  // namespace

void draw_desk_nav(Context& ctx, bool row, float height) {
    const Screen current = section_of(ctx, ctx.nav.current().screen);
    if (!row) {
        ImGui::BeginChild("##desk_nav", ImVec2(kDeskNavWidth, height), true);
        label(ctx, ctx.t(Text::desk_entry), colors::accent);
        ImGui::Separator();
    } else {
        chip_row_start();
    }
    ImGui::PushID("desk_nav");
    for (const DeskPage& page : ctx.desk) {
        if (page.section != page.screen) continue;  // a page inside a section, not an entry
        const char* words = ctx.language == Language::zh ? page.zh : page.en;
        const bool selected = page.screen == current;
        bool pressed = false;
        if (row) {
            pressed = chip(ctx, words, selected);
        } else {
            // Like a tab of the tab bar: the selected entry in the accent colour on a tinted ground.
            ctx.glyphs.want(words);
            ImGui::PushStyleColor(ImGuiCol_Button, selected ? colors::tag_background : colors::card);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::tag_background);
            ImGui::PushStyleColor(ImGuiCol_Text, selected ? colors::accent : colors::text);
            ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
            pressed = ImGui::Button(words, ImVec2(-FLT_MIN, kTouchTarget));
            ImGui::PopStyleVar();
            ImGui::PopStyleColor(3);
        }
        if (pressed && !(selected && ctx.nav.current().screen == page.screen)) ctx.nav.go({page.screen, {}});
    }
    ImGui::PopID();
    if (!row) {
        ImGui::EndChild();
    } else {
        ImGui::Separator();
    }
}

void draw_desk_entry(Context& ctx) {
    if (!ctx.secretariat()) return;
    section(ctx, ctx.t(Text::desk_entry));
    muted(ctx, ctx.t(Text::desk_entry_hint));
    if (!button(ctx, ctx.t(Text::desk_entry), -1)) return;
    if (!ctx.desk.empty()) {
        ctx.nav.go({ctx.desk.front().section, {}});
    } else {
        ctx.services.open_page("desk.html#/desk/members");  // the desk's own page: same origin, same session
    }
}

}  // namespace liaoxiu::ui
