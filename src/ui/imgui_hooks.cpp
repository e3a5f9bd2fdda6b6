// Compiled into the imgui library (see src/ui/CMakeLists.txt).
#include "ui/imgui_hooks.hpp"

#include <imgui_internal.h>

namespace {
liaoxiu::ui::ImGuiItemListener g_listener;
}

namespace liaoxiu::ui {
void set_imgui_item_listener(ImGuiItemListener listener) { g_listener = listener; }
}  // namespace liaoxiu::ui

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    if (g_listener.item_add && ctx->CurrentWindow) g_listener.item_add(g_listener.self, bb, id, ctx->CurrentWindow->ClipRect);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (g_listener.item_info) g_listener.item_info(g_listener.self, id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
