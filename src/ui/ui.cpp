#include "ui/ui.hpp"

#include "ui/style.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <utility>

namespace liaoxiu::ui {

namespace {

constexpr float kTabBarHeight = 60.0f;
// The notices' height changed in this pass: the screens must be laid out again around them.
bool g_relayout = false;
constexpr float kWideLayout = 720.0f;  // from here on, two columns (tablets, kiosks)
// Below this height (a phone on its side) the title bar is one row and the tabs move to a
// column on the left, so the screen keeps most of the height.
constexpr float kShortLayout = 520.0f;
// From here on the desk's navigation stays open on the left (an office PC at 1366×768);
// narrower (a tablet), it folds into one row above the page.
constexpr float kOfficeLayout = 1200.0f;

void prefetch_catalogue_text(GlyphAtlas& glyphs, const Catalogue& catalogue) {
    for (const Alliance& a : catalogue.alliances) glyphs.prefetch(a.name);
    for (const Route& r : catalogue.routes) {
        glyphs.prefetch(r.title);
        glyphs.prefetch(r.summary);
        glyphs.prefetch(r.region);
        for (const auto& s : r.themes) glyphs.prefetch(s);
        for (const auto& s : r.cities) glyphs.prefetch(s);
        for (const auto& s : r.highlights) glyphs.prefetch(s);
        for (const auto& s : r.service_notes) glyphs.prefetch(s);
        for (const ItineraryDay& day : r.itinerary) {
            glyphs.prefetch(day.title);
            for (const Stop& stop : day.stops) glyphs.prefetch(stop.note);
        }
    }
    for (const Member& m : catalogue.members) {
        glyphs.prefetch(m.name);
        glyphs.prefetch(m.city);
        glyphs.prefetch(m.county);
        glyphs.prefetch(m.address);
        for (const Service& s : m.services) {
            glyphs.prefetch(s.name);
            glyphs.prefetch(s.unit);
        }
    }
    for (const Policy& p : catalogue.policies) {
        glyphs.prefetch(p.title);
        glyphs.prefetch(p.issuer);
        glyphs.prefetch(p.body);
    }
    for (const Unit& u : catalogue.units) glyphs.prefetch(u.name);
}

}  // namespace

Ui::Ui(GlyphAtlas& glyphs, ItemRegistry& items, Services& services)
    : glyphs_(glyphs), items_(items), services_(services) {
    int count = 0;
    const char* const* texts = all_texts(&count);
    // Only prefetched: every widget asks for the glyphs of what it draws (App::needs_another_pass
    // catches one that does not), so the first frame waits only for the text it shows.
    for (int i = 0; i < count; ++i) glyphs_.prefetch(texts[i]);
}

void Ui::set_load_error(std::string error) {
    load_error_ = std::move(error);
    glyphs_.want(load_error_);
}

void Ui::prefetch_state_text(const sync::ClientState& state, bool catalogue_changed) {
    if (catalogue_changed) prefetch_catalogue_text(glyphs_, state.catalogue);
    for (const sync::Notice& n : state.notices) {
        glyphs_.prefetch(n.zh);
        glyphs_.prefetch(n.en);
    }
    if (state.session) glyphs_.prefetch(state.session->display_name);
    for (const sync::GroupView& g : state.groups) glyphs_.prefetch(g.trip().cancel_reason);
}

std::string Ui::location() const { return format_location(nav_.current()); }

void Ui::open_location(std::string_view location) {
    const Location to = parse_location(location);
    if (to == nav_.current()) return;
    if (const Location* previous = nav_.previous(); previous && *previous == to) {
        back();
        return;
    }
    nav_.open(to);
    on_screen_changed();
}

bool Ui::back() {
    if (!nav_.back()) return false;
    ++moves_back_;
    on_screen_changed();
    return true;
}

void Ui::set_high_contrast(bool on) {
    screens_.high_contrast = on;
    if (style_.high_contrast == on) return;
    style_.high_contrast = on;
    apply_style(style_);
}

void Ui::set_scale(float scale) {
    if (style_.scale == scale) return;
    style_.scale = scale;
    apply_style(style_);
}

void Ui::set_idle_countdown(int seconds_left) { idle_seconds_left_ = seconds_left > 0 ? seconds_left : 0; }

void Ui::reset() {
    const bool high_contrast = screens_.high_contrast;  // a setting of the device, not of the person
    screens_ = ScreenState{};
    screens_.high_contrast = high_contrast;
    nav_ = Navigator{};
    language_ = Language::zh;
    idle_seconds_left_ = 0;
    on_screen_changed();
}

std::vector<Announcement> Ui::take_announcements() {
    std::vector<Announcement> out;
    out.swap(announcements_);
    return out;
}

std::string Ui::screen_title(const Context& ctx) const {
    const Location& at = nav_.current();
    switch (at.screen) {
        case Screen::home: return ctx.t(Text::tab_home);
        case Screen::routes: return ctx.t(Text::all_routes);
        case Screen::members: return ctx.t(Text::tab_members);
        case Screen::policies: return ctx.t(Text::all_policies);
        case Screen::me: return ctx.t(Text::tab_me);
        case Screen::sign_in: return ctx.t(Text::sign_in);
        case Screen::route:
            if (const Route* r = view_.route(at.id)) return r->title;
            break;
        case Screen::open_group:
            if (const Route* r = view_.route(at.id)) return std::string(ctx.t(Text::action_open)) + " · " + r->title;
            break;
        case Screen::group:
            if (const sync::GroupView* g = view_.group(at.id)) {
                const Route* r = view_.route(g->trip().route);
                return std::string(ctx.t(Text::group_trip)) + " · " + (r ? r->title : g->trip().id);
            }
            break;
        case Screen::member:
            if (const Member* m = view_.member(at.id)) return m->name;
            break;
        case Screen::policy:
            if (const Policy* p = view_.policy(at.id)) return p->title;
            break;
        case Screen::roster:
            if (const sync::GroupView* g = view_.group(at.id)) {
                const Route* r = view_.route(g->trip().route);
                return ctx.f(Text::roster_title, (r ? r->title : g->trip().id).c_str());
            }
            break;
        case Screen::approvals: return ctx.t(Text::approvals_title);
        case Screen::messages: return ctx.t(Text::messages_title);
        case Screen::union_rules: return ctx.t(ctx.secretariat() ? Text::rules_entry_alliance : Text::rules_entry_unit);
        case Screen::desk_members:
        case Screen::desk_member:
        case Screen::desk_groups:
        case Screen::desk_routes:
        case Screen::desk_route:
        case Screen::desk_seasons:
        case Screen::desk_policies:
        case Screen::desk_policy:
        case Screen::desk_audit:
        case Screen::desk_stats:
        case Screen::desk_reviews:
            if (const DeskPage* page = desk_page(at.screen); page && ctx.secretariat())
                return ctx.language == Language::zh ? page->zh : page->en;
            break;
        case Screen::not_found: break;
    }
    return ctx.t(Text::not_found);
}

void Ui::announce_changes(const Context& ctx) {
    // The screen and, on the catalogue, how many routes the query found: one sentence,
    // said again only when it changes (a new screen, another query, the other language).
    std::string screen = screen_title(ctx);
    if (nav_.current().screen == Screen::routes) screen += " · " + ctx.f(Text::results_count, static_cast<int>(screens_.catalogue.hits.size()));
    if (screen != announced_screen_) {
        announced_screen_ = screen;
        announcements_.push_back({screen, false});
    }
    for (const sync::Notice& notice : ctx.state.notices) {
        if (notice.id <= announced_notice_) continue;
        announced_notice_ = notice.id;
        announcements_.push_back({ctx.language == Language::zh ? notice.zh : notice.en, notice.kind == sync::Notice::Kind::error});
    }
    for (std::string& alert : screens_.alerts) announcements_.push_back({std::move(alert), true});
    screens_.alerts.clear();
    // The kiosk countdown is said once when it starts, urgently: whoever is there must hear it in time.
    if (idle_seconds_left_ > 0 && announced_countdown_ == 0)
        announcements_.push_back({ctx.f(Text::idle_countdown, idle_seconds_left_), true});
    announced_countdown_ = idle_seconds_left_;
}

void Ui::on_screen_changed() {
    scroll_to_top_ = true;
    screens_.confirmation.reset();
    screens_.confirmation_opened = false;
    screens_.roster = RosterScreenState{};  // a roster opened again is fetched again
    screens_.approvals = ApprovalsScreenState{};  // so is the approval queue
    screens_.messages = MessagesScreenState{};    // and the messages (marked read once per visit)
    screens_.rules_form = RulesFormState{};       // and the rules (the form refilled from them)
}

void Ui::draw(const sync::ClientState& state, sync::Intents& intents) {
    if (view_.update(state)) {
        const bool catalogue_changed = wanted_catalogue_version_ != state.catalogue.version ||
                                       wanted_routes_ != state.catalogue.routes.size();
        wanted_catalogue_version_ = state.catalogue.version;
        wanted_routes_ = state.catalogue.routes.size();
        prefetch_state_text(state, catalogue_changed);
    }

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    Context ctx{state, intents, services_, glyphs_, items_, view_, screens_, nav_, language_,
                viewport->WorkSize.x >= kWideLayout, viewport->WorkSize.y < kShortLayout * style_.scale, desk_pages_,
                desk_intents_, viewport->WorkSize.x >= kOfficeLayout};

    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##main", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    draw_top_bar(ctx, language_);
    ctx.language = language_;  // the switch takes effect at once

    const float content_height = ctx.short_screen
                                     ? ImGui::GetContentRegionAvail().y
                                     : ImGui::GetContentRegionAvail().y - kTabBarHeight - ImGui::GetStyle().ItemSpacing.y;
    if (ctx.short_screen) {
        draw_tab_rail(ctx, tab_rail_width(ctx), content_height);
        ImGui::SameLine();
    }
    // The secretariat's desk beside the worker's screens: a column on an office screen.
    const bool desk_column = ctx.secretariat() && !desk_pages_.empty() && ctx.office && !ctx.short_screen;
    if (desk_column) {
        draw_desk_nav(ctx, false, content_height);
        ImGui::SameLine();
    }
    // The notices sit above the tab bar: the screen stops above them, so they cover nothing
    // (its last lines scroll into view). Their height is the last pass's; a change lays the
    // frame out again (layout_settled).
    const float toasts_used = screens_.toasts_height;
    const float screen_height = std::max(content_height * 0.4f, content_height - toasts_used);
    // A new screen starts at its top from its first frame (SetScrollY would wait a frame,
    // showing it once at the last screen's scroll, where a tap aimed at it would miss).
    if (std::exchange(scroll_to_top_, false)) ImGui::SetNextWindowScroll(ImVec2(0, 0));
    ImGui::BeginChild("##content", ImVec2(0, screen_height), false);
    // On a tablet the desk's navigation is one row above the page.
    if (ctx.secretariat() && !desk_pages_.empty() && !desk_column) draw_desk_nav(ctx, true, 0);
    draw_screen(ctx);
    ImGui::EndChild();
    // The tab bar stays at the bottom, under the notices.
    if (screen_height < content_height) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (content_height - screen_height));
    const float tab_bar_top = ImGui::GetCursorScreenPos().y;  // the notices end above it
    if (!ctx.short_screen) draw_tab_bar(ctx, kTabBarHeight);
    ImGui::End();

