// The secretariat's desk on top of the sync engine: the one implementation of DeskIntents.
// It works with the SyncEngine's own parts (the state the UI reads, the session, the outbox),
// so a secretariat's change is told, retried and shown exactly as a worker's join is. Only the
// desk's builds (desk.html, the desktop app, the tests) link it: a worker's wasm does not
// carry the secretariat's intents, their wire shapes or their words.
//   - desk_read.hpp: the audit trail (one page at a time) and the statistics (one table);
//   - designer_intents.cpp: routes and policies, their drafts, through the outbox;
//   - member_intents.cpp: admit, edit, suspend, reinstate, remove, sent at once;
//   - report_intents.cpp: the printable monthly report's tables, asked together.
#pragma once

#include "sync/client.hpp"
#include "sync/desk/desk_read.hpp"
#include "sync/sync_engine.hpp"

#include <cstdint>
#include <string>

namespace liaoxiu::sync {

class DeskEngine : public DeskIntents {
public:
    // `engine` must outlive this; its poll() delivers this one's answers too.
    explicit DeskEngine(SyncEngine& engine);
    ~DeskEngine() override;
    DeskEngine(const DeskEngine&) = delete;
    DeskEngine& operator=(const DeskEngine&) = delete;

    bool busy() const {
        return audit_.busy() || stats_.busy() || member_write_in_flight() ||
               ctx_.state.stats_report.status == StatsReportState::Status::loading || reviews_.busy();
    }

    void load_audit(const AuditQuery& query) override;
    void load_stats(const StatsQuery& query) override;
    void load_stats_report(const StatsQuery& filters, const std::string& month) override;  // report_intents.cpp
    // ---- routes and policies (designer_intents.cpp) ----
    void load_drafts() override;
    void save_route(const Route& route) override;
    void publish_route(const Id& route) override;
    void unpublish_route(const Id& route) override;
    void delete_route(const Id& route) override;
    void save_policy(const Policy& policy) override;
    void publish_policy(const Id& policy) override;
    void unpublish_policy(const Id& policy) override;
    // ---- members (member_intents.cpp) ----
    void admit_member(const Member& member) override;
    void update_member(const Member& member) override;
    void change_member_status(const Id& member, MemberStatus status, const std::string& reason) override;
    // ---- service reviews (review_desk_intents.cpp) ----
    void load_review_scores(std::optional<Day> from, std::optional<Day> to) override;
    void set_standing(const Id& member, MemberStanding standing, const std::string& note, std::optional<Day> follow_up) override;
    void hide_review(const Id& review, const std::string& reason) override;

private:
    bool require_secretariat(PendingAction::Kind kind);
    void on_drafts(const HttpResponse& response, std::uint64_t generation, bool routes);
    // The outbox's answer to a route or policy action: the record as saved.
    void on_designer_answer(const PendingAction& action, const HttpResponse& response);
    void on_route_deleted(const Id& route, const HttpResponse& response, std::uint64_t generation);
    // Member writes: sent at once, one at a time.
    void send_member_write(MemberWrite write, std::string method, std::string path, std::string body);
    void on_member_answer(const HttpResponse& response, std::uint64_t generation);
    bool member_write_in_flight() const;
    // The monthly report's answers (report_intents.cpp).
    void on_report_answer(const HttpResponse& response, std::uint64_t request, std::uint64_t generation);
    void report_failed(const std::string& zh, const std::string& en);

    EngineContext& ctx_;
    SessionSync& session_;
    Outbox& outbox_;
    CatalogueSync& catalogue_;
    DeskRead<AuditView> audit_;
    DeskRead<StatsState> stats_;
    void send_review_desk_write(ReviewDeskWrite::Kind kind, const Id& target, const std::string& path, std::string body);
    ReviewSync& reviews_;
    std::optional<Day> from_, to_;  // the scores' range asked for last
    std::uint64_t scores_request_ = 0;
    std::uint64_t report_request_ = 0;  // bumps at every load_stats_report: older answers are ignored
};

}  // namespace liaoxiu::sync
