#include "ui/style.hpp"

namespace liaoxiu::ui {

void apply_style() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(16, 16);
    style.FramePadding = ImVec2(12, 10);   // with 17 px text, buttons are ≥ 44 px tall
    style.ItemSpacing = ImVec2(10, 10);
    style.ScrollbarSize = 6;
    style.FrameRounding = 8;
    style.ChildRounding = 10;
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.TouchExtraPadding = ImVec2(4, 4);

    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.969f, 0.976f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(colors::muted);
    c[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(colors::accent);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.84f, 0.20f, 0.30f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.62f, 0.09f, 0.18f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.99f, 0.95f, 0.95f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.98f, 0.90f, 0.91f, 1.0f);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
}

}  // namespace liaoxiu::ui
