// Draws ImGui's draw lists with WebGL2, in place of ImGui's OpenGL3 backend on the web.
//
// Why not the backend: to leave the GL state as it found it, it reads that state back every
// frame (scissor box, blend functions and equations). In Chromium seven of those reads are
// synchronous round trips to the GPU process; measured in headless Chromium they took 2.2 of
// the 2.5 ms a frame spent in GL. The app owns its context, so this renderer sets the state
// it needs every frame and reads nothing back.
//
// The glyph atlas is uploaded as a one-channel texture straight from ImGui's alpha bitmap
// (a quarter of the bytes of the RGBA copy, and no conversion). The only texture the app
// draws with is that atlas.
#pragma once

#include "platform/renderer.hpp"

#include <imgui.h>

namespace liaoxiu::platform {

class WebGlRenderer final : public Renderer {
public:
    void request_context() override;  // WebGL2 (OpenGL ES 3.0)
    // Compiles the program and makes the buffers.
    bool start() override;
    void stop() override;
    // After a lost context: the objects died with it (deleting them now would be an error,
    // they belong to the old context); only their names are dropped, so start() begins anew.
    void forget_lost_objects() override;
    // The whole atlas, or only the rows that changed (characters added in place).
    void upload_font_atlas(const ui::AtlasUpdate& update) override;
    void render(const ImDrawData* draw_data, int width, int height, ImVec4 clear) override;

private:
    bool create();
    void destroy();
    // (Re-)uploads ImGui's font atlas and sets its texture id.
    void upload_whole_atlas(ImFontAtlas& atlas);
    // Uploads `rows` rows of the atlas from `first_row` on.
    void upload_atlas_rows(ImFontAtlas& atlas, int first_row, int rows);

    unsigned program_ = 0;
    unsigned vertex_array_ = 0;
    unsigned vertex_buffer_ = 0;
    unsigned index_buffer_ = 0;
    unsigned font_texture_ = 0;
    int projection_location_ = -1;
    int texture_location_ = -1;
    long vertex_capacity_ = 0;  // bytes the buffers hold now; grown, never shrunk
    long index_capacity_ = 0;
};

}  // namespace liaoxiu::platform
