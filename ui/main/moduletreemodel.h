// The module hierarchy of a model as a Qt item model: name, type, parameter count and bytes.
#pragma once

#include "types/modelinfo.h"

#include <QAbstractItemModel>
#include <QHash>

#include <vector>

namespace jitscope::ui {

class ModuleTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    // What the tree and the details say about a module forward never reaches.
    static QString notCalledText();
    enum Column
    {
        NameColumn,
        TypeColumn,
        ParamsColumn,
        BytesColumn,
        ColumnCount
    };
    enum Role
    {
        ModulePathRole = Qt::UserRole + 1
    };

    explicit ModuleTreeModel(QObject* parent = nullptr);

    void setModelInfo(const jitscope::ModelInfo& info); // a full reset
    void clear();
    int moduleCount() const { return static_cast<int>(m_items.size()); }
    QModelIndex indexForPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Item
    {
        jitscope::ModuleInfo module;
        int parent = -1; // item index, -1 for top level
        int row = 0;     // among its siblings
        std::vector<int> children;
    };

    std::vector<Item> m_items;
    std::vector<int> m_topLevel;
    QHash<QString, int> m_byPath;
};

} // namespace jitscope::ui
