#include "server/passwords.hpp"

#include <sodium.h>

#include <algorithm>
#include <future>
#include <memory>
#include <stdexcept>
#include <vector>

namespace liaoxiu::server {

PasswordCost PasswordCost::interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

std::string hash_password(const std::string& password, const PasswordCost& cost) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.opslimit, cost.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(const std::string& token) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), bytes);
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), buffer.data(), bytes);
    hex.pop_back();
    return hex;
}

namespace {

// Runs `work` on the pool and waits for it; a full queue refuses at once.
template <class Result>
Result run_and_wait(BoundedPool& pool, const std::function<Result()>& work) {
    auto task = std::make_shared<std::packaged_task<Result()>>(work);
    auto result = task->get_future();
    if (!pool.try_submit([task] { (*task)(); })) throw HashPoolBusy();
    return result.get();
}

}  // namespace

bool HashPool::run(const std::function<bool()>& work) { return run_and_wait(pool_, work); }

std::string HashPool::run_text(const std::function<std::string()>& work) { return run_and_wait(pool_, work); }

}  // namespace liaoxiu::server
