// Touch input the way phones behave, fed to ImGui 1.86 (which knows only a mouse):
//  - a tap is a click: press and release on successive frames, after the finger lifts,
//    so a drag that starts on a button never presses it;
//  - a drag beyond a few pixels scrolls whatever is under the finger, and keeps
//    gliding after the finger lifts (inertia), slowing down exponentially;
//  - when the finger is gone the pointer leaves the screen: no sticky hover after a tap.
// Pure logic over ImGuiIO, so it is unit-tested without a browser.
#pragma once

#include <imgui.h>

namespace liaoxiu::platform {

class TouchGestures {
public:
    // Positions in ImGui coordinates (CSS pixels); times in seconds.
    void finger_down(ImVec2 position, double time);
    void finger_move(ImVec2 position, double time);
    void finger_up(ImVec2 position, double time);
    // The finger's gesture is no longer the app's (a second finger came: the browser zooms):
    // it ends without a tap, a scroll still to come or a glide; its further moves are ignored.
    void cancel();

    // Call after the platform backend's NewFrame and before ImGui::NewFrame. Overrides the
    // pointer while touch is in charge. `scroll_step` is how many pixels one wheel notch
    // scrolls. Returns true while it needs further frames (a pending release, a glide).
    bool apply(ImGuiIO& io, double time, float scroll_step);

    bool in_charge() const { return phase_ != Phase::idle; }

    static constexpr float kTapSlop = 10.0f;        // px a tap may wander
    static constexpr double kGlideHalfLife = 0.25;  // s for the glide speed to halve
    static constexpr float kGlideStopSpeed = 30.0f; // px/s below which the glide ends

private:
    enum class Phase { idle, touching, dragging, tap_press, tap_release, gliding, leaving };
    Phase phase_ = Phase::idle;
    ImVec2 start_{0, 0};
    ImVec2 position_{0, 0};
    float pending_scroll_ = 0;  // px dragged since the last frame
    float velocity_ = 0;        // px/s, vertical
    double last_move_time_ = 0;
    double last_frame_time_ = 0;
};

}  // namespace liaoxiu::platform
