#include "platform/sdl_runner.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <SDL.h>
#if defined(__EMSCRIPTEN__)
#include "platform/web/webgl_renderer.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>
#else
// The backend loads GL entry points itself at Init; this header shares them.
#include <imgui_impl_opengl3_loader.h>
#endif

#include <chrono>
#include <cstdio>

namespace liaoxiu::platform {

bool SdlRunner::open(const char* title, int width, int height) {
#if defined(__EMSCRIPTEN__)
    // SDL listens on the canvas only, so the page's own inputs (the text agent) keep their keys.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#endif
    // Touches are handled as gestures (touch_gestures.hpp), not as a synthesized mouse.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
        return false;
    }
#if defined(__EMSCRIPTEN__)
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    glsl_version_ = "#version 300 es";
#else
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    glsl_version_ = "#version 150";
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    window_ = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                               SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window_) {
        std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
        return false;
    }
    gl_context_ = SDL_GL_CreateContext(window_);
    if (!gl_context_) {
        std::fprintf(stderr, "Could not create an OpenGL ES 3 / WebGL2 context: %s\n", SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(window_, gl_context_);
    SDL_GL_SetSwapInterval(1);

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing personal or stale is written anywhere
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
    return start_renderer();
}

// The browser draws with the app's own WebGL renderer (webgl_renderer.hpp says why); the
// desktop with ImGui's OpenGL3 backend.
bool SdlRunner::start_renderer() {
#if defined(__EMSCRIPTEN__)
    ImGui::GetIO().BackendRendererName = "liaoxiu_webgl2";
    return webgl_.create();
#else
    ImGui_ImplOpenGL3_Init(glsl_version_);
    // Create the GL objects now: the backend would otherwise build them lazily in the first
    // NewFrame and rebuild the atlas itself, after our custom glyphs are in.
    return ImGui_ImplOpenGL3_CreateDeviceObjects();
#endif
}

void SdlRunner::stop_renderer() {
#if defined(__EMSCRIPTEN__)
    webgl_.destroy();
    ImGui::GetIO().BackendRendererName = nullptr;
#else
    ImGui_ImplOpenGL3_Shutdown();
#endif
}

void SdlRunner::upload_font_atlas(const ui::AtlasUpdate& update) {
    if (!update) return;
#if defined(__EMSCRIPTEN__)
    if (update.whole)
        webgl_.upload_font_atlas(*ImGui::GetIO().Fonts);
    else
        webgl_.upload_font_atlas_rows(*ImGui::GetIO().Fonts, update.first_row, update.rows);
#else
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
#endif
}

void SdlRunner::render(const ImDrawData* draw_data) {
    int drawable_w = 0, drawable_h = 0;
    SDL_GL_GetDrawableSize(window_, &drawable_w, &drawable_h);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
#if defined(__EMSCRIPTEN__)
    webgl_.render(draw_data, drawable_w, drawable_h, clear);
#else
    glViewport(0, 0, drawable_w, drawable_h);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(const_cast<ImDrawData*>(draw_data));
#endif
}

void SdlRunner::close() {
    stop_renderer();
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
#if defined(__EMSCRIPTEN__)
    if (window_w <= 0) return static_cast<float>(emscripten_get_device_pixel_ratio());
#endif
    return window_w > 0 ? static_cast<float>(drawable_w) / static_cast<float>(window_w) : 1.0f;
}

#if defined(__EMSCRIPTEN__)
// devicePixelRatio changes without a resize event when a window moves to a screen of another
// density, or a zoom keeps the CSS size (media-query change events are not sent everywhere:
// not under Chromium's emulation). SDL sizes the canvas's backing store only on resize, so the
// text would blur: a resize event is raised for it when the ratio moves.
void SdlRunner::follow_device_pixel_ratio() {
    const double ratio = emscripten_get_device_pixel_ratio();
    if (ratio == device_pixel_ratio_) return;
    if (device_pixel_ratio_ > 0) EM_ASM({ window.dispatchEvent(new Event('resize')); });
    device_pixel_ratio_ = ratio;
}
#endif

void SdlRunner::handle_finger(const SDL_Event& event, double now) {
    const SDL_TouchFingerEvent& finger = event.tfinger;
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
#if defined(__EMSCRIPTEN__)
    webgl_.forget_lost_objects();
#else
    stop_renderer();
#endif
    start_renderer();
    // The font atlas again, from ImGui's CPU copy (kept as the atlas grows).
    upload_font_atlas({.whole = true});
    frames_owed_ = frames_owed_ > 0 ? frames_owed_ : 1;
    if (app_) app_->gl_context_restored();
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
#if defined(__EMSCRIPTEN__)
    follow_device_pixel_ratio();
#endif
    app_->set_pixel_ratio(pixel_ratio());
    bool hooks_want = false;
    for (FrameHooks* hooks : hooks_) hooks_want = hooks_want || hooks->wants_frame();
    if (frames_owed_ <= 0 && !app_->wants_frame() && !hooks_want) {
        upload_font_atlas(app_->prefetch_glyphs());  // for frames to come; nothing is drawn
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
    // it is shown (App::needs_another_pass); input is taken by the first pass only.
    ImGuiIO& io = ImGui::GetIO();
    double fonts_ms = 0;
    for (int pass = 0;; ++pass) {
        const auto fonts_started = Clock::now();
        upload_font_atlas(app_->prepare_fonts());
        fonts_ms += ms_between(fonts_started, Clock::now());
#if !defined(__EMSCRIPTEN__)
        ImGui_ImplOpenGL3_NewFrame();
#endif
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
        app_->draw();
        for (FrameHooks* hooks : hooks_) hooks->after_draw(io);
        ImGui::Render();
        if (pass + 1 == kMaxPasses || !app_->needs_another_pass(ImGui::GetDrawData())) break;
        app_->discard_pass();
    }
    const auto built = Clock::now();
    times.fonts_ms = fonts_ms;
    times.build_ms = ms_between(started, built) - fonts_ms;

    render(ImGui::GetDrawData());
    times.gl_ms = ms_between(built, Clock::now());
    SDL_GL_SwapWindow(window_);
    app_->frame_done(ImGui::GetDrawData(), times);
    for (FrameHooks* hooks : hooks_) hooks->after_frame();
    return running;
}

}  // namespace liaoxiu::platform
