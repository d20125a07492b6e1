// libFuzzer target: any bytes as an image file through sango::hal_qr (loadImageBytes: the PNG/JPEG check, the
// size limit, stb's decoders) and, when they load, the plausibility check and the QR decoder. Nothing may
// crash or trip a sanitizer; what loads must be a consistent gray image within the size limit.
// stb_image is compiled into this file so that its decoders are instrumented too: the executable's
// definitions take the place of the system libstb's for the whole program.
// Built with -DSANGO_BUILD_FUZZ=ON (tests/fuzz/CMakeLists.txt), or by hand from the source tree's top:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -DZX_USE_UTF8 -I hal/qr/include
//     -I terminal/include tests/fuzz/fuzz_image_file.cpp hal/qr/src/*.cpp terminal/src/error.cpp -lZXing
//     -o fuzz_image_file
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#include <stb/stb_image.h>

#include "sango/hal/image_file.h"
#include "sango/hal/qr_decoder.h"

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto image = sango::hal::loadImageBytes(std::span<const unsigned char>(data, size));
    if (!image) {
        check(image.error().code == sango::Errc::invalid_argument);
        check(!image.error().message.empty());
        return 0;
    }
    check(!image->empty());
    check(image->width() <= sango::hal::kMaxImageSide && image->height() <= sango::hal::kMaxImageSide);
    check(image->bytes().size() >=
          static_cast<std::size_t>(image->stride()) * static_cast<std::size_t>(image->height()));
    const sango::hal::LumaView view = image->view();
    (void)sango::hal::QrDecoder::plausible(view);
    // ZXing on every loaded image, but only small ones: large ones only cost time (a few KB of PNG can say
    // 8192 × 8192).
    if (static_cast<long>(view.width) * view.height <= 1024L * 1024L) {
        if (auto text = sango::hal::QrDecoder().decode(view))
            check(text->size() < 8192);
    }
    return 0;
}
