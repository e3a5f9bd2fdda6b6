// Service reviews (服务评价) through the sync engine: the worker's due list and own reviews
// (GET /me/reviews), a review written or edited (PUT /groups/{group}/reviews/{member}, sent
// at once: a review is written online, nothing is queued), and a member's public reviews
// (GET /members/{id}/reviews, signed in or not). The secretariat's reads and writes
// (sync/desk/review_desk_intents.cpp) go through send() too. Answers of an ended session are
// dropped; only the latest request of each view counts; nothing is stored.
#pragma once

#include "core/review.hpp"
#include "sync/engine_context.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace liaoxiu::sync {

class SessionSync;

class ReviewSync {
public:
    ReviewSync(EngineContext& context, SessionSync& session) : ctx_(context), session_(session) {}

    void load_my_reviews();
    void submit_review(const Id& group, const Id& member, const ReviewScores& scores, const std::string& comment);
    void load_member_reviews(const Id& member);
    bool busy() const { return in_flight_ > 0; }
    // A worker signed in (not on a kiosk: nothing personal there) whose due list was not read
    // in this session: read it, so 我的 can ask once, politely, on the next visit.
    void poll();

    // A request with the session's token (if any). `done` gets the answer when it is a 2xx,
    // else nullptr and the reason in both languages (unreachable, or the endpoint's refusal).
    // Not called for an answer of another session, nor when the session expired (it is ended).
    using Done = std::function<void(const HttpResponse* ok, const std::string& why_zh, const std::string& why_en)>;
    void send(std::string method, const std::string& path, std::string body, Done done);

private:
    EngineContext& ctx_;
    SessionSync& session_;
    int in_flight_ = 0;
    std::uint64_t asked_generation_ = 0;  // the session (generation + 1) whose due list poll() read
    std::uint64_t my_request_ = 0, member_request_ = 0, write_request_ = 0;
};

}  // namespace liaoxiu::sync
