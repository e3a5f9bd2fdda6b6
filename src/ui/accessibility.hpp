// The accessibility tree's content: the items of a frame (ItemRegistry) as the nodes a screen
// reader and the keyboard are given — each button, chip, checkbox and text field with its role,
// name, state and place, and the text the screens note, in the order the screen submitted them
// (its reading order). Pure: the web page mirrors it into HTML (platform/web/semantics.*).
#pragma once

#include "ui/item_registry.hpp"

#include <string>
#include <vector>

namespace liaoxiu::ui {

// One node after another: fields separated by 0x1F, each node ended by 0x1E —
//   id (hex), role, state, x, y, width, height (CSS px, rounded), name, value (a text field's text)
// role: b button (state 1 when it is the tab of the screen on view), p toggle (a chip: state 1
// when selected), c checkbox (state 1 when checked), t text field (state: its FieldKind as a
// digit), x text; an "h" follows the role when the item is outside its window's visible area.
// While a modal dialog is open, the first node is the dialog itself (id 0, role d, named by its
// title, no place) and the items under it are left out. An item with no name of its own is named
// by the text drawn inside it (which is then not said again); an item with no name at all is left out.
std::string describe_items(const std::vector<ItemRecord>& items, const std::string& dialog = {});

}  // namespace liaoxiu::ui
