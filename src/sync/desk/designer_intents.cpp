// The secretariat's routes and policies (the designer's desk): drafts loaded from the
// endpoint, and saving, publishing and unpublishing through the outbox (idempotent: a
// publish or unpublish done twice changes nothing; a create retried after its answer was
// lost finds its own record). Checked with the core's rules before anything is queued.
#include "sync/desk/desk_engine.hpp"

#include "core/rules.hpp"
#include "core/wire.hpp"

#include <algorithm>

namespace liaoxiu::sync {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, const Id& id) {
    auto found = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    return found == items.end() ? nullptr : &*found;
}

template <class T>
void upsert_by_id(std::vector<T>& items, T item) {
    auto found = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == item.id; });
    if (found == items.end()) {
        items.push_back(std::move(item));
    } else {
        *found = std::move(item);
    }
}

template <class T>
void put_by_status(std::vector<T>& drafts, std::vector<T>& published, T record) {
    auto same = [&](const T& x) { return x.id == record.id; };
    if (record.status == PublishStatus::draft) {
        std::erase_if(published, same);  // gone from this device's catalogue at once (the delta agrees)
        auto found = std::find_if(drafts.begin(), drafts.end(), same);
        if (found == drafts.end()) {
            drafts.push_back(std::move(record));
        } else {
            *found = std::move(record);
        }
    } else {
        std::erase_if(drafts, same);  // it reaches the catalogue with the next delta
    }
}

}  // namespace

bool DeskEngine::require_secretariat(PendingAction::Kind kind) {
    const Verb verb = verb_of(kind);
    if (!ctx_.state.session) {
        ctx_.notifier.notify(Notice::Kind::error, std::string("请先登录再") + verb.zh,
                             std::string("Sign in first: ") + verb.en);
        return false;
    }
    if (ctx_.state.session->role != Role::secretariat) {
        ctx_.notifier.notify(Notice::Kind::error, "只有联盟秘书处可以管理线路和政策",
                             "only the alliance's secretariat manages routes and policies");
        return false;
    }
    return true;
}

void DeskEngine::load_drafts() {
    if (!ctx_.state.session || ctx_.state.session->role != Role::secretariat) return;
    if (!ctx_.has_endpoint() || session_.token().empty()) return;
    const std::uint64_t generation = session_.generation();
    ctx_.send("GET", "routes?status=draft", {}, session_.token(), {},
              [this, generation](const HttpResponse& response) { on_drafts(response, generation, true); });
    ctx_.send("GET", "policies?status=draft", {}, session_.token(), {},
              [this, generation](const HttpResponse& response) { on_drafts(response, generation, false); });
}

void DeskEngine::on_drafts(const HttpResponse& response, std::uint64_t generation, bool routes) {
    if (generation != session_.generation()) return;  // another session's answer
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
        return;
    }
    ctx_.reached_endpoint();
    if (response.status != 200) {
        DomainError error = wire::decode_error(response.status, response.body);
        ctx_.notifier.notify(Notice::Kind::error, "草稿读取失败：" + error.message_zh,
                             "The drafts could not be loaded: " + error.message_en);
        return;
    }
    ClientState& state = ctx_.state;
    if (routes) {
        auto list = wire::decode_route_list(response.body);
        if (!list) return;
        state.draft_routes = std::move(list).value();
    } else {
        auto list = wire::decode_policy_list(response.body);
        if (!list) return;
        state.draft_policies = std::move(list).value();
    }
    state.drafts_loaded = true;
    ctx_.notifier.changed();
}

// The outbox's answer to a route or policy action is the record as saved, which moves
// between the drafts and the catalogue by its status.
void DeskEngine::on_designer_answer(const PendingAction& action, const HttpResponse& response) {
    ClientState& state = ctx_.state;
    const bool route = action.kind == PendingAction::Kind::save_route ||
                       action.kind == PendingAction::Kind::publish_route ||
                       action.kind == PendingAction::Kind::unpublish_route;
    if (route) {
        auto answer = wire::decode_route_answer(response.body);
        if (answer) put_by_status(state.draft_routes, state.catalogue.routes, std::move(answer.value().route));
    } else {
        auto answer = wire::decode_policy(response.body);
        if (answer) put_by_status(state.draft_policies, state.catalogue.policies, std::move(answer).value());
    }
}

