#include "core/wire_reviews.hpp"

#include "core/dates.hpp"
#include "core/wire.hpp"
#include "core/wire_fields.hpp"

#include <utility>

namespace liaoxiu::wire {
namespace {

using nlohmann::json;
using namespace fields;

json day_or_null(const std::optional<Day>& day) { return day ? json(format_day(*day)) : json(nullptr); }

ReviewAverages decode_averages(const json* value) {
    if (!value || !value->is_object()) return std::nullopt;
    std::array<double, kReviewDimensions> averages{};
    for (ReviewDimension d : kAllReviewDimensions) {
        auto number = number_field(*value, std::string(review_dimension_name(d)).c_str());
        if (!number) return std::nullopt;
        averages[static_cast<std::size_t>(d)] = *number;
    }
    return averages;
}

}  // namespace

json encode_review_scores(const ReviewScores& scores) {
    json body = json::object();
    for (ReviewDimension d : kAllReviewDimensions) body[std::string(review_dimension_name(d))] = scores[d];
    return body;
}

std::optional<ReviewScores> decode_review_scores(const json& value) {
    ReviewScores scores;
    for (ReviewDimension d : kAllReviewDimensions) {
        auto stars = int_field(value, std::string(review_dimension_name(d)).c_str());
        if (!stars) return std::nullopt;
        scores[d] = *stars;
    }
    return scores;
}

json encode_review(const Review& review, bool with_worker) {
    json body = {{"id", review.id},
                 {"group", review.group},
                 {"member", review.member},
                 {"scores", encode_review_scores(review.scores)},
                 {"comment", review.hidden && !with_worker ? std::string() : review.comment},
                 {"written", format_instant(review.written)},
                 {"edited", format_instant(review.edited)},
                 {"hidden", review.hidden}};
    if (with_worker) {
        body["worker"] = review.worker;
        if (review.hidden) body["hidden_reason"] = review.hidden_reason;
    }
    return body;
}

Result<Review> decode_review(const json& value) {
    auto id = string_field(value, "id");
    auto member = string_field(value, "member");
    const json* scores_json = field(value, "scores");
    auto scores = scores_json ? decode_review_scores(*scores_json) : std::nullopt;
    if (!id || id->empty() || !member || !scores) return bad_answer("review");
    Review review;
    review.id = std::move(*id);
    review.member = std::move(*member);
    review.scores = *scores;
    review.group = string_field(value, "group").value_or("");
    review.worker = string_field(value, "worker").value_or("");
    review.comment = string_field(value, "comment").value_or("");
    review.written = instant_field(value, "written").value_or(0);
    review.edited = instant_field(value, "edited").value_or(review.written);
    if (const json* hidden = field(value, "hidden"); hidden && hidden->is_boolean()) review.hidden = hidden->get<bool>();
    review.hidden_reason = string_field(value, "hidden_reason").value_or("");
    return review;
}

json encode_review_due(const ReviewDue& due) {
    return {{"group", due.group},         {"route", due.route},
            {"member", due.member},       {"last_day", format_day(due.last_day)},
            {"route_title", due.route_title}, {"member_name", due.member_name}};
}

Result<ReviewDue> decode_review_due(const json& value) {
    auto group = string_field(value, "group");
    auto member = string_field(value, "member");
    auto last = day_field(value, "last_day");
    if (!group || group->empty() || !member || member->empty() || !last) return bad_answer("review due");
    ReviewDue due;
    due.group = std::move(*group);
    due.member = std::move(*member);
    due.last_day = *last;
    due.route = string_field(value, "route").value_or("");
    due.route_title = string_field(value, "route_title").value_or("");
    due.member_name = string_field(value, "member_name").value_or("");
    return due;
}

json encode_my_reviews(const MyReviews& mine) {
    json due = json::array();
    for (const ReviewDue& item : mine.due) due.push_back(encode_review_due(item));
    json reviews = json::array();
    for (const Review& review : mine.reviews) reviews.push_back(encode_review(review, true));
    return {{"due", std::move(due)}, {"reviews", std::move(reviews)}};
}

Result<MyReviews> decode_my_reviews(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("my reviews: not JSON");
    const json* due = field(*parsed, "due");
    const json* reviews = field(*parsed, "reviews");
    if (!due || !due->is_array() || !reviews || !reviews->is_array()) return bad_answer("my reviews");
    MyReviews mine;
    for (const json& item : *due) {
        Result<ReviewDue> decoded = decode_review_due(item);
        if (!decoded) return decoded.error();
        mine.due.push_back(std::move(decoded).value());
    }
    for (const json& item : *reviews) {
        Result<Review> decoded = decode_review(item);
        if (!decoded) return decoded.error();
        mine.reviews.push_back(std::move(decoded).value());
    }
    return mine;
}

json encode_averages(const ReviewAverages& averages) {
    if (!averages) return nullptr;
    json body = json::object();
    for (ReviewDimension d : kAllReviewDimensions)
        body[std::string(review_dimension_name(d))] = (*averages)[static_cast<std::size_t>(d)];
    return body;
}

ReviewAverages averages_of(const MemberScore& score) {
    if (score.count <= 0) return std::nullopt;
    std::array<double, kReviewDimensions> averages{};
    for (ReviewDimension d : kAllReviewDimensions)
        averages[static_cast<std::size_t>(d)] = round_average(*score.average(d));
    return averages;
}

json encode_member_reviews(const MemberReviewsPage& page) {
    json comments = json::array();
    for (const Review& review : page.comments) comments.push_back(encode_review(review, false));
    return {{"member", page.member},
            {"count", page.count},
            {"averages", encode_averages(page.averages)},
            {"standing", standing_name(page.standing)},
            {"comments", std::move(comments)},
            {"total_comments", page.total_comments},
            {"limit", page.limit},
            {"offset", page.offset}};
}

Result<MemberReviewsPage> decode_member_reviews(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("member reviews: not JSON");
    auto member = string_field(*parsed, "member");
    auto count = int_field(*parsed, "count");
    const json* comments = field(*parsed, "comments");
    if (!member || !count || !comments || !comments->is_array()) return bad_answer("member reviews");
    MemberReviewsPage page;
    page.member = std::move(*member);
    page.count = *count;
    page.averages = decode_averages(field(*parsed, "averages"));
    if (auto standing = string_field(*parsed, "standing"))
        page.standing = parse_standing(*standing).value_or(MemberStanding::none);
    for (const json& item : *comments) {
        Result<Review> decoded = decode_review(item);
        if (!decoded) return decoded.error();
        page.comments.push_back(std::move(decoded).value());
    }
    page.total_comments = int_field(*parsed, "total_comments").value_or(static_cast<int>(page.comments.size()));
    page.limit = int_field(*parsed, "limit").value_or(0);
    page.offset = int_field(*parsed, "offset").value_or(0);
    return page;
}

json encode_standing_mark(const StandingMark& mark) {
    return {{"member", mark.member},
            {"standing", standing_name(mark.standing)},
            {"note", mark.note},
            {"follow_up", day_or_null(mark.follow_up)},
            {"at", format_instant(mark.at)},
            {"by", mark.by}};
}

Result<StandingMark> decode_standing_mark(const json& value) {
    auto member = string_field(value, "member");
    auto name = string_field(value, "standing");
    auto standing = name ? parse_standing(*name) : std::nullopt;
    if (!member || member->empty() || !standing) return bad_answer("standing");
    StandingMark mark;
    mark.member = std::move(*member);
    mark.standing = *standing;
    mark.note = string_field(value, "note").value_or("");
    mark.follow_up = day_field(value, "follow_up");
    mark.at = instant_field(value, "at").value_or(0);
    mark.by = string_field(value, "by").value_or("");
    return mark;
}

json encode_review_scores_answer(const ReviewScoresAnswer& answer) {
    json members = json::array();
    for (const MemberScoreRow& row : answer.members) {
        json months = json::array();
        for (const MonthScore& month : row.months)
            months.push_back({{"month", month.month}, {"count", month.count}, {"averages", encode_averages(month.averages)}});
        members.push_back({{"member", row.member},
                           {"member_name", row.member_name},
                           {"count", row.count},
                           {"averages", encode_averages(row.averages)},
                           {"overall", row.overall ? json(*row.overall) : json(nullptr)},
                           {"months", std::move(months)},
                           {"standing", row.standing ? encode_standing_mark(*row.standing) : json(nullptr)}});
    }
    return {{"from", day_or_null(answer.from)}, {"to", day_or_null(answer.to)}, {"members", std::move(members)}};
}

Result<ReviewScoresAnswer> decode_review_scores_answer(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("review scores: not JSON");
    const json* members = field(*parsed, "members");
    if (!members || !members->is_array()) return bad_answer("review scores");
    ReviewScoresAnswer answer;
    answer.from = day_field(*parsed, "from");
    answer.to = day_field(*parsed, "to");
    for (const json& item : *members) {
        auto member = string_field(item, "member");
        auto count = int_field(item, "count");
        if (!member || !count) return bad_answer("review scores: member");
        MemberScoreRow row;
        row.member = std::move(*member);
        row.count = *count;
        row.member_name = string_field(item, "member_name").value_or("");
        row.averages = decode_averages(field(item, "averages"));
        row.overall = number_field(item, "overall");
        if (const json* months = field(item, "months"); months && months->is_array()) {
            for (const json& m : *months) {
                auto month = string_field(m, "month");
                auto month_count = int_field(m, "count");
                if (!month || !month_count) continue;
                row.months.push_back(MonthScore{std::move(*month), *month_count, decode_averages(field(m, "averages"))});
            }
        }
        if (const json* standing = field(item, "standing"); standing && standing->is_object()) {
            Result<StandingMark> mark = decode_standing_mark(*standing);
            if (mark) row.standing = std::move(mark).value();
        }
        answer.members.push_back(std::move(row));
    }
    return answer;
}

}  // namespace liaoxiu::wire
