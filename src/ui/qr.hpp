// The modules of a QR code for `text` (a link to hand a route or group to a phone),
// row-major, true = dark; *size receives the side length. Empty (size 0) when the
// text cannot be encoded (too long for a QR code).
#pragma once

#include <string>
#include <vector>

namespace liaoxiu::ui {

std::vector<bool> qr_modules(const std::string& text, int* size);

}  // namespace liaoxiu::ui
