// The catalogue: a search box (Chinese, pinyin, initials) whose results follow every
// keystroke, filter chips, sorting, and route cards that scroll through 10k routes
// (one card height, so ImGuiListClipper lays out only the cards on screen).
#include "ui/widgets.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace liaoxiu::ui {

namespace {

struct DayBand {
    Text text;
    int min, max;
};
constexpr DayBand kDayBands[] = {{Text::days_short, 1, 2}, {Text::days_medium, 3, 4}, {Text::days_long, 5, 365}};

struct PriceBand {
    Text text;
    Fen min, max;
};
constexpr PriceBand kPriceBands[] = {
    {Text::price_low, 0, 50000}, {Text::price_mid, 50001, 100000}, {Text::price_high, 100001, INT64_MAX}};

constexpr std::size_t kThemeChips = 16;

std::string query_key(const CatalogueScreenState& s) {
    const SearchQuery& q = s.query;
    std::string key = s.text;
    key += '\x1f' + q.theme.value_or("") + '\x1f' + q.city.value_or("");
    key += '\x1f' + std::to_string(q.season ? static_cast<int>(*q.season) : -1);
    key += '\x1f' + std::to_string(s.days_band) + '\x1f' + std::to_string(s.price_band);
    key += '\x1f' + std::to_string(q.member_category ? static_cast<int>(*q.member_category) : -1);
    key += '\x1f' + std::to_string(q.only_with_open_groups) + std::to_string(static_cast<int>(q.sort)) + std::to_string(q.descending);
    key += '\x1f' + q.first_alliance.value_or("");
    return key;
}

// The query the screen's fields and bands describe.
SearchQuery query_of(const CatalogueScreenState& s) {
    SearchQuery query = s.query;
    query.text = s.text;
    query.min_days = query.max_days = std::nullopt;
    query.min_price = query.max_price = std::nullopt;
    if (s.days_band >= 0) {
        query.min_days = kDayBands[s.days_band].min;
        query.max_days = kDayBands[s.days_band].max;
    }
    if (s.price_band >= 0) {
        query.min_price = kPriceBands[s.price_band].min;
        query.max_price = kPriceBands[s.price_band].max;
    }
    return query;
}

constexpr std::size_t kRecentSearches = 8;

void run_search_if_needed(Context& ctx, CatalogueScreenState& s) {
    const Alliance* leading = ctx.leading_alliance();
    s.query.first_alliance = leading ? std::optional<Id>(leading->id) : std::nullopt;
    const std::string key = query_key(s);
    const std::uint64_t revision = ctx.view.revision();
    if (key == s.searched_key && s.searched_revision == revision) return;
    if (s.searched_revision != revision) s.recent.clear();  // hits of another catalogue
    const auto seen = std::find_if(s.recent.begin(), s.recent.end(), [&](const auto& entry) { return entry.first == key; });
    if (seen != s.recent.end()) {
        std::rotate(s.recent.begin(), seen, seen + 1);  // newest first
    } else {
        std::vector<SearchHit> hits = ctx.view.index() ? ctx.view.index()->search(query_of(s)) : std::vector<SearchHit>{};
        s.recent.insert(s.recent.begin(), {key, std::move(hits)});
        if (s.recent.size() > kRecentSearches) s.recent.pop_back();
    }
    s.hits = s.recent.front().second;
    if (key != s.searched_key) ImGui::SetScrollY(0);  // new results start at the top
    s.searched_key = key;
    s.searched_revision = revision;
}

template <class T>
void toggle(std::optional<T>& field, const T& value) {
    if (field && *field == value)
        field.reset();
    else
        field = value;
}

constexpr std::pair<SortKey, Text> kSorts[] = {{SortKey::relevance, Text::sort_relevance},
                                               {SortKey::price, Text::sort_price},
                                               {SortKey::days, Text::sort_days},
                                               {SortKey::departure, Text::sort_departure}};

// A sort chip's words: the chosen sort (other than relevance) says which way it runs.
std::string sort_text(Context& ctx, const CatalogueScreenState& s, SortKey key, Text name) {
    std::string text = ctx.t(name);
    if (s.query.sort == key && key != SortKey::relevance) text += s.query.descending ? " ↓" : " ↑";
    return text;
}

// How wide the row of the filters chip and the sort chips is.
float sort_row_width(Context& ctx, const CatalogueScreenState& s) {
    float width = chip_width(ctx.t(Text::filters));
    for (const auto& [key, name] : kSorts) width += kChipSpacing + chip_width(sort_text(ctx, s, key, name).c_str());
    return width;
}

void draw_sort(Context& ctx, CatalogueScreenState& s) {
    ImGui::PushID("sort");
    chip_row_start();
    if (chip(ctx, ctx.t(Text::filters), s.show_filters)) s.show_filters = !s.show_filters;
    for (const auto& [key, name] : kSorts) {
        const bool selected = s.query.sort == key;
        const std::string text = sort_text(ctx, s, key, name);
        if (chip(ctx, (text + "##" + std::to_string(static_cast<int>(key))).c_str(), selected)) {
            // Tapping the chosen sort again turns it around.
            s.query.descending = selected && key != SortKey::relevance ? !s.query.descending : false;
            s.query.sort = key;
        }
    }
    ImGui::PopID();
}

// Which alliance's routes come first: the worker's own region, switched with a tap. Only when
// the catalogue has more than one.
void draw_alliance_switch(Context& ctx) {
    const auto& alliances = ctx.state.catalogue.alliances;
    if (alliances.size() < 2) return;
    const Alliance* leading = ctx.leading_alliance();
    ImGui::PushID("alliance");
    ImGui::AlignTextToFramePadding();
    label(ctx, ctx.t(Text::alliance_first), colors::muted);
    ImGui::SameLine(0, kChipSpacing);
    chip_row_start();
    for (const Alliance& a : alliances) {
        const std::string& name = a.region.empty() ? a.name : a.region;
        if (chip(ctx, (name + "##" + a.id).c_str(), &a == leading) && &a != leading) ctx.choose_alliance(a.id);
    }
    ImGui::PopID();
}

void draw_filters(Context& ctx, CatalogueScreenState& s) {
    SearchQuery& q = s.query;
    muted(ctx, ctx.t(Text::filter_theme));
    ImGui::PushID("theme");
    chip_row_start();
    const auto& themes = ctx.view.themes();
    const auto shown_end = themes.begin() + static_cast<std::ptrdiff_t>(std::min(themes.size(), kThemeChips));
    for (auto it = themes.begin(); it != shown_end; ++it)
        if (chip(ctx, it->c_str(), q.theme == *it)) toggle(q.theme, *it);
    // A theme chosen elsewhere (the home screen) stays visible even when it is a rare one.
    if (q.theme && std::find(themes.begin(), shown_end, *q.theme) == shown_end)
        if (chip(ctx, q.theme->c_str(), true)) q.theme.reset();
    ImGui::PopID();

    muted(ctx, ctx.t(Text::filter_season));
    ImGui::PushID("season");
    chip_row_start();
    for (Season season : {Season::spring, Season::summer, Season::autumn, Season::winter})
        if (chip(ctx, season_name(ctx, season), q.season == season)) toggle(q.season, season);
    ImGui::PopID();

    muted(ctx, ctx.t(Text::filter_days));
    ImGui::PushID("days");
    chip_row_start();
    for (int i = 0; i < 3; ++i)
        if (chip(ctx, ctx.t(kDayBands[i].text), s.days_band == i)) s.days_band = s.days_band == i ? -1 : i;
    ImGui::PopID();

    muted(ctx, ctx.t(Text::filter_price));
    ImGui::PushID("price");
    chip_row_start();
    for (int i = 0; i < 3; ++i)
        if (chip(ctx, ctx.t(kPriceBands[i].text), s.price_band == i)) s.price_band = s.price_band == i ? -1 : i;
    ImGui::PopID();

    muted(ctx, ctx.t(Text::filter_category));
    ImGui::PushID("category");
    chip_row_start();
    for (Category c : {Category::reception, Category::experience, Category::wellness, Category::support})
        if (chip(ctx, category_name(ctx, c), q.member_category == c)) toggle(q.member_category, c);
    ImGui::PopID();

    muted(ctx, ctx.t(Text::filter_city));
    ImGui::PushID("city");
    chip_row_start();
    for (const std::string& city : ctx.view.cities())
        if (chip(ctx, city.c_str(), q.city == city)) toggle(q.city, city);
    ImGui::PopID();

    ImGui::PushID("groups");
    chip_row_start();
    if (chip(ctx, ctx.t(Text::filter_open_groups), q.only_with_open_groups)) q.only_with_open_groups = !q.only_with_open_groups;
    if (chip(ctx, ctx.t(Text::clear_filters), false)) {
        const SortKey sort = q.sort;
        const bool descending = q.descending;
        q = SearchQuery{};
        q.sort = sort;
        q.descending = descending;
        s.days_band = s.price_band = -1;
    }
    ImGui::PopID();
}

}  // namespace

