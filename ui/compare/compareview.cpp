#include "compareview.h"

#include "comparegraphstab.h"
#include "controlflowtab.h"
#include "modulestab.h"
#include "parameterdiffmodel.h"
#include "qtstring.h"
#include "timingtab.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jitscope::ui {

namespace {

QString html(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString number(double v)
{
    return QString::number(v, 'g', 4);
}

QString runRow(const RunComparison& run)
{
    QString status;
    if (!run.a_ok || !run.b_ok)
        status = (run.a_ok ? QStringLiteral("A ok") : QStringLiteral("A fails: ") + html(run.a_error)) +
                 QStringLiteral("<br>") +
                 (run.b_ok ? QStringLiteral("B ok") : QStringLiteral("B fails: ") + html(run.b_error));
    else if (!run.same_structure)
        status = QStringLiteral("outputs have different structures");
    else
        status = run.allclose ? QStringLiteral("allclose") : QStringLiteral("differ");
    double maxAbs = 0, maxRel = 0;
    for (const OutputDiff& o : run.outputs) {
        maxAbs = std::max(maxAbs, o.max_abs);
        maxRel = std::max(maxRel, o.max_rel);
    }
    QStringList inputs;
    for (const std::string& input : run.inputs)
        inputs << html(input);
    return QStringLiteral(
               "<tr><td>%1</td><td>%2</td><td style='color:%3'><b>%4</b></td><td>%5</td><td>%6</td></tr>")
        .arg(html(run.description), inputs.join(QStringLiteral("<br>")),
             run.diverges ? QStringLiteral("#b02818") : QStringLiteral("#2a7a2a"), status, number(maxAbs),
             number(maxRel));
}

QString outputRows(const std::vector<OutputDiff>& outputs)
{
    QString rows;
    auto shape = [](const std::vector<int64_t>& dims) {
        QStringList parts;
        for (int64_t d : dims)
            parts << QString::number(d);
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    };
    for (const OutputDiff& o : outputs)
        rows += QStringLiteral(
                    "<tr><td>%1</td><td>%2 %3</td><td>%4 %5</td><td>%6</td><td>%7</td><td>%8</td><td>%9</td>"
                    "<td>%10</td></tr>")
                    .arg(o.path.empty() ? QStringLiteral("output") : html(o.path), shape(o.shape_a),
                         html(o.dtype_a), shape(o.shape_b), html(o.dtype_b), number(o.max_abs),
                         number(o.mean_abs), number(o.median_abs), number(o.max_rel),
                         o.allclose ? QStringLiteral("yes") : QStringLiteral("<b>no</b> ") + html(o.note));
    return rows;
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent), m_controller(new CompareController(this))
{
    buildUi();
    connect(m_controller, &CompareController::progress, this, [this](const QString& stage, double fraction) {
        m_progress->setVisible(true);
        m_progress->setValue(static_cast<int>(fraction * 100));
        m_progress->setFormat(stage + QStringLiteral("  %p%"));
    });
    connect(m_controller, &CompareController::opened, this,
            [this](int side, const ModelInfo& info) { m_info[side] = info; });
    connect(m_controller, &CompareController::finished, this, &CompareView::showReport);
    connect(m_controller, &CompareController::failed, this, [this](const QString& message) {
        m_progress->setVisible(false);
        m_stopButton->setEnabled(false);
        m_verdict->setText(tr("Comparison failed: %1").arg(message));
        Q_EMIT failed(message);
    });
}

CompareView::~CompareView()
{
    // The graph widgets read the controller's stores, and the controller, created first, would be deleted
    // first among the children: the tabs go before it.
    delete m_tabs;
}

QTreeWidget* CompareView::controlFlowTree() const
{
    return m_controlFlow->tree();
}

QLabel* CompareView::codeLine() const
{
    return m_controlFlow->codeLine();
}

QTreeWidget* CompareView::moduleTree() const
{
    return m_modules;
}

GraphWidget* CompareView::graph(int side) const
{
    return m_graphs->graph(side);
}

void CompareView::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setEnabled(false);
    m_jsonButton = new QPushButton(tr("Export JSON…"), this);
    m_markdownButton = new QPushButton(tr("Export Markdown…"), this);
    m_jsonButton->setEnabled(false);
    m_markdownButton->setEnabled(false);
    top->addWidget(m_title, 1);
    top->addWidget(m_progress);
    top->addWidget(m_stopButton);
    top->addWidget(m_jsonButton);
    top->addWidget(m_markdownButton);
    layout->addLayout(top);
    connect(m_stopButton, &QPushButton::clicked, this, &CompareView::stop);
    connect(m_jsonButton, &QPushButton::clicked, this, [this] { exportDialog(QStringLiteral("json")); });
    connect(m_markdownButton, &QPushButton::clicked, this, [this] { exportDialog(QStringLiteral("md")); });

    m_verdict = new QLabel(tr("Comparing…"), this);
    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_verdict->setFont(big);
    layout->addWidget(m_verdict);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildSummaryTab(), tr("Summary"));
    m_controlFlow = new ControlFlowTab(this);
    m_tabs->addTab(m_controlFlow, tr("Control flow"));
    m_opKinds = new QTreeWidget(this);
    m_opKinds->setHeaderLabels({tr("Op kind"), tr("A"), tr("B")});
    m_opKinds->setRootIsDecorated(false);
    m_tabs->addTab(m_opKinds, tr("Op kinds"));

