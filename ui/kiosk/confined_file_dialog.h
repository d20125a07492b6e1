#pragma once
// The kiosk's own file picker: a list of roots (FileRoots: the coupons or export folder, removable media) and
// the folders and files inside the one chosen, nothing else. It can enter a folder, go up to the root and no
// further, and pick a file (open) or name one (save). It has no delete, rename or new-folder action, no path
// field, no context menu and no way to type a path: a name typed to save is a plain file name, never a path.
// Folders and files whose resolved place lies outside their root (a symbolic link leading out) are not shown
// and cannot be entered. It never writes or changes anything: the caller reads or writes the chosen path
// (and, for a save, checks it again with FileRoots::checkExport).
//
// GUI thread only. Opened with open() (window-modal, returns at once); fileChosen() carries the choice.
#include <filesystem>
#include <vector>

#include <QDialog>
#include <QStringList>

#include "file_roots.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace sango::kiosk {

class ConfinedFileDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { open, save };

    // nameFilters: "*.png" patterns of the files shown; defaultSuffix ("pdf"): added to a saved name without it.
    ConfinedFileDialog(Mode mode, std::vector<FileRoot> roots, QStringList nameFilters, QString defaultSuffix,
                       QWidget* parent = nullptr);

    Mode mode() const { return m_mode; }
    const std::vector<FileRoot>& roots() const { return m_roots; }
    // The folder shown ("" when there is no root at all).
    std::filesystem::path currentFolder() const { return m_folder; }
    // The names shown in the current folder: folders first (ending in '/'), then the files.
    QStringList entries() const;

    // Navigation, as the buttons and the lists do it. Each refuses (false) what would leave the roots.
    bool openRoot(int index);
    bool openFolder(const std::filesystem::path& folder);
    bool goUp();
    // Open mode: picks a file shown in the current folder. Save mode: the name to save under in the current
    // folder (the default suffix added). Emits fileChosen() and closes; false (with a message) otherwise.
    bool choose(const QString& name);
    void setFileName(const QString& name);

    QListWidget* rootList() const { return m_rootList; }
    QListWidget* entryList() const { return m_entries; }
    QLineEdit* nameField() const { return m_name; }
    QPushButton* upButton() const { return m_up; }
    QPushButton* acceptButton() const { return m_accept; }
    QLabel* messageLabel() const { return m_message; }

Q_SIGNALS:
    void fileChosen(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void list();
    void activated();
    bool inRoot(const std::filesystem::path& p) const;

    Mode m_mode;
    std::vector<FileRoot> m_roots;
    QStringList m_filters;
    QString m_suffix;
    int m_root = -1;
    std::filesystem::path m_folder;
    QLabel* m_where = nullptr;
    QListWidget* m_rootList = nullptr;
    QListWidget* m_entries = nullptr;
    QLabel* m_nameLabel = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_accept = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace sango::kiosk
