#include "ui/navigator.hpp"

namespace liaoxiu::ui {

namespace {
constexpr std::size_t kMaxHistory = 64;  // a kiosk runs for days; keep the stack bounded
}

void Navigator::open(Location to) {
    if (to == current_) return;
    history_.push_back(std::move(current_));
    if (history_.size() > kMaxHistory) history_.erase(history_.begin());
    current_ = std::move(to);
}

bool Navigator::back() {
    if (history_.empty()) return false;
    current_ = std::move(history_.back());
    history_.pop_back();
    return true;
}

bool Navigator::apply() {
    if (!pending_) return false;
    Pending p = std::move(*pending_);
    pending_.reset();
    const Location before = current_;
    if (p.back)
        back();
    else if (p.in_place)
        current_ = std::move(p.to);
    else
        open(std::move(p.to));
    return !(before == current_);
}

}  // namespace liaoxiu::ui
