// The accessibility tree: what ImGui drew last, mirrored as HTML elements over the canvas
// (semantics.js), the way Flutter's web engine keeps a semantics tree beside its canvas. Each
// button, chip, checkbox and text field of the frame becomes an element with its role, name,
// state and place, in the order the screen submits them (its reading order); the text the
// screens note (status lines, counts) becomes plain text. A screen reader or the keyboard
// finds them and presses them; a press is handed back to the canvas as a click at the item,
// so it goes through exactly what a tap would. An item outside its window's visible area is
// in the tree too: when it takes focus, its window scrolls it into view.
//
// The elements never take pointer input (pointer-events: none): taps and drags keep going to
// the canvas.
#pragma once

#include "platform/sdl_runner.hpp"
#include "ui/item_registry.hpp"

#include <string>

namespace liaoxiu::platform {

class Semantics final : public FrameHooks {
public:
    void install(const ui::ItemRegistry& items);

    // From JavaScript: the item `id` took focus; bring it into view if it is not.
    void show(ImGuiID id);

    // FrameHooks
    bool wants_frame() const override { return show_ != 0; }
    void before_new_frame(ImGuiIO& io) override;
    void after_draw(ImGuiIO&) override {}
    void after_frame() override;

private:
    const ui::ItemRegistry* items_ = nullptr;
    std::string published_;
    ImGuiID show_ = 0;
};

Semantics& semantics();

}  // namespace liaoxiu::platform
