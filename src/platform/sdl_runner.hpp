// One window with an OpenGL (ES 3 / WebGL2) context, ImGui's SDL2 and OpenGL3
// backends, and the frame pump. Shared by the browser and the desktop: only the
// main loop differs (the browser calls step() from requestAnimationFrame, the
// desktop in a while loop).
#pragma once

#include "app/app.hpp"

struct SDL_Window;

namespace liaoxiu::platform {

class SdlRunner {
public:
    // Creates the window and GL context. Returns false (with a message on stderr) on failure.
    bool open(const char* title, int width, int height);
    void close();

    // Device pixels per CSS (or logical) pixel of the window.
    float pixel_ratio() const;

    void attach(App& app) { app_ = &app; }
    // Processes pending input and draws one frame. Returns false once the user closed the window.
    bool step();

private:
    SDL_Window* window_ = nullptr;
    void* gl_context_ = nullptr;
    App* app_ = nullptr;
};

}  // namespace liaoxiu::platform
