// The test-engine hooks ImGui 1.86 calls when compiled with IMGUI_ENABLE_TEST_ENGINE are
// defined in the imgui library itself (imgui_hooks.cpp) and forward to whoever listens,
// so ImGui links on its own and the ItemRegistry is just one possible listener.
#pragma once

#include <imgui.h>

struct ImRect;

namespace liaoxiu::ui {

struct ImGuiItemListener {
    void* self = nullptr;
    void (*item_add)(void* self, const ImRect& rect, ImGuiID id, const ImRect& clip) = nullptr;
    // `flags`: ImGuiItemStatusFlags (Checkable, Checked, Openable, Opened are set only in a test-engine build).
    void (*item_info)(void* self, ImGuiID id, const char* label, int flags) = nullptr;
};

// Replaces the listener (a default-constructed one stops listening).
void set_imgui_item_listener(ImGuiItemListener listener);

}  // namespace liaoxiu::ui
