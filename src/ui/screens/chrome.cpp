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

// The worker's tab a screen belongs to. The secretariat's desk pages belong to none: the desk
// has its own navigation (desk_nav.cpp), which lights their section; lighting 首页 there said
// "you are home" on a page that is not.
Screen tab_of(Screen screen) {
    if (is_desk_screen(screen)) return Screen::not_found;
    switch (screen) {
        case Screen::routes:
        case Screen::route:
        case Screen::group:
        case Screen::open_group: return Screen::routes;
        case Screen::members:
        case Screen::member: return Screen::members;
        case Screen::me:
        case Screen::sign_in:
        case Screen::roster:
        case Screen::approvals: return Screen::me;
        case Screen::messages:
        case Screen::union_rules: return Screen::me;
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
        if (const sync::GroupView* group = ctx.view.group(at.id)) route = ctx.view.route(group->trip().route);
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

// ‹ 返回 on the worker's screens: wherever there is a screen to go back to, except on the roots of
// the tabs. On the secretariat's desk it steps back only within the desk: an entry of the
// desk's navigation (成员单位, 拼团总览, …) is a root like a tab's; a page inside a section (a
// member, a route in the designer, a policy) shows it when the screen before it was a desk
// page, and goes back there. Coming from elsewhere (a worker screen, a link), there is nowhere
// within the desk to go back to: the navigation beside it lights its section, one click away.
// 首页 stays the worker's home on every screen, the desk's too: the tab bar is the worker's
// app and means the same everywhere; the desk's first page is the first entry of its own
// navigation, always in view.
bool shows_back(const Context& ctx) {
    const Screen here = ctx.nav.current().screen;
    if (is_tab_root(here) || !ctx.nav.can_go_back()) return false;
    if (!is_desk_screen(here)) return true;
    const DeskPage* page = nullptr;
    for (const DeskPage& p : ctx.desk)
        if (p.screen == here) page = &p;
    if (!page || page->section == page->screen) return false;
    return is_desk_screen(ctx.nav.previous()->screen);
}

constexpr Text kTabLabels[] = {Text::tab_home, Text::tab_routes, Text::tab_members, Text::tab_me};
constexpr Screen kTabTargets[] = {Screen::home, Screen::routes, Screen::members, Screen::me};
constexpr float kTabSpacing = 6.0f;

// The unread messages' count on the 我的 tab (a red badge at its top right), also in the
// accessibility tree as words beside the tab ("3条未读消息"), whose own name stays 我的.
void draw_unread_badge(Context& ctx) {
    const std::int64_t unread = unread_messages(ctx);
    if (unread <= 0) return;
    const std::string count = unread > 99 ? "99+" : std::to_string(unread);
    ctx.glyphs.want(count);
    const ImVec2 tab_max = ImGui::GetItemRectMax(), tab_min = ImGui::GetItemRectMin();
    const float size = ImGui::GetFontSize() * 0.75f;
    const ImVec2 text = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, count.c_str());
    const float height = size + 6, width = std::max(height, text.x + 10);
    const ImVec2 min(std::min(tab_max.x - width - 4, (tab_min.x + tab_max.x) / 2 + 18), tab_min.y + 4);
    const ImVec2 max(min.x + width, min.y + height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, IM_COL32(214, 48, 49, 255), height / 2);
    draw->AddText(ImGui::GetFont(), size, ImVec2(min.x + (width - text.x) / 2, min.y + 3), IM_COL32_WHITE, count.c_str());
    const std::string words = ctx.f(Text::messages_badge, static_cast<int>(unread));
    ctx.glyphs.want(words);
    ctx.items.note_text(words, min, max);
}

void tab_button(Context& ctx, int i, ImVec2 size) {
    const bool selected = kTabTargets[i] == tab_of(ctx.nav.current().screen);
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? colors::tag_background : colors::card);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colors::tag_background);
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? colors::accent : colors::muted);
    ctx.glyphs.want(ctx.t(kTabLabels[i]));
    const bool pressed = ImGui::Button(ctx.t(kTabLabels[i]), size);
    if (selected) ctx.items.mark_current();
    if (kTabTargets[i] == Screen::me) draw_unread_badge(ctx);
    if (pressed) {
        // A tab always opens its root screen; the me tab asks to sign in first.
        Screen to = kTabTargets[i];
        if (to == Screen::me && !ctx.signed_in()) to = Screen::sign_in;
        ctx.nav.go({to, {}});
    }
    ImGui::PopStyleColor(3);
}

// The status: honest about where the data comes from. A dot and words from `at`.
void draw_status(Context& ctx, ImVec2 at) {
    const ImU32 dot = ctx.state.connection == sync::Connection::online    ? IM_COL32(46, 160, 67, 255)
                      : ctx.state.connection == sync::Connection::offline ? IM_COL32(210, 140, 20, 255)
                                                                          : colors::muted;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + 5, at.y + ImGui::GetTextLineHeight() / 2), 4.0f, dot);
    text_at(ctx, ImVec2(at.x + 16, at.y), colors::muted, connection_text(ctx), 0.9f);
}

