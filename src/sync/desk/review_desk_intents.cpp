// The secretariat's service reviews (服务评价): the members' scores (GET /reviews/scores), a
// member's standing (POST /members/{id}/standing) and a hidden comment (POST
// /reviews/{id}/hide), through the engine's ReviewSync; each write is sent at once, told in a
// Notice, and followed by the scores read again.
#include "core/dates.hpp"
#include "core/query_params.hpp"
#include "core/wire_reviews.hpp"
#include "sync/desk/desk_engine.hpp"
#include "sync/view_read.hpp"

#include <nlohmann/json.hpp>

namespace liaoxiu::sync {

void DeskEngine::load_review_scores(std::optional<Day> from, std::optional<Day> to) {
    ReviewScoresView& view = ctx_.state.review_scores;
    if (!ctx_.state.session || ctx_.state.session->role != Role::secretariat) {
        view.status = ReadStatus::failed;
        view.error_zh = "只有联盟秘书处可以查看服务评价";
        view.error_en = "Only the alliance's secretariat reads the service scores";
        ctx_.notifier.changed();
        return;
    }
    if (!ctx_.has_endpoint()) return;
    from_ = from;
    to_ = to;
    std::string path = "reviews/scores";
    std::string sep = "?";
    if (from) {
        path += sep + "from=" + format_day(*from);
        sep = "&";
    }
    if (to) path += sep + "to=" + format_day(*to);
    read_view(ctx_, reviews_, view, scores_request_, path,
              [](const std::string& body) { return wire::decode_review_scores_answer(body); },
              [](ReviewScoresView& scores, wire::ReviewScoresAnswer answer) { scores.answer = std::move(answer); });
}

void DeskEngine::send_review_desk_write(ReviewDeskWrite::Kind kind, const Id& target, const std::string& path, std::string body) {
    if (!ctx_.require_role(Role::secretariat, "处理服务评价", "act on service reviews")) return;
    ReviewDeskWrite write;
    write.kind = kind;
    write.target = target;
    ctx_.state.review_desk_write = write;
    if (!ctx_.has_endpoint()) {
        ctx_.state.review_desk_write->stage = ReviewDeskWrite::Stage::failed;
        ctx_.state.review_desk_write->error_zh = "未连接服务器";
        ctx_.state.review_desk_write->error_en = "No server";
        ctx_.notifier.changed();
        return;
    }
    reviews_.send("POST", path, std::move(body), [this](const HttpResponse* ok, const std::string& why_zh, const std::string& why_en) {
        if (!ctx_.state.review_desk_write) return;
        ReviewDeskWrite& w = *ctx_.state.review_desk_write;
        if (ok) {
            w.stage = ReviewDeskWrite::Stage::done;
            ctx_.notifier.notify(Notice::Kind::success, "已保存", "Saved");
            load_review_scores(from_, to_);
        } else {
            w.stage = ReviewDeskWrite::Stage::failed;
            w.error_zh = why_zh;
            w.error_en = why_en;
            ctx_.notifier.notify(Notice::Kind::error, "未保存：" + why_zh, "Not saved: " + why_en);
        }
        ctx_.notifier.changed();
    });
    ctx_.notifier.changed();
}

void DeskEngine::set_standing(const Id& member, MemberStanding standing, const std::string& note, std::optional<Day> follow_up) {
    nlohmann::json body = {{"standing", standing_name(standing)}, {"note", note}};
    body["follow_up"] = follow_up ? nlohmann::json(format_day(*follow_up)) : nlohmann::json(nullptr);
    send_review_desk_write(ReviewDeskWrite::Kind::standing, member, "members/" + query_params::percent_escaped(member) + "/standing", body.dump());
}

void DeskEngine::hide_review(const Id& review, const std::string& reason) {
    nlohmann::json body = {{"reason", reason}};
    send_review_desk_write(ReviewDeskWrite::Kind::hide, review, "reviews/" + query_params::percent_escaped(review) + "/hide", body.dump());
}

}  // namespace liaoxiu::sync
