#include "platform/web/webgl_renderer.hpp"

#include <GLES3/gl3.h>
#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace liaoxiu::platform {

namespace {

constexpr const char* kVertexShader = R"(#version 300 es
uniform mat4 projection;
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
    frag_uv = uv;
    frag_color = color;
    gl_Position = projection * vec4(position, 0.0, 1.0);
}
)";

// The atlas holds coverage in its one channel; ImGui's white pixel is full coverage, so
// solid shapes take the vertex colour as it is.
constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;
in vec2 frag_uv;
in vec4 frag_color;
layout (location = 0) out vec4 out_color;
void main() {
    out_color = frag_color * vec4(1.0, 1.0, 1.0, texture(atlas, frag_uv).r);
}
)";

GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[512] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "WebGL shader did not compile: %s\n", log);
    }
    return shader;
}

GLuint texture_name(ImTextureID id) { return static_cast<GLuint>(reinterpret_cast<std::intptr_t>(id)); }

}  // namespace

void WebGlRenderer::request_context() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
}

bool WebGlRenderer::start() {
    ImGui::GetIO().BackendRendererName = "liaoxiu_webgl2";
    return create();
}

void WebGlRenderer::stop() {
    destroy();
    ImGui::GetIO().BackendRendererName = nullptr;
}

void WebGlRenderer::upload_font_atlas(const ui::AtlasUpdate& update) {
    if (update.whole)
        upload_whole_atlas(*ImGui::GetIO().Fonts);
    else if (update)
        upload_atlas_rows(*ImGui::GetIO().Fonts, update.first_row, update.rows);
}

bool WebGlRenderer::create() {
    const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    program_ = glCreateProgram();
    glAttachShader(program_, vertex);
    glAttachShader(program_, fragment);
    glLinkProgram(program_);
    glDeleteShader(vertex);  // kept alive by the program
    glDeleteShader(fragment);
    GLint linked = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) {
        std::fprintf(stderr, "WebGL program did not link\n");
        return false;
    }
    projection_location_ = glGetUniformLocation(program_, "projection");
    texture_location_ = glGetUniformLocation(program_, "atlas");

    glGenBuffers(1, &vertex_buffer_);
    glGenBuffers(1, &index_buffer_);
    vertex_capacity_ = index_capacity_ = 0;
    // The vertex layout is recorded once in the vertex array, with the index buffer.
    glGenVertexArrays(1, &vertex_array_);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);
    const auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);
    return true;
}

void WebGlRenderer::destroy() {
    if (font_texture_) glDeleteTextures(1, &font_texture_);
    if (vertex_array_) glDeleteVertexArrays(1, &vertex_array_);
    if (vertex_buffer_) glDeleteBuffers(1, &vertex_buffer_);
    if (index_buffer_) glDeleteBuffers(1, &index_buffer_);
    if (program_) glDeleteProgram(program_);
    forget_lost_objects();
}

void WebGlRenderer::forget_lost_objects() {
    program_ = vertex_array_ = vertex_buffer_ = index_buffer_ = font_texture_ = 0;
    vertex_capacity_ = index_capacity_ = 0;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void WebGlRenderer::upload_whole_atlas(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    if (!font_texture_) glGenTextures(1, &font_texture_);
    glBindTexture(GL_TEXTURE_2D, font_texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_texture_)));
}

void WebGlRenderer::upload_atlas_rows(ImFontAtlas& atlas, int first_row, int rows) {
    if (!font_texture_) return upload_whole_atlas(atlas);
    glBindTexture(GL_TEXTURE_2D, font_texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, first_row, atlas.TexWidth, rows, GL_RED, GL_UNSIGNED_BYTE,
                    atlas.TexPixelsAlpha8 + static_cast<long>(first_row) * atlas.TexWidth);
}

void WebGlRenderer::render(const ImDrawData* draw_data, int width, int height, ImVec4 clear) {
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!draw_data || draw_data->CmdListsCount == 0 || width <= 0 || height <= 0 || !program_) return;

    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(program_);
    glUniform1i(texture_location_, 0);
    // ImGui's coordinates (CSS pixels from DisplayPos) to clip space, y down.
    const float left = draw_data->DisplayPos.x, right = left + draw_data->DisplaySize.x;
    const float top = draw_data->DisplayPos.y, bottom = top + draw_data->DisplaySize.y;
    const float projection[16] = {
        2.0f / (right - left), 0, 0, 0,
        0, 2.0f / (top - bottom), 0, 0,
        0, 0, -1.0f, 0,
        (right + left) / (left - right), (top + bottom) / (bottom - top), 0, 1.0f,
    };
    glUniformMatrix4fv(projection_location_, 1, GL_FALSE, projection);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    GLuint bound_texture = 0;

    const ImVec2 origin = draw_data->DisplayPos;
    const ImVec2 scale = draw_data->FramebufferScale;
    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
        const ImDrawList* list = draw_data->CmdLists[n];
        const long vertex_bytes = static_cast<long>(list->VtxBuffer.Size) * static_cast<long>(sizeof(ImDrawVert));
        const long index_bytes = static_cast<long>(list->IdxBuffer.Size) * static_cast<long>(sizeof(ImDrawIdx));
        if (vertex_bytes > vertex_capacity_) {
            vertex_capacity_ = vertex_bytes + vertex_bytes / 2;
            glBufferData(GL_ARRAY_BUFFER, vertex_capacity_, nullptr, GL_STREAM_DRAW);
        }
        if (index_bytes > index_capacity_) {
            index_capacity_ = index_bytes + index_bytes / 2;
            glBufferData(GL_ELEMENT_ARRAY_BUFFER, index_capacity_, nullptr, GL_STREAM_DRAW);
        }
        glBufferSubData(GL_ARRAY_BUFFER, 0, vertex_bytes, list->VtxBuffer.Data);
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, index_bytes, list->IdxBuffer.Data);

        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                // The app submits no callbacks; ImGui's own reset marker needs nothing here.
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - origin.x) * scale.x, y0 = (cmd.ClipRect.y - origin.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - origin.x) * scale.x, y1 = (cmd.ClipRect.w - origin.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(height) - y1),
                      static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
            const GLuint texture = texture_name(cmd.GetTexID());
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                           sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    glBindVertexArray(0);
}

}  // namespace liaoxiu::platform
