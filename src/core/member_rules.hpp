// The secretariat's rules for a member unit (成员单位的准入与动态管理): what an admitted or
// edited member must hold, what a suspension touches, and the member search of the desk.
// One implementation, used by the endpoint (admit, edit, suspend), by the desk's form
// (checked before anything is sent, each problem at its field) and by its suspension dialog.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// A telephone number as a member unit lists it: a landline with its area code
// ("0570-3244062", "05703244062"), a mobile ("13812345678", "138-1234-5678") or a
// service line ("400-123-4567"). Digits with at most two single '-' or ' ' separators.
bool valid_phone(std::string_view phone);

// Every problem of a member's fields, each with its path ("name", "services[1].price"):
//   missing_value   id, alliance, name, city, county, address or phone empty (blank counts
//                   as empty); no service listed; a service without a name or unit
//   invalid_phone   the phone is not a number as above
//   invalid_price   a service's price below zero (a free visit, 0, is allowed)
// The id's syntax and whether the alliance exists are the endpoint's to check.
std::vector<DomainError> validate_member(const Member& member);

// What suspending (or removing) a member touches right now: the routes with a stop at it,
// which stop being bookable, and the group trips on those routes that still take places
// or are formed (open, formed, full, locked: not yet departed, not cancelled or expired),
// whose organizers must be told or whose stop must be replaced. Route ids in catalogue
// order; groups by departure, then id.
struct SuspensionImpact {
    std::vector<Id> routes;
    std::vector<Id> groups;

    bool operator==(const SuspensionImpact&) const = default;
};
SuspensionImpact suspension_impact(const Catalogue& catalogue, std::string_view member);

// The desk's member search: a member matches a term in its name, city or county, as the
// route search matches (search.hpp): the text itself (case- and width-folded), its pinyin
// from any syllable start ("quzhou", "zhou") or a run of syllable initials ("qzgj"; "zhsh"
// typed as initials means z + s). Several whitespace-separated terms must all match.
// Built once per member list: every member's texts are folded and spelled then, each form of
// all members laid end to end in one buffer, so a term is one scan of three buffers (every
// occurrence found by find, the member it lies in by a binary search, the rest of that member
// skipped), not a pass over 5,000 members' strings; with the 10k catalogue's 5,000 members a
// whole search is a few tenths of a millisecond at most (bench_desk).
class MemberSearch {
public:
    MemberSearch() = default;
    explicit MemberSearch(const std::vector<Member>& members);

    // Indices of the members matching `query`, in member order; every member when empty.
    std::vector<std::uint32_t> search(std::string_view query) const;
    // The same, among `candidates` only (any order, kept; indices out of range dropped).
    std::vector<std::uint32_t> search_within(std::string_view query, const std::vector<std::uint32_t>& candidates) const;
    // One member against `query` (the same rule).
    bool matches(std::size_t member, std::string_view query) const;
    std::size_t size() const { return count_; }

private:
    // One form of every member's texts: member i's name, city and county, each followed by
    // '\n' (never in a folded text or a term), in buffer[ends[i-1] .. ends[i]).
    struct Forms {
        std::string buffer;
        std::vector<std::uint32_t> ends;
        std::uint32_t member_at(std::size_t pos) const;
        std::string_view of(std::size_t member) const;
    };
    // Calls visit(member) for the members with `term` in `forms` at a position `accept` takes
    // (once per member: the rest of a member is skipped after its first occurrence).
    template <class Accept, class Visit>
    static void for_each_member_with(const Forms& forms, std::string_view term, Accept accept, Visit visit);
    // Calls visit(member) for every member `term` matches (a member may be visited more than once).
    template <class Visit>
    void for_each_match(const std::string& term, Visit visit) const;
    bool member_matches(std::size_t member, const std::string& term) const;

    std::size_t count_ = 0;
    Forms folded_;    // case and width folded
    Forms pinyin_;    // full pinyin
    Forms initials_;  // syllable initials (zh/ch/sh as z/c/s)
    std::vector<bool> syllable_start_;  // per byte of pinyin_.buffer: a syllable begins there
};

}  // namespace liaoxiu
