// A body that stays in JavaScript's memory (js_text_source.js, lxBodies),
// read into wasm a chunk at a time. The wasm heap never shrinks, so a 57 MB catalogue
// copied in whole would stay its high-water mark for the life of the page; read this way
// the heap holds only what the parser decodes from it.
#pragma once

#include "core/text_stream.hpp"

namespace liaoxiu::platform {

class JsTextSource final : public TextSource {
public:
    explicit JsTextSource(int body) : body_(body) {}
    ~JsTextSource() override;  // releases the body on the JavaScript side
    JsTextSource(const JsTextSource&) = delete;
    JsTextSource& operator=(const JsTextSource&) = delete;

    std::size_t read(char* buffer, std::size_t capacity) override;

private:
    int body_;
};

}  // namespace liaoxiu::platform
