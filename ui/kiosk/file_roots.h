#pragma once
// The only folders a kiosk file picker may show, and the check every report export passes before a byte is
// written. Staff and managers at the kiosk get no general file browser: "Load QR image" reads from the coupons
// folder (`coupons_folder`, default <data-dir>/coupons) or removable media; reports are saved in the export
// folder (`export_folder`, default <data-dir>/exports, made with mode 0700) or on removable media. Removable
// media are the folders mounted under /media/* and /run/media/<user>/* at the moment the picker opens.
//
// An export never lands on a file of the store (sango.db and its side files, the key file wherever it is, the
// key check, the lock, kiosk.json) nor anywhere in the data directory but the exports folder, whatever the
// settings say; symbolic links are resolved before the check, and a target that is itself a link, or not a
// regular file, is refused. Plain functions over the file system, on the caller's thread; failures are
// Expected values (not_permitted for a place outside the roots, invalid_argument for a name that cannot be a
// file, the file system's own errors as store_io).
#include <filesystem>
#include <vector>

#include <QString>

#include "kiosk_settings.h"
#include "sango/error.h"
#include "sango/event_store.h"

namespace sango::kiosk {

struct FileRoot {
    std::filesystem::path path; // absolute, as configured or mounted
    bool removable = false;     // a mounted medium, named by its folder
};

class FileRoots {
public:
    // The configured folders, or their defaults in the data directory.
    static std::filesystem::path couponsFolder(const KioskSettings& settings, const std::filesystem::path& dataDir);
    static std::filesystem::path exportFolder(const KioskSettings& settings, const std::filesystem::path& dataDir);

    // The folders mounted now under each base's children (/media/*) and grandchildren (/run/media/*/*).
    static std::vector<std::filesystem::path> removableMedia(const std::filesystem::path& mediaBase = "/media",
                                                             const std::filesystem::path& runMediaBase = "/run/media");

    // Where "Load QR image" may look: the coupons folder (when it exists), then removable media.
    static std::vector<FileRoot> forImport(const KioskSettings& settings, const std::filesystem::path& dataDir,
                                           const std::vector<std::filesystem::path>& media);
    // Where reports may be saved: the export folder (made, mode 0700, when it does not exist), then removable
    // media. An export folder that cannot be made is left out (the media may remain).
    static std::vector<FileRoot> forExport(const KioskSettings& settings, const std::filesystem::path& dataDir,
                                           const std::vector<std::filesystem::path>& media);

    // Whether `path` is one of the roots or inside one, after resolving symbolic links (a link that leads out
    // of its root is outside).
    static bool isInside(const std::filesystem::path& path, const std::vector<FileRoot>& roots);

    // The file a report may be written to: `target` inside an export root, not a store file, not in the data
    // directory outside <data-dir>/exports, not a link or anything but a regular file when it exists. Returns
    // the resolved path to write.
    static Expected<std::filesystem::path> checkExport(const std::filesystem::path& target,
                                                       const std::vector<FileRoot>& roots, const StoreLocation& where);
};

} // namespace sango::kiosk
