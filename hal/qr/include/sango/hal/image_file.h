#pragma once
// PNG and JPEG files (a photograph of a coupon, the ledger's coupon PNG) as luminance images, and the QR text
// they hold. Any other format, a damaged file or one larger than kMaxImageSide pixels a side is refused.
#include <filesystem>
#include <span>
#include <string>

#include "sango/error.h"
#include "sango/hal/luma_image.h"

namespace sango::hal {

// 4096 holds a 12-megapixel phone photo (4032 × 3024) and keeps a decode (stb, then ZXing on the kiosk's GUI
// thread for a loaded file) within a fraction of a second and ~50 MB.
inline constexpr int kMaxImageSide = 4096;

// Errc::invalid_argument when the file cannot be read, is not a PNG or JPEG, is damaged or too large.
Expected<LumaImage> loadImageFile(const std::filesystem::path& file);
Expected<LumaImage> loadImageBytes(std::span<const unsigned char> bytes);

// The QR text of an image file: the errors of loadImageFile, and Errc::not_a_coupon when no QR code is found.
Expected<std::string> decodeImageFile(const std::filesystem::path& file);

} // namespace sango::hal
