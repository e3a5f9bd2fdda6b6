// The C++ half of the text agent (text_agent.js): queues what the hidden <input> delivers
// and feeds it to ImGui 1.86 in an order it handles. Within one frame InputText consumes
// queued characters before key presses, and a key must be seen down at one NewFrame and
// up at a later one; so characters are fed up to the next key, the key is held for one
// frame and released on the next.
#pragma once

#include "platform/sdl_runner.hpp"
#include "ui/item_registry.hpp"

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace liaoxiu::platform {

class TextAgent final : public FrameHooks {
public:
    // `show_text` is told of text the agent is about to draw (the pre-edit), for the atlas.
    void install(const ui::ItemRegistry& items, std::function<void(const std::string&)> show_text);

    // From JavaScript.
    void on_text(std::string text);
    void on_key(int agent_code, int modifiers);
    void on_preedit(std::string text);
    void on_blur() { blur_requested_ = true; changed_ = true; }
    const std::string& preedit() const { return preedit_; }

    // FrameHooks
    bool wants_frame() const override;
    void before_new_frame(ImGuiIO& io) override;
    void after_draw(ImGuiIO& io) override;  // places the agent, draws the pre-edit
    void after_frame() override;            // tells JavaScript where this frame's text fields are

private:
    struct Input {
        std::string text;     // committed text, or empty for a key
        int key = -1;         // ImGuiKey_ value
        int modifiers = 0;    // 1 ctrl, 2 shift, 4 alt, 8 meta
    };
    const ui::ItemRegistry* items_ = nullptr;
    std::function<void(const std::string&)> show_text_;
    std::deque<Input> queue_;
    int held_key_ = -1;
    std::string preedit_;
    bool blur_requested_ = false;
    bool was_editing_ = false;
    bool changed_ = false;
    std::vector<float> published_fields_;
};

TextAgent& text_agent();

}  // namespace liaoxiu::platform
