#include "measure.h"

#include <algorithm>

namespace jitscope::layout {

namespace {

double width(const std::string& text, const std::array<double, 128>& table, double other)
{
    double total = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 128) {
            total += table[c];
        } else if ((c & 0xC0) == 0xC0) {
            total += other; // the lead byte of a UTF-8 sequence counts once
        }
    }
    return total;
}

} // namespace

TextMetrics TextMetrics::approximate()
{
    TextMetrics metrics;
    for (int c = 0; c < 128; ++c) {
        const bool narrow = c == 'i' || c == 'l' || c == '.' || c == ',' || c == '1' || c == ' ' || c == 'j';
        metrics.title[c] = narrow ? 4 : 7.5;
        metrics.body[c] = narrow ? 3.5 : 6.5;
    }
    return metrics;
}

double TextMetrics::titleWidth(const std::string& utf8) const
{
    return width(utf8, title, titleOther);
}

double TextMetrics::bodyWidth(const std::string& utf8) const
{
    return width(utf8, body, bodyOther);
}

bool drawsSubtitle(const ViewElement& element)
{
    return !element.subtitle.empty() && (element.isCall() || element.kind == ElementKind::Input);
}

Rect measureElement(const ViewElement& element, const TextMetrics& metrics)
{
    if (element.kind == ElementKind::Merge)
        return Rect{0, 0, NodeMetrics::mergeSize, NodeMetrics::mergeSize};
    double w = metrics.titleWidth(element.title);
    double h = metrics.titleHeight;
    if (drawsSubtitle(element)) {
        w = std::max(w, metrics.bodyWidth(element.subtitle));
        h += metrics.bodyHeight;
    }
    for (const std::string& line : element.lines) {
        w = std::max(w, metrics.bodyWidth(line));
        h += metrics.bodyHeight;
    }
    w += 2 * NodeMetrics::padX;
    h += 2 * NodeMetrics::padY;
    if (element.kind == ElementKind::Input || element.kind == ElementKind::Output ||
        element.kind == ElementKind::Return)
        w += h / 2; // pill ends
    return Rect{0, 0, std::max(w, NodeMetrics::minWidth), h};
}

} // namespace jitscope::layout
