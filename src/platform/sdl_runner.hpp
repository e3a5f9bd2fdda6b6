// One window with an OpenGL (ES 3 / WebGL2) context, ImGui's SDL2 backend, a Renderer
// (renderer.hpp) and the frame pump. Shared by the browser and the desktop: only the
// main loop differs (the browser calls step() from requestAnimationFrame, the
// desktop in a while loop). It runs a RunnerClient (runner_client.hpp) and knows nothing
// else of the app.
#pragma once

#include "platform/renderer.hpp"
#include "platform/runner_client.hpp"
#include "platform/touch_gestures.hpp"

#include <vector>

struct SDL_Window;
union SDL_Event;

namespace liaoxiu::platform {

// Platform pieces that take part in every frame (the web's text agent).
class FrameHooks {
public:
    virtual ~FrameHooks() = default;
    virtual bool wants_frame() const = 0;
    virtual void before_new_frame(ImGuiIO& io) = 0;  // after the backend's NewFrame, before ImGui's
    virtual void after_draw(ImGuiIO& io) = 0;        // after the client drew, before Render
    virtual void after_frame() {}                    // once the frame is on screen and published
};

class SdlRunner {
public:
    // Creates the window and the GL context `renderer` asks for, and starts the renderer
    // (which must outlive the runner). Returns false (with a message on stderr) on failure.
    bool open(const char* title, int width, int height, Renderer& renderer);
    void close();

    // Device pixels per CSS (or logical) pixel of the window.
    float pixel_ratio() const;

    void attach(RunnerClient& client) { client_ = &client; }
    void add_hooks(FrameHooks& hooks) { hooks_.push_back(&hooks); }
    // Processes pending input and draws a frame if anything changed: input, the app's
    // state, a timer it asked for, a touch glide. An idle app draws nothing at all.
    // Returns false once the user closed the window.
    bool step();
    // Nothing to draw and nothing to do until an event arrives: no frames owed after input, no
    // touch gesture under way, and neither the client nor a hook wants a frame or has
    // background work. The browser's loop then sleeps (web_page.cpp).
    bool idle() const;

    // The GL context was lost (WebGL: the GPU process restarted, the tab was evicted): no
    // frames are drawn until it is back. Input is still taken and the app's state is kept.
    void gl_context_lost() { gl_lost_ = true; }
    // The context is back with none of its objects: the renderer's buffers, shaders and the
    // glyph atlas texture are made anew from what ImGui still holds, and a frame is drawn.
    void gl_context_restored();

    // ImGui settles hover and active states over a couple of frames after each input.
    static constexpr int kFramesAfterInput = 3;
    // Layout passes a frame may take to get every glyph it draws into the atlas.
    static constexpr int kMaxPasses = 3;

private:
    bool hooks_want_frame() const;
    void handle_finger(const SDL_Event& event, double now);
    void render(const ImDrawData* draw_data);

    SDL_Window* window_ = nullptr;
    void* gl_context_ = nullptr;
    Renderer* renderer_ = nullptr;
    RunnerClient* client_ = nullptr;
    std::vector<FrameHooks*> hooks_;
    TouchGestures touch_;
    long long finger_ = -1;   // the finger being followed; others are ignored
    int frames_owed_ = 1;
    bool gl_lost_ = false;
};

}  // namespace liaoxiu::platform
