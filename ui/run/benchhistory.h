// The benchmarks of this session as a sortable table (model, method, device, threads, inputs, statistics),
// exported as CSV or JSON with the protocol's column names.
#pragma once

#include "types/error.h"
#include "types/runresult.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace jitscope::ui {

class BenchHistory : public QWidget
{
    Q_OBJECT
public:
    explicit BenchHistory(QWidget* parent = nullptr);

    // Adds a row for `result`, named by `modelName` (the file name).
    void add(const BenchResult& result, const QString& modelName);
    QTableWidget* table() const { return m_table; }
    QString csv() const;
    QByteArray jsonText() const;          // an array of one object per row, the columns as keys
    bool save(const QString& path) const; // .json: jsonText(), else csv()

Q_SIGNALS:
    void failed(const Error& error); // the export could not be written

private:
    void exportRows();

    std::vector<BenchResult> m_rows; // model holds the file name
    QTableWidget* m_table;
};

} // namespace jitscope::ui
