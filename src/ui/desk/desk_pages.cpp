// The desk's table of pages (ui/desk_pages.hpp), its words and what its pages share.
#include "ui/desk/desk.hpp"

#include "ui/desk/audit.hpp"
#include "ui/desk/designer.hpp"

#include "core/dates.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <array>

namespace liaoxiu::ui {

namespace {

struct Entry {
    const char* zh;
    const char* en;
};

constexpr Entry kDeskTexts[] = {
#define LIAOXIU_DESK_TEXT_ENTRY(name, zh, en) {zh, en},
    LIAOXIU_DESK_TEXTS(LIAOXIU_DESK_TEXT_ENTRY)
#undef LIAOXIU_DESK_TEXT_ENTRY
};
static_assert(std::size(kDeskTexts) == static_cast<std::size_t>(DeskText::count_), "one entry per DeskText");

#define LIAOXIU_DESK_FORMATS_AGREE(name, zh, en) \
    static_assert(same_printf_conversions(zh, en), "zh and en of DeskText::" #name " take different printf arguments");
LIAOXIU_DESK_TEXTS(LIAOXIU_DESK_FORMATS_AGREE)
#undef LIAOXIU_DESK_FORMATS_AGREE

// One line per page. The left navigation lists the pages that are their own section, in
// this order (成员单位, 拼团总览, 线路设计, 季度线路图, 政策发布, 操作记录 once all are here).
constexpr std::array kPages = {
    DeskPage{Screen::desk_members, Screen::desk_members, "成员单位", "Members", draw_desk_members},
    DeskPage{Screen::desk_groups, Screen::desk_groups, "拼团总览", "Group trips", draw_desk_groups},
    DeskPage{Screen::desk_routes, Screen::desk_routes, "线路设计", "Route design", draw_desk_routes},
    DeskPage{Screen::desk_seasons, Screen::desk_seasons, "季度线路图", "Season board", draw_desk_seasons},
    DeskPage{Screen::desk_policies, Screen::desk_policies, "政策发布", "Policies", draw_desk_policies},
    DeskPage{Screen::desk_stats, Screen::desk_stats, "统计", "Statistics", draw_desk_stats},
    DeskPage{Screen::desk_audit, Screen::desk_audit, "审计日志", "Audit trail", draw_desk_audit},
    DeskPage{Screen::desk_reviews, Screen::desk_reviews, "服务评价", "Service reviews", draw_desk_reviews},
    DeskPage{Screen::desk_member, Screen::desk_members, "成员单位信息", "Member", draw_desk_member},
    DeskPage{Screen::desk_route, Screen::desk_routes, "线路", "Route", draw_desk_route},
    DeskPage{Screen::desk_policy, Screen::desk_policies, "政策", "Policy", draw_desk_policy},
};

}  // namespace

namespace desk {
DeskPages pages() { return DeskPages(kPages.data(), kPages.size()); }
}  // namespace desk

const char* desk_text(DeskText id, Language language) {
    const Entry& entry = kDeskTexts[static_cast<int>(id)];
    return language == Language::zh ? entry.zh : entry.en;
}

DeskState& desk_state(Context& ctx) {
    if (!ctx.screens.desk) ctx.screens.desk = std::make_shared<DeskState>();
    return *ctx.screens.desk;
}

const char* member_status_name(const Context& ctx, MemberStatus status) {
    switch (status) {
        case MemberStatus::active: return dt(ctx, DeskText::status_active);
        case MemberStatus::suspended: return dt(ctx, DeskText::status_suspended);
        case MemberStatus::exited: return dt(ctx, DeskText::status_exited);
    }
    return "";
}

const char* desk_category_name(const Context& ctx, Category category) {
    // The article's four: 核心接待类, 资源体验类, 康养服务类, 配套保障类.
    static constexpr Entry kNames[] = {{"核心接待类", "Reception"}, {"资源体验类", "Experiences"},
                                       {"康养服务类", "Wellness"}, {"配套保障类", "Support"}};
    const Entry& e = kNames[static_cast<int>(category)];
    return ctx.language == Language::zh ? e.zh : e.en;
}

const char* group_state_name(const Context& ctx, GroupState state) {
    switch (state) {
        case GroupState::open: return dt(ctx, DeskText::state_open);
        case GroupState::formed: return dt(ctx, DeskText::state_formed);
        case GroupState::full: return dt(ctx, DeskText::state_full);
        case GroupState::locked: return dt(ctx, DeskText::state_locked);
        case GroupState::expired: return dt(ctx, DeskText::state_expired);
        case GroupState::cancelled: return dt(ctx, DeskText::state_cancelled);
    }
    return "";
}

void cell(Context& ctx, const std::string& text, ImU32 color) {
    ctx.glyphs.want(text);
    if (color != 0) ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
    if (color != 0) ImGui::PopStyleColor();
    ctx.items.note_text(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

bool read_sort_specs(int* column, bool* descending) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return false;
    specs->SpecsDirty = false;
    if (specs->SpecsCount == 0) return false;
    const int new_column = static_cast<int>(specs->Specs[0].ColumnUserID);
    const bool new_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    const bool changed = new_column != *column || new_descending != *descending;
    *column = new_column;
    *descending = new_descending;
    return changed;
}

void table_headers(Context& ctx) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        const char* name = ImGui::TableGetColumnName(column);
        ctx.glyphs.want(name);
        ImGui::PushID(column);
        ImGui::TableHeader(name);
        ctx.items.on_item_info(ImGui::GetItemID(), name);
        ImGui::PopID();
    }
}

void inline_caption(Context& ctx, const char* text) {
    ctx.glyphs.want(text);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (kTouchTarget - ImGui::GetTextLineHeight()) / 2));
    ImGui::AlignTextToFramePadding();
    ImGui::PopStyleVar();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::muted);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ctx.items.note_text(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void choice(Context& ctx, const char* caption, const char* id, const std::vector<std::string>& options,
            std::optional<std::string>* chosen, float width) {
    const char* all = dt(ctx, DeskText::all);
    const std::string shown = std::string(caption) + "：" + (*chosen ? **chosen : std::string(all));
    ctx.glyphs.want(shown);
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (kTouchTarget - ImGui::GetTextLineHeight()) / 2));
    const bool open = ImGui::BeginCombo(id, shown.c_str());
    ImGui::PopStyleVar();
    ctx.items.on_item_info(ImGui::GetItemID(), caption);
    if (!open) return;
    ctx.glyphs.want(all);
    if (ImGui::Selectable(all, !*chosen)) chosen->reset();
    for (const std::string& option : options) {
        ctx.glyphs.want(option);
        if (ImGui::Selectable(option.c_str(), *chosen == option)) *chosen = option;
    }
    ImGui::EndCombo();
}

