// Text read in pieces. A large document (a 10k-route catalogue is 57 MB of JSON) need not
// sit in memory whole to be parsed: in the browser it stays in JavaScript's memory and
// wasm pulls it a chunk at a time, so the wasm heap (which never shrinks) holds only the
// decoded result. Parsers that take a TextSource read it once, front to back.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace liaoxiu {

class TextSource {
public:
    virtual ~TextSource() = default;
    // Copies the next bytes, at most `capacity`, to `buffer` and returns how many; 0 only at the end.
    virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
};

// Text already in memory.
class StringSource final : public TextSource {
public:
    explicit StringSource(std::string_view text) : text_(text) {}
    std::size_t read(char* buffer, std::size_t capacity) override {
        const std::size_t count = std::min(capacity, text_.size() - at_);
        if (count > 0) std::memcpy(buffer, text_.data() + at_, count);
        at_ += count;
        return count;
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// Where text is written in pieces, so that a large document need not be built whole.
class TextSink {
public:
    virtual ~TextSink() = default;
    // Takes the next piece; false to stop the writer (a full quota, say).
    virtual bool write(std::string_view text) = 0;
};

// Collects the pieces into one string.
class StringSink final : public TextSink {
public:
    std::string text;
    bool write(std::string_view piece) override {
        text.append(piece);
        return true;
    }
};

// The rest of `source` as one string: for texts known to be small.
inline std::string read_all(TextSource& source) {
    std::string text;
    char chunk[16384];
    for (std::size_t count; (count = source.read(chunk, sizeof chunk)) > 0;) text.append(chunk, count);
    return text;
}

}  // namespace liaoxiu
