// The look: light, calm, large touch targets; one accent colour (union red).
#pragma once

#include <imgui.h>

namespace liaoxiu::ui {

namespace colors {
inline constexpr ImU32 accent = IM_COL32(196, 30, 58, 255);
inline constexpr ImU32 text = IM_COL32(28, 30, 34, 255);
inline constexpr ImU32 muted = IM_COL32(104, 110, 120, 255);
inline constexpr ImU32 card = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 card_border = IM_COL32(226, 229, 234, 255);
inline constexpr ImU32 tag_background = IM_COL32(253, 236, 238, 255);
}  // namespace colors

// Applies the style to the current ImGui context. Sizes are CSS pixels.
void apply_style();

}  // namespace liaoxiu::ui
