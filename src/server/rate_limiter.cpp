#include "server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace liaoxiu::server {

namespace {
// Forget idle clients now and then so the table cannot grow without bound.
constexpr std::size_t kPruneAbove = 100000;
}  // namespace

bool RateLimiter::allow(const std::string& key) {
    if (rate_ <= 0) return true;
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (buckets_.size() > kPruneAbove) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            double idle = std::chrono::duration<double>(now - it->second.refreshed).count();
            it = idle * rate_ + it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
        }
    }
    auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& bucket = it->second;
    if (!inserted) {
        double elapsed = std::chrono::duration<double>(now - bucket.refreshed).count();
        bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
        bucket.refreshed = now;
    }
    if (bucket.tokens < 1.0) return false;
    bucket.tokens -= 1.0;
    return true;
}

int RateLimiter::retry_after_seconds() const {
    if (rate_ <= 0) return 0;
    return std::max(1, static_cast<int>(std::ceil(1.0 / rate_)));
}

}  // namespace liaoxiu::server
