#include "core/member_rules.hpp"

#include "core/group_trip.hpp"
#include "core/pinyin.hpp"
#include "core/search.hpp"

#include <algorithm>
#include <string_view>

namespace liaoxiu {
namespace {

bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool is_ascii_letters(std::string_view term) {
    return std::all_of(term.begin(), term.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\''; });
}

std::string without_apostrophes(std::string_view term) {
    std::string out;
    for (char c : term)
        if (c != '\'') out.push_back(c);
    return out;
}

// "zhsh" typed as initials means z + s: zh, ch and sh count as their first letter.
std::string folded_initials(std::string_view term) {
    std::string out;
    for (std::size_t i = 0; i < term.size(); ++i) {
        out.push_back(term[i]);
        if ((term[i] == 'z' || term[i] == 'c' || term[i] == 's') && i + 1 < term.size() && term[i + 1] == 'h') ++i;
    }
    return out;
}

}  // namespace

bool valid_phone(std::string_view phone) {
    std::string digits;
    std::vector<std::size_t> groups;  // digits per group between separators
    std::size_t run = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            ++run;
        } else if (c == '-' || c == ' ') {
            if (run == 0) return false;  // leading or doubled separator
            groups.push_back(run);
            run = 0;
        } else {
            return false;
        }
    }
    if (run == 0) return false;  // empty or a trailing separator
    groups.push_back(run);
    if (groups.size() > 3) return false;
    const std::size_t n = digits.size();
    if (n == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') return true;  // mobile
    if ((digits.starts_with("400") || digits.starts_with("800")) && n == 10) return true;  // service line
    if (digits[0] == '0' && digits[1] != '0' && n >= 10 && n <= 12) {
        // A landline: an area code of 3 or 4 digits (010, 0570) before 7 or 8 digits.
        if (groups.size() == 1) return true;
        return (groups[0] == 3 || groups[0] == 4) && groups.size() == 2 && (groups[1] == 7 || groups[1] == 8);
    }
    return false;
}

std::vector<DomainError> validate_member(const Member& member) {
    std::vector<DomainError> problems;
    auto required = [&](std::string_view value, const char* path, const char* zh, const char* en) {
        if (blank(value))
            problems.push_back(make_error("missing_value", std::string("请填写") + zh, std::string(en) + " is required", path));
    };
    required(member.id, "id", "编号", "the id");
    required(member.alliance, "alliance", "所属联盟", "the alliance");
    required(member.name, "name", "单位名称", "the name");
    required(member.city, "city", "城市", "the city");
    required(member.county, "county", "区县", "the county");
    required(member.address, "address", "地址", "the address");
    required(member.phone, "phone", "联系电话", "the phone number");
    if (!blank(member.phone) && !valid_phone(member.phone)) {
        problems.push_back(make_error("invalid_phone", "电话格式不正确：应为带区号的固话（如 0570-3244062）或11位手机号",
                                      "not a phone number: a landline with its area code (0570-3244062) or an 11-digit mobile",
                                      "phone"));
    }
    if (member.services.empty()) {
        problems.push_back(make_error("missing_value", "请至少列出一项服务及其价格", "list at least one service with its price",
                                      "services"));
    }
    for (std::size_t i = 0; i < member.services.size(); ++i) {
        const Service& service = member.services[i];
        const std::string at = "services[" + std::to_string(i) + "]";
        if (blank(service.name))
            problems.push_back(make_error("missing_value", "请填写服务名称", "the service needs a name", at + ".name"));
        if (service.price < 0)
            problems.push_back(make_error("invalid_price", "服务价格不能为负数", "a service's price cannot be negative", at + ".price"));
        if (blank(service.unit))
            problems.push_back(make_error("missing_value", "请填写计价单位（如 人/晚）", "the price needs its unit (per night, per person…)",
                                          at + ".unit"));
    }
    return problems;
}

SuspensionImpact suspension_impact(const Catalogue& catalogue, std::string_view member) {
    SuspensionImpact impact;
    for (const Route& route : catalogue.routes) {
        bool uses = false;
        for (const ItineraryDay& day : route.itinerary) {
            for (const Stop& stop : day.stops) uses = uses || stop.member.str() == member;
        }
        if (uses) impact.routes.push_back(route.id);
    }
    std::vector<const GroupTrip*> groups;
    for (const GroupTrip& trip : catalogue.groups) {
        const bool live = joinable_state(trip.state) || trip.state == GroupState::locked;
        if (live && std::find(impact.routes.begin(), impact.routes.end(), trip.route) != impact.routes.end())
            groups.push_back(&trip);
    }
    std::sort(groups.begin(), groups.end(), [](const GroupTrip* a, const GroupTrip* b) {
        return a->departure != b->departure ? a->departure < b->departure : a->id < b->id;
    });
    for (const GroupTrip* trip : groups) impact.groups.push_back(trip->id);
    return impact;
}

