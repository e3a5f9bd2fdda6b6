#include "core/generate_history.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace liaoxiu {
namespace {

// splitmix64: small, fast, the same on every platform.
struct Stream {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

constexpr int kHistoryDays = 540;   // about 18 months
constexpr int kMinTrips = 54;
constexpr int kWorkersPerUnit = 60;  // each unit's synthetic workers, used in turn

constexpr std::array<const char*, 8> kGoodComments = {
    "接待热情周到，房间干净整洁。",       "讲解员很专业，行程安排合理，点赞！",
    "饭菜可口，照顾到了老同志的口味。",   "康养项目很实用，腰背舒服多了。",
    "临时换房处理得很快，服务到位。",     "司机师傅开车很稳，准时接送。",
    "环境优美，服务规范，下次还来 👍",    "工作人员耐心解答问题，体验很好。",
};
constexpr std::array<const char*, 5> kWeakComments = {
    "入住等了一个多小时，前台说房间没准备好。", "用餐时间安排太紧，菜上得很慢。",
    "反映空调坏了，第二天才有人来修。",         "行程临时变动没有提前通知。",
    "服务态度一般，希望改进。",
};
constexpr std::array<const char*, 3> kExcellentComments = {
    "服务一流，细节处处用心，是我们参加过最好的疗休养。", "问题处理及时，工作人员主动关心每一位职工。",
    "接待礼仪规范，全程有序，感谢！🌸",
};

std::string number(int n, int width) {
    std::string text = std::to_string(n);
    while (static_cast<int>(text.size()) < width) text.insert(text.begin(), '0');
    return text;
}

// The units of the alliance a route belongs to: those in a city of the alliance's members or
// routes; all units when none is.
std::vector<const Unit*> units_of(const Catalogue& catalogue, const Id& alliance) {
    std::set<std::string> cities;
    for (const Member& m : catalogue.members)
        if (m.alliance == alliance) cities.insert(m.city);
    for (const Route& r : catalogue.routes)
        if (r.alliance == alliance) cities.insert(r.cities.begin(), r.cities.end());
    std::vector<const Unit*> units;
    for (const Unit& u : catalogue.units)
        if (cities.count(u.city)) units.push_back(&u);
    if (units.empty())
        for (const Unit& u : catalogue.units) units.push_back(&u);
    return units;
}

struct WorkerPool {
    std::map<Id, int> next;
    Id take(const Id& unit) {
        int& n = next[unit];
        Id id = "w-h-" + unit + "-" + number(n % kWorkersPerUnit + 1, 2);
        ++n;
        return id;
    }
};

}  // namespace

DemoHistory generate_history(const Catalogue& catalogue, Instant now) {
    DemoHistory history;
    std::vector<const Route*> routes;
    for (const Route& r : catalogue.routes)
        if (r.status == PublishStatus::published && !trip_members(r).empty()) routes.push_back(&r);
    if (routes.empty() || catalogue.units.empty()) return history;

    const Day today = day_of(now);
    Stream rng{0x51A0C1u};
    WorkerPool pool;
    const int route_count = static_cast<int>(routes.size());
    const int trips = std::max(kMinTrips, route_count + 10);
    const int spacing = std::max(1, kHistoryDays / trips);

    history.weak_member = trip_members(*routes[0]).front();
    for (int i = route_count > 1 ? 1 : 0; i < route_count && history.excellent_member.empty(); ++i)
        for (const Id& m : trip_members(*routes[static_cast<std::size_t>(i)]))
            if (m != history.weak_member) history.excellent_member = m;

    int review_number = 0;
    auto add_reviews = [&](const GroupTrip& trip, const Route& route) {
        const Day last = last_day(trip.departure, route.days);
        int index = 0;
        for (const Place& place : trip.places) {
            if (place.state != PlaceState::confirmed) continue;
            for (const Id& member : trip_members(route)) {
                // The first five travellers rate every member (so each has at least 5 reviews), the others about half.
                if (index >= 5 && rng.below(100) >= 45) continue;
                Review review;
                review.id = "rv-h-" + number(++review_number, 5);
                review.group = trip.id;
                review.member = member;
                review.worker = place.worker.str();
                const bool weak = member == history.weak_member;
                const bool excellent = member == history.excellent_member;
                for (int& stars : review.scores.stars) {
                    if (weak) stars = 1 + rng.below(3);
                    else if (excellent) stars = rng.below(6) == 0 ? 4 : 5;
                    else stars = rng.below(12) == 0 ? 2 : 3 + rng.below(3);
                }
                if (rng.below(3) == 0) {
                    if (weak) review.comment = kWeakComments[static_cast<std::size_t>(rng.below(kWeakComments.size()))];
                    else if (excellent)
                        review.comment = kExcellentComments[static_cast<std::size_t>(rng.below(kExcellentComments.size()))];
                    else review.comment = kGoodComments[static_cast<std::size_t>(rng.below(kGoodComments.size()))];
                }
                review.written = china_midnight(last + 1 + rng.below(7)) + 8 * 3600 + rng.below(12 * 3600);
                if (review.written > now - 3600) review.written = now - 3600 - rng.below(3600);
                review.edited = review.written;
                history.reviews.push_back(std::move(review));
            }
            ++index;
        }
    };

    for (int t = 0; t < trips; ++t) {
        const Route& route = *routes[static_cast<std::size_t>(t % route_count)];
        const std::vector<const Unit*> units = units_of(catalogue, route.alliance);
        GroupTrip trip;
        trip.id = "g-h-" + number(t + 1, 3);
        trip.route = route.id;
        trip.organizer_unit = units[static_cast<std::size_t>(t) % units.size()]->id;
        trip.departure = today - kHistoryDays - 10 + t * spacing + rng.below(4);
        // Every trip has ended at least five days before the load day.
        trip.departure = std::min(trip.departure, today - 5 - route.days + 1);
        trip.min_size = 10;
        trip.max_size = 30;
        trip.created = china_midnight(trip.departure - 50) + 9 * 3600;
        trip.join_deadline = china_midnight(trip.departure - 7) + 18 * 3600;
        // The first pass over the routes is all locked (every member then has reviews); later,
        // some trips did not form or were cancelled.
        enum class Fate { locked, expired, cancelled };
        Fate fate = Fate::locked;
        if (t >= route_count && t % 9 == 4) fate = Fate::expired;
        if (t >= route_count && t % 13 == 7) fate = Fate::cancelled;

        const int size = fate == Fate::expired ? 4 + rng.below(5) : 12 + rng.below(12);
        std::int32_t seq = 0;
        for (int i = 0; i < size; ++i) {
            // Mostly the organizer's own workers; every fourth place from another unit (pooling).
            const Unit* unit = i % 4 == 3 ? units[static_cast<std::size_t>(rng.below(static_cast<int>(units.size())))]
                                          : units[static_cast<std::size_t>(t) % units.size()];
            Place place;
            place.worker = pool.take(unit->id);
            place.unit = unit->id;
            place.seq = ++seq;
            place.since = trip.created + 3600 * (1 + i * 7);
            place.state = fate == Fate::locked ? PlaceState::confirmed : PlaceState::released;
            if (fate != Fate::locked) place.since = trip.join_deadline;
            trip.places.push_back(std::move(place));
        }
        if (fate == Fate::locked && t % 5 == 0) {  // someone withdrew before the deadline
            const Id unit = trip.organizer_unit;
            trip.places.push_back(Place{pool.take(unit), unit, PlaceState::withdrawn, ++seq,
                                        trip.join_deadline - 3 * 86400, std::nullopt, {}});
        }
        if (fate == Fate::cancelled) {
            trip.state = GroupState::cancelled;
            trip.cancel_reason = "接待方临时调整，行程取消";
        } else {
            trip.state = fate == Fate::locked ? GroupState::locked : GroupState::expired;
        }
        if (fate == Fate::locked) add_reviews(trip, route);
        history.groups.push_back(std::move(trip));
    }

    // The demo traveller's trip: ended two days before the load day, not yet reviewed by them.
    {
        const Route& route = *routes[0];
        const std::vector<const Unit*> units = units_of(catalogue, route.alliance);
        const Unit* unit = units.front();
        for (const Unit* u : units)
            if (u->id == "u-qz-school2") unit = u;
        history.traveller_unit = unit->id;
        GroupTrip trip;
        trip.id = "g-h-travelled";
        trip.route = route.id;
        trip.organizer_unit = unit->id;
        trip.departure = today - 2 - route.days + 1;
        trip.min_size = 10;
        trip.max_size = 30;
        trip.created = china_midnight(trip.departure - 45) + 9 * 3600;
        trip.join_deadline = china_midnight(trip.departure - 7) + 18 * 3600;
        trip.state = GroupState::locked;
        std::int32_t seq = 0;
        trip.places.push_back(Place{kDemoTravellerId, unit->id, PlaceState::confirmed, ++seq, trip.created + 3600, std::nullopt, {}});
        for (int i = 0; i < 14; ++i)
            trip.places.push_back(Place{pool.take(unit->id), unit->id, PlaceState::confirmed, ++seq,
                                        trip.created + 7200 * (i + 2), std::nullopt, {}});
        history.traveller_group = trip.id;
        history.groups.push_back(std::move(trip));
    }

    history.marks.push_back(StandingMark{history.weak_member, MemberStanding::rectification,
                                         "接待礼仪和问题处理评分连续偏低，请制定整改方案并报秘书处。", today + 30,
                                         now - 3 * 86400, "a-admin"});
    if (!history.excellent_member.empty())
        history.marks.push_back(StandingMark{history.excellent_member, MemberStanding::exemplary,
                                             "服务规范、评价优秀，树为先进典型。", std::nullopt, now - 3 * 86400, "a-admin"});
    return history;
}

}  // namespace liaoxiu
