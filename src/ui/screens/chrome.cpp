// The frame around every screen: the title bar with the language switch and the
// connection status, the tab bar, the toasts and the confirmation modal.
#include "core/dates.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

const char* connection_text(Context& ctx) {
    switch (ctx.state.connection) {
        case sync::Connection::connecting: return ctx.t(Text::connecting);
        case sync::Connection::online: return ctx.t(Text::online);
        case sync::Connection::offline: return ctx.t(Text::offline);
    }
    return "";
}

Screen tab_of(Screen screen) {
    switch (screen) {
        case Screen::routes:
        case Screen::route:
        case Screen::group:
        case Screen::open_group: return Screen::routes;
        case Screen::members:
        case Screen::member: return Screen::members;
        case Screen::me:
        case Screen::sign_in: return Screen::me;
        default: return Screen::home;
    }
}

// The alliance whose route, group or member is on screen. Elsewhere: the only alliance,
// or the app's own name when the catalogue spans several.
std::string title_of(const Context& ctx) {
    const auto& alliances = ctx.state.catalogue.alliances;
    const Location& at = ctx.nav.current();
    std::string_view alliance;
    const Route* route = nullptr;
    if (at.screen == Screen::route || at.screen == Screen::open_group) route = ctx.view.route(at.id);
    if (at.screen == Screen::group) {
        if (const sync::GroupView* group = ctx.view.group(at.id)) route = ctx.view.route(group->trip.route);
    }
    if (route) alliance = route->alliance;
    if (at.screen == Screen::member) {
        if (const Member* member = ctx.view.member(at.id)) alliance = member->alliance;
    }
    for (const Alliance& a : alliances)
        if (!alliance.empty() && a.id == alliance) return a.name;
    if (alliances.size() == 1) return alliances.front().name;
    return ctx.t(Text::app_name);
}

bool is_tab_root(Screen screen) {
    return screen == Screen::home || screen == Screen::routes || screen == Screen::members || screen == Screen::me;
}

}  // namespace

void draw_top_bar(Context& ctx, Language& language) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    const std::string title = title_of(ctx);

    // Language switch on the right of the title.
    const char* switch_label = ctx.t(Text::language_switch);
    const float button_width = ImGui::CalcTextSize(switch_label).x + ImGui::GetStyle().FramePadding.x * 2;
    const float right = origin.x + ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorScreenPos(ImVec2(right - button_width, origin.y));
    if (secondary_button(ctx, switch_label, button_width)) language = language == Language::zh ? Language::en : Language::zh;

    text_fit_at(ctx, ImVec2(origin.x, origin.y + (kTouchTarget - line * 1.2f) / 2), right - button_width - 8, colors::accent,
                title, 1.2f);

    // The status line: honest about where the data comes from.
    const ImU32 dot = ctx.state.connection == sync::Connection::online    ? IM_COL32(46, 160, 67, 255)
                      : ctx.state.connection == sync::Connection::offline ? IM_COL32(210, 140, 20, 255)
                                                                          : colors::muted;
    const ImVec2 status(origin.x, origin.y + kTouchTarget + 4);
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(status.x + 5, status.y + line / 2), 4.0f, dot);
    text_at(ctx, ImVec2(status.x + 16, status.y), colors::muted, connection_text(ctx), 0.9f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, status.y + line + 6));

    if (!is_tab_root(ctx.nav.current().screen) && ctx.nav.can_go_back()) {
        if (secondary_button(ctx, ctx.t(Text::back))) ctx.nav.go_back();
    }
}

