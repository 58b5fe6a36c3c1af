#include "profileview.h"
#include "qtstring.h"

#include <QComboBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace jitscope::ui {

ProfileView::ProfileView(QWidget* parent)
    : QWidget(parent), m_grouping(new QComboBox), m_table(new QTableWidget(0, 5))
{
    m_grouping->addItems({tr("by op kind"), tr("by module"), tr("by op and module")});
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &ProfileView::fill);
    m_table->setHorizontalHeaderLabels({tr("Op"), tr("Module"), tr("Calls"), tr("Self ms"), tr("Share")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_grouping, 0, Qt::AlignLeft);
    layout->addWidget(m_table);
}

void ProfileView::setProfile(const std::optional<OpProfile>& profile)
{
    m_profile = profile;
    fill();
}

void ProfileView::fill()
{
    m_table->setRowCount(0);
    if (!m_profile)
        return;
    const int grouping = std::clamp(m_grouping->currentIndex(), 0, 2);
    const std::vector<OpTime>* views[] = {&m_profile->by_kind, &m_profile->by_module, &m_profile->ops};
    const std::vector<OpTime>& rows = *views[grouping];
    double total = 0;
    for (const OpTime& row : rows)
        total += row.self_ms;
    m_table->setRowCount(static_cast<int>(rows.size()));
    int r = 0;
    for (const OpTime& row : rows) {
        const double self = row.self_ms;
        const QString module = qs(row.module);
        m_table->setItem(r, 0, new QTableWidgetItem(qs(row.name)));
        m_table->setItem(r, 1,
                         new QTableWidgetItem(module.isEmpty() && grouping == 1 ? tr("(root)") : module));
        m_table->setItem(r, 2, new QTableWidgetItem(QString::number(row.calls)));
        m_table->setItem(r, 3, new QTableWidgetItem(QString::number(self, 'f', 3)));
        m_table->setItem(
            r, 4,
            new QTableWidgetItem(QStringLiteral("%1 %").arg(total > 0 ? 100 * self / total : 0, 0, 'f', 1)));
        ++r;
    }
}

} // namespace jitscope::ui