    m_paramModel = new ParameterDiffModel(this);
    m_paramProxy = new QSortFilterProxyModel(this);
    m_paramProxy->setSourceModel(m_paramModel);
    m_paramProxy->setSortRole(ParameterDiffModel::SortRole);
    m_paramTable = new QTableView(this);
    m_paramTable->setModel(m_paramProxy);
    m_paramTable->setSortingEnabled(true);
    m_paramTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_paramTable->verticalHeader()->hide();
    m_tabs->addTab(m_paramTable, tr("Parameters"));

    m_modules = new ModulesTab(this);
    m_tabs->addTab(m_modules, tr("Modules"));
    m_graphs = new CompareGraphsTab(m_controller->graphs(0), m_controller->graphs(1), this);
    m_tabs->addTab(m_graphs, tr("Graphs"));
    m_timing = new TimingTab(this);
    m_tabs->addTab(m_timing, tr("Timing"));
    layout->addWidget(m_tabs, 1);
    connect(m_controlFlow, &ControlFlowTab::nodeClicked, this,
            [this](int side, qint64 nodeId) { m_graphs->selectNodes(side, {nodeId}); });
}

QWidget* CompareView::buildSummaryTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    m_summary = new QTextBrowser(tab);
    m_showDivergence = new QPushButton(tr("Show the first divergence in both graphs"), tab);
    m_showDivergence->setEnabled(false);
    connect(m_showDivergence, &QPushButton::clicked, this, &CompareView::showDivergenceInGraphs);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_showDivergence, 0, Qt::AlignLeft);
    return tab;
}

void CompareView::start(const CompareRequest& request)
{
    m_report.reset();
    m_info[0].reset();
    m_info[1].reset();
    m_graphs->clear();
    m_title->setText(
        tr("<b>A</b> %1<br><b>B</b> %2").arg(request.a.toHtmlEscaped(), request.b.toHtmlEscaped()));
    m_verdict->setText(tr("Comparing…"));
    m_verdict->setStyleSheet({});
    m_stopButton->setEnabled(true);
    m_jsonButton->setEnabled(false);
    m_markdownButton->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_controller->start(request);
}

void CompareView::stop()
{
    m_controller->stop();
}

bool CompareView::isRunning() const
{
    return m_stopButton->isEnabled();
}

void CompareView::showReport(const CompareReport& report)
{
    m_report = report;
    m_progress->setVisible(false);
    m_stopButton->setEnabled(false);
    m_jsonButton->setEnabled(true);
    m_markdownButton->setEnabled(true);
    const bool diverges = report.verdict == "diverges";
    m_verdict->setText(diverges ? tr("Verdict: diverges") : tr("Verdict: equivalent"));
    m_verdict->setStyleSheet(diverges ? QStringLiteral("color: #b02818") : QStringLiteral("color: #2a7a2a"));
    fillSummary(report);
    m_controlFlow->setReport(report);
    fillOpKinds(report);
    m_paramModel->setRows(report.parameters.rows);
    m_paramTable->sortByColumn(ParameterDiffModel::MaxAbsDiff, Qt::DescendingOrder);
    m_modules->fill(m_info, report);
    if (report.outputs) // models on both sides (not a state_dict B): draw them
        m_graphs->showMethod(qs(report.method), m_info);
    m_timing->setReport(report);
    Q_EMIT reportReady();
}

