// A headless driver for the real screens: an ImGui context with no renderer, the glyph
// atlas built from a TrueType CJK font, a ClientState made from the demo catalogue, an
// Intents that records every call, and Services with a fixed clock. Tests act by label,
// as a person would: click("一键报名"), type("jls"), shows("还差6人成团").
#pragma once

#include "platform/desktop/truetype_glyphs.hpp"
#include "sync/client.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/services.hpp"
#include "ui/ui.hpp"

#include <string>
#include <vector>

namespace liaoxiu::testing {

// Every intent as one line: "join g-qz-001", "sign_in w-1204 secret", "open_group r-… 10 30".
// Both the worker's and the secretariat's intents, so the desk's calls land in the same list.
class RecordingIntents final : public sync::Intents, public sync::DeskIntents {
public:
    std::vector<std::string> calls;
    std::vector<GroupDraft> drafts;

    void sign_in(const std::string& login, const std::string& password) override { calls.push_back("sign_in " + login + " " + password); }
    void sign_out() override { calls.push_back("sign_out"); }
    void join(const Id& group) override { calls.push_back("join " + group); }
    void withdraw(const Id& group) override { calls.push_back("withdraw " + group); }
    void accept_offer(const Id& group) override { calls.push_back("accept_offer " + group); }
    Id open_group(const GroupDraft& draft) override;
    void cancel_group(const Id& group, const std::string& reason) override { calls.push_back("cancel_group " + group + " " + reason); }
    void open_to_all(const Id& group) override { calls.push_back("open_to_all " + group); }
    void load_rules_settings(RulesScope scope, const Id& id) override {
        calls.push_back(std::string("load_rules_settings ") + rules_scope_name(scope) + " " + id);
    }
    void save_rules_settings(RulesScope scope, const Id& id, const UnionRules& rules) override {
        calls.push_back(std::string("save_rules_settings ") + rules_scope_name(scope) + " " + id + " " +
                        wire::encode_rules(rules).dump());
    }
    void refresh() override { calls.push_back("refresh"); }
    void dismiss_notice(std::uint64_t id) override { calls.push_back("dismiss_notice " + std::to_string(id)); }
    // What 我的 said was seen, last; not a "call" (it is told while drawing, not by a person).
    std::vector<std::pair<Id, std::string>> seen;
    int seen_told = 0;
    void trips_seen(std::vector<std::pair<Id, std::string>> trips) override {
        seen = std::move(trips);
        ++seen_told;
    }
    std::vector<Id> reviews_asked_told;  // the last list the screens said the worker was asked about
    void reviews_asked(std::vector<Id> groups) override { reviews_asked_told = std::move(groups); }
    // 想去: "wish r-…", "unwish r-…"; what 我的 said was seen of the wishes, last.
    void wish(const Id& route) override { calls.push_back("wish " + route); }
    void unwish(const Id& route) override { calls.push_back("unwish " + route); }
    std::vector<std::pair<Id, std::string>> wishes_seen_told;
    void wishes_seen(std::vector<std::pair<Id, std::string>> seen) override { wishes_seen_told = std::move(seen); }
    // 审批: "load_approvals", "approve_place g w", "decline_place g w <reason>".
    void load_approvals() override { calls.push_back("load_approvals"); }
    void approve_place(const Id& group, const Id& worker) override { calls.push_back("approve_place " + group + " " + worker); }
    void decline_place(const Id& group, const Id& worker, const std::string& reason) override {
        calls.push_back("decline_place " + group + " " + worker + " " + reason);
    }
    // 消息: "load_notifications", "notifications_read 42".
    void load_notifications() override { calls.push_back("load_notifications"); }
    void notifications_read(std::int64_t up_to) override { calls.push_back("notifications_read " + std::to_string(up_to)); }
    // Added for the audit trail: "load_audit actor=…&limit=100&offset=0".
    std::vector<AuditQuery> audit_queries;
    void load_audit(const AuditQuery& query) override {
        calls.push_back("load_audit " + audit_query_string(query));
        audit_queries.push_back(query);
    }
    // Statistics: "load_stats view=places&by=month".
    std::vector<StatsQuery> stats_queries;
    void load_stats(const StatsQuery& query) override {
        calls.push_back("load_stats " + stats_query_string(query));
        stats_queries.push_back(query);
    }
    // The printable monthly report: "load_stats_report 2026-11 view=…" (the filters as asked).
    std::vector<StatsQuery> report_filters;
    // Service reviews: "load_my_reviews", "submit_review g m 5 4 3 <comment>", "load_member_reviews m",
    // "load_review_scores", "set_standing m rectification <note> 2027-01-10", "hide_review r <reason>".
    std::vector<ReviewScores> review_scores_sent;
    void load_my_reviews() override { calls.push_back("load_my_reviews"); }
    void submit_review(const Id& group, const Id& member, const ReviewScores& scores, const std::string& comment) override;
    void load_member_reviews(const Id& member) override { calls.push_back("load_member_reviews " + member); }
    void load_review_scores(std::optional<Day> from, std::optional<Day> to) override;
    void set_standing(const Id& member, MemberStanding standing, const std::string& note, std::optional<Day> follow_up) override;
    void hide_review(const Id& review, const std::string& reason) override { calls.push_back("hide_review " + review + " " + reason); }
    void load_stats_report(const StatsQuery& filters, const std::string& month) override {
        calls.push_back("load_stats_report " + month + " " + stats_query_string(filters));
        report_filters.push_back(filters);
    }
    // The unit union's desk (organizers):
    void load_roster(const Id& group) override { calls.push_back("load_roster " + group); }
    void load_unit_workers() override { calls.push_back("load_unit_workers"); }
    void add_worker(const Id& group, const Id& worker) override { calls.push_back("add_worker " + group + " " + worker); }
    void withdraw_worker(const Id& group, const Id& worker, const std::string& reason) override {
        calls.push_back("withdraw_worker " + group + " " + worker + " " + reason);
    }
    // The secretariat's routes and policies (designer): the saved ones are kept whole.
    std::vector<Route> saved_routes;
    std::vector<Policy> saved_policies;
    void load_drafts() override { calls.push_back("load_drafts"); }
    void save_route(const Route& route) override { calls.push_back("save_route " + route.id); saved_routes.push_back(route); }
    void publish_route(const Id& route) override { calls.push_back("publish_route " + route); }
    void unpublish_route(const Id& route) override { calls.push_back("unpublish_route " + route); }
    void delete_route(const Id& route) override { calls.push_back("delete_route " + route); }
    void save_policy(const Policy& policy) override { calls.push_back("save_policy " + policy.id); saved_policies.push_back(policy); }
    void publish_policy(const Id& policy) override { calls.push_back("publish_policy " + policy); }
    void unpublish_policy(const Id& policy) override { calls.push_back("unpublish_policy " + policy); }
    // ---- the secretariat's desk: members (deskui) ----
    std::vector<Member> members;  // as admitted or updated
    void admit_member(const Member& member) override;
    void update_member(const Member& member) override;
    void change_member_status(const Id& member, MemberStatus status, const std::string& reason) override;
};

class FakeServices final : public ui::Services {
public:
    Instant clock = 0;
    bool can_share = false;           // like a desktop browser: sharing falls back to copying
    std::vector<std::string> shared;  // urls
    std::vector<std::string> copied;

