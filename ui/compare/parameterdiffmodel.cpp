#include "parameterdiffmodel.h"

#include <QBrush>
#include <QColor>

namespace jitscope::ui {

namespace {

QString shapeText(const std::vector<int64_t>& shape, bool present)
{
    if (!present)
        return QStringLiteral("—");
    QStringList dims;
    for (int64_t d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

ParameterDiffModel::ParameterDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void ParameterDiffModel::setRows(std::vector<jitscope::ParameterRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ParameterDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ParameterDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParameterDiffModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ParameterRow& r = m_rows[static_cast<size_t>(index.row())];
    const bool matched = r.status == "matched";
    // Only matched rows have a difference; the others sort above every number (they differ most).
    const double diff = matched ? r.max_abs_diff : std::numeric_limits<double>::infinity();
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Name:
            return QString::fromStdString(r.name);
        case Status:
            return QString::fromStdString(r.status);
        case ShapeA:
            return shapeText(r.shape_a, r.status != "only_b");
        case ShapeB:
            return shapeText(r.shape_b, r.status != "only_a");
        case MaxAbsDiff:
            if (role == SortRole)
                return diff;
            return matched ? QString::number(r.max_abs_diff, 'g', 4) : QStringLiteral("—");
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && (!matched || r.max_abs_diff > 0))
        return QBrush(QColor(!matched ? 0xb0 : 0x90, 0x30, 0x20));
    if (role == Qt::TextAlignmentRole && index.column() == MaxAbsDiff)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ParameterDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const kTitles[] = {"Name", "Status", "Shape A", "Shape B", "Max abs diff"};
    return section >= 0 && section < ColumnCount ? tr(kTitles[section]) : QVariant();
}

} // namespace jitscope::ui
