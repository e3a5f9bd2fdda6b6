#include "sync/review_sync.hpp"

#include "core/json.hpp"
#include "core/query_params.hpp"
#include "core/wire.hpp"
#include "core/wire_reviews.hpp"
#include "sync/session_sync.hpp"
#include "sync/view_read.hpp"

#include <nlohmann/json.hpp>

namespace liaoxiu::sync {

void ReviewSync::send(std::string method, const std::string& path, std::string body, Done done) {
    ++in_flight_;
    const std::uint64_t generation = session_.generation();
    ctx_.send(std::move(method), path, std::move(body), session_.token(), {},
              [this, generation, done = std::move(done)](const HttpResponse& response) {
                  --in_flight_;
                  if (generation != session_.generation()) return;  // another session's
                  if (unreachable(response.status)) {
                      ctx_.endpoint_unreachable();
                      done(nullptr, "无法连接服务器，请稍后重试", "The server cannot be reached: please try again later");
                      return;
                  }
                  ctx_.reached_endpoint();
                  if (response.status == 401 && !session_.token().empty()) {
                      session_.end(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
                      return;
                  }
                  if (response.status < 200 || response.status >= 300) {
                      const DomainError error = wire::decode_error(response.status, response.body);
                      done(nullptr, error.message_zh, error.message_en);
                      return;
                  }
                  done(&response, {}, {});
              });
}

void ReviewSync::poll() {
    const ClientState& state = ctx_.state;
    if (state.kiosk || !state.session || state.session->role != Role::worker || !ctx_.has_endpoint()) return;
    if (state.my_reviews.status != ReadStatus::none || asked_generation_ == session_.generation() + 1) return;
    asked_generation_ = session_.generation() + 1;
    load_my_reviews();
}

void ReviewSync::load_my_reviews() {
    if (!ctx_.state.session || ctx_.state.session->role != Role::worker || !ctx_.has_endpoint()) return;
    read_view(ctx_, *this, ctx_.state.my_reviews, my_request_, "me/reviews",
              [](const std::string& body) { return wire::decode_my_reviews(body); },
              [](MyReviewsView& view, wire::MyReviews mine) { view.mine = std::move(mine); });
}

void ReviewSync::submit_review(const Id& group, const Id& member, const ReviewScores& scores, const std::string& comment) {
    if (!ctx_.require_role(Role::worker, "评价服务", "rate a service")) return;
    ReviewWrite write;
    write.group = group;
    write.member = member;
    if (!ctx_.has_endpoint()) {
        write.stage = ReviewWrite::Stage::failed;
        write.error_zh = "未连接服务器，评价未提交";
        write.error_en = "No server: the review was not sent";
        ctx_.state.review_write = write;
        ctx_.notifier.changed();
        return;
    }
    ctx_.state.review_write = write;
    nlohmann::json body = {{"scores", wire::encode_review_scores(scores)}, {"comment", comment}};
    const std::uint64_t request = ++write_request_;
    send("PUT", "groups/" + query_params::percent_escaped(group) + "/reviews/" + query_params::percent_escaped(member), body.dump(),
         [this, request](const HttpResponse* ok, const std::string& why_zh, const std::string& why_en) {
             if (request != write_request_ || !ctx_.state.review_write) return;
             ReviewWrite& w = *ctx_.state.review_write;
             if (ok) {
                 auto json = nlohmann::json::parse(ok->body, nullptr, false);
                 auto review = json.is_discarded() ? Result<Review>(make_error("bad_answer", "服务器的回答无法读取（评价）",
                                                                               "the server's answer could not be understood (review)"))
                                                   : wire::decode_review(json);
                 if (review) {
                     w.stage = ReviewWrite::Stage::done;
                     w.created = ok->status == 201;
                     w.review = std::move(review).value();
                     ctx_.notifier.notify(Notice::Kind::success, "评价已提交，谢谢", "Your review is saved: thank you");
                     load_my_reviews();  // what is due now
                     ctx_.notifier.changed();
                     return;
                 }
                 w.error_zh = review.error().message_zh;
                 w.error_en = review.error().message_en;
             } else {
                 w.error_zh = why_zh;
                 w.error_en = why_en;
             }
             w.stage = ReviewWrite::Stage::failed;
             ctx_.notifier.notify(Notice::Kind::error, "评价未提交：" + w.error_zh, "The review was not saved: " + w.error_en);
             ctx_.notifier.changed();
         });
    ctx_.notifier.changed();
}

void ReviewSync::load_member_reviews(const Id& member) {
    MemberReviewsView& view = ctx_.state.member_reviews;
    if (view.member != member) view = {};
    view.member = member;
    if (!ctx_.has_endpoint()) return;
    read_view(ctx_, *this, view, member_request_, "members/" + query_params::percent_escaped(member) + "/reviews?limit=5",
              [](const std::string& body) { return wire::decode_member_reviews(body); },
              [](MemberReviewsView& reviews, wire::MemberReviewsPage page) { reviews.page = std::move(page); });
}

}  // namespace liaoxiu::sync
