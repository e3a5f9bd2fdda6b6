// Every word the interface shows, in Simplified Chinese first and English second.
// Screens ask for a Text; they never hold literal UI strings themselves, so a
// language switch is one assignment and nothing is left untranslated.
#pragma once

namespace liaoxiu::ui {

enum class Language { zh, en };

enum class Text {
    app_name,
    tagline,
    loading_catalogue,
    catalogue_failed,
    routes_count,        // printf format: %d
    days_nights,         // printf format: %d days, %d nights
    price_after_subsidy, // printf format: %s yuan
    subsidy,             // printf format: %s yuan
    language_switch,
    no_routes,
    count_  // keep last
};

const char* text(Text id, Language language);

// All strings of both languages, for glyph pre-loading.
const char* const* all_texts(int* count);

}  // namespace liaoxiu::ui