void draw_tab_bar(Context& ctx, float height) {
    const Text labels[] = {Text::tab_home, Text::tab_routes, Text::tab_members, Text::tab_me};
    const Screen targets[] = {Screen::home, Screen::routes, Screen::members, Screen::me};
    const Screen current = tab_of(ctx.nav.current().screen);
    const float spacing = 6.0f;
    const float width = (ImGui::GetContentRegionAvail().x - spacing * 3) / 4;
    for (int i = 0; i < 4; ++i) {
        if (i > 0) ImGui::SameLine(0, spacing);
        const bool selected = targets[i] == current;
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? colors::tag_background : colors::card);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::tag_background);
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? colors::accent : colors::muted);
        ctx.glyphs.want(ctx.t(labels[i]));
        if (ImGui::Button(ctx.t(labels[i]), ImVec2(width, height))) {
            // A tab always opens its root screen; the me tab asks to sign in first.
            Screen to = targets[i];
            if (to == Screen::me && !ctx.signed_in()) to = Screen::sign_in;
            ctx.nav.go({to, {}});
        }
        ImGui::PopStyleColor(3);
    }
}

void draw_toasts(Context& ctx, float bottom) {
    auto& local = ctx.screens.toasts;
    const Instant now = ctx.services.now();
    local.erase(std::remove_if(local.begin(), local.end(), [&](const LocalToast& t) { return t.until <= now; }), local.end());
    if (ctx.state.notices.empty() && local.empty()) return;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(viewport->WorkSize.x - 32, 520.0f);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x / 2, bottom), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(40, 44, 52, 255));  // opaque: text below must not show through
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12.0f);
    ImGui::Begin("##toasts", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
    const float button_width = 80.0f;
    for (const sync::Notice& notice : ctx.state.notices) {
        ImGui::PushID(static_cast<int>(notice.id));
        const std::string& words = ctx.language == Language::zh ? notice.zh : notice.en;
        const ImU32 color = notice.kind == sync::Notice::Kind::error     ? IM_COL32(255, 150, 150, 255)
                            : notice.kind == sync::Notice::Kind::warning ? IM_COL32(255, 210, 140, 255)
                                                                         : IM_COL32(255, 255, 255, 255);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - button_width - 10);
        label(ctx, words, color);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - button_width);
        if (secondary_button(ctx, ctx.t(Text::dismiss), button_width)) ctx.intents.dismiss_notice(notice.id);
        ImGui::PopID();
    }
    for (const LocalToast& toast : local) label(ctx, ctx.t(toast.text), IM_COL32(255, 255, 255, 255));
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void draw_confirmation(Context& ctx) {
    auto& pending = ctx.screens.confirmation;
    if (!pending) return;
    const sync::GroupView* group = ctx.view.group(pending->group);
    const Route* route = group ? ctx.view.route(group->trip.route) : nullptr;
    if (!route) {
        pending.reset();
        return;
    }
    const bool joining = pending->kind == Confirmation::Kind::join;
    // "###confirm" keeps one popup id whatever the title says.
    const std::string title = std::string(ctx.t(joining ? Text::confirm_join_title : Text::confirm_withdraw_title)) + "###confirm";
    ctx.glyphs.want(title);  // the modal's title bar is ImGui's own text
    if (!ctx.screens.confirmation_opened) {
        ImGui::OpenPopup("###confirm");
        ctx.screens.confirmation_opened = true;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x - 32, 440.0f), 0));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        return;
    }
    label(ctx, ctx.f(joining ? Text::confirm_join_body : Text::confirm_withdraw_body, route->title.c_str()));
    label(ctx, ctx.f(Text::departure, format_day(group->trip.departure).c_str()));
    label(ctx, ctx.f(Text::price_after_subsidy, format_yuan(route->price - route->subsidy).c_str()), colors::accent);
    ImGui::Dummy(ImVec2(0, 4));
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    bool close = false;
    if (secondary_button(ctx, ctx.t(Text::cancel), half)) close = true;
    ImGui::SameLine();
    if (button(ctx, ctx.t(Text::confirm), half)) {
        if (joining)
            ctx.intents.join(pending->group);
        else
            ctx.intents.withdraw(pending->group);
        close = true;
    }
    if (close) {
        pending.reset();
        ctx.screens.confirmation_opened = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace liaoxiu::ui
