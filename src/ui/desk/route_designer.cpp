// #/desk/route/<id> (`new` for a new one): compose or edit a route. Every field of the
// model, the itinerary day by day with member units picked by search (Chinese, pinyin or
// initials) and category, each stop with its kind. The core's validate_route runs every
// frame on what is typed, and each problem is drawn under its field. Save keeps the route's
// state (a new route is a draft); publish asks the same rules first. Beside the form, the
// worker's own route screen draws the route at phone width.
#include "core/rules.hpp"
#include "ui/desk/designer.hpp"
#include "ui/desk/desk.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>  // GetItemID
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>

namespace liaoxiu::ui {

namespace {

constexpr float kPhoneWidth = 390.0f;    // the worker's phone, CSS px
constexpr float kFormMinWidth = 480.0f;  // below form + phone side by side, the preview goes under the form

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// "红色教育、生态康养" or "a, b" → the parts, trimmed, empty ones left out.
std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string part;
    auto flush = [&] {
        while (!part.empty() && part.back() == ' ') part.pop_back();
        std::size_t start = part.find_first_not_of(' ');
        if (start != std::string::npos) out.push_back(part.substr(start));
        part.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        // The separators people type: 、 ， , ；; and newlines.
        static constexpr std::string_view kSeparators[] = {"、", "，", ",", "；", ";", "\n"};
        bool separator = false;
        for (std::string_view sep : kSeparators) {
            if (text.compare(i, sep.size(), sep) == 0) {
                flush();
                i += sep.size();
                separator = true;
                break;
            }
        }
        if (!separator) part += text[i++];
    }
    flush();
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && line.find_first_not_of(' ') != std::string::npos) out.push_back(line);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

std::optional<int> parse_int(const std::string& text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}


DomainError field_problem(const char* zh, const char* en, const char* path) {
    return DomainError{"bad_value", zh, en, path, Severity::error};
}

const Alliance* find_alliance(const Context& ctx, const Id& id) {
    for (const Alliance& a : ctx.state.catalogue.alliances)
        if (a.id == id) return &a;
    return nullptr;
}

void load_form(Context& ctx, RouteForm& form, const Id& id, const Id& last_alliance) {
    form = RouteForm{};
    form.loaded = id;
    form.loaded_revision = ctx.state.revision;
    if (id == "new") {
        Route& r = form.route;
        r.status = PublishStatus::draft;
        // The alliance of the route saved last on this desk, else the catalogue's first (the
        // only one, in most cities); the picker above the title changes it.
        const Alliance* alliance = find_alliance(ctx, last_alliance);
        if (!alliance && !ctx.state.catalogue.alliances.empty()) alliance = &ctx.state.catalogue.alliances.front();
        if (alliance) {
            r.alliance = alliance->id;
            r.region = alliance->region;
        }
        r.days = 2;
        r.nights = 1;
        r.itinerary = {ItineraryDay{1, "", {}}, ItineraryDay{2, "", {}}};
    } else if (const Route* found = desk_route(ctx, id)) {
        form.route = *found;
    }
    const Route& r = form.route;
    form.themes = joined(r.themes, "、");
    form.cities = joined(r.cities, "、");
    form.days = std::to_string(r.days);
    form.nights = std::to_string(r.nights);
    form.price = yuan_field_text(r.price);
    form.subsidy = yuan_field_text(r.subsidy);
    form.highlights = joined(r.highlights, "\n");
    form.service_notes = joined(r.service_notes, "\n");
}

// The text fields into the route; what cannot be read is a problem at its field.
void read_fields(RouteForm& form) {
    Route& r = form.route;
    form.field_problems.clear();
    r.themes = split_list(form.themes);
    r.cities = split_list(form.cities);
    r.highlights = split_lines(form.highlights);
    r.service_notes = split_lines(form.service_notes);
    if (auto days = parse_int(form.days)) r.days = *days;
    else form.field_problems.push_back(field_problem("请填写整数", "enter a whole number", "days"));
    if (auto nights = parse_int(form.nights)) r.nights = *nights;
    else form.field_problems.push_back(field_problem("请填写整数", "enter a whole number", "nights"));
    if (auto price = parse_yuan(form.price)) r.price = *price;
    else form.field_problems.push_back(field_problem("请填写金额，如 1280 或 1280.50", "enter an amount, such as 1280", "price"));
    if (auto subsidy = parse_yuan(form.subsidy)) r.subsidy = *subsidy;
    else form.field_problems.push_back(field_problem("请填写金额，如 1280 或 1280.50", "enter an amount, such as 1280", "subsidy"));
    for (std::size_t d = 0; d < r.itinerary.size(); ++d) r.itinerary[d].day = static_cast<int>(d + 1);
}

bool multiline_field(Context& ctx, const char* text, const char* id, std::string* value) {
    muted(ctx, text);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool changed = ImGui::InputTextMultiline(id, value, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4.5f));
    ctx.items.on_item_info(ImGui::GetItemID(), text);
    ctx.items.mark_text_field(FieldKind::text, *value);
    ctx.glyphs.want(*value);
    return changed;
}

