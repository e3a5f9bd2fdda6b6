#include "platform/touch_gestures.hpp"

#include <cfloat>
#include <cmath>

namespace liaoxiu::platform {

void TouchGestures::finger_down(ImVec2 position, double time) {
    phase_ = Phase::touching;
    start_ = position_ = position;
    pending_scroll_ = 0;
    velocity_ = 0;
    last_move_time_ = time;
}

void TouchGestures::finger_move(ImVec2 position, double time) {
    if (phase_ != Phase::touching && phase_ != Phase::dragging) return;
    if (phase_ == Phase::touching) {
        const float dx = position.x - start_.x, dy = position.y - start_.y;
        if (dx * dx + dy * dy < kTapSlop * kTapSlop) return;
        phase_ = Phase::dragging;
    }
    const float dy = position.y - position_.y;
    pending_scroll_ += dy;
    const double dt = time - last_move_time_;
    if (dt > 0) {
        // Smooth the speed over the last few moves so one jittery sample doesn't fling the list.
        const float instant = static_cast<float>(dy / dt);
        velocity_ = 0.6f * instant + 0.4f * velocity_;
    }
    position_ = position;
    last_move_time_ = time;
}

void TouchGestures::finger_up(ImVec2 position, double time) {
    if (phase_ == Phase::touching) {
        position_ = position;
        phase_ = Phase::tap_press;
    } else if (phase_ == Phase::dragging) {
        if (position.x != position_.x || position.y != position_.y) finger_move(position, time);
        // A finger that stopped before lifting does not glide.
        const bool moving = time - last_move_time_ < 0.1;
        phase_ = moving && std::fabs(velocity_) > kGlideStopSpeed ? Phase::gliding : Phase::leaving;
    }
}

void TouchGestures::cancel() {
    if (phase_ != Phase::touching && phase_ != Phase::dragging) return;
    pending_scroll_ = 0;
    velocity_ = 0;
    phase_ = Phase::leaving;
}

bool TouchGestures::apply(ImGuiIO& io, double time, float scroll_step) {
    const double dt = last_frame_time_ > 0 ? time - last_frame_time_ : 0.0;
    last_frame_time_ = time;
    const ImVec2 away(-FLT_MAX, -FLT_MAX);
    switch (phase_) {
    case Phase::idle:
        return false;
    case Phase::touching:  // hover where the finger is, but do not press yet
        io.MousePos = position_;
        io.MouseDown[0] = false;
        return false;
    case Phase::dragging:
        io.MousePos = position_;
        io.MouseDown[0] = false;
        io.MouseWheel += pending_scroll_ / scroll_step;
        pending_scroll_ = 0;
        return false;
    case Phase::tap_press:
        io.MousePos = position_;
        io.MouseDown[0] = true;
        phase_ = Phase::tap_release;
        return true;
    case Phase::tap_release:
        io.MousePos = position_;
        io.MouseDown[0] = false;
        phase_ = Phase::leaving;
        return true;
    case Phase::gliding: {
        io.MousePos = position_;
        io.MouseDown[0] = false;
        io.MouseWheel += pending_scroll_ / scroll_step + static_cast<float>(velocity_ * dt) / scroll_step;
        pending_scroll_ = 0;
        velocity_ *= static_cast<float>(std::exp2(-dt / kGlideHalfLife));
        if (std::fabs(velocity_) < kGlideStopSpeed) phase_ = Phase::leaving;
        return true;
    }
    case Phase::leaving:
        io.MousePos = away;
        io.MouseDown[0] = false;
        phase_ = Phase::idle;
        return true;
    }
    return false;
}

}  // namespace liaoxiu::platform
