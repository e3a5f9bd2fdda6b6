// Catalogue search: one query box plus filters and sorts over the routes of a Catalogue.
//
// What the query text matches (case- and width-insensitive), per route:
//   the title, each theme, each city, and the name of every member on the route's stops.
// How it matches, best first (MatchKind):
//   exact      the whole field equals the term            "衢州" vs city 衢州
//   prefix     the field starts with the term             "江郎" vs 江郎山风景名胜区
//   substring  the field contains the term                "郎山" vs 江郎山
//   pinyin     the term, typed in pinyin, starts at a syllable boundary of the field's
//              full pinyin: "quzhou", "zhou", "JiangLang" and "quzho" (while typing)
//              find 衢州, "uzho" does not. ü is typed "v", "yu" or "ü" (绿 = "lv", "lyu",
//              "lü"; 女 = "nv", "nyu"), üe also "ue" (略 = "lve", "lue"); apostrophes
//              are ignored ("xi'an").
//   initials   the term is a run of syllable initials: "jls" finds 江郎山, "qz" 衢州.
//              zh/ch/sh count as z/c/s.
// A character with several readings matches by any of them (core/pinyin.hpp's
// spell_pinyin_all): 重庆 is found by "chongqing", "zhongqing", "cq" and "zq"; 长兴 by
// "changxing". That holds in texts of at most 10 characters (places, units, themes, short
// titles); a longer title is spelled with its characters' first readings only, and the
// place it names is found by its city or its stops (search.cpp: index_spellings). A
// character without a known reading is left out of the pinyin forms.
// A query with several whitespace-separated terms ("衢州 温泉") keeps the routes that
// match every term (each in any field); a route's match is the worst of its terms' best.
// Pinyin and initials are tried only for ASCII terms (a Chinese term matches literally).
// Malformed UTF-8 in the query is skipped (it separates terms) and never throws.
//
// Order (SearchQuery::sort):
//   relevance  by match kind, then by title (in pinyin order, then codepoint order).
//              With no query text every route ties, so this is title order.
//   price      by price after subsidy, then relevance, then title.
//   days       by number of days, then relevance, then title.
//   departure  by the soonest departure of the route's open/formed groups, then relevance,
//              then title; routes without such a group always come last.
// `descending` reverses the primary key only (not the tie-breaks, not "no group last").
//
// Cost: building sorts every allowed match start of every distinct text (three forms),
// and matches the 26 one-letter terms once (a byte per route each); any other query term
// is two binary searches per form, then one pass over the postings of
// the texts it matched and one over the routes (filters), then a sort of the hits
// (relevance needs none: hits are collected in title order and split by match kind).
// tests/bench/bench_core measures it on the 10,000-route catalogue.
//
// The index copies what it needs from the Catalogue and keeps no reference to it, but
// the route numbers it returns are indices into the `routes` of the Catalogue it was
// built from: rebuild the index when the routes or members change. Group trips change
// more often; refresh_groups() recomputes the group-derived data alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"

namespace liaoxiu {

enum class MatchKind : std::uint8_t {
    exact,
    prefix,
    substring,
    pinyin,
    initials,
    no_text,  // the query had no text: every route that passes the filters
};

enum class SortKey { relevance, price, days, departure };

struct SearchQuery {
    std::string text;                      // the query box; empty = everything

    std::optional<std::string> theme;      // the route lists this theme (exact)
    std::optional<std::string> city;       // the route lists this city (exact)
    std::optional<Season> season;          // the route runs in this season
    std::optional<int> min_days;
    std::optional<int> max_days;
    std::optional<Fen> min_price;          // price after subsidy, per person
    std::optional<Fen> max_price;
    std::optional<Category> member_category;  // some stop's member has this category
    bool only_with_open_groups = false;    // the route has an open or formed group

    SortKey sort = SortKey::relevance;
    bool descending = false;
    // The routes of this alliance come first (a worker's own region), each part in the
    // sort's order; the others still follow.
    std::optional<Id> first_alliance;
};

struct SearchHit {
    std::size_t route = 0;  // index into Catalogue::routes
    MatchKind match = MatchKind::no_text;
};

class SearchIndex {
public:
    explicit SearchIndex(const Catalogue& catalogue);

    std::vector<SearchHit> search(const SearchQuery& query) const;

    // Recomputes which routes have open/formed groups and their soonest departure.
    void refresh_groups(const std::vector<GroupTrip>& groups);

    std::size_t route_count() const { return routes_.size(); }
    bool has_open_groups(std::size_t route) const;
    std::optional<Day> soonest_departure(std::size_t route) const;  // of open/formed groups

