#include "platform/web/text_agent.hpp"

#include "platform/web/js_imports.hpp"

#include <imgui_internal.h>  // ClearActiveID, the active item's id

namespace liaoxiu::platform {

namespace {

// The codes text_agent.js sends, in ImGui's terms.
int imgui_key_for(int agent_code) {
    switch (agent_code) {
    case 1: return ImGuiKey_Backspace;
    case 2: return ImGuiKey_Enter;
    case 3: return ImGuiKey_Tab;
    case 4: return ImGuiKey_LeftArrow;
    case 5: return ImGuiKey_RightArrow;
    case 6: return ImGuiKey_UpArrow;
    case 7: return ImGuiKey_DownArrow;
    case 8: return ImGuiKey_Home;
    case 9: return ImGuiKey_End;
    case 10: return ImGuiKey_Delete;
    case 11: return ImGuiKey_Escape;
    case 100: return ImGuiKey_A;
    case 102: return ImGuiKey_C;
    case 123: return ImGuiKey_X;
    case 124: return ImGuiKey_Y;
    case 125: return ImGuiKey_Z;
    default: return -1;
    }
}

void set_modifiers(ImGuiIO& io, int modifiers) {
    io.KeyCtrl = (modifiers & 1) != 0;
    io.KeyShift = (modifiers & 2) != 0;
    io.KeyAlt = (modifiers & 4) != 0;
    io.KeySuper = (modifiers & 8) != 0;
}

void set_clipboard(void*, const char* text) { lx_clipboard_write(text); }

std::string g_clipboard_copy;
const char* get_clipboard(void*) { return g_clipboard_copy.c_str(); }  // paste arrives as text input instead

}  // namespace

TextAgent& text_agent() {
    static TextAgent agent;
    return agent;
}

void TextAgent::install(const ui::ItemRegistry& items, std::function<void(const std::string&)> show_text) {
    items_ = &items;
    show_text_ = std::move(show_text);
    lx_text_agent_init();
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
}

void TextAgent::on_preedit(std::string text) {
    preedit_ = std::move(text);
    if (show_text_) show_text_(preedit_);
    changed_ = true;
}

void TextAgent::on_text(std::string text) {
    if (show_text_) show_text_(text);  // its glyphs are made before the frame that shows it
    queue_.push_back(Input{std::move(text), -1, 0});
    changed_ = true;
}

void TextAgent::on_key(int agent_code, int modifiers) {
    const int key = imgui_key_for(agent_code);
    if (key < 0) return;
    queue_.push_back(Input{{}, key, modifiers});
    changed_ = true;
}

bool TextAgent::wants_frame() const { return changed_ || !queue_.empty() || held_key_ >= 0; }

void TextAgent::before_new_frame(ImGuiIO& io) {
    changed_ = false;
    if (held_key_ >= 0) {  // release last frame's key first
        io.KeysDown[io.KeyMap[held_key_]] = false;
        set_modifiers(io, 0);
        held_key_ = -1;
        return;  // the release needs a frame of its own
    }
    if (blur_requested_) {
        blur_requested_ = false;
        ImGui::ClearActiveID();
    }
    while (!queue_.empty()) {
        Input input = std::move(queue_.front());
        queue_.pop_front();
        if (input.key < 0) {
            io.AddInputCharactersUTF8(input.text.c_str());
            continue;
        }
        io.KeysDown[io.KeyMap[input.key]] = true;
        set_modifiers(io, input.modifiers);
        held_key_ = input.key;
        break;
    }
}

void TextAgent::after_frame() {
    // Publish the text fields of this frame, so the next tap on one focuses the agent in time,
    // with the keyboard its kind wants.
    std::vector<float> fields;
    for (const ui::ItemRecord& item : items_->last_frame())
        if (item.text_field && item.visible)
            fields.insert(fields.end(), {item.min.x, item.min.y, item.max.x - item.min.x, item.max.y - item.min.y,
                                         static_cast<float>(item.field_kind)});
    if (fields != published_fields_) {
        published_fields_ = fields;
        lx_text_agent_fields(published_fields_.data(), static_cast<int>(published_fields_.size() / 5));
    }
}

void TextAgent::after_draw(ImGuiIO&) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    // Whether a text field is being edited in this frame: the field just drawn says so.
    // io.WantTextInput says it of the frame before, so a field left with Enter would read as
    // "editing ended" only a frame later, and the app draws no frame until the next input:
    // a tap on the next field, whose frame would then blur the agent that tap just focused.
    const bool editing = g.WantTextInputNextFrame == 1;
    // Blur only when editing ends. A tap focuses the agent before ImGui has even seen it,
    // so "not editing yet" must not take the keyboard away again.
    const bool editing_ended = was_editing_ && !editing;
    was_editing_ = editing;
    // The kind of the field being edited (reached by Tab too, not only by a tap), from the
    // last frame's items: the agent's keyboard follows it.
    int kind = -1;
    if (editing && g.ActiveId != 0)
        for (const ui::ItemRecord& item : items_->last_frame())
            if (item.id == g.ActiveId && item.text_field) {
                kind = static_cast<int>(item.field_kind);
                break;
            }
    lx_text_agent_update(editing_ended ? 1 : 0, g.PlatformImePos.x, g.PlatformImePos.y, kind);

    // ImGui 1.86 cannot show text still being composed, so draw it at the caret.
    if (!preedit_.empty() && editing) {
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        const ImVec2 at(g.PlatformImePos.x, g.PlatformImePos.y);
        const ImVec2 size = ImGui::CalcTextSize(preedit_.c_str());
        draw->AddRectFilled(ImVec2(at.x - 2, at.y - 2), ImVec2(at.x + size.x + 2, at.y + size.y + 2), IM_COL32(255, 250, 220, 255), 3);
        draw->AddText(at, IM_COL32(28, 30, 34, 255), preedit_.c_str());
        draw->AddLine(ImVec2(at.x, at.y + size.y), ImVec2(at.x + size.x, at.y + size.y), IM_COL32(28, 30, 34, 255));
    }
}

}  // namespace liaoxiu::platform

void lx_agent_text(const char* text) { liaoxiu::platform::text_agent().on_text(text); }
void lx_agent_key(int code, int modifiers) { liaoxiu::platform::text_agent().on_key(code, modifiers); }
void lx_agent_preedit(const char* text) { liaoxiu::platform::text_agent().on_preedit(text ? text : ""); }
void lx_agent_blur() { liaoxiu::platform::text_agent().on_blur(); }
