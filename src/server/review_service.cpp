#include "server/review_service.hpp"

#include "core/dates.hpp"
#include "core/wire.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/passwords.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <cstdio>

namespace liaoxiu::server {
namespace {

using nlohmann::json;

DomainError problem(ErrorCode code, std::string zh, std::string en, std::string path) {
    return make_error(code, std::move(zh), std::move(en), std::move(path));
}

void require_worker(const Principal& by) {
    if (!by.is_worker()) fail("forbidden", "只有参加疗休养的职工可以评价", "only workers review their trips");
}

std::string month_text(int yyyymm) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", yyyymm / 100, yyyymm % 100);
    return text;
}

}  // namespace

Result<ReviewRequest> decode_review_request(const json& body) {
    if (!body.is_object()) return problem("wrong_type", "请求体必须是 JSON 对象", "the body must be a JSON object", "");
    ReviewRequest request;
    auto scores = body.find("scores");
    if (scores == body.end()) return problem("missing_field", "缺少字段 scores", "missing field scores", "scores");
    if (!scores->is_object()) return problem("wrong_type", "scores 必须是对象", "scores must be an object", "scores");
    for (ReviewDimension d : kAllReviewDimensions) {
        const std::string name(review_dimension_name(d));
        const std::string path = "scores." + name;
        auto stars = scores->find(name);
        if (stars == scores->end()) return problem("missing_field", "缺少字段 " + path, "missing field " + path, path);
        if (!stars->is_number_integer())
            return problem("wrong_type", path + " 必须是整数", path + " must be an integer", path);
        const auto value = stars->get<std::int64_t>();
        request.scores[d] = value < INT_MIN || value > INT_MAX ? 0 : static_cast<int>(value);  // 0: refused as bad_value
    }
    if (auto comment = body.find("comment"); comment != body.end() && !comment->is_null()) {
        if (!comment->is_string())
            return problem("wrong_type", "comment 必须是字符串", "comment must be a string", "comment");
        request.comment = comment->get<std::string>();
    }
    return request;
}

Result<StandingRequest> decode_standing_request(const json& body) {
    if (!body.is_object()) return problem("wrong_type", "请求体必须是 JSON 对象", "the body must be a JSON object", "");
    StandingRequest request;
    auto standing = body.find("standing");
    if (standing == body.end()) return problem("missing_field", "缺少字段 standing", "missing field standing", "standing");
    if (!standing->is_string())
        return problem("wrong_type", "standing 必须是字符串", "standing must be a string", "standing");
    auto parsed = parse_standing(standing->get<std::string>());
    if (!parsed)
        return problem("bad_value", "standing 须为 rectification、exemplary 或 none",
                       "standing must be rectification, exemplary or none", "standing");
    request.standing = *parsed;
    if (auto note = body.find("note"); note != body.end() && !note->is_null()) {
        if (!note->is_string()) return problem("wrong_type", "note 必须是字符串", "note must be a string", "note");
        request.note = note->get<std::string>();
    }
    if (auto follow_up = body.find("follow_up"); follow_up != body.end() && !follow_up->is_null()) {
        if (!follow_up->is_string())
            return problem("wrong_type", "follow_up 必须是日期字符串", "follow_up must be a date string", "follow_up");
        auto day = parse_day(follow_up->get<std::string>());
        if (!day) return problem("bad_value", "follow_up 须为 YYYY-MM-DD", "follow_up must be YYYY-MM-DD", "follow_up");
        request.follow_up = *day;
    }
    return request;
}

std::optional<DomainError> review_scores_forbidden(const Principal& by) {
    if (by.is_secretariat()) return std::nullopt;
    return make_error("forbidden", "只有联盟秘书处可以查看评价统计和标记成员单位",
                      "only the alliance's secretariat reads review scores and marks members");
}

