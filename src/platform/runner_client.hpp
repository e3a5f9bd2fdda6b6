// What the runner (sdl_runner.hpp) asks of the program it runs, and all it knows of it:
// the app implements this, as an ImGui backend knows only ImGui and a runner only its
// callbacks. Nothing under src/platform includes src/app.
#pragma once

#include "ui/glyph_atlas.hpp"  // AtlasUpdate

struct ImDrawData;

namespace liaoxiu::platform {

// Where one frame's CPU time went, in milliseconds (steady clock), as the runner measured it.
struct FrameTimes {
    double fonts_ms = 0;   // growing the glyph atlas and re-uploading its texture (0 on most frames)
    double build_ms = 0;   // ImGui's NewFrame, the client's draw(), Render: the frame's draw lists
    double gl_ms = 0;      // clearing and submitting the draw lists to GL (WebGL: into the browser)
    double total_ms() const { return fonts_ms + build_ms + gl_ms; }
};

class RunnerClient {
public:
    virtual ~RunnerClient() = default;

    // Device pixels per CSS (or logical) pixel, before every frame and idle tick.
    virtual void set_pixel_ratio(float pixel_ratio) = 0;
    // Whether the next tick must draw even without input.
    virtual bool wants_frame() const = 0;
    // On a tick that draws nothing: background glyph work. Says what must be uploaded again.
    virtual ui::AtlasUpdate prefetch_glyphs() = 0;
    // Whether prefetch_glyphs() has work left, so the loop keeps ticking for it.
    virtual bool has_background_work() const = 0;
    // Before each layout pass: grows the glyph atlas. Says what must be uploaded again.
    virtual ui::AtlasUpdate prepare_fonts() = 0;
    // Right after ImGui::NewFrame: the frame's contents.
    virtual void draw() = 0;
    // After Render, before the frame is shown: true to lay the frame out again (at most
    // SdlRunner::kMaxPasses passes), after discard_pass().
    virtual bool needs_another_pass(const ImDrawData* draw_data) = 0;
    virtual void discard_pass() = 0;
    // The frame is on screen.
    virtual void frame_done(const ImDrawData* draw_data, const FrameTimes& times) = 0;
    // The GL context was lost and its objects are made again: draw again, as before.
    virtual void gl_context_restored() = 0;
};

}  // namespace liaoxiu::platform
