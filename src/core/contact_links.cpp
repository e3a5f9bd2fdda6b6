#include "core/contact_links.hpp"

#include "core/query_params.hpp"

namespace liaoxiu {

std::string tel_link(std::string_view phone) {
    std::string number;
    bool digits = false;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') {
            number += c;
            digits = true;
        } else if (c == '+' && number.empty()) {
            number += c;
        } else if (c == '-') {
            if (!number.empty() && number.back() != '-') number += c;
        } else if (c == ' ' || c == '(' || c == ')' || c == '.') {
            // written around an area code or between groups: not dialled
        } else if (phone.substr(i, 3) == "（" || phone.substr(i, 3) == "）") {
            i += 2;
        } else {
            break;  // 转 (an extension), a second number after "/", or anything else: the number ends
        }
    }
    while (!number.empty() && number.back() == '-') number.pop_back();
    return digits ? "tel:" + number : std::string();
}

bool is_phone_number(std::string_view text) {
    if (text.empty() || text.size() > kMaxPhoneNumber) return false;
    std::size_t digits = 0;
    bool open_bracket = false;
    char previous = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '+') {
            if (i != 0) return false;
        } else if (c == '-' || c == ' ') {
            if (digits == 0 || previous == '-' || previous == ' ' || previous == '(') return false;
        } else if (c == '(') {
            if (open_bracket || (previous >= '0' && previous <= '9')) return false;
            open_bracket = true;
        } else if (c == ')') {
            if (!open_bracket || !(previous >= '0' && previous <= '9')) return false;
            open_bracket = false;
        } else {
            return false;
        }
        previous = c;
    }
    const bool ends_in_digit = previous >= '0' && previous <= '9';
    return !open_bracket && ends_in_digit && digits >= 5 && digits <= 15;
}

std::string map_link(const Member& member) {
    const std::string keyword = member.address.empty() ? member.name
                                : member.name.empty()  ? member.address
                                                       : member.name + " " + member.address;
    if (keyword.empty()) return {};
    std::string link = "https://uri.amap.com/search?keyword=";
    query_params::percent_escape(link, keyword);
    if (!member.city.empty()) {
        link += "&city=";
        query_params::percent_escape(link, member.city);
    }
    link += "&callnative=1";
    return link;
}

}  // namespace liaoxiu
