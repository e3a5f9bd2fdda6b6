// What the designer's pages share: their words, their state, the member picker's search,
// the list of every route (published and drafts), problems shown at their fields, and
// the phone-width preview that draws the worker's own screens.
#include "ui/desk/designer.hpp"

#include "core/pinyin.hpp"
#include "core/search.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <array>
#include <functional>

namespace liaoxiu::ui {

namespace {

struct Entry {
    const char* zh;
    const char* en;
};

constexpr Entry kTexts[] = {
#define LIAOXIU_DESIGNER_TEXT_ENTRY(name, zh, en) {zh, en},
    LIAOXIU_DESIGNER_TEXTS(LIAOXIU_DESIGNER_TEXT_ENTRY)
#undef LIAOXIU_DESIGNER_TEXT_ENTRY
};
static_assert(std::size(kTexts) == static_cast<std::size_t>(DesignerText::count_), "one entry per DesignerText");

#define LIAOXIU_DESIGNER_FORMATS_AGREE(name, zh, en) \
    static_assert(same_printf_conversions(zh, en), "zh and en of DesignerText::" #name " take different printf arguments");
LIAOXIU_DESIGNER_TEXTS(LIAOXIU_DESIGNER_FORMATS_AGREE)
#undef LIAOXIU_DESIGNER_FORMATS_AGREE

}  // namespace

const char* designer_text(DesignerText id, Language language) {
    const Entry& entry = kTexts[static_cast<int>(id)];
    return language == Language::zh ? entry.zh : entry.en;
}

DesignerState& designer_state(Context& ctx) {
    if (!ctx.screens.designer) ctx.screens.designer = std::make_shared<DesignerState>();
    return *ctx.screens.designer;
}

// ---- the member picker's search ----------------------------------------------------------

void MemberPickerIndex::build(const std::vector<Member>& members) {
    search_ = MemberSearch(members);
    categories_.clear();
    categories_.reserve(members.size());
    std::vector<std::string> pinyin;  // each name's, for the order only
    pinyin.reserve(members.size());
    for (const Member& m : members) {
        categories_.push_back(m.category);
        pinyin.push_back(to_pinyin(m.name));
    }
    order_.resize(members.size());
    for (std::uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    auto active = [&](std::uint32_t i) { return members[i].status == MemberStatus::active; };
    std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (active(a) != active(b)) return active(a);
        if (pinyin[a] != pinyin[b]) return pinyin[a] < pinyin[b];
        return members[a].name < members[b].name;
    });
}

std::vector<std::uint32_t> MemberPickerIndex::find(std::string_view query, std::optional<Category> category) const {
    // The matches come in member order: one pass over the picker's order keeps theirs.
    std::vector<bool> hit(search_.size(), query_terms(query).empty());
    if (!hit.empty() && !hit.front())
        for (std::uint32_t i : search_.search(query)) hit[i] = true;
    std::vector<std::uint32_t> out;
    for (std::uint32_t i : order_)
        if (hit[i] && (!category || categories_[i] == *category)) out.push_back(i);
    return out;
}

std::vector<std::uint32_t> MemberPickerIndex::find_within(std::string_view query,
                                                          const std::vector<std::uint32_t>& candidates) const {
    return search_.search_within(query, candidates);
}

// ---- shared --------------------------------------------------------------------------------

std::vector<const Route*> desk_routes(const Context& ctx) {
    std::vector<const Route*> routes;
    routes.reserve(ctx.state.catalogue.routes.size() + ctx.state.draft_routes.size());
    for (const Route& r : ctx.state.draft_routes) routes.push_back(&r);
    for (const Route& r : ctx.state.catalogue.routes) {
        // A route unpublished on this device sits among the drafts until the catalogue drops it.
        const bool also_draft = std::any_of(ctx.state.draft_routes.begin(), ctx.state.draft_routes.end(),
                                            [&](const Route& d) { return d.id == r.id; });
        if (!also_draft) routes.push_back(&r);
    }
    return routes;
}

const Route* desk_route(const Context& ctx, const Id& id) {
    for (const Route& r : ctx.state.draft_routes)
        if (r.id == id) return &r;
    return ctx.view.route(id);
}

const Policy* desk_policy(const Context& ctx, const Id& id) {
    for (const Policy& p : ctx.state.draft_policies)
        if (p.id == id) return &p;
    return ctx.view.policy(id);
}

const char* publish_status_name(const Context& ctx, PublishStatus status) {
    return status == PublishStatus::draft ? dz(ctx, DesignerText::status_draft)
                                          : dz(ctx, DesignerText::status_published);
}

void ask_for_drafts(Context& ctx) {
    DesignerState& state = designer_state(ctx);
    if (!is_secretariat(ctx) || ctx.state.drafts_loaded) return;
    // Asked again after a while when no answer came (offline, or the session was still being confirmed).
    const Instant now = ctx.services.now();
    if (state.list.asked_drafts && now - state.list.asked_at < 10) return;
    state.list.asked_drafts = true;
    state.list.asked_at = now;
    ctx.desk_intents->load_drafts();
}

void problems_at(Context& ctx, const std::vector<DomainError>& problems, std::string_view path) {
    for (const DomainError& p : problems) {
        if (p.path != path) continue;
        const std::string& text = ctx.language == Language::zh ? p.message_zh : p.message_en;
        label(ctx, "! " + text, p.severity == Severity::warning ? colors::muted : colors::accent);
    }
}

Id new_desk_id(Context& ctx, const char* prefix) {
    DesignerState& state = designer_state(ctx);
    // The clock and a counter: two ids made on this desk never meet, and the endpoint refuses
    // a repeat of another desk's (duplicate_id) rather than overwrite it.
    const std::uint64_t mixed = std::hash<std::string>{}(std::to_string(ctx.services.now()) + "/" +
                                                         std::to_string(++state.id_counter));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%012llx", static_cast<unsigned long long>(mixed & 0xffffffffffffULL));
    return std::string(prefix) + buffer;
}

void phone_preview(Context& ctx, const char* id, float width, float height, void (*draw)(Context&, const void*),
                   const void* what) {
    ImGui::BeginChild(id, ImVec2(width, height), true);
    draw(ctx, what);
    ImGui::EndChild();
}

}  // namespace liaoxiu::ui
