// Randomized sequences of joins, withdrawals, offer acceptances, cancellations, approvals and
// declines by a worker's union (审批: the third unit's workers need it) and clock jumps over
// several group trips whose dates overlap, checking after every step the invariants that must
// hold whatever happens. Seeded, so a failure replays exactly.
#include <catch2/catch.hpp>

#include "core/group_trip.hpp"
#include "core_fixtures.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

using namespace liaoxiu;

namespace {

bool holds(PlaceState s) {
    return s == PlaceState::confirmed || s == PlaceState::waitlisted || s == PlaceState::offered ||
           s == PlaceState::pending_approval;
}

struct Stats {
    int joins_confirmed = 0, joins_waitlisted = 0, withdrawals = 0, acceptances = 0, cancellations = 0;
    int lapsed_offers = 0, locked = 0, expired = 0;
    int joins_pending = 0, approvals = 0, declines = 0, lapsed_approvals = 0;
    std::map<std::string, int> refusals;
};

class Simulation {
public:
    explicit Simulation(std::uint64_t seed) : rng_(seed), catalogue_(fixtures::catalogue()), now_(fixtures::now()) {
        Route two_days = catalogue_.routes[0];
        two_days.id = "r-qz-2d";
        two_days.days = 2;
        two_days.nights = 1;
        two_days.itinerary.pop_back();
        catalogue_.routes.push_back(two_days);
        for (int w = 0; w < 36; ++w)
            workers_.push_back(Worker{"w-" + std::to_string(w), catalogue_.units[static_cast<std::size_t>(w % 3)].id});
        open_batch();
    }

    void step() {
        const int roll = pick(0, 99);
        if (roll < 50) random_join();
        else if (roll < 66) random_withdraw();
        else if (roll < 78) random_accept();
        else if (roll < 88) random_decide();
        else if (roll < 89) random_cancel();
        else if (roll < 96) advance(pick(60, 4 * 3600));
        else if (roll < 99) advance(kOfferWindowSeconds + pick(1, 3600));  // past any pending offer
        else advance(3 * 86400);                                            // often past a deadline
        if (std::all_of(trips_.begin(), trips_.end(), [](const GroupTrip& t) {
                return t.state == GroupState::locked || t.state == GroupState::expired || t.state == GroupState::cancelled;
            }))
            open_batch();
    }

    const Stats& stats() const { return stats_; }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    const Route& route_by_id(const Id& id) const {
        return id == catalogue_.routes[0].id ? catalogue_.routes[0] : catalogue_.routes[1];
    }
    const Route& route_of(const GroupTrip& t) const { return route_by_id(t.route); }

    TripSpan span_of(const GroupTrip& t) const { return TripSpan{t.id, t.departure, t.departure + route_of(t).days - 1}; }

    std::vector<TripSpan> spans_held_by(const Id& worker, const Id& except) const {
        std::vector<TripSpan> spans;
        for (const GroupTrip& t : trips_)
            if (t.id != except && std::any_of(t.places.begin(), t.places.end(),
                                              [&](const Place& p) { return p.worker == worker && holds(p.state); }))
                spans.push_back(span_of(t));
        return spans;
    }

    // Five trips whose dates overlap in pairs: departures d, d+1, d+2, d+5, d+6; staggered deadlines.
    void open_batch() {
        const Day base = day_of(now_) + 10 + pick(0, 3);
        const int offsets[] = {0, 1, 2, 5, 6};
        for (int i = 0; i < 5; ++i) {
            GroupDraft d;
            d.id = "g-" + std::to_string(next_trip_++);
            d.route = catalogue_.routes[static_cast<std::size_t>(i % 2)].id;
            d.organizer_unit = catalogue_.units[static_cast<std::size_t>(i % 3)].id;
            d.departure = base + offsets[i];
            d.min_size = pick(2, 5);
            d.max_size = d.min_size + pick(0, 4);
            d.join_deadline = now_ + 3 * 86400 + pick(0, 4 * 86400);
            if (pick(0, 1) == 1) d.per_unit_cap = pick(1, 4);
            auto opened = open_group(d, route_by_id(d.route), catalogue_, now_);
            REQUIRE(opened.ok());
            trips_.push_back(opened.value());
            check(trips_.back());
        }
        // Trips long settled no longer matter for overlaps of the new batch; keep the vector small.
        if (trips_.size() > 15) trips_.erase(trips_.begin(), trips_.begin() + 5);
    }

