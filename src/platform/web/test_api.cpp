// The test-facing API behind window.liaoxiu (docs/testing.md). JSON is produced here,
// in the platform layer, so the UI never sees it.
#include "platform/web/test_api.hpp"

#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {
const liaoxiu::App* g_app = nullptr;
std::string g_answer;  // lives until the next call; JS copies it out at once
}  // namespace

namespace liaoxiu::platform {
void expose_test_api(const App& app) { g_app = &app; }
}  // namespace liaoxiu::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* lx_test_stats() {
    const liaoxiu::FrameStats& s = g_app->stats();
    g_answer = nlohmann::json{{"frames", s.frames},
                              {"lastFrameMs", s.last_frame_ms},
                              {"missingGlyphs", s.missing_glyphs},
                              {"atlasGlyphs", s.atlas_glyphs},
                              {"lastAtlasRebuildMs", s.last_atlas_rebuild_ms},
                              {"kiosk", g_app->kiosk()},
                              {"highContrast", g_app->high_contrast()},
                              {"idleCountdown", g_app->idle_countdown()}}
                   .dump();
    return g_answer.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* lx_test_items() {
    nlohmann::json items = nlohmann::json::array();
    for (const liaoxiu::ui::ItemRecord& item : g_app->items().last_frame())
        items.push_back({{"id", item.id},
                         {"label", item.label},
                         {"x", item.min.x},
                         {"y", item.min.y},
                         {"width", item.max.x - item.min.x},
                         {"height", item.max.y - item.min.y},
                         {"visible", item.visible},
                         {"textField", item.text_field}});
    // Labels come from data; never let a malformed one make the dump throw.
    g_answer = items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_answer.c_str();
}

}  // extern "C"
