// Accounts and sessions: workers (member number, name, unit), organizers (a
// unit's union) and the secretariat. Sign-in checks an argon2id hash and hands
// out a random bearer token that expires; only the token's hash is stored.
#pragma once

#include "core/permissions.hpp"
#include "server/backend.hpp"
#include "server/passwords.hpp"
#include "server/request_decode.hpp"
#include "server/store.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace liaoxiu::server {

class AccountService {
public:
    // `hashing`: where hashes are computed (nullptr: on the calling thread, for tools and tests).
    AccountService(Backend& backend, PasswordCost cost, Instant token_lifetime, HashPool* hashing = nullptr);

    // 201 body {token, token_type, expires_at, account}; 401 "bad_credentials" otherwise;
    // HashPoolBusy when the hashing queue is full.
    nlohmann::json sign_in(const SignInRequest& request);
    std::optional<Principal> authenticate(const std::string& token);
    void sign_out(const std::string& token);
    // The secretariat creates any account; an organizer creates workers of its own unit.
    nlohmann::json create_account(const Principal& by, const AccountRequest& request);
    // GET /units/{id}/workers: the unit's worker accounts, for its union and the secretariat.
    nlohmann::json unit_workers(const Principal& by, const Id& unit);

    static nlohmann::json describe(const store::Account& account);
    static nlohmann::json describe(const Principal& principal);

private:
    Backend& backend_;
    PasswordCost cost_;
    Instant token_lifetime_;
    HashPool* hashing_;
    std::string decoy_hash_;  // verified against when the login is unknown, so timing tells nothing

    // Recently verified sessions by token hash, so a busy client's requests do not each
    // query the database. An entry is trusted for kSessionCacheSeconds at most (and never
    // past the session's expiry); sign-out here removes it at once, a sign-out through
    // another process sharing the database is seen within that time.
    struct CachedSession {
        Principal principal;
        Instant expires = 0;
        std::chrono::steady_clock::time_point trusted_until;
    };
    static constexpr int kSessionCacheSeconds = 10;
    static constexpr std::size_t kSessionCacheSize = 10000;
    std::mutex sessions_mutex_;
    std::unordered_map<std::string, CachedSession> sessions_;
    // Signed out here lately: never cached again, even by a request that read the
    // session just before the sign-out committed.
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> signed_out_;
};

// The principal as the core's permission rules see them (core/permissions.hpp). A role the
// core does not know (none is stored: accounts are created with one of the three) is
// treated as a worker, the role allowed least.
Actor actor_of(const Principal& principal);

// The demo accounts (documented in docs/api.md): per unit three workers and an
// organizer, plus one secretariat admin, all with kDemoPassword; and an account for every
// worker holding a place in the demo's groups (so a union's roster names them and can withdraw
// them): per unit, by first appearance (groups in order, places in order), logins
// `<unit>-04`, `-05`, … named `<unit name>职工4`, … Idempotent.
inline constexpr const char* kDemoPassword = "liaoxiu-demo";
void create_demo_accounts(WriteContext& context, const Catalogue& catalogue, const std::string& password_hash);

}  // namespace liaoxiu::server