MemberSearch::MemberSearch(const std::vector<Member>& members) : count_(members.size()) {
    for (Forms* forms : {&folded_, &pinyin_, &initials_}) forms->ends.reserve(members.size());
    for (const Member& m : members) {
        for (const std::string* text : {&m.name, &m.city, &m.county}) {
            folded_.buffer += fold_text(*text);
            folded_.buffer.push_back('\n');
            // Every reading of a polyphonic name (长兴 changxing and zhangxing), one line each.
            for (const PinyinVariant& variant : spell_pinyin_all(*text)) {
                const PinyinSpelling& spelling = variant.spelling;
                const std::size_t base = pinyin_.buffer.size();
                pinyin_.buffer += spelling.full;
                pinyin_.buffer.push_back('\n');
                syllable_start_.resize(pinyin_.buffer.size(), false);
                for (std::uint32_t start : spelling.syllable_starts) syllable_start_[base + start] = true;
                initials_.buffer += spelling.initials;
                initials_.buffer.push_back('\n');
            }
        }
        for (Forms* forms : {&folded_, &pinyin_, &initials_})
            forms->ends.push_back(static_cast<std::uint32_t>(forms->buffer.size()));
    }
}

std::uint32_t MemberSearch::Forms::member_at(std::size_t pos) const {
    return static_cast<std::uint32_t>(std::upper_bound(ends.begin(), ends.end(), pos) - ends.begin());
}

std::string_view MemberSearch::Forms::of(std::size_t member) const {
    const std::size_t begin = member == 0 ? 0 : ends[member - 1];
    return std::string_view(buffer).substr(begin, ends[member] - begin);
}

template <class Accept, class Visit>
void MemberSearch::for_each_member_with(const Forms& forms, std::string_view term, Accept accept, Visit visit) {
    const std::string_view buffer(forms.buffer);
    std::size_t pos = buffer.find(term);
    while (pos != std::string_view::npos) {
        if (!accept(pos)) {
            pos = buffer.find(term, pos + 1);
            continue;
        }
        const std::uint32_t member = forms.member_at(pos);
        visit(member);
        pos = buffer.find(term, forms.ends[member]);
    }
}

template <class Visit>
void MemberSearch::for_each_match(const std::string& term, Visit visit) const {
    auto anywhere = [](std::size_t) { return true; };
    for_each_member_with(folded_, term, anywhere, visit);
    if (!is_ascii_letters(term)) return;
    const std::string letters = without_apostrophes(term);
    if (letters.empty()) return;
    for_each_member_with(pinyin_, letters, [&](std::size_t pos) { return syllable_start_[pos]; }, visit);
    for_each_member_with(initials_, letters, anywhere, visit);
    const std::string folded = folded_initials(letters);
    if (folded != letters) for_each_member_with(initials_, folded, anywhere, visit);
}

bool MemberSearch::member_matches(std::size_t member, const std::string& term) const {
    if (folded_.of(member).find(term) != std::string_view::npos) return true;
    if (!is_ascii_letters(term)) return false;
    const std::string letters = without_apostrophes(term);
    if (letters.empty()) return false;
    const std::string_view pinyin = pinyin_.of(member);
    const std::size_t base = member == 0 ? 0 : pinyin_.ends[member - 1];
    for (std::size_t pos = pinyin.find(letters); pos != std::string_view::npos; pos = pinyin.find(letters, pos + 1))
        if (syllable_start_[base + pos]) return true;
    const std::string_view initials = initials_.of(member);
    if (initials.find(letters) != std::string_view::npos) return true;
    const std::string folded = folded_initials(letters);
    return folded != letters && initials.find(folded) != std::string_view::npos;
}

bool MemberSearch::matches(std::size_t member, std::string_view query) const {
    if (member >= count_) return false;
    for (const std::string& term : query_terms(query))
        if (!member_matches(member, term)) return false;
    return true;
}

std::vector<std::uint32_t> MemberSearch::search(std::string_view query) const {
    const std::vector<std::string> terms = query_terms(query);
    std::vector<std::uint32_t> out;
    if (terms.empty()) {
        out.resize(count_);
        for (std::size_t i = 0; i < count_; ++i) out[i] = static_cast<std::uint32_t>(i);
        return out;
    }
    // How many of the terms so far each member matched: a term counts for a member only when
    // every earlier one did, and once however often it occurs in the member's texts.
    std::vector<std::uint32_t> matched(count_, 0);
    for (std::uint32_t t = 0; t < terms.size(); ++t) {
        std::size_t still = 0;
        for_each_match(terms[t], [&](std::uint32_t member) {
            if (matched[member] == t) {
                matched[member] = t + 1;
                ++still;
            }
        });
        if (still == 0) return out;
    }
    const auto all = static_cast<std::uint32_t>(terms.size());
    for (std::size_t i = 0; i < count_; ++i)
        if (matched[i] == all) out.push_back(static_cast<std::uint32_t>(i));
    return out;
}

std::vector<std::uint32_t> MemberSearch::search_within(std::string_view query, const std::vector<std::uint32_t>& candidates) const {
    const std::vector<std::string> terms = query_terms(query);
    std::vector<std::uint32_t> out;
    out.reserve(candidates.size());
    // A few candidates are checked one by one; many are met in one scan over all members.
    if (candidates.size() * 8 < count_ || terms.empty()) {
        for (std::uint32_t i : candidates) {
            if (i >= count_) continue;
            bool all = true;
            for (std::size_t t = 0; t < terms.size() && all; ++t) all = member_matches(i, terms[t]);
            if (all) out.push_back(i);
        }
        return out;
    }
    std::vector<bool> hit(count_, false);
    for (std::uint32_t i : search(query)) hit[i] = true;
    for (std::uint32_t i : candidates)
        if (i < count_ && hit[i]) out.push_back(i);
    return out;
}

}  // namespace liaoxiu