json my_reviews(Backend& backend, const Principal& by) {
    require_worker(by);
    const Instant now = backend.clock();
    wire::MyReviews mine = read_snapshot(backend, [&](Connection& db) {
        wire::MyReviews answer;
        const std::vector<GroupTrip> trips = store::worker_groups(db, by.account);
        std::map<Id, std::optional<Route>> routes;
        for (const GroupTrip& trip : trips)
            if (!routes.count(trip.route)) routes[trip.route] = store::load_route(db, trip.route);
        answer.reviews = store::worker_reviews(db, by.account);
        const RouteLookup lookup = [&](const Id& id) -> const Route* {
            auto found = routes.find(id);
            return found == routes.end() || !found->second ? nullptr : &*found->second;
        };
        answer.due = reviews_due(trips, lookup, by.account, answer.reviews, now);
        std::vector<Id> ids;
        for (const ReviewDue& due : answer.due) ids.push_back(due.member);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        std::map<Id, std::string> names;
        for (const Member& member : store::load_members(db, ids)) names[member.id] = member.name;
        for (ReviewDue& due : answer.due) due.member_name = names[due.member];
        return answer;
    });
    return wire::encode_my_reviews(mine);
}

ReviewWrite put_review(Backend& backend, const Principal& by, const Id& group, const Id& member,
                       const ReviewRequest& request) {
    require_worker(by);
    ReviewWrite out;
    backend.writer.run([&](WriteContext& context) {
        const GroupTrip* stored = context.group(group);
        if (!stored) fail("unknown_group", "拼团不存在：" + group, "no group trip " + group);
        const GroupTrip trip = *stored;
        const Route* route = context.route(trip.route);
        if (!route) fail("unknown_route", "线路不存在：" + trip.route, "no route " + trip.route);
        const std::optional<Review> existing = store::find_review(context.db, group, member, by.account);
        Result<Review> written = write_review(trip, *route, by.account, member, request.scores, request.comment,
                                              context.now, existing ? &*existing : nullptr, "rv-" + random_hex(8));
        if (!written) fail(written.error());
        store::save_review(context.db, written.value());
        out = ReviewWrite{existing ? 200 : 201, wire::encode_review(written.value(), true)};
    });
    return out;
}

json member_reviews(Backend& backend, const Id& member, int limit, int offset) {
    wire::MemberReviewsPage page = read_snapshot(backend, [&](Connection& db) {
        if (!store::load_member(db, member)) fail("not_found", "成员单位不存在：" + member, "no member " + member);
        wire::MemberReviewsPage answer;
        answer.member = member;
        const MemberScore score = store::member_score(db, member);
        answer.count = score.count;
        if (score.shows_average()) answer.averages = wire::averages_of(score);
        const auto mark = store::load_standing(db, member);
        if (mark && mark->standing == MemberStanding::exemplary) answer.standing = MemberStanding::exemplary;
        answer.comments = store::member_comments(db, member, limit, offset);
        for (Review& review : answer.comments) review.worker.clear();
        answer.total_comments = store::count_member_comments(db, member);
        answer.limit = limit;
        answer.offset = offset;
        return answer;
    });
    return wire::encode_member_reviews(page);
}

json review_scores(Backend& backend, const store::ReviewScoreFilter& filter, const std::optional<Id>& alliance) {
    wire::ReviewScoresAnswer answer = read_snapshot(backend, [&](Connection& db) {
        wire::ReviewScoresAnswer result;
        result.from = filter.from;
        result.to = filter.to;
        std::map<Id, std::pair<MemberScore, std::vector<wire::MonthScore>>> per_member;
        for (const store::MonthlyScore& month : store::monthly_scores(db, filter)) {
            auto& [total, months] = per_member[month.member];
            total.member = month.member;
            total.count += month.score.count;
            for (std::size_t i = 0; i < total.star_sums.size(); ++i) total.star_sums[i] += month.score.star_sums[i];
            months.push_back(wire::MonthScore{month_text(month.month), month.score.count, wire::averages_of(month.score)});
        }
        std::vector<Id> ids;
        for (const auto& entry : per_member) ids.push_back(entry.first);
        std::map<Id, Member> members;
        for (Member& member : store::load_members(db, ids)) members.emplace(member.id, std::move(member));
        std::map<Id, StandingMark> marks;
        for (StandingMark& mark : store::load_standings(db)) marks.emplace(mark.member, std::move(mark));
        for (auto& [id, entry] : per_member) {
            auto known = members.find(id);
            if (alliance && (known == members.end() || known->second.alliance != *alliance)) continue;
            wire::MemberScoreRow row;
            row.member = id;
            if (known != members.end()) row.member_name = known->second.name;
            row.count = entry.first.count;
            row.averages = wire::averages_of(entry.first);
            if (auto overall = entry.first.overall()) row.overall = round_average(*overall);
            row.months = std::move(entry.second);
            if (auto mark = marks.find(id); mark != marks.end()) row.standing = mark->second;
            result.members.push_back(std::move(row));
        }
        // Lowest first among members with enough reviews to judge, then the others.
        std::stable_sort(result.members.begin(), result.members.end(),
                         [](const wire::MemberScoreRow& a, const wire::MemberScoreRow& b) {
                             const bool a_judged = a.count >= kMinReviewsForAverage;
                             const bool b_judged = b.count >= kMinReviewsForAverage;
                             if (a_judged != b_judged) return a_judged;
                             return a.overall.value_or(0) < b.overall.value_or(0);
                         });
        return result;
    });
    return wire::encode_review_scores_answer(answer);
}

