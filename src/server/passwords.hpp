// Secrets: argon2id password hashes (libsodium crypto_pwhash_str) and bearer
// tokens. A token is 32 random bytes shown once to its owner; the database keeps
// only its BLAKE2b hash, so a leaked database holds no usable token.
#pragma once

#include "server/bounded_pool.hpp"

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

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
    HashPool(int threads, std::size_t queue) : pool_(threads, queue, BoundedPool::OnStop::finish_queued) {}

    // Runs `work` on a hashing thread and waits for its result; throws HashPoolBusy, or
    // what `work` threw.
    bool run(const std::function<bool()>& work);
    std::string run_text(const std::function<std::string()>& work);

    int threads() const { return pool_.threads(); }
    std::size_t queue_capacity() const { return pool_.capacity(); }

private:
    BoundedPool pool_;
};

}  // namespace liaoxiu::server
