// The service reviews at scale (not a test): builds a SQLite database of N reviews (default
// 100,000 over 18 months, 300 members, a few hidden), then prints p50/p95 of the answers the
// endpoint gives — GET /reviews/scores (all time, 12 months, one member) and a member's page
// GET /members/{id}/reviews (first page, a deep page) — computed by the same functions the
// handlers call (review_service.hpp: the read transaction, the SQL and the JSON, not the HTTP),
// and the SQL plan of each statement (EXPLAIN QUERY PLAN).
//
//     build/native/tests/server/bench_reviews [REVIEWS]
#include "../common/temp_dir.hpp"
#include "core/dates.hpp"
#include "core/generate.hpp"
#include "server/backend.hpp"
#include "server/review_service.hpp"
#include "server/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace liaoxiu;
using namespace liaoxiu::server;

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::vector<Id> build(Connection& db, long reviews, Instant now) {
    ScaleSpec spec;
    spec.routes = 50;
    spec.members = 300;
    spec.groups = 0;
    Catalogue c = generate_catalogue(spec, 16);
    store::begin_write(db);
    for (const auto& a : c.alliances) store::put(db, a);
    for (const auto& m : c.members) store::put(db, m);
    store::commit(db);
    std::vector<Id> members;
    for (const auto& m : c.members) members.push_back(m.id);

    std::mt19937_64 rng(16);
    auto below = [&](std::uint64_t n) { return static_cast<std::int64_t>(rng() % n); };
    store::begin_write(db);
    for (long i = 0; i < reviews; ++i) {
        Review r;
        r.id = "rv-" + std::to_string(i);
        r.group = "g-" + std::to_string(i / 40);
        // Skewed: a few members are reviewed far more often than most.
        const auto pick = std::min(below(members.size()), below(members.size()));
        r.member = members[static_cast<std::size_t>(pick)];
        r.worker = "w-" + std::to_string(i);
        for (int& s : r.scores.stars) s = 1 + static_cast<int>(below(5));
        if (below(3) == 0) r.comment = "服务周到，安排合理。第" + std::to_string(i) + "条";
        r.written = now - below(540 * kSecondsPerDay);
        r.edited = r.written;
        r.hidden = below(200) == 0;
        if (r.hidden) r.hidden_reason = "涉及个人";
        store::save_review(db, r);
        if (i % 20000 == 19999) {
            store::commit(db);
            store::begin_write(db);
        }
    }
    store::commit(db);
    db.execute("ANALYZE");
    return members;
}

}  // namespace

int main(int argc, char** argv) {
    const long reviews = argc > 1 ? std::atol(argv[1]) : 100000;
    const Instant now = static_cast<Instant>(std::time(nullptr));
    const Day today = day_of(now);
    testing::TempDir dir;
    const std::string url = "sqlite:" + (dir.path() / "reviews.db").string();
    std::vector<Id> members;
    {
        auto db = open_connection(url);
        store::create_schema(*db);
        auto start = std::chrono::steady_clock::now();
        members = build(*db, reviews, now);
        std::printf("built %ld reviews of %zu members in %.1f s\n", reviews, members.size(), ms_since(start) / 1000);
    }
    Backend backend(url, [now] { return now; });
    const Id busiest = members.front();  // the skew makes the first member the most reviewed
    const Id quiet = members.back();

    store::ReviewScoreFilter all;
    store::ReviewScoreFilter year;
    year.from = today - 365;
    year.to = today;
    store::ReviewScoreFilter one = year;
    one.member = busiest;
    struct Case {
        std::string name;
        std::function<std::size_t()> run;  // the answer's size in bytes
    };
    auto scores = [&](store::ReviewScoreFilter filter) {
        return [&backend, filter] { return review_scores(backend, filter, std::nullopt).dump().size(); };
    };
    auto page = [&](Id member, int offset) {
        return [&backend, member, offset] { return member_reviews(backend, member, 20, offset).dump().size(); };
    };
    std::vector<Case> cases{
        {"scores, all time: the SQL only", [&] {
             auto db = backend.readers.acquire();
             return store::monthly_scores(*db, all).size();
         }},
        {"scores, all time (18 months)", scores(all)},
        {"scores, last 12 months", scores(year)},
        {"scores, one member, 12 months", scores(one)},
        {"member page, busiest, first 20", page(busiest, 0)},
        {"member page, busiest, offset 500", page(busiest, 500)},
        {"member page, quietest, first 20", page(quiet, 0)},
    };
    const int runs = 30;
    auto percentile = [](std::vector<double> v, int pct) {
        std::sort(v.begin(), v.end());
        return v[(v.size() * static_cast<std::size_t>(pct) + 99) / 100 - 1];
    };
    std::printf("\n%-36s %10s %10s %10s\n", "answer", "p50 ms", "p95 ms", "bytes");
    for (const auto& c : cases) {
        std::vector<double> times;
        std::size_t bytes = 0;
        for (int i = 0; i < runs; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            bytes = c.run();
            times.push_back(ms_since(t0));
        }
        std::printf("%-36s %10.1f %10.1f %10zu\n", c.name.c_str(), percentile(times, 50), percentile(times, 95), bytes);
    }

    std::printf("\nSQL plans (EXPLAIN QUERY PLAN):\n");
    auto db = open_connection(url);
    bool first = true;
    for (const store::ReviewScoreFilter& filter : {all, year, one}) {
        auto statements = store::review_statements(filter, busiest);
        if (!first) statements.resize(1);  // the member page's statements do not depend on the filter
        first = false;
        for (const auto& statement : statements) {
            std::printf("\n  %s\n", statement.sql.c_str());
            for (const auto& row : db->query("EXPLAIN QUERY PLAN " + statement.sql, statement.params))
                std::printf("    %s\n", row.text(row.size() - 1).c_str());
        }
    }
    return 0;
}
