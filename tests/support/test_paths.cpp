#include "test_paths.h"

namespace sango::test {

std::filesystem::path testDataDir()
{
    return SANGO_TEST_DATA_DIR;
}

std::filesystem::path binaryDir()
{
    return SANGO_BINARY_DIR;
}

std::filesystem::path sangoBinary()
{
    return binaryDir() / "ui" / "cli" / "sango";
}

std::filesystem::path ledgerBinary()
{
    return binaryDir() / "sync" / "ledger" / "sango-ledger";
}

std::filesystem::path kioskBinary()
{
    return binaryDir() / "ui" / "kiosk" / "sango-kiosk";
}

} // namespace sango::test
