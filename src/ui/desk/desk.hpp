// The secretariat's desk: its pages (one file each), their remembered state and their words.
// Compiled into liaoxiu_desk (src/ui/CMakeLists.txt): the desktop app, the UI tests and the
// desk entry page (desk.html) link it; the worker's index.html does not. Everything here is
// reached through pages(), the table the Ui asks about (ui/desk_pages.hpp).
#pragma once

#include "core/member_rules.hpp"
#include "ui/desk_pages.hpp"
#include "ui/screen_context.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    X(replace_stop, "更换站点", "Replace the stop")                                                             \
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
    X(state_cancelled, "已取消", "Cancelled")                                                                       \
    /* the audit trail (audit.cpp) */                                                                            \
    X(audit_title, "审计日志", "Audit trail")                                                                        \
    X(audit_explain, "秘书处和单位工会的每一次修改都记录在此，不可修改或删除。", "Every change made by the secretariat or a unit's union is recorded here and cannot be edited or deleted.") \
    X(audit_filter_action, "操作类型", "Action type")                                                                \
    X(audit_filter_actor, "操作人账号", "Actor account")                                                              \
    X(audit_filter_entity, "对象编号", "Entity id")                                                                  \
    X(audit_filter_from, "开始日期", "From")                                                                         \
    X(audit_filter_to, "结束日期", "To")                                                                             \
    X(audit_date_hint, "2026-12-06", "2026-12-06")                                                               \
    X(audit_any_action, "全部操作", "All actions")                                                                   \
    X(audit_search, "查询", "Search")                                                                              \
    X(audit_clear, "清除筛选", "Clear filters")                                                                      \
    X(audit_loading, "正在读取审计日志…", "Loading the audit trail…")                                                    \
    X(audit_failed, "读取失败：%s", "Could not load: %s") /* printf */                                                \
    X(audit_count, "共 %lld 条记录，第 %lld–%lld 条", "%lld entries, %lld–%lld shown") /* printf */                     \
    X(audit_empty, "没有符合条件的记录", "No entries match")                                                              \
    X(audit_previous, "上一页", "Previous page")                                                                    \
    X(audit_next, "下一页", "Next page")                                                                            \
    X(audit_col_time, "时间", "Time")                                                                              \
    X(audit_col_actor, "操作人", "Who")                                                                             \
    X(audit_col_role, "角色", "Role")                                                                              \
    X(audit_col_action, "操作", "Action")                                                                          \
    X(audit_col_entity, "对象", "Entity")                                                                          \
    X(audit_col_reason, "原因", "Reason")                                                                          \
    X(audit_col_change, "变更", "Change")                                                                          \
    X(audit_detail, "变更详情 · 第 %lld 条", "Change in full · entry %lld") /* printf */                               \
    X(audit_close, "关闭详情", "Close")                                                                              \
    X(audit_field_before, "原值：%s", "Before: %s") /* printf */                                                    \
    X(audit_field_after, "新值：%s", "After: %s") /* printf */                                                      \
    X(audit_detail_who, "操作人：%s（%s，%s）", "By: %s (%s, %s)") /* printf */                                         \
    X(audit_detail_when, "时间：%s", "When: %s") /* printf */                                                       \
    X(audit_detail_what, "操作：%s · %s %s", "Action: %s · %s %s") /* printf */                                     \
    X(audit_detail_reason, "原因：%s", "Reason: %s") /* printf */                                                   \
    X(audit_field_status_since, "状态变更日期", "Status since")                                                   \
    X(audit_field_created, "发起时间", "Opened at")                                                               \
    X(audit_field_place, "名额", "Place")                                                                         \
    X(audit_field_person, "姓名", "Name")                                                                         \
    X(audit_field_unit, "所属单位", "Unit")                                                                       \
    X(audit_field_member_number, "工号", "Member number")                                                         \
    X(audit_absent, "（无）", "(none)")                                                                             \
    X(audit_no_change, "无字段变化", "No field changed")                                                              \
    X(audit_secretariat_only, "只有联盟秘书处可以查看审计日志。", "Only the alliance's secretariat reads the audit trail.")      \
    X(audit_entity_member, "成员单位", "Member")                                                                     \
    X(audit_entity_route, "线路", "Route")                                                                         \
    X(audit_entity_policy, "政策", "Policy")                                                                       \
    X(audit_entity_group, "拼团", "Group trip")                                                                    \
    X(audit_entity_account, "账号", "Account")                                                                     \
    X(audit_member_admit, "准入成员单位", "Member admitted")                                                           \
    X(audit_member_update, "修改成员单位", "Member edited")                                                            \
    X(audit_member_suspend, "暂停成员单位", "Member suspended")                                                        \
    X(audit_member_reinstate, "恢复成员单位", "Member reinstated")                                                     \
    X(audit_member_remove, "移除成员单位", "Member removed")                                                           \
    X(audit_route_create, "新建线路", "Route created")                                                               \
    X(audit_route_update, "修改线路", "Route edited")                                                                \
    X(audit_route_publish, "发布线路", "Route published")                                                            \
    X(audit_route_unpublish, "撤回线路", "Route unpublished")                                                        \
    X(audit_route_delete, "删除线路草稿", "Route draft deleted")                                                  \
    X(audit_policy_create, "新建政策", "Policy created")                                                             \
    X(audit_policy_update, "修改政策", "Policy edited")                                                              \
    X(audit_policy_publish, "发布政策", "Policy published")                                                          \
    X(audit_policy_unpublish, "撤回政策", "Policy unpublished")                                                      \
    X(audit_group_open, "发起拼团", "Group trip opened")                                                             \
    X(audit_group_cancel, "取消拼团", "Group trip cancelled")                                                        \
    X(audit_place_withdraw, "代为退出拼团", "Place freed for a worker")                                                \
    X(audit_place_add, "代为报名", "Worker added")                                                                   \
    X(audit_account_create, "创建账号", "Account created")                                                           \
    X(audit_personal_read, "查看个人信息", "Personal data read") \
    X(audit_member_standing, "标记成员单位（整改/先进典型）", "Member marked (rectification / example)") \
    X(audit_review_hide, "隐藏评价内容", "Review comment hidden") \
    X(audit_rules_alliance, "设置联盟疗休养规则", "Alliance rules set") \
    X(audit_rules_unit, "设置单位疗休养规则", "Unit rules set") \
    X(audit_group_open_to_all, "拼团向所有单位开放", "Group opened to all units") \
    X(audit_place_approve, "工会同意名额", "Place approved by the union") \
    X(audit_place_decline, "工会不同意名额", "Place declined by the union") \
    /* statistics (statistics.cpp, charts.cpp); the columns' words follow the endpoint's keys */ \
    X(stats_title, "统计", "Statistics") \
    X(stats_view_places, "出行人次", "Places booked") \
    X(stats_view_outcomes, "拼团结果", "Group trip outcomes") \
    X(stats_view_waiting, "候补需求", "Waiting-list demand") \
    X(stats_view_pooling, "跨单位拼团", "Cross-unit pooling") \
    X(stats_view_load, "成员单位接待量", "Workers received by members") \
    X(stats_group_by, "分组", "Group by") \
    X(stats_by_month, "月份", "Month") \
    X(stats_by_season, "季节", "Season") \
    X(stats_by_route, "线路", "Route") \
    X(stats_by_theme, "主题", "Theme") \
    X(stats_by_city, "城市", "City") \
    X(stats_by_unit, "职工单位", "Work unit") \
    X(stats_by_member, "成员单位", "Member unit") \
    X(stats_from, "出发日期从", "Departing from") \
    X(stats_from_hint, "出发日期从（YYYY-MM-DD）", "Departing from (YYYY-MM-DD)") \
    X(stats_to, "出发日期至", "Departing until") \
    X(stats_to_hint, "出发日期至（YYYY-MM-DD）", "Departing until (YYYY-MM-DD)") \
    X(stats_alliance, "联盟", "Alliance") \
    X(stats_city, "城市", "City") \
    X(stats_unit, "职工单位", "Work unit") \
    X(stats_route, "线路", "Route") \
    X(stats_category, "成员类别", "Member category") \
    X(stats_small_below, "小单位：会员少于", "Small unit: members below") \
    X(stats_small_below_hint, "小单位：工会会员少于（人）", "Small unit: fewer union members than") \
    X(stats_ask, "查询", "Show") \
    X(stats_as_table, "表格", "Table") \
    X(stats_as_chart, "图表", "Chart") \
    X(stats_export, "导出CSV", "Export CSV") \
    X(stats_file, "统计-%s.csv", "statistics-%s.csv") /* printf */ \
    X(stats_loading, "正在读取统计…", "Loading the statistics…") \
    X(stats_empty, "所选范围内没有数据", "No figures in the range chosen") \
    X(stats_first_column, "项目", "Item") \
    X(stats_total, "合计", "Total") \
    X(stats_value, "%s：%lld", "%s: %lld") /* printf */ \
    X(stats_title_places, "出行人次（按%s）", "Places booked by %s") /* printf */ \
    X(stats_title_outcomes, "拼团结果（按出发月份）", "Group trip outcomes by month of departure") \
    X(stats_title_waiting, "候补需求（按线路）", "Waiting-list demand by route") \
    X(stats_title_pooling, "跨单位拼团（按出发月份）", "Cross-unit pooling by month of departure") \
    X(stats_title_load, "成员单位接待量（按出发月份）", "Workers received by member units, by month of departure") \
    X(stats_season_spring, "春季", "Spring") \
    X(stats_season_summer, "夏季", "Summer") \
    X(stats_season_autumn, "秋季", "Autumn") \
    X(stats_season_winter, "冬季", "Winter") \
    X(stats_col_confirmed, "已确认", "Confirmed") \
    X(stats_col_travelled, "已出行", "Travelled") \
    X(stats_col_open, "招募中", "Open") \
    X(stats_col_formed, "已成团", "Formed") \
    X(stats_col_full, "已满员", "Full") \
    X(stats_col_locked, "已锁定", "Locked") \
    X(stats_col_expired, "未成团", "Not formed") \
    X(stats_col_cancelled, "已取消", "Cancelled") \
    X(stats_col_groups, "团数", "Group trips") \
    X(stats_col_capacity, "计划名额", "Places planned") \
    X(stats_col_places, "确认名额", "Places confirmed") \
    X(stats_col_fill, "满员率‰", "Fill rate ‰") \
    X(stats_col_demand, "候补人次", "Waiting-list entries") \
    X(stats_col_waiting, "仍在候补", "Still waiting") \
    X(stats_col_missed, "未获名额", "Missed a place") \
    X(stats_col_wishes, "想去", "Would go") \
    X(stats_col_cross, "跨单位名额", "Cross-unit places") \
    X(stats_col_small_cross, "小单位职工跨单位名额", "Cross-unit places of small units' workers") \
    X(stats_col_cross_share, "跨单位占比‰", "Cross-unit share ‰") \
    X(stats_col_small_share, "小单位跨单位占比‰", "Small units' cross-unit share ‰") \
    /* the printable monthly report (statistics.cpp, core/stats_report.hpp) */ \
    X(stats_report_month, "月报月份", "Report month") \
    X(stats_report_month_hint, "月报月份（YYYY-MM）", "Report month (YYYY-MM)") \
    X(stats_report_print, "打印月报", "Print monthly report") \
    X(stats_report_loading, "正在生成月报…", "Making the monthly report…") \
    X(stats_report_bad_month, "月报月份应写作“年-月”，如2026-11", "The report month should read YYYY-MM, e.g. 2026-11")

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

