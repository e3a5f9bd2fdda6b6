#include "sync/outbox.hpp"

#include "core/json.hpp"
#include "core/query_params.hpp"
#include "core/wire.hpp"
#include "sync/catalogue_sync.hpp"
#include "sync/persist.hpp"
#include "sync/session_sync.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace liaoxiu::sync {
namespace {

std::string group_path(const Id& group, const char* action) {
    return "groups/" + query_params::percent_escaped(group) + "/" + action;
}

std::string record_path(const char* kind, const Id& id, const char* action = nullptr) {
    std::string path = std::string(kind) + "/" + query_params::percent_escaped(id);
    if (action) path += std::string("/") + action;
    return path;
}

Instant retry_after_seconds(const HttpHeaders& headers) {
    std::string text = header_value(headers, "Retry-After");
    Instant seconds = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds < 0) return 0;
    return std::min<Instant>(seconds, 3600);
}

// A refusal that, on a retry whose earlier attempt may have arrived, means "already done".
bool already_done(PendingAction::Kind kind, const std::string& code) {
    switch (kind) {
        case PendingAction::Kind::withdraw: return code == "not_a_member_of_group";
        case PendingAction::Kind::accept_offer: return code == "no_offer";
        case PendingAction::Kind::open_group: return code == "duplicate_id";
        case PendingAction::Kind::cancel_group: return code == "group_closed";
        case PendingAction::Kind::open_to_all: return false;  // opening an open group again is no refusal
        case PendingAction::Kind::join: return false;  // the endpoint replays joins by key
        case PendingAction::Kind::add_worker: return false;  // a join too
        case PendingAction::Kind::withdraw_worker: return code == "not_a_member_of_group";
        // A create whose first attempt arrived finds its own record; publishing and
        // unpublishing twice are no refusals at all.
        case PendingAction::Kind::save_route:
        case PendingAction::Kind::save_policy: return code == "duplicate_id";
        case PendingAction::Kind::publish_route:
        case PendingAction::Kind::unpublish_route:
        case PendingAction::Kind::publish_policy:
        case PendingAction::Kind::unpublish_policy: return false;
    }
    return false;
}

void tell_saved(Notifier& notifier) {
    notifier.notify(Notice::Kind::warning, "网络不可用，已保存，联网后自动提交",
                    "No network: saved, and sent automatically when you are back online", "network");
}

}  // namespace

Verb verb_of(PendingAction::Kind kind) {
    switch (kind) {
        case PendingAction::Kind::join: return {"报名", "Joining"};
        case PendingAction::Kind::withdraw: return {"退出", "Withdrawing"};
        case PendingAction::Kind::accept_offer: return {"接受名额", "Accepting the place"};
        case PendingAction::Kind::open_group: return {"发起拼团", "Opening the group trip"};
        case PendingAction::Kind::cancel_group: return {"取消拼团", "Cancelling the group trip"};
        case PendingAction::Kind::open_to_all: return {"开放给所有单位", "Opening the group to all units"};
        case PendingAction::Kind::add_worker: return {"为职工报名", "Adding the worker"};
        case PendingAction::Kind::withdraw_worker: return {"为职工退出", "Withdrawing the worker"};
        case PendingAction::Kind::save_route: return {"保存线路", "Saving the route"};
        case PendingAction::Kind::publish_route: return {"发布线路", "Publishing the route"};
        case PendingAction::Kind::unpublish_route: return {"撤回线路", "Unpublishing the route"};
        case PendingAction::Kind::save_policy: return {"保存政策", "Saving the policy"};
        case PendingAction::Kind::publish_policy: return {"发布政策", "Publishing the policy"};
        case PendingAction::Kind::unpublish_policy: return {"撤回政策", "Unpublishing the policy"};
    }
    return {"操作", "The action"};
}

void Outbox::load() {
    ClientState& state = ctx_.state;
    if (auto text = ctx_.storage.get(kOutboxKey)) state.outbox = decode_outbox(*text);
    // An outbox without the session it was made in cannot be delivered.
    if (!state.session && !state.outbox.empty()) {
        state.outbox.clear();
        ctx_.storage.remove(kOutboxKey);
    }
}