void draw_picker(Context& ctx, DesignerState& desk, RouteForm& form, std::size_t day) {
    const Catalogue& catalogue = ctx.state.catalogue;
    if (desk.members_version != catalogue.version || desk.members_count != catalogue.members.size()) {
        desk.members.build(catalogue.members);
        desk.members_version = catalogue.version;
        desk.members_count = catalogue.members.size();
        form.picker_key.clear();
        form.picker_recent.clear();
    }
    ImGui::Indent(12);
    label(ctx, dzf(ctx, DesignerText::pick_member_for_day, static_cast<int>(day + 1)), colors::accent);
    muted(ctx, dz(ctx, DesignerText::stop_kind));
    chip_row_start();
    for (StopKind kind : {StopKind::eat, StopKind::stay, StopKind::travel, StopKind::tour, StopKind::wellness})
        if (chip(ctx, stop_kind_name(ctx, kind), form.stop_kind == kind)) form.stop_kind = kind;
    chip_row_start();
    if (chip(ctx, dz(ctx, DesignerText::category_all), !form.member_category)) form.member_category.reset();
    for (Category c : {Category::reception, Category::experience, Category::wellness, Category::support})
        if (chip(ctx, category_name(ctx, c), form.member_category == c)) form.member_category = c;
    text_field(ctx, dz(ctx, DesignerText::search_members), "##member_query", &form.member_query, -FLT_MIN, 0,
               dz(ctx, DesignerText::search_members_hint), FieldKind::search);

    // The rows are found again only when the query changes, never per frame: from the recent
    // queries when it is one of them, else by narrowing the rows of the longest recent query it
    // extends (typing on), else over every member.
    // Only the route's own alliance's members: a route runs through its alliance's units.
    const std::string scope = "\x1f" + form.route.alliance + "\x1f" +
                              (form.member_category ? std::to_string(static_cast<int>(*form.member_category)) : "*") +
                              "\x1f" + std::to_string(catalogue.version) + "/" + std::to_string(catalogue.members.size());
    const std::string key = form.member_query + scope;
    if (key != form.picker_key) {
        constexpr std::size_t kRecent = 8;
        auto& recent = form.picker_recent;
        auto same = std::find_if(recent.begin(), recent.end(), [&](const auto& r) { return r.first == key; });
        if (same != recent.end()) {
            form.picker_rows = same->second;
        } else {
            const std::vector<std::uint32_t>* narrower = nullptr;
            std::size_t longest = 0;
            for (const auto& [k, rows] : recent) {
                if (k.size() < scope.size() || k.compare(k.size() - scope.size(), scope.size(), scope) != 0) continue;
                const std::string q = k.substr(0, k.size() - scope.size());
                if (!q.empty() && q.size() >= longest && form.member_query.starts_with(q)) {
                    narrower = &rows;
                    longest = q.size();
                }
            }
            form.picker_rows = narrower ? desk.members.find_within(form.member_query, *narrower)
                                        : desk.members.find(form.member_query, form.member_category);
            std::erase_if(form.picker_rows,
                          [&](std::uint32_t i) { return catalogue.members[i].alliance != form.route.alliance; });
            recent.insert(recent.begin(), {key, form.picker_rows});
            if (recent.size() > kRecent) recent.pop_back();
        }
        form.picker_key = key;
    }
    muted(ctx, dzf(ctx, DesignerText::members_found, static_cast<int>(form.picker_rows.size())));
    const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().FramePadding.y * 2 + ImGui::GetStyle().ItemSpacing.y;
    const float height = std::min(row * 8.5f, row * static_cast<float>(form.picker_rows.size()) + 8);
    ImGui::BeginChild("##member_rows", ImVec2(-FLT_MIN, std::max(height, row)), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(form.picker_rows.size()), row);
    std::optional<std::uint32_t> picked;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Member& m = catalogue.members[form.picker_rows[static_cast<std::size_t>(i)]];
            std::string line = m.name + "##pick" + std::to_string(i);
            ctx.glyphs.want(m.name);
            if (ImGui::Button(line.c_str())) picked = form.picker_rows[static_cast<std::size_t>(i)];
            ImGui::SameLine();
            std::string detail = std::string(category_name(ctx, m.category)) + " · " + m.city + m.county;
            if (m.status != MemberStatus::active) detail += dz(ctx, DesignerText::member_inactive);
            ctx.glyphs.want(detail);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%s", detail.c_str());
        }
    }
    ImGui::EndChild();
    if (secondary_button(ctx, dz(ctx, DesignerText::close_picker))) form.picking_day.reset();
    ImGui::Unindent(12);
    if (picked) {
        form.route.itinerary[day].stops.push_back(Stop{form.stop_kind, catalogue.members[*picked].id, ""});
        form.dirty = true;
    }
}

