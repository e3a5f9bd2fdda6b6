// The secretariat's route and policy desk (线路设计、季度线路图、政策发布): its pages, their
// remembered state and their words. One page per file:
//   route_list.cpp      #/desk/routes          every route, draft or published
//   route_designer.cpp  #/desk/route/<id|new>  compose or edit a route, live rules, preview
//   season_board.cpp    #/desk/seasons         routes per season and theme, gaps visible
//   policy_editor.cpp   #/desk/policies, #/desk/policy/<id|new>
// Each page is a free function of a Context that reads its id from ctx.nav.current().
#pragma once

#include "core/member_rules.hpp"
#include "ui/screen_context.hpp"
#include "ui/strings.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::ui {

// The designer's words, Chinese first: a table of its own, so they can stay out of the
// worker's build with the rest of the desk. Entries marked printf are formats (checked at
// compile time like strings.hpp's).
#define LIAOXIU_DESIGNER_TEXTS(X)                                                                             \
    X(routes_title, "线路设计", "Route design")                                                                \
    X(routes_shown, "共 %d 条线路（草稿 %d 条）", "%d routes (%d drafts)") /* printf */                        \
    X(new_route, "＋ 新建线路", "+ New route")                                                                 \
    X(filter_all, "全部", "All")                                                                               \
    X(status_draft, "草稿", "Draft")                                                                           \
    X(status_published, "已发布", "Published")                                                                 \
    X(col_title, "线路名称", "Route")                                                                          \
    X(col_status, "状态", "State")                                                                             \
    X(col_themes, "主题", "Themes")                                                                            \
    X(col_seasons, "季节", "Seasons")                                                                          \
    X(col_days, "天数", "Days")                                                                                \
    X(col_price, "补贴后价格", "After subsidy")                                                                 \
    X(col_problems, "问题", "Problems")                                                                        \
    X(problems_count, "%d 个问题", "%d problems") /* printf */                                                 \
    X(no_problem, "可发布", "Ready")                                                                           \
    X(drafts_loading, "正在读取草稿…", "Loading drafts…")                                                      \
    X(edit_route, "编辑线路", "Edit route")                                                                    \
    X(compose_route, "新建线路", "New route")                                                                  \
    X(route_unknown, "没有这条线路", "No such route")                                                          \
    X(field_title, "线路名称", "Title")                                                                        \
    X(field_summary, "简介", "Summary")                                                                        \
    X(field_region, "地区（如 浙江·衢州）", "Region (e.g. 浙江·衢州)")                                          \
    X(field_themes, "主题（用顿号或逗号分隔）", "Themes (separated by commas)")                                  \
    X(field_seasons, "适合季节", "Seasons")                                                                    \
    X(field_cities, "城市（用顿号或逗号分隔）", "Cities (separated by commas)")                                  \
    X(field_days, "天数", "Days")                                                                              \
    X(field_nights, "晚数", "Nights")                                                                          \
    X(field_price, "价格（元/人）", "Price (yuan per person)")                                                 \
    X(field_subsidy, "工会补贴（元/人）", "Union subsidy (yuan per person)")                                    \
    X(field_highlights, "亮点（每行一条）", "Highlights (one per line)")                                        \
    X(field_service_notes, "服务规范（每行一条）", "Service standard (one per line)")                           \
    X(field_day_title, "第 %d 天标题", "Day %d title") /* printf */                                           \
    X(field_stop_note, "安排说明", "What happens there")                                                       \
    X(itinerary, "行程安排", "Itinerary")                                                                      \
    X(day_heading, "第 %d 天", "Day %d") /* printf */                                                          \
    X(add_day, "＋ 添加一天", "+ Add a day")                                                                   \
    X(remove_day, "删除这一天", "Remove this day")                                                             \
    X(add_stop, "＋ 添加站点", "+ Add a stop")                                                                 \
    X(remove_stop, "删除站点", "Remove stop")                                                                  \
    X(stop_kind, "站点类型", "Kind of stop")                                                                   \
    X(pick_member, "选择成员单位", "Pick a member unit")                                                       \
    X(pick_member_for_day, "为第 %d 天选择成员单位", "Pick a member unit for day %d") /* printf */            \
    X(search_members, "搜索成员单位", "Search members")                                                        \
    X(search_members_hint, "名称、城市、区县，可输入拼音或首字母", "Name, city, county; pinyin works")                        \
    X(members_found, "找到 %d 家", "%d found") /* printf */                                                    \
    X(close_picker, "收起", "Close")                                                                           \
    X(pick, "选择", "Pick")                                                                                    \
    X(category_all, "全部类别", "All categories")                                                              \
    X(member_inactive, "（已暂停或退出）", " (suspended or left)")                                              \
    X(bad_number, "请填写整数", "Enter a whole number")                                                        \
    X(bad_money, "请填写金额，如 1280 或 1280.50", "Enter an amount, such as 1280 or 1280.50")                 \
    X(save_draft, "保存草稿", "Save draft")                                                                    \
    X(save_changes, "保存修改", "Save changes")                                                                \
    X(publish, "发布", "Publish")                                                                              \
    X(unpublish, "撤回发布", "Unpublish")                                                                      \
    X(delete_draft, "删除草稿", "Delete draft")                                                                \
    X(confirm_delete, "确认删除", "Delete it")                                                                 \
    X(delete_explain, "删除后不可恢复；已有拼团或政策使用的线路不能删除", "A deleted draft cannot be brought back; a route a group trip or a policy uses cannot be deleted") \
    X(fix_first, "请先改正标出的问题再发布", "Correct the problems marked before publishing")                   \
    X(problems_summary, "还有 %d 个问题", "%d problems left") /* printf */                                     \
    X(rules_met, "符合线路设计规则，可以发布", "The route meets the rules: it can be published")                 \
    X(preview, "预览（职工手机所见）", "Preview (as on a worker's phone)")                                        \
    X(state_line, "状态：%s", "State: %s") /* printf */                                                        \
    X(sent, "已提交", "Sent")                                                                                  \
    X(seasons_title, "季度线路图", "Routes by season")                                                         \
    X(seasons_hint, "每格为该季节、该主题的线路数；空格即空缺", "Each cell counts the routes of that season and theme; an empty cell is a gap") \
    X(gap, "空缺", "Gap")                                                                                      \
    X(route_count, "%d 条", "%d") /* printf */                                                                 \
    X(col_season, "季节", "Season")                                                                            \
    X(gaps_count, "共 %d 个空缺", "%d gaps") /* printf */                                                      \
    X(policies_title, "政策发布", "Policies")                                                                  \
    X(new_policy, "＋ 新建政策", "+ New policy")                                                               \
    X(col_policy, "标题", "Title")                                                                             \
    X(col_issuer, "发布单位", "Issuer")                                                                        \
    X(col_date, "日期", "Date")                                                                                \
    X(col_links, "关联线路", "Linked routes")                                                                  \
    X(edit_policy, "编辑政策", "Edit policy")                                                                  \
    X(compose_policy, "新建政策", "New policy")                                                                \
    X(policy_unknown, "没有这篇政策", "No such policy")                                                        \
    X(field_policy_title, "标题", "Title")                                                                     \
    X(field_issuer, "发布单位", "Issuer")                                                                      \
    X(field_date, "日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)")                                                    \
    X(field_body, "正文", "Text")                                                                              \
    X(bad_date, "日期格式应为 YYYY-MM-DD", "Dates are written YYYY-MM-DD")                                      \
    X(linked_routes, "关联线路", "Linked routes")                                                              \
    X(no_links, "尚未关联线路", "No route linked yet")                                                         \
    X(unlink, "取消关联", "Unlink")                                                                            \
    X(link_route, "关联", "Link")                                                                              \
    X(search_routes, "搜索线路", "Search routes")                                                              \
    X(search_routes_hint, "线路名称，可输入拼音或首字母", "Route title; pinyin or initials work")

