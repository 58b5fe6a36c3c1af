// Exports of the graph widget's view, free functions over what it drew: SVG and PNG render the scene (what is
// expanded now), DOT writes the laid-out boxes with their labels and positions, modules as nested clusters.
#pragma once

#include "layout/composer.h"

#include <QString>

#include <string>

class QGraphicsScene;
class QWidget;

namespace jitscope::ui::graphexport {

void writeSvg(QGraphicsScene& scene, const QString& path);
void writePng(QGraphicsScene& scene, const QString& path); // 2× for small graphs, capped for big ones
std::string dotText(const layout::SceneLayout* drawn);     // an empty digraph without a layout
bool writeDot(const layout::SceneLayout* drawn, const QString& path);
// Asks for a path (suggesting `base` + "." + `format`), then writes "svg", "png" or "dot" there. `base`
// empty: "graph".
void exportWithDialog(QWidget* parent, const QString& format, QString base, QGraphicsScene& scene,
                      const layout::SceneLayout* drawn);

} // namespace jitscope::ui::graphexport
