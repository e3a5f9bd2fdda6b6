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

#include <string>
#include <string_view>

namespace liaoxiu::ui {

class Ui {
public:
    Ui(GlyphAtlas& glyphs, ItemRegistry& items, Services& services);

    // Why there is no catalogue to show (it could not be fetched or read); empty to clear.
    void set_load_error(std::string error);

    // Draws one frame covering the whole display. Call between ImGui::NewFrame and Render.
    // Every character the state will show is queued in the glyph atlas when its revision
    // changes, so it is in the atlas from the next frame on.
    void draw(const sync::ClientState& state, sync::Intents& intents);

    // The location shown, as a URL hash ("#/group/g-qz-001"), and a way to go to one
    // (deep links, the browser's address bar). Unknown places show a not-found screen.
    std::string location() const;
    void open_location(std::string_view location);
    // The previous screen; false when there is none (the platform may then leave the app).
    bool back();

    Language language() const { return language_; }
    void set_language(Language language) { language_ = language; }

private:
    void want_state_text(const sync::ClientState& state, bool catalogue_changed);
    void draw_screen(Context& ctx);
    void on_screen_changed();

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
};

}  // namespace liaoxiu::ui
