// What the UI is told: the one notifier the engine's parts (catalogue sync, session,
// outbox) share. It keeps ClientState's notices, its connection and its revision (which
// bumps on every change, so the UI rebuilds what it derives only then).
#pragma once

#include "sync/client.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace liaoxiu::sync {

class Notifier {
public:
    Notifier(ClientState& state, std::size_t max_notices, Instant lifetime = 0)
        : state_(state), max_notices_(max_notices), lifetime_(lifetime) {}

    // Something the UI shows changed.
    void changed() { ++state_.revision; }
    // An outcome in words; the oldest notices go when there are more than max_notices.
    // One with a `subject` replaces the notices on the same subject (the stale "no network"
    // when the next word about the network comes). Success and info go after the lifetime.
    void notify(Notice::Kind kind, std::string zh, std::string en, std::string subject = {});
    // The clock moved on (every poll): notices past their time go.
    void tick(Instant now);
    void dismiss(std::uint64_t id);

    // An answer came from the endpoint. "No network", if it was said, is taken back (and
    // "back online" said). True when the connection was not online before: what waited
    // for the network may go now.
    bool reached_endpoint();
    // No answer at all (or the way to the endpoint said it is not there): offline, said once.
    void endpoint_unreachable();

private:
    ClientState& state_;
    std::size_t max_notices_;
    Instant lifetime_ = 0;
    Instant now_ = 0;
    std::uint64_t last_notice_id_ = 0;
    std::uint64_t offline_notice_ = 0;  // "no network" as told, until the network returns; 0: not told
};

}  // namespace liaoxiu::sync
