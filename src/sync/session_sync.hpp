// The session: sign-in and sign-out, the account (a session restored from Storage is
// checked with GET /me before it is trusted for more than browsing), and a worker's own
// trips (GET /me/trips). Answers for an earlier session are recognised by its generation
// and ignored. Kiosk mode keeps nothing of it in Storage.
#pragma once

#include "sync/engine_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace liaoxiu::sync {

class Outbox;

class SessionSync {
public:
    // `outbox` holds the actions made in this session: they go when it ends.
    SessionSync(EngineContext& context, Outbox& outbox) : ctx_(context), outbox_(outbox) {}

    void load();  // the session Storage holds (never in kiosk mode)
    void poll();  // GET /me or GET /me/trips when due
    void sign_in(const std::string& login, const std::string& password);
    void sign_out();
    // Ends the session here (token, account, trips and unsent actions) and says so.
    void end(Notice::Kind kind, std::string zh, std::string en);
    void want_trips();  // a worker's trips are fetched again at the next poll
    // What the worker has seen of their trips on 我的 (ClientState::trips_seen), remembered in
    // Storage for the signed-in account (never on a kiosk); forgotten at sign-out.
    void trips_seen(std::vector<std::pair<Id, std::string>> seen);
    // The trips the worker was asked to rate (ClientState::reviews_asked), kept the same way.
    void reviews_asked(std::vector<Id> groups);
    // What 我的 showed of the worker's wishes (ClientState::wishes_seen), kept the same way.
    void wishes_seen(std::vector<std::pair<Id, std::string>> seen);
    void persist();

    const std::string& token() const { return token_; }
    std::uint64_t generation() const { return generation_; }
    bool busy() const;

private:
    // How far the signed-in account is trusted.
    enum class Standing {
        none,        // nobody is signed in
        unverified,  // restored from Storage: GET /me is due at next_me_
        verifying,   // GET /me is on its way
        verified,    // signed in here, or GET /me confirmed it
    };
    // A worker's trips (GET /me/trips), which may be wanted again while one is on its way.
    enum class Trips { current, wanted, loading, loading_then_wanted };

    void on_sign_in(const HttpResponse& response, std::uint64_t generation);
    void on_me(const HttpResponse& response, std::uint64_t generation);
    void on_trips(const HttpResponse& response, std::uint64_t generation);
    void trips_answered();
    void forget_wanted_trips();
    // ClientState::trips_seen and reviews_asked of the signed-in account, from Storage.
    void load_account_records();
    // {"account": id, field: value} under `key`: the value when it is the signed-in account's
    // (never on a kiosk); one account's at a time.
    std::optional<nlohmann::json> account_record(const char* key, const char* field) const;
    void put_account_record(const char* key, const char* field, nlohmann::json value);

    EngineContext& ctx_;
    Outbox& outbox_;
    std::string token_;
    std::uint64_t generation_ = 0;  // bumps at every sign-in and end
    Standing standing_ = Standing::none;
    Trips trips_ = Trips::current;
    Instant next_me_ = 0;
};

}  // namespace liaoxiu::sync
