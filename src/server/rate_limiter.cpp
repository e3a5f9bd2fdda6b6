#include "server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace liaoxiu::server {

namespace {
// Forget idle clients now and then so the table cannot grow without bound.
constexpr std::size_t kPruneAbove = 100000;
}  // namespace

RateLimiter::Bucket& RateLimiter::refreshed_bucket(const std::string& key) {
    auto now = std::chrono::steady_clock::now();
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
    return bucket;
}

bool RateLimiter::allow(const std::string& key) {
    if (rate_ <= 0) return true;
    std::lock_guard lock(mutex_);
    Bucket& bucket = refreshed_bucket(key);
    if (bucket.tokens < 1.0) return false;
    bucket.tokens -= 1.0;
    return true;
}

bool RateLimiter::has_allowance(const std::string& key) {
    if (rate_ <= 0) return true;
    std::lock_guard lock(mutex_);
    return refreshed_bucket(key).tokens >= 1.0;
}

void RateLimiter::charge(const std::string& key) {
    if (rate_ <= 0) return;
    std::lock_guard lock(mutex_);
    Bucket& bucket = refreshed_bucket(key);
    bucket.tokens = std::max(0.0, bucket.tokens - 1.0);
}

int RateLimiter::retry_after_seconds() const {
    if (rate_ <= 0) return 0;
    return std::max(1, static_cast<int>(std::ceil(1.0 / rate_)));
}

namespace {
constexpr auto kForgetFailures = std::chrono::hours(1);
constexpr std::size_t kMaxKnownAddresses = 8;
}  // namespace

SigninThrottle::Failures& SigninThrottle::failures_for(LoginState& state, const std::string& login,
                                                       const std::string& address) {
    if (std::find(state.known.begin(), state.known.end(), address) != state.known.end()) {
        return known_addresses_[login + '\n' + address];
    }
    return state.failures;
}

int SigninThrottle::delay_seconds(const Failures& failures) const {
    int over = failures.count - free_failures_;
    if (over < 0) return 0;
    if (over >= 20) return max_delay_;
    return std::min(max_delay_, 1 << over);
}

void SigninThrottle::prune(std::chrono::steady_clock::time_point now) {
    if (logins_.size() + known_addresses_.size() < kPruneAbove) return;
    for (auto it = logins_.begin(); it != logins_.end();) {
        bool stale = now - it->second.failures.last > kForgetFailures;
        it = stale && it->second.known.empty() ? logins_.erase(it) : std::next(it);
    }
    for (auto it = known_addresses_.begin(); it != known_addresses_.end();) {
        it = now - it->second.last > kForgetFailures ? known_addresses_.erase(it) : std::next(it);
    }
    if (logins_.size() + known_addresses_.size() >= kPruneAbove) {
        // Still too many: forget the known addresses too rather than grow without bound.
        logins_.clear();
        known_addresses_.clear();
    }
}

int SigninThrottle::wait_seconds(const std::string& login, const std::string& address) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto found = logins_.find(login);
    if (found == logins_.end()) return 0;
    Failures& failures = failures_for(found->second, login, address);
    if (now - failures.last > kForgetFailures) failures.count = 0;
    int delay = delay_seconds(failures);
    if (delay == 0) return 0;
    double waited = std::chrono::duration<double>(now - failures.last).count();
    if (waited >= delay) return 0;
    return std::max(1, static_cast<int>(std::ceil(delay - waited)));
}

void SigninThrottle::failed(const std::string& login, const std::string& address) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    prune(now);
    Failures& failures = failures_for(logins_[login], login, address);
    if (now - failures.last > kForgetFailures) failures.count = 0;
    ++failures.count;
    failures.last = now;
}

void SigninThrottle::succeeded(const std::string& login, const std::string& address) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    prune(now);
    LoginState& state = logins_[login];
    // Only the count this address was judged by starts again: failures elsewhere stand.
    failures_for(state, login, address).count = 0;
    auto known = std::find(state.known.begin(), state.known.end(), address);
    if (known != state.known.end()) state.known.erase(known);
    state.known.push_back(address);
    if (state.known.size() > kMaxKnownAddresses) {
        known_addresses_.erase(login + '\n' + state.known.front());
        state.known.erase(state.known.begin());
    }
}

}  // namespace liaoxiu::server
