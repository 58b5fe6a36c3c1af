#include "workersettingsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace jitscope::ui {

WorkerSettingsDialog::WorkerSettingsDialog(const QList<WorkerProfile>& profiles, QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(0, 2))
{
    setObjectName(QStringLiteral("workerSettingsDialog"));
    setWindowTitle(tr("Workers"));
    auto* intro = new QLabel(
        tr("Where models are loaded and run. A worker is a command that starts <tt>jitscope-cli serve</tt> "
           "and speaks its protocol on stdin/stdout, e.g. over ssh on the machine with the GPU. It is split "
           "into words like a shell would, but never run through one. Passwords and passphrases are asked "
           "in a dialog."));
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("workerTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Command")});
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (const WorkerProfile& profile : profiles)
        addProfile(profile);

    auto* add = new QPushButton(tr("Add"));
    add->setObjectName(QStringLiteral("addWorkerButton"));
    auto* templates = new QMenu(add);
    for (const WorkerProfile& profile : WorkerProfiles::templates())
        templates->addAction(tr("%1: %2").arg(profile.name, profile.command), this,
                             [this, profile] { addProfile(profile); });
    add->setMenu(templates);
    auto* remove = new QPushButton(tr("Remove"));
    auto* side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(remove);
    side->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_table, 1);
    row->addLayout(side);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row, 1);
    layout->addWidget(box);
    resize(760, 360);

    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row > 0) // Local stays
            m_table->removeRow(row);
    });
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void WorkerSettingsDialog::addProfile(const WorkerProfile& profile)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* name = new QTableWidgetItem(profile.name);
    auto* command = new QTableWidgetItem(profile.isLocal() ? tr("jitscope-cli serve (next to this program)")
                                                           : profile.command);
    if (profile.isLocal()) {
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        command->setFlags(command->flags() & ~Qt::ItemIsEditable);
    }
    m_table->setItem(row, 0, name);
    m_table->setItem(row, 1, command);
    m_table->setCurrentCell(row, 1);
}

QList<WorkerProfile> WorkerSettingsDialog::profiles() const
{
    QList<WorkerProfile> result{{WorkerProfiles::localName(), QString()}};
    for (int row = 1; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString command = m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
        bool duplicate = false;
        for (const WorkerProfile& seen : result)
            duplicate |= seen.name == name;
        if (!name.isEmpty() && !command.isEmpty() && !duplicate)
            result << WorkerProfile{name, command};
    }
    return result;
}

} // namespace jitscope::ui
