// The desk at scale: the 10k catalogue (10,000 routes, 5,000 members, 20,000 groups) in the
// headless UI driver at 1366×768, signed in as the secretariat. For each thing a secretariat
// does at the desk it prints the frame's CPU time (this thread's, so other processes on the
// machine do not inflate it) at p50, p95 and the worst frame, with the wall-clock p95 beside:
//   the member table idle, scrolling, typing a search (pinyin, initials, Chinese) one key per
//     frame and deleting it again, re-sorting by a column, filtering by a category;
//   the groups overview scrolling, and typing a route filter;
//   the route designer's member picker typing and deleting searches, and filtering by category.
// A frame is the driver's whole frame: glyph atlas upkeep, NewFrame, the Ui's draw, Render (no
// GPU): the CPU a browser frame spends in the app. The rows each search finds are printed, so a
// search that silently went nowhere shows. The budget is 2 ms p95 for the member table
// and the designer's picker. Printed, not asserted:
//   build/native/tests/ui/bench_desk
#include "core/generate.hpp"
#include "core/group_trip.hpp"
#include "ui_driver.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

using namespace liaoxiu;

namespace {

double thread_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

struct Frames {
    std::vector<double> cpu, wall;
};

void timed_frame(testing::UiDriver& ui, Frames& into) {
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = thread_ms();
    ui.frame();
    into.cpu.push_back(thread_ms() - cpu);
    into.wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count());
}

void report(const char* what, const Frames& f) {
    std::printf("%-46s frames %4zu   CPU p50 %6.3f  p95 %6.3f  max %6.3f ms   (wall p95 %6.3f ms)\n", what, f.cpu.size(),
                percentile(f.cpu, 50), percentile(f.cpu, 95),
                f.cpu.empty() ? 0.0 : *std::max_element(f.cpu.begin(), f.cpu.end()), percentile(f.wall, 95));
}

void scroll(testing::UiDriver& ui, float x, float y, int frames, Frames& into) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < frames; ++i) {
        io.MousePos = ImVec2(x, y);
        io.MouseWheel = i < frames / 2 ? -3.0f : 3.0f;  // down, then back up
        timed_frame(ui, into);
    }
}

// The label of the last frame's first item that starts with `prefix` (a count line), or "?".
std::string shown_line(const testing::UiDriver& ui, const std::string& prefix) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.label.starts_with(prefix)) return item.label;
    return "?";
}

// Types `query` into the focused field one character (a UTF-8 sequence) per frame, notes what
// the page says it found, then deletes it with one backspace per frame (each held for a frame).
void type_and_delete(testing::UiDriver& ui, const std::string& query, Frames& into, const std::string& count_prefix,
                     bool print) {
    ImGuiIO& io = ImGui::GetIO();
    for (std::size_t i = 0; i < query.size();) {
        std::size_t length = 1;
        while (i + length < query.size() && (static_cast<unsigned char>(query[i + length]) & 0xC0) == 0x80) ++length;
        io.AddInputCharactersUTF8(query.substr(i, length).c_str());
        i += length;
        timed_frame(ui, into);
    }
    if (print) std::printf("    \"%s\": %s\n", query.c_str(), shown_line(ui, count_prefix).c_str());
    constexpr int kBackspace = 8;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    std::size_t codepoints = 0;
    for (unsigned char c : query) codepoints += (c & 0xC0) != 0x80;
    for (std::size_t i = 0; i < codepoints; ++i) {
        io.KeysDown[kBackspace] = true;
        timed_frame(ui, into);
        io.KeysDown[kBackspace] = false;
        timed_frame(ui, into);
    }
}

bool click(testing::UiDriver& ui, const char* label) {
    if (ui.click(label)) return true;
    std::fprintf(stderr, "bench_desk: nothing labelled \"%s\" to click\n", label);
    return false;
}

const std::vector<std::string> kQueries = {"jiudian", "qzgj", "温泉", "wenquan kangyang", "衢州", "jls"};

}  // namespace

