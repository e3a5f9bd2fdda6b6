// Waiting for a condition instead of sleeping for a guessed time: a test that sleeps
// fails on a busy machine and wastes time on a quiet one.
#pragma once

#include <chrono>
#include <thread>

namespace liaoxiu::testing {

// Calls `condition` every 20 ms until it is true or `timeout` has passed; returns its last answer.
template <class Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() > give_up) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace liaoxiu::testing
