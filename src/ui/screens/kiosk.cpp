// Kiosk mode's countdown: after a while without input, a card over everything says the
// screen is about to go back home and forget what was done; any touch keeps it.
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

void draw_idle_countdown(Context& ctx, int seconds_left) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    // A window over the whole screen, so a touch meant to keep going never reaches what is below.
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 150));
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();

    const float width = std::min(viewport->WorkSize.x - 64, ImGui::GetFontSize() * 24);
    const float padding = ImGui::GetStyle().WindowPadding.x * 1.5f;
    const ImVec2 centre = viewport->GetCenter();
    ImGui::SetCursorScreenPos(ImVec2(centre.x - width / 2 + padding, centre.y - ImGui::GetFontSize() * 5));
    const ImVec2 card_min(centre.x - width / 2, centre.y - ImGui::GetFontSize() * 5 - padding);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - padding * 2);
    heading(ctx, ctx.f(Text::idle_countdown, seconds_left));
    muted(ctx, ctx.t(Text::idle_explain));
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 4));
    // Any input keeps the session (the app watches for it); the button says so plainly.
    button(ctx, ctx.t(Text::keep_using), width - padding * 2);
    ImGui::EndGroup();
    const ImVec2 card_max(centre.x + width / 2, ImGui::GetItemRectMax().y + padding);
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(card_min, card_max, colors::card, 14.0f);
    draw->AddRect(card_min, card_max, colors::card_border, 14.0f, 0, border_width);
    draw->ChannelsMerge();
    ImGui::End();
}

}  // namespace liaoxiu::ui