void CompareView::fillSummary(const CompareReport& r)
{
    QString text;
    text += QStringLiteral("<ul>");
    for (const std::string& reason : r.reasons)
        text += QStringLiteral("<li>%1</li>").arg(html(reason));
    text += QStringLiteral("</ul>");
    if (r.first_divergence && r.first_divergence->found) {
        const FirstDivergence& d = *r.first_divergence;
        text += tr("<h3>First divergence</h3><p>Module <b>%1</b> %2: %3 (on the %4 input)</p>")
                    .arg(d.module_path.empty() ? tr("(root)") : html(d.module_path), html(d.module_type),
                         html(d.reason), html(d.input));
        if (!d.note.empty())
            text += QStringLiteral("<p>%1</p>").arg(html(d.note));
    }
    const QString runHeader =
        tr("<tr><th>input</th><th>arguments</th><th>result</th><th>max abs</th><th>max rel</th></tr>");
    if (r.outputs) {
        text +=
            tr("<h3>Outputs on the example (rtol %1, atol %2)</h3><table border=1 cellspacing=0 "
               "cellpadding=3>")
                .arg(number(r.rtol), number(r.atol)) +
            tr("<tr><th>output</th><th>A</th><th>B</th><th>max abs</th><th>mean abs</th><th>median abs</th>"
               "<th>max rel</th><th>allclose</th></tr>") +
            outputRows(r.outputs->outputs) + QStringLiteral("</table>");
        text += tr("<h3>Example and probes</h3><table border=1 cellspacing=0 cellpadding=3>") + runHeader +
                runRow(*r.outputs);
        for (const RunComparison& p : r.probes)
            text += runRow(p);
        text += QStringLiteral("</table>");
    }
    if (r.structure)
        text += tr("<p>%1 op kinds differ in count (inlined graphs: %2 vs %3 nodes); %4 modules only in A, "
                   "%5 only in B.</p>")
                    .arg(r.structure->differences.size())
                    .arg(r.structure->nodes_a)
                    .arg(r.structure->nodes_b)
                    .arg(r.structure->modules_only_a.size())
                    .arg(r.structure->modules_only_b.size());
    if (r.control_flow)
        text += tr("<p>Control flow: A %1, B %2 If/Loop nodes; %3 only in A, %4 only in B.</p>")
                    .arg(r.control_flow->a)
                    .arg(r.control_flow->b)
                    .arg(r.control_flow->only_in_a)
                    .arg(r.control_flow->only_in_b);
    text += tr("<p>Parameters: %1 matched, max abs diff %2, %3 differ; %4 only in A, %5 only in B, %6 other "
               "shapes.</p>")
                .arg(r.parameters.matched)
                .arg(number(r.parameters.max_abs_diff))
                .arg(r.parameters.differing.size())
                .arg(r.parameters.only_a.size())
                .arg(r.parameters.only_b.size())
                .arg(r.parameters.shape_mismatch.size());
    if (r.timing)
        text += tr("<p>Timing: A %1 ms, B %2 ms median over %3 alternating calls; B/A = %4.</p>")
                    .arg(number(r.timing->a_median_ms), number(r.timing->b_median_ms))
                    .arg(r.timing->iters)
                    .arg(number(r.timing->ratio));
    m_summary->setHtml(text);
    m_showDivergence->setEnabled(r.first_divergence && r.first_divergence->found);
}

void CompareView::fillOpKinds(const CompareReport& report)
{
    m_opKinds->clear();
    if (!report.structure)
        return;
    for (const KindCount& k : report.structure->differences)
        new QTreeWidgetItem(m_opKinds, {qs(k.kind), QString::number(k.a), QString::number(k.b)});
    m_opKinds->resizeColumnToContents(0);
}

void CompareView::showDivergenceInGraphs()
{
    if (!m_report || !m_report->first_divergence || !m_report->first_divergence->found)
        return;
    m_tabs->setCurrentWidget(m_graphs);
    m_graphs->selectModule(m_report->first_divergence->module_path);
}

bool CompareView::exportMachineReadable(const QString& path) const
{
    if (!m_report)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const std::string text = Json(*m_report).dump(1);
    return file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size());
}

bool CompareView::exportMarkdown(const QString& path) const
{
    if (!m_report)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const std::string text = compareReportMarkdown(*m_report);
    return file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size());
}

void CompareView::exportDialog(const QString& format)
{
    const bool json = format == QLatin1String("json");
    const QString path = QFileDialog::getSaveFileName(
        this, json ? tr("Export Report as JSON") : tr("Export Report as Markdown"),
        json ? QStringLiteral("compare.json") : QStringLiteral("compare.md"),
        json ? tr("JSON (*.json)") : tr("Markdown (*.md)"));
    if (!path.isEmpty() && !(json ? exportMachineReadable(path) : exportMarkdown(path)))
        m_verdict->setText(tr("Cannot write %1").arg(path));
}

} // namespace jitscope::ui
