#include "ui/item_registry.hpp"

#include "ui/imgui_hooks.hpp"

#include <imgui_internal.h>

#include <cstring>

namespace liaoxiu::ui {

void ItemRegistry::attach(ImGuiContext* context) {
    ImGuiItemListener listener;
    listener.self = this;
    listener.item_add = [](void* self, const ImRect& rect, ImGuiID id, const ImRect& clip) {
        static_cast<ItemRegistry*>(self)->on_item_add(rect, id, clip);
    };
    listener.item_info = [](void* self, ImGuiID id, const char* label, int flags) {
        static_cast<ItemRegistry*>(self)->on_item_info(id, label, flags);
    };
    set_imgui_item_listener(listener);
    context->TestEngineHookItems = true;
}

void ItemRegistry::publish_frame() {
    last_.swap(current_);
    current_.clear();
    last_dialog_.swap(dialog_);
    dialog_.clear();
}

ItemRecord* ItemRegistry::last_submitted() {
    const ImGuiID id = ImGui::GetItemID();
    for (auto it = current_.rbegin(); it != current_.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

void ItemRegistry::mark_text_field(FieldKind kind, const std::string& value) {
    if (ItemRecord* item = last_submitted()) {
        item->text_field = true;
        item->field_kind = kind;
        item->value = value;
    }
}

void ItemRegistry::mark_toggle(bool selected) {
    if (ItemRecord* item = last_submitted()) {
        item->toggle = true;
        item->selected = selected;
    }
}

void ItemRegistry::note_dialog(std::string_view title) {
    dialog_.assign(title.substr(0, title.find("##")));
}

void ItemRegistry::mark_current() {
    if (ItemRecord* item = last_submitted()) item->current = true;
}

void ItemRegistry::note_text(const std::string& text, ImVec2 min, ImVec2 max) {
    ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    ItemRecord record{0, text, min, max, true, min, max};
    if (window) {
        record.visible = window->ClipRect.Overlaps(ImRect(min, max));
        record.clip_min = window->ClipRect.Min;
        record.clip_max = window->ClipRect.Max;
        record.window = window->ID;
    }
    current_.push_back(std::move(record));
}

void ItemRegistry::on_item_add(const ImRect& rect, ImGuiID id, const ImRect& clip) {
    // ImGui's implicit "Debug##Default" window registers its title bar every frame, at its
    // default place (60, 60, 400 wide), although it is never shown: it is nothing on screen.
    ImGuiWindow* window = ImGui::GetCurrentContext()->CurrentWindow;
    if (window && window->IsFallbackWindow) return;
    ItemRecord record{id, {}, rect.Min, rect.Max, clip.Overlaps(rect), clip.Min, clip.Max};
    if (window) {
        record.window = window->ID;
        // A modal dialog (ImGui's popup modal) takes every press while it is open; what is
        // under it cannot be pressed, so the accessibility tree leaves it out.
        ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
        record.behind_modal = modal && window != modal && !ImGui::IsWindowChildOf(window, modal, true);
    }
    current_.push_back(std::move(record));
}

void ItemRegistry::on_item_info(ImGuiID id, const char* label, int status_flags) {
    // The info hook follows the add hook of the same item, so search from the back.
    for (auto it = current_.rbegin(); it != current_.rend(); ++it) {
        if (it->id != id) continue;
        const char* end = label ? std::strstr(label, "##") : nullptr;
        it->label = label ? std::string(label, end ? end : label + std::strlen(label)) : std::string();
        if (status_flags & ImGuiItemStatusFlags_Checkable) {
            it->checkable = true;
            it->checked = (status_flags & ImGuiItemStatusFlags_Checked) != 0;
        }
        return;
    }
}

}  // namespace liaoxiu::ui
