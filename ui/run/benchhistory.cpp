#include "benchhistory.h"
#include "qtstring.h"

#include <QFile>
#include <QFileDialog>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace jitscope::ui {

namespace {

const QStringList kColumns{
    QStringLiteral("model"),     QStringLiteral("method"),     QStringLiteral("device"),
    QStringLiteral("threads"),   QStringLiteral("inputs"),     QStringLiteral("iters"),
    QStringLiteral("median_ms"), QStringLiteral("mean_ms"),    QStringLiteral("min_ms"),
    QStringLiteral("p90_ms"),    QStringLiteral("p99_ms"),     QStringLiteral("std_ms"),
    QStringLiteral("iqr_ms"),    QStringLiteral("calls_per_s")};

// The row in the protocol's flat form (BenchResult's JSON), the history's columns only: what JSON export
// writes and the table shows.
Json rowOf(const BenchResult& result)
{
    const Json flat = result;
    Json row = Json::object();
    for (const QString& column : kColumns)
        row[column.toStdString()] = flat.value(column.toStdString(), Json());
    row["model"] = result.model;
    return row;
}

QString cellText(const Json& row, const QString& column)
{
    const Json& v = row[column.toStdString()];
    if (v.is_number_float())
        return QString::number(v.get<double>(), 'g', 6);
    if (v.is_number())
        return QString::number(v.get<int64_t>());
    if (v.is_array()) {
        QStringList items;
        for (const Json& item : v)
            items << qs(item.get<std::string>());
        return items.join(QStringLiteral("; "));
    }
    return v.is_string() ? qs(v.get<std::string>()) : QString();
}

} // namespace

BenchHistory::BenchHistory(QWidget* parent)
    : QWidget(parent), m_table(new QTableWidget(0, static_cast<int>(kColumns.size())))
{
    m_table->setHorizontalHeaderLabels(kColumns);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    auto* exportButton = new QPushButton(tr("Export history…"));
    connect(exportButton, &QPushButton::clicked, this, &BenchHistory::exportRows);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addWidget(exportButton, 0, Qt::AlignLeft);
}

void BenchHistory::add(const BenchResult& result, const QString& modelName)
{
    BenchResult kept = result;
    kept.model = modelName.toStdString();
    kept.samples_ms.clear(); // the table keeps statistics, not every call
    kept.warmup_ms.clear();
    kept.profile.reset();
    const Json row = rowOf(kept);
    m_rows.push_back(std::move(kept));
    m_table->setSortingEnabled(false);
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    for (int c = 0; c < kColumns.size(); ++c) {
        auto* item = new QTableWidgetItem;
        const Json& v = row[kColumns[c].toStdString()];
        if (v.is_number())
            item->setData(Qt::DisplayRole, v.get<double>()); // numeric sort
        else
            item->setText(cellText(row, kColumns[c]));
        m_table->setItem(r, c, item);
    }
    m_table->setSortingEnabled(true);
}

QString BenchHistory::csv() const
{
    QString csv = kColumns.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const BenchResult& result : m_rows) {
        const Json row = rowOf(result);
        QStringList cells;
        for (const QString& column : kColumns) {
            QString cell = cellText(row, column);
            if (cell.contains(QLatin1Char(',')) || cell.contains(QLatin1Char('"')))
                cell = QLatin1Char('"') + cell.replace(QStringLiteral("\""), QStringLiteral("\"\"")) +
                       QLatin1Char('"');
            cells << cell;
        }
        csv += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

QByteArray BenchHistory::jsonText() const
{
    Json rows = Json::array();
    for (const BenchResult& result : m_rows)
        rows.push_back(rowOf(result));
    return QByteArray::fromStdString(rows.dump(1));
}

bool BenchHistory::save(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(path.endsWith(QStringLiteral(".json")) ? jsonText() : csv().toUtf8()) >= 0;
}

void BenchHistory::exportRows()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export history"), {}, tr("CSV (*.csv);;JSON (*.json)"));
    if (!path.isEmpty() && !save(path))
        Q_EMIT failed({ErrorCode::BadRequest, tr("Cannot write %1.").arg(path).toStdString(), {}, {}});
}

} // namespace jitscope::ui
