// EscPosPrinter: the ESC/POS bytes written to a device file (a plain file here), ASCII only; a missing or
// unwritable device is Errc::store_io with what to do. The null defaults do nothing and succeed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include "sango/hal/escpos_printer.h"
#include "sango/hal/scanner.h"

namespace sango::hal {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "sango-printer-XXXXXX").string();
        if (::mkdtemp(pattern.data()))
            m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        if (!m_path.empty())
            fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

std::string readAll(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Receipt sample()
{
    return Receipt{"Sango care", {{"Coupon", "7K3Q-9M2X-4T8V-WZ1M"}, {"Billed min", "120"}}};
}

TEST(EscPosPrinter, WritesTheExpectedBytes)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path device = dir.path() / "lp0";
    std::ofstream(device).close(); // the device exists; the printer never creates it
    EscPosPrinter printer(device, {.width = 32, .feedLines = 4, .timeout = std::chrono::milliseconds(1000)});
    ASSERT_TRUE(printer.print(sample()));

    const std::string expected = "\x1B@"s
        + "\x1B" "a\x01" "\x1B" "E\x01" "Sango care\n"
        + "\x1B" "E\x00"s + "\x1B" "a\x00"s
        + "Coupon       7K3Q-9M2X-4T8V-WZ1M\n"
        + "Billed min                   120\n"
        + "\x1B" "d\x04"
        + "\x1D" "V\x01";
    EXPECT_EQ(readAll(device), expected);
}

TEST(EscPosPrinter, LongLinesWrapAndNonAsciiBecomesQuestionMarks)
{
    const Receipt receipt{"産後", {{"A label that is long", "and a long value"}}};
    const std::string bytes = EscPosPrinter::encode(receipt, {.width = 20, .feedLines = 0, .timeout = {}});
    EXPECT_NE(bytes.find("??????\n"), std::string::npos) << "six UTF-8 bytes, six '?'";
    EXPECT_NE(bytes.find("A label that is long\n    and a long value\n"), std::string::npos);
    for (const char c : bytes.substr(2, bytes.size() - 2))
        EXPECT_TRUE(c == '\n' || c == '\x1B' || c == '\x1D' || (c >= 0 && c < 0x7F)) << int(c);
}

TEST(EscPosPrinter, ControlBytesInTextCannotBecomeCommands)
{
    const Receipt receipt{"", {{"x\x1B@", "\x1DV\x00"s}}};
    const std::string bytes = EscPosPrinter::encode(receipt, {});
    EXPECT_NE(bytes.find("x?@"), std::string::npos);
    EXPECT_NE(bytes.find("?V?"), std::string::npos);
}

TEST(EscPosPrinter, MissingDeviceIsAnErrorWithWhatToDo)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path device = dir.path() / "usb" / "lp0";
    EscPosPrinter printer(device);
    const auto result = printer.print(sample());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::store_io);
    EXPECT_NE(result.error().message.find("check the printer is on and connected"), std::string::npos);
    EXPECT_NE(result.error().message.find("the session is recorded anyway"), std::string::npos);
    EXPECT_FALSE(fs::exists(device));
}

TEST(EscPosPrinter, UnwritableDeviceIsAnError)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    EscPosPrinter printer(dir.path()); // a directory cannot be written to, even by root
    const auto result = printer.print(sample());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::store_io);
}

TEST(NullDevices, DoNothingAndSucceed)
{
    NullReceiptPrinter printer;
    EXPECT_TRUE(printer.print(sample()));
    NullScanner scanner;
    bool called = false;
    scanner.setHandler([&called](std::string) { called = true; });
    scanner.start();
    scanner.stop();
    EXPECT_FALSE(called);
}

} // namespace
} // namespace sango::hal
