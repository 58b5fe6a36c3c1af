#include "remotefilemodel.h"

#include "format.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QStyle>

namespace jitscope::ui {

RemoteFileModel::RemoteFileModel(QObject* parent) : QAbstractTableModel(parent) {}

void RemoteFileModel::setListing(const protocol::ListDirResult& listing)
{
    beginResetModel();
    m_folder = qs(listing.path);
    m_parent = qs(listing.parent);
    m_entries = listing.entries;
    endResetModel();
}

void RemoteFileModel::clear()
{
    beginResetModel();
    m_folder.clear();
    m_parent.clear();
    m_entries.clear();
    endResetModel();
}

QString RemoteFileModel::pathAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const QString name = qs(m_entries[static_cast<size_t>(row)].name);
    return m_folder.endsWith(QLatin1Char('/')) ? m_folder + name : m_folder + QLatin1Char('/') + name;
}

bool RemoteFileModel::isDirAt(int row) const
{
    return row >= 0 && row < rowCount() && m_entries[static_cast<size_t>(row)].is_dir;
}

int RemoteFileModel::rowOf(const QString& name) const
{
    for (size_t i = 0; i < m_entries.size(); ++i)
        if (qs(m_entries[i].name) == name)
            return static_cast<int>(i);
    return -1;
}

int RemoteFileModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int RemoteFileModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemoteFileModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const protocol::DirEntry& entry = m_entries[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return qs(entry.name);
        case SizeColumn:
            return entry.is_dir ? QString() : formatBytes(entry.size);
        case ModifiedColumn:
            return QLocale().toString(QDateTime::fromSecsSinceEpoch(entry.mtime), QLocale::ShortFormat);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return QApplication::style()->standardIcon(entry.is_dir ? QStyle::SP_DirIcon
                                                                    : QStyle::SP_FileIcon);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case PathRole:
        return pathAt(index.row());
    case IsDirRole:
        return entry.is_dir;
    }
    return {};
}

QVariant RemoteFileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    }
    return {};
}

} // namespace jitscope::ui
