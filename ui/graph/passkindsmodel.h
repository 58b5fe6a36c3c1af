// The op-kind table of the Passes view: for each op kind, how many nodes the saved graph and the passes
// shown have (nested blocks included), the total first. Rows by the largest count, then by name.
#pragma once

#include "types/graph.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace jitscope::ui {

class PassKindsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PassKindsModel(QObject* parent = nullptr);

    // The columns after "Op kind": one per pass, in this order (the same pass twice counts once).
    void setPasses(const QStringList& passes);
    // A pass's graph arrived: its op kinds and node count.
    void setCounts(const QString& pass, const std::map<std::string, int>& kinds, int nodeCount);
    void clear();
    const QStringList& passes() const { return m_passes; }
    int count(const QString& pass, const QString& kind) const; // -1 unknown; kind "" = all nodes

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    struct Counts
    {
        std::map<std::string, int> kinds;
        int total = 0;
    };
    QStringList m_passes;
    std::map<QString, Counts> m_counts;
    std::vector<std::string> m_rows; // "" first: all nodes
};

} // namespace jitscope::ui
