// The screen history. Widgets ask to go somewhere in the middle of a frame; the move
// happens when the frame is over (apply), so one frame never draws half of two screens.
#pragma once

#include "ui/location.hpp"

#include <optional>
#include <vector>

namespace liaoxiu::ui {

class Navigator {
public:
    const Location& current() const { return current_; }

    // Deferred until apply().
    void go(Location to) { pending_ = Pending{false, false, std::move(to)}; }
    void go_back() { pending_ = Pending{true, false, {}}; }
    // The current screen becomes `to` with no way back to what it was: a new record, once
    // saved, is shown at its own place, and going back must not return to the empty form.
    void go_in_place(Location to) { pending_ = Pending{false, true, std::move(to)}; }
    bool can_go_back() const { return !history_.empty(); }
    bool back_pending() const { return pending_ && pending_->back; }
    bool in_place_pending() const { return pending_ && pending_->in_place; }
    // The screen back() would return to; nullptr when there is none.
    const Location* previous() const { return history_.empty() ? nullptr : &history_.back(); }

    // Immediate.
    void open(Location to);
    bool back();

    // True when the screen changed.
    bool apply();

private:
    struct Pending {
        bool back = false;
        bool in_place = false;
        Location to;
    };
    Location current_;
    std::vector<Location> history_;
    std::optional<Pending> pending_;
};

}  // namespace liaoxiu::ui