int main() {
    testing::UiDriver ui(1366, 768);
    const auto start = std::chrono::steady_clock::now();
    ui.state.catalogue = generate_catalogue(ScaleSpec{10000, 5000, 20000}, 1);
    const double made_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ui.state.groups.clear();
    for (const GroupTrip& trip : ui.state.catalogue.groups) ui.state.groups.push_back({&trip, count_places(trip)});
    ui.state.session = testing::make_session("admin", "秘书处", Role::secretariat, "");
    ui.state.drafts_loaded = true;
    ui.touch();
    ui.ui.open_location("#/desk/members");
    Frames first;
    timed_frame(ui, first);
    ui.frames(4);  // glyphs of what is on screen
    std::printf("catalogue: %zu routes, %zu members, %zu groups (made in %.0f ms); first desk frame %.1f ms CPU\n",
                ui.state.catalogue.routes.size(), ui.state.catalogue.members.size(), ui.state.catalogue.groups.size(),
                made_ms, first.cpu.front());

    // ---- the member table ----
    Frames idle;
    for (int i = 0; i < 60; ++i) timed_frame(ui, idle);
    report("member table, idle", idle);

    Frames scrolling;
    scroll(ui, 700, 500, 240, scrolling);
    report("member table, scrolling (5,000 rows)", scrolling);

    if (!click(ui, "搜索成员单位")) return 1;
    ui.frames(2);
    // The first round meets every query for the first time (and every glyph of its rows); the
    // next two are a person searching again.
    Frames searching, first_round;
    for (int round = 0; round < 3; ++round)
        for (const std::string& query : kQueries) type_and_delete(ui, query, round == 0 ? first_round : searching, "共 ", round == 0);
    report("member table, typing and deleting, first round", first_round);
    report("member table, typing and deleting, again", searching);
    Frames all_typing = first_round;
    all_typing.cpu.insert(all_typing.cpu.end(), searching.cpu.begin(), searching.cpu.end());
    all_typing.wall.insert(all_typing.wall.end(), searching.wall.begin(), searching.wall.end());
    report("member table, typing and deleting, all", all_typing);

    // A click on a column header or a filter chip: the frame that sorts or filters, and the next.
    Frames clicks;
    for (const char* label : {"城市/区县", "准入日期", "所在线路", "名称", "康养服务类", "全部"}) {
        if (!click(ui, label)) return 1;  // hover, press, release: three frames, untimed
        timed_frame(ui, clicks);
        timed_frame(ui, clicks);
    }
    // The click's own frames were untimed above: time a sort from scratch too (header twice: descending, ascending).
    Frames sorting;
    for (int i = 0; i < 4; ++i) {
        const ui::ItemRecord* header = ui.find_item("城市/区县");
        if (!header) return 1;
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2((header->min.x + header->max.x) / 2, (header->min.y + header->max.y) / 2);
        timed_frame(ui, sorting);
        io.MouseDown[0] = true;
        timed_frame(ui, sorting);
        io.MouseDown[0] = false;
        timed_frame(ui, sorting);
        timed_frame(ui, sorting);
    }
    report("member table, sorting by a column (4 clicks)", sorting);

    // ---- the groups overview ----
    ui.ui.open_location("#/desk/groups");
    ui.frames(4);
    Frames groups;
    scroll(ui, 700, 500, 240, groups);
    report("groups overview, scrolling (20,000 rows)", groups);
    if (!click(ui, "线路")) return 1;
    ui.frames(2);
    Frames group_filter;
    for (int round = 0; round < 2; ++round)
        for (const std::string& query : {std::string("温泉"), std::string("康养"), std::string("0001")})
            type_and_delete(ui, query, group_filter, "共 ", round == 0);
    report("groups overview, typing a route filter", group_filter);

    // ---- the route designer's member picker ----
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    // The itinerary is below the fold: scroll the form to it (a button out of view has no label to click by).
    for (int step = 0; step < 120; ++step) {
        if (const ui::ItemRecord* item = ui.find_item("＋ 添加站点"); item && item->visible) break;
        ImGui::GetIO().MousePos = ImVec2(300, 450);
        ImGui::GetIO().MouseWheel = -1.0f;
        ui.frame();
    }
    if (!click(ui, "＋ 添加站点") || !click(ui, "搜索成员单位")) return 1;
    ui.frames(3);
    Frames picker_idle, picker_first, picker_again;
    for (int i = 0; i < 60; ++i) timed_frame(ui, picker_idle);
    report("designer picker, open, idle", picker_idle);
    for (int round = 0; round < 3; ++round)
        for (const std::string& query : kQueries)
            type_and_delete(ui, query, round == 0 ? picker_first : picker_again, "找到 ", round == 0);
    report("designer picker, typing and deleting, first round", picker_first);
    report("designer picker, typing and deleting, again", picker_again);
    Frames picker_category;
    for (const char* label : {"康养服务", "核心接待", "全部类别"}) {
        if (!click(ui, label)) return 1;
        timed_frame(ui, picker_category);
        timed_frame(ui, picker_category);
    }
    if (!click(ui, "搜索成员单位")) return 1;
    ui.frames(2);
    if (!click(ui, "资源体验")) return 1;
    if (!click(ui, "搜索成员单位")) return 1;
    for (const std::string& query : kQueries) type_and_delete(ui, query, picker_category, "找到 ", false);
    report("designer picker, category filter and typing", picker_category);
    return 0;
}