void Outbox::persist() {
    if (ctx_.state.kiosk) return;
    // A failed put (quota) costs only the copy a reload would find; this page still delivers it.
    if (ctx_.state.outbox.empty()) {
        ctx_.storage.remove(kOutboxKey);
    } else {
        ctx_.storage.put(kOutboxKey, encode_outbox(ctx_.state.outbox));
    }
}

std::size_t Outbox::clear() {
    const std::size_t dropped = ctx_.state.outbox.size();
    ctx_.state.outbox.clear();
    told_saved_.clear();
    persist();
    return dropped;
}

bool Outbox::pending(PendingAction::Kind kind, const Id& group) const {
    const auto& outbox = ctx_.state.outbox;
    return std::any_of(outbox.begin(), outbox.end(),
                       [&](const PendingAction& action) { return action.kind == kind && action.group == group; });
}

void Outbox::enqueue(PendingAction action) {
    action.idempotency_key = ctx_.random.new_key();  // once per action; every retry reuses it
    action.created = ctx_.now;
    action.next_attempt = ctx_.now;
    action.attempts = 0;
    const std::string key = action.idempotency_key;
    ctx_.state.outbox.push_back(std::move(action));
    persist();
    ctx_.notifier.changed();
    if (ctx_.state.connection == Connection::offline || !ctx_.has_endpoint()) {
        told_saved_.insert(key);
        tell_saved(ctx_.notifier);
    }
    poll();
}

void Outbox::poll() {
    ClientState& state = ctx_.state;
    if (sending_ || state.outbox.empty() || !state.session || session_.token().empty()) return;
    if (!ctx_.has_endpoint() || state.signing_in) return;
    PendingAction& action = state.outbox.front();
    if (action.next_attempt > ctx_.now) return;
    ++action.attempts;
    persist();
    HttpHeaders headers = {{"Idempotency-Key", action.idempotency_key}};
    std::string path;
    std::string body = "{}";
    std::string method = "POST";
    switch (action.kind) {
        case PendingAction::Kind::join: path = group_path(action.group, "join"); break;
        case PendingAction::Kind::withdraw: path = group_path(action.group, "withdraw"); break;
        case PendingAction::Kind::accept_offer: path = group_path(action.group, "accept"); break;
        case PendingAction::Kind::cancel_group:
            path = group_path(action.group, "cancel");
            body = wire::dump({{"reason", action.reason}});
            break;
        case PendingAction::Kind::open_to_all: path = group_path(action.group, "open-to-all"); break;
        case PendingAction::Kind::open_group:
            path = "groups";
            body = wire::dump(*action.draft);
            break;
        case PendingAction::Kind::add_worker:
            path = group_path(action.group, "join");
            body = wire::dump({{"worker", action.worker}});
            break;
        case PendingAction::Kind::withdraw_worker:
            path = group_path(action.group, "withdraw");
            body = wire::dump({{"worker", action.worker}, {"reason", action.reason}});
            break;
        case PendingAction::Kind::save_route:
            // The body states the status: a new route is created as the draft it is.
            if (!action.create) method = "PUT";
            path = action.create ? "routes" : record_path("routes", action.group);
            body = wire::dump(wire::encode_route(*action.route));
            break;
        case PendingAction::Kind::publish_route: path = record_path("routes", action.group, "publish"); break;
        case PendingAction::Kind::unpublish_route: path = record_path("routes", action.group, "unpublish"); break;
        case PendingAction::Kind::save_policy:
            if (!action.create) method = "PUT";
            path = action.create ? "policies" : record_path("policies", action.group);
            body = wire::dump(wire::encode_policy(*action.policy));
            break;
        case PendingAction::Kind::publish_policy: path = record_path("policies", action.group, "publish"); break;
        case PendingAction::Kind::unpublish_policy: path = record_path("policies", action.group, "unpublish"); break;
    }
    // Its answer finds it by key.
    sending_ = action.idempotency_key;
    const std::uint64_t generation = session_.generation();
    ctx_.send(std::move(method), path, std::move(body), session_.token(), std::move(headers),
              [this, generation](const HttpResponse& response) { on_answer(response, generation); });
    ctx_.notifier.changed();
}

