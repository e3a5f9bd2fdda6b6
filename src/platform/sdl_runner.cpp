#include "platform/sdl_runner.hpp"

#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace liaoxiu::platform {

bool SdlRunner::open(const char* title, int width, int height, Renderer& renderer) {
    renderer_ = &renderer;
    // Touches are handled as gestures (touch_gestures.hpp), not as a synthesized mouse.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
        return false;
    }
    renderer_->request_context();
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    window_ = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                               SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window_) {
        std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
        return false;
    }
    gl_context_ = SDL_GL_CreateContext(window_);
    if (!gl_context_) {
        std::fprintf(stderr, "Could not create the OpenGL (WebGL2) context: %s\n", SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(window_, gl_context_);
    SDL_GL_SetSwapInterval(1);

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing personal or stale is written anywhere
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
    return renderer_->start();
}

void SdlRunner::render(const ImDrawData* draw_data) {
    int drawable_w = 0, drawable_h = 0;
    SDL_GL_GetDrawableSize(window_, &drawable_w, &drawable_h);
    renderer_->render(draw_data, drawable_w, drawable_h, ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
}

void SdlRunner::close() {
    renderer_->stop();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    if (gl_context_) SDL_GL_DeleteContext(gl_context_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

float SdlRunner::pixel_ratio() const {
    int window_w = 0, window_h = 0, drawable_w = 0, drawable_h = 0;
    SDL_GetWindowSize(window_, &window_w, &window_h);
    SDL_GL_GetDrawableSize(window_, &drawable_w, &drawable_h);
    return window_w > 0 ? static_cast<float>(drawable_w) / static_cast<float>(window_w) : 1.0f;
}

void SdlRunner::handle_finger(const SDL_Event& event, double now) {
    const SDL_TouchFingerEvent& finger = event.tfinger;
    if (event.type == SDL_FINGERDOWN && finger_ >= 0 && static_cast<long long>(finger.fingerId) != finger_) {
        // Two fingers: a pinch, the browser's zoom (shell/index.html), not a tap or a scroll.
        touch_.cancel();
        return;
    }
    if (event.type == SDL_FINGERDOWN && finger_ < 0) finger_ = static_cast<long long>(finger.fingerId);
    if (static_cast<long long>(finger.fingerId) != finger_) return;
    int width = 0, height = 0;
    SDL_GetWindowSize(window_, &width, &height);
    const ImVec2 position(finger.x * static_cast<float>(width), finger.y * static_cast<float>(height));
    if (event.type == SDL_FINGERDOWN) touch_.finger_down(position, now);
    if (event.type == SDL_FINGERMOTION) touch_.finger_move(position, now);
    if (event.type == SDL_FINGERUP) {
        touch_.finger_up(position, now);
        finger_ = -1;
    }
}

void SdlRunner::gl_context_restored() {
    gl_lost_ = false;
    // The renderer is started afresh: its handles name objects of the lost context, and it
    // must forget the sizes of buffers that no longer exist, or it would write past the ends
    // of the new ones.
    renderer_->forget_lost_objects();
    renderer_->start();
    // The font atlas again, from ImGui's CPU copy (kept as the atlas grows).
    renderer_->upload_font_atlas({.whole = true});
    frames_owed_ = frames_owed_ > 0 ? frames_owed_ : 1;
    if (client_) client_->gl_context_restored();
}

bool SdlRunner::hooks_want_frame() const {
    return std::any_of(hooks_.begin(), hooks_.end(), [](const FrameHooks* hooks) { return hooks->wants_frame(); });
}

bool SdlRunner::idle() const {
    if (gl_lost_) return true;  // nothing can be drawn until the context is back (which wakes the loop)
    return frames_owed_ <= 0 && !touch_.in_charge() && !client_->wants_frame() && !client_->has_background_work() &&
           !hooks_want_frame();
}

bool SdlRunner::step() {
    const double now = static_cast<double>(SDL_GetPerformanceCounter()) / static_cast<double>(SDL_GetPerformanceFrequency());
    bool running = true;
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        frames_owed_ = kFramesAfterInput;
        if (event.type == SDL_FINGERDOWN || event.type == SDL_FINGERMOTION || event.type == SDL_FINGERUP) {
            handle_finger(event, now);
            continue;
        }
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) running = false;
    }
    if (gl_lost_) return running;
    client_->set_pixel_ratio(pixel_ratio());
    const bool hooks_want = hooks_want_frame();
    if (frames_owed_ <= 0 && !client_->wants_frame() && !hooks_want) {
        renderer_->upload_font_atlas(client_->prefetch_glyphs());  // for frames to come; nothing is drawn
        return running;
    }
    if (hooks_want) frames_owed_ = frames_owed_ > 0 ? frames_owed_ : 1;
    frames_owed_ = frames_owed_ > 0 ? frames_owed_ - 1 : 0;

    using Clock = std::chrono::steady_clock;
    const auto ms_between = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
    };
    FrameTimes times;
    const auto started = Clock::now();
    // A frame whose layout met characters not in the atlas is laid out again with them before
    // it is shown (RunnerClient::needs_another_pass); input is taken by the first pass only.
    ImGuiIO& io = ImGui::GetIO();
    double fonts_ms = 0;
    for (int pass = 0;; ++pass) {
        const auto fonts_started = Clock::now();
        renderer_->upload_font_atlas(client_->prepare_fonts());
        fonts_ms += ms_between(fonts_started, Clock::now());
        renderer_->new_frame();
        ImGui_ImplSDL2_NewFrame();
        if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 60.0f;  // a frozen or coarse clock must not assert
        if (pass == 0) {
            // One wheel notch scrolls five lines in ImGui 1.86.
            const float scroll_step =
                io.Fonts->Fonts.empty() ? 100.0f : 5.0f * io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale;
            if (touch_.apply(io, now, scroll_step)) frames_owed_ = frames_owed_ > 0 ? frames_owed_ : 1;
            for (FrameHooks* hooks : hooks_) hooks->before_new_frame(io);
        }
        ImGui::NewFrame();
        client_->draw();
        for (FrameHooks* hooks : hooks_) hooks->after_draw(io);
        ImGui::Render();
        if (pass + 1 == kMaxPasses || !client_->needs_another_pass(ImGui::GetDrawData())) break;
        client_->discard_pass();
    }
    const auto built = Clock::now();
    times.fonts_ms = fonts_ms;
    times.build_ms = ms_between(started, built) - fonts_ms;

    render(ImGui::GetDrawData());
    times.gl_ms = ms_between(built, Clock::now());
    SDL_GL_SwapWindow(window_);
    client_->frame_done(ImGui::GetDrawData(), times);
    for (FrameHooks* hooks : hooks_) hooks->after_frame();
    return running;
}

}  // namespace liaoxiu::platform
