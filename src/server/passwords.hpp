// Secrets: argon2id password hashes (libsodium crypto_pwhash_str) and bearer
// tokens. A token is 32 random bytes shown once to its owner; the database keeps
// only its BLAKE2b hash, so a leaked database holds no usable token.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace liaoxiu::server {

struct PasswordCost {
    unsigned long long opslimit;
    std::size_t memlimit;
    static PasswordCost interactive();  // the default: crypto_pwhash_*_INTERACTIVE
    static PasswordCost minimum();      // tests only (--password-cost min)
};

void init_crypto();  // sodium_init; call once before anything below
std::string hash_password(const std::string& password, const PasswordCost& cost);
bool verify_password(const std::string& hash, const std::string& password);
std::string new_token();                          // 43 chars, URL-safe base64
std::string token_hash(const std::string& token);  // hex of BLAKE2b-256
std::string random_hex(std::size_t bytes);

// Thrown by HashPool::run when its queue is full: the endpoint answers 503 + Retry-After.
struct HashPoolBusy : std::runtime_error {
    HashPoolBusy() : std::runtime_error("the password hashing queue is full") {}
};

// Argon2id takes `memlimit` bytes (64 MiB at the interactive cost) for each hash in
// progress, so hashes are only computed on this pool's few threads: the memory for
// hashing never exceeds threads × memlimit. Callers wait in a bounded queue; beyond it
// run() refuses at once instead of letting a crowd of sign-ins pile up.
class HashPool {
public:
    HashPool(int threads, std::size_t queue);
    ~HashPool();
    HashPool(const HashPool&) = delete;
    HashPool& operator=(const HashPool&) = delete;

    // Runs `work` on a hashing thread and waits for its result; throws HashPoolBusy, or
    // what `work` threw.
    bool run(const std::function<bool()>& work);
    std::string run_text(const std::function<std::string()>& work);

    int threads() const { return static_cast<int>(threads_.size()); }
    std::size_t queue_capacity() const { return capacity_; }

private:
    void submit(std::function<void()> job);
    void work_loop();
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace liaoxiu::server