    const float toast_bottom = (ctx.short_screen ? viewport->WorkPos.y + viewport->WorkSize.y : tab_bar_top) - 8;
    draw_toasts(ctx, toast_bottom);
    if (screens_.toasts_height != toasts_used) g_relayout = true;
    draw_confirmation(ctx);
    if (idle_seconds_left_ > 0) draw_idle_countdown(ctx, idle_seconds_left_);
    announce_changes(ctx);

    const bool going_back = nav_.back_pending();
    const bool in_place = nav_.in_place_pending();
    if (nav_.apply()) {
        if (going_back) ++moves_back_;
        if (in_place) ++moves_in_place_;
        on_screen_changed();
    }
    if (screens_.high_contrast != style_.high_contrast) set_high_contrast(screens_.high_contrast);
}

bool Ui::layout_settled() {
    if (std::exchange(g_relayout, false)) return false;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (const ImGuiWindow* window : g.Windows) {
        if (!window->Active || window->IsFallbackWindow) continue;  // not submitted this frame
        if (window->HiddenFramesCannotSkipItems > 0 || window->HiddenFramesCanSkipItems > 0) return false;
        const bool auto_sized = (window->Flags & ImGuiWindowFlags_AlwaysAutoResize) || window->AutoFitFramesX > 0 ||
                                window->AutoFitFramesY > 0;
        if (!auto_sized) continue;
        // What ImGui will take as the content size next frame, against what sized this one.
        const ImVec2 reach(std::max(window->DC.CursorMaxPos.x, window->DC.IdealMaxPos.x),
                           std::max(window->DC.CursorMaxPos.y, window->DC.IdealMaxPos.y));
        const ImVec2 ideal(IM_FLOOR(reach.x - window->DC.CursorStartPos.x), IM_FLOOR(reach.y - window->DC.CursorStartPos.y));
        if (ideal.x != window->ContentSizeIdeal.x || ideal.y != window->ContentSizeIdeal.y) return false;
    }
    return true;
}

