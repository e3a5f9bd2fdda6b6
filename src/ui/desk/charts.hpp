// Charts for the desk's statistics (统计), drawn with ImGui's draw lists: bar (series side by
// side), stacked bar and line, with a value axis and its grid, category labels under the
// plot, a legend above it, and the exact values of the category under the pointer (or a
// finger's tap) in a tooltip. Integers only, as the endpoint counts them.
#pragma once

#include "ui/screen_context.hpp"

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

namespace liaoxiu::ui::charts {

enum class Kind { bar, stacked, line };

struct Series {
    std::string label;                 // the legend's and the tooltip's words ("已确认")
    std::vector<std::int64_t> values;  // one per category
};

struct Chart {
    Kind kind = Kind::bar;
    std::vector<std::string> categories;  // under the plot ("2026年9月")
    std::vector<Series> series;
};

// The category under the pointer (-1: none) after draw().
struct Hover {
    int category = -1;
};

// The n-th series' colour (a fixed palette, repeated).
ImU32 series_color(std::size_t n);
// A round step for about `ticks` grid lines up to `max` (1, 2 or 5 times a power of ten).
std::int64_t nice_step(std::int64_t max, int ticks);
// The top of the value axis: the largest value (stacked: the largest sum), rounded up to a step.
std::int64_t axis_top(const Chart& chart, int ticks);

// Draws `chart` at the cursor, `size` large; `id` makes its hit area unique in the window.
// The legend's labels, the categories and the tooltip's lines ("已确认：4") are noted for tests.
Hover draw(Context& ctx, const char* id, const Chart& chart, ImVec2 size);

}  // namespace liaoxiu::ui::charts
