#include "platform/desktop/gl3_renderer.hpp"

#include <imgui_impl_opengl3.h>
// The backend loads GL entry points itself at Init; this header shares them.
#include <imgui_impl_opengl3_loader.h>

#include <SDL.h>

namespace liaoxiu::platform {

void Gl3Renderer::request_context() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
}

bool Gl3Renderer::start() {
    ImGui_ImplOpenGL3_Init("#version 150");
    // Create the GL objects now: the backend would otherwise build them lazily in the first
    // NewFrame and rebuild the atlas itself, after our custom glyphs are in.
    return ImGui_ImplOpenGL3_CreateDeviceObjects();
}

void Gl3Renderer::stop() { ImGui_ImplOpenGL3_Shutdown(); }

void Gl3Renderer::new_frame() { ImGui_ImplOpenGL3_NewFrame(); }

void Gl3Renderer::upload_font_atlas(const ui::AtlasUpdate& update) {
    if (!update) return;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Gl3Renderer::render(const ImDrawData* draw_data, int width, int height, ImVec4 clear) {
    glViewport(0, 0, width, height);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(const_cast<ImDrawData*>(draw_data));
}

}  // namespace liaoxiu::platform
