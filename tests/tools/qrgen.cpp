// sango-qrgen: makes the QR test images of tests/data/qr (run tests/tools/make-qr-set.sh, not this directly).
//
//   sango-qrgen CREDENTIALS_JSON OUT_DIR
//
// Writes OUT_DIR/<class>/NN.png beside NN.json {"text": ..., "class": ...} ({"text": null} for the images
// without a QR code) for each class, and OUT_DIR/camera/frame-NN.png, a short "recorded camera" sequence.
// Deterministic: one seeded Mersenne Twister, with its own uniform and normal draws (the standard library's
// distributions differ between implementations). Texts: the QR texts of tests/data/credentials.json (real
// coupon texts, encoded in byte mode like the ledger's PNGs) and a few other strings (encoded with the
// encoder's best modes).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <png.h>
#include <qrencode.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
constexpr double kPi = 3.14159265358979323846;

// ---- randomness ----

class Rng {
public:
    explicit Rng(std::uint32_t seed) : m_g(seed) {}
    double uniform() { return static_cast<double>(m_g()) / 4294967296.0; } // [0, 1)
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }

private:
    std::mt19937 m_g;
};

// ---- images: floats in [0, 1], 1 is white ----

struct Image {
    int w = 0, h = 0;
    std::vector<double> px;
    Image(int width, int height, double fill = 1.0) : w(width), h(height), px(static_cast<std::size_t>(w * h), fill) {}
    double& at(int x, int y) { return px[static_cast<std::size_t>(y * w + x)]; }
    double at(int x, int y) const { return px[static_cast<std::size_t>(y * w + x)]; }
};

using Scene = std::function<double(double x, double y)>;

// Each pixel is the mean of ss × ss samples of the scene (anti-aliasing, and the camera's area sampling).
Image render(int w, int h, int ss, const Scene& scene)
{
    Image img(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double sum = 0;
            for (int j = 0; j < ss; ++j)
                for (int i = 0; i < ss; ++i)
                    sum += scene(x + (i + 0.5) / ss, y + (j + 0.5) / ss);
            img.at(x, y) = sum / (ss * ss);
        }
    return img;
}

void blur(Image& img, double sigma)
{
    if (sigma <= 0)
        return;
    const int r = static_cast<int>(std::ceil(3 * sigma));
    std::vector<double> k(static_cast<std::size_t>(2 * r + 1));
    double sum = 0;
    for (int i = -r; i <= r; ++i)
        sum += k[static_cast<std::size_t>(i + r)] = std::exp(-0.5 * i * i / (sigma * sigma));
    for (double& v : k)
        v /= sum;
    Image tmp = img;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            double s = 0;
            for (int i = -r; i <= r; ++i)
                s += k[static_cast<std::size_t>(i + r)] * img.at(std::clamp(x + i, 0, img.w - 1), y);
            tmp.at(x, y) = s;
        }
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            double s = 0;
            for (int i = -r; i <= r; ++i)
                s += k[static_cast<std::size_t>(i + r)] * tmp.at(x, std::clamp(y + i, 0, img.h - 1));
            img.at(x, y) = s;
        }
}

void addNoise(Image& img, Rng& rng, double sigma, double saltPepper = 0)
{
    for (double& v : img.px) {
        v += sigma * rng.normal();
        if (saltPepper > 0 && rng.uniform() < saltPepper)
            v = rng.uniform() < 0.5 ? 0.0 : 1.0;
    }
}

