// The kiosk's file access: ConfinedFileDialog cannot leave its roots (not by going up, not by a path, not
// through a symbolic link in a folder or to a file) and offers no delete, rename or new folder (no such button
// or action, no context menu, no path field, no QFileDialog); a name typed to save is a name, not a path.
// FileRoots: the removable media found under the mount bases, the export folder made 0700, and checkExport
// refusing every file of the store (wherever the key lives), the data directory outside its exports folder,
// links, and any place outside the roots.
#include <sys/stat.h>

#include <filesystem>

#include <QAbstractButton>
#include <QAction>
#include <QFileDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>

#include "confined_file_dialog.h"
#include "file_roots.h"
#include "kiosk_fixture.h"

namespace sango::test {
namespace {

namespace fs = std::filesystem;
using kiosk::ConfinedFileDialog;
using kiosk::FileRoot;
using kiosk::FileRoots;

class FileRootsTest : public KioskFixture {
protected:
    void SetUp() override
    {
        KioskFixture::SetUp();
        m_root = m_dir.path() / "coupons";
        m_outside = m_dir.path() / "private";
        fs::create_directories(m_root / "june");
        fs::create_directories(m_outside);
        writeBytes(m_root / "a.png", "png");
        writeBytes(m_root / "notes.txt", "text");
        writeBytes(m_root / "june" / "b.jpg", "jpg");
        writeBytes(m_outside / "secret.png", "secret");
        fs::create_directory_symlink(m_outside, m_root / "escape");        // a folder leading out
        fs::create_symlink(m_outside / "secret.png", m_root / "leak.png");  // a file leading out
        fs::create_symlink(m_root / "june" / "b.jpg", m_root / "inside.jpg"); // a link that stays inside
    }

