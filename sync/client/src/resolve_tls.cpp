// Which TLS settings and ledger URL reach the ledger (resolve_tls.h).
#include "sango/sync/resolve_tls.h"

namespace sango::sync {

Expected<TlsSettings> resolveTls(const TlsChoice& flags, const TlsChoice& config, const SyncSettings* recorded)
{
    TlsSettings tls;
    if (!flags.caFile.empty())
        tls.caFile = std::filesystem::path(flags.caFile);
    else if (!config.caFile.empty())
        tls.caFile = std::filesystem::path(config.caFile);
    if (!flags.pinnedKey.empty())
        tls.pinnedPublicKey = flags.pinnedKey;
    else if (!config.pinnedKey.empty())
        tls.pinnedPublicKey = config.pinnedKey;
    if (recorded) {
        if (!tls.caFile && recorded->caFile)
            tls.caFile = *recorded->caFile;
        if (!tls.pinnedPublicKey && recorded->pinnedKey)
            tls.pinnedPublicKey = *recorded->pinnedKey;
    }
    return tls;
}

std::string resolveLedgerUrl(const std::string& flag, const std::string& config, const std::string& enrolled)
{
    return !flag.empty() ? flag : !config.empty() ? config : enrolled;
}

} // namespace sango::sync
