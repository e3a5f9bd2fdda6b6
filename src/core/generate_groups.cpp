// The scale generator's policies, units and group trips (see generate_detail.hpp):
// each group's places agree with derive_state at kScaleReferenceNow, and no worker
// holds two overlapping trips.
#include "core/generate_detail.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace liaoxiu::generate_detail {

// ---- Policies and units -----------------------------------------------------------------

void generate_policies(int alliance_count, Catalogue& out) {
    for (int a = 0; a < alliance_count; ++a) {
        const AllianceSeed& seed = alliance_seeds()[static_cast<std::size_t>(a)];
        const std::string name(seed.name);
        const Day date = day_from_civil(2026, 3, 1 + a);
        out.policies.push_back(Policy{"p-" + std::string(seed.short_name) + "-subsidy", name + "疗休养补助标准",
                                      "疗休养经费从基层工会经费中列支，每人每年一次，每次不超过6天。\n\n"
                                      "补助用于住宿、餐饮、交通、门票、康养项目和保险，不得发放现金。",
                                      name + "秘书处", date, PublishStatus::published, {}});
        out.policies.push_back(Policy{"p-" + std::string(seed.short_name) + "-standard", name + "服务规范要点",
                                      "接待礼仪、服务流程、问题处理三项标准适用于全体成员单位。\n\n"
                                      "每条线路联动3类以上成员单位，形成吃住行游康养闭环服务。",
                                      name + "秘书处", date + 10, PublishStatus::published, {}});
    }
}

namespace {

// Unit name patterns: {p} the city or county as written in names (衢州市, 江山市, 歙县),
// {s} a syllable pair, {n} an ordinal (二..九).
constexpr std::array<std::string_view, 14> kUnitPatterns = {
    "{p}{s}机械有限公司", "{p}{s}纺织有限公司", "{p}{s}化工集团有限公司", "国网{p}供电公司", "{p}第{n}人民医院",
    "{p}中医院", "{p}{s}实验小学", "{p}第{n}中学", "{p}公共交通集团", "{p}环境卫生管理中心", "{p}自来水有限公司",
    "{p}{s}物流有限公司", "{p}{s}建设集团", "{p}{s}食品有限公司",
};
constexpr std::array<std::string_view, 8> kOrdinals = {"二", "三", "四", "五", "六", "七", "八", "九"};

std::string unit_name(SplitMix64& rng, const Locale& locale) {
    // A district (区) is named by its prefecture; a county or county-level city by itself.
    const bool district = locale.county.size() >= 3 && locale.county.substr(locale.county.size() - 3) == "区";
    const std::string place(district ? locale.prefecture : locale.county);
    std::string name;
    const std::string_view pattern = rng.pick(kUnitPatterns);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.substr(i, 3) == "{p}") { name += place; i += 2; }
        else if (pattern.substr(i, 3) == "{s}") { name += rng.pick(kSyllables); i += 2; }
        else if (pattern.substr(i, 3) == "{n}") { name += rng.pick(kOrdinals); i += 2; }
        else name += pattern[i];
    }
    return name;
}

}  // namespace

void generate_units(SplitMix64& rng, int alliance_count, int unit_count, Catalogue& out) {
    out.units.reserve(static_cast<std::size_t>(unit_count));
    for (int u = 0; u < unit_count; ++u) {
        const AllianceSeed& seed = alliance_seeds()[rng.below(static_cast<std::uint64_t>(alliance_count))];
        const Locale& locale = rng.pick(seed.locales);
        // Union members from the index, not the generator, so every other draw stays as it was:
        // about one unit in eight is small (under 50 members).
        out.units.push_back(Unit{"u-" + padded(u + 1, 5), unit_name(rng, locale), std::string(locale.city),
                                 12 + (u * 37) % 400});
    }
}

namespace {

// ---- Group trips ------------------------------------------------------------------------

// One in twenty groups of each state, in an order whose first six cover every state.
constexpr std::array<GroupState, 20> kStateMix = {
    GroupState::open, GroupState::formed, GroupState::full, GroupState::locked, GroupState::expired,
    GroupState::cancelled, GroupState::open, GroupState::formed, GroupState::open, GroupState::full,
    GroupState::formed, GroupState::locked, GroupState::open, GroupState::cancelled, GroupState::formed,
    GroupState::open, GroupState::full, GroupState::locked, GroupState::formed, GroupState::open,
};

// Workers of one unit and the trips each currently holds, so nobody gets two overlapping trips.
struct WorkerRecord {
    Id id;
    std::vector<std::pair<Day, Day>> spans;
};

class WorkerPool {
public:
    explicit WorkerPool(std::size_t units) : by_unit_(units) {}

