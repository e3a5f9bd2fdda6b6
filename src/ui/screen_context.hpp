// What every screen function receives: the state to read, the intents to emit, the
// services of the device, and the UI's own remembered state (forms, filters). Screens
// are free functions of a Context, one file each under src/ui/screens/.
#pragma once

#include "core/permissions.hpp"
#include "core/search.hpp"
#include "sync/client.hpp"
#include "ui/catalogue_view.hpp"
#include "ui/desk_pages.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/navigator.hpp"
#include "ui/services.hpp"
#include "ui/strings.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::ui {

// The catalogue screen's query and its last results.
struct CatalogueScreenState {
    std::string text;
    SearchQuery query;          // filters and sort; text is copied in before searching
    int days_band = -1;         // -1 none, else an index into the day bands
    int price_band = -1;        // -1 none, else an index into the price bands
    bool show_filters = false;
    std::vector<SearchHit> hits;
    std::uint64_t searched_revision = ~std::uint64_t{0};
    std::string searched_key;   // the query the hits belong to
    // The last few queries' hits (of searched_revision), newest first: typing pinyin and
    // deleting it again asks the same queries twice, and on 10k routes a first letter costs
    // about a millisecond of the frame. Cleared with the rest of the state (kiosk reset).
    std::vector<std::pair<std::string, std::vector<SearchHit>>> recent;
};

struct OpenGroupForm {
    Id route;                   // the form is reset when it opens on another route
    std::string departure;
    std::string deadline;
    std::string min_size = "10";
    std::string max_size = "30";
    std::string per_unit_cap = "0";
    Visibility visibility = Visibility::alliance;  // who may join: any unit (拼团) unless the union chooses its own
    std::string meeting_point;  // optional, as the core's GroupDraft
    std::string contact_name;
    std::string contact_phone;
    std::string error_zh;       // why the last submission was refused, in both languages
    std::string error_en;
    // The field the refusal is about, shown right under it (none: above the button).
    enum class Field { none, departure, min_size, max_size, deadline, per_unit_cap, meeting_point, contact_name, contact_phone }
        error_field = Field::none;
    // The departure a submission was held back for, because a group on the same route and day
    // already takes joins (core duplicates_group): the form then asks to go there or open anyway.
    std::optional<Day> duplicate_warned;
};

struct SignInForm {
    std::string login;
    std::string password;
    bool missing_fields = false;
};

// A join, a withdrawal or (the organizing union's) a cancellation or opening to all units
// waiting for the user to confirm it in a modal.
struct Confirmation {
    // sign_out: only while actions wait in the outbox (signing out drops them); `group` is empty.
    enum class Kind { join, withdraw, cancel, withdraw_worker, open_to_all, sign_out } kind = Kind::join;
    Id group;
    std::string reason = {};     // cancel: told to everyone who joined; withdraw_worker: told to the worker
    bool reason_missing = false;
    Id worker = {};              // withdraw_worker: whose place (a union freeing one of its workers')
    std::string worker_name = {};
};

// The unit union's roster screen (#/roster/<id>).
struct RosterScreenState {
    Id requested;                // the group whose roster was asked for on opening the screen
    bool adding = false;         // the pick-a-worker list is open
    bool workers_requested = false;
};

// The unit union's approval queue (#/approvals, screens/approvals.cpp): the place whose 不同意
// is being written, its reason, and the core's refusal of it, shown at the field.
struct ApprovalsScreenState {
    bool requested = false;      // the queue was asked for on opening the screen
    Id declining_group;          // the place whose reason field is open (none: empty)
    Id declining_worker;
    std::string reason;
    std::string error_zh, error_en;  // decline_reason_refused's words, under the field
};

// 消息 (#/messages, screens/messages.cpp): asked for on opening; what was unread when it arrived
// (marked 未读 for the whole visit, though showing it marks it read); the newest id marked read.
struct MessagesScreenState {
    bool requested = false;
    std::vector<std::int64_t> unread_on_arrival;
    std::int64_t marked_up_to = 0;
};

// 规则设置 (#/rules, screens/rules_settings.cpp): the form as typed, one text per field ("" = unset:
// the alliance's, or no limit), filled from the rules read (and again from each save's answer).
struct RulesFormState {
    bool requested = false;          // the rules were asked for on opening the screen
    std::uint64_t filled_from = 0;   // RulesSettingsView::saved when the form was last filled (+1: filled)
    std::string trips_per_year, days_per_year, out_of_province_every_years, cost_standard_yuan,
        unit_share_percent, decision_hours;
    std::optional<bool> approval_required;
    std::vector<DomainError> problems;  // the form's refusal, each with its field's path
};

// A short message of the UI's own (not from the sync engine), e.g. 链接已复制.
struct LocalToast {
    Text text;
    Instant until = 0;
};