void draw_routes(Context& ctx) {
    CatalogueScreenState& s = ctx.screens.catalogue;
    // A short screen (a phone on its side): the field, its hint saying what to type, and the
    // sort chips share one row when they fit, so the list starts higher.
    constexpr float kMinSearchWidth = 240.0f;  // room for the hint's first words and some typing
    const float chips = sort_row_width(ctx, s);
    const float field = ImGui::GetContentRegionAvail().x - chips - kChipSpacing;
    if (ctx.short_screen && field >= kMinSearchWidth) {
        text_field(ctx, ctx.t(Text::search), "##search", &s.text, field, 0, ctx.t(Text::search_hint), FieldKind::search);
        ImGui::SameLine(0, kChipSpacing);
    } else {
        input_text(ctx, ctx.t(Text::search), "##search", &s.text, 0, ctx.t(Text::search_hint), FieldKind::search);
    }
    draw_alliance_switch(ctx);
    draw_sort(ctx, s);
    if (s.show_filters) draw_filters(ctx, s);
    run_search_if_needed(ctx, s);
    // The open filters push the results a screen or two down: one tap closes them and shows
    // the results, with their number said on the button.
    if (s.show_filters && button(ctx, ctx.f(Text::show_results, static_cast<int>(s.hits.size())).c_str(), -1)) {
        s.show_filters = false;
        ImGui::SetScrollY(0);
    }
    muted(ctx, ctx.f(Text::results_count, static_cast<int>(s.hits.size())));
    if (s.hits.empty()) return;

    const int columns = ctx.wide ? 2 : 1;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const int rows = (static_cast<int>(s.hits.size()) + columns - 1) / columns;
    ImGuiListClipper clipper;
    clipper.Begin(rows, route_card_height() + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            for (int column = 0; column < columns; ++column) {
                const std::size_t hit = static_cast<std::size_t>(row * columns + column);
                if (hit >= s.hits.size()) break;
                if (column > 0) ImGui::SameLine();
                route_card(ctx, ctx.state.catalogue.routes[s.hits[hit].route], width);
            }
        }
    }
}

}  // namespace liaoxiu::ui
