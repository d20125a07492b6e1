#pragma once
#include <filesystem>
namespace sango::test {
std::filesystem::path testDataDir();   // tests/data in the source tree
std::filesystem::path binaryDir();     // the CMake build tree's top
std::filesystem::path sangoBinary();   // the built `sango` executable
std::filesystem::path ledgerBinary();  // the built `sango-ledger` executable
std::filesystem::path kioskBinary();   // the built `sango-kiosk` executable
}
