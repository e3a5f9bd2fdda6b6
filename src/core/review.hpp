// Service reviews (服务评价): the alliance's service standard (《服务规范》) rated by the workers
// who travelled, and the secretariat's marks that follow from it (约束激励机制: 整改 / 先进典型).
// This header is the single place of the rules; the endpoint applies them inside its
// transactions and the app calls them to decide what to offer. Pure functions: nothing here
// reads a clock or a database.
//
// The rules:
//   - After a trip's last day (China calendar: today > departure + route.days - 1), each worker
//     who held a CONFIRMED place on a LOCKED trip may rate every member unit of the trip's route
//     itinerary (each distinct Stop::member, counted once however many stops it has).
//   - Three dimensions, 1..5 stars each; an optional comment of at most 500 code points (valid
//     UTF-8, any script, emoji included; control characters other than newline refused; trimmed).
//   - One review per (worker, trip, member), editable for 14 days after it was first written.
//   - A member's averages are shown (on its page) once it has at least 5 reviews; the stars of a
//     review whose comment the secretariat hid still count.
#pragma once

#include "error.hpp"
#include "model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// 接待礼仪 reception etiquette, 服务流程 service process, 问题处理 problem handling.
enum class ReviewDimension : std::uint8_t { etiquette, process, problem_handling };
inline constexpr int kReviewDimensions = 3;
inline constexpr std::array<ReviewDimension, kReviewDimensions> kAllReviewDimensions = {
    ReviewDimension::etiquette, ReviewDimension::process, ReviewDimension::problem_handling};

inline constexpr int kMinStars = 1;
inline constexpr int kMaxStars = 5;
inline constexpr std::size_t kMaxReviewComment = 500;     // code points
inline constexpr Instant kReviewEditWindow = 14 * 86400;  // seconds after `written`
inline constexpr int kMinReviewsForAverage = 5;

// "etiquette", "process", "problem_handling": the JSON field names.
std::string_view review_dimension_name(ReviewDimension dimension);
std::optional<ReviewDimension> parse_review_dimension(std::string_view name);
// "接待礼仪", "服务流程", "问题处理".
std::string_view review_dimension_label_zh(ReviewDimension dimension);
std::string_view review_dimension_label_en(ReviewDimension dimension);

struct ReviewScores {
    std::array<int, kReviewDimensions> stars{};  // 1..5 each, indexed by ReviewDimension

    int& operator[](ReviewDimension d) { return stars[static_cast<std::size_t>(d)]; }
    int operator[](ReviewDimension d) const { return stars[static_cast<std::size_t>(d)]; }
    bool operator==(const ReviewScores&) const = default;
};

struct Review {
    Id id;
    Id group;
    Id member;
    Id worker;  // blanked for anyone but the secretariat and the author
    ReviewScores scores;
    std::string comment;
    Instant written = 0;  // first written; the edit window runs from here
    Instant edited = 0;   // last written (== written until edited)
    bool hidden = false;  // a hidden comment is not shown; its stars still count
    std::string hidden_reason;

    bool operator==(const Review&) const = default;
};

// A review a worker may still write (我的 → 待评价): one per (trip, member) not yet reviewed.
struct ReviewDue {
    Id group;
    Id route;
    Id member;
    Day last_day = 0;         // the trip's last day
    std::string route_title;  // filled by reviews_due from the route
    std::string member_name;  // filled by whoever knows the members (the endpoint); may be empty

    bool operator==(const ReviewDue&) const = default;
};

// The distinct members of a route's itinerary, in order of first appearance.
std::vector<Id> trip_members(const Route& route);
// Whether a member appears on the route's itinerary.
bool member_on_route(const Route& route, std::string_view member);
// Whether the worker travelled on the trip: the trip is locked at `now` (derive_state, so a
// stored state the clock has not yet advanced counts as what it is) and the worker holds a
// CONFIRMED place. Withdrawn, waitlisted, offered, released and expired places never travel;
// neither do cancelled or expired trips.
bool travelled(const GroupTrip& trip, const Id& worker, Instant now);
// Whether the trip is over at `now`: today (China) > last_day(departure, route.days).
bool trip_over(const GroupTrip& trip, const Route& route, Instant now);
// Whether a review written at `review.written` may still be edited at `now`:
// now <= written + kReviewEditWindow.
bool review_editable(const Review& review, Instant now);

