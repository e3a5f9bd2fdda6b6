#include "sync/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace liaoxiu::sync {

Instant backoff_delay(int failed_attempts, double unit_random, const BackoffPolicy& policy) {
    const Instant base = std::max<Instant>(1, policy.base_seconds);
    const Instant cap = std::max(base, policy.cap_seconds);
    Instant window = base;
    for (int i = 1; i < failed_attempts && window < cap; ++i) window *= 2;  // no overflow: stops at the cap
    window = std::min(window, cap);
    const double fraction = std::clamp(unit_random, 0.0, 1.0);
    const Instant half = window / 2;
    const Instant delay = half + static_cast<Instant>(std::floor(fraction * static_cast<double>(window - half + 1)));
    return std::clamp<Instant>(delay, 1, window);
}

Randomness::Randomness(std::uint64_t seed) : engine_(seed) {}

double Randomness::unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }

std::string Randomness::hex(int digits) {
    static const char kDigits[] = "0123456789abcdef";
    std::string text;
    std::uint64_t bits = 0;
    for (int i = 0; i < digits; ++i) {
        if (i % 16 == 0) bits = engine_();
        text += kDigits[bits & 15];
        bits >>= 4;
    }
    return text;
}

std::string Randomness::new_key() { return hex(32); }

std::uint64_t random_seed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace liaoxiu::sync
