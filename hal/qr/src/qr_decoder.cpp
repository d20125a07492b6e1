#include "sango/hal/qr_decoder.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

#include <ZXing/ReadBarcode.h>

namespace sango::hal {

namespace {

// The plausibility check, in numbers. A QR code crossed by a row gives at least the 1:1:3:1:1 pattern of a
// finder (4 swings) and, with a second finder or the data modules, many more.
constexpr int kMinSide = 21;          // a version-1 code at one pixel a module
constexpr int kRowsSampled = 48;      // rows looked at, evenly spaced
constexpr int kMinSwing = 10;         // gray levels a swing needs, at least (a dim screen: 12 apart)
constexpr int kMaxSwing = 64;         // ... and at most, however noisy the image
constexpr int kMaxEdge = 10;          // pixels from an extreme to the swing's end
constexpr int kSwingsPerRow = 8;      // swings that make a row interesting
constexpr int kInterestingRows = 2;   // rows that make the image worth decoding

// ZXing's local binarizer takes blocks of little contrast for background: a dim or washed-out screen whose
// modules differ by fewer gray levels than this is stretched to the full range first.
constexpr int kStretchBelow = 100;

// Swings along one row, on the mean of three neighbouring pixels (sensor noise down by √3): a peak detector
// with hysteresis `swing`, which ignores the level (glare, gradients) and counts each sharp rise or fall of at
// least `swing` gray levels, one reached within kMaxEdge pixels of the extreme it left (the edge of a module,
// not wood grain or a lamp's falloff).
int swingsAlong(const std::uint8_t* row, int width, int swing)
{
    const int threshold = 3 * swing; // on sums of three pixels
    int count = 0;
    int first = row[0] + row[1] + row[2];
    int lo = first, loX = 1;
    int hi = first, hiX = 1;
    int direction = 0; // +1 rising (tracking a maximum), -1 falling (tracking a minimum), 0 unknown
    for (int x = 2; x + 1 < width; ++x) {
        const int v = row[x - 1] + row[x] + row[x + 1];
        if (direction >= 0) {
            if (v > hi) {
                hi = v;
                hiX = x;
            }
            if (v <= hi - threshold) {
                if (direction > 0 && x - hiX <= kMaxEdge)
                    ++count;
                direction = -1;
                lo = v;
                loX = x;
                continue;
            }
        }
        if (direction <= 0) {
            if (v < lo) {
                lo = v;
                loX = x;
            }
            if (v >= lo + threshold) {
                if (direction < 0 && x - loX <= kMaxEdge)
                    ++count;
                direction = 1;
                hi = v;
                hiX = x;
            }
        }
    }
    return count;
}

// Sensor noise, from the median absolute difference of neighbouring pixels on the sampled rows (a QR code's
// modules are flat, so its edges do not move the median).
int noiseSigma(const LumaView& image, int rowStep)
{
    std::array<int, 256> histogram{};
    int samples = 0;
    for (int y = rowStep / 2; y < image.height; y += rowStep) {
        const std::uint8_t* row = &image.data[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.stride)];
        for (int x = 1; x < image.width; x += 2) {
            ++histogram[static_cast<std::size_t>(std::abs(row[x] - row[x - 1]))];
            ++samples;
        }
    }
    int seen = 0;
    for (int d = 0; d < 256; ++d) {
        seen += histogram[static_cast<std::size_t>(d)];
        if (2 * seen >= samples)
            return d + d / 20; // median |difference| ≈ 0.95 σ for Gaussian noise
    }
    return 255;
}

// The 1st and 99th percentiles of the image's levels (every 4th pixel of every 4th row).
std::pair<int, int> levelRange(const LumaView& image)
{
    std::array<int, 256> histogram{};
    int samples = 0;
    for (int y = 0; y < image.height; y += 4)
        for (int x = 0; x < image.width; x += 4) {
            ++histogram[image.at(x, y)];
            ++samples;
        }
    int lo = 0, hi = 255, seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += histogram[static_cast<std::size_t>(v)];
        if (seen * 100 < samples)
            lo = v + 1;
        if (seen * 100 < samples * 99)
            hi = v + 1;
    }
    return {lo, std::max(lo, hi)};
}

// A copy with [lo, hi] mapped onto [0, 255].
LumaImage stretched(const LumaView& image, int lo, int hi)
{
    std::array<std::uint8_t, 256> map{};
    for (int v = 0; v < 256; ++v)
        map[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(std::clamp((v - lo) * 255 / (hi - lo), 0, 255));
    LumaImage out(image.width, image.height);
    for (int y = 0; y < image.height; ++y) {
        std::uint8_t* row = out.row(y);
        for (int x = 0; x < image.width; ++x)
            row[x] = map[image.at(x, y)];
    }
    return out;
}

} // namespace

std::optional<std::string> QrDecoder::decode(const LumaView& image) const
{
    if (image.empty())
        return std::nullopt;
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    hints.setTryDownscale(true);
    hints.setMaxNumberOfSymbols(1);
    LumaView source = image;
    LumaImage contrast;
    if (const auto [lo, hi] = levelRange(image); hi > lo && hi - lo < kStretchBelow) {
        contrast = stretched(image, lo, hi);
        source = contrast.view();
    }
    const ZXing::ImageView view(source.data, source.width, source.height, ZXing::ImageFormat::Lum, source.stride);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return std::nullopt;
    return result.text();
}

bool QrDecoder::plausible(const LumaView& image)
{
    if (image.empty() || image.width < kMinSide || image.height < kMinSide)
        return false;
    const int rowStep = std::max(1, image.height / kRowsSampled);
    // 3.5 σ of a pixel is 6 σ of the three-pixel mean: noise alone almost never swings that far that fast.
    const int swing = std::clamp(7 * noiseSigma(image, rowStep) / 2, kMinSwing, kMaxSwing);
    int interesting = 0;
    for (int y = rowStep / 2; y < image.height; y += rowStep) {
        const std::uint8_t* row = &image.data[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.stride)];
        if (swingsAlong(row, image.width, swing) >= kSwingsPerRow && ++interesting >= kInterestingRows)
            return true;
    }
    return false;
}

} // namespace sango::hal
