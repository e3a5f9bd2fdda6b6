#include "ui/style.hpp"

namespace liaoxiu::ui {

namespace {

void set_palette(bool high_contrast) {
    if (high_contrast) {
        // Every pair of text and background here is at least 7:1 (WCAG AAA).
        colors::accent = IM_COL32(150, 0, 20, 255);
        colors::text = IM_COL32(0, 0, 0, 255);
        colors::muted = IM_COL32(0, 0, 0, 255);
        colors::card = IM_COL32(255, 255, 255, 255);
        colors::card_border = IM_COL32(0, 0, 0, 255);
        colors::tag_background = IM_COL32(255, 255, 255, 255);
        border_width = 2.0f;
    } else {
        colors::accent = IM_COL32(196, 30, 58, 255);
        colors::text = IM_COL32(28, 30, 34, 255);
        colors::muted = IM_COL32(104, 110, 120, 255);
        colors::card = IM_COL32(255, 255, 255, 255);
        colors::card_border = IM_COL32(226, 229, 234, 255);
        colors::tag_background = IM_COL32(253, 236, 238, 255);
        border_width = 1.0f;
    }
}

}  // namespace

void apply_style(const StyleOptions& options) {
    set_palette(options.high_contrast);
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();  // from scratch, so scaling never compounds
    ImGui::StyleColorsLight(&style);
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

    if (options.high_contrast) {
        const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), grey(0.25f, 0.25f, 0.25f, 1);
        c[ImGuiCol_WindowBg] = white;
        c[ImGuiCol_PopupBg] = white;
        c[ImGuiCol_Border] = black;
        c[ImGuiCol_FrameBg] = white;
        c[ImGuiCol_Button] = black;
        c[ImGuiCol_ButtonHovered] = grey;
        c[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(colors::accent);
        c[ImGuiCol_Header] = white;
        c[ImGuiCol_HeaderHovered] = ImVec4(0.9f, 0.9f, 0.9f, 1);
        c[ImGuiCol_HeaderActive] = ImVec4(0.8f, 0.8f, 0.8f, 1);
        c[ImGuiCol_ScrollbarGrab] = black;
        c[ImGuiCol_NavHighlight] = black;
        c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
        style.FrameBorderSize = 2;
        style.PopupBorderSize = 2;
        style.ScrollbarSize = 10;
    }
    if (options.scale != 1.0f) style.ScaleAllSizes(options.scale);
}

}  // namespace liaoxiu::ui
