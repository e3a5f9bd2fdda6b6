#include "app/app.hpp"

#include "sync/config.hpp"
#include "ui/style.hpp"

#include <ctime>

namespace liaoxiu {

Instant DefaultServices::now() const { return static_cast<Instant>(std::time(nullptr)); }

bool DefaultServices::share(const std::string&, const std::string& url) {
    copy_text(url);
    return false;
}

void DefaultServices::copy_text(const std::string& text) { ImGui::SetClipboardText(text.c_str()); }

void DefaultServices::save_file(const std::string& name, const std::string&, const std::string& bytes) {
    saved_name = name;
    saved_bytes = bytes;
}

namespace {

constexpr const char* kLanguageKey = "liaoxiu.language";  // "en" or "zh": the switch in the top bar
constexpr const char* kAllianceKey = "liaoxiu.alliance";  // the alliance chosen to lead while signed out

// Any sign of a person in this frame: a pointer that pressed, a wheel, a key, text; and,
// when `moves_count`, a pointer that only moved.
bool had_input(const ImGuiIO& io, bool moves_count) {
    if (moves_count && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) return true;
    if (io.MouseWheel != 0 || io.MouseWheelH != 0) return true;
    if (io.InputQueueCharacters.Size > 0) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

// A press not yet over: a button held, or let go in this frame.
bool press_in_progress(const ImGuiIO& io) {
    for (int button = 0; button < IM_ARRAYSIZE(io.MouseDown); ++button)
        if (io.MouseDown[button] || io.MouseReleased[button]) return true;
    return false;
}

}  // namespace

App::App(ui::GlyphRasterizer& rasterizer, float pixel_ratio, sync::Transport& transport, sync::Storage& storage,
         ui::Services& services, sync::EngineOptions options, DisplayOptions display)
    : glyphs_(rasterizer, options.kiosk || display.kiosk ? kKioskTextSize : kTextSize, pixel_ratio),
      services_(services),
      storage_(storage),
      engine_(transport, storage, [&] {
          options.kiosk = options.kiosk || display.kiosk;
          // A success or an info notice goes by itself after a few seconds; errors stay until read.
          if (options.notice_seconds == 0) options.notice_seconds = kNoticeSeconds;
          return options;
      }()),
      ui_(glyphs_, items_, services_),
      initial_high_contrast_(display.high_contrast) {
    items_.attach(ImGui::GetCurrentContext());
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter, Escape
    ui::apply_style();
    ui_.set_high_contrast(display.high_contrast);
    if (options.kiosk || display.kiosk) enable_kiosk(idle_seconds_);
    // The language chosen here before (not on a kiosk: the next person starts in Chinese).
    if (!kiosk_ && storage_.get(kLanguageKey) == std::optional<std::string>("en")) {
        ui_.set_language(ui::Language::en);
        stored_language_ = ui::Language::en;
    }
    if (!kiosk_) {
        stored_alliance_ = storage_.get(kAllianceKey).value_or("");
        ui_.set_alliance_chosen_signed_out(stored_alliance_);
    }
}

void App::enable_kiosk(Instant idle_seconds) {
    idle_seconds_ = idle_seconds;
    if (kiosk_) return;
    kiosk_ = true;
    ui_.set_language(ui::Language::zh);  // config.json switched it on after a stored choice was applied
    ui_.set_alliance_chosen_signed_out({});
    glyphs_.set_css_size(kKioskTextSize);
    ui_.set_scale(kKioskTextSize / kTextSize);
    request_frame();
}

int App::idle_countdown() const {
    if (!kiosk_ || at_rest_ || last_input_ == 0) return 0;
    const Instant idle = now_ - last_input_;
    if (idle < idle_seconds_) return 0;
    return static_cast<int>(std::max<Instant>(1, idle_seconds_ + kIdleCountdownSeconds - idle));
}

void App::reset_for_next_person() {
    engine_.sign_out();
    // Notices may name what the last person did (a join, a sign-in): none of it stays.
    while (!engine_.state().notices.empty()) engine_.dismiss_notice(engine_.state().notices.front().id);
    ui_.reset();
    ui_.set_high_contrast(initial_high_contrast_);
    ++resets_;
    at_rest_ = true;
    last_input_ = now_;
    request_frame();
}

void App::open_location(std::string_view location) {
    const std::string before = ui_.location();
    ui_.open_location(location);
    if (ui_.location() != before) {
        at_rest_ = false;
        last_input_ = now_;
    }
}

bool App::back() {
    if (!ui_.back()) return false;
    at_rest_ = false;
    last_input_ = now_;
    return true;
}

void App::on_catalogue(TextSource& text) {
    request_frame();
    engine_.offer_bundled_catalogue(text, services_.now());
    ui_.set_load_error({});
}

void App::on_catalogue_failed(std::string_view reason) {
    request_frame();
    if (engine_.state().catalogue.routes.empty()) ui_.set_load_error(std::string(reason));
}

void App::on_config(bool ok, std::string_view text) {
    request_frame();
    if (!ok) {
        engine_.configure_failed(DomainError{"config_unavailable", "无法读取 config.json：" + std::string(text),
                                             "config.json could not be fetched: " + std::string(text), "config.json"});
        return;
    }
    Result<sync::ClientConfig> config = sync::parse_client_config(text);
    if (!config) {
        engine_.configure_failed(config.error());
        return;
    }
    engine_.configure(config.value());
    // The idle time applies whether config.json or the page address switched kiosk mode on.
    if (config.value().kiosk) enable_kiosk(config.value().kiosk_idle_seconds);
    else if (kiosk_) idle_seconds_ = config.value().kiosk_idle_seconds;
}

void App::tick(Instant now) {
    now_ = now;
    if (last_input_ == 0) last_input_ = now;
    engine_.poll(now);
    if (kiosk_ && !at_rest_ && now_ - last_input_ >= idle_seconds_ + kIdleCountdownSeconds) reset_for_next_person();
}

bool App::wants_frame() const {
    if (frame_requested_ || glyphs_.has_pending() || engine_.state().revision != drawn_revision_) return true;
    // Kiosk: one frame when the countdown appears, then one a second while it shows; an
    // idle kiosk before that draws nothing.
    if (idle_countdown() > 0 || countdown_drawn_) return now_ != drawn_at_ || !countdown_drawn_ || idle_countdown() == 0;
    // Countdowns tick every second on a group's screen; elsewhere deadlines show in minutes.
    const bool countdown_on_screen = ui_.location().rfind("#/group/", 0) == 0;
    return now_ - drawn_at_ >= (countdown_on_screen ? 1 : 60);
}

ui::AtlasUpdate App::prepare_fonts() { return glyphs_.rebuild_if_needed(*ImGui::GetIO().Fonts, false); }

ui::AtlasUpdate App::prefetch_glyphs() {
    if (!ready_ || !glyphs_.has_prefetch()) return {};
    return glyphs_.rebuild_if_needed(*ImGui::GetIO().Fonts, true);
}

bool App::needs_another_pass(const ImDrawData* draw_data) {
    if (glyphs_.has_pending() || !ui::Ui::layout_settled()) return true;
    // Text drawn by a path that did not ask for its glyphs, still waiting in the prefetch queue.
    if (glyphs_.has_prefetch() && glyphs_.count_missing_glyphs(draw_data) > 0) {
        glyphs_.want_prefetched();
        return true;
    }
    return false;
}

void App::draw() {
    const ImGuiIO& io = ImGui::GetIO();
    // While the countdown card is up, a pointer that only moves does not take it away: a
    // finger resting on 继续使用 shows as a move a frame or more before its tap, and a mouse
    // moves onto the button before it presses. Taking the card away then would let the
    // press that follows land on the screen beneath.
    if (had_input(io, !countdown_drawn_)) {
        last_input_ = now_;
        at_rest_ = false;
    }
    // A press that dismisses the countdown keeps the card on screen until it is released,
    // so neither half of it lands on the button beneath.
    int countdown = idle_countdown();
    if (countdown == 0 && countdown_drawn_ && press_in_progress(io)) countdown = shown_countdown_;
    ui_.set_idle_countdown(countdown);
    countdown_drawn_ = countdown > 0;
    shown_countdown_ = countdown;
    drawn_revision_ = engine_.state().revision;
    drawn_at_ = now_;
    frame_requested_ = false;
    ui_.draw(engine_.state(), engine_);
    if (!kiosk_ && ui_.language() != stored_language_) {
        stored_language_ = ui_.language();
        storage_.put(kLanguageKey, stored_language_ == ui::Language::en ? "en" : "zh");
    }
    if (!kiosk_ && ui_.alliance_chosen_signed_out() != stored_alliance_) {
        stored_alliance_ = ui_.alliance_chosen_signed_out();
        storage_.put(kAllianceKey, stored_alliance_);
    }
}

void App::frame_done(const ImDrawData* draw_data, const FrameTimes& times) {
    items_.publish_frame();
    ++stats_.frames;
    stats_.last_frame_ms = times.total_ms();
    stats_.last_frame_parts = times;
    stats_.missing_glyphs = glyphs_.count_missing_glyphs(draw_data);
    stats_.atlas_glyphs = static_cast<int>(glyphs_.glyph_count());
    stats_.last_atlas_rebuild_ms = glyphs_.last_rebuild_ms();
    // Ready once a frame showed routes with every glyph it needed.
    if (!engine_.state().catalogue.routes.empty() && !glyphs_.has_pending()) ready_ = true;
}

}  // namespace liaoxiu