void Outbox::on_answer(const HttpResponse& response, std::uint64_t generation) {
    const std::string key = std::move(*sending_);
    sending_.reset();
    if (generation != session_.generation()) return;  // the session ended meanwhile; its outbox is gone
    ClientState& state = ctx_.state;
    Notifier& notifier = ctx_.notifier;
    auto found = std::find_if(state.outbox.begin(), state.outbox.end(),
                              [&](const PendingAction& action) { return action.idempotency_key == key; });
    if (found == state.outbox.end()) return;
    PendingAction action = *found;
    const Verb verb = verb_of(action.kind);

    if (transient(response.status)) {
        if (unreachable(response.status)) {
            ctx_.endpoint_unreachable();
        } else {
            ctx_.reached_endpoint();
        }
        Instant wait = backoff_delay(action.attempts, ctx_.random.unit(), ctx_.options.backoff);
        found->next_attempt = ctx_.now + std::max(wait, retry_after_seconds(response.headers));
        persist();
        if (told_saved_.insert(key).second) {
            if (unreachable(response.status)) {
                tell_saved(notifier);
            } else {
                notifier.notify(Notice::Kind::warning, "服务器暂时繁忙，已保存，稍后自动重试",
                                "The server is busy: saved, and retried automatically");
            }
        }
        notifier.changed();
        return;
    }
    ctx_.reached_endpoint();
    state.outbox.erase(found);
    told_saved_.erase(key);
    persist();
    notifier.changed();

    if (response.status == 401) {
        session_.end(Notice::Kind::error, std::string("登录已失效，") + verb.zh + "未提交，请重新登录后再试",
                     std::string("Your session has expired: ") + verb.en + " was not sent; sign in and try again");
        return;
    }
    // Whatever happened, the endpoint's view is fresher than ours now.
    catalogue_.sync_soon();
    session_.want_trips();

    if (response.status >= 200 && response.status < 300) {
        done(action, response);
    } else {
        DomainError error = wire::decode_error(response.status, response.body);
        if (action.attempts > 1 && already_done(action.kind, error.code)) {
            // An earlier attempt arrived though its answer was lost.
            done(action, HttpResponse{200, {}, {}});
            return;
        }
        notifier.notify(Notice::Kind::error, std::string(verb.zh) + "未成功：" + error.message_zh,
                        std::string(verb.en) + " failed: " + error.message_en);
    }
    poll();
}

void Outbox::set_my_trip(const Id& group, PlaceState place_state, int waitlist_position) {
    auto& trips = ctx_.state.my_trips;
    auto mine = std::find_if(trips.begin(), trips.end(), [&](const MyTrip& trip) { return trip.group == group; });
    if (mine == trips.end()) {
        trips.push_back(MyTrip{group, place_state, waitlist_position, std::nullopt, {}, ctx_.now});
    } else {
        mine->since = ctx_.now;
        mine->state = place_state;
        mine->waitlist_position = waitlist_position;
        mine->offer_expires.reset();
        mine->reason.clear();
    }
    session_.persist();
}

void Outbox::mark_roster_stale(const Id& group) {
    for (auto& roster : ctx_.state.rosters)
        if (roster.group == group) roster.stale = true;
}

// The secretariat's route and policy actions: what the answer means for the drafts is the
// desk's to say (DeskEngine); a worker's build only tells it was done.
void Outbox::desk_done(const PendingAction& action, const HttpResponse& response) {
    if (desk_answers_) desk_answers_(action, response);
    const Verb verb = verb_of(action.kind);
    ctx_.notifier.notify(Notice::Kind::success, std::string(verb.zh) + "成功", std::string(verb.en) + ": done");
}

