// The kiosk's confined file picker (confined_file_dialog.h).
#include "confined_file_dialog.h"

#include <algorithm>
#include <system_error>

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace sango::kiosk {

namespace fs = std::filesystem;

namespace {

constexpr int kTouchHeight = 56;
constexpr int kPathRole = Qt::UserRole;
constexpr int kFolderRole = Qt::UserRole + 1;

fs::path resolved(const fs::path& p)
{
    std::error_code ec;
    fs::path r = fs::canonical(p, ec);
    return ec ? fs::path() : r;
}

bool within(const fs::path& inner, const fs::path& outer)
{
    if (inner.empty() || outer.empty())
        return false;
    const auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return o == outer.end();
}

QString qs(const fs::path& p)
{
    return QString::fromStdString(p.string());
}

QListWidget* touchList(QWidget* parent)
{
    auto* l = new QListWidget(parent);
    l->setContextMenuPolicy(Qt::NoContextMenu); // nothing to do to a file but pick it
    l->setSelectionMode(QAbstractItemView::SingleSelection);
    l->setEditTriggers(QAbstractItemView::NoEditTriggers);
    l->setDragDropMode(QAbstractItemView::NoDragDrop);
    l->setStyleSheet(QStringLiteral("QListWidget::item { min-height: 48px; }"));
    return l;
}

} // namespace

ConfinedFileDialog::ConfinedFileDialog(Mode mode, std::vector<FileRoot> roots, QStringList nameFilters,
                                       QString defaultSuffix, QWidget* parent)
    : QDialog(parent), m_mode(mode), m_roots(std::move(roots)), m_filters(std::move(nameFilters)),
      m_suffix(std::move(defaultSuffix))
{
    setObjectName(QStringLiteral("confinedFileDialog"));
    setContextMenuPolicy(Qt::NoContextMenu);
    setWindowModality(Qt::WindowModal);
    resize(960, 640);

    m_where = new QLabel(this);
    m_where->setWordWrap(true);
    m_rootList = touchList(this);
    m_rootList->setMaximumWidth(320);
    m_entries = touchList(this);
    auto* lists = new QHBoxLayout;
    lists->addWidget(m_rootList);
    lists->addWidget(m_entries, 1);

    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(this);
    m_name->setMinimumHeight(kTouchHeight);
    m_name->setContextMenuPolicy(Qt::NoContextMenu);
    m_name->setMaxLength(120);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_nameLabel);
    nameRow->addWidget(m_name, 1);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_up = new QPushButton(this);
    m_accept = new QPushButton(this);
    m_cancel = new QPushButton(this);
    for (QPushButton* b : {m_up, m_accept, m_cancel})
        b->setMinimumHeight(kTouchHeight);
    m_accept->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_up);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_accept);

    auto* column = new QVBoxLayout(this);
    column->addWidget(m_where);
    column->addLayout(lists, 1);
    column->addLayout(nameRow);
    column->addWidget(m_message);
    column->addLayout(buttons);
    const bool save = m_mode == Mode::save;
    m_nameLabel->setVisible(save);
    m_name->setVisible(save);

    for (std::size_t i = 0; i < m_roots.size(); ++i)
        m_rootList->addItem(QString());
    connect(m_rootList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_root)
            openRoot(row);
    });
    connect(m_entries, &QListWidget::itemActivated, this, [this] { activated(); });
    connect(m_entries, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (m_mode == Mode::save && item && !item->data(kFolderRole).toBool())
            m_name->setText(item->text());
    });
    connect(m_up, &QPushButton::clicked, this, [this] { goUp(); });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_accept, &QPushButton::clicked, this, [this] {
        if (m_mode == Mode::save) {
            choose(m_name->text());
            return;
        }
        QListWidgetItem* item = m_entries->currentItem();
        if (item && item->data(kFolderRole).toBool())
            activated();
        else
            choose(item ? item->text() : QString());
    });
    connect(m_name, &QLineEdit::returnPressed, this, [this] { choose(m_name->text()); });

    retranslate();
    if (!m_roots.empty())
        openRoot(0);
}

QStringList ConfinedFileDialog::entries() const
{
    QStringList out;
    for (int i = 0; i < m_entries->count(); ++i)
        out << m_entries->item(i)->text();
    return out;
}

bool ConfinedFileDialog::inRoot(const fs::path& p) const
{
    if (m_root < 0)
        return false;
    return within(resolved(p), resolved(m_roots[static_cast<std::size_t>(m_root)].path));
}

bool ConfinedFileDialog::openRoot(int index)
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_roots.size())
        return false;
    const fs::path root = resolved(m_roots[static_cast<std::size_t>(index)].path);
    std::error_code ec;
    if (root.empty() || !fs::is_directory(root, ec)) {
        m_message->setText(tr("This folder cannot be opened now: %1").arg(qs(m_roots[static_cast<std::size_t>(index)].path)));
        return false;
    }
    m_root = index;
    m_folder = root;
    m_rootList->blockSignals(true);
    m_rootList->setCurrentRow(index);
    m_rootList->blockSignals(false);
    m_message->clear();
    list();
    return true;
}

bool ConfinedFileDialog::openFolder(const fs::path& folder)
{
    const fs::path target = resolved(folder);
    std::error_code ec;
    if (target.empty() || !fs::is_directory(target, ec))
        return false;
    // Inside the root shown, or inside another root (which is then shown); never anywhere else.
    if (!inRoot(target)) {
        for (std::size_t i = 0; i < m_roots.size(); ++i) {
            if (within(target, resolved(m_roots[i].path))) {
                openRoot(static_cast<int>(i));
                break;
            }
        }
        if (!inRoot(target))
            return false;
    }
    m_folder = target;
    m_message->clear();
    list();
    return true;
}

