#include "sync/roster_sync.hpp"

#include "core/permissions.hpp"
#include "core/query_params.hpp"
#include "core/wire.hpp"
#include "sync/session_sync.hpp"

#include <algorithm>

namespace liaoxiu::sync {

RosterView& RosterSync::roster_entry(const Id& group) {
    auto& rosters = ctx_.state.rosters;
    auto found = std::find_if(rosters.begin(), rosters.end(), [&](const RosterView& view) { return view.group == group; });
    if (found != rosters.end()) return *found;
    RosterView view;
    view.group = group;
    rosters.push_back(std::move(view));
    return rosters.back();
}

void RosterSync::load_roster(const Id& group) {
    const auto& session = ctx_.state.session;
    if (!session) {
        ctx_.notifier.notify(Notice::Kind::error, "请先登录再查看名单", "Sign in first to see the roster");
        return;
    }
    if (auto forbidden = roster_forbidden(Actor{session->role, session->id, session->unit}, nullptr)) {
        ctx_.notifier.notify(Notice::Kind::error, forbidden->message_zh, forbidden->message_en);
        return;
    }
    fetch_roster(group);
}

void RosterSync::fetch_roster(const Id& group) {
    RosterView& entry = roster_entry(group);
    entry.stale = false;
    if (!ctx_.has_endpoint() || ctx_.state.connection == Connection::offline) {
        entry.status = RosterView::Status::failed;
        entry.error_zh = "网络不可用，名单需联网查看";
        entry.error_en = "No network: the roster needs a connection";
        ctx_.notifier.changed();
        return;
    }
    entry.status = RosterView::Status::loading;
    ctx_.notifier.changed();
    generation_ = session_.generation();
    const std::uint64_t generation = generation_;
    ++in_flight_;
    ctx_.send("GET", "groups/" + query_params::percent_escaped(group) + "/roster", {}, session_.token(), {},
              [this, generation, group](const HttpResponse& response) {
                  --in_flight_;
                  if (generation != session_.generation() || !ctx_.state.session) return;
                  RosterView& view = roster_entry(group);
                  if (unreachable(response.status)) ctx_.endpoint_unreachable();
                  else ctx_.reached_endpoint();
                  if (response.status == 200) {
                      if (auto roster = wire::decode_roster(response.body)) {
                          view.roster = std::move(roster).value();
                          view.status = RosterView::Status::loaded;
                          view.error_zh.clear();
                          view.error_en.clear();
                          ctx_.notifier.changed();
                          return;
                      }
                  }
                  DomainError error = unreachable(response.status)
                                          ? DomainError{"refused", "网络不可用，名单需联网查看",
                                                        "No network: the roster needs a connection", ""}
                                          : wire::decode_error(response.status, response.body);
                  if (response.status == 200) error = wire::bad_answer("roster");
                  view.status = RosterView::Status::failed;
                  view.error_zh = error.message_zh;
                  view.error_en = error.message_en;
                  ctx_.notifier.changed();
              });
}

void RosterSync::load_unit_workers() {
    const auto& session = ctx_.state.session;
    if (!session) return;
    if (unit_workers_forbidden(Actor{session->role, session->id, session->unit}, session->unit)) return;
    if (!ctx_.has_endpoint()) return;
    generation_ = session_.generation();
    const std::uint64_t generation = generation_;
    ++in_flight_;
    ctx_.send("GET", "units/" + query_params::percent_escaped(session->unit) + "/workers", {}, session_.token(), {},
              [this, generation](const HttpResponse& response) {
                  --in_flight_;
                  if (generation != session_.generation() || !ctx_.state.session) return;
                  if (response.status != 200) {
                      if (unreachable(response.status)) ctx_.endpoint_unreachable();
                      return;
                  }
                  ctx_.reached_endpoint();
                  auto workers = wire::decode_unit_workers(response.body);
                  if (!workers) return;
                  ctx_.state.unit_workers.clear();
                  for (const auto& account : workers.value())
                      ctx_.state.unit_workers.push_back(UnitWorker{account.id, account.name, account.member_number});
                  ctx_.state.unit_workers_loaded = true;
                  ctx_.notifier.changed();
              });
}

void RosterSync::poll() {
    ClientState& state = ctx_.state;
    if (generation_ != session_.generation() || !state.session) {
        if (!state.rosters.empty() || !state.unit_workers.empty() || state.unit_workers_loaded) {
            state.rosters.clear();
            state.unit_workers.clear();
            state.unit_workers_loaded = false;
            ctx_.notifier.changed();
        }
        generation_ = session_.generation();
        if (!state.session) return;
    }
    for (std::size_t i = 0; i < state.rosters.size(); ++i) {
        if (state.rosters[i].stale && state.rosters[i].status != RosterView::Status::loading) {
            fetch_roster(state.rosters[i].group);
        }
    }
}

}  // namespace liaoxiu::sync
