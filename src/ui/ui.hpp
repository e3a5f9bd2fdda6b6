// The interface: reads the model, draws it with ImGui, and (later) emits intents.
// It knows the domain core and ImGui, never the platform, HTTP or JSON.
#pragma once

#include "core/model.hpp"
#include "ui/glyph_atlas.hpp"
#include "ui/item_registry.hpp"
#include "ui/strings.hpp"

#include <string>

namespace liaoxiu::ui {

// What the app knows about the catalogue it shows.
struct CatalogueStatus {
    const Catalogue* catalogue = nullptr;  // null while loading or after a failure
    std::string error;                      // why it could not be loaded, if it could not
};

class Ui {
public:
    Ui(GlyphAtlas& glyphs, ItemRegistry& items);

    // Hands the UI a catalogue (or the reason there is none). Every character it will
    // show is queued in the glyph atlas now, before the frame that draws it.
    void set_catalogue(CatalogueStatus status);

    // Draws one frame covering the whole display. Call between ImGui::NewFrame and Render.
    void draw();

    Language language() const { return language_; }

private:
    void draw_header();
    void draw_route_list();
    void draw_route_card(const Route& route);

    GlyphAtlas& glyphs_;
    ItemRegistry& items_;
    CatalogueStatus catalogue_;
    Language language_ = Language::zh;
};

}  // namespace liaoxiu::ui
