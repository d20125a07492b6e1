// The golden test of QR decoding: every image of tests/data/qr/<class>/NN.png against its NN.json. A text
// decoded must be the expected one exactly; each class must decode at least its measured rate; images without
// a code must give nothing; the plausibility pre-check must never hide a code the decoder reads.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sango/hal/image_file.h"
#include "sango/hal/qr_decoder.h"

namespace sango::hal {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kDataDir = SANGO_QR_DATA_DIR;

struct Sample {
    fs::path png;
    std::optional<std::string> text; // nothing: no code in this image
};

std::vector<Sample> samples(const std::string& cls)
{
    std::vector<Sample> out;
    const fs::path dir = kDataDir / cls;
    if (!fs::is_directory(dir))
        return out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".png")
            continue;
        std::ifstream in(fs::path(e.path()).replace_extension(".json"));
        const json j = json::parse(in, nullptr, false);
        if (j.is_discarded() || !j.contains("text") || j.value("class", "") != cls)
            continue; // counted as missing below
        out.push_back({e.path(), j["text"].is_null() ? std::nullopt : std::optional(j["text"].get<std::string>())});
    }
    std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.png < b.png; });
    return out;
}

// The share of each class that must decode, measured on this data set (see the README) and set a little below:
// a drop means the decoder or its settings got worse.
struct ClassCase {
    const char* name;
    double minRate;
};

class QrDataset : public ::testing::TestWithParam<ClassCase> {};

TEST_P(QrDataset, DecodesTheExpectedTextsAtTheMeasuredRate)
{
    const ClassCase c = GetParam();
    const auto set = samples(c.name);
    ASSERT_GE(set.size(), 6u) << "tests/data/qr/" << c.name << " is missing images or their .json";
    const QrDecoder decoder;
    int decoded = 0;
    std::string missed;
    for (const Sample& s : set) {
        SCOPED_TRACE(s.png.string());
        auto image = loadImageFile(s.png);
        ASSERT_TRUE(image) << image.error().message;
        ASSERT_TRUE(s.text.has_value()) << "a positive class holds an image without a text";
        const auto text = decoder.decode(image->view());
        if (!text) {
            missed += " " + s.png.stem().string();
            continue;
        }
        EXPECT_EQ(*text, *s.text);
        EXPECT_TRUE(QrDecoder::plausible(image->view())) << "the pre-check would skip a readable code";
        ++decoded;
    }
    const double rate = static_cast<double>(decoded) / static_cast<double>(set.size());
    RecordProperty("decode_rate", std::to_string(rate));
    std::printf("[   rate   ] %-13s %d/%zu%s%s\n", c.name, decoded, set.size(), missed.empty() ? "" : ", missed:",
                missed.c_str());
    EXPECT_GE(rate, c.minRate) << c.name << ": " << decoded << " of " << set.size() << " decoded";
}

INSTANTIATE_TEST_SUITE_P(Classes, QrDataset,
                         // measured (ZXing-C++ 1.4.0, Debian 12): 8/8 8/8 6/8 5/8 8/8 5/8 7/8
                         ::testing::Values(ClassCase{"clean", 1.0}, ClassCase{"rotated", 1.0},
                                           ClassCase{"scaled_down", 0.7}, ClassCase{"blurred", 0.6},
                                           ClassCase{"low_contrast", 0.85}, ClassCase{"noisy", 0.6},
                                           ClassCase{"phone_angle", 0.85}),
                         [](const ::testing::TestParamInfo<ClassCase>& p) { return std::string(p.param.name); });

TEST(QrDatasetNegatives, NoFalsePositive)
{
    const auto set = samples("no_qr");
    ASSERT_GE(set.size(), 6u);
    for (const Sample& s : set) {
        SCOPED_TRACE(s.png.string());
        EXPECT_FALSE(s.text.has_value());
        auto image = loadImageFile(s.png);
        ASSERT_TRUE(image) << image.error().message;
        EXPECT_EQ(QrDecoder().decode(image->view()), std::nullopt);
    }
}

// The recorded camera: the desk alone decodes nothing and the pre-check spares the decoder; once the phone is
// fully in view the coupon reads.
TEST(QrCameraFrames, DeskIsImplausibleAndThePhoneReads)
{
    std::ifstream in(kDataDir.parent_path() / "credentials.json");
    const json vectors = json::parse(in);
    const std::string coupon = vectors.at("vectors").at(0).at("qr_text");
    for (int i = 0; i < 8; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "frame-%02d.png", i);
        SCOPED_TRACE(name);
        auto image = loadImageFile(kDataDir / "camera" / name);
        ASSERT_TRUE(image) << image.error().message;
        EXPECT_EQ(image->width(), 1280);
        EXPECT_EQ(image->height(), 720);
        const bool plausible = QrDecoder::plausible(image->view());
        const auto text = QrDecoder().decode(image->view());
        std::printf("[  camera  ] %s plausible=%d decoded=%d\n", name, plausible, text.has_value());
        if (i < 3) {
            EXPECT_FALSE(plausible);
            EXPECT_EQ(text, std::nullopt);
        }
        if (i >= 5) {
            EXPECT_TRUE(plausible);
            EXPECT_EQ(text, coupon);
        }
    }
}

// Uniform and smoothly lit frames (a covered lens, a wall) are implausible, with or without sensor noise;
// a code drawn on them is plausible.
TEST(QrPlausible, BlankFramesAreSkipped)
{
    LumaImage black(1280, 720, 0), gray(1280, 720, 128), white(1280, 720, 255);
    EXPECT_FALSE(QrDecoder::plausible(black.view()));
    EXPECT_FALSE(QrDecoder::plausible(gray.view()));
    EXPECT_FALSE(QrDecoder::plausible(white.view()));
    EXPECT_FALSE(QrDecoder::plausible(LumaView{}));

    // A lighting gradient with sensor noise of σ ≈ 8 gray levels (a sum of 12 uniform draws).
    LumaImage ramp(1280, 720);
    std::uint32_t seed = 12345;
    for (int y = 0; y < 720; ++y)
        for (int x = 0; x < 1280; ++x) {
            int sum = 0;
            for (int k = 0; k < 12; ++k) {
                seed = seed * 1664525u + 1013904223u;
                sum += static_cast<int>(seed >> 24); // 0..255, σ of the sum ≈ 256
            }
            const int noise = (sum - 12 * 128) / 32;
            ramp.row(y)[x] = static_cast<std::uint8_t>(std::clamp(40 + (x + y) * 160 / 2000 + noise, 0, 255));
        }
    EXPECT_FALSE(QrDecoder::plausible(ramp.view()));

    // A checkerboard of 8-pixel squares in a corner: enough swings on enough rows.
    LumaImage board = ramp;
    for (int y = 100; y < 260; ++y)
        for (int x = 100; x < 260; ++x)
            board.row(y)[x] = ((x / 8 + y / 8) % 2) ? 20 : 230;
    EXPECT_TRUE(QrDecoder::plausible(board.view()));
}

} // namespace
} // namespace sango::hal