    // Mostly a trip still taking changes; sometimes any, settled ones included, to exercise refusals.
    GroupTrip& random_trip() {
        std::vector<std::size_t> live;
        for (std::size_t i = 0; i < trips_.size(); ++i)
            if (trips_[i].state == GroupState::open || trips_[i].state == GroupState::formed ||
                trips_[i].state == GroupState::full)
                live.push_back(i);
        if (!live.empty() && pick(0, 9) > 0) return trips_[live[static_cast<std::size_t>(pick(0, static_cast<int>(live.size()) - 1))]];
        return trips_[static_cast<std::size_t>(pick(0, static_cast<int>(trips_.size()) - 1))];
    }
    const Worker& random_worker() { return workers_[static_cast<std::size_t>(pick(0, static_cast<int>(workers_.size()) - 1))]; }

    // The third unit's union approves its workers' places; its decisions are due 24 hours before
    // the deadline (so some lapse in the clock jumps, some at the deadline itself).
    ApprovalTerms approval_of(const Id& unit) const {
        return ApprovalTerms{unit == catalogue_.units[2].id, 24};
    }
    ApprovalTerms approval_of_worker(const Id& worker) const {
        for (const Worker& w : workers_)
            if (w.id == worker) return approval_of(w.unit);
        return {};
    }

    void refused(const DomainError& e) {
        REQUIRE_FALSE(e.code.empty());
        REQUIRE_FALSE(e.message_zh.empty());
        REQUIRE_FALSE(e.message_en.empty());
        ++stats_.refusals[e.code];
    }

    void random_join() {
        GroupTrip& trip = random_trip();
        const Worker& worker = random_worker();
        const auto spans = spans_held_by(worker.id, trip.id);
        const GroupCounts before = count_places(advance_clock(trip, now_));
        auto r = join(trip, route_of(trip), worker, spans, ++seq_, now_, approval_of(worker.unit));
        if (!r) {
            refused(r.error());
            if (r.error().code == "dates_overlap") {
                const TripSpan mine = span_of(trip);
                REQUIRE(std::any_of(spans.begin(), spans.end(),
                                    [&](const TripSpan& s) { return s.first <= mine.last && mine.first <= s.last; }));
            }
            return;
        }
        const JoinOutcome& outcome = r.value();
        if (outcome.state == PlaceState::confirmed) {
            REQUIRE_FALSE(approval_of(worker.unit).required);
            REQUIRE(before.places_left > 0);
            REQUIRE(outcome.waitlist_position == 0);
            ++stats_.joins_confirmed;
        } else if (outcome.state == PlaceState::pending_approval) {
            REQUIRE(approval_of(worker.unit).required);
            REQUIRE(before.places_left > 0);
            REQUIRE(count_places(outcome.trip).pending == before.pending + 1);
            ++stats_.joins_pending;
        } else {
            REQUIRE(outcome.state == PlaceState::waitlisted);
            REQUIRE(outcome.waitlist_position == waiting_only(outcome.trip));  // last in the queue
            ++stats_.joins_waitlisted;
        }
        trip = outcome.trip;
        check(trip);
        check_no_overlaps();
    }

    static int waiting_only(const GroupTrip& t) {
        return static_cast<int>(std::count_if(t.places.begin(), t.places.end(),
                                              [](const Place& p) { return p.state == PlaceState::waitlisted; }));
    }

    void random_withdraw() {
        GroupTrip& trip = random_trip();
        // Mostly someone who holds a place; sometimes anyone, to exercise the refusal.
        Id worker = random_worker().id;
        std::vector<Id> holders;
        for (const Place& p : trip.places)
            if (holds(p.state)) holders.push_back(p.worker.str());
        if (!holders.empty() && pick(0, 4) > 0) worker = holders[static_cast<std::size_t>(pick(0, static_cast<int>(holders.size()) - 1))];
        auto r = withdraw(trip, worker, now_);
        if (!r) return refused(r.error());
        ++stats_.withdrawals;
        trip = r.value();
        check(trip);
    }

    void random_accept() {
        // Mostly a worker who holds an offer (on any trip); sometimes anyone, to exercise refusals.
        std::vector<std::pair<GroupTrip*, Id>> offers;
        for (GroupTrip& t : trips_)
            for (const Place& p : t.places)
                if (p.state == PlaceState::offered) offers.emplace_back(&t, p.worker);
        GroupTrip* chosen = nullptr;
        Id worker;
        if (!offers.empty() && pick(0, 4) > 0) {
            std::tie(chosen, worker) = offers[static_cast<std::size_t>(pick(0, static_cast<int>(offers.size()) - 1))];
        } else {
            chosen = &random_trip();
            worker = random_worker().id;
        }
        GroupTrip& trip = *chosen;
        auto r = accept_offer(trip, worker, now_, approval_of_worker(worker));
        if (!r) return refused(r.error());
        ++stats_.acceptances;
        trip = r.value();
        check(trip);
    }

