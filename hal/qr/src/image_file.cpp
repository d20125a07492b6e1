#include "sango/hal/image_file.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>

#include <stb/stb_image.h>

#include "sango/hal/qr_decoder.h"

namespace sango::hal {

namespace {

// Files larger than this are not photographs of a coupon (a 8192 × 8192 PNG of noise is about 200 MB).
constexpr std::uintmax_t kMaxFileBytes = 256u * 1024u * 1024u;

struct StbiFree {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
};

bool isPng(std::span<const unsigned char> b)
{
    static constexpr unsigned char magic[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return b.size() >= sizeof magic && std::equal(std::begin(magic), std::end(magic), b.begin());
}

bool isJpeg(std::span<const unsigned char> b)
{
    return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}

// Every chunk of a PNG lies within the bytes, up to IEND. stb trusts a chunk's declared length and grows its
// buffer to hold it (a 600-byte file can make it ask for 2 GB); a PNG cut short fails here too.
bool pngChunksFit(std::span<const unsigned char> b)
{
    std::size_t at = 8;
    while (b.size() - at >= 12) {
        const std::size_t length = (std::size_t{b[at]} << 24) | (std::size_t{b[at + 1]} << 16) |
                                   (std::size_t{b[at + 2]} << 8) | std::size_t{b[at + 3]};
        if (length > b.size() - at - 12)
            return false;
        if (std::equal(&b[at + 4], &b[at + 8], "IEND"))
            return true;
        at += 12 + length;
    }
    return false;
}

std::string reason()
{
    const char* r = stbi_failure_reason();
    return r ? std::string(" (") + r + ")" : std::string();
}

} // namespace

Expected<LumaImage> loadImageBytes(std::span<const unsigned char> bytes)
{
    if (!isPng(bytes) && !isJpeg(bytes))
        return fail(Errc::invalid_argument, "the image is not a PNG or JPEG file: save the photograph of the QR code "
                                            "as PNG or JPEG and try again");
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return fail(Errc::invalid_argument, "the image file is too large: give a smaller photograph of the QR code");
    const int length = static_cast<int>(bytes.size());
    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(bytes.data(), length, &width, &height, &channels))
        return fail(Errc::invalid_argument, "the image file is damaged or not a PNG or JPEG" + reason() +
                                                ": photograph the QR code again or save the image again");
    if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide)
        return fail(Errc::invalid_argument, "the image is " + std::to_string(width) + " x " + std::to_string(height) +
                                                " pixels, more than " + std::to_string(kMaxImageSide) +
                                                " a side: give a smaller photograph of the QR code");
    if (isPng(bytes) && !pngChunksFit(bytes))
        return fail(Errc::invalid_argument, "the PNG file is damaged or cut short: photograph the QR code again or "
                                            "save the image again");
    std::unique_ptr<unsigned char, StbiFree> pixels(
        stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 1));
    if (!pixels)
        return fail(Errc::invalid_argument, "the image file is damaged or cut short" + reason() +
                                                ": photograph the QR code again or save the image again");
    const std::size_t size = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    std::vector<std::uint8_t> gray(pixels.get(), pixels.get() + size);
    return LumaImage(width, height, width, std::move(gray));
}

Expected<LumaImage> loadImageFile(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return fail(Errc::invalid_argument, "cannot read the image " + file.string() + ": " + ec.message() +
                                                ": check the file name");
    if (size > kMaxFileBytes)
        return fail(Errc::invalid_argument, "the image " + file.string() + " is too large (" + std::to_string(size) +
                                                " bytes): give a smaller photograph of the QR code");
    std::ifstream in(file, std::ios::binary);
    std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
    if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
        return fail(Errc::invalid_argument, "cannot read the image " + file.string() + ": check the file name and "
                                                                                     "that it may be read");
    auto image = loadImageBytes(bytes);
    if (!image)
        return fail(image.error().code, file.string() + ": " + image.error().message);
    return image;
}

Expected<std::string> decodeImageFile(const std::filesystem::path& file)
{
    auto image = loadImageFile(file);
    if (!image)
        return tl::unexpected(image.error());
    if (auto text = QrDecoder().decode(image->view()))
        return *text;
    return fail(Errc::not_a_coupon, "no QR code was found in " + file.string() +
                                        ": photograph the coupon's QR code again, or type the coupon id");
}

} // namespace sango::hal