// The desk's audit trail screen (src/ui/desk/audit.cpp): its filter form as typed, the
// last refusal of it, and the entry opened in full.
struct AuditScreenState {
    int action = 0;             // 0: every action; i: kAuditActions[i - 1]
    std::string actor;
    std::string entity;
    std::string from;           // 2026-12-06
    std::string to;
    std::string error_zh;       // a filter the core refused, in both languages
    std::string error_en;
    std::string error_field;    // the parameter it names
    Id requested_for;           // the account the first page was asked for (a new sign-in asks again)
    std::int64_t opened = 0;    // the seq shown in full; 0: none
};
// The designer's desk pages' own state (src/ui/desk/designer.hpp), made when one first draws.
struct DesignerState;
// The desk's own remembered state (forms, filters, sorts): defined in src/ui/desk/, made
// when a desk page first draws, so the worker's build carries none of it.
struct DeskState;
// The worker's 待评价 (screens/review_form.cpp): the stars and comments being written.
struct ReviewFormState;

struct ScreenState {
    CatalogueScreenState catalogue;
    OpenGroupForm open_group;
    SignInForm sign_in;
    std::optional<Confirmation> confirmation;
    bool confirmation_opened = false;
    RosterScreenState roster;
    ApprovalsScreenState approvals;
    MessagesScreenState messages;
    RulesFormState rules_form;
    Id opening_group;            // the trip just submitted: the app lands on it once the endpoint took it
    std::optional<Category> member_category;
    std::optional<std::string> member_city;
    // Which alliance leads home, the catalogue and search (core leading_alliance): chosen
    // while signed out (kept on the device by the app, not on a kiosk), or by the account
    // signed in now (for this visit; its own unit's alliance leads until it chooses).
    struct AllianceChoice {
        Id signed_out;
        Id signed_in;
        Id account;  // who chose `signed_in`
    } alliance;
    std::vector<LocalToast> toasts;
    // A form's refusal, said at once by the live region (assertive) when it is shown at its
    // field: someone who cannot see the field hears why the form was not sent.
    std::vector<std::string> alerts;
    bool high_contrast = false; // the display toggle; Ui applies the style when it changes
    // The QR code of the last link shown, kept so it is encoded once, not every frame.
    std::string qr_text;
    std::vector<bool> qr_modules;
    int qr_size = 0;
    // Added for the secretariat's desk:
    AuditScreenState audit;
    std::shared_ptr<DesignerState> designer;  // the route and policy desk (designer)
    std::shared_ptr<DeskState> desk;  // the secretariat's desk (deskui)
    std::shared_ptr<ReviewFormState> reviews;  // 我的 → 待评价 (review_form.cpp)
    // The worker's journey (journey): the trips marked 新 in this visit of 我的 (kept for the
    // whole visit, though the engine is told at once they were seen), the frame 我的 last drew,
    // and where a sign-in asked for on a group returns to, with the join offered again.
    std::vector<Id> trips_marked_new;
    std::vector<Id> wishes_marked_new;  // the same for 想去的线路 (routes whose group is 新 in this visit)
    int me_last_frame = -10;
    std::optional<Location> sign_in_return;
    Id join_after_sign_in;
    Id wish_after_sign_in;  // 登录后想去: the route whose 想去 is said once signed in (and the wishes are known)
    // Notices: the height the toasts took in the last pass (the screens stop above them), and
    // where each personal notice was first shown (a kiosk drops it on another screen).
    float toasts_height = 0;
    std::vector<std::pair<std::uint64_t, std::string>> notice_screens;
};

struct Context {
    const sync::ClientState& state;
    sync::Intents& intents;
    Services& services;
    GlyphAtlas& glyphs;
    ItemRegistry& items;
    const CatalogueView& view;
    ScreenState& screens;
    Navigator& nav;
    Language language = Language::zh;
    bool wide = false;          // kiosk or tablet: two columns
    bool short_screen = false;  // a phone on its side: the frame around the screens takes less height
    DeskPages desk;             // the desk's pages, where they are installed (desk_pages.hpp)
    sync::DeskIntents* desk_intents = nullptr;  // what they ask for: set wherever they are installed
    bool office = false;        // an office screen (1366 wide and the like): the desk's navigation stays open

    const char* t(Text id) const { return text(id, language); }

    // A printf format from the strings table, filled in.
    template <class... Args>
    std::string f(Text id, Args... args) const {
        char buffer[512];
        std::snprintf(buffer, sizeof buffer, t(id), args...);
        return language == Language::en ? english_plurals(buffer) : std::string(buffer);
    }

    bool signed_in() const { return state.session.has_value(); }
    // The signed-in person as the core's permission rules see them (core/permissions.hpp).
    // Only while signed_in().
    Actor actor() const { return Actor{state.session->role, state.session->id, state.session->unit}; }
    // May open a group trip (for their own unit): the core's rule, asked before offering the form.
    // The secretariat is signed in: the desk is theirs (here, or in desk.html).
    bool secretariat() const { return signed_in() && state.session->role == Role::secretariat; }
    bool may_open_group() const { return signed_in() && !open_group_forbidden(actor(), state.session->unit); }
    // May read the trip's roster (its organizing union, a union with a place on it, the secretariat).
    bool may_see_roster(const GroupTrip& trip) const { return signed_in() && !roster_forbidden(actor(), &trip); }

