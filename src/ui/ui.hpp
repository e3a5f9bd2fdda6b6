// The interface: reads a sync::ClientState, draws it with ImGui, and emits
// sync::Intents. It knows the domain core, the client seam and ImGui; never the
// platform, HTTP or JSON. The screens live in src/ui/screens/, one file each.
#pragma once

#include "sync/client.hpp"
#include "ui/catalogue_view.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/navigator.hpp"
#include "ui/screen_context.hpp"
#include "ui/services.hpp"
#include "ui/strings.hpp"
#include "ui/style.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::ui {

// Words for a screen reader: the platform puts them in a live region of the page.
// `urgent` ones (errors) interrupt; the others are read when the reader is idle.
struct Announcement {
    std::string text;
    bool urgent = false;
};

class Ui {
public:
    Ui(GlyphAtlas& glyphs, ItemRegistry& items, Services& services);

    // Why there is no catalogue to show (it could not be fetched or read); empty to clear.
    void set_load_error(std::string error);

    // Draws one frame covering the whole display. Call between ImGui::NewFrame and Render.
    // Every character the state will show is queued in the glyph atlas when its revision
    // changes, so it is in the atlas from the next frame on.
    void draw(const sync::ClientState& state, sync::Intents& intents);

    // After Render: false when ImGui laid some window out from the previous frame's content
    // (a window just opened is hidden for a frame to be measured; an auto-sized one, a toast,
    // takes its size from what it held last time). The frame must be laid out again before it
    // is shown, or with frames drawn only on change it would stay clipped or hidden.
    static bool layout_settled();

    // The location shown, as a URL hash ("#/group/g-qz-001"), and a way to go to one
    // (deep links, the browser's address bar). Unknown places show a not-found screen.
    // The screen just before this one is a step back (the browser's back button), not a
    // new step forward, so the app's history and the browser's stay the same.
    std::string location() const;
    void open_location(std::string_view location);
    // The previous screen; false when there is none (the platform may then leave the app).
    bool back();
    // How many times the screen changed by going back (‹ 返回, back(), the previous
    // location): the web platform steps the browser's history back for these instead of
    // adding an entry. Never decreases, not even on reset().
    std::uint64_t moves_back() const { return moves_back_; }
    // How many times the screen changed in place (Navigator::go_in_place): the web platform
    // replaces the browser's history entry for these. Never decreases.
    std::uint64_t moves_in_place() const { return moves_in_place_; }

    // The secretariat's desk (desk_pages.hpp) and what its pages ask for (sync::DeskIntents):
    // installed by the desk build and native builds. A signed-in secretariat then sees its
    // navigation beside the worker's screens. `intents` must outlive the Ui.
    void set_desk_pages(DeskPages pages, sync::DeskIntents& intents) {
        desk_pages_ = pages;
        desk_intents_ = &intents;
    }

    Language language() const { return language_; }
    void set_language(Language language) { language_ = language; }
    // The alliance chosen to lead while signed out (an alliance id, or empty): the app keeps it
    // on the device, so the next visit starts with the same region.
    const Id& alliance_chosen_signed_out() const { return screens_.alliance.signed_out; }
    void set_alliance_chosen_signed_out(Id alliance) { screens_.alliance.signed_out = std::move(alliance); }

    // High contrast (black on white, thicker borders): also a toggle on the me screen.
    void set_high_contrast(bool on);
    bool high_contrast() const { return style_.high_contrast; }
    // Paddings and spacings scale with the text (kiosks use larger text).
    void set_scale(float scale);

    // Kiosk: the countdown back to the home screen, `seconds_left` > 0 while it shows
    // (drawn over everything), 0 when it is off.
    void set_idle_countdown(int seconds_left);
    // Forgets everything the last person did: forms, search text and filters, toasts,
    // history, language; back on the home screen. The sync engine's session is the
    // caller's to end.
    void reset();

    // What changed on screen since the last call, for screen readers: the screen's title,
    // the number of results, every notice.
    std::vector<Announcement> take_announcements();

private:
    void prefetch_state_text(const sync::ClientState& state, bool catalogue_changed);
    void draw_screen(Context& ctx);
    const DeskPage* desk_page(Screen screen) const;
    void draw_desk_screen(Context& ctx);
    void on_screen_changed();
    void announce_changes(const Context& ctx);
    std::string screen_title(const Context& ctx) const;

    GlyphAtlas& glyphs_;
    ItemRegistry& items_;
    Services& services_;
    CatalogueView view_;
    Navigator nav_;
    ScreenState screens_;
    Language language_ = Language::zh;
    std::string load_error_;
    std::int64_t wanted_catalogue_version_ = -1;
    std::size_t wanted_routes_ = 0;
    bool scroll_to_top_ = false;
    StyleOptions style_;
    int idle_seconds_left_ = 0;
    std::vector<Announcement> announcements_;
    std::string announced_screen_;
    std::uint64_t announced_notice_ = 0;
    int announced_countdown_ = 0;
    std::uint64_t moves_back_ = 0;
    std::uint64_t moves_in_place_ = 0;
    DeskPages desk_pages_;
    sync::DeskIntents* desk_intents_ = nullptr;
};

}  // namespace liaoxiu::ui
