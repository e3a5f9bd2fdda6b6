// Every word the interface shows, in Simplified Chinese first and English second.
// Screens ask for a Text; they never hold literal UI strings themselves, so a
// language switch is one assignment and nothing is left untranslated.
//
// The list below is the single source of both the enum and the table, so an entry
// cannot drift out of step with its name. Entries marked "printf" are formats.
#pragma once

#include <string>

namespace liaoxiu::ui {

enum class Language { zh, en };

#define LIAOXIU_TEXTS(X)                                                                          \
    X(app_name, "疗休 · 职工疗休养", "Liaoxiu · Workers' retreats")                               \
    X(tagline, "一站式查询，一键式拼团", "Find a route, join a group trip in one tap")                 \
    X(loading_catalogue, "正在加载线路…", "Loading routes…")                                      \
    X(catalogue_failed, "线路数据无法读取", "The route catalogue could not be read")              \
    X(routes_count, "共 %d 条线路", "%d route{s}") /* printf */                                  \
    X(days_nights, "%d天%d晚", "%d day{s}, %d night{s}") /* printf */                                 \
    X(price_after_subsidy, "补贴后 ¥%s/人", "¥%s per person after subsidy") /* printf */          \
    X(subsidy, "工会补贴 ¥%s", "Union subsidy ¥%s") /* printf */                                  \
    X(list_price, "原价 ¥%s/人", "List price ¥%s per person") /* printf */                        \
    X(language_switch, "English", "中文")                                                         \
    X(no_routes, "暂无线路", "No routes yet")                                                     \
    X(tab_home, "首页", "Home")                                                                   \
    X(tab_routes, "线路", "Routes")                                                               \
    X(tab_members, "成员单位", "Members")                                                         \
    X(tab_me, "我的", "Me")                                                                       \
    X(back, "‹ 返回", "‹ Back")                                                                   \
    X(connecting, "正在连接…", "Connecting…")                                                     \
    X(online, "在线", "Online")                                                                   \
    X(offline, "离线，显示的是缓存数据", "Offline, showing saved data")                           \
    X(dismiss, "知道了", "OK")                                                                    \
    X(season_themes, "当季主题", "This season's themes")                                          \
    X(featured_routes, "精选线路", "Featured routes")                                             \
    X(closing_soon, "即将截止的拼团", "Group trips closing soon")                                      \
    X(policy_highlights, "政策宣传", "Policies")                                                  \
    X(all_routes, "全部线路", "All routes")                                                       \
    X(all_policies, "全部政策", "All policies")                                                   \
    X(no_joinable_groups, "暂无可报名的拼团", "No group trips to join")                                         \
    X(search, "搜索", "Search")                                                                   \
    X(search_hint, "线路、城市、单位，可输入拼音或首字母", "Route, city, member; pinyin works")   \
    X(filters, "筛选", "Filters")                                                                 \
    X(clear_filters, "清除筛选", "Clear filters")                                                 \
    X(sort_by, "排序", "Sort")                                                                    \
    X(sort_relevance, "综合", "Best match")                                                       \
    X(sort_price, "价格", "Price")                                                                \
    X(sort_days, "天数", "Days")                                                                  \
    X(sort_departure, "出发", "Departure")                                                        \
    X(filter_theme, "主题", "Theme")                                                              \
    X(filter_season, "季节", "Season")                                                            \
    X(filter_days, "天数", "Days")                                                                \
    X(filter_price, "补贴后价格", "Price after subsidy")                                          \
    X(filter_category, "成员类别", "Member category")                                             \
    X(filter_city, "城市", "City")                                                                \
    X(filter_open_groups, "有开放拼团", "Has open groups")                                        \
    X(days_short, "1–2天", "1–2 days")                                                            \
    X(days_medium, "3–4天", "3–4 days")                                                           \
    X(days_long, "5天以上", "5+ days")                                                            \
    X(price_low, "¥500以内", "Up to ¥500")                                                        \
    X(price_mid, "¥500–1000", "¥500–1000")                                                        \
    X(price_high, "¥1000以上", "Over ¥1000")                                                      \
    X(results_count, "找到 %d 条线路", "%d route{s} found") /* printf */                            \
    X(joinable_groups_count, "%d个拼团可报名", "%d group trip{s} to join") /* printf */                         \
    X(season_spring, "春", "Spring")                                                              \
    X(season_summer, "夏", "Summer")                                                              \
    X(season_autumn, "秋", "Autumn")                                                              \
    X(season_winter, "冬", "Winter")                                                              \
    X(category_reception, "核心接待", "Reception")                                                \
    X(category_experience, "资源体验", "Experience")                                              \
    X(category_wellness, "康养服务", "Wellness")                                                  \
    X(category_support, "配套保障", "Support")                                                    \
    X(all, "全部", "All")                                                                         \
    X(stop_eat, "吃", "Eat")                                                                      \
    X(stop_stay, "住", "Stay")                                                                    \
    X(stop_travel, "行", "Travel")                                                                \
    X(stop_tour, "游", "Tour")                                                                    \
    X(stop_wellness, "康养", "Wellness")                                                          \
    X(itinerary, "行程安排", "Itinerary")                                                         \
    X(day_title, "第%d天 · %s", "Day %d · %s") /* printf */                                       \
    X(address, "地址：%s", "Address: %s") /* printf */                                            \
    X(phone, "电话：%s", "Phone: %s") /* printf */                                                \
    X(service_price, "%s  ¥%s/%s", "%s  ¥%s/%s") /* printf */                                     \
    X(service_notes, "服务规范", "Service standard")                                              \
    X(highlights, "亮点", "Highlights")                                                           \
    X(joinable_groups_here, "本线路的拼团", "Group trips on this route")                              \
    X(open_group_here, "在此线路发起拼团", "Open a group trip on this route")                                       \
    X(member_suspended, "（暂停服务）", " (suspended)")                                           \
    X(route_on_hold, "暂不可报名", "Not open for booking for now")                    \
    X(not_found, "找不到这个页面", "This page was not found")                                     \
    X(not_found_detail, "链接可能已失效，或内容已下架。", "The link may be old, or the item withdrawn.") \
    X(go_home, "返回首页", "Go to home")                                                          \
    X(member_directory, "成员单位名录", "Member directory")                                       \
    X(members_count, "共 %d 家成员单位", "%d member{s}") /* printf */                              \
    X(member_routes, "参与的线路", "Routes with this member")                                     \
    X(member_route_count, "%d条线路", "%d route{s}") /* printf */                                   \
    X(services, "服务与价格", "Services and prices")                                              \
    X(policies, "政策宣传", "Policies")                                                           \
    X(issuer_date, "%s · %s", "%s · %s") /* printf */                                             \
    X(group_trip, "拼团", "Group trip")                                                           \
    X(organizing_unit, "组团单位：%s", "Organized by %s") /* printf */                            \
    X(departure, "出发日期：%s", "Departure: %s") /* printf */                                    \
    X(deadline_in, "报名截止还剩 %d天%d小时", "Joining closes in %d d %d h") /* printf */         \
    X(deadline_hours, "报名截止还剩 %d小时%d分", "Joining closes in %d h %d min") /* printf */    \
    X(deadline_passed, "报名已截止", "Joining has closed")                                        \
    X(places_to_form, "还差%d人成团", "%d more needed to form") /* printf */                      \
    X(formed, "已成团", "The group has formed")                                                   \
    X(confirmed_of, "已报名 %d / 最少 %d / 最多 %d 人", "%d joined / min %d / max %d") /* printf */ \
    X(places_left, "剩余名额 %d", "%d place{s} left") /* printf */                                  \
    X(waitlist_length, "候补 %d 人", "%d waiting") /* printf */                                   \
    X(units_taking_part, "参团单位", "Units taking part")                                         \
    X(state_open, "报名中", "Open")                                                               \
    X(state_formed, "已成团，仍可报名", "Formed, still open")                                     \
    X(state_full, "已满员，可候补", "Full, waiting list open")                                    \
    X(state_locked, "已截止，名单已锁定", "Closed, list locked")                                  \
    X(state_expired, "未成团，已解散", "Did not form, released")                                  \
    X(state_cancelled, "已取消：%s", "Cancelled: %s") /* printf */                                \
    X(join, "一键报名", "Join")                                                                   \
    X(join_waitlist, "加入候补", "Join the waiting list")                                         \
    X(withdraw, "退出拼团", "Withdraw")                                                           \
    X(accept_offer, "接受名额", "Accept the place")                                               \
    X(sign_in_to_join, "登录后报名", "Sign in to join")                                           \
    X(confirm_join_title, "确认报名", "Confirm joining")                                          \
    X(confirm_withdraw_title, "确认退出", "Confirm withdrawal")                                   \
    X(confirm_join_body, "确认报名「%s」？", "Join \"%s\"?") /* printf */                         \
    X(confirm_withdraw_body, "确认退出「%s」？名额将让给候补的职工。", "Withdraw from \"%s\"? Your place goes to the waiting list.") /* printf */ \
    X(confirm, "确认", "Confirm")                                                                 \
    X(confirm_cancel_body, "取消「%s」的这个拼团？已报名的职工都会看到取消原因。", "Cancel this group trip on \"%s\"? Everyone who joined sees the reason.") /* printf */ \
    X(cancel_reason, "取消原因", "Reason")                                                        \
    X(cancel_reason_hint, "如：报名人数不足", "e.g. too few people joined")                        \
    X(cancel_reason_missing, "请填写取消原因", "Please give a reason")                              \
    X(cancel, "取消", "Cancel")                                                                   \
    X(share, "分享", "Share")                                                                     \
    X(link_copied, "链接已复制", "Link copied")                                                   \
    X(scan_to_open, "扫码在手机上打开", "Scan to open on your phone")                             \
    X(my_place_confirmed, "您已报名", "You have a place")                                         \
    X(my_place_waitlisted, "您在候补第%d位", "You are number %d on the waiting list") /* printf */ \
    X(my_place_offered, "有空出的名额留给您，请尽快确认", "A place is offered to you: please confirm") \
    X(open_group_title, "发起拼团", "Open a group trip")                                                   \
    X(route_label, "线路：%s", "Route: %s") /* printf */                                          \
    X(departure_date, "出发日期（如 2027-04-10）", "Departure (e.g. 2027-04-10)")                 \
    X(deadline_date, "报名截止日期（当日 24 点截止）", "Joining closes (end of day)")              \
    X(min_size, "最少人数", "Minimum size")                                                       \
    X(max_size, "最多人数", "Maximum size")                                                       \
    X(per_unit_cap, "每单位名额上限（0 表示不限）", "Places per unit (0 = no cap)")               \
    X(meeting_point_field, "集合地点与时间（选填）", "Meeting point and time (optional)")                  \
    X(meeting_point_hint, "如：本单位东门，出发日 7:30", "e.g. East gate, 7:30 on the day")                 \
    X(contact_name_field, "联系人（选填）", "Contact person (optional)")                                    \
    X(contact_phone_field, "联系电话（选填，职工可一键拨打）", "Contact phone (optional; workers can call it)") \
    X(submit_open_group, "确认发起拼团", "Open the group trip")                                            \
    X(bad_date, "日期格式应为 2027-04-10", "Dates look like 2027-04-10")                          \
    X(bad_number, "人数须为整数", "Sizes are whole numbers")                                       \
    X(organizer_only, "只有单位工会可以发起拼团，请以单位工会账号登录。", "Only a unit's union can open a group trip: sign in with the union's account.") \
    X(my_trips, "我的行程", "My trips")                                                           \
    X(no_trips, "还没有报名的行程", "No trips yet")                                               \
    X(pending_actions, "待同步的操作", "Actions not yet sent")                                    \
    X(pending_waiting, "待发送", "Waiting to send")                                               \
    X(pending_syncing, "同步中", "Syncing")                                                       \
    X(action_join, "报名", "Join")                                                                \
    X(action_withdraw, "退出", "Withdraw")                                                        \
    X(action_accept, "接受名额", "Accept place")                                                  \
    X(action_open, "发起拼团", "Open group trip")                                                          \
    X(action_cancel, "取消拼团", "Cancel group trip")                                                  \
    X(action_open_to_all, "开放给所有单位", "Open to all units")                                       \
    X(confirm_open_to_all_body, "「%s」的这个拼团开放后，联盟内所有单位的职工都可以报名，不能再改回本单位团。", "Open this group trip on \"%s\" to every unit of the alliance? Their workers may then join; it cannot be made own-unit again.") /* printf */ \
    X(joining_terms, "报名须知：%s", "Before you join: %s") /* printf */                               \
    X(confirm_join_approval, "提交后名额先为您保留，由本单位工会审批", "Your place is held while your union decides") \
    X(sign_in, "登录", "Sign in")                                                                 \
    X(sign_out, "退出登录", "Sign out")                                                           \
    X(confirm_sign_out_body, "还有%d项操作未提交，退出登录会取消它们。仍要退出吗？", "%d action{s} not sent yet will be dropped if you sign out. Sign out all the same?") /* printf */ \
    X(login, "工号或账号", "Member number or login")                                              \
    X(password, "密码", "Password")                                                               \
    X(signed_in_as, "已登录：%s", "Signed in as %s") /* printf */                                 \
    X(not_signed_in, "登录后可报名拼团、查看我的行程", "Sign in to join group trips and see your trips") \
    X(role_worker, "职工", "Worker")                                                              \
    X(role_organizer, "单位工会", "Union organizer")                                              \
    X(role_secretariat, "联盟秘书处", "Secretariat")                                              \
    X(fill_login, "请填写账号和密码", "Enter your login and password")                            \
    X(display_options, "显示", "Display")                                                         \
    X(high_contrast, "高对比度", "High contrast")                                                 \
    X(idle_countdown, "即将返回首页 %d", "Returning to the home screen in %d") /* printf */       \
    X(idle_explain, "长时间无人操作，将清除本次的搜索和登录信息", "No one has touched the screen for a while: searches and sign-in will be cleared") \
    X(keep_using, "继续使用", "Continue")                                                        \
    /* The secretariat's desk: the audit trail (src/ui/desk/audit.cpp). */                          \
    /* the unit union's desk (organizers) */                                                        \
    X(open_group_landing, "正在发起拼团…", "Opening the group trip…")                                \
    X(unit_groups, "本单位的拼团", "Our unit's group trips")                                        \
    X(no_unit_groups, "本单位还没有发起或参加拼团", "Our unit has not opened or joined a group trip yet") \
    X(state_group_cancelled, "已取消", "Cancelled")                                                 \
    X(roster, "名单", "Roster")                                                                     \
    X(roster_title, "名单 · %s", "Roster · %s") /* printf */                                        \
    X(roster_loading, "正在加载名单…", "Loading the roster…")                                       \
    X(roster_own_workers, "本单位职工", "Our workers")                                              \
    X(roster_no_own_workers, "本单位还没有职工报名", "None of our workers has joined yet")          \
    X(roster_other_units, "其他单位（仅显示人数）", "Other units (counts only)")                    \
    X(roster_unit_counts, "%s：已确认 %d 人，候补 %d 人", "%s: %d confirmed, %d waiting") /* printf */ \
    X(roster_reason, "退出原因：%s", "Reason: %s") /* printf */                                      \
    X(roster_since, "%s 起", "since %s") /* printf */                                                \
    X(roster_withdraw, "退出", "Withdraw")                                                          \
    X(roster_withdraw_title, "为职工退出拼团", "Withdraw a worker")                                 \
    X(roster_withdraw_body, "确认让 %s 退出该拼团？名额将释放给候补职工。", "Withdraw %s from this group trip? The place goes to the waiting list.") /* printf */ \
    X(roster_reason_label, "退出原因（职工会看到）", "Reason (the worker will see it)")              \
    X(roster_reason_hint, "如：单位临时有接待任务", "e.g. an urgent duty at work")                   \
    X(roster_reason_missing, "请填写退出原因", "Please give a reason")                               \
    X(roster_add, "添加职工", "Add a worker")                                                       \
    X(roster_add_pick, "选择本单位职工账号：", "Pick a worker account of our unit:")                \
    X(roster_add_none, "本单位没有可添加的职工账号", "No worker account of our unit left to add")    \
    X(roster_add_loading, "正在加载本单位职工账号…", "Loading our unit's worker accounts…")          \
    X(roster_export, "导出CSV", "Export CSV")                                                       \
    X(roster_exported, "名单已导出", "The roster was exported")                                     \
    X(roster_refresh, "刷新名单", "Refresh")                                                         \
    X(my_place_withdrawn_by_union, "单位工会已为您退出该团（%s）", "Your union withdrew you from this trip (%s)") /* printf */ \
    /* approval by the worker's own union (审批): what the worker's trip list says */                \
    X(my_place_pending_approval, "名额已保留，待本单位工会审批", "Place held: awaiting your union's approval") \
    X(my_place_declined, "单位工会未同意（%s）", "Your union declined (%s)") /* printf */          \
    X(my_place_approval_lapsed, "工会未在期限内审批，名额已释放", "Your union did not decide in time: the place was released") \
    /* the secretariat's routes and policies (designer) */                                        \
    X(policy_routes, "相关线路", "Routes this is about")                                          \
    X(action_save_route, "保存线路", "Save route")                                                \
    X(action_publish_route, "发布线路", "Publish route")                                          \
    X(action_unpublish_route, "撤回线路", "Unpublish route")                                      \
    X(action_save_policy, "保存政策", "Save policy")                                              \
    X(action_publish_policy, "发布政策", "Publish policy")                                        \
    X(action_unpublish_policy, "撤回政策", "Unpublish policy") \
    /* ---- the secretariat's desk: its entry in the worker's app (deskui; the desk's own words: ui/desk) */        \
    X(desk_entry, "秘书处工作台", "Secretariat desk")                                                               \
    X(desk_entry_hint, "成员单位、拼团总览等管理工作在工作台中完成", "Members, group trips and more are managed at the desk") \
    X(desk_only_secretariat, "只有联盟秘书处可以使用工作台", "Only the alliance's secretariat uses the desk") \
    /* ---- the worker's journey (journey): told outcomes in 我的, a cancelled group, sign-in and back */          \
    X(trip_new, "新", "New")                                                                                       \
    X(wish, "想去", "I would go") \
    X(sign_in_to_wish, "登录后想去", "Sign in to say you would go") \
    X(wish_told, "已告诉本单位工会；有人发起拼团时会在“我的”里告诉您", "Your union has been told; Me will tell you when someone opens a group") \
    X(unwish, "取消想去", "No longer interested") \
    X(wish_sending, "正在告诉本单位工会…", "Telling your union…") \
    X(my_wishes, "想去的线路", "Routes I would go on") \
    X(wish_has_group, "有拼团了 · %s出发", "A group is open · leaves %s") /* printf */ \
    X(wish_waiting, "暂无拼团 · 已告诉本单位工会", "No group yet · your union knows") \
    X(unit_wishes, "本单位有%d位职工想去", "%d worker{s} of your unit would go") /* printf */ \
    /* ---- 审批: the unit union's approval queue (screens/approvals.cpp) */ \
    X(approvals_title, "待审批", "Approvals") \
    X(approvals_union_only, "只有职工所在单位的工会可以审批，请以单位工会账号登录。", "Only the worker's own union decides approvals: sign in with the union's account.") \
    X(approvals_entry, "待审批 %d", "Approvals to decide: %d") /* printf */ \
    X(approvals_loading, "正在加载待审批…", "Loading the approvals…") \
    X(approvals_empty, "暂无待审批", "Nothing to approve") \
    X(approvals_refresh, "刷新待审批", "Refresh the approvals") \
    X(approval_dates, "%s 至 %s", "%s to %s") /* printf */ \
    X(approval_price, "费用 ¥%s · 职工自付 ¥%s", "Price ¥%s · the worker pays ¥%s") /* printf */ \
    X(approval_price_only, "费用 ¥%s", "Price ¥%s") /* printf */ \
    X(approval_left_trips, "今年还可参加%d次", "%d more trip{s} this year") /* printf */ \
    X(approval_left_days, "今年还可参加%d天", "%d more day{s} this year") /* printf */ \
    X(approval_left_both, "今年还可参加%d次/%d天", "%d more trip{s} / %d day{s} this year") /* printf */ \
    X(approval_due, "审批截止 %s", "Decide by %s") /* printf */ \
    /* ---- 消息: what group changes told the worker or their union (screens/messages.cpp) */ \
    X(messages_title, "消息", "Messages") \
    X(messages_entry_unread, "消息（%d条未读）", "Messages (%d unread)") /* printf */ \
    X(messages_badge, "%d条未读消息", "%d unread message{s}") /* printf */ \
    X(messages_loading, "正在加载消息…", "Loading the messages…") \
    X(messages_empty, "暂无消息。成团、候补到名额、取消、审批结果都会在这里告诉您。", "No messages yet. A group forming, a place offered, a cancellation or your union's decision will be told here.") \
    X(messages_refresh, "刷新消息", "Refresh the messages") \
    X(messages_only_latest, "只显示最近%d条消息", "Only the latest %d messages are shown") /* printf */ \
    X(messages_none_for_role, "联盟秘书处没有消息：消息是告诉职工和单位工会的。", "The secretariat has no messages: they are for workers and unit unions.") \
    X(message_unread, "未读", "Unread") \
    X(message_open_group, "查看拼团", "See the group") \
    /* ---- 规则设置: a union's own rules, the secretariat's alliance defaults (screens/rules_settings.cpp) */ \
    X(rules_entry_unit, "本单位疗休养规则", "Our unit's trip rules") \
    X(rules_entry_alliance, "联盟疗休养规则", "The alliance's trip rules") \
    X(rules_title_unit, "本单位疗休养规则：%s", "Trip rules of %s") /* printf */ \
    X(rules_title_alliance, "联盟默认规则：%s", "Alliance defaults: %s") /* printf */ \
    X(rules_note_unit, "留空的项沿用联盟默认规则。保存后，本单位职工此后的报名按新规则办理。", "A field left empty follows the alliance's default. Your workers' joins follow the rules from the moment they are saved.") \
    X(rules_note_alliance, "成员单位没有单独设置的项都按这里的规则；留空表示不限。", "Every unit follows these where it sets nothing of its own; empty means no limit.") \
    X(rules_only_organizers, "只有单位工会和联盟秘书处可以设置疗休养规则。", "Only unit unions and the secretariat set the trip rules.") \
    X(rules_trips_per_year, "每年可参加次数", "Trips a year") \
    X(rules_days_per_year, "每年可休养天数", "Days a year") \
    X(rules_out_of_province, "省外疗休养每几年1次", "Out of province once every N years") \
    X(rules_cost_standard, "每次费用标准（补贴后，元）", "Cost standard a trip (after subsidy, ¥)") \
    X(rules_unit_share, "单位承担比例（补贴后余额的百分比）", "Unit's share (percent of what is left after subsidy)") \
    X(rules_approval, "职工报名需本单位工会审批", "Unions approve their workers' places") \
    X(rules_approval_inherit, "沿用联盟", "As the alliance") \
    X(rules_approval_on, "需要", "Required") \
    X(rules_approval_off, "不需要", "Not required") \
    X(rules_decision_hours, "审批须在报名截止前几小时完成", "Decide this many hours before the join deadline") \
    X(rules_alliance_value, "联盟默认：%s", "Alliance default: %s") /* printf */ \
    X(rules_no_limit, "不限", "no limit") \
    X(rules_save, "保存规则", "Save the rules") \
    X(rules_saving, "正在保存规则…", "Saving the rules…") \
    X(rules_loading, "正在读取规则…", "Loading the rules…") \
    X(rules_reload, "重新读取规则", "Read the rules again") \
    X(rules_not_whole_number, "请填写整数，或留空", "Enter a whole number, or leave it empty") \
    X(rules_not_amount, "请填写金额，如 800 或 800.50，或留空", "Enter an amount such as 800 or 800.50, or leave it empty") \
    X(rules_effective, "现行：%s", "In force: %s") /* printf */ \
    X(approve, "同意", "Approve") \
    X(decline, "不同意", "Decline") \
    X(decline_reason_label, "不同意的原因（职工会看到）", "Reason (the worker will see it)") \
    X(decline_reason_hint, "如：本季度单位工作任务重", "e.g. a busy season at work") \
    X(decline_confirm, "确认不同意", "Confirm: decline") \
    X(approval_sending, "正在提交审批…", "Sending the decision…") \
    X(trip_offer_left, "为您保留了名额，还剩%d小时%d分确认", "A place is held for you: %d h %d min left to accept") /* printf */ \
    X(trip_offer_lapsing, "为您保留的名额即将过期", "The place held for you is about to lapse")                      \
    X(trip_offer_expired, "为您保留的名额已过期", "The place held for you lapsed")                                  \
    X(trip_withdrawn, "您已退出该团", "You withdrew from this trip")                                               \
    X(trip_released, "名额已释放", "Your place was released")                                                      \
    X(trip_cancelled, "拼团已取消：%s", "The group trip was cancelled: %s") /* printf */                          \
    X(trip_expired, "报名截止时未成团，行程取消", "The group did not form by the deadline: no trip")              \
    X(trip_past, "已出行", "Trip taken")                                                                           \
    X(trip_unknown, "行程信息暂不可用", "This trip's details are not available")                                    \
    X(offer_waiting, "有名额留给您", "A place is waiting for you")                                                 \
    X(group_ended_note, "已报名职工的名额均已释放，无需任何操作", "Every place was released: nothing to do")        \
    X(see_other_groups, "查看该线路的其他拼团", "Other group trips on this route")                        \
    X(alliance_switch_to, "切换到：%s", "Switch to: %s") /* printf */                                        \
    X(alliance_first, "先看", "First")                                                                          \
    X(price_includes, "费用包含", "The price includes")                                                          \
    X(includes_nights, "住宿%d晚", "Stay: %d night{s}") /* printf */                                           \
    X(includes_meals, "用餐%d次", "Meals: %d") /* printf */                                                    \
    X(includes_transport, "行程中的交通", "Transport on the trip")                                               \
    X(includes_visits, "景点%d处", "Visits: %d") /* printf */                                                  \
    X(includes_wellness, "康养项目%d项", "Wellness sessions: %d") /* printf */                                 \
    X(call_phone, "拨打 %s", "Call %s") /* printf */                                                           \
    X(copy_address, "复制地址", "Copy address")                                                                 \
    X(address_copied, "地址已复制", "Address copied")                                                           \
    X(open_map, "地图", "Map")                                                                                  \
    /* ---- the group's key facts (groupfacts): dates, deadline, cap, outcome, contact; the duplicate warning */  \
    X(group_return, "返回日期：%s（共%d天%d晚）", "Back: %s (%d day{s}, %d night{s})") /* printf */                \
    X(deadline_at, "报名截止：%s（北京时间）", "Joining closes: %s (China time)") /* printf */                     \
    X(group_unit_cap, "每个单位最多报名%d人（含候补）", "At most %d worker{s} per unit (waiting list included)") /* printf */ \
    X(group_cross_unit, "跨单位拼团：其他单位的职工也可以报名", "Workers of any unit may join, not only the organizer's") \
    X(group_if_not_formed, "截止时未满%d人则解散，名额全部释放", "If fewer than %d have joined when joining closes, the group is dissolved and every place released") /* printf */ \
    X(group_when_formed, "报名截止后名单锁定，交各参团单位", "When joining closes, the list is locked and goes to each unit taking part") \
    X(group_contact, "集合与联系", "Meeting point and contact")                                               \
    X(group_first_stop, "行程第一站：%s", "First stop: %s") /* printf */                                          \
    X(group_meeting_point, "集合：%s", "Meet: %s") /* printf */                                                  \
    X(group_contact_person, "联系人：%s", "Contact: %s") /* printf */                                            \
    X(group_route_details, "查看线路详情：%s", "Route details: %s") /* printf */                                 \
    X(group_route_details_short, "查看线路详情 ›", "Route details ›")                                           \
    X(scan_for_colleague, "让同事扫码打开这个拼团", "Let a colleague scan this to open the group trip")          \
    X(duplicate_group_warning, "已有同一线路同一天出发的拼团，仍要新开？两个拼团会分散报名的职工，可能都不成团。", "A group trip on this route already leaves that day. Open another anyway? Two groups split the workers, and both may fail to form.") \
    X(duplicate_group_line, "%s组团 · %s出发 · %s", "Organized by %s · leaves %s · %s") /* printf */             \
    X(duplicate_group_open_existing, "查看已有的拼团", "Go to the existing group trip")                          \
    X(duplicate_group_open_anyway, "仍要新开拼团", "Open another group trip anyway")                           \
    X(show_results, "查看 %d 条结果", "Show %d result{s}") /* printf */                                     \
    X(group_own_unit, "本单位团：仅限%s职工报名", "Own-unit group: only workers of %s may join") /* printf */   \
    X(group_not_open_to_you, "该团仅限%s职工报名，可看看本线路的其他拼团", "Only workers of %s may join this group trip; see the route's other group trips") /* printf */ \
    X(open_visibility, "报名范围", "Who may join")                                                      \
    X(visibility_alliance, "所有单位（跨单位拼团）", "Any unit (pooled)")                                 \
    X(visibility_own_unit, "仅本单位", "Own unit only")                                                   \
    X(calendar_add, "加入日历", "Add to calendar")                                                   \
    X(calendar_saved, "日历文件已保存，打开即可加入手机日历", "Calendar file saved: open it to add the trip to your calendar")

enum class Text {
#define LIAOXIU_TEXT_ENUM(name, zh, en) name,
    LIAOXIU_TEXTS(LIAOXIU_TEXT_ENUM)
#undef LIAOXIU_TEXT_ENUM
    count_  // keep last
};

const char* text(Text id, Language language);

// English words that follow a count: "{s}" after a noun is "s" unless the number just before
// it is 1 ("1 route", "2 routes"); "{one|other}" picks one of two words the same way. Every
// formatted English text passes through it (Context::f); Chinese has no plural forms.
std::string english_plurals(std::string text);

// All strings of both languages, for glyph pre-loading.
const char* const* all_texts(int* count);

// True when two printf formats take the same arguments: the same conversions ("%d", "%s",
// "%.1f"…) in the same order, "%%" not counting. The zh and en text of every entry must
// agree (checked at compile time in strings.cpp), since one call formats either with the
// same arguments: a "%s" where the other language has "%d" would read garbage.
constexpr bool same_printf_conversions(const char* a, const char* b) {
    // The next conversion at or after `s`: its start, or the string's end.
    auto next = [](const char* s) {
        for (; *s != '\0'; ++s) {
            if (*s != '%') continue;
            if (s[1] == '%') {
                ++s;
                continue;
            }
            return s;
        }
        return s;
    };
    // A conversion runs from '%' through its conversion letter.
    auto end_of = [](const char* s) {
        ++s;
        while (*s != '\0' && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) ++s;
        while (*s == 'l' || *s == 'h' || *s == 'z' || *s == 'j' || *s == 't' || *s == 'L') ++s;
        return *s == '\0' ? s : s + 1;
    };
    for (a = next(a), b = next(b); *a != '\0' || *b != '\0'; a = next(a), b = next(b)) {
        if (*a == '\0' || *b == '\0') return false;
        const char* a_end = end_of(a);
        const char* b_end = end_of(b);
        if (a_end - a != b_end - b) return false;
        for (const char *x = a, *y = b; x != a_end; ++x, ++y) {
            if (*x != *y) return false;
        }
        a = a_end;
        b = b_end;
    }
    return true;
}

}  // namespace liaoxiu::ui
