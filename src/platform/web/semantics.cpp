#include "platform/web/semantics.hpp"

#include "platform/web/js_imports.hpp"
#include "ui/accessibility.hpp"

#include <imgui_internal.h>  // FindWindowByID, SetScrollY

namespace liaoxiu::platform {

Semantics& semantics() {
    static Semantics tree;
    return tree;
}

void Semantics::install(const ui::ItemRegistry& items) {
    items_ = &items;
    lx_semantics_init();
}

void Semantics::show(ImGuiID id) { show_ = id; }

// Scrolls the window of the item asked for so that the item stands in its middle. Runs
// before ImGui's frame: the scroll applies as the window begins.
void Semantics::before_new_frame(ImGuiIO&) {
    if (show_ == 0) return;
    const ImGuiID id = show_;
    show_ = 0;
    for (const ui::ItemRecord& item : items_->last_frame()) {
        if (item.id != id || item.visible) continue;
        ImGuiWindow* window = ImGui::FindWindowByID(item.window);
        if (!window) return;
        const float view = window->InnerRect.GetHeight();
        const float target = window->Scroll.y + (item.min.y - window->InnerRect.Min.y) - (view - (item.max.y - item.min.y)) / 2;
        ImGui::SetScrollY(window, target < 0 ? 0 : target);
        return;
    }
}

void Semantics::after_frame() {
    std::string tree = ui::describe_items(items_->last_frame(), items_->last_dialog());
    if (tree == published_) return;
    published_ = std::move(tree);
    lx_semantics_update(published_.c_str());
}

}  // namespace liaoxiu::platform

void lx_semantics_show(unsigned id) { liaoxiu::platform::semantics().show(id); }
