#include "ui/accessibility.hpp"

#include <cmath>
#include <cstdio>

namespace liaoxiu::ui {

namespace {

// Text drawn over an item (a card's lines): its middle lies within the item's rectangle.
bool inside(const ItemRecord& text, const ItemRecord& item) {
    const float x = (text.min.x + text.max.x) / 2, y = (text.min.y + text.max.y) / 2;
    return x >= item.min.x && x <= item.max.x && y >= item.min.y && y <= item.max.y;
}

void append_number(std::string& out, float value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%d", static_cast<int>(std::lround(value)));
    out += buffer;
}

// The separators never occur in a name or value (they are control characters no screen draws).
void append_text(std::string& out, const std::string& text) {
    for (char c : text) out += (c == '\x1e' || c == '\x1f') ? ' ' : c;
}

}  // namespace

std::string describe_items(const std::vector<ItemRecord>& items, const std::string& dialog) {
    // Interactive items with no name of their own (a card drawn over an invisible button) are
    // named by the text drawn inside them; that text is then not said a second time.
    std::vector<bool> spoken(items.size(), false);
    std::string out;
    out.reserve(items.size() * 48);
    if (!dialog.empty()) {
        out += "0\x1f" "d\x1f" "0\x1f" "0\x1f" "0\x1f" "0\x1f" "0\x1f";
        append_text(out, dialog);
        out += "\x1f\x1e";
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const ItemRecord& item = items[i];
        if (item.behind_modal || spoken[i]) continue;
        std::string name = item.label;
        if (item.id != 0) {
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                if (items[j].id != 0 || !inside(items[j], item)) continue;
                spoken[j] = true;
                if (name.find(items[j].label) == std::string::npos) {  // not what the name already says
                    if (!name.empty()) name += "，";
                    name += items[j].label;
                }
            }
        }
        if (name.empty()) continue;
        char role = 'b';
        int state = 0;
        if (item.id == 0) {
            role = 'x';
        } else if (item.text_field) {
            role = 't';
            state = static_cast<int>(item.field_kind);
        } else if (item.checkable) {
            role = 'c';
            state = item.checked ? 1 : 0;
        } else if (item.toggle) {
            role = 'p';
            state = item.selected ? 1 : 0;
        } else if (item.current) {
            state = 1;
        }
        char id[12];
        std::snprintf(id, sizeof id, "%x", item.id);
        out += id;
        out += '\x1f';
        out += role;
        if (!item.visible) out += 'h';
        out += '\x1f';
        out += static_cast<char>('0' + state);
        for (float value : {item.min.x, item.min.y, item.max.x - item.min.x, item.max.y - item.min.y}) {
            out += '\x1f';
            append_number(out, value);
        }
        out += '\x1f';
        append_text(out, name);
        out += '\x1f';
        if (item.text_field) append_text(out, item.value);
        out += '\x1e';
    }
    return out;
}

}  // namespace liaoxiu::ui