void Ui::draw_screen(Context& ctx) {
    const Location& at = nav_.current();
    const Catalogue& catalogue = ctx.state.catalogue;
    if (catalogue.routes.empty() && at.screen != Screen::sign_in && at.screen != Screen::me) {
        if (!load_error_.empty()) {
            label(ctx, ctx.t(Text::catalogue_failed), colors::accent);
            muted(ctx, load_error_);
        } else if (ctx.state.connection == sync::Connection::connecting) {
            muted(ctx, ctx.t(Text::loading_catalogue));
        } else {
            muted(ctx, ctx.t(Text::no_routes));
        }
        return;
    }
    // A trip this device just opened: once the endpoint took it (it is in the catalogue), the
    // organizer lands on it, ready to share.
    if (!screens_.opening_group.empty() && view_.group(screens_.opening_group)) {
        const Id opened = std::move(screens_.opening_group);
        screens_.opening_group.clear();
        nav_.go({Screen::group, opened});
        return;
    }
    switch (at.screen) {
        case Screen::home: return draw_home(ctx);
        case Screen::routes: return draw_routes(ctx);
        case Screen::members: return draw_members(ctx);
        case Screen::policies: return draw_policies(ctx);
        case Screen::me: return draw_me(ctx);
        case Screen::sign_in: return draw_sign_in(ctx);
        case Screen::route:
            if (const Route* r = view_.route(at.id)) return draw_route(ctx, *r);
            break;
        case Screen::open_group:
            if (const Route* r = view_.route(at.id)) return draw_open_group(ctx, *r);
            break;
        case Screen::group:
            if (const sync::GroupView* g = view_.group(at.id)) return draw_group(ctx, *g);
            break;
        case Screen::member:
            if (const Member* m = view_.member(at.id)) return draw_member(ctx, *m);
            break;
        case Screen::policy:
            if (const Policy* p = view_.policy(at.id)) return draw_policy(ctx, *p);
            break;
        case Screen::roster:
            if (const sync::GroupView* g = view_.group(at.id)) return draw_roster(ctx, *g);
            break;
        case Screen::approvals: return draw_approvals(ctx);
        case Screen::messages: return draw_messages(ctx);
        case Screen::union_rules: return draw_rules_settings(ctx);
        case Screen::desk_members:
        case Screen::desk_member:
        case Screen::desk_groups:
        case Screen::desk_routes:
        case Screen::desk_route:
        case Screen::desk_seasons:
        case Screen::desk_policies:
        case Screen::desk_policy:
        case Screen::desk_audit:
        case Screen::desk_stats:
        case Screen::desk_reviews: return draw_desk_screen(ctx);
        case Screen::not_found: break;
    }
    draw_not_found(ctx);
}

const DeskPage* Ui::desk_page(Screen screen) const {
    for (const DeskPage& page : desk_pages_)
        if (page.screen == screen) return &page;
    return nullptr;
}

// A desk page: only for the secretariat, and only where the desk is installed; elsewhere
// the secretariat is pointed to the desk page (desk.html), and anyone else sees nothing of it.
void Ui::draw_desk_screen(Context& ctx) {
    const DeskPage* page = desk_page(nav_.current().screen);
    if (!ctx.secretariat()) {
        heading(ctx, ctx.t(Text::not_found));
        muted(ctx, ctx.t(Text::desk_only_secretariat));
        if (button(ctx, ctx.t(Text::go_home), -1)) ctx.nav.go({Screen::home, {}});
        return;
    }
    if (!page) {
        heading(ctx, ctx.t(Text::desk_entry));
        muted(ctx, ctx.t(Text::desk_entry_hint));
        if (button(ctx, ctx.t(Text::desk_entry), -1)) ctx.services.open_page("desk.html" + location());
        return;
    }
    page->draw(ctx);
}

}  // namespace liaoxiu::ui
