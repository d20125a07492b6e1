#include "qr_png.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <memory>

#include <png.h>
#include <qrencode.h>

namespace sango::ledger {

namespace {

struct QrcodeFree {
    void operator()(QRcode* q) const { QRcode_free(q); }
};

} // namespace

Expected<std::vector<std::uint8_t>> QrPng::render(std::string_view text)
{
    // Byte mode (QRcode_encodeData), as spec/credential.md asks: the JWS is not in any narrower mode's set.
    std::unique_ptr<QRcode, QrcodeFree> qr(QRcode_encodeData(static_cast<int>(text.size()),
                                                             reinterpret_cast<const unsigned char*>(text.data()),
                                                             0, QR_ECLEVEL_M));
    if (!qr)
        return fail(Errc::invalid_argument, std::string("cannot encode the QR code: ") + std::strerror(errno));
    const int modules = qr->width + 2 * kQuietModules;
    const int side = modules * kModulePixels;
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 0xFF);
    for (int y = 0; y < qr->width; ++y) {
        for (int x = 0; x < qr->width; ++x) {
            // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
            if ((qr->data[y * qr->width + x] & 1) == 0)
                continue;
            const int px = (x + kQuietModules) * kModulePixels;
            const int py = (y + kQuietModules) * kModulePixels;
            for (int dy = 0; dy < kModulePixels; ++dy)
                std::memset(&pixels[static_cast<std::size_t>(py + dy) * static_cast<std::size_t>(side) +
                                    static_cast<std::size_t>(px)],
                            0, kModulePixels);
        }
    }
    // libpng's simplified API reports failures by return value (no setjmp in our code).
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(side);
    image.height = static_cast<png_uint_32>(side);
    image.format = PNG_FORMAT_GRAY;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr))
        return fail(Errc::store_io, std::string("cannot make the PNG: ") + image.message);
    std::vector<std::uint8_t> out(size);
    if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr)) {
        png_image_free(&image);
        return fail(Errc::store_io, std::string("cannot make the PNG: ") + image.message);
    }
    out.resize(size);
    return out;
}

Expected<void> QrPng::write(std::string_view text, const std::filesystem::path& file)
{
    auto png = render(text);
    if (!png)
        return tl::unexpected(png.error());
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail(Errc::invalid_argument, "cannot write the PNG file " + file.string() + ": " + std::strerror(errno));
    const ssize_t n = ::write(fd, png->data(), png->size());
    const int err = errno;
    const bool ok = n == static_cast<ssize_t>(png->size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok)
        return fail(err == ENOSPC ? Errc::disk_full : Errc::store_io,
                    "cannot write the PNG file " + file.string() + ": " + std::strerror(n < 0 ? err : ENOSPC));
    return {};
}

} // namespace sango::ledger
