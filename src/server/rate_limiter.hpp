// Token buckets per client key (an account or an address): `rate` requests a
// second on average, bursts up to `burst`. A rate of 0 turns the limit off.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace liaoxiu::server {

class RateLimiter {
public:
    RateLimiter(double rate_per_second, double burst) : rate_(rate_per_second), burst_(burst) {}
    // True when the request may go ahead (and takes a token); false: answer 429.
    bool allow(const std::string& key);
    // For limits that count only what went wrong (failed sign-ins): whether a token is
    // left, without taking it, and taking one once the request has failed. Many requests
    // at once from one address (a kiosk, a unit behind NAT) are never refused for being
    // many, only once enough of them have failed.
    bool has_allowance(const std::string& key);
    void charge(const std::string& key);
    // Seconds until the next token for a refused client (for Retry-After).
    int retry_after_seconds() const;

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point refreshed;
    };
    // The key's bucket with the tokens earned since it was last looked at; mutex_ held.
    Bucket& refreshed_bucket(const std::string& key);
    double rate_;
    double burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

// Failed sign-ins per login (the account's folded login, known or not). The first
// `free_failures` failures in a row cost nothing; after them every attempt must wait a
// delay that doubles with each further failure (1 s, 2 s, 4 s, … at most `max_delay`)
// since the last failure; 429 + Retry-After until then. A success clears the count;
// failures older than an hour are forgotten. Never a lockout: the longest wait is
// `max_delay`. And an attacker guessing at a worker's login cannot keep that worker out
// either: an address the login signed in from successfully (the worker's phone, the
// kiosk) keeps its own count and is not held by the failures of other addresses.
class SigninThrottle {
public:
    explicit SigninThrottle(int free_failures = 5, int max_delay_seconds = 300)
        : free_failures_(free_failures), max_delay_(max_delay_seconds) {}
    // 0: may try now; otherwise the seconds to wait.
    int wait_seconds(const std::string& login, const std::string& address);
    void failed(const std::string& login, const std::string& address);
    void succeeded(const std::string& login, const std::string& address);

private:
    struct Failures {
        int count = 0;
        std::chrono::steady_clock::time_point last;
    };
    struct LoginState {
        Failures failures;                 // from addresses not known for this login
        std::vector<std::string> known;    // addresses with a successful sign-in (most recent last, ≤ 8)
    };
    Failures& failures_for(LoginState& state, const std::string& login, const std::string& address);
    int delay_seconds(const Failures& failures) const;
    void prune(std::chrono::steady_clock::time_point now);
    int free_failures_;
    int max_delay_;
    std::mutex mutex_;
    std::unordered_map<std::string, LoginState> logins_;
    std::unordered_map<std::string, Failures> known_addresses_;  // login + '\n' + address
};

}  // namespace liaoxiu::server
