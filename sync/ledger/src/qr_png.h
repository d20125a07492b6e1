#pragma once
// The coupon's QR code as a PNG: byte mode, error correction level M, 8 pixels per module, a quiet zone of
// 4 modules, 8-bit grayscale (black modules on white).
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "sango/error.h"

namespace sango::ledger {

class QrPng {
public:
    static constexpr int kModulePixels = 8;
    static constexpr int kQuietModules = 4;

    // The PNG file's bytes.
    static Expected<std::vector<std::uint8_t>> render(std::string_view text);
    // Writes them to a file (replacing it), synced to disk.
    static Expected<void> write(std::string_view text, const std::filesystem::path& file);
};

} // namespace sango::ledger
