// The no-overbooking property, checked the same way on SQLite and PostgreSQL:
// N workers race for `places`; exactly `places` are confirmed, every other one is
// waitlisted, and the order (confirmed first, then waiting positions 1, 2, ...)
// is the arrival order the server recorded (seq), with no 5xx at all.
#pragma once

#include "test_world.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace liaoxiu::testing {

inline void check_no_overbooking(const std::vector<JoinAnswer>& answers, int places, httplib::Client& http,
                                 const Session& viewer, const std::string& group) {
    int confirmed = 0;
    int waitlisted = 0;
    for (const auto& answer : answers) {
        INFO(answer.worker << " answered " << answer.status << " " << answer.body);
        REQUIRE(answer.status == 200);
        if (answer.state == "confirmed") ++confirmed;
        if (answer.state == "waitlisted") ++waitlisted;
    }
    CHECK(confirmed == places);
    CHECK(waitlisted == static_cast<int>(answers.size()) - places);

    // Arrival order: sorted by seq, the first `places` are confirmed and the rest hold positions 1, 2, 3, ...
    auto sorted = answers;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        INFO("arrival " << i << ": " << sorted[i].body);
        if (static_cast<int>(i) < places) {
            CHECK(sorted[i].state == "confirmed");
        } else {
            CHECK(sorted[i].state == "waitlisted");
            CHECK(sorted[i].waitlist_position == static_cast<int>(i) - places + 1);
        }
        if (i > 0) CHECK(sorted[i].seq > sorted[i - 1].seq);
    }

    // What the database holds agrees with what was answered (`viewer` sees every worker's id:
    // the secretariat).
    auto res = http.Get("/api/v1/groups/" + group, viewer.headers());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto detail = parse(res->body);
    CHECK(detail["counts"]["confirmed"] == places);
    CHECK(detail["counts"]["waitlisted"] == static_cast<int>(answers.size()) - places);
    CHECK(detail["counts"]["places_left"] == 0);
    CHECK(detail["state"] == "full");
    std::map<std::string, std::string> stored;
    for (const auto& place : detail["places"]) stored[place["worker"]] = place["state"];
    for (const auto& answer : answers) CHECK(stored[answer.worker] == answer.state);
}

}  // namespace liaoxiu::testing
