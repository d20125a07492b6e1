#pragma once
// QR codes (and only QR codes) from a luminance image, with ZXing-C++ behind this interface.
#include <optional>
#include <string>

#include "sango/hal/luma_image.h"

namespace sango::hal {

class QrDecoder {
public:
    // The text of the first QR code found (UTF-8), or nothing. Tries hard: rotated, inverted orientation and
    // downscaled passes, so it costs tens of milliseconds on a 1280×720 frame without a code.
    std::optional<std::string> decode(const LumaView& image) const;

    // A cheap look (well under a millisecond for 1280×720) at a coarse set of rows: is there enough contrast,
    // oscillating often enough along a row, for a QR code to possibly be there? Blank, uniform, smoothly lit or
    // out-of-focus frames answer false and skip decode(). It may say true for frames without a code (then
    // decode() decides); it is tuned never to say false for a code decode() would read.
    static bool plausible(const LumaView& image);
};

} // namespace sango::hal
