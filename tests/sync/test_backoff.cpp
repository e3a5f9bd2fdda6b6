#include <catch2/catch.hpp>

#include "sync/backoff.hpp"

#include <set>

using namespace liaoxiu;
using namespace liaoxiu::sync;

TEST_CASE("backoff windows double up to the cap", "[sync][backoff]") {
    BackoffPolicy policy{2, 300};
    // The top of each window (random → 1) and its bottom (random → 0).
    const Instant tops[] = {2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300};
    for (int attempt = 1; attempt <= 11; ++attempt) {
        INFO("attempt " << attempt);
        const Instant top = tops[attempt - 1];
        CHECK(backoff_delay(attempt, 0.999999, policy) == top);
        CHECK(backoff_delay(attempt, 0.0, policy) == top / 2);
    }
    CHECK(backoff_delay(1000000, 0.5, policy) <= 300);  // no overflow for absurd counts
    CHECK(backoff_delay(0, 0.0, policy) >= 1);
    CHECK(backoff_delay(1, 0.0, BackoffPolicy{1, 1}) == 1);  // never zero: no busy loop
}

TEST_CASE("jitter spreads retries across the upper half of the window", "[sync][backoff]") {
    Randomness random(42);
    std::set<Instant> seen;
    for (int i = 0; i < 2000; ++i) {
        Instant delay = backoff_delay(6, random.unit(), BackoffPolicy{2, 300});
        REQUIRE(delay >= 32);
        REQUIRE(delay <= 64);
        seen.insert(delay);
    }
    CHECK(seen.size() == 33);  // every second of [32, 64] is used
}

TEST_CASE("idempotency keys are 128 random bits, never repeated", "[sync][backoff]") {
    Randomness a(1), b(2);
    std::set<std::string> keys;
    for (int i = 0; i < 10000; ++i) {
        std::string key = a.new_key();
        REQUIRE(key.size() == 32);
        REQUIRE(key.find_first_not_of("0123456789abcdef") == std::string::npos);
        keys.insert(key);
        keys.insert(b.new_key());
    }
    CHECK(keys.size() == 20000);
    CHECK(Randomness(7).new_key() == Randomness(7).new_key());  // seeded: reproducible in tests
}
