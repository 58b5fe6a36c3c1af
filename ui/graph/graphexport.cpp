#include "graphexport.h"

#include "graphstyle.h"
#include "view/dotwriter.h"

#include <QFile>
#include <QFileDialog>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

namespace jitscope::ui::graphexport {

namespace {

bool contains(const layout::Rect& outer, const layout::Rect& inner)
{
    return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.right() <= outer.right() + 0.5 &&
           inner.bottom() <= outer.bottom() + 0.5;
}

} // namespace

void writeSvg(QGraphicsScene& scene, const QString& path)
{
    const QRectF source = scene.itemsBoundingRect().adjusted(-10, -10, 10, 10);
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(QStringLiteral("JitScope graph"));
    QPainter painter(&generator);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
}

void writePng(QGraphicsScene& scene, const QString& path)
{
    const QRectF source = scene.itemsBoundingRect().adjusted(-10, -10, 10, 10);
    // Twice the resolution for small graphs; big ones are capped to keep the image allocatable.
    double scale = 2.0;
    const double maxSide = 16000, maxPixels = 150e6;
    scale =
        std::min({scale, maxSide / std::max(1.0, source.width()), maxSide / std::max(1.0, source.height()),
                  std::sqrt(maxPixels / std::max(1.0, source.width() * source.height()))});
    QImage image((source.size() * scale).toSize().expandedTo(QSize(1, 1)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(graphstyle::backgroundColor);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    image.save(path, "PNG");
}

bool writeDot(const layout::SceneLayout* drawn, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(QByteArray::fromStdString(dotText(drawn))) >= 0;
}

std::string dotText(const layout::SceneLayout* drawn)
{
    std::ostringstream out;
    out << "digraph G {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef1f6\", "
           "fontname=Helvetica, fontsize=10];\n";
    if (!drawn) {
        out << "}\n";
        return out.str();
    }
    const layout::SceneLayout& scene = *drawn;
    const double height = scene.bounds.h;
    // Clusters nest by containment: every box goes into the smallest cluster holding it.
    const size_t count = scene.clusters.size();
    std::vector<int> clusterParent(count, -1), nodeParent(scene.nodes.size(), -1);
    auto smallest = [&](const layout::Rect& rect, size_t skip) {
        int best = -1;
        for (size_t c = 0; c < count; ++c)
            if (c != skip && contains(scene.clusters[c].rect, rect) &&
                (best < 0 || scene.clusters[c].rect.w * scene.clusters[c].rect.h <
                                 scene.clusters[best].rect.w * scene.clusters[best].rect.h))
                best = static_cast<int>(c);
        return best;
    };
    for (size_t c = 0; c < count; ++c)
        clusterParent[c] = smallest(scene.clusters[c].rect, c);
    for (size_t n = 0; n < scene.nodes.size(); ++n)
        nodeParent[n] = smallest(scene.nodes[n].rect, count);
    std::function<void(int, const std::string&)> write = [&](int parent, const std::string& indent) {
        for (size_t c = 0; c < count; ++c) {
            if (clusterParent[c] != parent)
                continue;
            const layout::SceneCluster& cluster = scene.clusters[c];
            out << indent << "subgraph cluster_" << c << " {\n"
                << indent << "  label=\""
                << dotEscape(cluster.title + (cluster.subtitle.empty() ? "" : " : " + cluster.subtitle))
                << "\";\n";
            write(static_cast<int>(c), indent + "  ");
            out << indent << "}\n";
        }
        for (size_t n = 0; n < scene.nodes.size(); ++n) {
            if (nodeParent[n] != parent)
                continue;
            const ViewElement& element = scene.nodes[n].get();
            std::string label = element.title;
            for (const std::string& line : element.lines)
                label += "\\n" + line;
            const layout::Point c = scene.nodes[n].rect.center();
            out << indent << "n" << n << " [label=\"" << dotEscape(label) << "\", pos=\"" << c.x << ","
                << height - c.y << "\"];\n";
        }
    };
    write(-1, "  ");
    for (const layout::SceneEdge& edge : scene.edges)
        if (edge.from >= 0 && edge.to >= 0)
            out << "  n" << edge.from << " -> n" << edge.to
                << (edge.label.empty() ? "" : " [label=\"" + dotEscape(edge.label) + "\"]")
                << (edge.control ? " [style=dashed]" : "") << ";\n";
    out << "}\n";
    return out.str();
}

void exportWithDialog(QWidget* parent, const QString& format, QString base, QGraphicsScene& scene,
                      const layout::SceneLayout* drawn)
{
    if (base.isEmpty())
        base = QStringLiteral("graph");
    const QString filter = format == QLatin1String("svg")   ? QFileDialog::tr("SVG images (*.svg)")
                           : format == QLatin1String("png") ? QFileDialog::tr("PNG images (*.png)")
                                                            : QFileDialog::tr("Graphviz DOT (*.dot *.gv)");
    const QString path = QFileDialog::getSaveFileName(parent, QFileDialog::tr("Export graph"),
                                                      base + QLatin1Char('.') + format, filter);
    if (path.isEmpty())
        return;
    if (format == QLatin1String("svg"))
        writeSvg(scene, path);
    else if (format == QLatin1String("png"))
        writePng(scene, path);
    else
        writeDot(drawn, path);
}

} // namespace jitscope::ui::graphexport
