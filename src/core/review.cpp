#include "core/review.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/pinyin.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace liaoxiu {
namespace {

bool malformed(const DecodedCodepoint& decoded) {
    return decoded.codepoint == kReplacementCharacter && decoded.length == 1;
}

// White space trimmed at both ends: ASCII space, tab, CR, LF, no-break space, ideographic space.
bool trimmable(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0xA0 || c == 0x3000; }

std::string_view trim(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        const DecodedCodepoint d = decode_utf8(text, begin);
        if (malformed(d) || !trimmable(d.codepoint)) break;
        begin += d.length;
    }
    // From the back: find the end of the last non-trimmable code point by a forward scan.
    std::size_t end = begin;
    for (std::size_t pos = begin; pos < text.size();) {
        const DecodedCodepoint d = decode_utf8(text, pos);
        pos += d.length;
        if (malformed(d) || !trimmable(d.codepoint)) end = pos;
    }
    return text.substr(begin, end - begin);
}

bool control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

DomainError bad_comment(std::string zh, std::string en) {
    return make_error("bad_value", std::move(zh), std::move(en), "comment");
}

}  // namespace

std::string_view review_dimension_name(ReviewDimension dimension) {
    switch (dimension) {
    case ReviewDimension::etiquette: return "etiquette";
    case ReviewDimension::process: return "process";
    case ReviewDimension::problem_handling: return "problem_handling";
    }
    return "etiquette";
}

std::optional<ReviewDimension> parse_review_dimension(std::string_view name) {
    for (ReviewDimension d : kAllReviewDimensions)
        if (review_dimension_name(d) == name) return d;
    return std::nullopt;
}

std::string_view review_dimension_label_zh(ReviewDimension dimension) {
    switch (dimension) {
    case ReviewDimension::etiquette: return "接待礼仪";
    case ReviewDimension::process: return "服务流程";
    case ReviewDimension::problem_handling: return "问题处理";
    }
    return "";
}

std::string_view review_dimension_label_en(ReviewDimension dimension) {
    switch (dimension) {
    case ReviewDimension::etiquette: return "Reception etiquette";
    case ReviewDimension::process: return "Service process";
    case ReviewDimension::problem_handling: return "Problem handling";
    }
    return "";
}

std::vector<Id> trip_members(const Route& route) {
    std::vector<Id> members;
    for (const ItineraryDay& day : route.itinerary) {
        for (const Stop& stop : day.stops) {
            if (stop.member.size() == 0) continue;
            if (std::find(members.begin(), members.end(), stop.member.view()) == members.end())
                members.push_back(stop.member.str());
        }
    }
    return members;
}

bool member_on_route(const Route& route, std::string_view member) {
    if (member.empty()) return false;
    for (const ItineraryDay& day : route.itinerary)
        for (const Stop& stop : day.stops)
            if (stop.member.view() == member) return true;
    return false;
}

bool travelled(const GroupTrip& trip, const Id& worker, Instant now) {
    if (trip.state == GroupState::cancelled || trip.state == GroupState::expired) return false;
    if (derive_state(trip, now) != GroupState::locked) return false;
    for (const Place& place : trip.places)
        if (place.worker.view() == worker && place.state == PlaceState::confirmed) return true;
    return false;
}

bool trip_over(const GroupTrip& trip, const Route& route, Instant now) {
    return day_of(now) > last_day(trip.departure, route.days);
}

bool review_editable(const Review& review, Instant now) { return now <= review.written + kReviewEditWindow; }

std::optional<DomainError> review_refused(const GroupTrip& trip, const Route& route, const Id& worker,
                                          const Id& member, Instant now, const Review* existing) {
    if (!travelled(trip, worker, now))
        return make_error("review_not_travelled", "只有参加了这次疗休养的职工才能评价",
                          "only workers who travelled on this trip can review it");
    if (!trip_over(trip, route, now))
        return make_error("trip_not_over", "行程结束后才能评价", "a trip can be reviewed after its last day");
    if (!member_on_route(route, member))
        return make_error("member_not_on_trip", "该成员单位不在本次行程中", "this member is not on the trip's itinerary");
    if (existing && !review_editable(*existing, now))
        return make_error("review_edit_closed", "评价提交14天后不能再修改",
                          "a review can be edited for 14 days after it was written");
    return std::nullopt;
}

Result<ReviewScores> check_scores(const ReviewScores& scores) {
    for (ReviewDimension d : kAllReviewDimensions) {
        const int stars = scores[d];
        if (stars < kMinStars || stars > kMaxStars)
            return make_error("bad_value", "评分须为1到5星", "each score must be 1 to 5 stars",
                              "scores." + std::string(review_dimension_name(d)));
    }
    return scores;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

Result<std::string> check_comment(std::string_view comment) {
    for (std::size_t pos = 0; pos < comment.size();) {
        const DecodedCodepoint d = decode_utf8(comment, pos);
        if (malformed(d)) return bad_comment("评价内容含有无效字符", "the comment is not valid UTF-8");
        pos += d.length;
    }
    const std::string_view trimmed = trim(comment);
    std::string out;
    out.reserve(trimmed.size());
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < trimmed.size();) {
        const DecodedCodepoint d = decode_utf8(trimmed, pos);
        pos += d.length;
        char32_t c = d.codepoint;
        if (c == U'\r' && pos < trimmed.size() && trimmed[pos] == '\n') continue;  // CR LF → LF
        if (c != U'\n' && control(c)) return bad_comment("评价内容含有控制字符", "the comment contains a control character");
        if (++count > kMaxReviewComment)
            return bad_comment("评价内容不能超过500字", "a comment is at most 500 characters");
        append_utf8(out, c);
    }
    return out;
}

