// How the runner (sdl_runner.hpp) draws ImGui's frames: with ImGui's OpenGL3 backend on the
// desktop (desktop/gl3_renderer.hpp), with the app's own WebGL2 renderer in the browser
// (web/webgl_renderer.hpp). The runner itself has no code for either.
#pragma once

#include "ui/glyph_atlas.hpp"  // AtlasUpdate

#include <imgui.h>

namespace liaoxiu::platform {

class Renderer {
public:
    virtual ~Renderer() = default;
    // Before the window is made: the GL context to ask SDL for (SDL_GL_SetAttribute).
    virtual void request_context() = 0;
    // With the context current: programs, buffers. False (said on stderr) on failure.
    virtual bool start() = 0;
    // Deletes every GL object.
    virtual void stop() = 0;
    // The context was lost and is back without the objects: after this, start() anew.
    virtual void forget_lost_objects() = 0;
    // Before each layout pass, ahead of the SDL backend's NewFrame.
    virtual void new_frame() {}
    // Uploads what changed in ImGui's font atlas (all of it when the texture is gone).
    virtual void upload_font_atlas(const ui::AtlasUpdate& update) = 0;
    // Clears to `clear` and draws `draw_data` on a framebuffer of `width` × `height` pixels.
    virtual void render(const ImDrawData* draw_data, int width, int height, ImVec4 clear) = 0;
};

}  // namespace liaoxiu::platform