float status_width(Context& ctx) {
    const float size = ImGui::GetFontSize() * 0.9f;
    return 16 + ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0.0f, connection_text(ctx)).x;
}

}  // namespace

// Portrait: the title and the language switch, the status line below, then ‹ 返回 on a
// row of its own. A short screen: all of it in one row of a touch target's height.
void draw_top_bar(Context& ctx, Language& language) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    const std::string title = title_of(ctx);
    const bool show_back = shows_back(ctx);

    // Language switch on the right of the title.
    const char* switch_label = ctx.t(Text::language_switch);
    const float button_width = ImGui::CalcTextSize(switch_label).x + ImGui::GetStyle().FramePadding.x * 2;
    const float right = origin.x + ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorScreenPos(ImVec2(right - button_width, origin.y));
    if (secondary_button(ctx, switch_label, button_width)) language = language == Language::zh ? Language::en : Language::zh;

    if (ctx.short_screen) {
        float left = origin.x;
        if (show_back) {
            ImGui::SetCursorScreenPos(origin);
            if (secondary_button(ctx, ctx.t(Text::back))) ctx.nav.go_back();
            left = ImGui::GetItemRectMax().x + 12;
        }
        const float status_left = right - button_width - 12 - status_width(ctx);
        draw_status(ctx, ImVec2(status_left, origin.y + (kTouchTarget - line) / 2));
        text_fit_at(ctx, ImVec2(left, origin.y + (kTouchTarget - line * 1.2f) / 2), status_left - 12, colors::accent, title, 1.2f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + kTouchTarget + 8));
        return;
    }

    text_fit_at(ctx, ImVec2(origin.x, origin.y + (kTouchTarget - line * 1.2f) / 2), right - button_width - 8, colors::accent,
                title, 1.2f);
    const ImVec2 status(origin.x, origin.y + kTouchTarget + 4);
    draw_status(ctx, status);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, status.y + line + 6));

    if (show_back) {
        if (secondary_button(ctx, ctx.t(Text::back))) ctx.nav.go_back();
    }
}

void draw_tab_bar(Context& ctx, float height) {
    const float width = (ImGui::GetContentRegionAvail().x - kTabSpacing * 3) / 4;
    for (int i = 0; i < 4; ++i) {
        if (i > 0) ImGui::SameLine(0, kTabSpacing);
        tab_button(ctx, i, ImVec2(width, height));
    }
}

float tab_rail_width(Context& ctx) {
    float widest = 0;
    for (Text label : kTabLabels) widest = std::max(widest, ImGui::CalcTextSize(ctx.t(label)).x);
    return std::max(kTouchTarget * 2, widest + ImGui::GetStyle().FramePadding.x * 2);
}

void draw_tab_rail(Context& ctx, float width, float height) {
    // As tall as the bottom bar's tabs when there is room, never below a touch target.
    const float tab_height = std::clamp((height - kTabSpacing * 3) / 4, kTouchTarget, 60.0f);
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, kTabSpacing));
    for (int i = 0; i < 4; ++i) tab_button(ctx, i, ImVec2(width, tab_height));
    ImGui::PopStyleVar();
    ImGui::EndGroup();
}

