// Core benchmark: catalogue parsing, search index build, search latency and memory,
// with naive scans measured in the same run as the baseline. Prints a table.
//
//   bench_core [--seed N] [--queries N]
//
// Figures depend on the machine and on its load; run it on an idle machine, in a
// release build (RelWithDebInfo or Release), and compare side by side, not across runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "core/dates.hpp"
#include "core/generate.hpp"
#include "core/group_trip.hpp"
#include "core/notification.hpp"
#include "core/json.hpp"
#include "core/pinyin.hpp"
#include "core/search.hpp"

using namespace liaoxiu;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: unlike wall time, it does not count the time the thread
// waited for a core, which on a shared machine is most of the tail.
double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Latencies {
    std::vector<double> wall, cpu;
    template <class Work>
    auto measure(Work work) {
        const double cpu_start = thread_cpu_ms();
        const auto start = Clock::now();
        auto result = work();
        wall.push_back(ms_since(start));
        cpu.push_back(thread_cpu_ms() - cpu_start);
        return result;
    }
};

// Resident set size in KiB from /proc/self/status, after handing freed heap back to
// the system so that earlier temporaries do not blur the deltas.
long rss_kib() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

// Bytes the allocator holds for live objects: what the data itself costs, without
// the pages that parsing's temporaries left half-used (which RSS also counts).
std::size_t live_heap_bytes() {
#if defined(__GLIBC__)
    return mallinfo2().uordblks;
#else
    return 0;
#endif
}

// Peak RSS since the last reset_peak_rss(), in KiB (Linux: VmHWM, reset through clear_refs).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }
long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

// Baseline for the streamed parse_catalogue: the whole document as one tree, then decoded.
Result<Catalogue> parse_as_tree(const std::string& text) {
    const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded()) return DomainError{"bad_json", "", "", ""};
    return decode_catalogue(document);
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

// Runs `work` `repeats` times and returns the median duration in ms.
double median_ms(int repeats, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        work();
        times.push_back(ms_since(start));
    }
    return percentile(times, 50);
}

std::u32string codepoints(std::string_view text) {
    std::u32string out;
    for (std::size_t pos = 0; pos < text.size();) {
        const DecodedCodepoint d = decode_utf8(text, pos);
        out.push_back(d.codepoint);
        pos += d.length;
    }
    return out;
}

std::string utf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text) append_utf8(out, c);
    return out;
}

struct BenchQuery {
    const char* kind;
    SearchQuery query;
};

// A mix of what users type: Chinese fragments of titles, cities and member names;
// full pinyin of them (sometimes cut mid-syllable, as while typing); initials; and
// filter-only browsing with a sort. Deterministic for a given seed.
std::vector<BenchQuery> make_queries(const Catalogue& catalogue, std::size_t count, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    auto some_text = [&]() -> const std::string& {
        const Route& route = catalogue.routes[pick(catalogue.routes.size())];
        switch (pick(3)) {
            case 0: return route.title;
            case 1: return route.cities.empty() ? route.title : route.cities[pick(route.cities.size())];
            default: return catalogue.members[pick(catalogue.members.size())].name;
        }
    };
    auto fragment = [&](std::size_t max_length) {
        const std::u32string text = codepoints(some_text());
        const std::size_t length = 1 + pick(std::min(max_length, text.size()));
        const std::size_t start = pick(text.size() - length + 1);
        return text.substr(start, length);
    };

    std::vector<BenchQuery> queries;
    while (queries.size() < count) {
        BenchQuery q{"", {}};
        switch (queries.size() % 5) {
            case 0:
                q.kind = "chinese";
                q.query.text = utf8(fragment(4));
                break;
            case 1: {
                q.kind = "pinyin";
                std::string full = to_pinyin(utf8(fragment(3)));
                if (full.size() > 3 && pick(3) == 0) full.resize(full.size() - 1 - pick(2));  // still typing
                q.query.text = full;
                break;
            }
            case 2:
                q.kind = "initials";
                q.query.text = to_pinyin_initials(utf8(fragment(4)));
                break;
            case 3: {
                q.kind = "filters";
                const Route& route = catalogue.routes[pick(catalogue.routes.size())];
                if (!route.themes.empty() && pick(2)) q.query.theme = route.themes[pick(route.themes.size())];
                if (pick(2)) q.query.season = static_cast<Season>(pick(4));
                if (pick(2)) q.query.max_days = 2 + static_cast<int>(pick(4));
                if (pick(2)) q.query.max_price = 50000 + static_cast<Fen>(pick(300000));
                if (pick(3) == 0) q.query.member_category = static_cast<Category>(pick(4));
                if (pick(3) == 0) q.query.only_with_open_groups = true;
                q.query.sort = static_cast<SortKey>(pick(4));
                break;
            }
            default: {
                q.kind = "text+filters";
                q.query.text = pick(2) ? utf8(fragment(2)) : to_pinyin(utf8(fragment(2)));
                const Route& route = catalogue.routes[pick(catalogue.routes.size())];
                if (!route.cities.empty() && pick(2)) q.query.city = route.cities.front();
                if (pick(2)) q.query.min_days = 2;
                q.query.sort = static_cast<SortKey>(pick(4));
                break;
            }
        }
        if (q.query.text.empty() && std::strcmp(q.kind, "filters") != 0) continue;
        // As the app asks: the person's alliance first (the hits of the others follow).
        if (!catalogue.alliances.empty()) q.query.first_alliance = catalogue.alliances.back().id;
        queries.push_back(std::move(q));
    }
    return queries;
}

