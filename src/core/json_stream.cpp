#include "core/json_stream.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <istream>
#include <streambuf>
#include <utility>

namespace liaoxiu {
namespace {

using nlohmann::json;

// Builds trees from SAX events: the head's, and, while inside a streamed array, one
// element's at a time. Each stack holds the containers still open, innermost last;
// only the last child of a container can be open, so pointers on a stack stay valid.
class Streamer final : public nlohmann::json_sax<json> {
public:
    Streamer(const std::vector<std::string_view>& keys, RootArrayVisitor& visitor, json& head)
        : keys_(keys), visitor_(visitor), head_(head) {}

    std::optional<JsonSyntaxError> error;

    bool null() override { return put(json(nullptr)); }
    bool boolean(bool value) override { return put(json(value)); }
    bool number_integer(number_integer_t value) override { return put(json(value)); }
    bool number_unsigned(number_unsigned_t value) override { return put(json(value)); }
    bool number_float(number_float_t value, const string_t&) override { return put(json(value)); }
    bool string(string_t& value) override { return put(json(std::move(value))); }
    bool binary(binary_t& value) override { return put(json::binary(std::move(value))); }
    bool key(string_t& name) override {
        key_ = std::move(name);
        return true;
    }
    bool start_object(std::size_t) override { return open(json::value_t::object); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        if (!streaming_ && head_stack_.size() == 1 && head_.is_object() && is_streamed(key_)) {
            head_[key_] = json::array();
            streamed_key_ = key_;
            index_ = 0;
            streaming_ = true;
            visitor_.begin(streamed_key_);
            return true;
        }
        return open(json::value_t::array);
    }
    bool end_array() override {
        if (streaming_ && element_stack_.empty()) {  // the streamed array itself ends
            streaming_ = false;
            return true;
        }
        return close();
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        error = JsonSyntaxError{position, ex.what()};
        return false;
    }

private:
    bool is_streamed(const std::string& key) const {
        return std::find(keys_.begin(), keys_.end(), std::string_view(key)) != keys_.end();
    }

    // Adds `value` to the innermost open container (under the last key, for an object).
    json* insert(json& container, json&& value) {
        if (container.is_array()) {
            container.push_back(std::move(value));
            return &container.back();
        }
        json& slot = container[key_];
        slot = std::move(value);
        return &slot;
    }

    bool put(json&& value) {
        if (streaming_) {
            if (element_stack_.empty()) {
                element_ = std::move(value);
                emit();
            } else {
                insert(*element_stack_.back(), std::move(value));
            }
        } else if (head_stack_.empty()) {
            head_ = std::move(value);
        } else {
            insert(*head_stack_.back(), std::move(value));
        }
        return true;
    }

    bool open(json::value_t type) {
        auto& stack = streaming_ ? element_stack_ : head_stack_;
        json& root = streaming_ ? element_ : head_;
        json* slot = stack.empty() ? &(root = json(type)) : insert(*stack.back(), json(type));
        stack.push_back(slot);
        return true;
    }

    bool close() {
        auto& stack = streaming_ ? element_stack_ : head_stack_;
        stack.pop_back();
        if (streaming_ && stack.empty()) emit();
        return true;
    }

    void emit() {
        visitor_.element(streamed_key_, index_++, element_);
        element_ = json();
    }

    const std::vector<std::string_view>& keys_;
    RootArrayVisitor& visitor_;
    json& head_;
    std::vector<json*> head_stack_, element_stack_;
    json element_;
    std::string key_, streamed_key_;
    std::size_t index_ = 0;
    bool streaming_ = false;
};

// Feeds nlohmann's parser from a TextSource, a chunk at a time, as a std::streambuf.
// A NUL byte ends the input there (nlohmann's lexer would take it for the end anyway,
// so "1\0junk" would pass) and is remembered, to be reported as what it is.
class SourceBuffer final : public std::streambuf {
public:
    explicit SourceBuffer(TextSource& source) : source_(source) {}

    std::optional<std::size_t> nul_at;  // byte offset of the first NUL, once read

protected:
    int_type underflow() override {
        if (nul_at) return traits_type::eof();
        const std::size_t count = source_.read(chunk_.data(), chunk_.size());
        std::size_t usable = count;
        if (const void* nul = std::memchr(chunk_.data(), '\0', count)) {
            usable = static_cast<std::size_t>(static_cast<const char*>(nul) - chunk_.data());
            nul_at = delivered_ + usable;
        }
        delivered_ += usable;
        setg(chunk_.data(), chunk_.data(), chunk_.data() + usable);
        return usable == 0 ? traits_type::eof() : traits_type::to_int_type(chunk_[0]);
    }

private:
    TextSource& source_;
    std::array<char, 64 * 1024> chunk_{};
    std::size_t delivered_ = 0;
};

}  // namespace

std::optional<JsonSyntaxError> stream_root_arrays(TextSource& text, const std::vector<std::string_view>& keys,
                                                  RootArrayVisitor& visitor, json& head) {
    head = json();
    Streamer streamer(keys, visitor, head);
    SourceBuffer buffer(text);
    std::istream input(&buffer);
    const bool parsed = json::sax_parse(input, &streamer);
    std::optional<JsonSyntaxError> error;
    if (!parsed) error = streamer.error.value_or(JsonSyntaxError{0, "incomplete JSON"});
    if (buffer.nul_at && (!error || error->position > *buffer.nul_at)) {
        error = JsonSyntaxError{*buffer.nul_at, "a NUL byte at offset " + std::to_string(*buffer.nul_at), true};
    }
    return error;
}

std::optional<JsonSyntaxError> stream_root_arrays(std::string_view text, const std::vector<std::string_view>& keys,
                                                  RootArrayVisitor& visitor, json& head) {
    StringSource source(text);
    return stream_root_arrays(source, keys, visitor, head);
}

}  // namespace liaoxiu
