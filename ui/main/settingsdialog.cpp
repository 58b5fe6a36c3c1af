#include "settingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace jitscope::ui {

SettingsDialog::SettingsDialog(const QStringList& libraries, QWidget* parent)
    : QDialog(parent), m_list(new QListWidget),
      m_reload(new QCheckBox(tr("Reload the open file when it changes on disk")))
{
    setWindowTitle(tr("Preferences"));
    m_reload->setObjectName(QStringLiteral("reloadOnChange"));
    m_reload->setToolTip(tr("Keeps the view (selected module, method, expanded calls, zoom); "
                            "the status bar offers to undo each reload"));
    m_reload->setChecked(storedReloadOnChange());
    auto* intro =
        new QLabel(tr("Shared libraries that register TorchScript operators (torch.ops.load_library). "
                      "They are loaded into the worker before every model, so files that fail with "
                      "“Unknown builtin op” can be opened."));
    intro->setWordWrap(true);
    m_list->addItems(libraries);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* add = new QPushButton(tr("Add…"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(remove);
    side->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(side);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row, 1);
    layout->addWidget(m_reload);
    layout->addWidget(box);
    resize(560, 320);

    connect(add, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Add Custom-Op Libraries"), {}, tr("Shared libraries (*.so *.so.*);;All files (*)"));
        for (const QString& file : files) {
            if (m_list->findItems(file, Qt::MatchExactly).isEmpty())
                m_list->addItem(file);
        }
    });
    connect(remove, &QPushButton::clicked, this, [this] { qDeleteAll(m_list->selectedItems()); });
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        storeReloadOnChange(m_reload->isChecked());
        accept();
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QStringList SettingsDialog::libraries() const
{
    QStringList result;
    for (int row = 0; row < m_list->count(); ++row)
        result << m_list->item(row)->text();
    return result;
}

QStringList SettingsDialog::storedLibraries()
{
    return QSettings().value(QStringLiteral("libraries")).toStringList();
}

void SettingsDialog::storeLibraries(const QStringList& libraries)
{
    QSettings().setValue(QStringLiteral("libraries"), libraries);
}

bool SettingsDialog::storedReloadOnChange()
{
    return QSettings().value(QStringLiteral("reloadOnChange"), true).toBool();
}

void SettingsDialog::storeReloadOnChange(bool on)
{
    QSettings().setValue(QStringLiteral("reloadOnChange"), on);
}

} // namespace jitscope::ui
