#include "parametertablemodel.h"

#include "filterproxy.h"
#include "format.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <set>

namespace jitscope::ui {

ParameterTableModel::ParameterTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ParameterTableModel::setModelInfo(const ModelInfo& info)
{
    beginResetModel();
    m_rows.clear();
    m_byName.clear();
    m_totals = {};
    m_rows.reserve(info.parameters.size() + info.buffers.size());
    const std::set<std::string> damaged(info.integrity.damaged_tensors.begin(),
                                        info.integrity.damaged_tensors.end());
    for (const TensorMeta& meta : info.parameters) {
        m_rows.push_back({meta, false, damaged.count(meta.name) > 0, std::nullopt});
        ++m_totals.parameters;
        m_totals.parameterValues += meta.numel;
        m_totals.parameterBytes += meta.bytes;
    }
    for (const TensorMeta& meta : info.buffers) {
        m_rows.push_back({meta, true, damaged.count(meta.name) > 0, std::nullopt});
        ++m_totals.buffers;
        m_totals.bufferValues += meta.numel;
        m_totals.bufferBytes += meta.bytes;
    }
    for (int row = 0; row < static_cast<int>(m_rows.size()); ++row)
        m_byName.insert(qs(m_rows[row].meta.name), row);
    endResetModel();
}

void ParameterTableModel::clear()
{
    setModelInfo({});
}

void ParameterTableModel::setStats(const std::vector<TensorStats>& stats)
{
    int first = -1, last = -1;
    for (const TensorStats& s : stats) {
        const int row = m_byName.value(qs(s.name), -1);
        if (row < 0)
            continue;
        m_rows[row].stats = s;
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, MinColumn), index(last, NonFiniteColumn));
}

QString ParameterTableModel::nameAt(int row) const
{
    return row >= 0 && row < rowCount() ? qs(m_rows[row].meta.name) : QString();
}

bool ParameterTableModel::hasStats(int row) const
{
    return row >= 0 && row < rowCount() && m_rows[row].stats.has_value();
}

int ParameterTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ParameterTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParameterTableModel::statData(const Row& row, int column, int role) const
{
    if (!row.stats)
        return {};
    const TensorStats& s = *row.stats;
    if (!s.numeric)
        return role == Qt::DisplayRole && column == MinColumn ? tr("n/a") : QVariant();
    switch (column) {
    case MinColumn:
        return role == SortRole ? QVariant(s.min) : QVariant(formatNumber(s.min));
    case MaxColumn:
        return role == SortRole ? QVariant(s.max) : QVariant(formatNumber(s.max));
    case MeanColumn:
        return role == SortRole ? QVariant(s.mean) : QVariant(formatNumber(s.mean));
    case StdColumn:
        return role == SortRole ? QVariant(s.std) : QVariant(formatNumber(s.std));
    case ZerosColumn:
        if (role == SortRole)
            return qlonglong(s.zeros);
        return s.numel > 0 ? QStringLiteral("%1 (%2%)")
                                 .arg(formatCount(s.zeros))
                                 .arg(100.0 * double(s.zeros) / double(s.numel), 0, 'f', 1)
                           : formatCount(s.zeros);
    case NonFiniteColumn:
        if (role == SortRole)
            return qlonglong(s.nans + s.infs);
        if (s.nans + s.infs == 0)
            return QStringLiteral("0");
        return tr("%1 NaN, %2 Inf").arg(formatCount(s.nans), formatCount(s.infs));
    }
    return {};
}

QVariant ParameterTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[index.row()];
    const TensorMeta& meta = row.meta;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return qs(meta.name);
        case KindColumn:
            return row.buffer ? tr("buffer") : tr("parameter");
        case ShapeColumn:
            return formatShape(meta.shape);
        case DTypeColumn:
            return qs(meta.dtype);
        case NumelColumn:
            return formatCount(meta.numel);
        case BytesColumn:
            return formatBytes(meta.bytes);
        default:
            return statData(row, column, role);
        }
    case SortRole:
        switch (column) {
        case ShapeColumn:
            return qlonglong(meta.shape.size() * 1000000000LL + meta.numel);
        case NumelColumn:
            return qlonglong(meta.numel);
        case BytesColumn:
            return qlonglong(meta.bytes);
        case NameColumn:
        case KindColumn:
        case DTypeColumn:
            return {};
        default:
            return statData(row, column, role);
        }
    case Qt::TextAlignmentRole:
        if (column >= NumelColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::BackgroundRole:
        if (row.damaged)
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        break;
    case Qt::ForegroundRole:
        if (row.damaged)
            return QBrush(QColor(0x72, 0x1c, 0x24));
        if (column == NonFiniteColumn && row.stats && row.stats->nans + row.stats->infs > 0)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        if (column == KindColumn || column == DTypeColumn)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::ToolTipRole:
        if (row.damaged)
            return tr("Damaged: the archive record holding %1 fails its CRC-32 check, so these values are "
                      "not the ones that were saved.")
                .arg(qs(meta.name));
        if (column == NameColumn)
            return tr("%1 %2 · %3 · %4 · %5")
                .arg(row.buffer ? tr("buffer") : tr("parameter"), qs(meta.name), formatShape(meta.shape),
                     qs(meta.dtype), qs(meta.device));
        break;
    case TensorNameRole:
        return qs(meta.name);
    case IsBufferRole:
        return row.buffer;
    case IsDamagedRole:
        return row.damaged;
    }
    return {};
}

QVariant ParameterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section >= NumelColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    static const char* const names[ColumnCount] = {"Name", "Kind", "Shape", "Type", "Elements", "Size",
                                                   "Min",  "Max",  "Mean",  "Std",  "Zeros",    "NaN/Inf"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace jitscope::ui
