// The outbox: actions the user made (join, withdraw, accept, open, cancel), each with an
// idempotency key made once, kept in Storage and sent one at a time in order. Network
// errors and 5xx are retried with backoff and jitter under the same key (the endpoint
// replays a join's first answer; for the others a refusal that means "done already" on
// a retry counts as done); a 4xx drops the action and says why.
#pragma once

#include "sync/engine_context.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>

namespace liaoxiu::sync {

class CatalogueSync;
class SessionSync;

// How an action is named in what the user is told ("报名未成功：…").
struct Verb {
    const char* zh;
    const char* en;
};
Verb verb_of(PendingAction::Kind kind);

class Outbox {
public:
    Outbox(EngineContext& context, SessionSync& session, CatalogueSync& catalogue)
        : ctx_(context), session_(session), catalogue_(catalogue) {}

    void load();  // what Storage holds (never in kiosk mode), after the session's load
    void enqueue(PendingAction action);  // gives it its key; sends it when it is its turn
    void poll();                         // sends the next action when it is due
    std::size_t clear();                 // the session ended: its actions go; how many went
    bool pending(PendingAction::Kind kind, const Id& group) const;
    bool busy() const { return sending_.has_value(); }
    // Who reads the answers to the secretariat's route and policy actions (DeskEngine).
    using DeskAnswers = std::function<void(const PendingAction&, const HttpResponse&)>;
    void set_desk_answers(DeskAnswers answers) { desk_answers_ = std::move(answers); }

private:
    void on_answer(const HttpResponse& response, std::uint64_t generation);
    void done(const PendingAction& action, const HttpResponse& response);
    void desk_done(const PendingAction& action, const HttpResponse& response);  // routes and policies
    void set_my_trip(const Id& group, PlaceState state, int waitlist_position);
    void mark_roster_stale(const Id& group);  // an add or withdrawal landed: the roster is fetched again
    void persist();

    EngineContext& ctx_;
    SessionSync& session_;
    CatalogueSync& catalogue_;
    std::optional<std::string> sending_;  // the key of the action on its way (one at a time: order is kept)
    std::set<std::string> told_saved_;    // keys already announced as saved for later
    DeskAnswers desk_answers_;
};

}  // namespace liaoxiu::sync
