// The secretariat's desk: its pages (one file each), their remembered state and their words.
// Compiled into liaoxiu_desk (src/ui/CMakeLists.txt): the desktop app, the UI tests and the
// desk entry page (desk.html) link it; the worker's index.html does not. Everything here is
// reached through pages(), the table the Ui asks about (ui/desk_pages.hpp).
#pragma once

#include "core/member_rules.hpp"
#include "ui/desk_pages.hpp"
#include "ui/screen_context.hpp"
#include "ui/strings.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::ui {

// The desk's words, Chinese first: its own table, so none of them ships in the worker's wasm.
// Entries marked printf are formats (checked at compile time like strings.hpp's).
#define LIAOXIU_DESK_TEXTS(X)                                                                                  \
    X(nav_members, "成员单位", "Members")                                                                       \
    X(nav_groups, "拼团总览", "Group trips")                                                                    \
    X(member_page, "成员单位信息", "Member")                                                                    \
    X(members_title, "成员单位管理", "Member units")                                                            \
    X(members_shown, "共 %d 家，显示 %d 家", "%d members, %d shown") /* printf */                               \
    X(search_members, "搜索成员单位", "Search members")                                                         \
    X(search_members_hint, "名称、城市、区县，可输入拼音或首字母", "Name, city, county; pinyin works")             \
    X(admit_member, "＋ 准入成员单位", "+ Admit a member")                                                      \
    X(filter_category, "类别", "Category")                                                                      \
    X(filter_city, "城市", "City")                                                                              \
    X(filter_status, "状态", "Status")                                                                          \
    X(all, "全部", "All")                                                                                       \
    X(col_name, "名称", "Name")                                                                                 \
    X(col_category, "类别", "Category")                                                                         \
    X(col_place, "城市/区县", "City/county")                                                                    \
    X(col_status, "状态", "Status")                                                                             \
    X(col_admitted, "准入日期", "Admitted")                                                                     \
    X(col_routes, "所在线路", "On routes")                                                                      \
    X(status_active, "正常", "Active")                                                                          \
    X(status_suspended, "已暂停", "Suspended")                                                                  \
    X(status_exited, "已退出", "Exited")                                                                        \
    X(routes_count, "%d 条", "%d") /* printf */                                                                 \
    X(no_members, "没有符合条件的成员单位", "No member matches")                                                  \
    X(new_member, "准入新成员单位", "Admit a member")                                                           \
    X(edit_member, "编辑成员单位", "Edit member")                                                               \
    X(field_id, "编号", "Id")                                                                                   \
    X(field_alliance, "所属联盟", "Alliance")                                                                   \
    X(field_category, "类别", "Category")                                                                       \
    X(field_name, "单位名称", "Name")                                                                           \
    X(field_city, "城市", "City")                                                                               \
    X(field_county, "区县", "County")                                                                           \
    X(field_address, "地址", "Address")                                                                         \
    X(field_phone, "联系电话", "Phone")                                                                         \
    X(field_admitted, "准入日期（YYYY-MM-DD）", "Admitted (YYYY-MM-DD)")                                        \
    X(services, "服务项目及价格", "Services and prices")                                                        \
    X(service_name, "服务名称", "Service")                                                                      \
    X(service_price, "价格（元）", "Price (yuan)")                                                              \
    X(service_unit, "计价单位", "Per")                                                                          \
    X(add_service, "＋ 添加服务", "+ Add a service")                                                            \
    X(remove_service, "删除", "Remove")                                                                         \
    X(bad_price, "请填写金额，如 320 或 320.50", "Enter an amount, such as 320 or 320.50")                      \
    X(bad_date, "日期格式应为 YYYY-MM-DD", "Dates are written YYYY-MM-DD")                                       \
    X(save, "保存", "Save")                                                                                     \
    X(admit, "准入", "Admit")                                                                                   \
    X(sending, "正在提交…", "Sending…")                                                                          \
    X(fix_fields, "请先改正标出的问题", "Correct the fields marked first")                                        \
    X(saved, "已保存", "Saved")                                                                                 \
    X(status_title, "成员状态", "Status")                                                                       \
    X(status_since, "自 %s 起", "since %s") /* printf */                                                        \
    X(suspend, "暂停", "Suspend")                                                                               \
    X(reinstate, "恢复", "Reinstate")                                                                           \
    X(remove, "移除", "Remove")                                                                                 \
    X(confirm_suspend, "暂停成员单位", "Suspend the member")                                                    \
    X(confirm_reinstate, "恢复成员单位", "Reinstate the member")                                                \
    X(confirm_remove, "移除成员单位（不可恢复）", "Remove the member (final)")                                    \
    X(reason, "原因（必填）", "Reason (required)")                                                              \
    X(reason_hint, "如：消防检查未通过，停业整改", "e.g. failed the fire inspection")                            \
    X(reason_missing, "请填写原因", "A reason is required")                                                     \
    X(cancel, "取消", "Cancel")                                                                                 \
    X(confirm, "确认", "Confirm")                                                                               \
    X(impact_title, "受影响的线路和拼团", "Routes and group trips affected")                                      \
    X(impact_none, "没有线路经过该单位，无需处理", "No route stops here: nothing to do")                           \
    X(impact_routes, "%d 条线路经过该单位，已不可报名：请更换该站点", "%d routes stop here and cannot be booked: replace the stop") /* printf */ \
    X(impact_groups, "%d 个拼团受影响：请通知发起单位工会", "%d group trips affected: tell their organizing unions") /* printf */ \
    X(open_route, "打开线路", "Open route")                                                                     \
    X(open_group, "打开拼团", "Open group")                                                                     \
    X(notify_unit, "通知：%s", "Tell: %s") /* printf */                                                         \
    X(member_unknown, "没有这个成员单位", "No such member")                                                     \
    X(groups_title, "全部拼团", "All group trips")                                                              \
    X(groups_shown, "共 %d 个，显示 %d 个", "%d group trips, %d shown") /* printf */                            \
    X(filter_route, "线路", "Route")                                                                            \
    X(filter_unit, "发起单位", "Organizer")                                                                     \
    X(filter_from, "出发从", "Departing from")                                                                  \
    X(filter_to, "至", "to")                                                                                    \
    X(col_route, "线路", "Route")                                                                               \
    X(col_unit, "发起单位", "Organizer")                                                                        \
    X(col_departure, "出发日期", "Departure")                                                                   \
    X(col_state, "状态", "State")                                                                               \
    X(col_places, "已确认/最少/最多", "Confirmed/min/max")                                                      \
    X(col_waiting, "候补", "Waiting")                                                                           \
    X(col_deadline, "报名截止", "Deadline")                                                                     \
    X(no_groups, "没有符合条件的拼团", "No group trip matches")                                                  \
    X(state_open, "报名中", "Open")                                                                             \
    X(state_formed, "已成团", "Formed")                                                                         \
    X(state_full, "已满员", "Full")                                                                             \
    X(state_locked, "已锁定", "Locked")                                                                         \
    X(state_expired, "未成团", "Not formed")                                                                    \
    X(state_cancelled, "已取消", "Cancelled")

