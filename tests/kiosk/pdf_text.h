#pragma once
// Reading a PDF back in tests with poppler-utils (Debian package poppler-utils): its text as
// `pdftotext -layout` lays it out, and its fonts as `pdffonts` lists them.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "process.h"

namespace sango::test {

inline std::filesystem::path popplerTool(const char* name)
{
    for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"})
        if (std::filesystem::exists(std::filesystem::path(dir) / name))
            return std::filesystem::path(dir) / name;
    return {};
}

// The text of a PDF; fails the test (and returns "") when pdftotext is missing or refuses the file.
inline std::string pdfText(const std::filesystem::path& pdf)
{
    const auto tool = popplerTool("pdftotext");
    if (tool.empty()) {
        ADD_FAILURE() << "pdftotext is not installed (Debian package poppler-utils)";
        return {};
    }
    const ProcessResult r = run({tool.string(), "-layout", pdf.string(), "-"});
    EXPECT_EQ(r.exitCode, 0) << "pdftotext " << pdf << ": " << r.err;
    return r.out;
}

struct PdfFont {
    std::string name;
    bool embedded = false;
};

// The fonts of a PDF as pdffonts lists them (name, and the "emb" column).
inline std::vector<PdfFont> pdfFonts(const std::filesystem::path& pdf)
{
    const auto tool = popplerTool("pdffonts");
    if (tool.empty()) {
        ADD_FAILURE() << "pdffonts is not installed (Debian package poppler-utils)";
        return {};
    }
    const ProcessResult r = run({tool.string(), pdf.string()});
    EXPECT_EQ(r.exitCode, 0) << "pdffonts " << pdf << ": " << r.err;
    std::vector<PdfFont> fonts;
    std::istringstream lines(r.out);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        if (++n <= 2 || line.empty()) // the header and its rule
            continue;
        std::vector<std::string> cols;
        std::istringstream words(line);
        for (std::string w; words >> w;)
            cols.push_back(w);
        // name type... encoding emb sub uni object-id generation: "emb" is the fifth from the end.
        if (cols.size() < 6)
            continue;
        fonts.push_back({cols.front(), cols[cols.size() - 5] == "yes"});
    }
    return fonts;
}

} // namespace sango::test
