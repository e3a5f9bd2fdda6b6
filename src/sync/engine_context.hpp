// What the sync engine's parts share: the state the UI reads, the one notifier that
// tells the UI what changed, the way to the endpoint, storage, randomness and the clock
// of the current poll. Each part (catalogue_sync, session_sync, outbox) keeps its own
// small state beside it; SyncEngine (sync_engine.hpp) wires them together.
#pragma once

#include "sync/backoff.hpp"
#include "sync/client.hpp"
#include "sync/config.hpp"
#include "sync/notifier.hpp"
#include "sync/storage.hpp"
#include "sync/transport.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace liaoxiu::sync {

struct EngineOptions {
    bool kiosk = false;           // also switched on by config.json's "kiosk"
    std::uint64_t seed = 0;       // randomness for keys and jitter; 0: from std::random_device
    BackoffPolicy backoff;
    std::size_t max_notices = 30; // older notices are dropped when there are more
    Instant notice_seconds = 0;   // success and info notices go after this long; 0: they stay
};

// The endpoint (or the way to it) is not there: nothing was decided, try again later.
inline bool unreachable(int status) { return status == 0 || status == 502 || status == 503 || status == 504; }
// Worth another attempt under the same key: the endpoint did not decide.
inline bool transient(int status) { return status == 0 || status >= 500 || status == 408 || status == 429; }

struct EngineContext {
    EngineContext(Transport& transport, Storage& storage, EngineOptions options);

    Transport& transport;
    Storage& storage;
    EngineOptions options;
    Randomness random;
    std::optional<ClientConfig> config;  // none until config.json arrived (or could not be read)
    Instant now = 0;                     // of the current poll (or intent)
    ClientState state;
    Notifier notifier;
    std::shared_ptr<int> alive = std::make_shared<int>(0);  // answers check it: a transport may outlive the engine

    // An endpoint to talk to is known.
    bool has_endpoint() const { return config && config->has_endpoint(); }

    using Answer = std::function<void(const HttpResponse&)>;
    // A request to api_base + path; `token` (when not empty) goes as the bearer token.
    // `answer` runs from a later poll, and not at all once the engine is gone.
    void send(std::string method, const std::string& path, std::string body, const std::string& token,
              HttpHeaders extra, Answer answer);

    // Connection changes, told by the notifier; back online, the outbox waits no longer.
    void reached_endpoint();
    void endpoint_unreachable() { notifier.endpoint_unreachable(); }
    // Every queued action is due now (not at the end of its backoff).
    void wake_outbox();

    // Refusals told at once, before anything is sent (both engines' intents use them).
    // True when someone with `role` is signed in; else says why not ("请先登录再…").
    bool require_role(Role role, const char* verb_zh, const char* verb_en);
    // The core's rules refused `kind`: "报名未提交：…".
    void refused_locally(const DomainError& error, PendingAction::Kind kind);
};

}  // namespace liaoxiu::sync
