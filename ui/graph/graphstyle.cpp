#include "graphstyle.h"

#include <QFontMetricsF>

#include <algorithm>
#include <map>

namespace jitscope::ui::graphstyle {

CategoryColors colors(const std::string& category)
{
    // Soft fills with a saturated accent: readable text on every fill, categories told apart by hue.
    static const std::map<std::string, CategoryColors> table = {
        {"conv", {QColor(0xdd, 0xe9, 0xf8), QColor(0x2f, 0x6f, 0xc0)}},
        {"norm", {QColor(0xd9, 0xf1, 0xec), QColor(0x23, 0x94, 0x82)}},
        {"act", {QColor(0xfd, 0xe8, 0xd6), QColor(0xdd, 0x6b, 0x20)}},
        {"pool", {QColor(0xe2, 0xf2, 0xdc), QColor(0x4b, 0x9a, 0x3a)}},
        {"linear", {QColor(0xec, 0xe4, 0xf8), QColor(0x7b, 0x4f, 0xc2)}},
        {"shape", {QColor(0xf5, 0xef, 0xdf), QColor(0xa0, 0x83, 0x48)}},
        {"math", {QColor(0xe9, 0xec, 0xf2), QColor(0x5e, 0x6e, 0x8a)}},
        {"prim", {QColor(0xf1, 0xf1, 0xf1), QColor(0x9a, 0x9a, 0x9a)}},
        {"control", {QColor(0xff, 0xf3, 0xc8), QColor(0xc2, 0x95, 0x10)}},
        {"call", {QColor(0xe3, 0xe8, 0xf9), QColor(0x3c, 0x55, 0xb4)}},
        {"function", {QColor(0xf4, 0xe3, 0xf2), QColor(0xa1, 0x45, 0x97)}},
        {"input", {QColor(0xd9, 0xf2, 0xdd), QColor(0x2e, 0x8b, 0x57)}},
        {"output", {QColor(0xd9, 0xf2, 0xdd), QColor(0x2e, 0x8b, 0x57)}},
        {"return", {QColor(0xee, 0xee, 0xee), QColor(0x88, 0x88, 0x88)}},
        {"merge", {QColor(0xc2, 0x95, 0x10), QColor(0xc2, 0x95, 0x10)}},
    };
    auto it = table.find(category);
    return it == table.end() ? table.at("math") : it->second;
}

QColor heatColor(double level)
{
    const double t = std::clamp(level, 0.0, 1.0);
    auto mix = [](const QColor& a, const QColor& b, double f) {
        return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                                float(a.greenF() + (b.greenF() - a.greenF()) * f),
                                float(a.blueF() + (b.blueF() - a.blueF()) * f));
    };
    const QColor white(0xff, 0xff, 0xff), yellow(0xff, 0xdc, 0x4e), red(0xe0, 0x3a, 0x24);
    return t < 0.5 ? mix(white, yellow, t * 2) : mix(yellow, red, (t - 0.5) * 2);
}

QFont titleFont()
{
    QFont font(QStringLiteral("Sans Serif"));
    font.setPointSizeF(9);
    font.setBold(true);
    return font;
}

QFont bodyFont()
{
    QFont font(QStringLiteral("Sans Serif"));
    font.setPointSizeF(8);
    return font;
}

QFont clusterFont()
{
    QFont font(QStringLiteral("Sans Serif"));
    font.setPointSizeF(9);
    font.setBold(true);
    return font;
}

layout::TextMetrics textMetrics()
{
    layout::TextMetrics metrics;
    const QFontMetricsF title(titleFont()), body(bodyFont());
    for (int c = 32; c < 127; ++c) {
        metrics.title[c] = title.horizontalAdvance(QChar(c));
        metrics.body[c] = body.horizontalAdvance(QChar(c));
    }
    // The non-ASCII characters the view writes: ⟨ ⟩ × … → (take the widest).
    metrics.titleOther = title.horizontalAdvance(QChar(0x27E8)) + 1;
    metrics.bodyOther = body.horizontalAdvance(QChar(0x27E8)) + 1;
    metrics.titleHeight = title.height() + 2;
    metrics.bodyHeight = body.height() + 1;
    return metrics;
}

} // namespace jitscope::ui::graphstyle
