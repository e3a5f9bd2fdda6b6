// Secrets: argon2id password hashes (libsodium crypto_pwhash_str) and bearer
// tokens. A token is 32 random bytes shown once to its owner; the database keeps
// only its BLAKE2b hash, so a leaked database holds no usable token.
#pragma once

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

}  // namespace liaoxiu::server
