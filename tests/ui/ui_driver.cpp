#include "ui_driver.hpp"

#include "ui/desk/desk.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "ui/style.hpp"

#include <imgui.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace liaoxiu::testing {

namespace {

constexpr int kMaxScrollSteps = 60;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

float visible_height(const ui::ItemRecord& item) {
    return std::min(item.max.y, item.clip_max.y) - std::max(item.min.y, item.clip_min.y);
}

}  // namespace

Id RecordingIntents::open_group(const GroupDraft& draft) {
    calls.push_back("open_group " + draft.route + " " + std::to_string(draft.min_size) + " " + std::to_string(draft.max_size));
    drafts.push_back(draft);
    return "g-opened-" + std::to_string(drafts.size());  // as the engine does: an id made once
}

bool FakeServices::share(const std::string&, const std::string& url) {
    if (can_share) {
        shared.push_back(url);
        return true;
    }
    copy_text(url);
    return false;
}

sync::Session make_session(const Id& account, const std::string& name, sync::Role role, const Id& unit) {
    sync::Session session;
    session.account = account;
    session.id = account;
    session.login = account;
    session.display_name = name;
    session.role = role;
    session.unit = unit;
    return session;
}

sync::PendingAction make_pending(sync::PendingAction::Kind kind, const Id& group, int attempts) {
    sync::PendingAction action;
    action.idempotency_key = "k-" + group;
    action.kind = kind;
    action.group = group;
    action.attempts = attempts;
    return action;
}

Instant demo_now() { return china_midnight(day_from_civil(2026, 12, 1)) + 8 * 3600; }

sync::ClientState demo_state() {
    Result<Catalogue> parsed = parse_catalogue(read_file(LIAOXIU_SOURCE_DIR "/assets/demo/catalogue.json"));
    if (!parsed) throw std::runtime_error("demo catalogue: " + parsed.error().message_en);
    sync::ClientState state;
    state.catalogue = std::move(parsed).value();
    for (const GroupTrip& trip : state.catalogue.groups) state.groups.push_back({&trip, count_places(trip)});
    state.connection = sync::Connection::online;
    state.synced_at = demo_now();
    state.revision = 1;
    return state;
}

ImGuiContextOwner::ImGuiContextOwner() : context(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
}

ImGuiContextOwner::~ImGuiContextOwner() { ImGui::DestroyContext(context); }

void RecordingIntents::submit_review(const Id& group, const Id& member, const ReviewScores& scores, const std::string& comment) {
    calls.push_back("submit_review " + group + " " + member + " " + std::to_string(scores.stars[0]) + " " +
                    std::to_string(scores.stars[1]) + " " + std::to_string(scores.stars[2]) + " " + comment);
    review_scores_sent.push_back(scores);
}

void RecordingIntents::load_review_scores(std::optional<Day> from, std::optional<Day> to) {
    calls.push_back("load_review_scores" + (from ? " " + format_day(*from) : std::string()) + (to ? " " + format_day(*to) : std::string()));
}

void RecordingIntents::set_standing(const Id& member, MemberStanding standing, const std::string& note, std::optional<Day> follow_up) {
    calls.push_back("set_standing " + member + " " + std::string(standing_name(standing)) + " " + note +
                    (follow_up ? " " + format_day(*follow_up) : std::string()));
}

void RecordingIntents::admit_member(const Member& member) {
    calls.push_back("admit_member " + member.id);
    members.push_back(member);
}

void RecordingIntents::update_member(const Member& member) {
    calls.push_back("update_member " + member.id);
    members.push_back(member);
}

void RecordingIntents::change_member_status(const Id& member, MemberStatus status, const std::string& reason) {
    const char* to = status == MemberStatus::active ? "active" : status == MemberStatus::suspended ? "suspended" : "exited";
    calls.push_back("change_member_status " + member + " " + to + (reason.empty() ? "" : " " + reason));
}

UiDriver::UiDriver(float width, float height, bool desk)
    : state(demo_state()),
      rasterizer(platform::TrueTypeGlyphRasterizer::system_faces()),
      glyphs(rasterizer, 17.0f, 1.0f),
      ui(glyphs, items, services) {
    if (!rasterizer.ok()) throw std::runtime_error("no CJK font found: install fonts-wqy-microhei and fonts-noto-cjk");
    services.clock = demo_now();
    if (desk) ui.set_desk_pages(ui::desk::pages(), intents);
    ImGui::GetIO().DisplaySize = ImVec2(width, height);
    items.attach(imgui.context);
    ui::apply_style();
    frames(2);  // the first frame queues the catalogue's characters; the second draws them
}