    Instant now() const override { return clock; }
    std::string link_to(const std::string& location) const override { return "https://liaoxiu.example/" + location; }
    bool share(const std::string& title, const std::string& url) override;
    void copy_text(const std::string& text) override { copied.push_back(text); }
    std::vector<std::string> opened_links;  // tel: and map links
    void open_link(const std::string& url) override { opened_links.push_back(url); }
    struct SavedFile {
        std::string name, mime, bytes;
    };
    std::vector<SavedFile> saved;     // every file handed over (a roster's CSV)
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override {
        saved.push_back({name, mime, bytes});
    }
    std::vector<std::string> opened_pages;
    void open_page(const std::string& page) override { opened_pages.push_back(page); }
    struct OpenedDocument {
        std::string title, html;
    };
    std::vector<OpenedDocument> documents;  // every document opened (the monthly report)
    void open_document(const std::string& title, const std::string& html) override { documents.push_back({title, html}); }
};

// The demo catalogue as the sync engine would present it: online, groups with their counts.
sync::ClientState demo_state();
// 2026-12-01 08:00 China time: before every open group's deadline in the demo catalogue.
Instant demo_now();

sync::Session make_session(const Id& account, const std::string& name, sync::Role role, const Id& unit);
sync::PendingAction make_pending(sync::PendingAction::Kind kind, const Id& group, int attempts);

// Owns the ImGui context for the driver's lifetime (constructed first, destroyed last).
struct ImGuiContextOwner {
    ImGuiContextOwner();
    ~ImGuiContextOwner();
    ImGuiContextOwner(const ImGuiContextOwner&) = delete;
    ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
    ImGuiContext* context;
};

class UiDriver {
public:
    // `desk`: the secretariat's desk pages are installed (as in desk.html and the native app);
    // false: the worker's build (index.html).
    explicit UiDriver(float width = 390, float height = 844, bool desk = true);

    void frame();
    void frames(int count);

    // Finds an interactive item by its exact label, scrolls it into reach, presses and
    // releases the mouse on it. False when no such item was drawn.
    bool click(const std::string& label);
    // Types into the focused text field, as a keyboard or an IME would.
    void type(const std::string& text);
    void press_backspace();  // in the focused text field
    // Wheels the screen down until an interactive item labelled `label` is drawn whole in view
    // (ImGui reports no label for a button scrolled out of view, so click() cannot find one
    // below the fold by itself). False when the screen ends without it.
    bool scroll_down_to(const std::string& label);
    // A label or noted text containing `text`, drawn in the last frame (perhaps scrolled out of view).
    bool shows(const std::string& text) const;
    int count_shown(const std::string& text) const;
    const ui::ItemRecord* find_item(const std::string& label) const;  // interactive, exact label
    // Labels of visible interactive items that are route titles, top to bottom.
    std::vector<std::string> route_cards() const;
    int missing_glyphs() const { return missing_glyphs_; }

    // Marks the state changed, as the sync engine does after every change.
    void touch() { ++state.revision; }

    ImGuiContextOwner imgui;
    sync::ClientState state;
    RecordingIntents intents;
    FakeServices services;
    platform::TrueTypeGlyphRasterizer rasterizer;
    ui::GlyphAtlas glyphs;
    ui::ItemRegistry items;
    ui::Ui ui;

private:
    int missing_glyphs_ = 0;
};

}  // namespace liaoxiu::testing
