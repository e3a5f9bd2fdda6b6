#include "ui/widgets.hpp"

#include "core/dates.hpp"
#include "ui/ellipsis.hpp"
#include "ui/format.hpp"

#include <imgui_internal.h>  // GetItemID
#include <imgui_stdlib.h>

#include <algorithm>

namespace liaoxiu::ui {

namespace {

bool g_first_chip = true;

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

// Vertical padding that makes a one-line frame at least a touch target tall.
float touch_padding_y() { return std::max(ImGui::GetStyle().FramePadding.y, (kTouchTarget - ImGui::GetFontSize()) / 2); }

}  // namespace

void label(Context& ctx, const std::string& text, ImU32 color) {
    ctx.glyphs.want(text);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    // Wraps at the window's edge, or where the caller asked (a toast leaves room for its button).
    const float caller_wrap = ImGui::GetCurrentWindowRead()->DC.TextWrapPos;
    ImGui::PushTextWrapPos(caller_wrap >= 0.0f ? caller_wrap : 0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ctx.items.note_text(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void muted(Context& ctx, const std::string& text) { label(ctx, text, colors::muted); }

void heading(Context& ctx, const std::string& text) {
    ImGui::SetWindowFontScale(1.25f);
    label(ctx, text);
    ImGui::SetWindowFontScale(1.0f);
}

void section(Context& ctx, const std::string& text) {
    ImGui::Dummy(ImVec2(0, 6));
    ImGui::SetWindowFontScale(1.1f);
    label(ctx, text, colors::accent);
    ImGui::SetWindowFontScale(1.0f);
}

// ImGui names an item only when it is drawn; one scrolled out of view is named here too, so
// the accessibility tree can offer it (and scroll it into view when it takes focus).
static void name_item(Context& ctx, const char* text) { ctx.items.on_item_info(ImGui::GetItemID(), text); }

bool button(Context& ctx, const char* text, float width) {
    ctx.glyphs.want(text);
    const float w = width < 0 ? ImGui::GetContentRegionAvail().x : width;
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, touch_padding_y()));
    const bool pressed = ImGui::Button(text, ImVec2(w, 0));
    name_item(ctx, text);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    return pressed;
}

bool secondary_button(Context& ctx, const char* text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Button, colors::card);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::tag_background);
    ImGui::PushStyleColor(ImGuiCol_Border, colors::card_border);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, border_width);
    ctx.glyphs.want(text);
    const float w = width < 0 ? ImGui::GetContentRegionAvail().x : width;
    ImGui::PushStyleColor(ImGuiCol_Text, colors::accent);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, touch_padding_y()));
    const bool pressed = ImGui::Button(text, ImVec2(w, 0));
    name_item(ctx, text);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(4);
    return pressed;
}

void chip_row_start() { g_first_chip = true; }

float chip_width(const char* text) { return ImGui::CalcTextSize(text, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2; }

bool chip(Context& ctx, const char* text, bool selected) {
    ctx.glyphs.want(text);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = chip_width(text);
    if (!g_first_chip) {
        ImGui::SameLine(0, kChipSpacing);
        if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    }
    g_first_chip = false;
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? colors::accent : colors::tag_background);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, selected ? colors::accent : colors::card_border);
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? IM_COL32(255, 255, 255, 255) : colors::accent);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(style.FramePadding.x, touch_padding_y()));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, kTouchTarget / 2);
    const bool pressed = ImGui::Button(text);
    name_item(ctx, text);
    ctx.items.mark_toggle(selected);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(3);
    return pressed;
}

bool card_target(Context& ctx, const char* id, const std::string& text, float height, ImVec2* min, ImVec2* max,
                 float width) {
    const ImVec2 top_left = ImGui::GetCursorScreenPos();
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    ctx.items.on_item_info(ImGui::GetItemID(), text.c_str());  // InvisibleButton reports no label itself
    *min = top_left;
    *max = add(top_left, ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(*min, *max, ImGui::IsItemActive() ? colors::tag_background : colors::card, 10.0f);
    draw->AddRect(*min, *max, colors::card_border, 10.0f, 0, border_width);
    return pressed;
}

void text_at(Context& ctx, ImVec2 pos, ImU32 color, const std::string& text, float scale) {
    ctx.glyphs.want(text);
    const float size = ImGui::GetFontSize() * scale;
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), size, pos, color, text.c_str(), text.c_str() + text.size());
    const ImVec2 extent = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size());
    ctx.items.note_text(text, pos, add(pos, extent));
}

float draw_text_fit(Context& ctx, ImVec2 pos, float right, ImU32 color, const std::string& text, float scale) {
    ctx.glyphs.want(text);  // the whole text: measured with its own glyphs from the next pass on
    ctx.glyphs.want(kEllipsis);
    const float size = ImGui::GetFontSize() * scale;
    const std::string shown = fit_with_ellipsis(*ImGui::GetFont(), size, text, right - pos.x);
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), size, pos, color, shown.c_str(), shown.c_str() + shown.size());
    return pos.x + ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, shown.c_str(), shown.c_str() + shown.size()).x;
}

