// The one filter/sort proxy used by every searchable tree and table of the window.
#pragma once

#include <QSortFilterProxyModel>

namespace jitscope::ui {

// Roles the source models may provide so that sorting and filtering see more than the display text.
enum ItemRole
{
    SortRole = Qt::UserRole + 100, // raw number for numeric columns
    FilterTextRole, // on column 0: the full text a row is searched by (path, qualified type …)
};

// Case-insensitive, every whitespace-separated term must occur in the row's text. Filtering is
// recursive: a parent stays visible when a descendant matches, so a hit deep in the module tree shows
// with the path leading to it.
class FilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FilterProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    QString filterText() const { return m_terms.join(QLatin1Char(' ')); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QStringList m_terms;
};

} // namespace jitscope::ui
