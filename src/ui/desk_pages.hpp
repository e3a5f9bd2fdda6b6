// The hook of the secretariat's desk: a table of pages the Ui asks about. The worker's build
// installs none, so no desk code is linked into its wasm; the desk build (desk.html) and
// the native builds install ui::desk::pages() (src/ui/desk/desk.hpp) with Ui::set_desk_pages.
// A page is one location under "#/desk/" and the function that draws it. Each entry of the
// left navigation is a page whose `section` is itself; other pages (a member's form) light
// up the entry of their section. A new desk page is one line in src/ui/desk/desk_pages.cpp.
#pragma once

#include "ui/location.hpp"

#include <span>

namespace liaoxiu::ui {

struct Context;

struct DeskPage {
    Screen screen;             // its location (location.hpp's desk_* values)
    Screen section;            // the navigation entry it belongs to: itself for an entry
    const char* zh;            // the entry's (or page's) title
    const char* en;
    void (*draw)(Context& ctx);  // the page; ctx.nav.current().id is its id, if it takes one
};

using DeskPages = std::span<const DeskPage>;

}  // namespace liaoxiu::ui
