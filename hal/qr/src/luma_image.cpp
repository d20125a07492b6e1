#include "sango/hal/luma_image.h"

#include <cstring>

namespace sango::hal {

LumaImage::LumaImage(int width, int height, std::uint8_t fill)
{
    if (width <= 0 || height <= 0)
        return;
    m_width = width;
    m_height = height;
    m_stride = width;
    m_bytes.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), fill);
}

LumaImage::LumaImage(int width, int height, int stride, std::vector<std::uint8_t> bytes)
{
    if (width <= 0 || height <= 0 || stride < width ||
        bytes.size() < static_cast<std::size_t>(stride) * static_cast<std::size_t>(height))
        return;
    m_width = width;
    m_height = height;
    m_stride = stride;
    m_bytes = std::move(bytes);
}

LumaImage LumaImage::copyOf(const LumaView& view)
{
    if (view.empty())
        return {};
    LumaImage out(view.width, view.height);
    for (int y = 0; y < view.height; ++y)
        std::memcpy(out.row(y), &view.data[static_cast<std::size_t>(y) * static_cast<std::size_t>(view.stride)],
                    static_cast<std::size_t>(view.width));
    return out;
}

} // namespace sango::hal