    fs::path m_root;
    fs::path m_outside;
};

TEST_F(FileRootsTest, ThePickerCannotLeaveItsRoots)
{
    ConfinedFileDialog picker(ConfinedFileDialog::Mode::open, {FileRoot{m_root, false}},
                              {QStringLiteral("*.png"), QStringLiteral("*.jpg")}, QString());
    EXPECT_EQ(picker.currentFolder(), fs::canonical(m_root));
    EXPECT_EQ(picker.entries(), (QStringList{QStringLiteral("june/"), QStringLiteral("a.png"),
                                             QStringLiteral("inside.jpg")}))
        << "no link leading out, no file of another kind";
    EXPECT_FALSE(picker.upButton()->isEnabled());
    EXPECT_FALSE(picker.goUp());
    EXPECT_FALSE(picker.openFolder(m_dir.path()));
    EXPECT_FALSE(picker.openFolder(m_outside));
    EXPECT_FALSE(picker.openFolder(m_root / "escape"));
    EXPECT_FALSE(picker.openFolder(m_root / "june" / ".." / ".."));
    EXPECT_FALSE(picker.openFolder("/"));
    EXPECT_EQ(picker.currentFolder(), fs::canonical(m_root));

    ASSERT_TRUE(picker.openFolder(m_root / "june"));
    EXPECT_EQ(picker.entries(), QStringList{QStringLiteral("b.jpg")});
    EXPECT_TRUE(picker.upButton()->isEnabled());
    ASSERT_TRUE(picker.goUp());
    EXPECT_EQ(picker.currentFolder(), fs::canonical(m_root));

    QSignalSpy chosen(&picker, &ConfinedFileDialog::fileChosen);
    for (const char* name : {"leak.png", "escape/secret.png", "../private/secret.png", "notes.txt", "/etc/passwd",
                             "missing.png"})
        EXPECT_FALSE(picker.choose(QString::fromLatin1(name))) << name;
    EXPECT_EQ(chosen.count(), 0);
    ASSERT_TRUE(picker.choose(QStringLiteral("a.png")));
    ASSERT_EQ(chosen.count(), 1);
    EXPECT_EQ(fs::path(chosen.at(0).at(0).toString().toStdString()), fs::canonical(m_root) / "a.png");
}

TEST_F(FileRootsTest, ThePickerOffersNoDeleteRenameOrNewFolder)
{
    for (auto mode : {ConfinedFileDialog::Mode::open, ConfinedFileDialog::Mode::save}) {
        ConfinedFileDialog picker(mode, {FileRoot{m_root, false}}, {QStringLiteral("*.png")}, QStringLiteral("png"));
        EXPECT_TRUE(picker.findChildren<QFileDialog*>().isEmpty());
        EXPECT_TRUE(picker.actions().isEmpty());
        for (QWidget* w : picker.findChildren<QWidget*>()) {
            EXPECT_TRUE(w->actions().isEmpty()) << w->metaObject()->className();
            EXPECT_NE(w->contextMenuPolicy(), Qt::CustomContextMenu);
        }
        EXPECT_EQ(picker.entryList()->contextMenuPolicy(), Qt::NoContextMenu);
        EXPECT_EQ(picker.entryList()->editTriggers(), QAbstractItemView::NoEditTriggers);
        EXPECT_EQ(picker.entryList()->dragDropMode(), QAbstractItemView::NoDragDrop);
        QStringList buttons;
        for (QAbstractButton* b : picker.findChildren<QAbstractButton*>())
            buttons << b->text();
        buttons.sort();
        EXPECT_EQ(buttons, (QStringList{QStringLiteral("Cancel"),
                                        mode == ConfinedFileDialog::Mode::open ? QStringLiteral("Open")
                                                                               : QStringLiteral("Save"),
                                        QStringLiteral("Up")}))
            << buttons.join(QLatin1Char(',')).toStdString();
        // The only text field is the save mode's file name.
        EXPECT_EQ(picker.findChildren<QLineEdit*>().size(), 1);
        EXPECT_EQ(picker.nameField()->isHidden(), mode == ConfinedFileDialog::Mode::open);
    }
    // Nothing in the folder changed by looking at it.
    EXPECT_TRUE(fs::exists(m_root / "a.png"));
    EXPECT_TRUE(fs::exists(m_root / "notes.txt"));
}

TEST_F(FileRootsTest, ASavedNameIsANameInTheFolderShownNeverAPath)
{
    ConfinedFileDialog picker(ConfinedFileDialog::Mode::save, {FileRoot{m_root, false}}, {QStringLiteral("*.pdf")},
                              QStringLiteral("pdf"));
    fs::create_symlink(m_outside / "secret.png", m_root / "link.pdf"); // an existing name that leads out
    QSignalSpy chosen(&picker, &ConfinedFileDialog::fileChosen);
    for (const char* name : {"", "../out", "june/x", "/tmp/x", ".hidden", "..", "link", "link.pdf"})
        EXPECT_FALSE(picker.choose(QString::fromLatin1(name))) << name;
    EXPECT_EQ(chosen.count(), 0);
    ASSERT_TRUE(picker.openFolder(m_root / "june"));
    ASSERT_TRUE(picker.choose(QStringLiteral("april report")));
    ASSERT_EQ(chosen.count(), 1);
    EXPECT_EQ(fs::path(chosen.at(0).at(0).toString().toStdString()), fs::canonical(m_root) / "june" / "april report.pdf");
}

TEST_F(FileRootsTest, RemovableMediaAreTheFoldersMountedUnderTheBases)
{
    const fs::path media = m_dir.path() / "media";
    const fs::path runMedia = m_dir.path() / "run-media";
    fs::create_directories(media / "usb0");
    fs::create_directories(media / "sango");
    fs::create_directories(runMedia / "sango" / "KEY");
    writeBytes(media / "not-a-folder", "x");
    const auto found = FileRoots::removableMedia(media, runMedia);
    EXPECT_EQ(found, (std::vector<fs::path>{media / "sango", media / "usb0", runMedia / "sango" / "KEY"}));
    EXPECT_TRUE(FileRoots::removableMedia(m_dir.path() / "none", m_dir.path() / "none").empty());
}

TEST_F(FileRootsTest, AReportIsNeverWrittenOverTheStoreNorInTheDataDirectory)
{
    const fs::path usb = m_dir.path() / "usb";
    fs::create_directories(usb);
    StoreLocation where = m_where;
    where.keyFile = usb / "store.key"; // the key kept on removable media, which is an export root
    writeBytes(where.keyFile, "key");
    const auto roots = FileRoots::forExport(m_settings, m_where.dataDir, {usb});
    const fs::path exports = m_where.dataDir / "exports";
    ASSERT_EQ(roots.size(), 2u);
    EXPECT_EQ(roots[0].path, exports);
    EXPECT_TRUE(fs::is_directory(exports));
    EXPECT_EQ(modeOf(exports), 0700u);

    auto ok = FileRoots::checkExport(exports / "april.pdf", roots, where);
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(*ok, fs::canonical(exports) / "april.pdf");
    EXPECT_TRUE(FileRoots::checkExport(usb / "april.csv", roots, where));

    fs::create_symlink(m_where.database(), exports / "link.pdf");
    for (const fs::path& bad : {m_where.database(), m_where.dataDir / "sango.db-wal", where.keyFile,
                                m_where.dataDir / "store.keycheck", m_where.dataDir / "kiosk.json",
                                m_where.dataDir / "report.pdf", exports / ".." / "sango.db", exports / "link.pdf",
                                exports, m_dir.path() / "elsewhere.pdf", fs::path("relative.pdf")}) {
        auto r = FileRoots::checkExport(bad, roots, where);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_TRUE(r.error().code == Errc::not_permitted || r.error().code == Errc::invalid_argument)
                << bad << ": " << r.error().message;
        }
    }
    // An export folder that holds the data directory (set by mistake) still cannot reach the store.
    m_settings.exportFolder = m_dir.path().string();
    const auto wide = FileRoots::forExport(m_settings, m_where.dataDir, {});
    EXPECT_FALSE(FileRoots::checkExport(m_where.database(), wide, m_where));
    EXPECT_FALSE(FileRoots::checkExport(m_where.dataDir / "x.pdf", wide, m_where));
    EXPECT_TRUE(FileRoots::checkExport(m_dir.path() / "x.pdf", wide, m_where));
}

TEST_F(FileRootsTest, ImportRootsAreTheCouponsFolderThenTheMedia)
{
    EXPECT_TRUE(FileRoots::forImport(m_settings, m_where.dataDir, {}).empty()) << "no coupons folder yet";
    fs::create_directories(m_where.dataDir / "coupons");
    const auto roots = FileRoots::forImport(m_settings, m_where.dataDir, {m_dir.path()});
    ASSERT_EQ(roots.size(), 2u);
    EXPECT_EQ(roots[0].path, m_where.dataDir / "coupons");
    EXPECT_FALSE(roots[0].removable);
    EXPECT_TRUE(roots[1].removable);
    m_settings.couponsFolder = m_root.string();
    EXPECT_EQ(FileRoots::forImport(m_settings, m_where.dataDir, {}).front().path, m_root);
}

} // namespace
} // namespace sango::test