void draw_suspension_impact(Context& ctx, const Id& member) {
    // At once from the catalogue on this device (the core's rule); the endpoint's own answer,
    // when it has come, is the same rule applied to what it holds.
    SuspensionImpact impact = suspension_impact(ctx.state.catalogue, member);
    const auto& write = ctx.state.member_write;
    if (write && write->member == member && write->stage == sync::MemberWrite::Stage::done && write->impact)
        impact = *write->impact;
    section(ctx, dt(ctx, DeskText::impact_title));
    if (impact.routes.empty()) {
        muted(ctx, dt(ctx, DeskText::impact_none));
        return;
    }
    label(ctx, dtf(ctx, DeskText::impact_routes, static_cast<int>(impact.routes.size())), colors::accent);
    ImGui::PushID("impact_routes");
    for (const Id& id : impact.routes) {
        const Route* route = ctx.view.route(id);
        ImGui::PushID(id.c_str());
        // What the secretariat must do is replace the stop: the designer, on this route (its
        // stop at the suspended member is marked there by the route rules).
        if (secondary_button(ctx, dt(ctx, DeskText::replace_stop))) ctx.nav.go({Screen::desk_route, id});
        ImGui::SameLine();
        label(ctx, route ? route->title : id);
        ImGui::PopID();
    }
    ImGui::PopID();
    if (impact.groups.empty()) return;
    label(ctx, dtf(ctx, DeskText::impact_groups, static_cast<int>(impact.groups.size())), colors::accent);
    ImGui::PushID("impact_groups");
    for (const Id& id : impact.groups) {
        ImGui::PushID(id.c_str());
        if (secondary_button(ctx, dt(ctx, DeskText::open_group))) ctx.nav.go({Screen::group, id});
        ImGui::SameLine();
        std::string line = id;
        if (const sync::GroupView* group = ctx.view.group(id)) {
            const Route* route = ctx.view.route(group->trip().route);
            line = (route ? route->title : group->trip().route) + " · " + format_day(group->trip().departure) + " · " +
                   dtf(ctx, DeskText::notify_unit, ctx.view.unit_name(group->trip().organizer_unit).c_str());
        }
        label(ctx, line);
        ImGui::PopID();
    }
    ImGui::PopID();
}

}  // namespace liaoxiu::ui
