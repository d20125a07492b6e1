#pragma once
// An 8-bit luminance (gray) image: what every QR path of hal/ works on. LumaImage owns its bytes; LumaView
// points into someone else's (a camera frame's Y plane, an image file just read) and must not outlive them.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sango::hal {

struct LumaView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0; // bytes from one row to the next (>= width)

    bool empty() const { return data == nullptr || width <= 0 || height <= 0 || stride < width; }
    std::uint8_t at(int x, int y) const
    {
        return data[static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x)];
    }
};

class LumaImage {
public:
    LumaImage() = default;
    // A width × height image filled with `fill`, rows packed (stride = width).
    LumaImage(int width, int height, std::uint8_t fill = 0);
    // Takes rows of `stride` bytes; bytes.size() must be at least stride * height (else an empty image).
    LumaImage(int width, int height, int stride, std::vector<std::uint8_t> bytes);
    // A packed copy of a view.
    static LumaImage copyOf(const LumaView& view);

    int width() const { return m_width; }
    int height() const { return m_height; }
    int stride() const { return m_stride; }
    bool empty() const { return m_width <= 0 || m_height <= 0; }
    const std::vector<std::uint8_t>& bytes() const { return m_bytes; }
    std::uint8_t* row(int y)
    {
        return m_bytes.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_stride);
    }
    LumaView view() const { return {m_bytes.data(), m_width, m_height, m_stride}; }

private:
    int m_width = 0;
    int m_height = 0;
    int m_stride = 0;
    std::vector<std::uint8_t> m_bytes;
};

} // namespace sango::hal