// Why the worker may not write (existing == nullptr) or edit (existing != nullptr) a review of
// `member` for `trip` at `now`, or nothing. Checked in this order:
//   "review_not_travelled" (403): no confirmed place on a locked trip;
//   "trip_not_over" (422): today (China) is not after the trip's last day;
//   "member_not_on_trip" (422): the member is on no stop of the route's itinerary;
//   "review_edit_closed" (422): editing more than 14 days after the review was first written.
std::optional<DomainError> review_refused(const GroupTrip& trip, const Route& route, const Id& worker,
                                          const Id& member, Instant now, const Review* existing);

// Every star 1..5; else "bad_value" with path "scores.etiquette" / "scores.process" /
// "scores.problem_handling" (the first wrong one).
Result<ReviewScores> check_scores(const ReviewScores& scores);
// The comment trimmed (ASCII and Unicode white space at both ends). Refusals ("bad_value", path
// "comment"): invalid UTF-8; a control character other than newline (a CR LF pair is read as
// a newline and kept as "\n"); more than 500 code points after trimming.
Result<std::string> check_comment(std::string_view comment);
// The number of code points of valid UTF-8 text (of invalid text: the bytes that are not
// continuation bytes).
std::size_t code_points(std::string_view text);

// The review as it is to be stored, or why not: review_refused, then check_scores, then
// check_comment. A new review gets `new_id`, written = edited = now; an edit keeps the
// existing id, worker, written and hidden state (and the hidden reason) and sets edited = now.
Result<Review> write_review(const GroupTrip& trip, const Route& route, const Id& worker, const Id& member,
                            const ReviewScores& scores, std::string_view comment, Instant now,
                            const Review* existing, const Id& new_id);

// The secretariat hides a review's comment: "reason_required" without a reason (more than
// white space). The reason is kept trimmed. Hiding a hidden review again replaces the reason.
Result<Review> hide_review(const Review& review, std::string_view reason);

// What the worker may still rate at `now`: for every trip among `worker_trips` the worker
// travelled on and that is over, each member of its route with no review by the worker in
// `written` (matched on group and member). Trips whose route `route_of` does not know are
// skipped. Newest trip first (last_day descending), then the itinerary's order.
using RouteLookup = std::function<const Route*(const Id& route)>;
std::vector<ReviewDue> reviews_due(const std::vector<GroupTrip>& worker_trips, const RouteLookup& route_of,
                                   const Id& worker, const std::vector<Review>& written, Instant now);

// ---- Scores ----------------------------------------------------------------------------

struct MemberScore {
    Id member;
    int count = 0;
    std::array<std::int64_t, kReviewDimensions> star_sums{};  // averages = sums / count

    bool shows_average() const { return count >= kMinReviewsForAverage; }
    // sum / count, nothing when count is 0.
    std::optional<double> average(ReviewDimension dimension) const;
    // The three dimensions together: all sums / (3 * count); nothing when count is 0.
    std::optional<double> overall() const;
    void add(const ReviewScores& scores);
    bool operator==(const MemberScore&) const = default;
};

// One MemberScore per member that has reviews (hidden ones included), sorted by member id.
std::vector<MemberScore> member_scores(const std::vector<Review>& reviews);
// An average as it is shown and sent: rounded to two decimals.
double round_average(double average);

// ---- The secretariat's marks (约束激励机制) ---------------------------------------------

// 整改 rectification (a note and a follow-up day) or 先进典型 exemplary; none clears a mark.
enum class MemberStanding : std::uint8_t { none, rectification, exemplary };
std::string_view standing_name(MemberStanding standing);  // "none", "rectification", "exemplary"
std::optional<MemberStanding> parse_standing(std::string_view name);
std::string_view standing_label_zh(MemberStanding standing);  // "", "整改", "先进典型"

struct StandingMark {
    Id member;
    MemberStanding standing = MemberStanding::none;
    std::string note;
    std::optional<Day> follow_up;
    Instant at = 0;
    Id by;  // the account that set it

    bool operator==(const StandingMark&) const = default;
};

// The mark as it is to be stored, or why not. A rectification needs a note (more than white
// space: "missing_value", path "note") and a follow-up day ("missing_value", path "follow_up")
// that is not before today (China; "bad_value", path "follow_up"). The note is trimmed and at
// most 500 code points ("bad_value", path "note"); for exemplary or none the follow-up day is
// dropped.
Result<StandingMark> check_standing(const Id& member, MemberStanding standing, std::string_view note,
                                    std::optional<Day> follow_up, Instant now, const Id& by);

}  // namespace liaoxiu
