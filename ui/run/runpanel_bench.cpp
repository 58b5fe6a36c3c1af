// RunPanel's benchmark side: options, live time series and histogram (Qt Charts), statistics, the per-op
// profile table and the session's history with CSV/JSON export.
#include "qtstring.h"
#include "runpanel.h"

#include "types/runresult.h"
#include "types/stats.h"

#include <QCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace jitscope::ui {

namespace {

const QStringList kHistoryColumns{
    QStringLiteral("model"),     QStringLiteral("method"),     QStringLiteral("device"),
    QStringLiteral("threads"),   QStringLiteral("inputs"),     QStringLiteral("iters"),
    QStringLiteral("median_ms"), QStringLiteral("mean_ms"),    QStringLiteral("min_ms"),
    QStringLiteral("p90_ms"),    QStringLiteral("p99_ms"),     QStringLiteral("std_ms"),
    QStringLiteral("iqr_ms"),    QStringLiteral("calls_per_s")};

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

QWidget* RunPanel::buildBenchTab()
{
    m_warmup = new QSpinBox;
    m_warmup->setRange(0, 100000);
    m_warmup->setValue(10);
    m_warmup->setObjectName(QStringLiteral("warmup"));
    m_untilSettled = new QCheckBox(tr("until times settle"));
    m_iters = new QSpinBox;
    m_iters->setRange(1, 10000000);
    m_iters->setValue(100);
    m_iters->setObjectName(QStringLiteral("iters"));
    m_seconds = new QDoubleSpinBox;
    m_seconds->setRange(0, 86400);
    m_seconds->setSpecialValueText(tr("off (use calls)"));
    m_seconds->setSuffix(tr(" s"));
    m_profileBox = new QCheckBox(tr("Per-op profile"));
    m_profileBox->setObjectName(QStringLiteral("profile"));
    // The options sit next to the Benchmark button (RunPanel::buildUi takes m_benchOptions), where they are
    // seen before a benchmark starts.
    m_warmup->setToolTip(tr("Calls before timing starts (TorchScript's profiling executor is slow at first)"));
    m_iters->setToolTip(tr("Timed calls"));
    m_benchOptions = new QWidget;
    m_benchOptions->setObjectName(QStringLiteral("benchOptions"));
    auto* options = new QHBoxLayout(m_benchOptions);
    options->setContentsMargins(0, 0, 0, 0);
    options->addWidget(new QLabel(tr("Warm-up")));
    options->addWidget(m_warmup);
    options->addWidget(m_untilSettled);
    options->addWidget(new QLabel(tr("Calls")));
    options->addWidget(m_iters);
    options->addWidget(new QLabel(tr("or")));
    options->addWidget(m_seconds);
    options->addWidget(m_profileBox);

    m_statsLabel = new QLabel;
    m_statsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_seriesChart = new QChart;
    m_seriesChart->setTitle(tr("Per-call time (ms)"));
    m_seriesChart->legend()->hide();
    m_series = new QLineSeries;
    m_seriesChart->addSeries(m_series);
    m_seriesX = new QValueAxis;
    m_seriesY = new QValueAxis;
    m_seriesChart->addAxis(m_seriesX, Qt::AlignBottom);
    m_seriesChart->addAxis(m_seriesY, Qt::AlignLeft);
    m_series->attachAxis(m_seriesX);
    m_series->attachAxis(m_seriesY);

    m_histChart = new QChart;
    m_histChart->setTitle(tr("Histogram (ms)"));
    m_histChart->legend()->hide();
    auto* bars = new QBarSeries;
    m_histSet = new QBarSet(tr("calls"));
    bars->append(m_histSet);
    bars->setBarWidth(1.0);
    m_histChart->addSeries(bars);
    // Thirty bin labels cannot fit under the bars (they all read "…"): a value axis over the bins' indices
    // labels a few of them with their times (refreshCharts).
    m_histX = new QCategoryAxis;
    m_histX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_histY = new QValueAxis;
    m_histChart->addAxis(m_histX, Qt::AlignBottom);
    m_histChart->addAxis(m_histY, Qt::AlignLeft);
    bars->attachAxis(m_histX);
    bars->attachAxis(m_histY);

    // Charts need room to be read: each has a minimum size, and a dock too small for them scrolls (the
    // panel sits in a scroll area) instead of drawing them over each other.
    auto* charts = new QSplitter(Qt::Horizontal);
    charts->setObjectName(QStringLiteral("benchCharts"));
    charts->setChildrenCollapsible(false);
    for (QChart* chart : {m_seriesChart, m_histChart}) {
        auto* view = new QChartView(chart);
        view->setMinimumSize(300, 200);
        view->setRenderHint(QPainter::Antialiasing);
        chart->setMargins(QMargins(4, 4, 4, 4));
        charts->addWidget(view);
    }

    m_history = new QTableWidget(0, static_cast<int>(kHistoryColumns.size()));
    m_history->setHorizontalHeaderLabels(kHistoryColumns);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSortingEnabled(true);
    auto* exportButton = new QPushButton(tr("Export history…"));
    connect(exportButton, &QPushButton::clicked, this, &RunPanel::exportHistory);

    m_profileView = new QComboBox;
    m_profileView->addItems({tr("by op kind"), tr("by module"), tr("by op and module")});
    connect(m_profileView, &QComboBox::currentIndexChanged, this, [this] { showProfile(m_lastProfile); });
    m_profile = new QTableWidget(0, 5);
    m_profile->setHorizontalHeaderLabels({tr("Op"), tr("Module"), tr("Calls"), tr("Self ms"), tr("Share")});
    m_profile->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_profile->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* historyBox = new QWidget;
    auto* hv = new QVBoxLayout(historyBox);
    hv->setContentsMargins(0, 0, 0, 0);
    hv->addWidget(m_history);
    hv->addWidget(exportButton, 0, Qt::AlignLeft);
    auto* profileBox = new QWidget;
    auto* pv = new QVBoxLayout(profileBox);
    pv->setContentsMargins(0, 0, 0, 0);
    pv->addWidget(m_profileView, 0, Qt::AlignLeft);
    pv->addWidget(m_profile);
    // One thing at a time, each with the tab's whole area: charts, the session's history, the profile.
    auto* views = new QTabWidget;
    views->setObjectName(QStringLiteral("benchViews"));
    views->setDocumentMode(true);
    views->addTab(charts, tr("Charts"));
    views->addTab(historyBox, tr("History (this session)"));
    views->addTab(profileBox, tr("Per-op profile"));
    m_benchViews = views;

    m_chartTimer = new QTimer(this);
    m_chartTimer->setInterval(100); // redraw at most 10 times a second however fast samples arrive
    m_chartTimer->setSingleShot(true);
    connect(m_chartTimer, &QTimer::timeout, this, &RunPanel::refreshCharts);

    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_statsLabel);
    layout->addWidget(views, 1);
    return tab;
}

