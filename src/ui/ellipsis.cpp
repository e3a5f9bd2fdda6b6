#include "ui/ellipsis.hpp"

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace liaoxiu::ui {

namespace {

// ImGui's own measure (ImFont::CalcTextSizeA) of one line.
float line_width(const ImFont& font, float size, std::string_view text) {
    return font.CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

}  // namespace

std::string fit_with_ellipsis(const ImFont& font, float size, std::string_view text, float max_width) {
    if (line_width(font, size, text) <= max_width) return std::string(text);
    const float ellipsis_width = line_width(font, size, kEllipsis);
    if (ellipsis_width > max_width) return {};

    // Walk whole characters while they and the "…" still fit.
    const float scale = size / font.FontSize;
    const float room = max_width - ellipsis_width;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* cut = begin;
    float width = 0.0f;
    while (cut < end) {
        unsigned int c = 0;
        const int length = ImTextCharFromUtf8(&c, cut, end);
        if (length <= 0) break;
        const float advance = c == '\r' ? 0.0f : font.GetCharAdvance(static_cast<ImWchar>(c)) * scale;
        if (c == '\n' || width + advance > room) break;
        width += advance;
        cut += length;
    }
    while (cut > begin && cut[-1] == ' ') --cut;
    std::string out(begin, cut);
    out += kEllipsis;
    return out;
}

}  // namespace liaoxiu::ui