enum class DesignerText {
#define LIAOXIU_DESIGNER_TEXT_ENUM(name, zh, en) name,
    LIAOXIU_DESIGNER_TEXTS(LIAOXIU_DESIGNER_TEXT_ENUM)
#undef LIAOXIU_DESIGNER_TEXT_ENUM
    count_
};

const char* designer_text(DesignerText id, Language language);
inline const char* dz(const Context& ctx, DesignerText id) { return designer_text(id, ctx.language); }
template <class... Args>
std::string dzf(const Context& ctx, DesignerText id, Args... args) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, dz(ctx, id), args...);
    return buffer;
}

// ---- the member picker's search: by name, city or county, in Chinese, pinyin or initials --

// Built once per catalogue (members change rarely): the core's MemberSearch (the members
// table's search: each member's texts folded and spelled once) and the picker's order.
class MemberPickerIndex {
public:
    void build(const std::vector<Member>& members);
    // Indices of the members matching `query` (all when empty) and, if given, of
    // `category`; active members first, then by name in pinyin order.
    std::vector<std::uint32_t> find(std::string_view query, std::optional<Category> category) const;
    // The same, looking only at `candidates` (in the order find gives): a query that extends
    // another matches only members the shorter one matched, so typing narrows the last rows.
    std::vector<std::uint32_t> find_within(std::string_view query, const std::vector<std::uint32_t>& candidates) const;
    std::size_t size() const { return search_.size(); }

private:
    MemberSearch search_;
    std::vector<Category> categories_;
    std::vector<std::uint32_t> order_;  // active first, then pinyin order
};

