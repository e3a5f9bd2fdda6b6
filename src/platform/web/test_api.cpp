// The test-facing API behind window.liaoxiu (docs/testing.md). JSON is produced here,
// in the platform layer, so the UI never sees it.
#include "platform/web/test_api.hpp"

#include "core/generate.hpp"
#include "core/json.hpp"

#include <emscripten.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace {
liaoxiu::App* g_app = nullptr;
std::string g_answer;  // lives until the next call; JS copies it out at once
}  // namespace

namespace liaoxiu::platform {
void expose_test_api(App& app) { g_app = &app; }
}  // namespace liaoxiu::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* lx_test_stats() {
    const liaoxiu::FrameStats& s = g_app->stats();
    g_answer = nlohmann::json{{"frames", s.frames},
                              {"lastFrameMs", s.last_frame_ms},
                              {"lastFramePartsMs",
                               {{"fonts", s.last_frame_parts.fonts_ms},
                                {"build", s.last_frame_parts.build_ms},
                                {"gl", s.last_frame_parts.gl_ms}}},
                              {"glContextRestores", s.gl_context_restores},
                              {"routes", g_app->state().catalogue.routes.size()},
                              {"missingGlyphs", s.missing_glyphs},
                              {"atlasGlyphs", s.atlas_glyphs},
                              {"lastAtlasRebuildMs", s.last_atlas_rebuild_ms},
                              {"kiosk", g_app->kiosk()},
                              {"highContrast", g_app->high_contrast()},
                              {"idleCountdown", g_app->idle_countdown()}}
                   .dump();
    return g_answer.c_str();
}

// Benchmarks, after every animation frame: the figures of the last frame drawn, with no JSON
// and no allocation, so reading them does not disturb the frames being measured.
EMSCRIPTEN_KEEPALIVE const double* lx_test_frame_times() {
    static double times[5];
    const liaoxiu::FrameStats& s = g_app->stats();
    times[0] = static_cast<double>(s.frames);
    times[1] = s.last_frame_ms;
    times[2] = s.last_frame_parts.fonts_ms;
    times[3] = s.last_frame_parts.build_ms;
    times[4] = s.last_frame_parts.gl_ms;
    return times;
}

// Bytes malloc'd in the wasm heap now. Slow (dlmalloc walks every chunk: 6 ms with the 10k
// catalogue), so not part of stats().
EMSCRIPTEN_KEEPALIVE double lx_test_heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

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

// Benchmarks: generate_catalogue({routes, members, groups}, seed) of src/core/generate.hpp
// (the same catalogue as the native benchmarks), as catalogue JSON text. Its version is set
// above the app's current one, so the app takes it in place of what it shows.
EMSCRIPTEN_KEEPALIVE const char* lx_test_generated_catalogue_json(int routes, int members, int groups, double seed) {
    liaoxiu::Catalogue generated =
        liaoxiu::generate_catalogue(liaoxiu::ScaleSpec{routes, members, groups}, static_cast<std::uint64_t>(seed));
    generated.version = std::max(generated.version, g_app->state().catalogue.version + 1);
    g_answer = nlohmann::json(generated).dump();
    return g_answer.c_str();
}

// Benchmarks: replaces the catalogue with the generated one. It goes in as JSON text through
// App::on_catalogue, the path of the bundled file, so the sync engine parses it into its
// ClientState and the UI rebuilds its view and search index from the new revision, as in
// real use. Returns the number of routes the app then holds.
EMSCRIPTEN_KEEPALIVE int lx_test_load_generated_catalogue(int routes, int members, int groups, double seed) {
    std::string text = lx_test_generated_catalogue_json(routes, members, groups, seed);
    std::string().swap(g_answer);
    liaoxiu::StringSource source(text);
    g_app->on_catalogue(source);
    return static_cast<int>(g_app->state().catalogue.routes.size());
}

}  // extern "C"
