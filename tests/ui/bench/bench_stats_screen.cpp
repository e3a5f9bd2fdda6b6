// The statistics screen (#/desk/stats) while the pointer hovers its charts, at an office PC's
// 1366×768, signed in as the secretariat, with large answers: places by route (200 routes, a
// bar chart of two series), group outcomes (24 months, a stacked bar of six), cross-unit
// pooling (24 months, a line of two shares) and the member units' load (24 months × 50
// members: a line of the first six, and its table of 50 columns scrolled). The pointer sweeps
// across each chart left to right and back, one step per frame, so every frame draws a
// tooltip of another category. For each it prints the frame's CPU time (this thread's) at p50,
// p95 and the worst frame, the wall-clock p95 beside it, and in how many frames a tooltip
// showed (a sweep that missed the plot shows as 0). The budget: 2 ms p95 while
// hovering. A frame is the driver's whole frame (glyph atlas upkeep, NewFrame, the Ui's draw,
// Render, no GPU). Printed, not asserted:
//   build/native/tests/ui/bench_stats_screen
#include "core/stats.hpp"
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
    int tooltips = 0;
};

// A tooltip line of the chart: "<series>：<value>".
bool tooltip_shown(const testing::UiDriver& ui) {
    for (const ui::ItemRecord& item : ui.items.last_frame())
        if (item.id == 0 && item.label.find("：") != std::string::npos) return true;
    return false;
}

void timed_frame(testing::UiDriver& ui, Frames& into) {
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = thread_ms();
    ui.frame();
    into.cpu.push_back(thread_ms() - cpu);
    into.wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count());
    into.tooltips += tooltip_shown(ui);
}

void report(const char* what, const Frames& f) {
    std::printf("%-44s frames %4zu   CPU p50 %6.3f  p95 %6.3f  max %6.3f ms   (wall p95 %6.3f ms)  tooltips %d\n", what,
                f.cpu.size(), percentile(f.cpu, 50), percentile(f.cpu, 95),
                f.cpu.empty() ? 0.0 : *std::max_element(f.cpu.begin(), f.cpu.end()), percentile(f.wall, 95), f.tooltips);
}

std::string month_of(int i) {
    const int year = 2025 + i / 12, month = 1 + i % 12;
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02d", year, month);
    return key;
}

StatsTable places_by_route(int routes) {
    StatsTable t;
    t.query.view = StatsView::places;
    t.query.by = StatsBy::route;
    t.title = "出行人次（按线路）";
    t.row_label = "线路";
    t.columns = {{"confirmed", "已确认"}, {"travelled", "已出行"}};
    for (int r = 0; r < routes; ++r) {
        const std::int64_t confirmed = 40 + (r * 37) % 400;
        t.rows.push_back({"r-" + std::to_string(r), "钱江源森林康养线路" + std::to_string(r + 1), {confirmed, confirmed * 3 / 4}});
    }
    compute_totals(t, {});
    return t;
}

StatsTable outcomes(int months) {
    StatsTable t;
    t.query.view = StatsView::outcomes;
    t.title = "拼团结果（按出发月份）";
    t.row_label = "月份";
    t.columns = {{"open", "招募中"},     {"formed", "已成团"},    {"full", "已满员"},       {"locked", "已锁定"},
                 {"expired", "未成团"},  {"cancelled", "已取消"}, {"groups", "团数"},       {"capacity", "计划名额"},
                 {"confirmed", "确认名额"}, {"fill_permille", "满员率‰"}};
    for (int m = 0; m < months; ++m) {
        const std::int64_t a = 3 + m % 5, b = 10 + (m * 7) % 13, c = 5 + m % 4, d = 40 + (m * 11) % 30, e = 2 + m % 3, f = m % 2;
        const std::int64_t groups = a + b + c + d + e + f, capacity = groups * 30, confirmed = groups * 22;
        t.rows.push_back({month_of(m), month_label(month_of(m)), {a, b, c, d, e, f, groups, capacity, confirmed, permille(confirmed, capacity)}});
    }
    compute_totals(t, {{9, 8, 7}});
    return t;
}

