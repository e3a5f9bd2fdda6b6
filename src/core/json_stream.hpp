// Reading a large JSON document without holding it as one tree.
//
// A catalogue document is an object whose bulk sits in a few arrays ("routes",
// "groups", ...). Parsed as one nlohmann::json tree, 57 MB of text become several
// hundred MB of nodes. stream_root_arrays parses the text once with nlohmann's SAX
// interface and hands each element of the named root arrays to a visitor as soon as
// that element is complete, so only one element's tree exists at a time; everything
// else of the document is kept in `head` (where the named arrays appear empty).
#pragma once

#include "core/text_stream.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

class RootArrayVisitor {
public:
    virtual ~RootArrayVisitor() = default;
    // The root object's array `key` begins (again, if the key is repeated: the later one wins).
    virtual void begin(std::string_view key) = 0;
    // One complete element of it; the visitor may move from `element`.
    virtual void element(std::string_view key, std::size_t index, nlohmann::json& element) = 0;
};

struct JsonSyntaxError {
    std::size_t position = 0;  // byte offset where parsing stopped
    std::string message;
    bool nul_byte = false;     // stopped at a NUL byte (at `position`)
};

// Streams the elements of the root object's arrays named in `keys` to `visitor`; if the
// root is not an object, or a named key holds something other than an array, that value
// lands in `head` whole. Returns the syntax error if the text is not one JSON value; a NUL
// byte (never valid in JSON text, and taken by nlohmann's lexer for the end) is one.
std::optional<JsonSyntaxError> stream_root_arrays(TextSource& text, const std::vector<std::string_view>& keys,
                                                  RootArrayVisitor& visitor, nlohmann::json& head);
std::optional<JsonSyntaxError> stream_root_arrays(std::string_view text, const std::vector<std::string_view>& keys,
                                                  RootArrayVisitor& visitor, nlohmann::json& head);

}  // namespace liaoxiu