void draw_itinerary(Context& ctx, DesignerState& desk, RouteForm& form, const std::vector<DomainError>& problems) {
    Route& r = form.route;
    section(ctx, dz(ctx, DesignerText::itinerary));
    problems_at(ctx, problems, "itinerary");
    std::optional<std::size_t> remove_day;
    for (std::size_t d = 0; d < r.itinerary.size(); ++d) {
        ItineraryDay& day = r.itinerary[d];
        const std::string path = "itinerary[" + std::to_string(d) + "]";
        ImGui::PushID(static_cast<int>(d));
        label(ctx, dzf(ctx, DesignerText::day_heading, static_cast<int>(d + 1)), colors::accent);
        const std::string title_label = dzf(ctx, DesignerText::field_day_title, static_cast<int>(d + 1));
        if (text_field(ctx, title_label.c_str(), "##day_title", &day.title, -FLT_MIN, 0, title_label.c_str()))
            form.dirty = true;
        problems_at(ctx, problems, path + ".day");
        std::optional<std::size_t> remove_stop;
        for (std::size_t s = 0; s < day.stops.size(); ++s) {
            Stop& stop = day.stops[s];
            ImGui::PushID(static_cast<int>(s));
            const Member* member = ctx.view.member(stop.member);
            std::string line = std::string("【") + stop_kind_name(ctx, stop.kind) + "】" +
                               (member ? member->name : stop.member.str());
            if (member) line += std::string(" · ") + category_name(ctx, member->category);
            ImGui::Indent(12);
            label(ctx, line);
            int kind = static_cast<int>(stop.kind);
            const char* kinds[] = {stop_kind_name(ctx, StopKind::eat), stop_kind_name(ctx, StopKind::stay),
                                   stop_kind_name(ctx, StopKind::travel), stop_kind_name(ctx, StopKind::tour),
                                   stop_kind_name(ctx, StopKind::wellness)};
            ImGui::SetNextItemWidth(120);
            if (ImGui::Combo("##kind", &kind, kinds, 5)) {
                stop.kind = static_cast<StopKind>(kind);
                form.dirty = true;
            }
            ctx.items.on_item_info(ImGui::GetItemID(), dz(ctx, DesignerText::stop_kind));
            ImGui::SameLine();
            if (text_field(ctx, dz(ctx, DesignerText::field_stop_note), "##note", &stop.note, 260, 0,
                           dz(ctx, DesignerText::field_stop_note)))
                form.dirty = true;
            ImGui::SameLine();
            if (secondary_button(ctx, dz(ctx, DesignerText::remove_stop))) remove_stop = s;
            problems_at(ctx, problems, path + ".stops[" + std::to_string(s) + "].member");
            ImGui::Unindent(12);
            ImGui::PopID();
        }
        if (remove_stop) {
            day.stops.erase(day.stops.begin() + static_cast<std::ptrdiff_t>(*remove_stop));
            form.dirty = true;
        }
        if (secondary_button(ctx, dz(ctx, DesignerText::add_stop))) form.picking_day = d;
        if (r.itinerary.size() > 1) {
            ImGui::SameLine();
            if (secondary_button(ctx, dz(ctx, DesignerText::remove_day))) remove_day = d;
        }
        if (form.picking_day == d) draw_picker(ctx, desk, form, d);
        ImGui::PopID();
    }
    if (remove_day) {
        r.itinerary.erase(r.itinerary.begin() + static_cast<std::ptrdiff_t>(*remove_day));
        form.picking_day.reset();
        form.dirty = true;
    }
    if (secondary_button(ctx, dz(ctx, DesignerText::add_day))) {
        r.itinerary.push_back(ItineraryDay{static_cast<int>(r.itinerary.size() + 1), "", {}});
        form.dirty = true;
    }
}

