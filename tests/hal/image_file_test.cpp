// Image files: PNG (gray and colour) and JPEG load as luminance; a missing file, a file that is not an image,
// a PNG cut short and one larger than kMaxImageSide are refused with Errc::invalid_argument; no QR code is
// Errc::not_a_coupon with a message that says what to do.
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stb/stb_image_write.h>

#include "process.h"
#include "sango/hal/image_file.h"
#include "sango/hal/qr_decoder.h"

namespace sango::hal {
namespace {

namespace fs = std::filesystem;
const fs::path kDataDir = SANGO_QR_DATA_DIR;

std::vector<unsigned char> readBytes(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& p, const std::vector<unsigned char>& bytes)
{
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string couponText()
{
    std::ifstream in(kDataDir / "clean" / "00.json");
    return nlohmann::json::parse(in).at("text").get<std::string>();
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

TEST(ImageFile, DecodesTheCouponOfAPng)
{
    auto text = decodeImageFile(kDataDir / "clean" / "00.png");
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(*text, couponText());
    EXPECT_EQ(text->rfind("SGC1:", 0), 0u);
}

TEST(ImageFile, ColourPngAndJpegBecomeGray)
{
    auto gray = loadImageFile(kDataDir / "clean" / "00.png");
    ASSERT_TRUE(gray) << gray.error().message;
    const int w = gray->width(), h = gray->height();
    // Dark blue modules on a pale yellow card, as RGB.
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w * h * 3));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const bool dark = gray->view().at(x, y) < 128;
            unsigned char* p = &rgb[static_cast<std::size_t>((y * w + x) * 3)];
            p[0] = dark ? 20 : 250;
            p[1] = dark ? 30 : 240;
            p[2] = dark ? 120 : 170;
        }
    test::TempDir tmp;
    const fs::path png = tmp.path() / "colour.png", jpg = tmp.path() / "colour.jpg";
    ASSERT_NE(stbi_write_png(png.c_str(), w, h, 3, rgb.data(), w * 3), 0);
    ASSERT_NE(stbi_write_jpg(jpg.c_str(), w, h, 3, rgb.data(), 85), 0);
    for (const fs::path& f : {png, jpg}) {
        SCOPED_TRACE(f.string());
        auto image = loadImageFile(f);
        ASSERT_TRUE(image) << image.error().message;
        EXPECT_EQ(image->width(), w);
        EXPECT_EQ(image->height(), h);
        auto text = decodeImageFile(f);
        ASSERT_TRUE(text) << text.error().message;
        EXPECT_EQ(*text, couponText());
    }
}

TEST(ImageFile, NoQrCodeIsNotACoupon)
{
    const fs::path file = kDataDir / "no_qr" / "00.png";
    auto text = decodeImageFile(file);
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, Errc::not_a_coupon);
    EXPECT_EQ(text.error().message, "no QR code was found in " + file.string() +
                                        ": photograph the coupon's QR code again, or type the coupon id");
}

TEST(ImageFile, MissingFileIsRefused)
{
    const fs::path file = kDataDir / "no-such-image.png";
    const auto toInt = [](auto&&) { return 0; };
    for (const auto& r : {loadImageFile(file).map(toInt), decodeImageFile(file).map(toInt)}) {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, Errc::invalid_argument);
        EXPECT_TRUE(contains(r.error().message, "no-such-image.png")) << r.error().message;
    }
    auto dir = loadImageFile(kDataDir);
    ASSERT_FALSE(dir);
    EXPECT_EQ(dir.error().code, Errc::invalid_argument);
}

TEST(ImageFile, NotAnImageIsRefused)
{
    const auto json = loadImageFile(kDataDir / "clean" / "00.json");
    ASSERT_FALSE(json);
    EXPECT_EQ(json.error().code, Errc::invalid_argument);
    EXPECT_TRUE(contains(json.error().message, "PNG or JPEG")) << json.error().message;

    const std::vector<unsigned char> empty;
    EXPECT_EQ(loadImageBytes(empty).error().code, Errc::invalid_argument);
    // A GIF: stb could read it, but a coupon photograph is PNG or JPEG and nothing else is parsed.
    const std::string gif = "GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    EXPECT_EQ(loadImageBytes({reinterpret_cast<const unsigned char*>(gif.data()), gif.size()}).error().code,
              Errc::invalid_argument);
}

TEST(ImageFile, TruncatedPngIsRefused)
{
    const auto whole = readBytes(kDataDir / "phone_angle" / "00.png");
    ASSERT_GT(whole.size(), 1000u);
    test::TempDir tmp;
    for (const std::size_t keep : {whole.size() / 2, std::size_t{40}, std::size_t{8}}) {
        SCOPED_TRACE(keep);
        const fs::path cut = tmp.path() / "cut.png";
        writeBytes(cut, {whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(keep)});
        auto image = loadImageFile(cut);
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, Errc::invalid_argument);
        EXPECT_TRUE(contains(image.error().message, "cut.png")) << image.error().message;
        auto text = decodeImageFile(cut);
        ASSERT_FALSE(text);
        EXPECT_EQ(text.error().code, Errc::invalid_argument);
    }
}

std::uint32_t crc32(const unsigned char* p, std::size_t n)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

// The signature and an IHDR chunk for a gray PNG of width × height (no image data: the size is refused first).
std::vector<unsigned char> pngHeader(std::uint32_t width, std::uint32_t height)
{
    std::vector<unsigned char> b{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (std::uint32_t v : {width, height})
        for (int s = 24; s >= 0; s -= 8)
            b.push_back(static_cast<unsigned char>(v >> s));
    const unsigned char rest[] = {8, 0, 0, 0, 0}; // 8-bit gray, deflate, no filter, no interlace
    b.insert(b.end(), std::begin(rest), std::end(rest));
    const std::uint32_t crc = crc32(&b[12], 17);
    for (int s = 24; s >= 0; s -= 8)
        b.push_back(static_cast<unsigned char>(crc >> s));
    return b;
}

TEST(ImageFile, HugeDimensionsAreRefused)
{
    using Size = std::pair<std::uint32_t, std::uint32_t>;
    for (const auto& [w, h] : std::array<Size, 3>{{{5000, 100}, {100, 4097}, {20000, 20000}}}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
        auto image = loadImageBytes(pngHeader(w, h));
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, Errc::invalid_argument);
        EXPECT_TRUE(contains(image.error().message, "4096")) << image.error().message;
    }
    // At the limit the header passes and the missing pixels are what fails.
    auto atLimit = loadImageBytes(pngHeader(4096, 16));
    ASSERT_FALSE(atLimit);
    EXPECT_FALSE(contains(atLimit.error().message, "4096")) << atLimit.error().message;
}

} // namespace
} // namespace sango::hal
