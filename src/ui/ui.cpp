#include "ui/ui.hpp"

#include "ui/format.hpp"
#include "ui/style.hpp"

#include <imgui_internal.h>  // GetItemID

#include <cstdio>

namespace liaoxiu::ui {

namespace {

void want_catalogue_text(GlyphAtlas& glyphs, const Catalogue& catalogue) {
    for (const Alliance& a : catalogue.alliances) glyphs.want(a.name);
    for (const Route& r : catalogue.routes) {
        glyphs.want(r.title);
        glyphs.want(r.summary);
        glyphs.want(r.region);
        for (const auto& s : r.themes) glyphs.want(s);
        for (const auto& s : r.cities) glyphs.want(s);
    }
    for (const Member& m : catalogue.members) glyphs.want(m.name);
}

// A line of text placed explicitly, recorded for tests.
void text_at(ItemRegistry& items, ImDrawList* draw, ImVec2 pos, ImU32 color, const std::string& text, float scale = 1.0f) {
    const float size = ImGui::GetFontSize() * scale;
    draw->AddText(ImGui::GetFont(), size, pos, color, text.c_str());
    const ImVec2 extent = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str());
    items.note_text(text, pos, ImVec2(pos.x + extent.x, pos.y + extent.y));
}

std::string printf_string(const char* format, auto... args) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, format, args...);
    return buffer;
}

}  // namespace

Ui::Ui(GlyphAtlas& glyphs, ItemRegistry& items) : glyphs_(glyphs), items_(items) {
    int count = 0;
    const char* const* texts = all_texts(&count);
    for (int i = 0; i < count; ++i) glyphs_.want(texts[i]);
}

void Ui::set_catalogue(CatalogueStatus status) {
    catalogue_ = std::move(status);
    if (catalogue_.catalogue) want_catalogue_text(glyphs_, *catalogue_.catalogue);
    glyphs_.want(catalogue_.error);
}

void Ui::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##main", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_header();
    draw_route_list();
    ImGui::End();
}

void Ui::draw_header() {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();

    const Catalogue* catalogue = catalogue_.catalogue;
    const std::string title = catalogue && !catalogue->alliances.empty() ? catalogue->alliances.front().name
                                                                         : text(Text::app_name, language_);
    text_at(items_, draw, origin, colors::accent, title, 1.3f);
    text_at(items_, draw, ImVec2(origin.x, origin.y + line * 1.45f), colors::muted, text(Text::tagline, language_));

    // Language switch on the right of the title.
    const char* switch_label = text(Text::language_switch, language_);
    const ImVec2 button_size = ImGui::CalcTextSize(switch_label);
    const float button_width = button_size.x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ImGui::GetContentRegionAvail().x - button_width, origin.y));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    if (ImGui::Button(switch_label)) language_ = language_ == Language::zh ? Language::en : Language::zh;
    ImGui::PopStyleColor();

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + line * 2.8f));
    if (catalogue) {
        ImGui::TextDisabled("%s", printf_string(text(Text::routes_count, language_), static_cast<int>(catalogue->routes.size())).c_str());
    } else if (!catalogue_.error.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::accent), "%s: %s", text(Text::catalogue_failed, language_),
                           catalogue_.error.c_str());
    } else {
        ImGui::TextDisabled("%s", text(Text::loading_catalogue, language_));
    }
}

void Ui::draw_route_list() {
    const Catalogue* catalogue = catalogue_.catalogue;
    if (!catalogue) return;
    ImGui::BeginChild("##routes", ImVec2(0, 0), false);
    if (catalogue->routes.empty()) ImGui::TextDisabled("%s", text(Text::no_routes, language_));
    // Cards have one height, so the clipper only lays out the ones on screen: smooth at 10k routes.
    ImGuiListClipper clipper;
    const float card_height = ImGui::GetTextLineHeight() * 4.6f;
    clipper.Begin(static_cast<int>(catalogue->routes.size()), card_height + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_route_card(catalogue->routes[static_cast<std::size_t>(i)]);
    ImGui::EndChild();
}

void Ui::draw_route_card(const Route& route) {
    const float line = ImGui::GetTextLineHeight();
    const float card_height = line * 4.6f;
    const ImVec2 top_left = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* draw = ImGui::GetWindowDrawList();

    draw->AddRectFilled(top_left, ImVec2(top_left.x + width, top_left.y + card_height), colors::card, 10.0f);
    draw->AddRect(top_left, ImVec2(top_left.x + width, top_left.y + card_height), colors::card_border, 10.0f);

    // The whole card is one touch target labelled with the route's title.
    ImGui::PushID(route.id.c_str());
    ImGui::InvisibleButton("##card", ImVec2(width, card_height));
    items_.on_item_info(ImGui::GetItemID(), route.title.c_str());  // InvisibleButton reports no label itself
    ImGui::PopID();

    const float pad = 14.0f;
    ImVec2 pen(top_left.x + pad, top_left.y + pad * 0.8f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 1.1f, pen, colors::text, route.title.c_str());
    pen.y += line * 1.35f;

    // Theme tags as chips.
    float x = pen.x;
    for (const std::string& theme : route.themes) {
        const ImVec2 size = ImGui::CalcTextSize(theme.c_str());
        const float scale = 0.85f;
        const ImVec2 chip(size.x * scale + 12, size.y * scale + 6);
        if (x + chip.x > top_left.x + width - pad) break;
        draw->AddRectFilled(ImVec2(x, pen.y), ImVec2(x + chip.x, pen.y + chip.y), colors::tag_background, 6.0f);
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(x + 6, pen.y + 3), colors::accent, theme.c_str());
        x += chip.x + 6;
    }
    pen.y += line * 1.3f;

    std::string cities;
    for (const std::string& city : route.cities) cities += (cities.empty() ? "" : "·") + city;
    const std::string meta = printf_string(text(Text::days_nights, language_), route.days, route.nights) + "  " + cities;
    text_at(items_, draw, pen, colors::muted, meta);

    const std::string price = printf_string(text(Text::price_after_subsidy, language_), format_yuan(route.price - route.subsidy).c_str());
    const float price_width = ImGui::CalcTextSize(price.c_str()).x;
    text_at(items_, draw, ImVec2(top_left.x + width - pad - price_width, pen.y), colors::accent, price);
}

}  // namespace liaoxiu::ui
