// Policy articles (政策宣传): the list, newest first, and one article.
#include "core/dates.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace liaoxiu::ui {

void draw_policies(Context& ctx) {
    heading(ctx, ctx.t(Text::policies));
    std::vector<const Policy*> policies;
    for (const Policy& p : ctx.state.catalogue.policies) policies.push_back(&p);
    std::stable_sort(policies.begin(), policies.end(), [](const auto* a, const auto* b) { return a->date > b->date; });
    const float line = ImGui::GetTextLineHeight();
    for (const Policy* p : policies) {
        ImVec2 min, max;
        ImGui::PushID(p->id.c_str());
        if (card_target(ctx, "##policy", p->title, line * 3.4f, &min, &max)) ctx.nav.go({Screen::policy, p->id});
        ImGui::PopID();
        ImGui::PushClipRect(min, max, true);
        text_fit_at(ctx, ImVec2(min.x + 14, min.y + 10), max.x - 14, colors::text, p->title);
        text_fit_at(ctx, ImVec2(min.x + 14, min.y + 10 + line * 1.3f), max.x - 14, colors::muted,
                ctx.f(Text::issuer_date, p->issuer.c_str(), format_day(p->date).c_str()));
        ImGui::PopClipRect();
    }
}

void draw_policy(Context& ctx, const Policy& policy) {
    heading(ctx, policy.title);
    muted(ctx, ctx.f(Text::issuer_date, policy.issuer.c_str(), format_day(policy.date).c_str()));
    ImGui::Dummy(ImVec2(0, 6));
    label(ctx, policy.body);
    // The routes the article is about, as the catalogue has them (a link to a route not
    // published, or no longer, is left out).
    std::vector<std::size_t> linked;
    for (const Id& id : policy.routes)
        if (const Route* route = ctx.view.route(id)) linked.push_back(ctx.view.route_index(*route));
    if (!linked.empty()) {
        section(ctx, ctx.t(Text::policy_routes));
        route_cards(ctx, linked);
    }
}

}  // namespace liaoxiu::ui
