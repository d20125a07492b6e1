// EscPosPrinter: the ESC/POS bytes written to a character device (a pseudo-terminal here), ASCII only; a
// missing or unwritable device is Errc::store_io with what to do, and a regular file (even through a link) gets
// nothing. ReceiptTarget: what the receipt printer setting may name — a character device, a path under /dev not
// plugged in yet, or a print queue — and never a file, a folder or anything in the data directory. The null
// defaults do nothing and succeed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include "pty.h"
#include "sango/hal/escpos_printer.h"
#include "sango/hal/receipt_target.h"
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
    test::Pty pty;
    ASSERT_TRUE(pty.ok());
    EscPosPrinter printer(pty.device(), {.width = 32, .feedLines = 4, .timeout = std::chrono::milliseconds(1000)});
    const auto printed = printer.print(sample());
    ASSERT_TRUE(printed) << printed.error().message;

    const std::string expected = "\x1B@"s
        + "\x1B" "a\x01" "\x1B" "E\x01" "Sango care\n"
        + "\x1B" "E\x00"s + "\x1B" "a\x00"s
        + "Coupon       7K3Q-9M2X-4T8V-WZ1M\n"
        + "Billed min                   120\n"
        + "\x1B" "d\x04"
        + "\x1D" "V\x01";
    EXPECT_EQ(pty.read(expected.size()), expected);
}

TEST(EscPosPrinter, ARegularFileGetsNothingEvenThroughALink)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path store = dir.path() / "sango.db";
    std::ofstream(store) << "the store";
    const fs::path link = dir.path() / "lp0";
    fs::create_symlink(store, link);
    for (const fs::path& device : {store, link}) {
        EscPosPrinter printer(device);
        const auto result = printer.print(sample());
        ASSERT_FALSE(result) << device;
        EXPECT_EQ(result.error().code, Errc::invalid_argument);
        EXPECT_NE(result.error().message.find("not a printer's device"), std::string::npos) << result.error().message;
    }
    EXPECT_EQ(readAll(store), "the store") << "not a byte written";
}

TEST(ReceiptTarget, NamesACharacterDeviceOrAPrintQueueAndNothingElse)
{
    TempDir dir;
    ASSERT_FALSE(dir.path().empty());
    const fs::path data = dir.path() / "data";
    fs::create_directories(data);
    std::ofstream(data / "sango.db") << "the store";
    std::ofstream(dir.path() / "file") << "x";
    test::Pty pty;
    ASSERT_TRUE(pty.ok());

    auto none = ReceiptTarget::parse("  ", data);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->kind, ReceiptTarget::Kind::none);
    auto device = ReceiptTarget::parse(pty.device(), data);
    ASSERT_TRUE(device) << device.error().message;
    EXPECT_EQ(device->kind, ReceiptTarget::Kind::device);
    auto null = ReceiptTarget::parse("/dev/null", data); // a character device, as a printer's is
    ASSERT_TRUE(null) << null.error().message;
    auto unplugged = ReceiptTarget::parse("/dev/usb/sango-test-lp9", data); // not there yet: checked at print time
    ASSERT_TRUE(unplugged) << unplugged.error().message;
    EXPECT_EQ(unplugged->kind, ReceiptTarget::Kind::device);
    auto queue = ReceiptTarget::parse(" Receipts_Office-1 ", data);
    ASSERT_TRUE(queue) << queue.error().message;
    EXPECT_EQ(queue->kind, ReceiptTarget::Kind::queue);
    EXPECT_EQ(queue->name, "Receipts_Office-1");

    // A link from /dev-looking names into the data directory, the store itself, any file, a folder, a path
    // outside /dev that does not exist, a relative path, '..': all refused, each with what to write instead.
    const fs::path link = dir.path() / "lp0";
    fs::create_symlink(data / "sango.db", link);
    for (const std::string& bad : {(data / "sango.db").string(), link.string(), (dir.path() / "file").string(),
                                   dir.path().string(), (data / "receipts").string(), std::string("/tmp/sango-no-lp"),
                                   std::string("data/sango.db"), std::string("/dev/../tmp/x"),
                                   std::string("Office Printer")}) {
        auto r = ReceiptTarget::parse(bad, data);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, Errc::invalid_argument) << bad;
        EXPECT_NE(r.error().message.find("/dev/usb/lp0"), std::string::npos) << r.error().message;
    }
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
