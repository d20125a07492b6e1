// The kiosk's file roots and the export check (file_roots.h).
#include "file_roots.h"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

namespace sango::kiosk {

namespace fs = std::filesystem;

namespace {

// The path with every symbolic link resolved; for a path that does not exist yet, its existing parent's.
fs::path resolved(const fs::path& p)
{
    std::error_code ec;
    fs::path r = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : r;
}

bool within(const fs::path& inner, const fs::path& outer)
{
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty()) // a trailing separator
            continue;
        if (i == inner.end() || *i != *o)
            return false;
    }
    return true;
}

void addChildren(const fs::path& base, int depth, std::vector<fs::path>& out)
{
    std::error_code ec;
    for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeEc;
        if (!it->is_directory(typeEc) || it->path().filename().string().starts_with('.'))
            continue;
        if (depth > 1)
            addChildren(it->path(), depth - 1, out);
        else
            out.push_back(it->path());
    }
}

} // namespace

fs::path FileRoots::couponsFolder(const KioskSettings& settings, const fs::path& dataDir)
{
    return settings.couponsFolder.empty() ? dataDir / "coupons" : fs::path(settings.couponsFolder);
}

fs::path FileRoots::exportFolder(const KioskSettings& settings, const fs::path& dataDir)
{
    return settings.exportFolder.empty() ? dataDir / "exports" : fs::path(settings.exportFolder);
}

std::vector<fs::path> FileRoots::removableMedia(const fs::path& mediaBase, const fs::path& runMediaBase)
{
    std::vector<fs::path> out;
    addChildren(mediaBase, 1, out);    // /media/usb0, or /media/<user> (udisks mounts its labels below it)
    addChildren(runMediaBase, 2, out); // /run/media/<user>/<label>
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<FileRoot> FileRoots::forImport(const KioskSettings& settings, const fs::path& dataDir,
                                           const std::vector<fs::path>& media)
{
    std::vector<FileRoot> roots;
    std::error_code ec;
    const fs::path coupons = couponsFolder(settings, dataDir);
    if (fs::is_directory(coupons, ec))
        roots.push_back({coupons, false});
    for (const fs::path& m : media)
        roots.push_back({m, true});
    return roots;
}

std::vector<FileRoot> FileRoots::forExport(const KioskSettings& settings, const fs::path& dataDir,
                                           const std::vector<fs::path>& media)
{
    std::vector<FileRoot> roots;
    const fs::path exports = exportFolder(settings, dataDir);
    std::error_code ec;
    if (!fs::is_directory(exports, ec)) {
        // Made for the manager, readable by nobody else (reports name coupons).
        if (fs::create_directories(exports, ec); !ec)
            fs::permissions(exports, fs::perms::owner_all, fs::perm_options::replace, ec);
    }
    if (fs::is_directory(exports, ec))
        roots.push_back({exports, false});
    for (const fs::path& m : media)
        roots.push_back({m, true});
    return roots;
}

bool FileRoots::isInside(const fs::path& path, const std::vector<FileRoot>& roots)
{
    const fs::path p = resolved(path);
    return std::any_of(roots.begin(), roots.end(), [&](const FileRoot& r) { return within(p, resolved(r.path)); });
}

Expected<fs::path> FileRoots::checkExport(const fs::path& target, const std::vector<FileRoot>& roots,
                                          const StoreLocation& where)
{
    const fs::path name = target.filename();
    if (!target.is_absolute() || name.empty() || name == "." || name == "..")
        return fail(Errc::invalid_argument, "a report is saved as a named file in the export folder");
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        return fail(Errc::not_permitted, target.string() + " is not a plain file: a report is never written over a "
                                                           "link, a folder or a device; choose another name");
    const fs::path parent = resolved(target.parent_path());
    const fs::path file = parent / name;
    if (!isInside(parent, roots))
        return fail(Errc::not_permitted, "reports are saved only in the export folder or on removable media, not in " +
                                             parent.string());
    // The store's own files, wherever the key lives (it may be on removable media, which is an export root).
    const fs::path dataDir = resolved(where.dataDir);
    for (const fs::path& own : {where.database(), fs::path(where.database().string() + "-wal"),
                                fs::path(where.database().string() + "-shm"),
                                fs::path(where.database().string() + "-journal"), where.key(), where.keyCheck(),
                                where.dataDir / "sango.lock", where.dataDir / "kiosk.json"})
        if (resolved(own) == file)
            return fail(Errc::not_permitted, file.string() + " is a file of the store: a report never replaces it");
    if (within(file, dataDir) && !within(file, resolved(where.dataDir / "exports")))
        return fail(Errc::not_permitted, "reports are never saved in the data directory " + dataDir.string() +
                                             " outside its exports folder");
    return file;
}

} // namespace sango::kiosk