void draw_fields(Context& ctx, DesignerState& desk, RouteForm& form, const std::vector<DomainError>& problems) {
    Route& r = form.route;
    auto text = [&](DesignerText what, const char* id, std::string* value, const char* path) {
        if (input_text(ctx, dz(ctx, what), id, value)) form.dirty = true;
        if (path) problems_at(ctx, problems, path);
    };
    // 所属联盟 (the member form's word): one chip per alliance of the catalogue. The region
    // follows the alliance unless it was typed otherwise.
    muted(ctx, dt(ctx, DeskText::field_alliance));
    chip_row_start();
    for (const Alliance& a : ctx.state.catalogue.alliances) {
        if (!chip(ctx, a.name.c_str(), r.alliance == a.id) || r.alliance == a.id) continue;
        const Alliance* before = find_alliance(ctx, r.alliance);
        if (r.region.empty() || (before && r.region == before->region)) r.region = a.region;
        r.alliance = a.id;
        form.dirty = true;
    }
    problems_at(ctx, problems, "alliance");
    text(DesignerText::field_title, "##title", &r.title, "title");
    text(DesignerText::field_summary, "##summary", &r.summary, nullptr);
    text(DesignerText::field_region, "##region", &r.region, nullptr);
    text(DesignerText::field_themes, "##themes", &form.themes, "themes");
    muted(ctx, dz(ctx, DesignerText::field_seasons));
    chip_row_start();
    for (Season season : {Season::spring, Season::summer, Season::autumn, Season::winter}) {
        const bool on = std::find(r.seasons.begin(), r.seasons.end(), season) != r.seasons.end();
        if (chip(ctx, season_name(ctx, season), on)) {
            if (on) std::erase(r.seasons, season);
            else r.seasons.push_back(season);
            std::sort(r.seasons.begin(), r.seasons.end());
            form.dirty = true;
        }
    }
    text(DesignerText::field_cities, "##cities", &form.cities, "cities");
    if (input_number(ctx, dz(ctx, DesignerText::field_days), "##days", &form.days)) form.dirty = true;
    problems_at(ctx, problems, "days");
    if (input_number(ctx, dz(ctx, DesignerText::field_nights), "##nights", &form.nights)) form.dirty = true;
    problems_at(ctx, problems, "nights");
    if (input_number(ctx, dz(ctx, DesignerText::field_price), "##price", &form.price, FieldKind::decimal)) form.dirty = true;
    problems_at(ctx, problems, "price");
    if (input_number(ctx, dz(ctx, DesignerText::field_subsidy), "##subsidy", &form.subsidy, FieldKind::decimal)) form.dirty = true;
    problems_at(ctx, problems, "subsidy");
    if (multiline_field(ctx, dz(ctx, DesignerText::field_highlights), "##highlights", &form.highlights)) form.dirty = true;
    if (multiline_field(ctx, dz(ctx, DesignerText::field_service_notes), "##service_notes", &form.service_notes))
        form.dirty = true;
    draw_itinerary(ctx, desk, form, problems);
}

