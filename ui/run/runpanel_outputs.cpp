// RunPanel: the outputs tree of a run (shape, dtype, statistics, preview or top-k per tensor) and errors
// with the failing line of the model's code.
#include "qtstring.h"
#include "runpanel.h"

#include "types/runresult.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTreeWidget>

#include <cmath>

namespace jitscope::ui {

namespace {

QString num(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QStringLiteral("—");
}

} // namespace

static void fillItem(QTreeWidgetItem* item, const ValueNode& node)
{
    item->setText(1, qs(node.type));
    if (node.tensor) {
        const TensorSummary& t = *node.tensor;
        QStringList shape;
        for (int64_t d : t.shape)
            shape << QString::number(d);
        item->setText(2, QLatin1Char('[') + shape.join(QStringLiteral(", ")) + QLatin1Char(']'));
        item->setText(3, qs(t.dtype));
        item->setText(4, qs(t.device));
        item->setText(5, num(t.min));
        item->setText(6, num(t.max));
        item->setText(7, num(t.mean));
        item->setText(8, num(t.std));
        item->setText(9, QStringLiteral("%1 / %2").arg(t.nans).arg(t.infs));
        QStringList preview;
        if (!t.topk.empty()) {
            for (const TopKEntry& e : t.topk)
                preview << QStringLiteral("#%1: %2").arg(e.index).arg(num(e.value));
            item->setText(10,
                          QStringLiteral("top-%1  ").arg(t.topk.size()) + preview.join(QStringLiteral(", ")));
        } else {
            for (double v : t.preview)
                preview << num(v);
            item->setText(10, preview.join(QStringLiteral(", ")) +
                                  (t.numel > 16 ? QStringLiteral(" …") : QString()));
        }
        if (t.nans || t.infs)
            item->setForeground(9, Qt::red);
    } else {
        item->setText(10, qs(node.text));
    }
    for (const ValueNode& child : node.children) {
        auto* c = new QTreeWidgetItem(item);
        const bool dict = node.kind == "dict";
        c->setText(0, dict ? QStringLiteral("'%1'").arg(qs(child.key))
                           : QStringLiteral("[%1]").arg(qs(child.key)));
        fillItem(c, child);
    }
}

void RunPanel::showOutputs(const protocol::RunReply& result)
{
    m_outputs->clear();
    auto* root = new QTreeWidgetItem(m_outputs);
    root->setText(0, tr("output"));
    fillItem(root, result.output);
    m_outputs->expandAll();
    m_status->setText(tr("%1 on %2: %3 ms%4")
                          .arg(qs(result.method), qs(result.device), QString::number(result.ms, 'f', 3),
                               result.warmup
                                   ? tr(" (warm-up: the profiling executor's first calls are slower)")
                                   : QString()));
    setPending(-1, false);
}

void RunPanel::showError(const Error& error)
{
    m_status->setText(
        QStringLiteral("<span style='color:#c62828'>%1</span>").arg(qs(error.message).toHtmlEscaped()));
    m_errorDetail->setPlainText(qs(error.detail));
    m_errorDetail->setVisible(!error.detail.empty());
    // The innermost frame in the archived code is the line the code view highlights; the Code tab is not
    // brought forward (it would hide this message), the link does that.
    m_errorLink->setVisible(false);
    const auto frames = tracebackLocations(error.detail);
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        if (it->file.rfind("code/", 0) == 0) {
            const QString file = qs(it->file);
            m_errorLink->setText(QStringLiteral("<a href='%1:%2'>%3</a>")
                                     .arg(file.toHtmlEscaped())
                                     .arg(it->line)
                                     .arg(tr("Show line %1 of %2 in Code")
                                              .arg(it->line)
                                              .arg(file.section(QLatin1Char('/'), -1).toHtmlEscaped())));
            m_errorLink->setToolTip(file);
            m_errorLink->setVisible(true);
            Q_EMIT errorLocation(file, it->line);
            break;
        }
    }
}

} // namespace jitscope::ui
