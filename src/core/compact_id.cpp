#include "core/compact_id.hpp"

#include <cstring>
#include <ostream>
#include <stdexcept>
#include <utility>

namespace liaoxiu {

static_assert(sizeof(char*) <= 8, "the heap pointer must fit before the size field");

const char* CompactId::heap_data() const noexcept {
    const char* data = nullptr;
    std::memcpy(&data, bytes_, sizeof data);
    return data;
}

std::size_t CompactId::heap_size() const noexcept {
    std::uint32_t size = 0;
    std::memcpy(&size, bytes_ + kSizeOffset, sizeof size);
    return size;
}

void CompactId::set_inline(std::string_view text) noexcept {
    std::memset(bytes_, 0, sizeof bytes_);
    if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
    bytes_[15] = static_cast<char>(kInlineCapacity - text.size());
}

// Expects no heap text to be owned (a fresh object, or one just released).
void CompactId::assign(std::string_view text) {
    if (text.size() <= kInlineCapacity) {
        set_inline(text);
        return;
    }
    if (text.size() > UINT32_MAX) throw std::length_error("CompactId: identifier too long");
    char* data = new char[text.size() + 1];
    std::memcpy(data, text.data(), text.size());
    data[text.size()] = '\0';
    const auto size = static_cast<std::uint32_t>(text.size());
    std::memset(bytes_, 0, sizeof bytes_);
    std::memcpy(bytes_, &data, sizeof data);
    std::memcpy(bytes_ + kSizeOffset, &size, sizeof size);
    bytes_[15] = kHeapTag;
}

void CompactId::release() noexcept {
    if (on_heap()) delete[] heap_data();
    set_inline({});
}

CompactId::CompactId(CompactId&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);  // takes over a heap pointer as is
    other.set_inline({});
}

CompactId& CompactId::operator=(const CompactId& other) {
    if (this != &other) *this = other.view();
    return *this;
}

CompactId& CompactId::operator=(CompactId&& other) noexcept {
    if (this != &other) {
        release();
        std::memcpy(bytes_, other.bytes_, sizeof bytes_);
        other.set_inline({});
    }
    return *this;
}

CompactId& CompactId::operator=(std::string_view text) {
    // Copy first: `text` may point into this object's own heap text.
    CompactId copy(text);
    return *this = std::move(copy);
}

std::string operator+(const std::string& left, const CompactId& right) {
    std::string out = left;
    out += right.view();
    return out;
}

std::string operator+(const char* left, const CompactId& right) { return std::string(left) + right; }

std::ostream& operator<<(std::ostream& out, const CompactId& id) { return out << id.view(); }

}  // namespace liaoxiu