void Outbox::done(const PendingAction& action, const HttpResponse& response) {
    Notifier& notifier = ctx_.notifier;
    switch (action.kind) {
        case PendingAction::Kind::join: {
            auto answer = wire::decode_join_answer(response.body);
            if (!answer) {
                notifier.notify(Notice::Kind::success, "报名已提交", "Your join was received");
                break;
            }
            if (answer.value().counts) {
                for (auto& view : ctx_.state.groups) {
                    if (view.trip().id == action.group) view.counts = *answer.value().counts;
                }
            }
            set_my_trip(action.group, answer.value().state, answer.value().waitlist_position);
            if (answer.value().state == PlaceState::waitlisted) {
                const std::string n = std::to_string(answer.value().waitlist_position);
                notifier.notify(Notice::Kind::info, "已满员，已为您加入候补第" + n + "位",
                                "The group is full: you are number " + n + " on the waiting list");
            } else if (answer.value().state == PlaceState::pending_approval) {
                notifier.notify(Notice::Kind::info, "名额已保留，待本单位工会审批",
                                "Place held: awaiting your union's approval");
            } else {
                notifier.notify(Notice::Kind::success, "报名成功，已确认名额", "You're in: your place is confirmed");
            }
            break;
        }
        case PendingAction::Kind::withdraw:
            set_my_trip(action.group, PlaceState::withdrawn, 0);
            notifier.notify(Notice::Kind::success, "已退出该团，名额已释放",
                            "You left the group trip; your place was released");
            break;
        case PendingAction::Kind::accept_offer: {
            // A worker whose union approves their places (审批) holds the accepted place pending.
            const auto body = nlohmann::json::parse(response.body, nullptr, false);
            const auto mine = body.is_object() && body.contains("my_place") ? wire::decode_my_place(body["my_place"])
                                                                            : std::nullopt;
            if (mine && mine->place.state == PlaceState::pending_approval) {
                set_my_trip(action.group, PlaceState::pending_approval, 0);
                notifier.notify(Notice::Kind::info, "已接受名额，待本单位工会审批",
                                "Place accepted: awaiting your union's approval");
                break;
            }
            set_my_trip(action.group, PlaceState::confirmed, 0);
            notifier.notify(Notice::Kind::success, "已接受名额，报名成功", "Place accepted: you're in");
            break;
        }
        case PendingAction::Kind::open_group:
            notifier.notify(Notice::Kind::success, "拼团已发起，可以分享给职工了",
                            "The group trip is open: share it with your workers");
            break;
        case PendingAction::Kind::cancel_group:
            notifier.notify(Notice::Kind::success, "拼团已取消", "The group trip is cancelled");
            break;
        case PendingAction::Kind::open_to_all:
            notifier.notify(Notice::Kind::success, "已开放给所有单位，各单位职工均可报名",
                            "Open to all units: any unit's workers may join now");
            break;
        case PendingAction::Kind::add_worker: {
            auto answer = wire::decode_join_answer(response.body);
            if (answer && answer.value().state == PlaceState::waitlisted) {
                const std::string n = std::to_string(answer.value().waitlist_position);
                notifier.notify(Notice::Kind::info, "已满员，该职工已加入候补第" + n + "位",
                                "The group is full: the worker is number " + n + " on the waiting list");
            } else {
                notifier.notify(Notice::Kind::success, "已为职工报名", "The worker was added");
            }
            mark_roster_stale(action.group);
            break;
        }
        case PendingAction::Kind::withdraw_worker:
            notifier.notify(Notice::Kind::success, "已为职工退出该团，名额已释放",
                            "The worker's place was released");
            mark_roster_stale(action.group);
            break;
        case PendingAction::Kind::save_route:
        case PendingAction::Kind::publish_route:
        case PendingAction::Kind::unpublish_route:
        case PendingAction::Kind::save_policy:
        case PendingAction::Kind::publish_policy:
        case PendingAction::Kind::unpublish_policy: desk_done(action, response); break;
    }
    notifier.changed();
}

}  // namespace liaoxiu::sync