    // The worker's union approves or declines a pending place (mostly a real one; sometimes
    // anyone's, to exercise "not_pending").
    void random_decide() {
        std::vector<std::pair<GroupTrip*, Id>> pending;
        for (GroupTrip& t : trips_)
            for (const Place& p : t.places)
                if (p.state == PlaceState::pending_approval) pending.emplace_back(&t, p.worker);
        GroupTrip* chosen = nullptr;
        Id worker;
        if (!pending.empty() && pick(0, 4) > 0) {
            std::tie(chosen, worker) = pending[static_cast<std::size_t>(pick(0, static_cast<int>(pending.size()) - 1))];
        } else {
            chosen = &random_trip();
            worker = random_worker().id;
        }
        GroupTrip& trip = *chosen;
        const GroupCounts before = count_places(advance_clock(trip, now_));
        const bool approve = pick(0, 1) == 0;
        auto r = approve ? approve_place(trip, worker, now_) : decline_place(trip, worker, "名额调整", now_);
        if (!r) return refused(r.error());
        const GroupCounts after = count_places(r.value());
        REQUIRE(after.pending == before.pending - 1);
        if (approve) {
            REQUIRE(after.confirmed == before.confirmed + 1);
            ++stats_.approvals;
        } else {
            REQUIRE(after.confirmed == before.confirmed);
            ++stats_.declines;
        }
        trip = r.value();
        check(trip);
    }

    void random_cancel() {
        GroupTrip& trip = random_trip();
        auto r = cancel(trip, "组团单位取消", now_);
        if (!r) return refused(r.error());
        ++stats_.cancellations;
        trip = r.value();
        check(trip);
    }

    void advance(Instant seconds) {
        now_ += seconds;
        for (GroupTrip& trip : trips_) {
            const GroupState was = trip.state;
            GroupTrip next = advance_clock(trip, now_);
            REQUIRE(advance_clock(next, now_) == next);  // idempotent
            stats_.lapsed_offers += static_cast<int>(
                std::count_if(next.places.begin(), next.places.end(),
                              [](const Place& p) { return p.state == PlaceState::offer_expired; }) -
                std::count_if(trip.places.begin(), trip.places.end(),
                              [](const Place& p) { return p.state == PlaceState::offer_expired; }));
            stats_.lapsed_approvals += static_cast<int>(
                std::count_if(next.places.begin(), next.places.end(),
                              [](const Place& p) { return p.state == PlaceState::approval_lapsed; }) -
                std::count_if(trip.places.begin(), trip.places.end(),
                              [](const Place& p) { return p.state == PlaceState::approval_lapsed; }));
            if (next.state != was && next.state == GroupState::locked) ++stats_.locked;
            if (next.state != was && next.state == GroupState::expired) ++stats_.expired;
            trip = std::move(next);
            check(trip);
        }
        check_no_overlaps();
    }

    // Everything that must hold for one trip at `now_`.
    void check(const GroupTrip& t) {
        INFO("trip " << t.id << " at " << format_instant(now_));
        int confirmed = 0, waitlisted = 0, offered = 0, pending = 0;
        std::map<Id, int> held_by_unit;
        std::map<Id, int> held_by_worker;
        std::int64_t last_seq = 0;
        std::int64_t first_waiting_seq = std::numeric_limits<std::int64_t>::max();
        std::int64_t last_offered_seq = 0;
        for (const Place& p : t.places) {
            REQUIRE(p.seq > last_seq);  // arrival order kept
            last_seq = p.seq;
            if (p.state == PlaceState::confirmed) ++confirmed;
            if (p.state == PlaceState::waitlisted) {
                ++waitlisted;
                first_waiting_seq = std::min<std::int64_t>(first_waiting_seq, p.seq);
            }
            if (p.state == PlaceState::offered) {
                ++offered;
                last_offered_seq = std::max<std::int64_t>(last_offered_seq, p.seq);
                REQUIRE(p.offer_expires.has_value());
                REQUIRE(*p.offer_expires > now_);
                REQUIRE(*p.offer_expires <= t.join_deadline);
            } else {
                REQUIRE_FALSE(p.offer_expires.has_value());
            }
            if (p.state == PlaceState::pending_approval) {
                ++pending;
                REQUIRE(approval_of(p.unit.str()).required);  // only where the unit's union approves
                REQUIRE(p.decision_due.has_value());
                REQUIRE(*p.decision_due > now_);             // an overdue one has lapsed
                REQUIRE(*p.decision_due <= t.join_deadline);
            } else {
                REQUIRE_FALSE(p.decision_due.has_value());
            }
            if (holds(p.state)) {
                ++held_by_unit[p.unit.str()];
                REQUIRE(++held_by_worker[p.worker.str()] == 1);  // one place per worker per trip
            }
        }
        const GroupCounts counts = count_places(t);
        REQUIRE(counts.confirmed == confirmed);
        REQUIRE(counts.waiting == waitlisted + offered);
        REQUIRE(counts.pending == pending);
        // A pending place holds a place: counted in the size, never past the maximum; it does
        // not count towards forming.
        REQUIRE(counts.places_left == std::max(0, t.max_size - confirmed - offered - pending));
        REQUIRE(counts.places_to_form == std::max(0, t.min_size - confirmed));
        REQUIRE(confirmed <= t.max_size);
        REQUIRE(confirmed + offered + pending <= t.max_size);
        // Offers go to the earliest arrivals still waiting; nobody waits while a place is free.
        REQUIRE(last_offered_seq < first_waiting_seq);
        if (waitlisted > 0) REQUIRE(counts.places_left == 0);
        if (t.per_unit_cap)
            for (const auto& [unit, n] : held_by_unit) REQUIRE(n <= *t.per_unit_cap);
        REQUIRE(t.state == derive_state(t, now_));
        if (now_ >= t.join_deadline && t.state != GroupState::cancelled) {
            REQUIRE(waitlisted + offered + pending == 0);
            if (t.state == GroupState::locked) REQUIRE(confirmed >= t.min_size);
            if (t.state == GroupState::expired) REQUIRE(confirmed == 0);
        }
        if (t.state == GroupState::cancelled) REQUIRE(held_by_worker.empty());
    }