bool writePng(const fs::path& file, const Image& img)
{
    std::vector<std::uint8_t> bytes(img.px.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<std::uint8_t>(std::lround(std::clamp(img.px[i], 0.0, 1.0) * 255.0));
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(img.w);
    image.height = static_cast<png_uint_32>(img.h);
    image.format = PNG_FORMAT_GRAY;
    if (!png_image_write_to_file(&image, file.c_str(), 0, bytes.data(), 0, nullptr)) {
        std::fprintf(stderr, "sango-qrgen: cannot write %s: %s\n", file.c_str(), image.message);
        return false;
    }
    return true;
}

// ---- QR codes ----

struct Qr {
    int n = 0; // modules a side
    std::vector<std::uint8_t> dark;
    bool isDark(int x, int y) const { return dark[static_cast<std::size_t>(y * n + x)] != 0; }
};

// Byte mode (like the ledger's coupon PNGs) or the encoder's best modes; error correction M.
std::optional<Qr> encode(const std::string& text, bool byteMode)
{
    QRcode* q = byteMode ? QRcode_encodeData(static_cast<int>(text.size()),
                                             reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M)
                         : QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return std::nullopt;
    Qr out;
    out.n = q->width;
    out.dark.resize(static_cast<std::size_t>(q->width * q->width));
    for (std::size_t i = 0; i < out.dark.size(); ++i)
        out.dark[i] = q->data[i] & 1;
    QRcode_free(q);
    return out;
}

constexpr int kQuiet = 4;

// The code in module coordinates (0..n across the symbol): dark/light inside the symbol and its quiet zone,
// nothing outside.
std::optional<double> qrAt(const Qr& qr, double u, double v, double dark = 0.0, double light = 1.0)
{
    if (u < -kQuiet || v < -kQuiet || u >= qr.n + kQuiet || v >= qr.n + kQuiet)
        return std::nullopt;
    if (u < 0 || v < 0 || u >= qr.n || v >= qr.n)
        return light;
    return qr.isDark(static_cast<int>(u), static_cast<int>(v)) ? dark : light;
}

// ---- geometry: a homography from the unit square to a quadrilateral, and its inverse ----

using Mat3 = std::array<double, 9>;
struct Pt {
    double x, y;
};

// The projective map taking (0,0) (1,0) (1,1) (0,1) to q[0..3].
Mat3 squareToQuad(const std::array<Pt, 4>& q)
{
    const double dx1 = q[1].x - q[2].x, dx2 = q[3].x - q[2].x, dx3 = q[0].x - q[1].x + q[2].x - q[3].x;
    const double dy1 = q[1].y - q[2].y, dy2 = q[3].y - q[2].y, dy3 = q[0].y - q[1].y + q[2].y - q[3].y;
    const double den = dx1 * dy2 - dx2 * dy1;
    const double g = (dx3 * dy2 - dx2 * dy3) / den;
    const double h = (dx1 * dy3 - dx3 * dy1) / den;
    return {q[1].x - q[0].x + g * q[1].x, q[3].x - q[0].x + h * q[3].x, q[0].x,
            q[1].y - q[0].y + g * q[1].y, q[3].y - q[0].y + h * q[3].y, q[0].y,
            g,                            h,                            1.0};
}

Mat3 inverse(const Mat3& m)
{
    const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
    const double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
    const double det = a * A + b * B + c * C;
    return {A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
            B / det, (a * i - c * g) / det,  -(a * f - c * d) / det,
            C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
}

Pt apply(const Mat3& m, double x, double y)
{
    const double w = m[6] * x + m[7] * y + m[8];
    return {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
}

// The quadrilateral of a rectangle w × h centred at (cx, cy), turned by `roll` degrees, tilted by `yaw` and
// `pitch` degrees (a pinhole camera at distance `dist` × the larger side) and scaled to `size` pixels wide.
std::array<Pt, 4> tilted(double cx, double cy, double size, double aspect, double roll, double yaw, double pitch)
{
    const double r = roll * kPi / 180, ya = yaw * kPi / 180, pi = pitch * kPi / 180;
    const double dist = 3.0;
    std::array<Pt, 4> out{};
    const double a = 0.5 * aspect;
    const std::array<Pt, 4> corners{{{-0.5, -a}, {0.5, -a}, {0.5, a}, {-0.5, a}}};
    for (std::size_t k = 0; k < 4; ++k) {
        double x = corners[k].x, y = corners[k].y, z = 0;
        // yaw about the vertical axis, pitch about the horizontal, roll in the image plane
        double x1 = x * std::cos(ya) + z * std::sin(ya), z1 = -x * std::sin(ya) + z * std::cos(ya);
        double y1 = y * std::cos(pi) - z1 * std::sin(pi), z2 = y * std::sin(pi) + z1 * std::cos(pi);
        const double s = dist / (dist + z2);
        const double px = x1 * s, py = y1 * s;
        out[k] = {cx + size * (px * std::cos(r) - py * std::sin(r)), cy + size * (px * std::sin(r) + py * std::cos(r))};
    }
    return out;
}

// ---- the phone: a dark body, a bright screen with the code, the screen's pixel grid ----

struct Phone {
    const Qr* qr = nullptr; // nothing: the screen shows text lines only
    double screenLevel = 0.93;
    double gridPeriod = 0;  // screen pixels across the screen's width (moiré against the camera's pixels)
    double gridDepth = 0.0; // how dark the gaps between screen pixels are
};

// (s, t) in [0,1]² × [0, aspect] screen-body coordinates; the body is 1 wide and 2 tall.
double phoneAt(const Phone& p, double s, double t)
{
    const double bezel = 0.05;
    if (s < 0 || t < 0 || s > 1 || t > 2)
        return -1; // not the phone
    const double corner = 0.12;
    const double cxr = std::clamp(s, corner, 1 - corner), cyr = std::clamp(t, corner, 2 - corner);
    if (std::hypot(s - cxr, t - cyr) > corner)
        return -1;
    if (s < bezel || s > 1 - bezel || t < 0.18 || t > 1.82)
        return 0.08; // body and bezel
    double v = p.screenLevel;
    const double u = (s - bezel) / (1 - 2 * bezel); // 0..1 across the screen
    const double w = (t - 0.18) / (1 - 2 * bezel);  // 0..(1.64/0.9) down the screen
    if (p.qr) {
        const double side = 0.86; // the code's width on the screen, quiet zone included
        const double m = (p.qr->n + 2 * kQuiet) / side;
        const double qu = (u - (1 - side) / 2) * m - kQuiet, qv = (w - 0.35) * m - kQuiet;
        if (auto q = qrAt(*p.qr, qu, qv, 0.04, p.screenLevel))
            v = *q;
        else if (w > 0.1 && w < 0.25 && u > 0.15 && u < 0.85 && std::fmod(u * 40, 1.0) < 0.7 &&
                 std::fmod(w * 60, 3.0) < 1.0)
            v = 0.35; // a line of text above the code
    } else if (w > 0.1 && std::fmod(w * 20, 1.0) < 0.35 && u > 0.1 && u < 0.9 &&
               std::fmod(u * 37 + w * 5, 1.0) < 0.75) {
        v = 0.3; // lines of text
    }
    if (p.gridPeriod > 0) {
        const double gx = 0.5 + 0.5 * std::cos(2 * kPi * u * p.gridPeriod);
        const double gy = 0.5 + 0.5 * std::cos(2 * kPi * w * p.gridPeriod);
        v *= 1 - p.gridDepth * std::max(gx, gy);
    }
    return v;
}

// ---- the data set ----

struct Writer {
    fs::path root;
    bool ok = true;
    void write(const std::string& cls, int index, const Image& img, const std::optional<std::string>& text)
    {
        const fs::path dir = root / cls;
        fs::create_directories(dir);
        char name[16];
        std::snprintf(name, sizeof name, "%02d", index);
        ok = writePng(dir / (std::string(name) + ".png"), img) && ok;
        json j = {{"text", text ? json(*text) : json(nullptr)}, {"class", cls}};
        std::ofstream(dir / (std::string(name) + ".json")) << j.dump(1) << '\n';
    }
};

struct Text {
    std::string text;
    bool byteMode;
};

// A code drawn square at `module` pixels a module, turned by `angle` degrees about the image centre, on a
// background of `background`, in an image of w × h.
Image flatCode(const Qr& qr, double module, double angle, int w, int h, double background = 1.0, int ss = 3,
               double dark = 0.0, double light = 1.0)
{
    const double a = angle * kPi / 180, c = std::cos(a), s = std::sin(a);
    const double half = qr.n / 2.0;
    return render(w, h, ss, [&](double x, double y) {
        const double dx = x - w / 2.0, dy = y - h / 2.0;
        const double u = (c * dx + s * dy) / module + half, v = (-s * dx + c * dy) / module + half;
        return qrAt(qr, u, v, dark, light).value_or(background);
    });
}

int sideFor(const Qr& qr, double module)
{
    return static_cast<int>(std::ceil((qr.n + 2 * kQuiet) * module));
}

void makeSet(Writer& out, const std::vector<Text>& texts, Rng& rng)
{
    const auto code = [&](std::size_t i) {
        const Text& t = texts[i % texts.size()];
        return std::make_pair(*encode(t.text, t.byteMode), t.text);
    };
    // clean: square, upright, 3–8 pixels a module
    const double cleanModules[] = {4, 3, 5, 6, 4, 3, 5, 8};
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i));
        const int side = sideFor(qr, cleanModules[i]);
        out.write("clean", i, flatCode(qr, cleanModules[i], 0, side, side, 1.0, 1), text);
    }
    // rotated: any angle, on a mid-gray table
    const double angles[] = {90, 180, 270, 15, 33, 45, 127, 212};
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i + 3));
        const int side = static_cast<int>(sideFor(qr, 3.5) * 1.45) + 8;
        out.write("rotated", i, flatCode(qr, 3.5, angles[i], side, side, 0.55), text);
    }
    // scaled_down: 2.5 down to 1.3 pixels a module (area-sampled)
    const double small[] = {2.5, 2.2, 2.0, 1.8, 1.7, 1.6, 1.5, 1.3};
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i + 1));
        const int side = sideFor(qr, small[i]) + 6;
        out.write("scaled_down", i, flatCode(qr, small[i], 0, side, side, 0.9, 4), text);
    }
    // blurred: Gaussian blur of 0.2 to 0.7 of a module (4 pixels)
    const double sigmas[] = {0.8, 1.1, 1.4, 1.8, 2.1, 2.4, 2.8, 1.6};
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i + 2));
        const int side = sideFor(qr, 4) + 10;
        Image img = flatCode(qr, 4, 0, side, side, 0.8);
        blur(img, sigmas[i]);
        out.write("blurred", i, img, text);
    }
    // low_contrast: dark and light modules 70 down to 12 gray levels apart, under a lighting gradient
    const double gaps[] = {70, 50, 40, 32, 25, 20, 16, 12};
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i + 4));
        const int side = sideFor(qr, 4) + 10;
        const double mid = rng.uniform(0.35, 0.65), gap = gaps[i] / 255.0;
        Image img = flatCode(qr, 4, 0, side, side, mid + gap / 2, 3, mid - gap / 2, mid + gap / 2);
        for (int y = 0; y < img.h; ++y)
            for (int x = 0; x < img.w; ++x)
                img.at(x, y) *= 0.9 + 0.2 * (x + y) / (img.w + img.h); // light from one side
        addNoise(img, rng, 1.5 / 255);
        out.write("low_contrast", i, img, text);
    }
    // noisy: sensor noise σ 10 to 70 gray levels, the last ones with salt and pepper too
    const double noise[] = {10, 15, 20, 30, 40, 50, 60, 70};
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i + 5));
        const int side = sideFor(qr, 3) + 8;
        Image img = flatCode(qr, 3, 0, side, side, 0.85);
        blur(img, 0.6);
        addNoise(img, rng, noise[i] / 255, i >= 5 ? 0.02 : 0.0);
        out.write("noisy", i, img, text);
    }
    // phone_angle: a phone screen photographed at an angle: perspective, glare, the screen's pixel grid
    // against the camera's (moiré), a little blur and noise
    for (int i = 0; i < 8; ++i) {
        auto [qr, text] = code(static_cast<std::size_t>(i));
        // The phone fills the picture (its ends cut off), the code about 2.5 to 3.5 pixels a module.
        const int w = 360, h = 360;
        Phone phone{&qr, 0.9, rng.uniform(180, 320), rng.uniform(0.1, 0.3)};
        const double yaw = rng.uniform(-40, 40), pitch = rng.uniform(-35, 35), roll = rng.uniform(-25, 25);
        const double size = (qr.n + 2 * kQuiet) * rng.uniform(2.6, 3.6) / (0.9 * 0.86);
        const auto quad = tilted(w / 2.0 + rng.uniform(-15, 15), h / 2.0 + 0.12 * size + rng.uniform(-10, 10), size,
                                 2.0, roll, yaw, pitch);
        const Mat3 toBody = inverse(squareToQuad(quad)); // image → unit square of the body (t scaled by 2)
        const double gx = rng.uniform(0.2, 0.8) * w, gy = rng.uniform(0.2, 0.8) * h, gr = rng.uniform(40, 90);
        const double glare = rng.uniform(0.25, 0.6);
        Image img = render(w, h, 2, [&](double x, double y) {
            const Pt b = apply(toBody, x, y);
            double v = phoneAt(phone, b.x, b.y * 2);
            if (v < 0) // the table
                v = 0.45 + 0.1 * std::sin(x * 0.05 + y * 0.013) + 0.05 * std::sin(y * 0.21);
            const double d2 = ((x - gx) * (x - gx) + (y - gy) * (y - gy)) / (gr * gr);
            return v + glare * std::exp(-d2);
        });
        blur(img, 0.7);
        addNoise(img, rng, 3.0 / 255);
        out.write("phone_angle", i, img, text);
    }
    // no_qr: images without a code (no decoder may find one)
    for (int i = 0; i < 8; ++i) {
        const int w = 240, h = 240;
        Image img(w, h);
        switch (i) {
        case 0: // blank paper
            break;
        case 1: // uniform gray with sensor noise
            img = Image(w, h, 0.5);
            addNoise(img, rng, 6.0 / 255);
            break;
        case 2: // a lighting gradient
            img = render(w, h, 1, [&](double x, double y) { return 0.2 + 0.7 * (x + 0.5 * y) / (1.5 * w); });
            break;
        case 3: // a checkerboard
            img = render(w, h, 2, [](double x, double y) {
                return (static_cast<int>(x / 12) + static_cast<int>(y / 12)) % 2 ? 0.1 : 0.9;
            });
            break;
        case 4: { // random modules without finder patterns: QR-like texture
            std::vector<std::uint8_t> cells(45 * 45);
            for (auto& c : cells)
                c = rng.uniform() < 0.5;
            img = render(w, h, 1, [&](double x, double y) {
                const int cx = static_cast<int>((x - 7.5) / 5), cy = static_cast<int>((y - 7.5) / 5);
                if (x < 7.5 || y < 7.5 || cx >= 45 || cy >= 45)
                    return 1.0;
                return cells[static_cast<std::size_t>(cy * 45 + cx)] ? 0.0 : 1.0;
            });
            break;
        }
        case 5: { // a 1D barcode
            std::vector<double> bars;
            for (double x = 20; x < w - 20; x += rng.uniform(2, 8))
                bars.push_back(x);
            img = render(w, h, 2, [&](double x, double y) {
                if (y < 60 || y > 180 || x < 20 || x > w - 20)
                    return 1.0;
                const auto it = std::upper_bound(bars.begin(), bars.end(), x);
                return (it - bars.begin()) % 2 ? 0.05 : 1.0;
            });
            break;
        }
        case 6: { // a phone showing text, at an angle
            Phone phone{nullptr, 0.92, 250, 0.2};
            const Mat3 toBody = inverse(squareToQuad(tilted(w / 2.0, h / 2.0, 110, 2.0, 12, 25, -15)));
            img = render(w, h, 2, [&](double x, double y) {
                const Pt b = apply(toBody, x, y);
                const double v = phoneAt(phone, b.x, b.y * 2);
                return v < 0 ? 0.5 : v;
            });
            addNoise(img, rng, 4.0 / 255);
            break;
        }
        default: { // three finder patterns and no data: a broken code
            img = render(w, h, 2, [](double x, double y) {
                const double m = 8;
                const auto finder = [&](double fx, double fy) -> std::optional<double> {
                    const double u = (x - fx) / m, v = (y - fy) / m;
                    if (u < 0 || v < 0 || u >= 7 || v >= 7)
                        return std::nullopt;
                    const double d = std::max(std::abs(u - 3.5), std::abs(v - 3.5));
                    return d > 2.5 ? 0.0 : d > 1.5 ? 1.0 : 0.0;
                };
                for (const auto& [fx, fy] : std::array<Pt, 3>{{{32, 32}, {152, 32}, {32, 152}}})
                    if (auto v = finder(fx, fy))
                        return *v;
                return 1.0;
            });
            break;
        }
        }
        out.write("no_qr", i, img, std::nullopt);
    }
}