void UiDriver::frame() {
    glyphs.rebuild_if_needed(*ImGui::GetIO().Fonts);
    ImGui::NewFrame();
    ui.draw(state, intents);
    ImGui::Render();
    items.publish_frame();
    missing_glyphs_ = glyphs.count_missing_glyphs(ImGui::GetDrawData());
    // Wheel movement is an event of one frame.
    ImGui::GetIO().MouseWheel = 0;
}

void UiDriver::frames(int count) {
    for (int i = 0; i < count; ++i) frame();
}

const ui::ItemRecord* UiDriver::find_item(const std::string& label) const {
    const ui::ItemRecord* found = nullptr;
    for (const ui::ItemRecord& item : items.last_frame()) {
        if (item.id == 0 || item.label != label) continue;
        if (item.visible) return &item;
        if (!found) found = &item;
    }
    return found;
}

bool UiDriver::click(const std::string& label) {
    ImGuiIO& io = ImGui::GetIO();
    const ui::ItemRecord* item = find_item(label);
    // Scroll until enough of the item is inside its window to be hit.
    for (int step = 0; item && step < kMaxScrollSteps; ++step) {
        const float wanted = std::min(item->max.y - item->min.y, 20.0f);
        if (visible_height(*item) >= wanted) break;
        io.MousePos = ImVec2((item->clip_min.x + item->clip_max.x) / 2, (item->clip_min.y + item->clip_max.y) / 2);
        io.MouseWheel = item->min.y < item->clip_min.y ? 1.0f : -1.0f;
        frame();
        item = find_item(label);
    }
    if (!item) {
        // Say what was there instead: the failure message alone would not.
        std::cerr << "click: no item labelled \"" << label << "\" at " << ui.location() << "; items:";
        for (const ui::ItemRecord& other : items.last_frame())
            if (other.id != 0) std::cerr << " [" << other.label << (other.visible ? "" : " (hidden)") << "]";
        std::cerr << "\n";
        return false;
    }
    const float top = std::max(item->min.y, item->clip_min.y), bottom = std::min(item->max.y, item->clip_max.y);
    io.MousePos = ImVec2((item->min.x + item->max.x) / 2, (top + bottom) / 2);
    frame();  // hover first, as a real pointer would
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();  // the screen a click leads to is drawn
    return true;
}

void UiDriver::type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frames(2);  // one frame to take the characters, one to show the new results with their glyphs
}

void UiDriver::press_backspace() {
    ImGuiIO& io = ImGui::GetIO();
    constexpr int kBackspaceIndex = 8;  // any free slot of KeysDown: the driver has no platform key map
    io.KeyMap[ImGuiKey_Backspace] = kBackspaceIndex;
    io.KeysDown[kBackspaceIndex] = true;
    frame();
    io.KeysDown[kBackspaceIndex] = false;
    frames(2);
}

bool UiDriver::scroll_down_to(const std::string& label) {
    ImGuiIO& io = ImGui::GetIO();
    for (int step = 0; step < kMaxScrollSteps; ++step) {
        const ui::ItemRecord* item = find_item(label);
        if (item && item->visible && item->max.y <= item->clip_max.y) return true;
        io.MousePos = ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2);
        io.MouseWheel = -1.0f;
        frame();
    }
    return false;
}

bool UiDriver::shows(const std::string& text) const { return count_shown(text) > 0; }

int UiDriver::count_shown(const std::string& text) const {
    int count = 0;
    for (const ui::ItemRecord& item : items.last_frame())
        if (item.label.find(text) != std::string::npos) ++count;
    return count;
}

std::vector<std::string> UiDriver::route_cards() const {
    std::vector<std::string> titles;
    for (const ui::ItemRecord& item : items.last_frame()) {
        if (item.id == 0 || !item.visible) continue;
        for (const Route& r : state.catalogue.routes)
            if (r.title == item.label) {
                titles.push_back(item.label);
                break;
            }
    }
    return titles;
}

}  // namespace liaoxiu::testing
