#include "ui/desk/charts.hpp"

#include "ui/desk/desk.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace liaoxiu::ui::charts {
namespace {

constexpr std::array<ImU32, 8> kPalette{
    IM_COL32(196, 30, 58, 255),  IM_COL32(47, 111, 191, 255), IM_COL32(46, 139, 87, 255),
    IM_COL32(230, 145, 56, 255), IM_COL32(123, 77, 175, 255), IM_COL32(0, 150, 160, 255),
    IM_COL32(140, 98, 57, 255),  IM_COL32(120, 120, 120, 255),
};
constexpr ImU32 kGrid = IM_COL32(226, 229, 234, 255);
constexpr ImU32 kAxis = IM_COL32(104, 110, 120, 255);
constexpr ImU32 kHighlight = IM_COL32(28, 30, 34, 18);

float text_width(const std::string& text) { return ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size()).x; }

// A line of a tooltip, in the series' colour, noted for tests.
void tooltip_line(Context& ctx, const std::string& text, ImU32 color) {
    ctx.glyphs.want(text);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopStyleColor();
    ctx.items.note_text(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

}  // namespace

ImU32 series_color(std::size_t n) { return kPalette[n % kPalette.size()]; }

std::int64_t nice_step(std::int64_t max, int ticks) {
    if (max <= 0 || ticks <= 0) return 1;
    const double raw = static_cast<double>(max) / ticks;
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(m * power)));
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(10 * power)));
}

std::int64_t axis_top(const Chart& chart, int ticks) {
    std::int64_t max = 0;
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        std::int64_t sum = 0;
        for (const auto& s : chart.series) {
            const std::int64_t v = c < s.values.size() ? s.values[c] : 0;
            if (chart.kind == Kind::stacked) sum += std::max<std::int64_t>(0, v);
            else max = std::max(max, v);
        }
        max = std::max(max, sum);
    }
    if (max <= 0) return ticks;  // an empty chart still has an axis
    const std::int64_t step = nice_step(max, ticks);
    return (max + step - 1) / step * step;
}

Hover draw(Context& ctx, const char* id, const Chart& chart, ImVec2 size) {
    Hover hover;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();

    // The legend, flowing from the top left.
    float x = origin.x, y = origin.y;
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const std::string& name = chart.series[i].label;
        const float width = 16 + text_width(name) + 18;
        if (x + width > origin.x + size.x && x > origin.x) {
            x = origin.x;
            y += line + 4;
        }
        dl->AddRectFilled(ImVec2(x, y + line * 0.2f), ImVec2(x + 12, y + line * 0.8f), series_color(i), 2.0f);
        text_at(ctx, ImVec2(x + 16, y), colors::text, name);
        x += width;
    }
    const float legend_bottom = chart.series.empty() ? origin.y : y + line + 8;

    // The plot, with room for the value labels on the left and the categories below.
    const int ticks = 5;
    const std::int64_t top_value = axis_top(chart, ticks);
    const std::int64_t step = nice_step(top_value, ticks);
    const float left = origin.x + std::max(36.0f, text_width(std::to_string(top_value)) + 12);
    const float right = origin.x + size.x - 8;
    const float top = legend_bottom + line * 0.5f;
    const float bottom = origin.y + size.y - line - 10;

    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    if (right <= left + 10 || bottom <= top + 10) return hover;

    auto y_of = [&](std::int64_t v) {
        return bottom - static_cast<float>(static_cast<double>(v) / static_cast<double>(top_value)) * (bottom - top);
    };
    for (std::int64_t v = 0; v <= top_value; v += step) {
        const float gy = y_of(v);
        dl->AddLine(ImVec2(left, gy), ImVec2(right, gy), kGrid);
        const std::string number = std::to_string(v);
        text_at(ctx, ImVec2(left - 6 - text_width(number), gy - line / 2), colors::muted, number);
    }
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), kAxis);
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), kAxis);

    const std::size_t n = chart.categories.size();
    if (n == 0) return hover;
    const float slot = (right - left) / static_cast<float>(n);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && mouse.x >= left && mouse.x < right && mouse.y >= top && mouse.y <= bottom)
        hover.category = std::min(static_cast<int>((mouse.x - left) / slot), static_cast<int>(n) - 1);
    if (hover.category >= 0)
        dl->AddRectFilled(ImVec2(left + slot * hover.category, top), ImVec2(left + slot * (hover.category + 1), bottom), kHighlight);

    const std::size_t count = chart.series.size();
    auto value = [&](std::size_t s, std::size_t c) {
        const auto& values = chart.series[s].values;
        return c < values.size() ? std::max<std::int64_t>(0, values[c]) : 0;
    };
    for (std::size_t c = 0; c < n; ++c) {
        const float center = left + slot * (static_cast<float>(c) + 0.5f);
        if (chart.kind == Kind::bar && count > 0) {
            const float group = slot * 0.78f;
            const float bar = group / static_cast<float>(count);
            for (std::size_t s = 0; s < count; ++s) {
                const float bx = center - group / 2 + bar * static_cast<float>(s);
                dl->AddRectFilled(ImVec2(bx + 1, y_of(value(s, c))), ImVec2(bx + bar - 1, bottom), series_color(s));
            }
        } else if (chart.kind == Kind::stacked) {
            const float half = slot * 0.3f;
            std::int64_t base = 0;
            for (std::size_t s = 0; s < count; ++s) {
                const std::int64_t v = value(s, c);
                if (v > 0)
                    dl->AddRectFilled(ImVec2(center - half, y_of(base + v)), ImVec2(center + half, y_of(base)), series_color(s));
                base += v;
            }
        }
    }
    if (chart.kind == Kind::line) {
        std::vector<ImVec2> points(n);
        for (std::size_t s = 0; s < count; ++s) {
            for (std::size_t c = 0; c < n; ++c)
                points[c] = ImVec2(left + slot * (static_cast<float>(c) + 0.5f), y_of(value(s, c)));
            dl->AddPolyline(points.data(), static_cast<int>(n), series_color(s), ImDrawFlags_None, 2.0f);
            for (std::size_t c = 0; c < n; ++c)
                dl->AddCircleFilled(points[c], static_cast<int>(c) == hover.category ? 5.0f : 3.0f, series_color(s));
        }
    }

    // Category labels: as many as fit side by side, evenly spaced.
    float widest = 0;
    for (const auto& c : chart.categories) widest = std::max(widest, text_width(c));
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((std::min(widest, 140.0f) + 12) / slot)));
    for (std::size_t c = 0; c < n; c += every) {
        const std::string& name = chart.categories[c];
        const float room = slot * static_cast<float>(every) - 6;
        const float width = std::min(text_width(name), room);
        const float cx = left + slot * (static_cast<float>(c) + 0.5f);
        text_fit_at(ctx, ImVec2(cx - width / 2, bottom + 4), cx - width / 2 + room, colors::text, name);
    }

    if (hover.category >= 0) {
        const std::size_t c = static_cast<std::size_t>(hover.category);
        ImGui::BeginTooltip();
        tooltip_line(ctx, chart.categories[c], colors::text);
        for (std::size_t s = 0; s < count; ++s) {
            const auto& values = chart.series[s].values;
            const long long v = c < values.size() ? values[c] : 0;
            tooltip_line(ctx, dtf(ctx, DeskText::stats_value, chart.series[s].label.c_str(), v), series_color(s));
        }
        ImGui::EndTooltip();
    }
    return hover;
}

}  // namespace liaoxiu::ui::charts
