// The few building blocks every screen uses. Each one queues its text in the glyph
// atlas (a safety net: screens queue data text when the state changes, but a string
// put together in a frame may be new) and records read-only text in the ItemRegistry
// so tests can find it.
#pragma once

#include "ui/screen_context.hpp"
#include "ui/style.hpp"

#include <imgui.h>

#include <string>

namespace liaoxiu::ui {

inline constexpr float kTouchTarget = 44.0f;  // CSS px, the smallest thing a finger should hit

// A line (wrapped at the content width) noted for tests.
void label(Context& ctx, const std::string& text, ImU32 color = colors::text);
void muted(Context& ctx, const std::string& text);
void heading(Context& ctx, const std::string& text);  // larger, for screen and section titles
void section(Context& ctx, const std::string& text);  // a section title with space above

// A button at least kTouchTarget tall; width 0 = fit the label, -1 = full width.
bool button(Context& ctx, const char* label, float width = 0);
// A quieter button (outlined), same size rules.
bool secondary_button(Context& ctx, const char* label, float width = 0);
// A toggle chip in a flowing row: call chip_row_start() before the first one.
void chip_row_start();
bool chip(Context& ctx, const char* label, bool selected);
inline constexpr float kChipSpacing = 8.0f;  // between chips in a row
float chip_width(const char* label);

// A whole-width touch target drawn by hand: records `label` for tests and returns true
// when tapped. The caller draws the content over [min, max]. Width 0 = the available width.
bool card_target(Context& ctx, const char* id, const std::string& label, float height, ImVec2* min, ImVec2* max,
                 float width = 0);

// Text placed at an absolute position, noted for tests.
void text_at(Context& ctx, ImVec2 pos, ImU32 color, const std::string& text, float scale = 1.0f);
// The same, cut with "…" where it would pass `right` (ui/ellipsis.hpp), for titles and
// names in rows of a fixed width; noted under the whole text, with the extent drawn.
void text_fit_at(Context& ctx, ImVec2 pos, float right, ImU32 color, const std::string& text, float scale = 1.0f);
// Draws it only; returns where the drawn text ends on the right.
float draw_text_fit(Context& ctx, ImVec2 pos, float right, ImU32 color, const std::string& text, float scale = 1.0f);
// Small tag chips drawn in one line from `pos`, cut at `right`. Returns the line height used.
float tags_at(Context& ctx, ImVec2 pos, float right, const std::vector<std::string>& tags);

// A text input with its label drawn above it (visible, and the label tests find it by).
// `kind` says what it takes, so a phone brings up the right keyboard (item_registry.hpp).
bool input_text(Context& ctx, const char* label, const char* id, std::string* value, int flags = 0,
                const char* hint = nullptr, FieldKind kind = FieldKind::text);
// The field alone, `width` wide (-FLT_MIN: to the right edge), with no caption drawn above
// it; it is still labelled `label` for tests and screen readers, and `hint` says what goes in.
// The hint shows while the value is empty as it stands after this frame's typing (and is
// noted for tests then): text committed into an empty field shows in the same frame.
bool text_field(Context& ctx, const char* label, const char* id, std::string* value, float width, int flags = 0,
                const char* hint = nullptr, FieldKind kind = FieldKind::text);
// A number typed as text (a phone shows its number pad: whole numbers by default, or
// FieldKind::decimal for amounts in yuan); the text is selected on entry so typing replaces it.
bool input_number(Context& ctx, const char* label, const char* id, std::string* value,
                  FieldKind kind = FieldKind::number);
// A day typed as YYYY-MM-DD (a phone shows digits).
bool input_date(Context& ctx, const char* label, const char* id, std::string* value);

// Shared cards.
void route_card(Context& ctx, const Route& route, float width);
float route_card_height();
void group_row(Context& ctx, const sync::GroupView& group, bool show_route);

// Lower-level words shared by screens.
const char* season_name(Context& ctx, Season season);
const char* category_name(Context& ctx, Category category);
const char* stop_kind_name(Context& ctx, StopKind kind);
std::string group_state_text(Context& ctx, const GroupTrip& trip);
std::string join_cities(const std::vector<std::string>& cities);

}  // namespace liaoxiu::ui

namespace liaoxiu::ui {
// Route cards for a short list (no clipping): one column on phones, two on wide screens.
void route_cards(Context& ctx, const std::vector<std::size_t>& routes);
// The season a day falls in (spring = March to May).
Season season_of(Day day);
}  // namespace liaoxiu::ui