void draw_toasts(Context& ctx, float bottom) {
    auto& local = ctx.screens.toasts;
    const Instant now = ctx.services.now();
    local.erase(std::remove_if(local.begin(), local.end(), [&](const LocalToast& t) { return t.until <= now; }), local.end());
    // On a kiosk a notice naming the person (登录成功，欢迎…) goes with the screen it was shown on.
    auto& shown_on = ctx.screens.notice_screens;
    const std::string here = format_location(ctx.nav.current());
    std::erase_if(shown_on, [&](const auto& entry) {
        return std::none_of(ctx.state.notices.begin(), ctx.state.notices.end(),
                            [&](const sync::Notice& n) { return n.id == entry.first; });
    });
    for (const sync::Notice& notice : ctx.state.notices) {
        if (!notice.personal || !ctx.state.kiosk) continue;
        auto seen = std::find_if(shown_on.begin(), shown_on.end(), [&](const auto& e) { return e.first == notice.id; });
        // Signing in moves on to the screen it was for: the welcome is that screen's.
        if (seen == shown_on.end())
            shown_on.emplace_back(notice.id, here);
        else if (seen->second == format_location({Screen::sign_in, {}}))
            seen->second = here;
        else if (seen->second != here) {
            ctx.intents.dismiss_notice(notice.id);
            seen->second = here;  // asked once
        }
    }
    if (ctx.state.notices.empty() && local.empty()) {
        ctx.screens.toasts_height = 0;
        return;
    }

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(viewport->WorkSize.x - 32, 520.0f);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x / 2, bottom), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(40, 44, 52, 255));  // opaque: text below must not show through
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12.0f);
    ImGui::Begin("##toasts", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
    // 知道了 whole at any text size (a kiosk's is half as big again as a phone's).
    const float button_width =
        std::max(80.0f, ImGui::CalcTextSize(ctx.t(Text::dismiss)).x + ImGui::GetStyle().FramePadding.x * 2 + 16.0f);
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
    // The screens leave this much room above the tab bar (ui.cpp), so no notice covers their
    // last line or their primary action: the height the window takes with what it holds now.
    ctx.screens.toasts_height = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y + 8;
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void draw_confirmation(Context& ctx) {
    auto& pending = ctx.screens.confirmation;
    if (!pending) return;
    const Confirmation::Kind kind = pending->kind;
    const bool about_group = kind != Confirmation::Kind::sign_out;
    const sync::GroupView* group = about_group ? ctx.view.group(pending->group) : nullptr;
    const Route* route = group ? ctx.view.route(group->trip().route) : nullptr;
    if (about_group && !route) {
        pending.reset();
        return;
    }
    const Text title_text = kind == Confirmation::Kind::join              ? Text::confirm_join_title
                            : kind == Confirmation::Kind::withdraw        ? Text::confirm_withdraw_title
                            : kind == Confirmation::Kind::withdraw_worker ? Text::roster_withdraw_title
                            : kind == Confirmation::Kind::open_to_all     ? Text::action_open_to_all
                            : kind == Confirmation::Kind::sign_out        ? Text::sign_out
                                                                          : Text::action_cancel;
    const Text body_text = kind == Confirmation::Kind::join          ? Text::confirm_join_body
                           : kind == Confirmation::Kind::withdraw    ? Text::confirm_withdraw_body
                           : kind == Confirmation::Kind::open_to_all ? Text::confirm_open_to_all_body
                                                                     : Text::confirm_cancel_body;
    // "###confirm" keeps one popup id whatever the title says.
    const std::string title = std::string(ctx.t(title_text)) + "###confirm";
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
    ctx.items.note_dialog(title);
    if (kind == Confirmation::Kind::sign_out) {
        label(ctx, ctx.f(Text::confirm_sign_out_body, static_cast<int>(ctx.state.outbox.size())));
    } else if (kind == Confirmation::Kind::withdraw_worker) {
        label(ctx, route->title);
        label(ctx, ctx.f(Text::roster_withdraw_body, pending->worker_name.c_str()));
    } else {
        label(ctx, ctx.f(body_text, route->title.c_str()));
    }
    if (group) label(ctx, ctx.f(Text::departure, format_day(group->trip().departure).c_str()));
    if (kind == Confirmation::Kind::withdraw_worker) {
        input_text(ctx, ctx.t(Text::roster_reason_label), "##withdraw_reason", &pending->reason, 0,
                   ctx.t(Text::roster_reason_hint));
        if (pending->reason_missing) label(ctx, ctx.t(Text::roster_reason_missing), colors::accent);
    } else if (kind == Confirmation::Kind::cancel) {
        input_text(ctx, ctx.t(Text::cancel_reason), "##cancel_reason", &pending->reason, 0, ctx.t(Text::cancel_reason_hint));
        if (pending->reason_missing) label(ctx, ctx.t(Text::cancel_reason_missing), colors::accent);
    } else if (kind == Confirmation::Kind::join) {
        // What the worker pays under their union's rules (费用分担), before they confirm; the
        // price after subsidy until the rules are known.
        const auto terms = joining_terms(ctx, group->trip(), *route);
        if (terms)
            label(ctx, terms->cost, colors::accent);
        else
            label(ctx, ctx.f(Text::price_after_subsidy, format_yuan(route->price - route->subsidy).c_str()), colors::accent);
        if (terms && terms->approval_required) muted(ctx, ctx.t(Text::confirm_join_approval));
    } else if (kind == Confirmation::Kind::withdraw) {
        label(ctx, ctx.f(Text::price_after_subsidy, format_yuan(route->price - route->subsidy).c_str()), colors::accent);
    }
    ImGui::Dummy(ImVec2(0, 4));
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    bool close = false;
    if (secondary_button(ctx, ctx.t(Text::cancel), half)) close = true;
    ImGui::SameLine();
    if (button(ctx, ctx.t(Text::confirm), half)) {
        switch (kind) {
            case Confirmation::Kind::join: ctx.intents.join(pending->group); break;
            case Confirmation::Kind::withdraw: ctx.intents.withdraw(pending->group); break;
            case Confirmation::Kind::open_to_all: ctx.intents.open_to_all(pending->group); break;
            case Confirmation::Kind::sign_out: ctx.intents.sign_out(); break;
            case Confirmation::Kind::cancel:
                pending->reason_missing = !reason_given(pending->reason);
                if (!pending->reason_missing) ctx.intents.cancel_group(pending->group, pending->reason);
                break;
            case Confirmation::Kind::withdraw_worker:
                pending->reason_missing = !reason_given(pending->reason);
                if (!pending->reason_missing) ctx.intents.withdraw_worker(pending->group, pending->worker, pending->reason);
                break;
        }
        close = !pending->reason_missing;
    }
    if (close) {
        pending.reset();
        ctx.screens.confirmation_opened = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace liaoxiu::ui