json set_standing(Backend& backend, const Principal& by, const Id& member, const StandingRequest& request) {
    if (auto forbidden = review_scores_forbidden(by)) fail(*forbidden);
    StandingMark saved;
    backend.writer.run([&](WriteContext& context) {
        if (!store::load_member(context.db, member))
            fail("not_found", "成员单位不存在：" + member, "no member " + member);
        Result<StandingMark> mark =
            check_standing(member, request.standing, request.note, request.follow_up, context.now, by.account);
        if (!mark) fail(mark.error());
        const std::optional<StandingMark> before = store::load_standing(context.db, member);
        store::save_standing(context.db, mark.value());
        audit(context, by, "member.standing", "member", member,
              wire::audit_change(before ? wire::encode_standing_mark(*before) : json(nullptr),
                                 wire::encode_standing_mark(mark.value())),
              mark.value().note);
        saved = mark.value();
    });
    return wire::encode_standing_mark(saved);
}

json hide_review_comment(Backend& backend, const Principal& by, const Id& id, const std::string& reason) {
    if (auto forbidden = review_scores_forbidden(by)) fail(*forbidden);
    Review hidden;
    backend.writer.run([&](WriteContext& context) {
        const std::optional<Review> review = store::load_review(context.db, id);
        if (!review) fail("not_found", "评价不存在：" + id, "no review " + id);
        Result<Review> result = hide_review(*review, reason);
        if (!result) fail(result.error());
        store::save_review(context.db, result.value());
        audit(context, by, "review.hide", "review", id,
              wire::audit_change({{"hidden", review->hidden}, {"member", review->member}, {"comment", review->comment}},
                                 {{"hidden", true}, {"member", review->member}}),
              result.value().hidden_reason);
        hidden = result.value();
    });
    return wire::encode_review(hidden, true);
}

void apply_demo_history(WriteContext& context, const DemoHistory& history, const Catalogue& catalogue,
                        const std::string& password_hash) {
    if (history.groups.empty()) return;
    std::string unit_name = history.traveller_unit;
    for (const Unit& unit : catalogue.units)
        if (unit.id == history.traveller_unit) unit_name = unit.name;
    if (!store::account_exists(context.db, kDemoTravellerId, kDemoTravellerLogin)) {
        store::insert_account(context.db,
                              store::Account{kDemoTravellerId, kDemoTravellerLogin, "worker", unit_name + "职工（刚出行）",
                                             history.traveller_unit, history.traveller_unit + "-00", password_hash},
                              context.now);
    }
    std::map<Id, int> days;
    for (const Route& route : catalogue.routes) days[route.id] = route.days;
    for (const GroupTrip& trip : history.groups) context.save_group(nullptr, trip, days[trip.route]);
    for (const Review& review : history.reviews) store::save_review(context.db, review);
    for (const StandingMark& mark : history.marks) store::save_standing(context.db, mark);
}

}  // namespace liaoxiu::server