bool ConfinedFileDialog::goUp()
{
    if (m_root < 0 || m_folder == resolved(m_roots[static_cast<std::size_t>(m_root)].path))
        return false;
    return openFolder(m_folder.parent_path());
}

void ConfinedFileDialog::list()
{
    m_entries->clear();
    m_where->setText(qs(m_folder));
    const bool atRoot = m_root < 0 || m_folder == resolved(m_roots[static_cast<std::size_t>(m_root)].path);
    m_up->setEnabled(!atRoot);
    if (m_root < 0)
        return;
    std::vector<std::pair<QString, fs::path>> folders, files;
    std::error_code ec;
    for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec)) {
        const QString name = QString::fromStdString(it->path().filename().string());
        if (name.startsWith(QLatin1Char('.')))
            continue;
        if (!inRoot(it->path())) // a link that leads out of the root
            continue;
        std::error_code typeEc;
        if (fs::is_directory(it->path(), typeEc))
            folders.emplace_back(name, it->path());
        else if (fs::is_regular_file(it->path(), typeEc) && (m_filters.isEmpty() || QDir::match(m_filters, name)))
            files.emplace_back(name, it->path());
    }
    const auto byName = [](const auto& a, const auto& b) { return a.first.compare(b.first, Qt::CaseInsensitive) < 0; };
    std::sort(folders.begin(), folders.end(), byName);
    std::sort(files.begin(), files.end(), byName);
    for (const auto& [name, path] : folders) {
        auto* item = new QListWidgetItem(name + QLatin1Char('/'), m_entries);
        item->setData(kPathRole, qs(path));
        item->setData(kFolderRole, true);
    }
    for (const auto& [name, path] : files) {
        auto* item = new QListWidgetItem(name, m_entries);
        item->setData(kPathRole, qs(path));
        item->setData(kFolderRole, false);
    }
    if (folders.empty() && files.empty())
        m_message->setText(m_mode == Mode::open ? tr("No QR code images here.") : QString());
}

void ConfinedFileDialog::activated()
{
    QListWidgetItem* item = m_entries->currentItem();
    if (!item)
        return;
    if (item->data(kFolderRole).toBool())
        openFolder(item->data(kPathRole).toString().toStdString());
    else if (m_mode == Mode::open)
        choose(item->text());
    else
        m_name->setText(item->text());
}

void ConfinedFileDialog::setFileName(const QString& name)
{
    m_name->setText(name);
}

bool ConfinedFileDialog::choose(const QString& typed)
{
    const QString name = typed.trimmed();
    const bool plainName = !name.isEmpty() && !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')) &&
                           !name.startsWith(QLatin1Char('.')) && name != QStringLiteral("..");
    if (m_root < 0 || !plainName) {
        m_message->setText(m_mode == Mode::open ? tr("Choose a QR code image from the list.")
                                                : tr("Type a file name (letters, digits, no folders)."));
        return false;
    }
    QString fileName = name;
    if (m_mode == Mode::save && !m_suffix.isEmpty() &&
        !fileName.endsWith(QLatin1Char('.') + m_suffix, Qt::CaseInsensitive))
        fileName += QLatin1Char('.') + m_suffix;
    const fs::path path = m_folder / fileName.toStdString();
    std::error_code ec;
    const bool exists = fs::exists(fs::symlink_status(path, ec));
    if (m_mode == Mode::open) {
        if (!fs::is_regular_file(path, ec) || !inRoot(path) || !QDir::match(m_filters, fileName)) {
            m_message->setText(tr("Choose a QR code image from the list."));
            return false;
        }
    } else if (exists && (fs::is_symlink(fs::symlink_status(path, ec)) || !fs::is_regular_file(path, ec))) {
        m_message->setText(tr("%1 is not a plain file: choose another name.").arg(fileName));
        return false;
    }
    Q_EMIT fileChosen(qs(path));
    accept();
    return true;
}

void ConfinedFileDialog::retranslate()
{
    setWindowTitle(m_mode == Mode::open ? tr("Load a QR code image") : tr("Save the report"));
    setAccessibleName(windowTitle());
    for (std::size_t i = 0; i < m_roots.size(); ++i) {
        const FileRoot& r = m_roots[i];
        const QString text = r.removable ? tr("Removable medium: %1").arg(qs(r.path.filename()))
                             : m_mode == Mode::open ? tr("Coupons folder")
                                                    : tr("Export folder");
        m_rootList->item(static_cast<int>(i))->setText(text);
    }
    m_rootList->setAccessibleName(tr("Places"));
    m_entries->setAccessibleName(tr("Folders and files"));
    m_nameLabel->setText(tr("File name"));
    m_name->setAccessibleName(tr("File name"));
    m_up->setText(tr("Up"));
    m_up->setAccessibleName(tr("Up one folder"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_accept->setText(m_mode == Mode::open ? tr("Open") : tr("Save"));
    m_accept->setAccessibleName(m_accept->text());
    if (m_roots.empty())
        m_message->setText(m_mode == Mode::open
                               ? tr("There is no coupons folder and no removable medium: ask a manager.")
                               : tr("There is no export folder and no removable medium: ask a manager."));
}

void ConfinedFileDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace sango::kiosk
