#include "core/csv.hpp"

namespace liaoxiu::csv {

bool looks_like_formula(std::string_view text) {
    if (text.empty()) return false;
    switch (text.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r': return true;
        default: return false;
    }
}

std::string field(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 3);
    out += '"';
    if (looks_like_formula(text)) out += '\'';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

Writer::Writer() : bytes_(kByteOrderMark) {}

void Writer::row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) bytes_ += ',';
        bytes_ += field(fields[i]);
    }
    bytes_ += "\r\n";
}

}  // namespace liaoxiu::csv