// ---- the recorded camera: a desk, then a phone with the coupon coming into view at an angle ----

void makeCamera(const fs::path& dir, const std::string& coupon, bool& ok)
{
    fs::create_directories(dir);
    const int w = 1280, h = 720;
    const Qr qr = *encode(coupon, true);
    const auto room = [&](double x, double y, double light) {
        double v = light * (0.55 + 0.25 * std::exp(-((x - 400) * (x - 400) + (y - 150) * (y - 150)) / 2.0e5));
        if (y > 430 + 0.05 * x) // the desk
            v = light * (0.35 + 0.04 * std::sin(x * 0.02 + y * 0.004) + 0.02 * std::sin(y * 0.11));
        if (x > 980 && x < 1180 && y > 80 && y < 330) // a notice on the wall
            v = light * 0.8;
        return v;
    };
    struct Pose {
        bool phone;
        double cx, cy, size, roll, yaw, pitch, motionBlur;
    };
    const Pose poses[] = {
        {false, 0, 0, 0, 0, 0, 0, 0},
        {false, 0, 0, 0, 0, 0, 0, 0},
        {false, 0, 0, 0, 0, 0, 0, 0},
        {true, 1330, 520, 330, 30, 35, 20, 6},  // the phone enters from the right, mostly out of frame
        {true, 1100, 470, 330, 22, 38, 18, 4},  // half in view, moving
        {true, 860, 400, 340, 14, 32, 15, 0.8}, // in view at an angle
        {true, 800, 390, 350, 12, 30, 14, 0.6},
        {true, 790, 385, 350, 11, 29, 14, 0.6},
    };
    for (int i = 0; i < 8; ++i) {
        const Pose& p = poses[i];
        const double light = 1.0 + 0.02 * i;
        Phone phone{&qr, 0.9, 300, 0.12};
        const Mat3 toBody = inverse(squareToQuad(tilted(p.cx, p.cy, p.size, 2.0, p.roll, p.yaw, p.pitch)));
        Image img = render(w, h, p.phone ? 2 : 1, [&](double x, double y) {
            if (p.phone) {
                const Pt b = apply(toBody, x, y);
                if (const double v = phoneAt(phone, b.x, b.y * 2); v >= 0)
                    return v + 0.3 * std::exp(-((x - p.cx + 40) * (x - p.cx + 40) + (y - p.cy) * (y - p.cy)) / 4000.0);
            }
            return room(x, y, light);
        });
        blur(img, p.phone ? p.motionBlur : 0.8);
        char name[32];
        std::snprintf(name, sizeof name, "frame-%02d.png", i);
        ok = writePng(dir / name, img) && ok;
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: sango-qrgen CREDENTIALS_JSON OUT_DIR\n");
        return 1;
    }
    std::ifstream in(argv[1]);
    const json vectors = json::parse(in, nullptr, false);
    if (vectors.is_discarded() || !vectors.contains("vectors")) {
        std::fprintf(stderr, "sango-qrgen: %s is not the credential vectors file\n", argv[1]);
        return 1;
    }
    std::vector<Text> texts;
    for (const auto& v : vectors["vectors"]) {
        const std::string t = v.value("qr_text", "");
        if (!t.empty() && t.size() <= 512 && v.value("name", "") != "lowercase_prefix")
            texts.push_back({t, true});
    }
    if (texts.empty() || vectors["vectors"][0].value("name", "") != "valid_standard") {
        std::fprintf(stderr, "sango-qrgen: the vectors file has no valid_standard coupon first\n");
        return 1;
    }
    // Other strings, interleaved so that every class has some: a typed coupon id, a URL, Japanese text, digits.
    const std::vector<Text> others{{"7K3Q-9M2X-4T8V-WZ1M", false},
                                   {"https://example.jp/sango/coupon?id=7K3Q9M2X4T8VWZ1M", false},
                                   {"産後ケア デジタルクーポン（試験用）", false},
                                   {"0123456789012345678901234567890123456789", false}};
    std::vector<Text> all;
    for (std::size_t i = 0; i < std::max(texts.size(), others.size() * 3); ++i) {
        if (i < texts.size())
            all.push_back(texts[i]);
        if (i % 3 == 2 && i / 3 < others.size())
            all.push_back(others[i / 3]);
    }
    Rng rng(20260403);
    Writer out{argv[2]};
    makeSet(out, all, rng);
    bool ok = out.ok;
    makeCamera(fs::path(argv[2]) / "camera", texts.front().text, ok);
    return ok ? 0 : 1;
}