void draw_actions(Context& ctx, RouteForm& form, const std::vector<DomainError>& problems) {
    Route& r = form.route;
    const bool is_new = form.loaded == "new";
    const int errors = static_cast<int>(std::count_if(problems.begin(), problems.end(), [](const DomainError& p) {
        return p.severity == Severity::error;
    }));
    // Above the form, always in reach: the state, what is left to do, and the actions.
    std::string state = dzf(ctx, DesignerText::state_line, publish_status_name(ctx, r.status)) + "  ·  " +
                        (errors > 0 ? dzf(ctx, DesignerText::problems_summary, errors)
                                    : std::string(dz(ctx, DesignerText::rules_met)));
    label(ctx, state, errors > 0 ? colors::accent : colors::text);
    if (form.tried_publish && errors > 0) label(ctx, dz(ctx, DesignerText::fix_first), colors::accent);

    auto save = [&] {
        designer_state(ctx).last_alliance = r.alliance;
        if (is_new) {
            r.id = new_desk_id(ctx, "r-");
            form.loaded = r.id;  // the form keeps what was typed; the page moves to the route's own place
            ctx.nav.go_in_place({Screen::desk_route, r.id});
        }
        ctx.desk_intents->save_route(r);
        form.dirty = false;
    };
    const bool published = r.status == PublishStatus::published;
    if (button(ctx, dz(ctx, published ? DesignerText::save_changes : DesignerText::save_draft))) save();
    ImGui::SameLine();
    if (!published) {
        if (button(ctx, dz(ctx, DesignerText::publish))) {
            form.tried_publish = true;
            if (errors == 0) {
                if (is_new || form.dirty) save();
                ctx.desk_intents->publish_route(r.id);
                form.tried_publish = false;
            }
        }
    } else if (secondary_button(ctx, dz(ctx, DesignerText::unpublish))) {
        ctx.desk_intents->unpublish_route(r.id);
    }
    // A draft the endpoint holds may be deleted, in two steps (删除草稿, then 确认删除); a
    // published route is unpublished first. The endpoint may still refuse (a group trip or a
    // policy uses it): its notice says so, and the draft stays in the list.
    const bool stored_draft = !is_new && !published &&
                              std::any_of(ctx.state.draft_routes.begin(), ctx.state.draft_routes.end(),
                                          [&](const Route& d) { return d.id == r.id; });
    if (!stored_draft) form.confirm_delete = false;
    if (stored_draft && !form.confirm_delete) {
        ImGui::SameLine();
        if (secondary_button(ctx, dz(ctx, DesignerText::delete_draft))) form.confirm_delete = true;
    }
    if (form.confirm_delete) {
        label(ctx, dz(ctx, DesignerText::delete_explain), colors::accent);
        if (button(ctx, dz(ctx, DesignerText::confirm_delete))) {
            ctx.desk_intents->delete_route(r.id);
            form.confirm_delete = false;
            ctx.nav.go({Screen::desk_routes, {}});
        }
        ImGui::SameLine();
        if (secondary_button(ctx, dt(ctx, DeskText::cancel))) form.confirm_delete = false;
    }
    ImGui::Separator();
}

void draw_route_preview(Context& ctx, const void* route) { draw_route(ctx, *static_cast<const Route*>(route)); }

}  // namespace

void draw_desk_route(Context& ctx) {
    DesignerState& desk = designer_state(ctx);
    RouteForm& form = desk.route;
    const Id& id = ctx.nav.current().id;
    ask_for_drafts(ctx);
    if (form.loaded != id) load_form(ctx, form, id, desk.last_alliance);
    // A route not known when the page opened (drafts still loading) is taken once it arrives.
    if (id != "new" && form.route.id.empty()) {
        if (desk_route(ctx, id)) {
            load_form(ctx, form, id, desk.last_alliance);
        } else {
            heading(ctx, dz(ctx, DesignerText::route_unknown));
            muted(ctx, id);
            return;
        }
    }
    // Saved, published or unpublished elsewhere: the state follows, the edits stay.
    if (const Route* stored = id == "new" ? nullptr : desk_route(ctx, id)) form.route.status = stored->status;

    read_fields(form);
    std::vector<DomainError> problems = form.field_problems;
    for (DomainError& p : validate_route(form.route, ctx.state.catalogue))
        if (p.code != "missing_id") problems.push_back(std::move(p));  // a new route gets its id when saved

    heading(ctx, form.loaded == "new" ? dz(ctx, DesignerText::compose_route) : dz(ctx, DesignerText::edit_route));
    draw_actions(ctx, form, problems);
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail >= kPhoneWidth + kFormMinWidth;
    const float height = ImGui::GetContentRegionAvail().y;
    if (side_by_side) {
        ImGui::BeginChild("##route_form", ImVec2(avail - kPhoneWidth - ImGui::GetStyle().ItemSpacing.x, height), false);
    }
    draw_fields(ctx, desk, form, problems);
    if (side_by_side) {
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginGroup();
        muted(ctx, dz(ctx, DesignerText::preview));
        phone_preview(ctx, "##route_preview", kPhoneWidth, height - ImGui::GetTextLineHeightWithSpacing(),
                      draw_route_preview, &form.route);
        ImGui::EndGroup();
    } else {
        section(ctx, dz(ctx, DesignerText::preview));
        phone_preview(ctx, "##route_preview", std::min(kPhoneWidth, avail), 700, draw_route_preview, &form.route);
    }
}

}  // namespace liaoxiu::ui
