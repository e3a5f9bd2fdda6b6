// Every item ImGui submitted in the last frame, with its label and rectangle,
// collected through the test-engine hooks that ImGui 1.86 already calls
// (IMGUI_ENABLE_TEST_ENGINE). Tests find and click widgets by label through
// it: the web build exposes it as window.liaoxiu.items(), the headless UI
// tests read it directly.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImRect;  // imgui_internal.h

namespace liaoxiu::ui {

// What a text field takes, so a phone brings up the right keyboard for it (the web text
// agent sets the hidden <input>'s inputmode and enterkeyhint from it; see text_agent.js).
enum class FieldKind : std::uint8_t {
    text,     // words: the full keyboard
    search,   // a search box: the full keyboard, its Enter key says "search"
    number,   // a whole number (places, days): the number pad
    decimal,  // an amount in yuan: the number pad with a decimal point
    date,     // YYYY-MM-DD: a touch screen opens its date picker (text_agent.js), a keyboard types digits
    phone,    // a phone number: the phone pad
};

struct ItemRecord {
    ImGuiID id = 0;
    std::string label;   // the visible part of the label ("##" suffixes removed); empty if none
    ImVec2 min, max;     // in ImGui coordinates, which are CSS pixels in this app
    bool visible = false;  // inside its window's visible area this frame
    ImVec2 clip_min, clip_max;  // that visible area: what a click on the item can reach
    bool text_field = false;  // an InputText: a tap on it must open the phone's keyboard
    FieldKind field_kind = FieldKind::text;  // what it takes, when text_field
    std::string value = {};                  // a text field's text (a password's as dots)
    // For the accessibility tree (platform/web/semantics.cpp): the window the item is in (to
    // scroll it into view), a checkbox's state, a chip's selection, and whether a modal dialog
    // above it keeps it from being pressed. Text noted with note_text has id 0.
    ImGuiID window = 0;
    bool checkable = false;
    bool checked = false;
    bool toggle = false;     // a chip: selected or not (aria-pressed)
    bool selected = false;
    bool current = false;    // a tab of the tab bar that shows the screen on view (aria-current)
    bool behind_modal = false;
};

class ItemRegistry {
public:
    // Installs this registry as the receiver of the hooks for the current ImGui context.
    void attach(ImGuiContext* context);
    // Call once a frame is drawn: its items become `last_frame()` and collection starts
    // afresh. (Publishing at the end, not the start, matters when frames are drawn only on
    // change: the items must describe what is on screen now.)
    void publish_frame();
    const std::vector<ItemRecord>& last_frame() const { return last_; }
    // The title of the modal dialog open in the last frame (what its title bar says), or empty.
    const std::string& last_dialog() const { return last_dialog_; }
    // Forgets what was collected since the last publish (a frame laid out again before it is shown).
    void discard_frame() {
        current_.clear();
        dialog_.clear();
    }

    // Marks the last submitted item as a text field of that kind holding `value` (call right
    // after ImGui::InputText…; give a password's value as what the field shows, not the password).
    void mark_text_field(FieldKind kind = FieldKind::text, const std::string& value = {});
    // Marks the last submitted item as a toggle (a filter chip) and whether it is on.
    void mark_toggle(bool selected);
    // Marks the last submitted item as the navigation item of the screen on view (a tab).
    void mark_current();
    // A modal dialog is open with this title (as given to BeginPopupModal: "##" and what follows
    // are ImGui's id, not words). ImGui keeps a window's first title, so it is told each frame.
    void note_dialog(std::string_view title);

    // Text that is not an interactive item but that tests need to read (status lines, counts).
    void note_text(const std::string& text, ImVec2 min, ImVec2 max);

    // Called by the hooks.
    void on_item_add(const ImRect& rect, ImGuiID id, const ImRect& clip);
    void on_item_info(ImGuiID id, const char* label, int status_flags = 0);

private:
    ItemRecord* last_submitted();  // the record of ImGui's last item, or null

    std::vector<ItemRecord> current_;
    std::vector<ItemRecord> last_;
    std::string dialog_;
    std::string last_dialog_;
};

}  // namespace liaoxiu::ui
