#include "parameterview.h"

#include "filterproxy.h"
#include "format.h"
#include "parametertablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace jitscope::ui {

ParameterView::ParameterView(QWidget* parent)
    : QWidget(parent), m_model(new ParameterTableModel(this)), m_proxy(new FilterProxy(this)),
      m_filter(new QLineEdit), m_view(new QTreeView), m_totals(new QLabel),
      m_statsButton(new QPushButton(tr("Compute Statistics")))
{
    m_proxy->setSourceModel(m_model);
    m_filter->setPlaceholderText(tr("Filter by name, shape or type…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("parameterFilter"));
    m_statsButton->setToolTip(tr("Compute min, max, mean, std, zeros and NaN/Inf counts for the selected "
                                 "tensors (all shown tensors when none is selected)"));
    m_statsButton->setObjectName(QStringLiteral("computeStats"));

    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // keep the model's order until asked
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ParameterTableModel::NameColumn, QHeaderView::Stretch);
    m_view->setObjectName(QStringLiteral("parameterTable"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_statsButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_filter, &QLineEdit::textChanged, this, &ParameterView::setFilterText);
    connect(m_statsButton, &QPushButton::clicked, this, [this] { Q_EMIT statsRequested(statsCandidates()); });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString name = index.siblingAtColumn(0).data(ParameterTableModel::TensorNameRole).toString();
        const int dot = name.lastIndexOf(QLatin1Char('.'));
        Q_EMIT moduleActivated(dot < 0 ? QString() : name.left(dot));
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ParameterView::updateTotals);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ParameterView::updateTotals);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ParameterView::updateTotals);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ParameterView::updateTotals);
    updateTotals();
}

void ParameterView::setModelInfo(const ModelInfo& info)
{
    m_model->setModelInfo(info);
    showStatsColumns(false);
    for (int column = 1; column < ParameterTableModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
}

void ParameterView::clear()
{
    m_model->clear();
    showStatsColumns(false);
}

// The statistics columns are empty until computed: hidden till then, so that the name and the numbers —
// Size last — fit the dock without scrolling sideways (a detection model's names are long).
void ParameterView::showStatsColumns(bool show)
{
    for (int column = ParameterTableModel::MinColumn; column < ParameterTableModel::ColumnCount; ++column)
        m_view->setColumnHidden(column, !show);
}

void ParameterView::setStats(const std::vector<TensorStats>& stats)
{
    m_model->setStats(stats);
    showStatsColumns(true);
    for (int column = ParameterTableModel::MinColumn; column < ParameterTableModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
}

void ParameterView::setFilterText(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // re-enters through textChanged
    else
        m_proxy->setFilterText(text);
}

QStringList ParameterView::statsCandidates() const
{
    QStringList names;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        for (const QModelIndex& index : selected)
            names << index.data(ParameterTableModel::TensorNameRole).toString();
        return names;
    }
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        names << m_proxy->index(row, 0).data(ParameterTableModel::TensorNameRole).toString();
    return names;
}

void ParameterView::updateTotals()
{
    const ParameterTableModel::Totals t = m_model->totals();
    QString text =
        tr("<b>%1</b> parameters · %2 values · %3 &nbsp;&nbsp;|&nbsp;&nbsp; <b>%4</b> buffers · "
           "%5 values · %6")
            .arg(formatCount(t.parameters), formatCount(t.parameterValues), formatBytes(t.parameterBytes),
                 formatCount(t.buffers), formatCount(t.bufferValues), formatBytes(t.bufferBytes));
    if (m_proxy->rowCount() != m_model->rowCount()) {
        int64_t values = 0, bytes = 0;
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
            const QModelIndex index = m_model->index(source, ParameterTableModel::NumelColumn);
            values += index.data(SortRole).toLongLong();
            bytes += index.siblingAtColumn(ParameterTableModel::BytesColumn).data(SortRole).toLongLong();
        }
        text += tr(" &nbsp;&nbsp;—&nbsp;&nbsp; shown: %1 of %2 · %3 values · %4")
                    .arg(m_proxy->rowCount())
                    .arg(m_model->rowCount())
                    .arg(formatCount(values), formatBytes(bytes));
    }
    m_totals->setText(text);
}

} // namespace jitscope::ui