StatsTable pooling(int months) {
    StatsTable t;
    t.query.view = StatsView::pooling;
    t.title = "跨单位拼团（按出发月份）";
    t.row_label = "月份";
    t.columns = {{"places", "确认名额"},
                 {"cross_unit", "跨单位名额"},
                 {"small_cross_unit", "小单位职工跨单位名额"},
                 {"cross_permille", "跨单位占比‰"},
                 {"small_permille", "小单位跨单位占比‰"}};
    for (int m = 0; m < months; ++m) {
        const std::int64_t places = 800 + (m * 53) % 400, cross = places * (20 + m % 15) / 100, small = cross / 3;
        t.rows.push_back({month_of(m), month_label(month_of(m)), {places, cross, small, permille(cross, places), permille(small, places)}});
    }
    compute_totals(t, {{3, 1, 0}, {4, 2, 0}});
    return t;
}

StatsTable load(int months, int members) {
    StatsTable t;
    t.query.view = StatsView::load;
    t.title = "成员单位接待量（按出发月份）";
    t.row_label = "月份";
    for (int c = 0; c < members; ++c) t.columns.push_back({"m-" + std::to_string(c), "成员单位疗休养基地" + std::to_string(c + 1)});
    for (int m = 0; m < months; ++m) {
        StatsRow row{month_of(m), month_label(month_of(m)), {}};
        for (int c = 0; c < members; ++c) row.values.push_back(20 + (m * 31 + c * 17) % 180);
        t.rows.push_back(std::move(row));
    }
    compute_totals(t, {});
    return t;
}

void show(testing::UiDriver& ui, const StatsTable& table) {
    ui.state.stats.status = sync::StatsState::Status::loaded;
    ui.state.stats.table = table;
    ++ui.state.stats.received;
    ui.touch();
    ui.frames(4);  // glyphs of what is on screen
}

// The pointer across the plot and back, `steps` frames each way, at the plot's height.
void sweep(testing::UiDriver& ui, int steps, Frames& into) {
    ImGuiIO& io = ImGui::GetIO();
    const float left = 90, right = 1340, y = 600;
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < steps; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(steps - 1);
            io.MousePos = ImVec2(pass == 0 ? left + (right - left) * t : right - (right - left) * t, y);
            timed_frame(ui, into);
        }
    }
    io.MousePos = ImVec2(-100, -100);
}

}  // namespace

int main() {
    testing::UiDriver ui(1366, 768);
    ui.state.session = testing::make_session("admin", "秘书处", Role::secretariat, "");
    ui.touch();
    ui.ui.open_location("#/desk/stats");
    ui.frames(4);
    constexpr int kSteps = 300;

    Frames idle;
    show(ui, places_by_route(200));
    ImGui::GetIO().MousePos = ImVec2(-100, -100);
    for (int i = 0; i < 60; ++i) timed_frame(ui, idle);
    report("places by route (200), bar, idle", idle);
    Frames bars;
    sweep(ui, kSteps, bars);
    report("places by route (200), bar, hovering", bars);

    Frames stacked;
    show(ui, outcomes(24));
    sweep(ui, kSteps, stacked);
    report("outcomes (24 months), stacked bar, hovering", stacked);

    Frames line;
    show(ui, pooling(24));
    sweep(ui, kSteps, line);
    report("pooling (24 months), line, hovering", line);

    Frames load_line;
    show(ui, load(24, 50));
    sweep(ui, kSteps, load_line);
    report("load (24 months x 50 members), line, hovering", load_line);

    Frames all = bars;
    for (const Frames* f : {&stacked, &line, &load_line}) {
        all.cpu.insert(all.cpu.end(), f->cpu.begin(), f->cpu.end());
        all.wall.insert(all.wall.end(), f->wall.begin(), f->wall.end());
        all.tooltips += f->tooltips;
    }
    report("all charts, hovering", all);

    // The same load as a table (50 columns): hovered and scrolled.
    if (!ui.click("表格")) {
        std::fprintf(stderr, "bench_stats_screen: no 表格 button\n");
        return 1;
    }
    ui.frames(4);
    Frames table;
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 240; ++i) {
        io.MousePos = ImVec2(700, 500);
        io.MouseWheel = i < 120 ? -3.0f : 3.0f;
        timed_frame(ui, table);
    }
    report("load (24 x 50) as a table, scrolling", table);
    return 0;
}
