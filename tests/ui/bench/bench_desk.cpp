// The desk's member table at scale: the 10k catalogue (10,000 routes, 5,000 members, 20,000
// groups) in the headless UI driver at 1366×768, signed in as the secretariat. Prints the
// frame CPU time (p50, p95, max) while the table scrolls and while a search is typed (pinyin,
// initials, Chinese) and deleted again, and while the groups overview scrolls. A frame here is
// NewFrame + the Ui's draw + Render (no GPU): the CPU a browser frame spends in the app.
// Printed, not asserted:   build/native/tests/ui/bench_desk
#include "core/generate.hpp"
#include "core/group_trip.hpp"
#include "ui_driver.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace liaoxiu;

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

double timed_frame(testing::UiDriver& ui) {
    const auto start = std::chrono::steady_clock::now();
    ui.frame();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void report(const char* what, const std::vector<double>& ms) {
    std::printf("%-44s frames %4zu   p50 %6.3f ms   p95 %6.3f ms   max %6.3f ms\n", what, ms.size(), percentile(ms, 50),
                percentile(ms, 95), ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
}

void scroll(testing::UiDriver& ui, float x, float y, int frames, std::vector<double>& ms) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < frames; ++i) {
        io.MousePos = ImVec2(x, y);
        io.MouseWheel = i < frames / 2 ? -3.0f : 3.0f;  // down, then back up
        ms.push_back(timed_frame(ui));
    }
}

}  // namespace

int main() {
    testing::UiDriver ui(1366, 768);
    const auto start = std::chrono::steady_clock::now();
    ui.state.catalogue = generate_catalogue(ScaleSpec{10000, 5000, 20000}, 1);
    const double made_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ui.state.groups.clear();
    for (const GroupTrip& trip : ui.state.catalogue.groups) ui.state.groups.push_back({&trip, count_places(trip)});
    ui.state.session = testing::make_session("admin", "秘书处", Role::secretariat, "");
    ui.touch();
    ui.ui.open_location("#/desk/members");
    const double first = timed_frame(ui);
    ui.frames(4);  // glyphs of what is on screen
    std::printf("catalogue: %zu routes, %zu members, %zu groups (made in %.0f ms); first desk frame %.1f ms\n",
                ui.state.catalogue.routes.size(), ui.state.catalogue.members.size(), ui.state.catalogue.groups.size(),
                made_ms, first);

    std::vector<double> idle;
    for (int i = 0; i < 60; ++i) idle.push_back(timed_frame(ui));
    report("member table, idle", idle);

    std::vector<double> scrolling;
    scroll(ui, 700, 500, 240, scrolling);
    report("member table, scrolling (5,000 rows)", scrolling);

    std::vector<double> searching;
    ui.click("搜索成员单位");
    ImGuiIO& io = ImGui::GetIO();
    for (const char* query : {"jiudian", "qzgj", "温泉", "wenquan kangyang"}) {
        for (const char* c = query; *c;) {
            // One character (a UTF-8 sequence) per frame, as typed.
            int length = 1;
            while ((c[length] & 0xC0) == 0x80) ++length;
            io.AddInputCharactersUTF8(std::string(c, static_cast<std::size_t>(length)).c_str());
            c += length;
            searching.push_back(timed_frame(ui));
        }
        constexpr int kBackspace = 8;
        io.KeyMap[ImGuiKey_Backspace] = kBackspace;
        for (int i = 0; i < 20; ++i) {
            io.KeysDown[kBackspace] = true;
            searching.push_back(timed_frame(ui));
            io.KeysDown[kBackspace] = false;
            searching.push_back(timed_frame(ui));
        }
    }
    report("member table, typing and deleting a search", searching);

    ui.ui.open_location("#/desk/groups");
    ui.frames(4);
    std::vector<double> groups;
    scroll(ui, 700, 500, 240, groups);
    report("groups overview, scrolling (20,000 rows)", groups);
    return 0;
}
