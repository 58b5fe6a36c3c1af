// The listing of one folder on the worker's machine (a list_dir answer) as an item model for the remote
// Open dialog: Name, Size, Modified; folders first.
#pragma once

#include "protocol/files.h"

#include <QAbstractTableModel>

namespace jitscope::ui {

class RemoteFileModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        ModifiedColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1, // absolute path on the worker
        IsDirRole,
    };

    explicit RemoteFileModel(QObject* parent = nullptr);

    void setListing(const jitscope::protocol::ListDirResult& listing);
    void clear();
    QString folder() const { return m_folder; }
    QString parentFolder() const { return m_parent; }
    QString pathAt(int row) const;
    bool isDirAt(int row) const;
    int rowOf(const QString& name) const; // -1 if absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_folder;
    QString m_parent;
    std::vector<jitscope::protocol::DirEntry> m_entries;
};

} // namespace jitscope::ui
