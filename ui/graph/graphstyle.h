// Colours and fonts of the graph view, shared by painting and measuring.
#pragma once

#include "layout/measure.h"
#include "qtstring.h"

#include <QColor>
#include <QFont>
#include <QString>

namespace jitscope::ui {

struct CategoryColors
{
    QColor fill;   // box background
    QColor accent; // left bar and border
};

namespace graphstyle {

using ui::qs; // ui/qtstring.h: the one helper; graph files say graphstyle::qs

CategoryColors colors(const std::string& category);
// The heat scale: 0 white, 0.5 yellow, 1 red.
QColor heatColor(double level);
QFont titleFont();
QFont bodyFont();
QFont clusterFont();
// Character advances of the fonts above, measured once on the UI thread for the layout thread.
layout::TextMetrics textMetrics();

const QColor edgeColor(0x83, 0x8d, 0xa0);
const QColor textColor(0x1f, 0x25, 0x33);
const QColor mutedTextColor(0x5b, 0x64, 0x75);
const QColor selectionColor(0x1a, 0x73, 0xe8);
const QColor matchColor(0xf2, 0xa9, 0x00);
// A recorded value holding NaN/Inf: its edge label and the border of the node computing it.
const QColor nonFiniteColor(0xd3, 0x2f, 0x2f);
const QColor nonFiniteFill(0xfd, 0xd8, 0xd6);
const QColor currentMatchColor(0xe0, 0x4a, 0x1b);
const QColor backgroundColor(0xfb, 0xfc, 0xfe);

} // namespace graphstyle
} // namespace jitscope::ui
