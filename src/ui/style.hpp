// The look: light, calm, large touch targets; one accent colour (union red). A
// high-contrast variant (black on white, thicker borders) for low vision and bright
// kiosk halls, and a larger scale for kiosks read from a step away.
#pragma once

#include <imgui.h>

namespace liaoxiu::ui {

// The palette the screens draw with. Set by apply_style(); read every frame, so a switch
// to high contrast takes effect on the next frame.
namespace colors {
inline ImU32 accent = IM_COL32(196, 30, 58, 255);
inline ImU32 text = IM_COL32(28, 30, 34, 255);
inline ImU32 muted = IM_COL32(104, 110, 120, 255);
inline ImU32 card = IM_COL32(255, 255, 255, 255);
inline ImU32 card_border = IM_COL32(226, 229, 234, 255);
inline ImU32 tag_background = IM_COL32(253, 236, 238, 255);
}  // namespace colors

// Outline thickness of cards, fields and secondary buttons (CSS px).
inline float border_width = 1.0f;

struct StyleOptions {
    bool high_contrast = false;
    float scale = 1.0f;   // paddings and spacings, matching a larger text size (kiosk)
};

// Applies the style to the current ImGui context and sets the palette. Sizes are CSS pixels.
void apply_style(const StyleOptions& options = {});

}  // namespace liaoxiu::ui
