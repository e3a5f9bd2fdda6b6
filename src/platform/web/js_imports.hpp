// Every function that crosses between wasm and the page's JavaScript, in one place.
//
// Imports are implemented in the JS libraries linked with --js-library; exports are the
// EMSCRIPTEN_KEEPALIVE functions the libraries call as Module._name. Each X.js is paired
// with the X.cpp that uses it (src/platform/CMakeLists.txt lists them side by side), and
// is grouped under that name here. Strings are NUL-terminated UTF-8; a `char*` an import
// returns was malloc'd by JavaScript (js_text_source.js, lxStrings) and is freed by the
// caller.
#pragma once

#include <emscripten/em_macros.h>  // EMSCRIPTEN_KEEPALIVE

#include <cstdint>

extern "C" {

// ---- js_text_source: bodies kept in JavaScript, read in chunks ---------------------------
int lx_body_read(int body, char* buffer, int capacity);  // bytes copied; 0 at the end
void lx_body_release(int body);

// ---- fetch_transport: fetch() and localStorage for the sync engine --------------------------
// Answers through lx_http_done. `headers` are "Name: value\n" lines.
void lx_http_send(int request, const char* method, const char* url, const char* headers, const char* body,
                  int body_length);
char* lx_storage_get(const char* key);                   // 0 when absent or unavailable
int lx_storage_set(const char* key, const char* value);  // 0 when refused (quota, private mode)
void lx_storage_remove(const char* key);
void lx_storage_begin(const char* key);                  // a value written in pieces…
int lx_storage_append(const char* piece, int length);
int lx_storage_commit();
void lx_storage_abort();
// status 0: no answer. `kept` (not 0): a large body left in JavaScript, read with lx_body_read.
EMSCRIPTEN_KEEPALIVE void lx_http_done(int request, int status, const char* headers, const char* body, int length,
                                       int kept);

// ---- web_glyphs: characters rasterized with the device's fonts ------------------------------
void lx_line_metrics(float pixel_size, float* out);  // out[0] ascent, out[1] descent
void* lx_rasterize(const std::uint32_t* codepoints, int count, float pixel_size);  // malloc'd; see web_glyphs.cpp

// ---- web_services: share links, the share sheet, the clipboard ------------------------------
char* lx_page_address();  // the page's address without its hash
int lx_share(const char* title, const char* url);  // 1 when the share sheet opened
void lx_clipboard_write(const char* text);          // also ImGui's copy, set by text_agent.cpp
void lx_open_link(const char* url);                 // tel: in place, anything else in a new tab
void lx_save_file(const char* name, const char* mime, const char* bytes, int length);  // a download (Blob)
void lx_open_document(const char* title, const char* html, int length);                // a new tab (Blob URL)
void lx_open_page(const char* page);                // goes to another page of the app, relative to this one

// ---- text_agent: the hidden <input> for phone keyboards and IMEs ----------------------------
void lx_text_agent_init();
// x, y, width, height and ui::FieldKind per field
void lx_text_agent_fields(const float* fields, int count);
// `kind`: the ui::FieldKind of the field being edited, -1 when none is.
void lx_text_agent_update(int blur, float x, float y, int kind);
EMSCRIPTEN_KEEPALIVE void lx_agent_text(const char* text);
EMSCRIPTEN_KEEPALIVE void lx_agent_key(int code, int modifiers);
EMSCRIPTEN_KEEPALIVE void lx_agent_preedit(const char* text);  // 0: composition ended
EMSCRIPTEN_KEEPALIVE void lx_agent_blur();

// ---- web_page: assets beside index.html, the address, the live region, the loader -----------
void lx_fetch_asset(const char* url, int request);  // answers through lx_on_asset(_failed)
int lx_page_flag(const char* name, const char* value);  // 1 when the address has ?name=value
void lx_location_init();                  // lx_on_location now and on every hash change
void lx_location_push(const char* hash);  // a new history entry
void lx_location_back(const char* hash);  // the app went back to `hash`
void lx_location_replace(const char* hash);  // the entry shown now shows `hash`
void lx_announce(const char* text, int urgent);
void lx_kiosk_reset(const char* hash);    // back to a clean history entry at `hash`; live regions emptied
void lx_set_lang(const char* tag);        // <html lang>
void lx_follow_pixel_ratio();             // a resize event when devicePixelRatio moved
void lx_first_frame();                    // the loader goes away
EMSCRIPTEN_KEEPALIVE void lx_on_asset(int request, int body);  // body: read with lx_body_read
EMSCRIPTEN_KEEPALIVE void lx_on_asset_failed(int request, const char* reason);
EMSCRIPTEN_KEEPALIVE void lx_on_location(const char* hash);
// The page's loop sleeps when nothing is to be drawn: no animation frames, one heartbeat a
// second for the app's clock (web_page.cpp). Input, a resize, a finished fetch or the page
// becoming visible wake it at once.
void lx_loop_init();                         // listens for what wakes the loop
void lx_loop_sleep(int heartbeat_ms);        // lx_loop_heartbeat after this long, unless woken
EMSCRIPTEN_KEEPALIVE void lx_loop_wake();
EMSCRIPTEN_KEEPALIVE void lx_loop_heartbeat();

// ---- semantics: the accessibility tree over the canvas --------------------------------------
void lx_semantics_init();
void lx_semantics_update(const char* tree);  // semantics.hpp's describe_items form
EMSCRIPTEN_KEEPALIVE void lx_semantics_show(unsigned id);  // the item took focus: scroll it into view

// ---- test_api: window.liaoxiu for the end-to-end tests and the benchmark (docs/testing.md) --
void lx_publish_test_api();
void lx_test_set_ready();  // window.liaoxiu.ready = true
EMSCRIPTEN_KEEPALIVE const char* lx_test_stats();  // JSON; valid until the next call
EMSCRIPTEN_KEEPALIVE const char* lx_test_items();  // JSON; valid until the next call
EMSCRIPTEN_KEEPALIVE const double* lx_test_frame_times();
EMSCRIPTEN_KEEPALIVE double lx_test_heap_in_use();

}  // extern "C"
