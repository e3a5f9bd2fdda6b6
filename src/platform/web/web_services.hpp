// The device services the screens use, in the browser: the clock, share links built on
// the page's own address (so they work under any path prefix), the Web Share API with
// a copy-the-link fallback, the system clipboard, downloads of files the app makes, and
// documents it makes (the monthly report) opened in a new tab.
#pragma once

#include "ui/services.hpp"

namespace liaoxiu::platform {

class WebServices final : public ui::Services {
public:
    Instant now() const override;
    std::string link_to(const std::string& location) const override;
    bool share(const std::string& title, const std::string& url) override;
    void copy_text(const std::string& text) override;
    void open_link(const std::string& url) override;
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override;
    void open_page(const std::string& page) override;
    void open_document(const std::string& title, const std::string& html) override;
};

}  // namespace liaoxiu::platform
