#include "settingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <unistd.h>

namespace jitscope::ui {

SettingsDialog::SettingsDialog(const QStringList& libraries, QWidget* parent)
    : QDialog(parent), m_list(new QListWidget),
      m_reload(new QCheckBox(tr("Reload the open file when it changes on disk"))),
      m_timeLimit(new QDoubleSpinBox), m_memory(new QDoubleSpinBox)
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
    m_timeLimit->setObjectName(QStringLiteral("runTimeLimit"));
    m_timeLimit->setRange(0, 24 * 3600);
    m_timeLimit->setDecimals(1);
    m_timeLimit->setSuffix(tr(" s"));
    m_timeLimit->setSpecialValueText(tr("none"));
    m_timeLimit->setValue(storedRunTimeLimit());
    m_timeLimit->setToolTip(tr("A run that takes longer is abandoned: the worker is restarted and the model "
                               "reopened. A benchmark stops between calls."));
    m_memory->setObjectName(QStringLiteral("workerMemoryLimit"));
    m_memory->setRange(0, 1 << 20);
    m_memory->setDecimals(1);
    m_memory->setSuffix(tr(" GB"));
    m_memory->setSpecialValueText(tr("none"));
    m_memory->setValue(storedWorkerMemoryGb());
    m_memory->setToolTip(tr("Tensor memory the worker may use (default: 80 % of RAM). A call that needs more "
                            "fails with a message instead of swapping the machine. Applies from the next "
                            "worker start."));
    auto* limits = new QFormLayout;
    limits->addRow(tr("Time limit of a run:"), m_timeLimit);
    limits->addRow(tr("Worker memory limit:"), m_memory);
    layout->addLayout(limits);
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
        storeRunTimeLimit(m_timeLimit->value());
        storeWorkerMemoryGb(m_memory->value());
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

double SettingsDialog::storedRunTimeLimit()
{
    return qMax(0.0, QSettings().value(QStringLiteral("runTimeLimit"), 0.0).toDouble());
}

void SettingsDialog::storeRunTimeLimit(double seconds)
{
    QSettings().setValue(QStringLiteral("runTimeLimit"), seconds);
}

double SettingsDialog::storedWorkerMemoryGb()
{
    return qMax(0.0, QSettings().value(QStringLiteral("workerMemoryGb"), defaultWorkerMemoryGb()).toDouble());
}

void SettingsDialog::storeWorkerMemoryGb(double gb)
{
    QSettings().setValue(QStringLiteral("workerMemoryGb"), gb);
}

QStringList SettingsDialog::workerArguments()
{
    const double gb = storedWorkerMemoryGb();
    if (gb <= 0)
        return {};
    return {QStringLiteral("--max-memory"), QString::number(gb, 'g', 6)};
}

double SettingsDialog::defaultWorkerMemoryGb()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return 0; // unknown: no limit
    const double gb = 0.8 * static_cast<double>(pages) * static_cast<double>(pageSize) / 1e9;
    return static_cast<double>(qRound(gb * 10)) / 10;
}

} // namespace jitscope::ui
