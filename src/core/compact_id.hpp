// CompactId: an identifier in 16 bytes instead of std::string's 32.
//
// A 10k-route catalogue holds about 325,000 places (each naming a worker and a
// unit) and 160,000 itinerary stops (each naming a member): there the size of an
// id is most of the size of the data. Ids are short ("w-123456", "u-00017",
// "m-qz-00042"), so up to 15 bytes are kept inline; a longer id (a UUID, say)
// goes to the heap and still works, only less compactly.
//
// Layout: 16 bytes. Inline, bytes 0..14 hold the text, NUL-padded, and byte 15
// holds 15 - size, which is itself the terminating NUL when the id is 15 bytes
// long, so the text is always NUL-terminated. On the heap, byte 15 is kHeapTag.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace liaoxiu {

class CompactId {
public:
    static constexpr std::size_t kInlineCapacity = 15;

    CompactId() noexcept { set_inline({}); }
    CompactId(std::string_view text) { assign(text); }  // NOLINT: implicit, an id is its text
    CompactId(const std::string& text) : CompactId(std::string_view(text)) {}  // NOLINT
    CompactId(const char* text) : CompactId(std::string_view(text)) {}          // NOLINT
    CompactId(const CompactId& other) { assign(other.view()); }
    CompactId(CompactId&& other) noexcept;
    CompactId& operator=(const CompactId& other);
    CompactId& operator=(CompactId&& other) noexcept;
    CompactId& operator=(std::string_view text);
    CompactId& operator=(const std::string& text) { return *this = std::string_view(text); }
    CompactId& operator=(const char* text) { return *this = std::string_view(text); }
    ~CompactId() { release(); }

    std::string_view view() const noexcept {
        return on_heap() ? std::string_view(heap_data(), heap_size())
                         : std::string_view(bytes_, kInlineCapacity - static_cast<unsigned char>(bytes_[15]));
    }
    operator std::string_view() const noexcept { return view(); }  // NOLINT: reads as text everywhere
    std::string str() const { return std::string(view()); }
    const char* c_str() const noexcept { return on_heap() ? heap_data() : bytes_; }
    std::size_t size() const noexcept { return view().size(); }
    bool empty() const noexcept { return size() == 0; }

    friend bool operator==(const CompactId& a, const CompactId& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CompactId& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactId& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactId& a, const char* b) noexcept { return a.view() == b; }
    // Through compare(): the libc++ Emscripten ships has no <=> for string_view.
    friend std::strong_ordering operator<=>(const CompactId& a, const CompactId& b) noexcept {
        return a.view().compare(b.view()) <=> 0;
    }
    friend std::strong_ordering operator<=>(const CompactId& a, std::string_view b) noexcept {
        return a.view().compare(b) <=> 0;
    }
    friend std::strong_ordering operator<=>(const CompactId& a, const std::string& b) noexcept {
        return a.view().compare(b) <=> 0;
    }

private:
    // On the heap: the pointer at byte 0 and the 32-bit size at byte 8 (copied in
    // and out with memcpy, so no type punning), the tag at byte 15.
    static constexpr char kHeapTag = static_cast<char>(0xFF);
    static constexpr std::size_t kSizeOffset = 8;

    bool on_heap() const noexcept { return bytes_[15] == kHeapTag; }
    const char* heap_data() const noexcept;
    std::size_t heap_size() const noexcept;
    void set_inline(std::string_view text) noexcept;
    void assign(std::string_view text);
    void release() noexcept;

    char bytes_[16];
};

static_assert(sizeof(CompactId) == 16, "CompactId must stay 16 bytes: that is its reason to exist");

std::string operator+(const std::string& left, const CompactId& right);
std::string operator+(const char* left, const CompactId& right);
std::ostream& operator<<(std::ostream& out, const CompactId& id);

}  // namespace liaoxiu

template <>
struct std::hash<liaoxiu::CompactId> {
    std::size_t operator()(const liaoxiu::CompactId& id) const noexcept {
        return std::hash<std::string_view>{}(id.view());
    }
};
