// window.liaoxiu, the test-facing API (docs/testing.md): ready, stats() and items() for the
// end-to-end tests, frameTimes() and heapInUse() for the first-load benchmark, which
// measures this build. It reports on a TestSubject, never on the app itself.
#pragma once

#include "platform/runner_client.hpp"  // FrameTimes
#include "ui/item_registry.hpp"

#include <cstddef>

namespace liaoxiu::platform {

// The figures window.liaoxiu.stats() reports.
struct TestStats {
    long frames = 0;              // frames drawn so far
    double last_frame_ms = 0;     // CPU time of the last frame, input to draw calls
    FrameTimes last_frame_parts;  // the same, by part
    int gl_context_restores = 0;
    std::size_t routes = 0;       // routes in the catalogue
    int missing_glyphs = 0;       // characters drawn with the missing-glyph box in the last frame
    int atlas_glyphs = 0;
    double last_atlas_rebuild_ms = 0;
    bool kiosk = false;
    bool high_contrast = false;
    int idle_countdown = 0;       // seconds left on the kiosk's countdown; 0 when not showing
};

class TestSubject {
public:
    virtual ~TestSubject() = default;
    virtual TestStats test_stats() const = 0;  // cheap: read after every animation frame
    virtual const ui::ItemRegistry& items() const = 0;
};

// Publishes window.liaoxiu (ready false) reporting on `subject`, which must outlive the page.
void publish_test_api(const TestSubject& subject);
// window.liaoxiu.ready becomes true: a frame with the catalogue on screen has been drawn.
void set_test_api_ready();

}  // namespace liaoxiu::platform
