// Links that take a worker from a member's details to their phone's dialler and map app:
// written once here, so every screen that shows a member offers the same ones.
#pragma once

#include "core/model.hpp"

#include <string>
#include <string_view>

namespace liaoxiu {

// "tel:0570-8888888": the number's digits, a leading + and the "-" separators a dialler keeps
// (RFC 3966's visual separators); spaces, dots and brackets around an area code dropped. The
// number ends at anything else (转 and an extension, "/" and a second number). Empty when
// no digit comes before that.
std::string tel_link(std::string_view phone);

// The longest phone number kept, in characters.
inline constexpr std::size_t kMaxPhoneNumber = 24;

// A phone number as a person writes one: 5 to 15 digits (E.164's most), an optional leading
// "+", and between digits single separators "-", " " or brackets around a group
// ("(0570) 3021234"); at most kMaxPhoneNumber characters. Nothing else (no letters, no 转
// extension: the dialler could not follow it).
bool is_phone_number(std::string_view text);

// A map search for the member where it is: Amap's URI API (opens the Amap app on a phone
// that has it, its web map elsewhere), the member's name and address as the keyword, its
// city to narrow it. Empty when the member has neither a name nor an address.
std::string map_link(const Member& member);

}  // namespace liaoxiu
