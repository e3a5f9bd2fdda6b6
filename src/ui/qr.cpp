#include "ui/qr.hpp"

#ifndef __EMSCRIPTEN__
#include <qrcodegen.hpp>

#include <stdexcept>
#endif

namespace liaoxiu::ui {

std::vector<bool> qr_modules(const std::string& text, int* size) {
    *size = 0;
#ifdef __EMSCRIPTEN__
    (void)text;
    return {};
#else
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
#endif
}

}  // namespace liaoxiu::ui
