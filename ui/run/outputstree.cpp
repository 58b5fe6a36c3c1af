#include "outputstree.h"
#include "qtstring.h"

#include <QHeaderView>

#include <cmath>

namespace jitscope::ui {

namespace {

QString num(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QStringLiteral("—");
}

void fillItem(QTreeWidgetItem* item, const ValueNode& node)
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

} // namespace

OutputsTree::OutputsTree(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("outputs"));
    setHeaderLabels({tr("Output"), tr("Type"), tr("Shape"), tr("dtype"), tr("Device"), tr("Min"), tr("Max"),
                     tr("Mean"), tr("Std"), tr("NaN/Inf"), tr("Preview / top-k")});
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void OutputsTree::showOutput(const ValueNode& output)
{
    clear();
    auto* root = new QTreeWidgetItem(this);
    root->setText(0, tr("output"));
    fillItem(root, output);
    expandAll();
}

} // namespace jitscope::ui
