#include "moduletreemodel.h"

#include "filterproxy.h"
#include "format.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace jitscope::ui {

ModuleTreeModel::ModuleTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void ModuleTreeModel::setModelInfo(const ModelInfo& info)
{
    beginResetModel();
    m_items.clear();
    m_topLevel.clear();
    m_byPath.clear();
    m_items.reserve(info.modules.size());
    // named_modules() order is a preorder walk, so a parent always comes before its children; a
    // module whose parent is missing (should not happen) is shown at the top rather than dropped.
    for (const ModuleInfo& module : info.modules) {
        const int index = static_cast<int>(m_items.size());
        const QString path = qs(module.path);
        Item item;
        item.module = module;
        if (!path.isEmpty()) {
            const int dot = path.lastIndexOf(QLatin1Char('.'));
            item.parent = m_byPath.value(dot < 0 ? QString() : path.left(dot), -1);
        }
        std::vector<int>& siblings = item.parent < 0 ? m_topLevel : m_items[item.parent].children;
        item.row = static_cast<int>(siblings.size());
        siblings.push_back(index);
        m_items.push_back(std::move(item));
        m_byPath.insert(path, index);
    }
    endResetModel();
}

void ModuleTreeModel::clear()
{
    setModelInfo({});
}

QModelIndex ModuleTreeModel::indexForPath(const QString& path) const
{
    const auto it = m_byPath.constFind(path);
    if (it == m_byPath.cend())
        return {};
    return createIndex(m_items[*it].row, 0, quintptr(*it));
}

QModelIndex ModuleTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const std::vector<int>& rows = parent.isValid() ? m_items[parent.internalId()].children : m_topLevel;
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (row >= static_cast<int>(rows.size()))
        return {};
    return createIndex(row, column, quintptr(rows[row]));
}

QModelIndex ModuleTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int parent = m_items[child.internalId()].parent;
    if (parent < 0)
        return {};
    return createIndex(m_items[parent].row, 0, quintptr(parent));
}

int ModuleTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_topLevel.size());
    if (parent.column() != 0)
        return 0;
    return static_cast<int>(m_items[parent.internalId()].children.size());
}

int ModuleTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString ModuleTreeModel::notCalledText()
{
    return tr("Not called by forward: neither forward's graph nor any method it calls reaches this module. In "
              "a traced model this usually means a branch the trace did not take.");
}

QVariant ModuleTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const ModuleInfo& module = m_items[index.internalId()].module;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            if (!module.called_by_forward)
                return tr("%1 (not called by forward)").arg(qs(module.name));
            return module.path.empty() ? shortTypeName(module.type) : qs(module.name);
        case TypeColumn:
            return shortTypeName(module.type);
        case ParamsColumn:
            return formatCount(module.param_count);
        case BytesColumn:
            return formatBytes(module.param_bytes);
        }
        break;
    case SortRole:
        switch (column) {
        case ParamsColumn:
            return qlonglong(module.param_count);
        case BytesColumn:
            return qlonglong(module.param_bytes);
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("<b>%1</b><br/>%2<br/>%3 parameters in this module, %4 with submodules%5")
            .arg(module.path.empty() ? tr("(root module)") : qs(module.path).toHtmlEscaped(),
                 demangledTypeName(module.type).toHtmlEscaped(), formatCount(module.own_param_count),
                 formatCount(module.param_count),
                 module.called_by_forward ? QString() : QStringLiteral("<br/><i>%1</i>").arg(notCalledText()));
    case Qt::TextAlignmentRole:
        if (column == ParamsColumn || column == BytesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        // Parameter-free modules (ReLU, pooling …) recede so the heavy ones stand out.
        if ((column >= ParamsColumn && module.param_count == 0) || !module.called_by_forward)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::FontRole:
        if (!module.called_by_forward) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case ModulePathRole:
        return qs(module.path);
    case FilterTextRole:
        return qs(module.path) + QLatin1Char(' ') + demangledTypeName(module.type);
    }
    return {};
}

QVariant ModuleTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section >= ParamsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Module");
    case TypeColumn:
        return tr("Type");
    case ParamsColumn:
        return tr("Parameters");
    case BytesColumn:
        return tr("Size");
    }
    return {};
}

} // namespace jitscope::ui