    // The alliance shown first: the one chosen (see ScreenState::alliance), else the signed-in
    // person's unit's, else the catalogue's first. nullptr when the catalogue has none.
    const Alliance* leading_alliance() const {
        const auto& choice = screens.alliance;
        if (!signed_in()) return liaoxiu::leading_alliance(state.catalogue, choice.signed_out, {});
        const Id& chosen = choice.account == state.session->id ? choice.signed_in : Id{};
        return liaoxiu::leading_alliance(state.catalogue, chosen, state.session->unit);
    }
    void choose_alliance(const Id& id) const {
        auto& choice = screens.alliance;
        if (!signed_in()) {
            choice.signed_out = id;
        } else {
            choice.signed_in = id;
            choice.account = state.session->id;
        }
    }
};

// The screens (src/ui/screens/*.cpp).
// A worker's trip in a few words (its place's state, the group's, the queue, the reason): what
// 我的 remembers as seen, so a change shows as 新 (src/ui/screens/me.cpp).
std::string trip_summary(const sync::MyTrip& trip, const GroupTrip* group);
// A place offered to the signed-in worker, with the action to accept it: first on home.
void draw_offer_banner(Context& ctx);
void draw_home(Context& ctx);
void draw_routes(Context& ctx);
void draw_route(Context& ctx, const Route& route);
// Why workers cannot book `route` for now (a stop's member suspended, with the secretariat's
// reason), under 暂不可报名; true when there was anything to say (route.cpp).
bool draw_booking_holds(Context& ctx, const Route& route);
// 想去 (route.cpp): the groups on `route` the signed-in person's unit may join now (core
// wish_groups over the catalogue; none signed out), and the worker's wish on it, if any.
std::vector<const GroupTrip*> groups_for_wish(const Context& ctx, const Id& route);
const wire::MyWish* my_wish(const Context& ctx, const Id& route);
void draw_group(Context& ctx, const sync::GroupView& group);
// What the signed-in worker's union rules (工会规则) say of joining `trip` (joining_terms.cpp),
// worked out by the core's union_rules.hpp from their effective rules (ClientState::my_rules),
// the catalogue and their held places — the same functions the endpoint checks the join with.
// None for anyone but a worker, and until the rules and the worker's trips are known.
struct JoiningTerms {
    std::string summary;                 // 本单位需工会审批；2027年还可参加1次（共3次）；…；本次自付¥…
    std::optional<DomainError> refused;  // the allowance's refusal of this join (allowance_refused)
    std::string cost;                    // 本次自付¥686（工会补贴¥300，单位承担¥294）
    bool approval_required = false;
};
std::optional<JoiningTerms> joining_terms(const Context& ctx, const GroupTrip& trip, const Route& route);
void draw_open_group(Context& ctx, const Route& route);
void draw_members(Context& ctx);
void draw_member(Context& ctx, const Member& member);
void draw_policies(Context& ctx);
void draw_policy(Context& ctx, const Policy& policy);
void draw_me(Context& ctx);
void draw_roster(Context& ctx, const sync::GroupView& group);
// 审批 (approvals.cpp): the union's queue, and its line on 我的 (待审批 N) for a union whose unit
// has places waiting or requires approval.
void draw_approvals(Context& ctx);
void draw_approvals_entry(Context& ctx);
// 消息 (messages.cpp): the list, its line on 我的 (消息, with the unread count), and the count the
// 我的 tab's badge shows (0 signed out, on a kiosk, for the secretariat).
void draw_messages(Context& ctx);
// 我的 calls the entry twice: near the top, shown only while some are unread (消息（N条未读）), and
// at the end, shown only while none are (消息).
enum class MessagesEntry { unread_at_top, quiet_below };
void draw_messages_entry(Context& ctx, MessagesEntry where);
std::int64_t unread_messages(const Context& ctx);
// 规则设置 (rules_settings.cpp): the form, and its line on 我的 (a union's 本单位疗休养规则, the
// secretariat's 联盟疗休养规则).
void draw_rules_settings(Context& ctx);
void draw_rules_entry(Context& ctx);
void draw_sign_in(Context& ctx);
void draw_not_found(Context& ctx);

// The frame around them (src/ui/screens/chrome.cpp).
void draw_top_bar(Context& ctx, Language& language);
void draw_tab_bar(Context& ctx, float height);
// The same tabs stacked in a column `width` wide on the left (a short screen), at most `height` tall.
void draw_tab_rail(Context& ctx, float width, float height);
float tab_rail_width(Context& ctx);
void draw_toasts(Context& ctx, float bottom);
void draw_confirmation(Context& ctx);
// The toggles of how things look (high contrast), on the me and sign-in screens.
void draw_display_options(Context& ctx);
// The secretariat's desk (src/ui/screens/desk_nav.cpp): its navigation, a column `height` tall
// or (`row`) one row of chips above the page; and its entry on the me screen.
void draw_desk_nav(Context& ctx, bool row, float height);
void draw_desk_entry(Context& ctx);
// Kiosk: "back to the home screen in N", over everything (src/ui/screens/kiosk.cpp).
void draw_idle_countdown(Context& ctx, int seconds_left);

}  // namespace liaoxiu::ui
