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