    // A worker of `unit` free on [first, last] when `holds` (any worker otherwise).
    const Id& choose(SplitMix64& rng, std::size_t unit, bool holds, Day first, Day last) {
        std::vector<WorkerRecord>& pool = by_unit_[unit];
        WorkerRecord* chosen = nullptr;
        if (!pool.empty() && rng.percent(55)) {
            WorkerRecord& candidate = pool[rng.below(pool.size())];
            const bool free = std::none_of(candidate.spans.begin(), candidate.spans.end(), [&](const auto& s) {
                return s.first <= last && first <= s.second;
            });
            if (!holds || free) chosen = &candidate;
        }
        if (chosen == nullptr) {
            pool.push_back(WorkerRecord{"w-" + std::to_string(next_number_++), {}});
            chosen = &pool.back();
        }
        if (holds) chosen->spans.emplace_back(first, last);
        return chosen->id;
    }

private:
    std::vector<std::vector<WorkerRecord>> by_unit_;
    long long next_number_ = 1001;
};

struct Arrival {
    PlaceState state;
    Instant since;
    std::optional<Instant> offer_expires;
};

GroupTrip generate_group(SplitMix64& rng, int index, GroupState state, const Catalogue& catalogue,
                         WorkerPool& workers, std::int64_t& seq) {
    constexpr Instant kDay = kSecondsPerDay;
    const Instant now = kScaleReferenceNow;
    const Day today = day_of(now);
    const Route& route = catalogue.routes[rng.below(catalogue.routes.size())];
    const std::size_t organizer = rng.below(catalogue.units.size());

    GroupTrip g;
    g.id = "g-" + padded(index + 1, 6);
    g.route = route.id;
    g.organizer_unit = catalogue.units[organizer].id;
    g.state = state;
    g.min_size = rng.between(5, 20);
    g.max_size = g.min_size + rng.between(5, 25);
    if (rng.percent(30)) g.per_unit_cap = g.max_size / 3 + rng.between(1, g.max_size - g.max_size / 3);

    const bool deadline_passed = state == GroupState::locked || state == GroupState::expired;
    Instant activity_end;  // joins happen between `created` and this moment
    if (deadline_passed) {
        const Instant days_ago = rng.between(1, 90) * kDay;
        g.join_deadline = now - days_ago - rng.between(0, 43200);
        g.departure = day_of(g.join_deadline) + rng.between(2, 20);
        g.created = g.join_deadline - rng.between(7, 45) * kDay;
        activity_end = g.join_deadline;
    } else {
        g.departure = today + rng.between(20, 300);
        const Instant days_before = rng.between(3, 14) * kDay;
        g.join_deadline = china_midnight(g.departure) - days_before - rng.between(0, 12) * 3600;
        const Instant days_ago = rng.between(2, 40) * kDay;
        g.created = now - days_ago - rng.between(0, 86399);
        activity_end = now - kDay;  // leaves the last day for offers in progress
    }
    Instant cancelled_at = 0;
    if (state == GroupState::cancelled) {
        cancelled_at = g.created + (activity_end - g.created) / 2 + rng.between(0, 86399);
        activity_end = cancelled_at - 3600;
        g.cancel_reason = rng.percent(50) ? "单位生产任务调整，组团单位取消本团，已通知全部报名职工。"
                                          : "线路所含成员单位临时停业整改，本团取消，欢迎改报同线路其他团。";
    }

    // Who arrives, in order, and where each place ends up.
    int confirmed = 0;
    int waitlisted = 0;
    switch (state) {
        case GroupState::open: confirmed = rng.between(1, g.min_size - 1); break;
        case GroupState::formed: confirmed = rng.between(g.min_size, g.max_size - 1); break;
        case GroupState::full: confirmed = g.max_size; waitlisted = rng.between(1, 5); break;
        case GroupState::locked: confirmed = rng.between(g.min_size, g.max_size); break;
        case GroupState::expired: confirmed = rng.between(1, g.min_size - 1); break;
        case GroupState::cancelled: confirmed = rng.between(1, g.max_size); break;
    }
    const bool someone_withdrew = rng.percent(15);
    const int arrivals = confirmed + waitlisted + (someone_withdrew ? 1 : 0);
    const int withdrawn_at = someone_withdrew ? rng.between(1, confirmed) : -1;  // never the organizer's first place
    std::vector<Arrival> plan;
    plan.reserve(static_cast<std::size_t>(arrivals));
    for (int k = 0; k < arrivals; ++k) {
        const Instant joined = g.created + (activity_end - g.created) * (k + 1) / (arrivals + 1);
        Arrival a{PlaceState::confirmed, joined, std::nullopt};
        if (k == withdrawn_at) {
            a.state = PlaceState::withdrawn;
            a.since = joined + (activity_end - joined) / 2;
        } else if (k >= arrivals - waitlisted) {
            a.state = PlaceState::waitlisted;
        }
        if (state == GroupState::expired && a.state == PlaceState::confirmed) {
            a.state = PlaceState::released;
            a.since = g.join_deadline;
        }
        if (state == GroupState::cancelled && a.state == PlaceState::confirmed) {
            a.state = PlaceState::released;
            a.since = cancelled_at;
        }
        plan.push_back(a);
    }
    // In some full groups a confirmed worker has just left and the first waiting worker
    // holds an offer that is still open: confirmed max-1, offered 1, still `full`.
    if (state == GroupState::full && rng.percent(30)) {
        const Instant left_at = now - rng.between(1, 20) * 3600;
        for (int k = arrivals - 1; k >= 1; --k)
            if (plan[static_cast<std::size_t>(k)].state == PlaceState::confirmed) {
                plan[static_cast<std::size_t>(k)] = Arrival{PlaceState::withdrawn, left_at, std::nullopt};
                break;
            }
        for (Arrival& a : plan)
            if (a.state == PlaceState::waitlisted) {
                a = Arrival{PlaceState::offered, left_at, left_at + kOfferWindowSeconds};
                break;
            }
    }

    // Units and workers: the organizer's first, then a mix of the organizer and others,
    // within the per-unit cap (which counts every place a unit holds or held at join time).
    const Day first_day = g.departure;
    const Day last_day = g.departure + route.days - 1;
    std::vector<std::pair<std::size_t, int>> per_unit;  // unit index -> places taken
    auto taken = [&](std::size_t unit) -> int& {
        for (auto& entry : per_unit)
            if (entry.first == unit) return entry.second;
        per_unit.emplace_back(unit, 0);
        return per_unit.back().second;
    };
    g.places.reserve(plan.size());
    for (std::size_t k = 0; k < plan.size(); ++k) {
        std::size_t unit = (k == 0 || rng.percent(40)) ? organizer : rng.below(catalogue.units.size());
        if (g.per_unit_cap) {
            for (int attempt = 0; taken(unit) >= *g.per_unit_cap; ++attempt)
                unit = attempt < 8 ? rng.below(catalogue.units.size()) : (unit + 1) % catalogue.units.size();
        }
        ++taken(unit);
        const Arrival& a = plan[k];
        const bool holds = a.state == PlaceState::confirmed || a.state == PlaceState::waitlisted ||
                           a.state == PlaceState::offered;
        Place p;
        p.worker = workers.choose(rng, unit, holds, first_day, last_day);
        p.unit = catalogue.units[unit].id;
        p.state = a.state;
        p.seq = ++seq;
        p.since = a.since;
        p.offer_expires = a.offer_expires;
        g.places.push_back(std::move(p));
    }
    return g;
}

}  // namespace

void generate_groups(SplitMix64& rng, int group_count, Catalogue& out) {
    WorkerPool workers(out.units.size());
    std::int64_t seq = 0;
    out.groups.reserve(static_cast<std::size_t>(group_count));
    for (int g = 0; g < group_count; ++g)
        out.groups.push_back(
            generate_group(rng, g, kStateMix[static_cast<std::size_t>(g) % kStateMix.size()], out, workers, seq));
}

}  // namespace liaoxiu::generate_detail