Result<Review> write_review(const GroupTrip& trip, const Route& route, const Id& worker, const Id& member,
                            const ReviewScores& scores, std::string_view comment, Instant now,
                            const Review* existing, const Id& new_id) {
    if (auto refused = review_refused(trip, route, worker, member, now, existing)) return *std::move(refused);
    Result<ReviewScores> checked = check_scores(scores);
    if (!checked) return checked.error();
    Result<std::string> text = check_comment(comment);
    if (!text) return text.error();
    Review review;
    if (existing) {
        review = *existing;
    } else {
        review.id = new_id;
        review.group = trip.id;
        review.member = member;
        review.worker = worker;
        review.written = now;
    }
    review.scores = checked.value();
    review.comment = std::move(text).value();
    review.edited = now;
    return review;
}

Result<Review> hide_review(const Review& review, std::string_view reason) {
    const std::string_view trimmed = trim(reason);
    if (trimmed.empty()) return make_error("reason_required", "请填写隐藏原因", "a reason for hiding is required", "reason");
    Review hidden = review;
    hidden.hidden = true;
    hidden.hidden_reason = std::string(trimmed);
    return hidden;
}

std::vector<ReviewDue> reviews_due(const std::vector<GroupTrip>& worker_trips, const RouteLookup& route_of,
                                   const Id& worker, const std::vector<Review>& written, Instant now) {
    std::vector<ReviewDue> due;
    std::vector<const GroupTrip*> trips;
    for (const GroupTrip& trip : worker_trips) trips.push_back(&trip);
    std::vector<std::pair<Day, std::vector<ReviewDue>>> per_trip;
    for (const GroupTrip* trip : trips) {
        const Route* route = route_of ? route_of(trip->route) : nullptr;
        if (!route || !travelled(*trip, worker, now) || !trip_over(*trip, *route, now)) continue;
        const Day last = last_day(trip->departure, route->days);
        std::vector<ReviewDue> items;
        for (const Id& member : trip_members(*route)) {
            const bool done = std::any_of(written.begin(), written.end(), [&](const Review& r) {
                return r.group == trip->id && r.member == member && (r.worker.empty() || r.worker == worker);
            });
            if (!done) items.push_back(ReviewDue{trip->id, trip->route, member, last, route->title, {}});
        }
        if (!items.empty()) per_trip.emplace_back(last, std::move(items));
    }
    std::stable_sort(per_trip.begin(), per_trip.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& [last, items] : per_trip)
        for (ReviewDue& item : items) due.push_back(std::move(item));
    return due;
}

std::optional<double> MemberScore::average(ReviewDimension dimension) const {
    if (count <= 0) return std::nullopt;
    return static_cast<double>(star_sums[static_cast<std::size_t>(dimension)]) / count;
}

std::optional<double> MemberScore::overall() const {
    if (count <= 0) return std::nullopt;
    std::int64_t total = 0;
    for (std::int64_t sum : star_sums) total += sum;
    return static_cast<double>(total) / (static_cast<double>(count) * kReviewDimensions);
}

void MemberScore::add(const ReviewScores& scores) {
    ++count;
    for (std::size_t i = 0; i < star_sums.size(); ++i) star_sums[i] += scores.stars[i];
}

std::vector<MemberScore> member_scores(const std::vector<Review>& reviews) {
    std::vector<MemberScore> scores;
    for (const Review& review : reviews) {
        auto found = std::find_if(scores.begin(), scores.end(), [&](const MemberScore& s) { return s.member == review.member; });
        if (found == scores.end()) {
            scores.push_back(MemberScore{review.member, 0, {}});
            found = scores.end() - 1;
        }
        found->add(review.scores);
    }
    std::sort(scores.begin(), scores.end(), [](const MemberScore& a, const MemberScore& b) { return a.member < b.member; });
    return scores;
}

double round_average(double average) { return std::round(average * 100.0) / 100.0; }

std::string_view standing_name(MemberStanding standing) {
    switch (standing) {
    case MemberStanding::none: return "none";
    case MemberStanding::rectification: return "rectification";
    case MemberStanding::exemplary: return "exemplary";
    }
    return "none";
}

std::optional<MemberStanding> parse_standing(std::string_view name) {
    for (MemberStanding s : {MemberStanding::none, MemberStanding::rectification, MemberStanding::exemplary})
        if (standing_name(s) == name) return s;
    return std::nullopt;
}

std::string_view standing_label_zh(MemberStanding standing) {
    switch (standing) {
    case MemberStanding::none: return "";
    case MemberStanding::rectification: return "整改";
    case MemberStanding::exemplary: return "先进典型";
    }
    return "";
}

Result<StandingMark> check_standing(const Id& member, MemberStanding standing, std::string_view note,
                                    std::optional<Day> follow_up, Instant now, const Id& by) {
    Result<std::string> text = check_comment(note);
    if (!text) {
        DomainError error = text.error();
        error.path = "note";
        return error;
    }
    StandingMark mark{member, standing, std::move(text).value(), std::nullopt, now, by};
    if (standing == MemberStanding::rectification) {
        if (mark.note.empty())
            return make_error("missing_value", "整改须写明原因", "a rectification needs a note", "note");
        if (!follow_up)
            return make_error("missing_value", "整改须写明复查日期", "a rectification needs a follow-up day", "follow_up");
        if (*follow_up < day_of(now))
            return make_error("bad_value", "复查日期不能早于今天", "the follow-up day cannot be in the past", "follow_up");
        mark.follow_up = follow_up;
    }
    return mark;
}

}  // namespace liaoxiu