    void check_no_overlaps() {
        for (const Worker& w : workers_) {
            std::vector<TripSpan> spans;
            for (const GroupTrip& t : trips_)
                for (const Place& p : t.places)
                    if (p.worker == w.id && holds(p.state)) spans.push_back(span_of(t));
            for (std::size_t i = 0; i < spans.size(); ++i)
                for (std::size_t j = i + 1; j < spans.size(); ++j) {
                    INFO("worker " << w.id << " holds " << spans[i].group << " and " << spans[j].group);
                    REQUIRE_FALSE((spans[i].first <= spans[j].last && spans[j].first <= spans[i].last));
                }
        }
    }

    std::mt19937_64 rng_;
    Catalogue catalogue_;
    Instant now_;
    std::vector<Worker> workers_;
    std::vector<GroupTrip> trips_;
    std::int64_t seq_ = 0;
    int next_trip_ = 1;
    Stats stats_;
};

}  // namespace

TEST_CASE("random sequences of joins, withdrawals, offers, approvals and clock jumps keep every invariant", "[group][random]") {
    Stats total;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        Simulation sim(seed);
        for (int i = 0; i < 4000; ++i) sim.step();
        const Stats& s = sim.stats();
        total.joins_confirmed += s.joins_confirmed;
        total.joins_waitlisted += s.joins_waitlisted;
        total.withdrawals += s.withdrawals;
        total.acceptances += s.acceptances;
        total.cancellations += s.cancellations;
        total.lapsed_offers += s.lapsed_offers;
        total.locked += s.locked;
        total.expired += s.expired;
        total.joins_pending += s.joins_pending;
        total.approvals += s.approvals;
        total.declines += s.declines;
        total.lapsed_approvals += s.lapsed_approvals;
        for (const auto& [code, n] : s.refusals) total.refusals[code] += n;
    }
    WARN("confirmed joins " << total.joins_confirmed << ", waitlisted " << total.joins_waitlisted
                  << ", withdrawals " << total.withdrawals << ", acceptances " << total.acceptances << ", lapsed "
                  << total.lapsed_offers << ", cancelled " << total.cancellations << ", locked " << total.locked
                  << ", expired " << total.expired << ", pending joins " << total.joins_pending << ", approved "
                  << total.approvals << ", declined " << total.declines << ", approvals lapsed "
                  << total.lapsed_approvals);
    // The sequences really went through every path the invariants are meant to guard.
    CHECK(total.joins_confirmed > 1000);
    CHECK(total.joins_waitlisted > 500);
    CHECK(total.withdrawals > 500);
    CHECK(total.acceptances > 100);
    CHECK(total.lapsed_offers > 50);
    CHECK(total.cancellations > 10);
    CHECK(total.locked > 20);
    CHECK(total.expired > 5);
    CHECK(total.joins_pending > 300);
    CHECK(total.approvals > 50);
    CHECK(total.declines > 50);
    CHECK(total.lapsed_approvals > 20);
    for (const char* code : {"dates_overlap", "already_joined", "unit_cap_reached", "deadline_passed", "group_closed",
                             "not_a_member_of_group", "no_offer", "not_pending"}) {
        INFO(code);
        CHECK(total.refusals[code] > 0);
    }
}