void RunPanel::benchmark()
{
    std::optional<protocol::Call> call = prepareCall();
    if (!call)
        return;
    protocol::BenchRequest request;
    static_cast<protocol::Call&>(request) = std::move(*call);
    request.warmup = m_warmup->value();
    request.until_settled = m_untilSettled->isChecked();
    request.iters = m_iters->value();
    request.seconds = m_seconds->value();
    request.profile = m_profileBox->isChecked();
    m_liveSamples.clear();
    refreshCharts();
    m_status->setText(tr("Benchmarking… (Stop ends it between calls)"));
    m_errorDetail->setVisible(false);
    m_errorLink->setVisible(false);
    const int id = m_client->bench(
        request, [this](const BenchResult& r) { onBenchDone(r); },
        [this](const Error& e) {
            setPending(-1, false);
            showError(e);
        });
    setPending(id, true);
}

void RunPanel::handleBenchSample(const protocol::BenchSample& sample)
{
    if (m_pendingId < 0 || !m_pendingBench || sample.id != Json(m_pendingId))
        return;
    if (sample.phase != "measure") {
        m_status->setText(
            tr("Warming up… %1 calls").arg(sample.start + static_cast<int64_t>(sample.ms.size())));
        return;
    }
    m_liveSamples.insert(m_liveSamples.end(), sample.ms.begin(), sample.ms.end());
    if (!m_chartTimer->isActive())
        m_chartTimer->start();
}

QStringList RunPanel::histogramLabels() const
{
    return m_histX->categoriesLabels();
}

void RunPanel::refreshCharts()
{
    // The series shows the latest 2000 calls: enough to see drift, cheap to redraw.
    const size_t n = m_liveSamples.size();
    const size_t from = n > 2000 ? n - 2000 : 0;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(n - from));
    for (size_t i = from; i < n; ++i)
        points.append(QPointF(static_cast<double>(i), m_liveSamples[i]));
    m_series->replace(points);
    const SampleStats s = computeStats(m_liveSamples);
    m_seriesX->setRange(static_cast<double>(from), std::max<double>(static_cast<double>(n), from + 1.0));
    m_seriesY->setRange(0, s.count ? s.max * 1.05 : 1.0);

    const Histogram h = makeHistogram(m_liveSamples, 30);
    m_histSet->remove(0, m_histSet->count());
    QStringList categories;
    int64_t peak = 1;
    for (size_t i = 0; i < h.counts.size(); ++i) {
        *m_histSet << static_cast<double>(h.counts[i]);
        categories << QString::number(h.lo + h.width * (static_cast<double>(i) + 0.5), 'g', 3);
        peak = std::max(peak, h.counts[i]);
    }
    for (const QString& label : m_histX->categoriesLabels())
        m_histX->remove(label);
    const int bins = static_cast<int>(h.counts.size());
    m_histX->setRange(-0.5, std::max(0.5, bins - 0.5));
    m_histX->setStartValue(-0.5);
    // Five labels: the first, last and three between, each at its bin's centre time.
    for (int k = 0; bins > 0 && k < 5; ++k) {
        const int i = (bins - 1) * k / 4;
        if (k > 0 && i == (bins - 1) * (k - 1) / 4)
            continue;
        m_histX->append(categories[i], i);
    }
    m_histY->setRange(0, static_cast<double>(peak));
    if (s.count)
        m_statsLabel->setText(
            tr("%1 calls   median %2 ms   mean %3   min %4   p90 %5   p99 %6   std %7   IQR %8   "
               "%9 calls/s")
                .arg(s.count)
                .arg(s.median, 0, 'g', 5)
                .arg(s.mean, 0, 'g', 5)
                .arg(s.min, 0, 'g', 5)
                .arg(s.p90, 0, 'g', 5)
                .arg(s.p99, 0, 'g', 5)
                .arg(s.std, 0, 'g', 4)
                .arg(s.iqr, 0, 'g', 4)
                .arg(s.calls_per_s, 0, 'f', 1));
    else
        m_statsLabel->clear();
}

