// The route designer's member picker on the 10k catalogue (5,000 members), headless: the
// frame's CPU time (this thread's) while a secretariat searches members by pinyin, by
// Chinese and by initials, deletes and types again, and filters by category. Prints p50,
// p95 and the worst frame; asserts nothing (figures for the 2 ms budget).
//   build/native/tests/ui/bench_designer
#include "core/generate.hpp"
#include "core/group_trip.hpp"
#include "ui_driver.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace liaoxiu;

namespace {

double thread_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Frames {
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    double at(double q) {
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
    }
};

}  // namespace

int main() {
    testing::UiDriver ui(1366, 768);
    ui.state.catalogue = generate_catalogue(ScaleSpec{10000, 5000, 20000}, 1);
    ui.state.groups.clear();
    for (const GroupTrip& trip : ui.state.catalogue.groups) ui.state.groups.push_back({&trip, count_places(trip)});
    ui.state.session = testing::make_session("admin", "秘书处", sync::Role::secretariat, "");
    ui.state.drafts_loaded = true;
    ui.touch();
    ui.frames(3);
    ui.ui.open_location("#/desk/route/new");
    ui.frames(3);
    // The itinerary is below the fold: scroll the form to it (a button out of view has no label to click by).
    for (int step = 0; step < 120; ++step) {
        if (const ui::ItemRecord* item = ui.find_item("＋ 添加站点"); item && item->visible) break;
        ImGui::GetIO().MousePos = ImVec2(300, 450);
        ImGui::GetIO().MouseWheel = -1.0f;
        ui.frame();
    }
    if (!ui.click("＋ 添加站点") || !ui.click("搜索成员单位")) {
        std::fprintf(stderr, "the member picker did not open\n");
        return 1;
    }
    // Warm the glyph atlas with what the searches will show, as a person's first minute would.
    ui.frames(30);

    Frames typing, idle, first_round;  // the first round meets no query it has seen (no recent rows to reuse)
    auto measured = [&](Frames& into, auto&& act) {
        const double start = thread_ms();
        act();
        into.add(thread_ms() - start);
    };
    auto type = [&](const char* text) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        measured(typing, [&] { ui.frame(); });
    };
    auto backspace = [&] {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyMap[ImGuiKey_Backspace] = 8;
        io.KeysDown[8] = true;
        measured(typing, [&] { ui.frame(); });
        io.KeysDown[8] = false;
        measured(typing, [&] { ui.frame(); });
    };
    std::size_t first_round_end = 0;
    for (int round = 0; round < 5; ++round) {
        for (const char* c : {"j", "i", "a", "n", "g", "l", "a", "n", "g"}) type(c);
        for (int i = 0; i < 9; ++i) backspace();
        for (const char* c : {"温", "泉"}) type(c);
        for (int i = 0; i < 2; ++i) backspace();
        for (const char* c : {"j", "l", "s"}) type(c);
        for (int i = 0; i < 3; ++i) backspace();
        if (round == 0) first_round_end = typing.ms.size();
        for (int i = 0; i < 20; ++i) measured(idle, [&] { ui.frame(); });  // the picker open, nothing typed
    }
    first_round.ms.assign(typing.ms.begin(), typing.ms.begin() + static_cast<std::ptrdiff_t>(first_round_end));
    std::printf("Route designer member picker, 10k catalogue (%zu members), 1366x768, headless (no GPU)\n",
                ui.state.catalogue.members.size());
    std::printf("  frames while searching: %zu  p50 %.3f ms  p95 %.3f ms  max %.3f ms (thread CPU)\n",
                typing.ms.size(), typing.at(0.5), typing.at(0.95), typing.at(1.0));
    std::printf("  of which the first round (no query seen before): %zu  p50 %.3f ms  p95 %.3f ms  max %.3f ms\n",
                first_round.ms.size(), first_round.at(0.5), first_round.at(0.95), first_round.at(1.0));
    std::printf("  frames with the picker open, idle: %zu  p50 %.3f ms  p95 %.3f ms  max %.3f ms\n", idle.ms.size(),
                idle.at(0.5), idle.at(0.95), idle.at(1.0));
    return 0;
}
