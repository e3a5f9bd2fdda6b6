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

// A map search for the member where it is: Amap's URI API (opens the Amap app on a phone
// that has it, its web map elsewhere), the member's name and address as the keyword, its
// city to narrow it. Empty when the member has neither a name nor an address.
std::string map_link(const Member& member);

}  // namespace liaoxiu
