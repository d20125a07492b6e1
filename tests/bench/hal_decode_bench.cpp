// sango_hal_decode_bench: the time to decode one 1280×720 camera frame (tests/data/qr/camera), with the coupon's
// QR code in view and without, by our QrDecoder (ZXing-C++, with and without the plausibility pre-check that
// FrameDecoder runs first) and by zbar (QR only) on the same frames in the same run; then a table with the
// ratio zbar / ZXing. zbar is here only as a yardstick: the product links ZXing alone.
//
// Frames: "qr"      frame-06, the phone in view at an angle (both decoders should read it)
//         "desk"    frame-00, the desk without a phone (the pre-check skips it)
//         "partial" frame-04, the phone half in view (the pre-check passes it, nothing decodes)
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <zbar.h>

#include "sango/hal/image_file.h"
#include "sango/hal/qr_decoder.h"

namespace {

using sango::hal::LumaImage;
using sango::hal::QrDecoder;

struct Frame {
    const char* name;
    const char* file;
    LumaImage image;
};

Frame g_frames[] = {{"qr", "frame-06.png", {}}, {"desk", "frame-00.png", {}}, {"partial", "frame-04.png", {}}};

bool loadFrames()
{
    for (Frame& f : g_frames) {
        auto image = sango::hal::loadImageFile(std::filesystem::path(SANGO_QR_DATA_DIR) / "camera" / f.file);
        if (!image) {
            std::fprintf(stderr, "sango_hal_decode_bench: %s\n", image.error().message.c_str());
            return false;
        }
        f.image = std::move(*image);
    }
    return true;
}

std::optional<std::string> zxing(const LumaImage& image, bool precheck)
{
    if (precheck && !QrDecoder::plausible(image.view()))
        return std::nullopt;
    return QrDecoder().decode(image.view());
}

// zbar's image scanner, QR codes only, on the same gray bytes (Y800).
class Zbar {
public:
    Zbar() : m_scanner(zbar::zbar_image_scanner_create())
    {
        zbar::zbar_image_scanner_set_config(m_scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
        zbar::zbar_image_scanner_set_config(m_scanner, zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    }
    ~Zbar() { zbar::zbar_image_scanner_destroy(m_scanner); }
    Zbar(const Zbar&) = delete;
    Zbar& operator=(const Zbar&) = delete;

    std::optional<std::string> decode(const LumaImage& image)
    {
        zbar::zbar_image_t* z = zbar::zbar_image_create();
        zbar::zbar_image_set_format(z, zbar_fourcc('Y', '8', '0', '0'));
        zbar::zbar_image_set_size(z, static_cast<unsigned>(image.width()), static_cast<unsigned>(image.height()));
        zbar::zbar_image_set_data(z, image.bytes().data(), image.bytes().size(), nullptr);
        std::optional<std::string> text;
        if (zbar::zbar_scan_image(m_scanner, z) > 0)
            if (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(z))
                text = std::string(zbar::zbar_symbol_get_data(s), zbar::zbar_symbol_get_data_length(s));
        zbar::zbar_image_destroy(z);
        return text;
    }

private:
    zbar::zbar_image_scanner_t* m_scanner;
};

enum class Decoder { zxing, zxingPrecheck, zbar };
const char* const kDecoderNames[] = {"zxing", "zxing+precheck", "zbar"};

void BM_Decode(benchmark::State& state)
{
    const auto decoder = static_cast<Decoder>(state.range(0));
    const Frame& frame = g_frames[state.range(1)];
    Zbar zbar;
    bool found = false;
    for (auto _ : state) {
        const auto text = decoder == Decoder::zbar ? zbar.decode(frame.image)
                                                   : zxing(frame.image, decoder == Decoder::zxingPrecheck);
        found = text.has_value();
        benchmark::DoNotOptimize(text);
    }
    state.SetLabel(found ? "decoded" : "nothing");
}

void BM_Precheck(benchmark::State& state)
{
    const Frame& frame = g_frames[state.range(0)];
    for (auto _ : state)
        benchmark::DoNotOptimize(QrDecoder::plausible(frame.image.view()));
}

// "decode/zbar/qr" (snprintf: GCC 12 -O3 warns falsely on chains of std::string +)
std::string runName(int decoder, int frame)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "decode/%s/%s", kDecoderNames[decoder], g_frames[frame].name);
    return buf;
}

void registerBenchmarks()
{
    for (int f = 0; f < 3; ++f) {
        for (int d = 0; d < 3; ++d)
            benchmark::RegisterBenchmark(runName(d, f).c_str(), BM_Decode)
                ->Args({d, f})
                ->Unit(benchmark::kMillisecond)
                ->MinTime(1.0);
        char name[64];
        std::snprintf(name, sizeof name, "precheck/%s", g_frames[f].name);
        benchmark::RegisterBenchmark(name, BM_Precheck)
            ->Args({f})
            ->Unit(benchmark::kMicrosecond);
    }
}

// The console output as usual, and each CPU time and label kept for the table.
class SummaryReporter final : public benchmark::ConsoleReporter {
public:
    explicit SummaryReporter(OutputOptions o) : ConsoleReporter(o) {}
    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const Run& run : runs)
            if (run.run_type == Run::RT_Iteration && !run.error_occurred)
                m_results[run.run_name.function_name] = {run.GetAdjustedCPUTime(), run.report_label};
        ConsoleReporter::ReportRuns(runs);
    }
    struct Result {
        double ms = 0; // all decode runs are in milliseconds
        std::string label;
    };
    std::optional<Result> find(const std::string& name) const
    {
        const auto it = m_results.find(name);
        return it == m_results.end() ? std::nullopt : std::optional(it->second);
    }

private:
    std::map<std::string, Result> m_results;
};

void printSummary(const SummaryReporter& rep)
{
    std::printf("\n%-8s %16s %18s %16s %12s\n", "frame", "zxing", "zxing+precheck", "zbar", "zbar/zxing");
    for (int f = 0; f < 3; ++f) {
        char cells[3][48] = {"-", "-", "-"};
        double ms[3] = {0, 0, 0};
        for (int d = 0; d < 3; ++d) {
            if (auto r = rep.find(runName(d, f))) {
                std::snprintf(cells[d], sizeof cells[d], "%.2f ms %s", r->ms,
                              r->label == "decoded" ? "(read)" : "(none)");
                ms[d] = r->ms;
            }
        }
        char ratio[32] = "-";
        if (ms[0] > 0 && ms[2] > 0)
            std::snprintf(ratio, sizeof ratio, "%.2f", ms[2] / ms[0]);
        std::printf("%-8s %16s %18s %16s %12s\n", g_frames[f].name, cells[0], cells[1], cells[2], ratio);
    }
    std::printf("\nCPU time per 1280x720 gray frame, one thread. zxing = QrDecoder::decode (tryHarder, tryRotate,\n"
                "tryDownscale); zxing+precheck = QrDecoder::plausible first, as FrameDecoder does; zbar = zbar's\n"
                "image scanner with only QR codes enabled. ratio > 1: zbar is slower.\n");
}

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    if (!loadFrames())
        return 1;
    registerBenchmarks();
    SummaryReporter reporter(::isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_ColorTabular
                                                     : benchmark::ConsoleReporter::OO_Tabular);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::fflush(stderr);
    printSummary(reporter);
    std::fflush(stdout);
    benchmark::Shutdown();
    return 0;
}