void text_fit_at(Context& ctx, ImVec2 pos, float right, ImU32 color, const std::string& text, float scale) {
    const float drawn_right = draw_text_fit(ctx, pos, right, color, text, scale);
    ctx.items.note_text(text, pos, ImVec2(drawn_right, pos.y + ImGui::GetFontSize() * scale));
}

float tags_at(Context& ctx, ImVec2 pos, float right, const std::vector<std::string>& tags) {
    constexpr float scale = 0.85f;
    const float size = ImGui::GetFontSize() * scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float x = pos.x;
    for (const std::string& tag : tags) {
        ctx.glyphs.want(tag);
        const ImVec2 extent = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, tag.c_str());
        const ImVec2 chip(extent.x + 12, extent.y + 6);
        if (x + chip.x > right) break;
        draw->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + chip.x, pos.y + chip.y), colors::tag_background, 6.0f);
        draw->AddText(ImGui::GetFont(), size, ImVec2(x + 6, pos.y + 3), colors::accent, tag.c_str());
        ctx.items.note_text(tag, ImVec2(x, pos.y), ImVec2(x + chip.x, pos.y + chip.y));
        x += chip.x + 6;
    }
    return size + 6;
}

bool input_text(Context& ctx, const char* text, const char* id, std::string* value, int flags, const char* hint,
                FieldKind kind) {
    muted(ctx, text);
    return text_field(ctx, text, id, value, -FLT_MIN, flags, hint, kind);
}

bool text_field(Context& ctx, const char* text, const char* id, std::string* value, float width, int flags,
                const char* hint, FieldKind kind) {
    const ImVec2 padding(ImGui::GetStyle().FramePadding.x, touch_padding_y());
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, colors::card);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, border_width);
    // No hint is given to ImGui: 1.86's InputTextWithHint decides to draw the hint from the
    // text as it was before it applies the frame's typed characters, so a word or an IME
    // commit into an empty field left the hint on screen (the caret after invisible text)
    // until another frame came. The hint is drawn below, from the value after this frame's input.
    const bool changed = ImGui::InputText(id, value, flags);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    ctx.items.on_item_info(ImGui::GetItemID(), text);
    // A tap here must open the phone's keyboard (text agent); a screen reader reads the text in
    // it, a password as the dots the field shows.
    const bool secret = (flags & ImGuiInputTextFlags_Password) != 0;
    ctx.items.mark_text_field(kind, secret ? std::string(value->size() ? 6 : 0, '*') : *value);
    if (hint) {
        ctx.glyphs.want(hint);
        if (value->empty()) {
            // Where ImGui would put the text: the frame's padding in from its top left, clipped to it.
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            const ImVec2 at(min.x + padding.x, min.y + padding.y);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->PushClipRect(min, ImVec2(max.x - padding.x, max.y), true);
            draw->AddText(at, ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
            draw->PopClipRect();
            const ImVec2 size = ImGui::CalcTextSize(hint);
            ctx.items.note_text(hint, at, ImVec2(std::min(at.x + size.x, max.x), at.y + size.y));
        }
    }
    ctx.glyphs.want(*value);  // what the user typed shows next frame with its own glyphs
    return changed;
}

bool input_number(Context& ctx, const char* text, const char* id, std::string* value, FieldKind kind) {
    return input_text(ctx, text, id, value, ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_AutoSelectAll,
                      nullptr, kind);
}

bool input_date(Context& ctx, const char* text, const char* id, std::string* value) {
    return input_text(ctx, text, id, value, 0, nullptr, FieldKind::date);
}

float route_card_height() { return ImGui::GetTextLineHeight() * 5.4f; }

void route_card(Context& ctx, const Route& route, float width) {
    const float line = ImGui::GetTextLineHeight();
    const float height = route_card_height();
    ImVec2 min, max;
    ImGui::PushID(route.id.c_str());
    const bool pressed = card_target(ctx, "##card", route.title, height, &min, &max, width);
    ImGui::PopID();
    if (pressed) ctx.nav.go({Screen::route, route.id});

    const float pad = 14.0f;
    ImVec2 pen(min.x + pad, min.y + pad * 0.8f);
    ImGui::PushClipRect(min, max, true);
    const float right = max.x - pad;
    draw_text_fit(ctx, pen, right, colors::text, route.title, 1.1f);  // the card itself is labelled with it
    pen.y += line * 1.35f;
    tags_at(ctx, pen, right, route.themes);
    pen.y += line * 1.3f;
    text_fit_at(ctx, pen, right, colors::muted,
                ctx.f(Text::days_nights, route.days, route.nights) + "  " + join_cities(route.cities));
    pen.y += line * 1.2f;
    const std::string price = ctx.f(Text::price_after_subsidy, format_yuan(route.price - route.subsidy).c_str());
    const float price_width = ImGui::CalcTextSize(price.c_str()).x;
    const std::size_t groups = ctx.view.joinable_groups_of(ctx.view.route_index(route)).size();
    if (groups > 0)
        text_fit_at(ctx, pen, right - price_width - 8, colors::accent, ctx.f(Text::joinable_groups_count, static_cast<int>(groups)));
    text_at(ctx, ImVec2(right - price_width, pen.y), colors::accent, price);
    ImGui::PopClipRect();
}

