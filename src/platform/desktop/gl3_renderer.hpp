// The desktop's renderer: ImGui's own OpenGL3 backend on an OpenGL 3.2 core context.
#pragma once

#include "platform/renderer.hpp"

namespace liaoxiu::platform {

class Gl3Renderer final : public Renderer {
public:
    void request_context() override;
    bool start() override;
    void stop() override;
    void forget_lost_objects() override { stop(); }  // a desktop context keeps its objects
    void new_frame() override;
    void upload_font_atlas(const ui::AtlasUpdate& update) override;
    void render(const ImDrawData* draw_data, int width, int height, ImVec4 clear) override;
};

}  // namespace liaoxiu::platform