// ---- what the designer's pages remember --------------------------------------------------

struct RouteForm {
    Id loaded;                      // the route the form holds ("new" before its first save)
    std::uint64_t loaded_revision = 0;
    Route route;                    // as edited; the text fields below are parsed into it
    std::string themes, cities, days, nights, price, subsidy, highlights, service_notes;
    std::vector<DomainError> field_problems;  // what the text fields could not be read as
    bool dirty = false;             // edited since loaded or saved
    // The member picker, open for one day of the itinerary (index), with its query.
    std::optional<std::size_t> picking_day;
    std::string member_query;
    std::optional<Category> member_category;
    StopKind stop_kind = StopKind::tour;
    std::vector<std::uint32_t> picker_rows;
    std::string picker_key;         // the query the rows belong to
    // The last few queries' rows, newest first (typing and deleting asks the same ones again).
    std::vector<std::pair<std::string, std::vector<std::uint32_t>>> picker_recent;
    bool tried_publish = false;     // publishing was asked with problems left: say so
    bool confirm_delete = false;    // 删除草稿 was pressed: 确认删除 or 取消 next
};

struct PolicyForm {
    Id loaded;
    std::uint64_t loaded_revision = 0;
    Policy policy;
    std::string date;
    std::vector<DomainError> field_problems;
    bool dirty = false;
    std::string route_query;
    bool tried_publish = false;
};

struct RouteListState {
    std::optional<PublishStatus> status;
    bool asked_drafts = false;
    Instant asked_at = 0;
};

// The season board's cells, made again only when the state changes.
struct SeasonBoard {
    std::uint64_t revision = ~std::uint64_t{0};
    std::vector<std::string> themes;  // columns: the catalogue's themes, most used first, then the drafts'
    // cells[season * themes.size() + theme]: indices into the route list desk_routes() gave.
    std::vector<std::vector<std::uint32_t>> cells;
    std::vector<const Route*> routes;
    int gaps = 0;
};

struct DesignerState {
    RouteListState list;
    SeasonBoard board;
    RouteForm route;
    PolicyForm policy;
    MemberPickerIndex members;
    std::uint64_t members_revision = ~std::uint64_t{0};
    std::int64_t members_version = -1;
    std::size_t members_count = ~std::size_t{0};
    std::uint64_t id_counter = 0;   // new ids made on this desk
    Id last_alliance;               // of the route saved last: a new route's alliance (else the first)
};

DesignerState& designer_state(Context& ctx);

// ---- the pages ----------------------------------------------------------------------------
void draw_desk_routes(Context& ctx);
void draw_desk_route(Context& ctx);
void draw_desk_seasons(Context& ctx);
void draw_desk_policies(Context& ctx);
void draw_desk_policy(Context& ctx);

// ---- shared by them -----------------------------------------------------------------------
inline bool is_secretariat(const Context& ctx) {
    return ctx.signed_in() && ctx.state.session->role == Role::secretariat;
}
// Every route the secretariat may see: the published ones (the catalogue) and the drafts.
std::vector<const Route*> desk_routes(const Context& ctx);
const Route* desk_route(const Context& ctx, const Id& id);
const Policy* desk_policy(const Context& ctx, const Id& id);
const char* publish_status_name(const Context& ctx, PublishStatus status);
// Asks the endpoint for the secretariat's drafts until they have come (again every 10 s at most).
void ask_for_drafts(Context& ctx);
// Problems whose path is exactly `path`, each as a line under its field (errors in the accent
// colour, warnings muted).
void problems_at(Context& ctx, const std::vector<DomainError>& problems, std::string_view path);
// A new id for this desk: `prefix` + a number that differs from every id made before.
Id new_desk_id(Context& ctx, const char* prefix);
// Draws `draw` in a child `width` (CSS px) wide, as tall as the space left: the worker's
// screens drawn at phone width.
void phone_preview(Context& ctx, const char* id, float width, float height, void (*draw)(Context&, const void*),
                   const void* what);

}  // namespace liaoxiu::ui