void group_row(Context& ctx, const sync::GroupView& group, bool show_route) {
    const GroupTrip& trip = group.trip();
    const Route* route = ctx.view.route(trip.route);
    const float line = ImGui::GetTextLineHeight();
    const std::string date = format_day(trip.departure);
    const std::string unit = ctx.view.unit_name(trip.organizer_unit);
    const std::string title = show_route && route ? route->title : ctx.f(Text::departure, date.c_str());
    ImVec2 min, max;
    ImGui::PushID(trip.id.c_str());
    const bool pressed = card_target(ctx, "##group", title + " · " + date, line * (show_route ? 4.9f : 3.8f), &min, &max);
    ImGui::PopID();
    if (pressed) ctx.nav.go({Screen::group, trip.id});
    const float pad = 14.0f;
    ImVec2 pen(min.x + pad, min.y + pad * 0.7f);
    const float right = max.x - pad;
    ImGui::PushClipRect(min, max, true);
    text_fit_at(ctx, pen, right, colors::text, title);
    pen.y += line * 1.25f;
    if (show_route) {
        text_fit_at(ctx, pen, right, colors::muted, ctx.f(Text::departure, date.c_str()));
        pen.y += line * 1.15f;
    }
    text_fit_at(ctx, pen, right, colors::muted, ctx.f(Text::organizing_unit, unit.c_str()));
    pen.y += line * 1.15f;
    const std::string progress = group.counts.places_to_form > 0 ? ctx.f(Text::places_to_form, group.counts.places_to_form)
                                                                 : std::string(ctx.t(Text::formed));
    text_fit_at(ctx, pen, right, colors::accent, progress + "  " + ctx.f(Text::places_left, group.counts.places_left));
    ImGui::PopClipRect();
}

const char* season_name(Context& ctx, Season season) {
    switch (season) {
        case Season::spring: return ctx.t(Text::season_spring);
        case Season::summer: return ctx.t(Text::season_summer);
        case Season::autumn: return ctx.t(Text::season_autumn);
        case Season::winter: return ctx.t(Text::season_winter);
    }
    return "";
}

const char* category_name(Context& ctx, Category category) {
    switch (category) {
        case Category::reception: return ctx.t(Text::category_reception);
        case Category::experience: return ctx.t(Text::category_experience);
        case Category::wellness: return ctx.t(Text::category_wellness);
        case Category::support: return ctx.t(Text::category_support);
    }
    return "";
}

const char* stop_kind_name(Context& ctx, StopKind kind) {
    switch (kind) {
        case StopKind::eat: return ctx.t(Text::stop_eat);
        case StopKind::stay: return ctx.t(Text::stop_stay);
        case StopKind::travel: return ctx.t(Text::stop_travel);
        case StopKind::tour: return ctx.t(Text::stop_tour);
        case StopKind::wellness: return ctx.t(Text::stop_wellness);
    }
    return "";
}

std::string group_state_text(Context& ctx, const GroupTrip& trip) {
    switch (trip.state) {
        case GroupState::open: return ctx.t(Text::state_open);
        case GroupState::formed: return ctx.t(Text::state_formed);
        case GroupState::full: return ctx.t(Text::state_full);
        case GroupState::locked: return ctx.t(Text::state_locked);
        case GroupState::expired: return ctx.t(Text::state_expired);
        case GroupState::cancelled: return ctx.f(Text::state_cancelled, trip.cancel_reason.c_str());
    }
    return "";
}

std::string join_cities(const std::vector<std::string>& cities) {
    std::string out;
    for (const std::string& city : cities) out += (out.empty() ? "" : "·") + city;
    return out;
}

}  // namespace liaoxiu::ui

namespace liaoxiu::ui {

void route_cards(Context& ctx, const std::vector<std::size_t>& routes) {
    const int columns = ctx.wide ? 2 : 1;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < routes.size(); ++i) {
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        route_card(ctx, ctx.state.catalogue.routes[routes[i]], width);
    }
}

Season season_of(Day day) {
    const int month = civil_from_day(day).month;
    if (month >= 3 && month <= 5) return Season::spring;
    if (month >= 6 && month <= 8) return Season::summer;
    if (month >= 9 && month <= 11) return Season::autumn;
    return Season::winter;
}

}  // namespace liaoxiu::ui
