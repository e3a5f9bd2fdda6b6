// Service reviews (服务评价) as the endpoint offers them (core/review.hpp has the rules,
// core/wire_reviews.hpp the answers' shapes, docs/api.md "Service reviews" the routes):
// a worker's due and written reviews, writing one (a writer job: the rule and the write in one
// transaction), a member's public page, the secretariat's scores over time, its standing marks
// (整改 / 先进典型) and hiding a comment (both audited). Storage: `reviews` and
// `member_standing` (store_reviews.cpp, the same SQL on SQLite and PostgreSQL).
#pragma once

#include "core/generate_history.hpp"
#include "core/review.hpp"
#include "core/wire_reviews.hpp"
#include "server/backend.hpp"
#include "server/sql.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::server {

namespace store {
// The tables and their indexes (once; CREATE ... IF NOT EXISTS).
void create_reviews_schema(Connection& db);

std::optional<Review> load_review(Connection& db, const Id& id);
std::optional<Review> find_review(Connection& db, const Id& group, const Id& member, const Id& worker);
// Inserts or replaces the review with this id.
void save_review(Connection& db, const Review& review);
// A worker's own reviews, newest first.
std::vector<Review> worker_reviews(Connection& db, const Id& worker);

// Count and star sums of a member's reviews (hidden ones included).
MemberScore member_score(Connection& db, const Id& member);
// A page of a member's shown comments (not hidden, not empty), newest first, and how many there are.
std::vector<Review> member_comments(Connection& db, const Id& member, int limit, int offset);
int count_member_comments(Connection& db, const Id& member);

// Reviews first written within [from, to] (China days; open ends when unset), optionally of one
// member, counted per member and China month (yyyymm).
struct ReviewScoreFilter {
    std::optional<Day> from;
    std::optional<Day> to;
    std::optional<Id> member;
};
struct MonthlyScore {
    Id member;
    int month = 0;  // yyyymm
    MemberScore score;
};
std::vector<MonthlyScore> monthly_scores(Connection& db, const ReviewScoreFilter& filter);

std::optional<StandingMark> load_standing(Connection& db, const Id& member);
std::vector<StandingMark> load_standings(Connection& db);
// Stores the mark (a mark of `none` removes the member's row).
void save_standing(Connection& db, const StandingMark& mark);

// The statements the member page and the scores run (the benchmark prints their plans).
struct ReviewStatement {
    std::string sql;
    SqlParams params;
};
std::vector<ReviewStatement> review_statements(const ReviewScoreFilter& filter, const Id& member);
}  // namespace store

// What a PUT /groups/{group}/reviews/{member} body says: {scores: {...}, comment?}.
struct ReviewRequest {
    ReviewScores scores;
    std::string comment;
};
// missing_field / wrong_type with the path ("scores", "scores.process", "comment").
Result<ReviewRequest> decode_review_request(const nlohmann::json& body);
// {standing, note?, follow_up?}.
struct StandingRequest {
    MemberStanding standing = MemberStanding::none;
    std::string note;
    std::optional<Day> follow_up;
};
Result<StandingRequest> decode_standing_request(const nlohmann::json& body);

// A write's answer and its status (201 for a new review, 200 for an edit).
struct ReviewWrite {
    int status = 200;
    nlohmann::json body;
};

// GET /me/reviews (workers only).
nlohmann::json my_reviews(Backend& backend, const Principal& by);
// PUT /groups/{group}/reviews/{member} (the worker, for themself).
ReviewWrite put_review(Backend& backend, const Principal& by, const Id& group, const Id& member,
                       const ReviewRequest& request);
// GET /members/{id}/reviews (anyone).
nlohmann::json member_reviews(Backend& backend, const Id& member, int limit, int offset);
// GET /reviews/scores (the secretariat; the caller checked the role).
nlohmann::json review_scores(Backend& backend, const store::ReviewScoreFilter& filter,
                             const std::optional<Id>& alliance);
// POST /members/{id}/standing (the secretariat), audited.
nlohmann::json set_standing(Backend& backend, const Principal& by, const Id& member, const StandingRequest& request);
// POST /reviews/{id}/hide (the secretariat), audited.
nlohmann::json hide_review_comment(Backend& backend, const Principal& by, const Id& review, const std::string& reason);

// The demo's past (core/generate_history.hpp) stored in the demo load's transaction: the
// traveller's account (login kDemoTravellerLogin, `password_hash`), the past trips, their
// reviews and the standing marks. The synthetic workers' accounts are create_demo_accounts'.
void apply_demo_history(WriteContext& context, const DemoHistory& history, const Catalogue& catalogue,
                        const std::string& password_hash);

// Who may read the scores and mark members: the secretariat ("forbidden" for anyone else).
std::optional<DomainError> review_scores_forbidden(const Principal& by);

}  // namespace liaoxiu::server
