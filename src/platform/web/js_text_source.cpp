#include "platform/web/js_text_source.hpp"

#include "platform/web/js_imports.hpp"

#include <algorithm>

namespace liaoxiu::platform {

JsTextSource::~JsTextSource() { lx_body_release(body_); }

std::size_t JsTextSource::read(char* buffer, std::size_t capacity) {
    return static_cast<std::size_t>(lx_body_read(body_, buffer, static_cast<int>(std::min<std::size_t>(capacity, 1 << 30))));
}

}  // namespace liaoxiu::platform
