#include "filterproxy.h"

namespace jitscope::ui {

FilterProxy::FilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void FilterProxy::setFilterText(const QString& text)
{
    const QStringList terms = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms == m_terms)
        return;
    m_terms = terms;
    invalidateRowsFilter();
}

bool FilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const QAbstractItemModel* model = sourceModel();
    QString haystack = model->index(sourceRow, 0, sourceParent).data(FilterTextRole).toString();
    if (haystack.isEmpty()) {
        QStringList columns;
        for (int column = 0; column < model->columnCount(sourceParent); ++column)
            columns << model->index(sourceRow, column, sourceParent).data().toString();
        haystack = columns.join(QLatin1Char(' '));
    }
    for (const QString& term : m_terms) {
        if (!haystack.contains(term, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool FilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(SortRole);
    const QVariant b = right.data(SortRole);
    if (a.isValid() && b.isValid())
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    if (a.isValid() != b.isValid())
        return b.isValid(); // rows without a value (statistics not computed yet) sort first
    return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
}

} // namespace jitscope::ui
