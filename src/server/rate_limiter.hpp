// Token buckets per client key (an account or an address): `rate` requests a
// second on average, bursts up to `burst`. A rate of 0 turns the limit off.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace liaoxiu::server {

class RateLimiter {
public:
    RateLimiter(double rate_per_second, double burst) : rate_(rate_per_second), burst_(burst) {}
    // True when the request may go ahead (and takes a token); false: answer 429.
    bool allow(const std::string& key);
    // Seconds until the next token for a refused client (for Retry-After).
    int retry_after_seconds() const;

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point refreshed;
    };
    double rate_;
    double burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace liaoxiu::server
