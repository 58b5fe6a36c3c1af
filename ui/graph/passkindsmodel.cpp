#include "passkindsmodel.h"

#include <QColor>
#include <QFont>

#include <algorithm>

namespace jitscope::ui {

PassKindsModel::PassKindsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PassKindsModel::setPasses(const QStringList& passes)
{
    QStringList unique;
    for (const QString& pass : passes)
        if (!pass.isEmpty() && !unique.contains(pass))
            unique << pass;
    if (unique == m_passes)
        return;
    beginResetModel();
    m_passes = unique;
    rebuild();
    endResetModel();
}

void PassKindsModel::setCounts(const QString& pass, const std::map<std::string, int>& kinds, int nodeCount)
{
    beginResetModel();
    m_counts[pass] = Counts{kinds, nodeCount};
    rebuild();
    endResetModel();
}

void PassKindsModel::clear()
{
    beginResetModel();
    m_counts.clear();
    rebuild();
    endResetModel();
}

int PassKindsModel::count(const QString& pass, const QString& kind) const
{
    auto it = m_counts.find(pass);
    if (it == m_counts.end())
        return -1;
    if (kind.isEmpty())
        return it->second.total;
    auto k = it->second.kinds.find(kind.toStdString());
    return k == it->second.kinds.end() ? 0 : k->second;
}

void PassKindsModel::rebuild()
{
    std::map<std::string, int> largest;
    for (const QString& pass : m_passes)
        if (auto it = m_counts.find(pass); it != m_counts.end())
            for (const auto& [kind, n] : it->second.kinds)
                largest[kind] = std::max(largest[kind], n);
    m_rows.assign(1, std::string());
    for (const auto& [kind, n] : largest)
        m_rows.push_back(kind);
    std::stable_sort(m_rows.begin() + 1, m_rows.end(),
                     [&](const std::string& a, const std::string& b) { return largest[a] > largest[b]; });
}

int PassKindsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_passes.isEmpty() ? 0 : static_cast<int>(m_rows.size());
}

int PassKindsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 1 + static_cast<int>(m_passes.size());
}

QVariant PassKindsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::string& kind = m_rows[index.row()];
    if (role == Qt::FontRole && index.row() == 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() > 0)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ForegroundRole)
        return {};
    if (index.column() == 0)
        return role == Qt::DisplayRole ? QVariant(kind.empty() ? tr("all nodes") : QString::fromStdString(kind))
                                       : QVariant();
    const QString& pass = m_passes[index.column() - 1];
    const int n = count(pass, QString::fromStdString(kind));
    if (role == Qt::ForegroundRole) {
        // A count that differs from the first pass's (the reference) stands out.
        const int reference = count(m_passes.first(), QString::fromStdString(kind));
        return n >= 0 && reference >= 0 && n != reference ? QVariant(QColor(0xb2, 0x3b, 0x1e)) : QVariant();
    }
    return n < 0 ? QVariant(QStringLiteral("…")) : QVariant(n);
}

QVariant PassKindsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Op kind");
    return section - 1 < m_passes.size() ? QVariant(m_passes[section - 1]) : QVariant();
}

} // namespace jitscope::ui
