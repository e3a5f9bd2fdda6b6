// The sync engine: the one implementation of sync::Intents. It owns the ClientState
// the UI reads, talks to the endpoint through a Transport, keeps the catalogue, the
// session and the outbox in Storage, and tells the user every outcome in words.
//
// It never blocks and never reads a clock: the platform calls poll(now) every frame
// (or on a timer); every response is handled inside poll(). In short:
//   - catalogue: the cached copy (or the bundled file) at once; then a snapshot, then
//     deltas (?since=version) every refresh_seconds, with If-None-Match;
//   - actions (join, withdraw, accept, open, cancel) are checked with the core's rules
//     first (a refusal is told at once, nothing is sent), then go into the outbox with
//     an idempotency key made once per action; the outbox is kept in Storage and sent in
//     order; network errors and 5xx are retried with backoff and jitter, a 4xx drops the
//     action and says why;
//   - kiosk mode keeps nothing personal in Storage.
#pragma once

#include "sync/backoff.hpp"
#include "sync/client.hpp"
#include "sync/config.hpp"
#include "sync/storage.hpp"
#include "sync/transport.hpp"

#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace liaoxiu::sync {

struct EngineOptions {
    bool kiosk = false;           // also switched on by config.json's "kiosk"
    std::uint64_t seed = 0;       // randomness for keys and jitter; 0: from std::random_device
    BackoffPolicy backoff;
    std::size_t max_notices = 30; // older notices are dropped when there are more
};

class SyncEngine : public Intents {
public:
    // Reads what `storage` holds (catalogue, and unless kiosk the session and the outbox).
    // Both references must outlive the engine.
    SyncEngine(Transport& transport, Storage& storage, EngineOptions options = {});
    ~SyncEngine() override;
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // config.json arrived. Without an api_base the app browses offline. May be called again.
    void configure(const ClientConfig& config);
    // config.json could not be fetched or read: browse offline and say why.
    void configure_failed(const DomainError& reason);
    // What the platform's fetch of config.json gave: `fetched` false means `text` is the
    // reason it failed. Parses and calls configure() or configure_failed().
    void configure_from(bool fetched, std::string_view text);
    // The catalogue shipped beside the app (catalogue.json); shown only while nothing
    // fresher (cached from the endpoint, or received) is known.
    void offer_bundled_catalogue(std::string_view text);
    void offer_bundled_catalogue(TextSource& text);

    // Delivers finished requests, then starts whatever is due. `now`: seconds since the epoch.
    void poll(Instant now);

    const ClientState& state() const { return state_; }
    const ClientConfig& config() const { return config_; }
    bool busy() const;  // a request is on its way

    // ---- Intents ----
    void sign_in(const std::string& login, const std::string& password) override;
    void sign_out() override;
    void join(const Id& group) override;
    void withdraw(const Id& group) override;
    void accept_offer(const Id& group) override;
    void open_group(const GroupDraft& draft) override;
    void cancel_group(const Id& group, const std::string& reason) override;
    void refresh() override;
    void dismiss_notice(std::uint64_t id) override;

private:
    using Handler = void (SyncEngine::*)(const HttpResponse&, std::uint64_t tag);

    void load_storage();
    void enter_kiosk_mode();
    void send(std::string method, const std::string& path, std::string body, bool authorized,
              HttpHeaders extra, Handler handler, std::uint64_t tag = 0);

    // Catalogue
    void start_sync();
    void on_sync(const HttpResponse& response, std::uint64_t tag);
    void sync_failed();
    void rebuild_groups();
    void persist_catalogue();
    // Session
    void on_sign_in(const HttpResponse& response, std::uint64_t tag);
    void on_me(const HttpResponse& response, std::uint64_t tag);
    void on_sign_out_answer(const HttpResponse& response, std::uint64_t tag);
    void on_trips(const HttpResponse& response, std::uint64_t tag);
    void persist_session();
    void end_session(const Notice::Kind kind, std::string zh, std::string en);
    // Outbox
    void enqueue(PendingAction action);
    void send_next_action();
    void on_action(const HttpResponse& response, std::uint64_t tag);
    void action_done(const PendingAction& action, const HttpResponse& response);
    void persist_outbox();
    bool already_pending(PendingAction::Kind kind, const Id& group) const;
    // Checks before sending
    bool require_role(Role role, const char* verb_zh, const char* verb_en);
    const GroupTrip* find_group(const Id& id) const;
    const Route* find_route(const Id& id) const;
    const MyTrip* find_my_trip(const Id& group) const;
    bool refused_locally(const DomainError& error, PendingAction::Kind kind);

    // Connection and words
    void reached_endpoint();
    void endpoint_unreachable();
    void notify(Notice::Kind kind, std::string zh, std::string en);
    void changed() { ++state_.revision; }

    Transport& transport_;
    Storage& storage_;
    EngineOptions options_;
    Randomness random_;
    ClientConfig config_;
    bool configured_ = false;
    ClientState state_;
    std::shared_ptr<int> alive_;   // callbacks check it: a transport may outlive the engine

    Instant now_ = 0;
    // Catalogue sync
    bool cache_from_endpoint_ = false;  // the catalogue's version is a valid ?since= cursor
    std::string etag_;
    std::string etag_url_;
    bool need_snapshot_ = false;
    bool sync_in_flight_ = false;
    Instant next_sync_ = 0;
    int sync_failures_ = 0;
    bool told_bad_catalogue_ = false;
    // Session
    std::string token_;
    std::uint64_t session_generation_ = 0;  // answers for an earlier session are ignored
    bool verify_session_ = false;           // a session restored from storage awaits GET /me
    bool me_in_flight_ = false;
    Instant next_me_ = 0;
    bool trips_wanted_ = false;
    bool trips_in_flight_ = false;
    // Outbox
    bool action_in_flight_ = false;
    std::string in_flight_key_;
    std::set<std::string> told_saved_;      // keys already announced as saved for later
    bool told_offline_ = false;
    std::uint64_t offline_notice_ = 0;  // the "no network" notice, taken back when the network returns
    std::uint64_t last_notice_id_ = 0;
};

}  // namespace liaoxiu::sync
