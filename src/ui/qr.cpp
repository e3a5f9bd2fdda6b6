#include "ui/qr.hpp"

#include <qrcodegen.hpp>

#include <stdexcept>

namespace liaoxiu::ui {

std::vector<bool> qr_modules(const std::string& text, int* size) {
    *size = 0;
    // The most a version-40 code holds at medium correction. Checked here because the web
    // build does not catch exceptions: a throw there would abort the app.
    constexpr std::size_t kMaxBytes = 2331;
    if (text.size() > kMaxBytes) return {};
    try {
        // Medium error correction survives a phone camera at an angle across a kiosk screen.
        const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
        const int side = code.getSize();
        std::vector<bool> modules(static_cast<std::size_t>(side * side));
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x) modules[static_cast<std::size_t>(y * side + x)] = code.getModule(x, y);
        *size = side;
        return modules;
    } catch (const qrcodegen::data_too_long&) {
        return {};
    }
}

}  // namespace liaoxiu::ui