void DeskEngine::save_route(const Route& route) {
    if (!require_secretariat(PendingAction::Kind::save_route)) return;
    ClientState& state = ctx_.state;
    const Route* published = find_by_id(state.catalogue.routes, route.id);
    const Route* draft = find_by_id(state.draft_routes, route.id);
    const bool queued_create = std::any_of(state.outbox.begin(), state.outbox.end(), [&](const PendingAction& a) {
        return a.kind == PendingAction::Kind::save_route && a.create && a.group == route.id;
    });
    Route saved = route;
    if (saved.id.empty()) saved.id = "r-" + ctx_.random.hex(12);  // made once: a retried create finds its own
    saved.status = published && !draft ? PublishStatus::published : PublishStatus::draft;
    auto problems = validate_route(saved, state.catalogue);
    // A published route must stay complete; a draft only its references.
    auto refusals = saved.status == PublishStatus::published ? problems : draft_refusals(problems);
    if (const DomainError* error = first_error(refusals)) {
        ctx_.refused_locally(*error, PendingAction::Kind::save_route);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::save_route;
    action.group = saved.id;
    action.create = !published && !draft && !queued_create;
    action.route = saved;
    // A draft shows at once among the drafts (published edits arrive with the catalogue).
    if (saved.status == PublishStatus::draft) upsert_by_id(state.draft_routes, saved);
    outbox_.enqueue(std::move(action));
}

void DeskEngine::publish_route(const Id& id) {
    if (!require_secretariat(PendingAction::Kind::publish_route)) return;
    ClientState& state = ctx_.state;
    const Route* route = find_by_id(state.draft_routes, id);
    if (!route) route = find_by_id(state.catalogue.routes, id);
    if (!route) {
        ctx_.refused_locally({"not_found", "线路不存在：" + id, "no route " + id, ""}, PendingAction::Kind::publish_route);
        return;
    }
    Route candidate = *route;
    candidate.status = PublishStatus::published;
    const auto problems = validate_route(candidate, state.catalogue);  // kept: first_error points into it
    if (const DomainError* error = first_error(problems)) {
        ctx_.refused_locally(*error, PendingAction::Kind::publish_route);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::publish_route;
    action.group = id;
    outbox_.enqueue(std::move(action));
}

void DeskEngine::unpublish_route(const Id& id) {
    if (!require_secretariat(PendingAction::Kind::unpublish_route)) return;
    PendingAction action;
    action.kind = PendingAction::Kind::unpublish_route;
    action.group = id;
    outbox_.enqueue(std::move(action));
}

void DeskEngine::delete_route(const Id& id) {
    ClientState& state = ctx_.state;
    auto refuse = [&](const std::string& zh, const std::string& en) {
        ctx_.notifier.notify(Notice::Kind::error, "草稿未删除：" + zh, "The draft was not deleted: " + en);
    };
    if (!state.session || state.session->role != Role::secretariat) {
        refuse("只有联盟秘书处可以管理线路和政策", "only the alliance's secretariat manages routes and policies");
        return;
    }
    if (!find_by_id(state.draft_routes, id)) {
        if (find_by_id(state.catalogue.routes, id)) refuse("线路已发布，请先撤回发布再删除", "the route is published: unpublish it first");
        else refuse("线路不存在：" + id, "no route " + id);
        return;
    }
    // A save of it still on its way: the endpoint may not hold the draft yet, or would take
    // the save after the delete and bring it back.
    if (std::any_of(state.outbox.begin(), state.outbox.end(), [&](const PendingAction& a) { return a.group == id; })) {
        refuse("这条线路的修改仍在提交中，请稍候", "a change of this route is still on its way: wait a moment");
        return;
    }
    if (!ctx_.has_endpoint() || state.connection == Connection::offline || session_.token().empty()) {
        refuse("离线时不能删除，请联网后再试", "drafts cannot be deleted offline: try again when online");
        return;
    }
    const std::uint64_t generation = session_.generation();
    ctx_.send("DELETE", "routes/" + id, {}, session_.token(), {},
              [this, id, generation](const HttpResponse& response) { on_route_deleted(id, response, generation); });
}

void DeskEngine::on_route_deleted(const Id& id, const HttpResponse& response, std::uint64_t generation) {
    if (generation != session_.generation()) return;  // signed out meanwhile
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
    } else if (!transient(response.status)) {
        ctx_.reached_endpoint();
    }
    if (response.status == 401) {
        session_.end(Notice::Kind::error, "登录已失效，草稿未删除，请重新登录后再试",
                     "Your session has expired: the draft was not deleted; sign in and try again");
        return;
    }
    // 404: deleted already (the answer to an earlier DELETE was lost): gone all the same.
    if (response.status == 204 || response.status == 404) {
        std::erase_if(ctx_.state.draft_routes, [&](const Route& r) { return r.id == id; });
        ctx_.notifier.notify(Notice::Kind::success, "草稿已删除", "The draft was deleted");
    } else {
        const DomainError error = wire::decode_error(response.status, response.body);
        const bool network = transient(response.status);
        ctx_.notifier.notify(Notice::Kind::error,
                             "草稿未删除：" + (network ? std::string("网络或服务器暂时不可用，请稍后再试") : error.message_zh),
                             "The draft was not deleted: " +
                                 (network ? std::string("the network or server is unavailable; try again") : error.message_en));
    }
    ctx_.notifier.changed();
}

void DeskEngine::save_policy(const Policy& policy) {
    if (!require_secretariat(PendingAction::Kind::save_policy)) return;
    ClientState& state = ctx_.state;
    const Policy* published = find_by_id(state.catalogue.policies, policy.id);
    const Policy* draft = find_by_id(state.draft_policies, policy.id);
    const bool queued_create = std::any_of(state.outbox.begin(), state.outbox.end(), [&](const PendingAction& a) {
        return a.kind == PendingAction::Kind::save_policy && a.create && a.group == policy.id;
    });
    Policy saved = policy;
    if (saved.id.empty()) saved.id = "p-" + ctx_.random.hex(12);  // made once: a retried create finds its own
    saved.status = published && !draft ? PublishStatus::published : PublishStatus::draft;
    if (saved.status == PublishStatus::published) {
        const auto problems = validate_policy(saved);
        if (const DomainError* error = first_error(problems)) {
            ctx_.refused_locally(*error, PendingAction::Kind::save_policy);
            return;
        }
    }
    PendingAction action;
    action.kind = PendingAction::Kind::save_policy;
    action.group = saved.id;
    action.create = !published && !draft && !queued_create;
    action.policy = saved;
    if (saved.status == PublishStatus::draft) upsert_by_id(state.draft_policies, saved);
    outbox_.enqueue(std::move(action));
}

void DeskEngine::publish_policy(const Id& id) {
    if (!require_secretariat(PendingAction::Kind::publish_policy)) return;
    const Policy* policy = find_by_id(ctx_.state.draft_policies, id);
    if (!policy) policy = find_by_id(ctx_.state.catalogue.policies, id);
    if (!policy) {
        ctx_.refused_locally({"not_found", "政策不存在：" + id, "no policy " + id, ""}, PendingAction::Kind::publish_policy);
        return;
    }
    const auto problems = validate_policy(*policy);
    if (const DomainError* error = first_error(problems)) {
        ctx_.refused_locally(*error, PendingAction::Kind::publish_policy);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::publish_policy;
    action.group = id;
    outbox_.enqueue(std::move(action));
}

void DeskEngine::unpublish_policy(const Id& id) {
    if (!require_secretariat(PendingAction::Kind::unpublish_policy)) return;
    PendingAction action;
    action.kind = PendingAction::Kind::unpublish_policy;
    action.group = id;
    outbox_.enqueue(std::move(action));
}

}  // namespace liaoxiu::sync
