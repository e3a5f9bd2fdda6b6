#include "platform/web/web_services.hpp"

#include "platform/web/js_imports.hpp"

#include <emscripten/html5.h>  // emscripten_date_now

#include <cstdlib>

namespace liaoxiu::platform {

Instant WebServices::now() const {
    // Wall-clock time: deadlines and countdowns are about real dates, not time since page load.
    return static_cast<Instant>(emscripten_date_now() / 1000.0);
}

std::string WebServices::link_to(const std::string& location) const {
    char* address = lx_page_address();
    std::string link = std::string(address) + location;
    std::free(address);
    return link;
}

bool WebServices::share(const std::string& title, const std::string& url) { return lx_share(title.c_str(), url.c_str()) != 0; }

void WebServices::copy_text(const std::string& text) { lx_clipboard_write(text.c_str()); }

void WebServices::open_link(const std::string& url) { lx_open_link(url.c_str()); }

void WebServices::save_file(const std::string& name, const std::string& mime, const std::string& bytes) {
    lx_save_file(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}
void WebServices::open_page(const std::string& page) { lx_open_page(page.c_str()); }
void WebServices::open_document(const std::string& title, const std::string& html) {
    lx_open_document(title.c_str(), html.data(), static_cast<int>(html.size()));
}

}  // namespace liaoxiu::platform
