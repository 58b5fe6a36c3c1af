#include "modulespane.h"

#include "filterproxy.h"
#include "format.h"
#include "moduletreemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace jitscope::ui {

namespace {
constexpr int kMinNameColumn = 160; // narrower, module paths are cut; the dock scrolls instead
constexpr int kMaxTypeColumn = 120; // long type names (Conv2dNormActivation) must not squeeze the names
constexpr int kMinTypeColumn = 64;  // "Conv2d…" still says what it is
} // namespace

ModulesPane::ModulesPane(QWidget* parent)
    : QWidget(parent), m_model(new ModuleTreeModel(this)), m_proxy(new FilterProxy(this)),
      m_view(new QTreeView), m_filter(new QLineEdit)
{
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setObjectName(QStringLiteral("moduleTree"));
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    // The name column takes the room the numbers leave, but never less than a readable width (a narrow dock
    // scrolls instead): fitColumns() on every resize.
    m_view->header()->setSectionResizeMode(ModuleTreeModel::NameColumn, QHeaderView::Interactive);
    m_view->viewport()->installEventFilter(this);
    m_view->header()->setMinimumSectionSize(40);
    m_filter->setPlaceholderText(tr("Filter modules by name, path or type…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("moduleFilter"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        if (!text.trimmed().isEmpty())
            m_view->expandAll(); // show where the matches are
    });
}

void ModulesPane::setModelInfo(const ModelInfo& info)
{
    m_model->setModelInfo(info);
    m_view->expandToDepth(0);
    // Numbers fit exactly; long type names (Conv2dNormActivation) must not squeeze the module names.
    for (int column = 1; column < ModuleTreeModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
    m_view->setColumnWidth(ModuleTreeModel::TypeColumn,
                           std::min(m_view->columnWidth(ModuleTreeModel::TypeColumn), kMaxTypeColumn));
    // Rows below the first level are collapsed and not measured: leave room for the widest numbers.
    const QFontMetrics metrics(m_view->font());
    const int padding = 2 * metrics.horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(
        ModuleTreeModel::ParamsColumn,
        std::max(m_view->columnWidth(ModuleTreeModel::ParamsColumn),
                 metrics.horizontalAdvance(formatCount(info.summary.param_count)) + padding));
    m_view->setColumnWidth(ModuleTreeModel::BytesColumn,
                           metrics.horizontalAdvance(QStringLiteral("999.9 MiB")) + padding);
    fitColumns();
}

void ModulesPane::clear()
{
    m_model->clear();
}

void ModulesPane::selectModule(const QString& modulePath)
{
    const QModelIndex source = m_model->indexForPath(modulePath);
    if (!source.isValid())
        return;
    if (!m_proxy->mapFromSource(source).isValid())
        m_filter->clear(); // filtered out: show everything again
    const QModelIndex index = m_proxy->mapFromSource(source);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void ModulesPane::followModule(const QString& modulePath)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexForPath(modulePath));
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

int ModulesPane::preferredWidth() const
{
    int width = kMinNameColumn + 44; // the tree's scroll bar, frames and margins
    for (int column = 0; column < ModuleTreeModel::ColumnCount; ++column)
        if (column != ModuleTreeModel::NameColumn)
            width += m_view->columnWidth(column);
    return width;
}

void ModulesPane::fitColumns()
{
    // The numbers stay whole and in sight: when the dock is narrow the type gives way first (it is cut at
    // its end, its tooltip has it), then the name down to its minimum; only then does the dock scroll.
    const int numbers = m_view->columnWidth(ModuleTreeModel::ParamsColumn) +
                        m_view->columnWidth(ModuleTreeModel::BytesColumn);
    const int room = m_view->viewport()->width() - numbers;
    const QAbstractItemView* view = m_view; // sizeHintForColumn is public there (QTreeView: protected)
    const int typeWanted =
        std::min(kMaxTypeColumn, std::max(view->sizeHintForColumn(ModuleTreeModel::TypeColumn),
                                          m_view->header()->sectionSizeHint(ModuleTreeModel::TypeColumn)));
    const int type = std::clamp(room - kMinNameColumn, std::min(kMinTypeColumn, typeWanted), typeWanted);
    m_view->setColumnWidth(ModuleTreeModel::TypeColumn, type);
    m_view->setColumnWidth(ModuleTreeModel::NameColumn, std::max(kMinNameColumn, room - type));
}

bool ModulesPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

} // namespace jitscope::ui