enum class DeskText {
#define LIAOXIU_DESK_TEXT_ENUM(name, zh, en) name,
    LIAOXIU_DESK_TEXTS(LIAOXIU_DESK_TEXT_ENUM)
#undef LIAOXIU_DESK_TEXT_ENUM
    count_
};

const char* desk_text(DeskText id, Language language);
inline const char* dt(const Context& ctx, DeskText id) { return desk_text(id, ctx.language); }
// A printf entry, filled in.
template <class... Args>
std::string dtf(const Context& ctx, DeskText id, Args... args) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, dt(ctx, id), args...);
    return buffer;
}

// ---- what the desk remembers (ScreenState::desk) ----

struct MemberTableState {
    std::string search;
    std::optional<Category> category;
    std::optional<std::string> city;
    std::optional<MemberStatus> status;
    // The rows shown (indices into the catalogue's members), made again when the catalogue,
    // the query or the sort changes, never per frame.
    std::vector<std::uint32_t> rows;
    std::uint64_t rows_revision = ~std::uint64_t{0};
    std::string rows_key;
    int sort_column = 0;
    bool sort_descending = false;
    MemberSearch index;
    std::uint64_t index_revision = ~std::uint64_t{0};
    std::vector<std::string> cities;  // most members first
    std::vector<std::string> name_keys;  // each member's name in pinyin: the name column sorts as people read
    // Every member in the current sort order (made again only when the sort or the members change),
    // and the last query's matches (ascending), which a longer query only narrows.
    std::vector<std::uint32_t> sorted;
    std::string sorted_key;
    std::string matched_query;
    std::vector<std::uint32_t> matched;
};

struct MemberForm {
    Id loaded;                 // the member the form holds ("new" when admitting); reloaded on another one
    Member draft;
    std::string admitted;      // YYYY-MM-DD as typed
    std::vector<std::string> prices;  // yuan as typed, one per service
    std::vector<DomainError> problems;  // shown at their fields
    bool checked = false;      // a submission was tried: problems are shown
    bool sent = false;         // waiting for the endpoint's answer to this form
};

struct StatusDialog {
    Id member;
    MemberStatus to = MemberStatus::suspended;
    std::string reason;
    bool reason_missing = false;
    bool opened = false;
};

struct GroupTableState {
    std::optional<GroupState> state;
    std::string route;         // a part of the route's title or id
    std::string unit;          // a part of the organizing unit's name or id
    std::string from, to;      // departure range, YYYY-MM-DD, either may be empty
    std::vector<std::uint32_t> rows;  // indices into ClientState::groups
    std::uint64_t rows_revision = ~std::uint64_t{0};
    std::string rows_key;
    int sort_column = 2;       // departure
    bool sort_descending = false;
};

struct StatsPageState;  // 统计's form and toggles (statistics.cpp)

struct DeskState {
    MemberTableState members;
    MemberForm form;
    std::optional<StatusDialog> status_dialog;
    Id impact_member;          // the member whose suspension's impact is shown, computed at once
    GroupTableState groups;
    std::shared_ptr<StatsPageState> stats;  // made when 统计 first draws
};

DeskState& desk_state(Context& ctx);

// ---- the pages ----
namespace desk {
// The table the desk build installs (Ui::set_desk_pages).
DeskPages pages();
}  // namespace desk

void draw_desk_members(Context& ctx);
void draw_desk_member(Context& ctx);
void draw_desk_groups(Context& ctx);
void draw_desk_stats(Context& ctx);  // 统计 (statistics.cpp)

// Shared pieces.
const char* member_status_name(const Context& ctx, MemberStatus status);
const char* desk_category_name(const Context& ctx, Category category);
const char* group_state_name(const Context& ctx, GroupState state);
// A table cell's text, noted for tests.
void cell(Context& ctx, const std::string& text, ImU32 color = 0);
// The header row of the current table, each header labelled for tests (a click sorts).
void table_headers(Context& ctx);
// A caption in a row of controls, centred on their height.
void inline_caption(Context& ctx, const char* text);
// A drop-down of `options` (all = none chosen), labelled `caption` for tests.
void choice(Context& ctx, const char* caption, const char* id, const std::vector<std::string>& options,
            std::optional<std::string>* chosen, float width);
// The impact of suspending `member`, what to do, one click to open each.
void draw_suspension_impact(Context& ctx, const Id& member);

}  // namespace liaoxiu::ui