void RunPanel::onBenchDone(const BenchResult& result)
{
    setPending(-1, false);
    m_liveSamples = result.samples_ms;
    refreshCharts();
    m_status->setText(tr("Benchmark %1: median %2 ms over %3 calls after %4 warm-up calls%5")
                          .arg(result.stopped ? tr("stopped") : tr("done"))
                          .arg(result.stats.median, 0, 'g', 5)
                          .arg(result.stats.count)
                          .arg(result.warmup_ms.size())
                          .arg(!result.warmup_ms.empty()
                                   ? tr(" (first call %1 ms)").arg(result.warmup_ms[0], 0, 'g', 5)
                                   : QString()));
    addHistory(Json(result)); // the history keeps the protocol's flat form: it is what JSON export writes
    if (result.profile) {
        m_lastProfile = result.profile;
        showProfile(m_lastProfile);
        Q_EMIT profileReady(*m_lastProfile);
    }
}

void RunPanel::addHistory(const Json& result)
{
    Json row = Json::object();
    for (const QString& column : kHistoryColumns)
        row[column.toStdString()] = result.value(column.toStdString(), Json());
    row["model"] = QFileInfo(m_path).fileName().toStdString();
    m_historyRows.push_back(row);
    m_history->setSortingEnabled(false);
    const int r = m_history->rowCount();
    m_history->insertRow(r);
    for (int c = 0; c < kHistoryColumns.size(); ++c) {
        auto* item = new QTableWidgetItem;
        const Json& v = row[kHistoryColumns[c].toStdString()];
        if (v.is_number())
            item->setData(Qt::DisplayRole, v.get<double>()); // numeric sort
        else
            item->setText(cellText(row, kHistoryColumns[c]));
        m_history->setItem(r, c, item);
    }
    m_history->setSortingEnabled(true);
}

void RunPanel::showProfile(const std::optional<OpProfile>& profile)
{
    m_profile->setRowCount(0);
    if (!profile)
        return;
    const std::vector<OpTime>* views[] = {&profile->by_kind, &profile->by_module, &profile->ops};
    const std::vector<OpTime>& rows = *views[std::clamp(m_profileView->currentIndex(), 0, 2)];
    double total = 0;
    for (const OpTime& row : rows)
        total += row.self_ms;
    m_profile->setRowCount(static_cast<int>(rows.size()));
    int r = 0;
    for (const OpTime& row : rows) {
        const double self = row.self_ms;
        const QString module = qs(row.module);
        m_profile->setItem(r, 0, new QTableWidgetItem(qs(row.name)));
        m_profile->setItem(r, 1,
                           new QTableWidgetItem(module.isEmpty() && m_profileView->currentIndex() == 1
                                                    ? tr("(root)")
                                                    : module));
        m_profile->setItem(r, 2, new QTableWidgetItem(QString::number(row.calls)));
        m_profile->setItem(r, 3, new QTableWidgetItem(QString::number(self, 'f', 3)));
        m_profile->setItem(
            r, 4,
            new QTableWidgetItem(QStringLiteral("%1 %").arg(total > 0 ? 100 * self / total : 0, 0, 'f', 1)));
        ++r;
    }
}

QString RunPanel::historyCsv() const
{
    QString csv = kHistoryColumns.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const Json& row : m_historyRows) {
        QStringList cells;
        for (const QString& column : kHistoryColumns) {
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

void RunPanel::exportHistory()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export history"), {}, tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        showError({ErrorCode::BadRequest, tr("Cannot write %1.").arg(path).toStdString(), {}, {}});
        return;
    }
    file.write(path.endsWith(QStringLiteral(".json")) ? QByteArray::fromStdString(m_historyRows.dump(1))
                                                      : historyCsv().toUtf8());
}

} // namespace jitscope::ui
