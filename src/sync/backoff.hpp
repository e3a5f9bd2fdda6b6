// When to retry: exponential backoff with jitter. Thousands of phones that lost the
// network at the same moment (a cultural palace's Wi-Fi) must not all come back in
// the same second, so each waits a random point in the upper half of its window.
#pragma once

#include "core/model.hpp"

#include <cstdint>
#include <random>
#include <string>

namespace liaoxiu::sync {

struct BackoffPolicy {
    Instant base_seconds = 2;    // the window after the first failure
    Instant cap_seconds = 300;   // no window is longer than this
};

// The wait after `failed_attempts` (>= 1) consecutive failures: uniform in [w/2, w],
// w = min(cap, base * 2^(failed_attempts - 1)); `unit_random` in [0, 1) picks the point.
// Never less than 1 second.
Instant backoff_delay(int failed_attempts, double unit_random, const BackoffPolicy& policy = {});

// The engine's randomness: jitter and idempotency keys. Seeded once; on the web
// std::random_device draws from crypto.getRandomValues.
class Randomness {
public:
    explicit Randomness(std::uint64_t seed);
    double unit();                // [0, 1)
    std::string new_key();        // 32 hex digits (128 bits), for Idempotency-Key and new ids
    std::string hex(int digits);

private:
    std::mt19937_64 engine_;
};

std::uint64_t random_seed();      // from std::random_device

}  // namespace liaoxiu::sync
