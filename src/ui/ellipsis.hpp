// Text cut to a width with "…" where it was cut, for titles and names in rows and bars
// of a fixed width: a cut that just stops at the edge reads as a complete, shorter name.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

namespace liaoxiu::ui {

inline constexpr std::string_view kEllipsis = "\u2026";  // …

// `text` as drawn with `font` at `size` px when it fits in `max_width`; otherwise the
// longest run of whole characters from its start that fits with "…" after it (spaces
// before the "…" dropped). Empty when not even "…" fits. Measured the way ImGui draws:
// one advance per character, so a cut never splits a multi-byte UTF-8 character.
std::string fit_with_ellipsis(const ImFont& font, float size, std::string_view text, float max_width);

}  // namespace liaoxiu::ui
