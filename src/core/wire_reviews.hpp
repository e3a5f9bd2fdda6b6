// The service reviews' answers (docs/api.md "Service reviews (服务评价)"), each shape written
// once, in wire.hpp's style: the server encodes with these, the app decodes with the same ones.
// Decoders never throw; what they cannot read is DomainError "bad_answer".
#pragma once

#include "core/error.hpp"
#include "core/review.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace liaoxiu::wire {

// {etiquette, process, problem_handling}: integers.
nlohmann::json encode_review_scores(const ReviewScores& scores);
std::optional<ReviewScores> decode_review_scores(const nlohmann::json& json);

// {id, group, member, worker?, scores, comment, written, edited, hidden, hidden_reason?}.
// `worker` only when with_worker (the secretariat, the author); hidden_reason only when hidden
// and with_worker. A hidden review's comment is sent as "" unless with_worker.
nlohmann::json encode_review(const Review& review, bool with_worker);
Result<Review> decode_review(const nlohmann::json& json);  // id, member and scores required

// {group, route, member, last_day, route_title, member_name}.
nlohmann::json encode_review_due(const ReviewDue& due);
Result<ReviewDue> decode_review_due(const nlohmann::json& json);  // group, member, last_day required

// GET /me/reviews → {due: [...], reviews: [...]}.
struct MyReviews {
    std::vector<ReviewDue> due;
    std::vector<Review> reviews;
    bool operator==(const MyReviews&) const = default;
};
nlohmann::json encode_my_reviews(const MyReviews& mine);
Result<MyReviews> decode_my_reviews(std::string_view body);

// The three averages, or nothing: {etiquette, process, problem_handling} numbers or null.
using ReviewAverages = std::optional<std::array<double, kReviewDimensions>>;
nlohmann::json encode_averages(const ReviewAverages& averages);
ReviewAverages averages_of(const MemberScore& score);  // rounded; nothing when count is 0

// GET /members/{id}/reviews → {member, count, averages (null below 5), standing
// ("exemplary" or "none"), comments: [review without worker], total_comments, limit, offset}.
struct MemberReviewsPage {
    Id member;
    int count = 0;
    ReviewAverages averages;
    MemberStanding standing = MemberStanding::none;
    std::vector<Review> comments;  // newest first, not hidden, workers blanked
    int total_comments = 0;
    int limit = 0;
    int offset = 0;
    bool operator==(const MemberReviewsPage&) const = default;
};
nlohmann::json encode_member_reviews(const MemberReviewsPage& page);
Result<MemberReviewsPage> decode_member_reviews(std::string_view body);

// {member, standing, note, follow_up (day or null), at, by}.
nlohmann::json encode_standing_mark(const StandingMark& mark);
Result<StandingMark> decode_standing_mark(const nlohmann::json& json);

// GET /reviews/scores → {from, to, members: [MemberScoreRow]}.
struct MonthScore {
    std::string month;  // "2026-05" (China calendar)
    int count = 0;
    ReviewAverages averages;
    bool operator==(const MonthScore&) const = default;
};
struct MemberScoreRow {
    Id member;
    std::string member_name;
    int count = 0;
    ReviewAverages averages;         // over the range; present whenever count > 0
    std::optional<double> overall;   // the three together
    std::vector<MonthScore> months;  // oldest first, months with reviews only
    std::optional<StandingMark> standing;  // the current mark, when not none
    bool operator==(const MemberScoreRow&) const = default;
};
struct ReviewScoresAnswer {
    std::optional<Day> from;
    std::optional<Day> to;
    std::vector<MemberScoreRow> members;  // lowest overall first (members with < 5 reviews after)
    bool operator==(const ReviewScoresAnswer&) const = default;
};
nlohmann::json encode_review_scores_answer(const ReviewScoresAnswer& answer);
Result<ReviewScoresAnswer> decode_review_scores_answer(std::string_view body);

}  // namespace liaoxiu::wire