    // Bytes held by the index (capacity of its buffers and tables; hash maps estimated).
    std::size_t memory_bytes() const;

private:
    // Per-route facts the filters and sorts read.
    struct RouteFacts {
        Fen price_after_subsidy = 0;
        std::int32_t days = 0;
        std::uint32_t title_order = 0;      // position in title order (unique)
        std::uint32_t price_rank = 0;       // dense rank of price_after_subsidy
        std::uint32_t days_rank = 0;        // dense rank of days
        std::uint8_t seasons = 0;           // bit per Season
        std::uint8_t categories = 0;        // bit per Category of the stops' members
        std::uint16_t alliance = 0;         // index into alliance_ids_
    };

    // Every distinct searchable string (titles, themes, cities, member names) is stored
    // once, in three forms, each concatenated into one buffer with a separator after
    // each text (the pinyin and initials forms: after each of the text's spellings, all in
    // the text's one region, its first spelling first). Where a match may begin (every codepoint of the folded text, every
    // syllable start of the pinyin, every initial) is listed once, sorted by the text
    // from there to the end of its text: all occurrences of a term are then one range
    // of that list, found by two binary searches (a suffix array, restricted to the
    // allowed starting points).
    struct MatchStart {
        std::uint32_t pos;   // byte offset in the buffer
        std::uint32_t text;  // which text it lies in
    };
    struct TextForms {
        std::string buffer;
        std::vector<std::uint32_t> starts;  // text i occupies [starts[i], starts[i+1] - 1)
        std::vector<MatchStart> match_starts;

        void sort_match_starts();
        std::string_view text_from(const MatchStart& start) const;
        template <class Visit>
        void for_each_occurrence(std::string_view term, Visit visit) const;
    };

    void make_text_forms(const std::vector<std::string_view>& texts);  // text i's forms, for every i
    void add_text_forms(std::string_view text);
    // Lowers best_by_text[t] to the best MatchKind of `term` in text t; appends each
    // text seen for the first time (best_by_text was kNoMatch) to `matched`.
    void match_term(const std::string& term, std::vector<std::uint8_t>& best_by_text,
                    std::vector<std::uint32_t>& matched) const;
    // Each route's best MatchKind level for `term` (kNoMatch when none) into levels[0 .. routes).
    // best_by_text must be all kNoMatch, and is left so.
    void route_levels_of_term(const std::string& term, std::vector<std::uint8_t>& best_by_text,
                              std::uint8_t* levels) const;
    bool passes_filters(std::size_t route, const SearchQuery& query,
                        std::optional<std::uint32_t> theme, std::optional<std::uint32_t> city) const;

    std::vector<RouteFacts> routes_;
    std::vector<std::uint32_t> route_by_title_order_;

    TextForms literal_;   // folded text ("江郎山", "spa温泉"), matches start at any codepoint
    TextForms pinyin_;    // full pinyin ("jianglangshan"), matches start at syllable starts
    TextForms initials_;  // initials ("jls"), matches start anywhere

    // Which routes each text belongs to (CSR: text i → text_routes_[text_route_starts_[i] ..]).
    std::vector<std::uint32_t> text_route_starts_;
    std::vector<std::uint32_t> text_routes_;

    // Theme and city filters: ids of the route's themes/cities (CSR), and name → id.
    std::unordered_map<std::string, std::uint32_t> theme_ids_;
    std::unordered_map<std::string, std::uint32_t> city_ids_;
    std::vector<std::uint32_t> route_theme_starts_, route_themes_;
    std::vector<std::uint32_t> route_city_starts_, route_cities_;

    // Group-derived (refresh_groups): soonest open/formed departure, dense rank for sorting.
    std::unordered_map<std::string, std::uint32_t> route_by_id_;
    std::vector<std::optional<Day>> soonest_departure_;
    std::vector<std::uint32_t> departure_rank_;

    // route_levels_of_term of each one-letter term "a" .. "z", made at build: letter * routes + route.
    std::vector<std::uint8_t> letter_levels_;

    // The routes' alliances, in order of first appearance (RouteFacts::alliance indexes it).
    std::vector<Id> alliance_ids_;
    // Moves the hits on routes of query.first_alliance to the front, keeping both parts' order.
    void put_alliance_first(std::vector<SearchHit>& hits, const SearchQuery& query) const;
};

// The alliance a person sees first on home, in the catalogue and in search: the one chosen on
// this device if the catalogue still has it, else the one their unit belongs to, else the
// catalogue's first. nullptr only when the catalogue has no alliance.
const Alliance* leading_alliance(const Catalogue& catalogue, std::string_view chosen, std::string_view unit);

// The text as search compares it: width and case folded, control characters as spaces,
// malformed bytes as U+FFFD. The catalogue's search and the desk's member search share it.
std::string fold_text(std::string_view text);
// A query split into folded terms: whitespace, control characters and malformed UTF-8
// separate them.
std::vector<std::string> query_terms(std::string_view text);

}  // namespace liaoxiu
