// Home: the alliance, this season's themes, featured routes, groups closing soon, policies.
#include "core/dates.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <map>

namespace liaoxiu::ui {

namespace {

constexpr std::size_t kFeaturedRoutes = 4;
constexpr std::size_t kClosingGroups = 3;
constexpr std::size_t kPolicyHighlights = 3;
constexpr std::size_t kSeasonThemes = 8;

std::vector<std::string> season_themes(const Catalogue& catalogue, Season season) {
    std::map<std::string, int> counts;
    for (const Route& r : catalogue.routes)
        if (std::find(r.seasons.begin(), r.seasons.end(), season) != r.seasons.end())
            for (const auto& t : r.themes) ++counts[t];
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < sorted.size() && i < kSeasonThemes; ++i) out.push_back(sorted[i].first);
    return out;
}

// The secretariat orders its catalogue: the first routes of the leading alliance are the ones
// it features (any alliance's, if that one has none).
std::vector<std::size_t> featured_routes(const Context& ctx, const Alliance* leading) {
    const auto& routes = ctx.state.catalogue.routes;
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < routes.size() && out.size() < kFeaturedRoutes; ++i)
        if (!leading || routes[i].alliance == leading->id) out.push_back(i);
    for (std::size_t i = 0; out.empty() && i < routes.size() && i < kFeaturedRoutes; ++i) out.push_back(i);
    return out;
}

// The alliance leading the screen, the tagline, and on the tagline's row a way to put another
// one first (its own row would push the featured routes below a phone's first screen).
void draw_alliance(Context& ctx, const Alliance* leading) {
    const auto& alliances = ctx.state.catalogue.alliances;
    if (leading) heading(ctx, leading->name);
    if (alliances.size() < 2) {
        muted(ctx, ctx.t(Text::tagline));
        return;
    }
    ImGui::AlignTextToFramePadding();
    muted(ctx, ctx.t(Text::tagline));
    ImGui::PushID("alliance");
    for (const Alliance& a : alliances) {
        if (&a == leading) continue;
        const std::string text =
            ctx.f(Text::alliance_switch_to, (a.region.empty() ? a.name : a.region).c_str()) + "##" + a.id;
        ImGui::SameLine(0, kChipSpacing);
        if (ImGui::GetCursorPosX() + chip_width(text.c_str()) > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
        chip_row_start();
        if (chip(ctx, text.c_str(), false)) ctx.choose_alliance(a.id);
    }
    ImGui::PopID();
}

}  // namespace

void draw_home(Context& ctx) {
    const Catalogue& catalogue = ctx.state.catalogue;
    const Instant now = ctx.services.now();
    const Alliance* leading = ctx.leading_alliance();
    draw_alliance(ctx, leading);
    draw_offer_banner(ctx);  // a place offered to the worker comes first (me.cpp)

    section(ctx, ctx.t(Text::season_themes));
    ImGui::PushID("season");
    chip_row_start();
    for (const std::string& theme : season_themes(catalogue, season_of(day_of(now)))) {
        if (chip(ctx, theme.c_str(), false)) {
            CatalogueScreenState& search = ctx.screens.catalogue;
            search.query = SearchQuery{};
            search.days_band = search.price_band = -1;
            search.text.clear();
            search.query.theme = theme;
            ctx.nav.go({Screen::routes, {}});
        }
    }
    ImGui::PopID();

    section(ctx, ctx.t(Text::featured_routes));
    route_cards(ctx, featured_routes(ctx, leading));
    if (secondary_button(ctx, ctx.t(Text::all_routes), -1)) ctx.nav.go({Screen::routes, {}});

    section(ctx, ctx.t(Text::closing_soon));
    std::vector<const sync::GroupView*> closing;
    for (const sync::GroupView& g : ctx.state.groups)
        if (joinable(g.trip(), now)) closing.push_back(&g);
    // The leading alliance's groups first, each part by deadline.
    auto elsewhere = [&](const sync::GroupView* g) {
        const Route* route = ctx.view.route(g->trip().route);
        return leading && route && route->alliance != leading->id;
    };
    std::sort(closing.begin(), closing.end(), [&](const auto* a, const auto* b) {
        const bool a_elsewhere = elsewhere(a), b_elsewhere = elsewhere(b);
        if (a_elsewhere != b_elsewhere) return b_elsewhere;
        return a->trip().join_deadline < b->trip().join_deadline;
    });
    if (closing.empty()) muted(ctx, ctx.t(Text::no_joinable_groups));
    for (std::size_t i = 0; i < closing.size() && i < kClosingGroups; ++i) group_row(ctx, *closing[i], true);

    section(ctx, ctx.t(Text::policy_highlights));
    std::vector<const Policy*> latest;
    for (const Policy& p : catalogue.policies) latest.push_back(&p);
    std::stable_sort(latest.begin(), latest.end(), [](const auto* a, const auto* b) { return a->date > b->date; });
    for (std::size_t i = 0; i < latest.size() && i < kPolicyHighlights; ++i) {
        const Policy& p = *latest[i];
        ImVec2 min, max;
        ImGui::PushID(p.id.c_str());
        if (card_target(ctx, "##policy", p.title, kTouchTarget + 8, &min, &max)) ctx.nav.go({Screen::policy, p.id});
        ImGui::PopID();
        ImGui::PushClipRect(min, max, true);
        text_fit_at(ctx, ImVec2(min.x + 14, min.y + (max.y - min.y - ImGui::GetTextLineHeight()) / 2), max.x - 14, colors::text,
                    p.title);
        ImGui::PopClipRect();
    }
    if (secondary_button(ctx, ctx.t(Text::all_policies), -1)) ctx.nav.go({Screen::policies, {}});
}

}  // namespace liaoxiu::ui
