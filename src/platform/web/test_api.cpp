// The test-facing API behind window.liaoxiu (docs/testing.md). JSON is produced here,
// in the platform layer, so neither the app nor the UI sees it.
#include "platform/web/test_api.hpp"

#include "platform/web/js_imports.hpp"

#include <malloc.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {
const liaoxiu::platform::TestSubject* g_subject = nullptr;
std::string g_answer;  // lives until the next call; JS copies it out at once
}  // namespace

namespace liaoxiu::platform {

void publish_test_api(const TestSubject& subject) {
    g_subject = &subject;
    lx_publish_test_api();
}

void set_test_api_ready() { lx_test_set_ready(); }

}  // namespace liaoxiu::platform

const char* lx_test_stats() {
    const liaoxiu::platform::TestStats s = g_subject->test_stats();
    g_answer = nlohmann::json{{"frames", s.frames},
                              {"lastFrameMs", s.last_frame_ms},
                              {"lastFramePartsMs",
                               {{"fonts", s.last_frame_parts.fonts_ms},
                                {"build", s.last_frame_parts.build_ms},
                                {"gl", s.last_frame_parts.gl_ms}}},
                              {"glContextRestores", s.gl_context_restores},
                              {"routes", s.routes},
                              {"missingGlyphs", s.missing_glyphs},
                              {"atlasGlyphs", s.atlas_glyphs},
                              {"lastAtlasRebuildMs", s.last_atlas_rebuild_ms},
                              {"kiosk", s.kiosk},
                              {"highContrast", s.high_contrast},
                              {"idleCountdown", s.idle_countdown}}
                   .dump();
    return g_answer.c_str();
}

// The benchmark, after every animation frame: the figures of the last frame drawn, with no
// JSON and no allocation, so reading them does not disturb the frames being measured.
const double* lx_test_frame_times() {
    static double times[5];
    const liaoxiu::platform::TestStats s = g_subject->test_stats();
    times[0] = static_cast<double>(s.frames);
    times[1] = s.last_frame_ms;
    times[2] = s.last_frame_parts.fonts_ms;
    times[3] = s.last_frame_parts.build_ms;
    times[4] = s.last_frame_parts.gl_ms;
    return times;
}

// Bytes malloc'd in the wasm heap now. Slow (dlmalloc walks every chunk: 6 ms with the 10k
// catalogue), so not part of stats().
double lx_test_heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

const char* lx_test_items() {
    nlohmann::json items = nlohmann::json::array();
    for (const liaoxiu::ui::ItemRecord& item : g_subject->items().last_frame())
        items.push_back({{"id", item.id},
                         {"label", item.label},
                         {"x", item.min.x},
                         {"y", item.min.y},
                         {"width", item.max.x - item.min.x},
                         {"height", item.max.y - item.min.y},
                         {"visible", item.visible},
                         {"textField", item.text_field},
                         {"fieldKind", static_cast<int>(item.field_kind)}});
    // Labels come from data; never let a malformed one make the dump throw.
    g_answer = items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_answer.c_str();
}
