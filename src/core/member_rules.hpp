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
// from any syllable start ("quzhou", "zhou") or a run of syllable initials ("qzgj").
// Several whitespace-separated terms must all match. Built once per member list; a query
// is one pass over precomputed forms (5,000 members: well under a millisecond).
class MemberSearch {
public:
    MemberSearch() = default;
    explicit MemberSearch(const std::vector<Member>& members);

    // Indices of the members matching `query`, in member order; every member when empty.
    std::vector<std::uint32_t> search(std::string_view query) const;
    // The same, among `candidates` only (ascending indices): what matched a query stays a
    // superset of what matches it with more typed, so typing narrows the last answer.
    std::vector<std::uint32_t> search_within(std::string_view query, const std::vector<std::uint32_t>& candidates) const;
    // One member against `query` (the same rule).
    bool matches(std::size_t member, std::string_view query) const;
    std::size_t size() const { return forms_.size(); }

private:
    struct Forms {
        std::string folded;    // name, city, county folded, '\n' between
        std::string pinyin;    // full pinyin of each, '\n' between
        std::vector<std::uint32_t> starts;  // syllable starts in `pinyin`
        std::string initials;  // initials of each, '\n' between (zh/ch/sh as z/c/s)
    };
    bool term_matches(const Forms& forms, std::string_view term, bool ascii) const;
    std::vector<Forms> forms_;
};

}  // namespace liaoxiu