// Baseline 1: what a first version would do — scan every title with std::string::find.
std::size_t naive_title_scan(const Catalogue& catalogue, const std::string& text) {
    std::size_t found = 0;
    for (const Route& route : catalogue.routes) found += route.title.find(text) != std::string::npos;
    return found;
}

// Baseline 2: the same fields and pinyin matching as the index, computed per query
// (member names looked up through a map built once, pinyin spelled on the fly).
std::size_t naive_full_scan(const Catalogue& catalogue,
                            const std::unordered_map<std::string_view, const Member*>& members,
                            const std::string& text) {
    std::size_t found = 0;
    auto field_matches = [&](const std::string& field) {
        if (field.find(text) != std::string::npos) return true;
        const PinyinSpelling spelling = spell_pinyin(field);
        for (std::uint32_t start : spelling.syllable_starts) {
            if (spelling.full.compare(start, text.size(), text) == 0) return true;
        }
        return spelling.initials.find(text) != std::string::npos;
    };
    for (const Route& route : catalogue.routes) {
        bool hit = field_matches(route.title);
        for (std::size_t i = 0; !hit && i < route.themes.size(); ++i) hit = field_matches(route.themes[i]);
        for (std::size_t i = 0; !hit && i < route.cities.size(); ++i) hit = field_matches(route.cities[i]);
        for (const ItineraryDay& day : route.itinerary) {
            for (std::size_t i = 0; !hit && i < day.stops.size(); ++i) {
                const auto member = members.find(day.stops[i].member);
                if (member != members.end()) hit = field_matches(member->second->name);
            }
        }
        found += hit;
    }
    return found;
}

