// What the screens need from the device, beyond drawing: the clock, the page's address
// for share links, sharing, the clipboard and saving a file (a roster's CSV). The platform implements it; UI tests use
// a plain implementation that records what was asked.
#pragma once

#include "core/model.hpp"

#include <string>

namespace liaoxiu::ui {

class Services {
public:
    virtual ~Services() = default;
    virtual Instant now() const = 0;
    // The full address of an in-app location ("#/group/g-1") for links and QR codes.
    virtual std::string link_to(const std::string& location) const = 0;
    // Opens the system share sheet where there is one; otherwise copies the link.
    // Returns false when it fell back to copying.
    virtual bool share(const std::string& title, const std::string& url) = 0;
    virtual void copy_text(const std::string& text) = 0;
    // Hands an address outside the app to the device: "tel:0570…" dials, an https map link
    // opens the map app or site in a new tab. Nothing where there is none.
    virtual void open_link(const std::string& url) { (void)url; }
    // Hands a file to the person: a download in the browser, a file beside the desktop app.
    virtual void save_file(const std::string& name, const std::string& mime, const std::string& bytes) = 0;
    // Leaves for another page of the app beside this one, e.g. "desk.html#/desk/members" (the
    // secretariat's desk; same origin, so the same stored session). Nothing where there is none.
    virtual void open_page(const std::string& page) { (void)page; }
    // Opens a document the app made (the printable monthly report: one self-contained HTML
    // page) for reading and printing: a new tab in the browser. Where there is no browser
    // (the desktop app) it is saved as a file like save_file ("<title>.html").
    virtual void open_document(const std::string& title, const std::string& html) {
        save_file(title + ".html", "text/html;charset=utf-8", html);
    }
};

}  // namespace liaoxiu::ui