// What the members table and the groups overview share: every row sorted once per sort
// column (and state revision), and the rows shown taken from that order by the filters,
// reversed when descending, made again only when the revision, the filters or the sort
// change: never per frame, and a keystroke in a filter is one pass, not a sort.
struct TableRows {
    std::vector<std::uint32_t> shown;  // the rows drawn, in order
    std::vector<std::uint32_t> sorted;  // every row, ascending by the sort column
    std::uint64_t sorted_revision = ~std::uint64_t{0};
    int sorted_column = -1;
    std::uint64_t shown_revision = ~std::uint64_t{0};
    std::string shown_key;

    // Makes `sorted` again (rows 0 .. count-1 by `less`) when the revision or the column changed.
    template <class Less>
    void sort(std::uint64_t revision, int column, std::size_t count, Less less) {
        if (sorted_revision == revision && sorted_column == column && sorted.size() == count) return;
        sorted.resize(count);
        for (std::size_t i = 0; i < count; ++i) sorted[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(sorted.begin(), sorted.end(), less);
        sorted_revision = revision;
        sorted_column = column;
        shown_revision = ~std::uint64_t{0};
    }
    // Makes `shown` again from `sorted` (the rows `keep` takes) when the revision or `key` (the
    // filters and the sort, as text) changed; true when it did.
    template <class Keep>
    bool show(std::uint64_t revision, const std::string& key, bool descending, Keep keep) {
        if (shown_revision == revision && shown_key == key) return false;
        shown.clear();
        for (std::uint32_t i : sorted)
            if (keep(i)) shown.push_back(i);
        if (descending) std::reverse(shown.begin(), shown.end());
        shown_revision = revision;
        shown_key = key;
        return true;
    }
};

// Reads the current table's sort specs (ImGui's, set by a click on a header) into `column`
// and `descending`; true when they changed, so the rows are made again this very frame.
bool read_sort_specs(int* column, bool* descending);

struct MemberTableState {
    std::string search;
    std::optional<Category> category;
    std::optional<std::string> city;
    std::optional<MemberStatus> status;
    // The rows (indices into the catalogue's members), sorted and shown (TableRows).
    TableRows rows;
    int sort_column = 0;
    bool sort_descending = false;
    // Made once per member list (catalogue revision): the search over every member's folded
    // text, pinyin and initials, the city filter's choices, each name's pinyin for sorting.
    MemberSearch index;
    std::uint64_t index_revision = ~std::uint64_t{0};
    std::vector<std::string> cities;  // most members first
    std::vector<std::string> name_keys;  // each member's name in pinyin: the name column sorts as people read
    std::vector<std::uint32_t> name_rank;  // each member's place in name order (name_keys, then the name)
    std::vector<std::uint32_t> place_rank;  // each member's rank by city, then county (ties equal)
    // The members the query matches (a byte each), for `matched_query` of `index_revision`.
    std::vector<std::uint8_t> matched;
    std::string matched_query;
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
    TableRows rows;            // indices into ClientState::groups
    int sort_column = 2;       // departure
    bool sort_descending = false;
    // Made once per state revision: which route and organizing unit each group has (numbers
    // into the lists below, one entry per distinct route or unit); each one's title or name as
    // shown and sorted, and its title or name with its id, folded, as the filters match them.
    std::uint64_t texts_revision = ~std::uint64_t{0};
    std::vector<std::uint32_t> group_route, group_unit;
    std::vector<std::string_view> route_titles, unit_names;
    std::vector<std::string> route_texts, unit_texts;
};

struct StatsPageState;  // 统计's form and toggles (statistics.cpp)
struct ReviewsPageState;  // 服务评价's selection and forms (reviews.cpp)

struct DeskState {
    MemberTableState members;
    MemberForm form;
    std::optional<StatusDialog> status_dialog;
    Id impact_member;          // the member whose suspension's impact is shown, computed at once
    GroupTableState groups;
    std::shared_ptr<StatsPageState> stats;  // made when 统计 first draws
    std::shared_ptr<ReviewsPageState> reviews;  // made when 服务评价 first draws
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
void draw_desk_reviews(Context& ctx);  // 服务评价 (reviews.cpp)

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