// What each part of the catalogue costs: the live heap a copy frees when that part
// is dropped from it (a copy, so the measured catalogue stays as parsed).
std::vector<std::pair<std::string, std::size_t>> catalogue_breakdown(const Catalogue& catalogue) {
    std::vector<std::pair<std::string, std::size_t>> parts;
    Catalogue copy = catalogue;
    auto drop = [&](const char* name, auto&& clear) {
        const std::size_t before = live_heap_bytes();
        clear();
        parts.emplace_back(name, before - live_heap_bytes());
    };
    drop("group places", [&] { for (auto& g : copy.groups) std::vector<Place>().swap(g.places); });
    drop("groups (without places)", [&] { std::vector<GroupTrip>().swap(copy.groups); });
    drop("routes", [&] { std::vector<Route>().swap(copy.routes); });
    drop("members", [&] { std::vector<Member>().swap(copy.members); });
    return parts;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void row(const char* what, const std::string& value, const char* note = "") {
    std::printf("  %-46s %16s  %s\n", what, value.c_str(), note);
}

std::string fmt(double value, const char* unit, int decimals = 2) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f %s", decimals, value, unit);
    return buffer;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 20261129;
    std::size_t query_count = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--seed") == 0) seed = std::strtoull(argv[i + 1], nullptr, 10);
        if (std::strcmp(argv[i], "--queries") == 0) query_count = std::strtoull(argv[i + 1], nullptr, 10);
    }

    std::printf("Liaoxiu core benchmark (seed %llu, %zu queries)\n\n",
                static_cast<unsigned long long>(seed), query_count);

    std::printf("Pinyin table\n");
    row("generated table (native builds; the web build reads the catalogue's)", fmt(pinyin_table_bytes() / 1024.0, "KiB", 1),
        (std::to_string(pinyin_table_bytes()) + " bytes").c_str());
    row("codepoints with a reading", std::to_string(pinyin_codepoint_count()));

    // ---- demo catalogue ----
    std::printf("\nDemo catalogue (assets/demo/catalogue.json)\n");
    const std::string demo_text = read_file(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json");
    if (demo_text.empty()) {
        row("parse", "missing");
    } else {
        std::size_t routes = 0;
        const double parse = median_ms(21, [&] {
            auto parsed = parse_catalogue(demo_text);
            if (!parsed.ok()) { std::fprintf(stderr, "demo: %s\n", parsed.error().message_en.c_str()); std::exit(1); }
            routes = parsed.value().routes.size();
        });
        row("size", fmt(demo_text.size() / 1024.0, "KiB", 1), (std::to_string(routes) + " routes").c_str());
        row("parse_catalogue (median of 21)", fmt(parse, "ms", 3));
        const Catalogue demo = parse_catalogue(demo_text).value();
        row("SearchIndex build (median of 21)", fmt(median_ms(21, [&] { SearchIndex index(demo); }), "ms", 3));
    }

    // ---- 10k catalogue ----
    std::printf("\nGenerated catalogue: generate_catalogue({10000, 5000, 20000}, seed)\n");
    std::string big_text;
    {
        auto start = Clock::now();
        const Catalogue generated = generate_catalogue(ScaleSpec{10000, 5000, 20000}, seed);
        row("generate_catalogue", fmt(ms_since(start), "ms", 1));
        start = Clock::now();
        nlohmann::json json = generated;
        big_text = json.dump();
        row("encode to JSON text (to_json + dump)", fmt(ms_since(start), "ms", 1));
    }
    row("JSON text size", fmt(big_text.size() / (1024.0 * 1024.0), "MiB", 1));

    // The tree baseline first, so its high-water mark cannot hide the streamed one's.
    long rss_before = rss_kib();
    reset_peak_rss();
    auto start = Clock::now();
    (void)parse_as_tree(big_text);
    const double tree_parse = ms_since(start);
    const long tree_peak = peak_rss_kib() - rss_before;

    rss_before = rss_kib();
    const std::size_t live_before = live_heap_bytes();
    reset_peak_rss();
    start = Clock::now();
    auto parsed = parse_catalogue(big_text);
    const double first_parse = ms_since(start);
    const long stream_peak = peak_rss_kib() - rss_before;
    if (!parsed.ok()) {
        std::fprintf(stderr, "10k: %s (%s)\n", parsed.error().message_en.c_str(), parsed.error().path.c_str());
        return 1;
    }
    const Catalogue catalogue = std::move(parsed).value();
    const long rss_catalogue = rss_kib();
    const std::size_t live_catalogue = live_heap_bytes();
    start = Clock::now();
    const SearchIndex index(catalogue);
    const double first_build = ms_since(start);
    const long rss_index = rss_kib();
    const std::size_t live_index = live_heap_bytes();

    const double parse = std::min(first_parse, median_ms(3, [&] { (void)parse_catalogue(big_text); }));
    row("parse_catalogue, streamed (best of first, median of 3)", fmt(parse, "ms", 1));
    row("  baseline: json::parse tree + decode_catalogue", fmt(tree_parse, "ms", 1), "one run");
    row("peak RSS during parse_catalogue, streamed", fmt(stream_peak / 1024.0, "MiB", 1), "above the text");
    row("  baseline: json::parse tree + decode_catalogue", fmt(tree_peak / 1024.0, "MiB", 1), "above the text");
    const double build = std::min(first_build, median_ms(3, [&] { SearchIndex again(catalogue); }));
    row("SearchIndex build (best of first, median of 3)", fmt(build, "ms", 1));
    row("RSS: parsed catalogue", fmt((rss_catalogue - rss_before) / 1024.0, "MiB", 1), "VmRSS delta");
    row("RSS: + search index", fmt((rss_index - rss_catalogue) / 1024.0, "MiB", 1), "VmRSS delta");
    row("RSS: catalogue + index", fmt((rss_index - rss_before) / 1024.0, "MiB", 1), "target <= 64 MiB");
    const auto mib = [](std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); };
    row("live heap: parsed catalogue", fmt(mib(live_catalogue - live_before), "MiB", 1), "malloc'd, in use");
    row("live heap: catalogue + index", fmt(mib(live_index - live_before), "MiB", 1), "target <= 64 MiB");
    for (const auto& [part, bytes] : catalogue_breakdown(catalogue)) {
        row(("  of which " + part).c_str(), fmt(mib(bytes), "MiB", 1), "live heap freed by dropping it");
    }
    row("index memory_bytes()", fmt(index.memory_bytes() / (1024.0 * 1024.0), "MiB", 2), "its own count");

    // ---- search latency ----
    const std::vector<BenchQuery> queries = make_queries(catalogue, query_count, seed);
    for (const BenchQuery& q : queries) (void)index.search(q.query);  // warm caches once

    std::unordered_map<std::string, Latencies> by_kind;
    Latencies all, naive_titles, naive_full;
    std::size_t total_hits = 0, empty_results = 0;
    for (const BenchQuery& q : queries) {
        const std::size_t hits = by_kind[q.kind].measure([&] { return index.search(q.query).size(); });
        all.wall.push_back(by_kind[q.kind].wall.back());
        all.cpu.push_back(by_kind[q.kind].cpu.back());
        total_hits += hits;
        empty_results += hits == 0;
    }
    std::size_t naive_found = 0;
    for (const BenchQuery& q : queries) {
        if (q.query.text.empty()) continue;
        naive_found += naive_titles.measure([&] { return naive_title_scan(catalogue, q.query.text); });
    }
    std::unordered_map<std::string_view, const Member*> members;
    for (const Member& m : catalogue.members) members.emplace(m.id, &m);
    for (std::size_t i = 0; i < queries.size() && naive_full.wall.size() < 30; ++i) {
        if (queries[i].query.text.empty()) continue;
        naive_found += naive_full.measure([&] { return naive_full_scan(catalogue, members, queries[i].query.text); });
    }

    std::printf("\nSearch latency on the 10k catalogue (one thread; ms per query; wall clock and thread CPU time)\n");
    std::printf("  %-40s %6s %9s %9s %9s %9s %9s\n", "", "count", "wall p50", "wall p99", "wall max", "cpu p50",
                "cpu p99");
    auto latency_row = [](const std::string& name, const Latencies& v) {
        std::printf("  %-40s %6zu %9.3f %9.3f %9.3f %9.3f %9.3f\n", name.c_str(), v.wall.size(),
                    percentile(v.wall, 50), percentile(v.wall, 99),
                    v.wall.empty() ? 0.0 : *std::max_element(v.wall.begin(), v.wall.end()), percentile(v.cpu, 50),
                    percentile(v.cpu, 99));
    };
    latency_row("SearchIndex::search, all", all);
    for (const char* kind : {"chinese", "pinyin", "initials", "filters", "text+filters"}) {
        latency_row(std::string("  ") + kind, by_kind[kind]);
    }
    // A search starts with one letter, which matches nearly every route: answered from the
    // table SearchIndex makes at build. Baseline: the same letter followed by an apostrophe,
    // which pinyin matching ignores, so the same texts are matched anew.
    Latencies first_letter, first_letter_anew;
    for (int round = 0; round < 4; ++round)
        for (char letter = 'a'; letter <= 'z'; ++letter) {
            SearchQuery query;
            query.text = std::string(1, letter);
            first_letter.measure([&] { return index.search(query).size(); });
            query.text += '\'';
            first_letter_anew.measure([&] { return index.search(query).size(); });
        }
    latency_row("  first letter a-z (from a table)", first_letter);
    latency_row("    baseline: matched anew", first_letter_anew);
    latency_row("baseline: naive find over titles", naive_titles);
    latency_row("baseline: naive all fields + pinyin", naive_full);
    std::printf("  (mean hits per query %.1f, %zu queries with no hit; naive scans found %zu)\n",
                static_cast<double>(total_hits) / static_cast<double>(queries.size()), empty_results, naive_found);
    std::printf("  The title-only baseline does less work than the index (titles only, no pinyin, no\n"
                "  ranking or filters); the second baseline does the same matching without an index,\n"
                "  on the first %zu text queries only.\n", naive_full.wall.size());

    // ---- notifications: what one change of a big group tells (in every join's transaction) ----
    std::printf("\nNotifications for one change of a group (notifications_for; 500 confirmed, 200 waiting)\n");
    {
        const Instant now = *parse_instant("2026-12-01T10:00:00+08:00");
        GroupTrip before;
        before.id = "g-bench";
        before.route = "r-bench";
        before.organizer_unit = "u-0";
        before.departure = day_of(now) + 20;
        before.min_size = 10;
        before.max_size = 500;
        before.join_deadline = now + 10 * 86400;
        before.created = now;
        for (int i = 1; i <= 700; ++i) {
            Place place;
            place.seq = i;
            place.worker = CompactId("w-" + std::to_string(i));
            place.unit = CompactId("u-" + std::to_string(i % 7));
            place.state = i <= 500 ? PlaceState::confirmed : PlaceState::waitlisted;
            place.since = now;
            before.places.push_back(place);
        }
        GroupTrip after = before;  // a waiting worker leaves: nobody is told, every place is compared
        after.places[650].state = PlaceState::withdrawn;
        const int reps = 2000;
        std::size_t told = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < reps; ++r) told += notifications_for(&before, after, now).size();
        const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / reps;
        row("per change, 700 places", fmt(us, "us", 1), told == 0 ? "(nobody told, as it should be)" : "(told someone: wrong)");
    }
    return 0;
}
