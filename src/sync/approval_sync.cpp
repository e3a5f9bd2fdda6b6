#include "sync/approval_sync.hpp"

#include "core/group_trip.hpp"
#include "core/query_params.hpp"
#include "core/wire.hpp"
#include "core/wire_rules.hpp"
#include "sync/review_sync.hpp"
#include "sync/view_read.hpp"

#include <algorithm>
#include <utility>

namespace liaoxiu::sync {

namespace {

bool union_signed_in(const ClientState& state) {
    return !state.kiosk && state.session && state.session->role == Role::organizer && !state.session->unit.empty();
}

}  // namespace

void ApprovalSync::want() {
    if (ctx_.state.approvals.status != ReadStatus::loading) ctx_.state.approvals.status = ReadStatus::none;
}

void ApprovalSync::poll() {
    if (!ctx_.has_endpoint() || !union_signed_in(ctx_.state)) return;
    if (ctx_.state.approvals.status == ReadStatus::none) read();
}

void ApprovalSync::load_approvals() {
    if (!ctx_.require_role(Role::organizer, "审批", "decide approvals")) return;
    if (ctx_.state.kiosk) return;  // nothing personal on a kiosk
    if (!ctx_.has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::error, "未连接服务器，无法读取待审批", "No server: the approvals cannot be read");
        return;
    }
    read();
}

void ApprovalSync::read() {
    const Id unit = ctx_.state.session->unit;
    read_view(
        ctx_, requests_, ctx_.state.approvals, request_, "units/" + query_params::percent_escaped(unit) + "/approvals",
        [](const std::string& body) {
            auto json = wire::parse_json(body);
            return json ? wire::decode_approval_queue(*json) : Result<wire::ApprovalQueue>(wire::bad_answer("approvals"));
        },
        [](ApprovalsView& view, wire::ApprovalQueue queue) { view.queue = std::move(queue); });
}

void ApprovalSync::approve_place(const Id& group, const Id& worker) { decide(group, worker, nullptr); }

void ApprovalSync::decline_place(const Id& group, const Id& worker, const std::string& reason) {
    decide(group, worker, &reason);
}

void ApprovalSync::decide(const Id& group, const Id& worker, const std::string* reason) {
    if (!ctx_.require_role(Role::organizer, reason ? "不同意" : "同意", reason ? "decline" : "approve")) return;
    if (reason) {
        if (auto refused = decline_reason_refused(*reason)) {
            ctx_.notifier.notify(Notice::Kind::error, "审批未提交：" + refused->message_zh,
                                 "The decision was not sent: " + refused->message_en);
            return;
        }
    }
    if (!ctx_.has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::error, "未连接服务器，审批未提交", "No server: the decision was not sent");
        return;
    }
    std::vector<std::pair<Id, Id>>& deciding = ctx_.state.approvals.deciding;
    const std::pair<Id, Id> key{group, worker};
    if (std::find(deciding.begin(), deciding.end(), key) != deciding.end()) return;  // a tap while it is on its way
    deciding.push_back(key);

    // The names the notice gives, from the queue as shown.
    std::string who = worker, trip = group;
    for (const wire::ApprovalEntry& entry : ctx_.state.approvals.queue.approvals) {
        if (entry.group != group || entry.worker != worker) continue;
        if (!entry.worker_name.empty()) who = entry.worker_name;
        trip = entry.route_title;
    }
    const std::string path = "groups/" + query_params::percent_escaped(group) + "/places/" +
                             query_params::percent_escaped(worker) + (reason ? "/decline" : "/approve");
    const std::string body = reason ? wire::dump({{"reason", *reason}}) : std::string("{}");
    const bool approving = reason == nullptr;
    requests_.send("POST", path, body,
                   [this, key, who, trip, approving](const HttpResponse* ok, const std::string& why_zh,
                                                     const std::string& why_en) {
                       std::erase(ctx_.state.approvals.deciding, key);
                       if (ok) {
                           // Gone from the queue at once; the queue is read again all the same.
                           std::erase_if(ctx_.state.approvals.queue.approvals, [&](const wire::ApprovalEntry& e) {
                               return e.group == key.first && e.worker == key.second;
                           });
                           if (approving)
                               ctx_.notifier.notify(Notice::Kind::success, "已同意 " + who + " 参加“" + trip + "”",
                                                    "Approved: " + who + " goes on " + trip);
                           else
                               ctx_.notifier.notify(Notice::Kind::success, "已不同意 " + who + " 参加“" + trip + "”，原因已告诉职工",
                                                    "Declined: " + who + " will not go on " + trip + "; the worker is told why");
                       } else {
                           ctx_.notifier.notify(Notice::Kind::error, "审批未提交：" + why_zh,
                                                "The decision was not sent: " + why_en);
                       }
                       // Read again either way (a refusal often means the place changed: lapsed, withdrawn).
                       if (union_signed_in(ctx_.state)) read();
                       ctx_.notifier.changed();
                   });
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
