// Parameters and buffers of a model as a table, with value statistics merged in once computed.
#pragma once

#include "types/modelinfo.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>
#include <vector>

namespace jitscope::ui {

class ParameterTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        KindColumn,
        ShapeColumn,
        DTypeColumn,
        NumelColumn,
        BytesColumn,
        MinColumn,
        MaxColumn,
        MeanColumn,
        StdColumn,
        ZerosColumn,
        NonFiniteColumn,
        ColumnCount
    };
    enum Role
    {
        TensorNameRole = Qt::UserRole + 1,
        IsBufferRole,
        IsDamagedRole // its bytes lie in an archive record that fails its CRC-32 check
    };

    struct Totals
    {
        int64_t parameters = 0, parameterValues = 0, parameterBytes = 0;
        int64_t buffers = 0, bufferValues = 0, bufferBytes = 0;
    };

    explicit ParameterTableModel(QObject* parent = nullptr);

    void setModelInfo(const jitscope::ModelInfo& info); // a full reset; forgets statistics
    void clear();
    void setStats(const std::vector<jitscope::TensorStats>& stats); // merged by name
    Totals totals() const { return m_totals; }
    QString nameAt(int row) const;
    bool hasStats(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        jitscope::TensorMeta meta;
        bool buffer = false;
        bool damaged = false;
        std::optional<jitscope::TensorStats> stats;
    };
    QVariant statData(const Row& row, int column, int role) const;

    std::vector<Row> m_rows;
    QHash<QString, int> m_byName;
    Totals m_totals;
};

} // namespace jitscope::ui
