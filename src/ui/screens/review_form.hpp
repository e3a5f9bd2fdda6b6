// Service reviews (服务评价) on the worker's screens (review_form.cpp): 我的 → 待评价 and the
// member page's scores. The words are this file's own (zh and en side by side).
#pragma once

#include "ui/screen_context.hpp"

namespace liaoxiu::ui {

// 我的 (a worker, never on a kiosk): once, politely, "有N个行程待评价" with 去评价 / 以后再说;
// after 去评价 the trips to rate, each member with three star rows (接待礼仪 / 服务流程 / 问题处理),
// a comment and 提交, and the outcome (saved, or refused in the endpoint's words).
void draw_reviews_due(Context& ctx);
// The member page: its averages per dimension once it has 5 reviews (else 评价不足5条), the
// 先进典型 mark, the newest comments.
void draw_member_reviews(Context& ctx, const Member& member);

}  // namespace liaoxiu::ui
