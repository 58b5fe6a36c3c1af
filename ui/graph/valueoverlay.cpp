#include "valueoverlay.h"

#include "graphitems.h"
#include "qtstring.h"

#include <QBuffer>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace jitscope::ui {

namespace {

const Node* findNode(const Graph& graph, int64_t id)
{
    const Node* found = nullptr;
    forEachNode(graph.nodes, [&](const Node& node, int) {
        if (node.id == id)
            found = &node;
    });
    return found;
}

// The call instance holding `instance`'s call node, and that node's id.
std::pair<std::string, int64_t> splitInstance(const std::string& instance)
{
    const size_t slash = instance.rfind('/');
    const std::string parent = slash == std::string::npos ? std::string() : instance.substr(0, slash);
    const std::string last = slash == std::string::npos ? instance : instance.substr(slash + 1);
    return {parent, std::stoll(last)};
}

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 5) : QStringLiteral("—");
}

} // namespace

void ValueOverlay::setValues(std::shared_ptr<const ValueTable> values)
{
    m_table = std::move(values);
    m_index = ValueIndex(m_table, m_inlined);
    m_instances.clear();
    m_paths.clear();
}

void ValueOverlay::setInlinedGraph(std::shared_ptr<const Graph> graph)
{
    m_inlined = std::move(graph);
    m_index = ValueIndex(m_table, m_inlined);
    m_instances.clear();
    m_paths.clear(); // another root graph may reuse the instance paths
}

void ValueOverlay::clear()
{
    m_table.reset();
    m_index = ValueIndex();
    m_instances.clear();
    m_paths.clear();
}

std::string ValueOverlay::moduleOf(const std::string& instance, const navigation::ExpansionTree& tree)
{
    if (instance.empty())
        return m_rootModule;
    auto [parent, nodeId] = splitInstance(instance);
    auto graph = tree.graphOf(parent);
    const Node* call = graph ? findNode(*graph, nodeId) : nullptr;
    if (call && call->callee && call->callee->kind == CalleeKind::Method)
        return call->callee->module_path;
    return moduleOf(parent, tree); // a free function runs in its caller's module
}

// The root graph is the recorded method's own code; each expanded call adds its call site.
const CallPath& ValueOverlay::pathOf(const std::string& instance, const navigation::ExpansionTree& tree)
{
    if (auto it = m_paths.find(instance); it != m_paths.end())
        return it->second;
    CallPath path;
    if (!instance.empty()) {
        auto [parent, nodeId] = splitInstance(instance);
        auto graph = tree.graphOf(parent);
        if (const Node* call = graph ? findNode(*graph, nodeId) : nullptr)
            path = CallPath::enter(pathOf(parent, tree), *graph, *call);
    }
    return m_paths[instance] = std::move(path);
}

bool ValueOverlay::mapInstance(const std::string& instance, const navigation::ExpansionTree& tree)
{
    if (m_instances.count(instance))
        return true;
    auto graph = tree.graphOf(instance);
    if (!graph)
        return false;
    ValueIndex::NestedMap map = m_index.mapNested(*graph, moduleOf(instance, tree), pathOf(instance, tree));
    // A graph's inputs are what its caller passed (the root's: the inlined graph's inputs), and the call's
    // results in the caller are what the graph returns: the values that only cross the call boundary.
    auto pair = [](const std::vector<ValueInfo>& from, const std::vector<ValueInfo>& to, size_t shift,
                   const std::unordered_map<int64_t, int64_t>& known, std::unordered_map<int64_t, int64_t>& out,
                   bool overwrite) {
        for (size_t i = 0; i < from.size() && i + shift < to.size(); ++i) {
            auto it = known.find(to[i + shift].id);
            if (it == known.end())
                continue;
            if (overwrite)
                out[from[i].id] = it->second;
            else
                out.try_emplace(from[i].id, it->second);
        }
    };
    if (instance.empty()) {
        if (const Graph* inlined = m_index.inlinedGraph()) {
            std::unordered_map<int64_t, int64_t> same;
            for (const ValueInfo& input : inlined->inputs)
                same[input.id] = input.id;
            pair(graph->inputs, inlined->inputs, 0, same, map.values, false);
        }
        m_instances[instance] = std::move(map);
        return true;
    }
    auto [parent, nodeId] = splitInstance(instance);
    auto parentGraph = tree.graphOf(parent);
    const Node* call = parentGraph ? findNode(*parentGraph, nodeId) : nullptr;
    if (call && call->callee && mapInstance(parent, tree)) {
        auto& parentMap = m_instances[parent]; // std::map: stays valid across the insertions below
        const size_t shift = call->callee->kind == CalleeKind::Function ? 1 : 0; // input 0 names the function
        pair(graph->inputs, call->inputs, shift, parentMap.values, map.values, false);
        pair(call->outputs, graph->outputs, 0, map.values, parentMap.values, true);
    }
    m_instances[instance] = std::move(map);
    return true;
}

int64_t ValueOverlay::lookup(const std::string& instance, int64_t id,
                             std::unordered_map<int64_t, int64_t> ValueIndex::NestedMap::*ids) const
{
    auto it = m_instances.find(instance);
    if (it == m_instances.end())
        return -1;
    const auto& map = it->second.*ids;
    auto found = map.find(id);
    return found == map.end() ? -1 : found->second;
}

int64_t ValueOverlay::inlinedValue(bool inlined, const std::string& instance, int64_t value) const
{
    return inlined ? value : lookup(instance, value, &ValueIndex::NestedMap::values);
}

int64_t ValueOverlay::inlinedNode(bool inlined, const std::string& instance, int64_t nodeId) const
{
    return inlined ? nodeId : lookup(instance, nodeId, &ValueIndex::NestedMap::nodes);
}

void ValueOverlay::apply(bool inlined, const std::string& rootModule, const std::string& rootMethod,
                         const navigation::ExpansionTree& tree, const std::map<navigation::NodeRef, NodeItem*>& nodes,
                         const std::vector<EdgeItem*>& edges)
{
    const bool shown = !empty() && table()->method == rootMethod;
    if (m_rootModule != rootModule) {
        m_instances.clear();
        m_paths.clear();
    }
    m_rootModule = rootModule;
    // Every drawn instance first: mapping a callee also names its call's results in the caller.
    if (shown && !inlined) {
        for (EdgeItem* edge : edges)
            mapInstance(edge->instance(), tree);
        for (const auto& [ref, item] : nodes)
            mapInstance(ref.instance, tree);
    }
    for (EdgeItem* edge : edges) {
        int64_t value = -1;
        if (shown && edge->value() >= 0 && (inlined || mapInstance(edge->instance(), tree)))
            value = inlinedValue(inlined, edge->instance(), edge->value());
        if (value < 0 || m_index.valuesOf(value).empty()) {
            edge->setValueLabel(QString(), false, {});
            continue;
        }
        edge->setValueLabel(label(value), nonFinite(value), [this, value] { return toolTip(value); });
    }
    for (const auto& [ref, item] : nodes) {
        bool red = false;
        if (shown) {
            const Node& node = *item->sceneNode().get().node;
            if (inlined) {
                red = m_index.nodeNonFinite(node.id);
            } else if (mapInstance(ref.instance, tree)) {
                if (node.callee && node.callee->kind == CalleeKind::Method) {
                    red = node.callee->module_path != moduleOf(ref.instance, tree) &&
                          m_index.moduleNonFinite(node.callee->module_path);
                } else {
                    const int64_t id = inlinedNode(false, ref.instance, node.id);
                    red = id >= 0 && m_index.nodeNonFinite(id);
                }
            }
        }
        item->setNonFinite(red);
    }
}

QString ValueOverlay::label(int64_t inlinedValue) const
{
    const auto values = m_index.valuesOf(inlinedValue);
    if (values.empty())
        return {};
    if (values.size() == 1 && values[0]->element.empty())
        return qs(shapeText(values[0]->shape));
    QStringList parts;
    for (size_t i = 0; i < values.size() && i < 3; ++i)
        parts << qs(shapeText(values[i]->shape));
    if (values.size() > 3)
        parts << QStringLiteral("…");
    return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
}

bool ValueOverlay::nonFinite(int64_t inlinedValue) const
{
    for (const RecordedValue* value : m_index.valuesOf(inlinedValue))
        if (value->nonFinite())
            return true;
    return false;
}

QString ValueOverlay::summary(const RecordedValue& v)
{
    QString text = QStringLiteral("%1 %2 · min %3 · max %4 · mean %5 · std %6")
                       .arg(qs(shapeText(v.shape)), qs(v.dtype), number(v.min), number(v.max), number(v.mean),
                            number(v.std));
    if (v.nonFinite())
        text += QStringLiteral(" · NaN %1 · Inf %2").arg(v.nans).arg(v.infs);
    if (v.count > 1)
        text += QStringLiteral(" · computed %1×").arg(v.count);
    return text;
}

QImage ValueOverlay::histogram(const RecordedValue& value, int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(QColor(0xfa, 0xfb, 0xfd));
    QPainter painter(&image);
    painter.setPen(QColor(0xb0, 0xb6, 0xc3));
    painter.drawRect(0, 0, width - 1, height - 1);
    const auto& bins = value.histogram;
    if (bins.empty())
        return image;
    const int64_t top = *std::max_element(bins.begin(), bins.end());
    const double barWidth = double(width - 2) / bins.size();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x4a, 0x7b, 0xd0));
    for (size_t i = 0; i < bins.size(); ++i) {
        if (bins[i] == 0 || top == 0)
            continue;
        // At least a pixel for any non-empty bin: a lone outlier must stay visible.
        const double h = std::max(1.0, (height - 3) * double(bins[i]) / top);
        painter.drawRect(QRectF(1 + i * barWidth, height - 1 - h, std::max(1.0, barWidth - 1), h));
    }
    return image;
}

QString ValueOverlay::toolTip(int64_t inlinedValue) const
{
    QString text;
    for (const RecordedValue* v : m_index.valuesOf(inlinedValue)) {
        if (!text.isEmpty())
            text += QStringLiteral("<hr>");
        QString title = qs(v->name).toHtmlEscaped();
        if (!v->element.empty())
            title += QStringLiteral(" [%1]").arg(qs(v->element).toHtmlEscaped());
        text += QStringLiteral("<b>%1</b> <span style='color:#5b6475'>%2%3</span><br>")
                    .arg(title, qs(v->kind).toHtmlEscaped(),
                         v->module_path.empty() ? QString()
                                                : QStringLiteral(" in ") + qs(v->module_path).toHtmlEscaped());
        text += QStringLiteral("%1 · %2 · %3<br>")
                    .arg(qs(shapeText(v->shape)), qs(v->dtype).toHtmlEscaped(), qs(v->device).toHtmlEscaped());
        text += QStringLiteral("min %1 · max %2<br>mean %3 · std %4<br>")
                    .arg(number(v->min), number(v->max), number(v->mean), number(v->std));
        const QString bad = QStringLiteral("NaN %1 · Inf %2").arg(v->nans).arg(v->infs);
        text += v->nonFinite() ? QStringLiteral("<b style='color:#c62828'>%1</b>").arg(bad) : bad;
        text += QStringLiteral(" · computed %1×").arg(v->count);
        if (!v->histogram.empty()) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            histogram(*v, 192, 48).save(&buffer, "PNG");
            text += QStringLiteral("<br><img src='data:image/png;base64,%1' width='192' height='48'>"
                                   "<br><span style='color:#5b6475'>%2 … %3</span>")
                        .arg(QString::fromLatin1(png.toBase64()), number(v->min), number(v->max));
        }
    }
    return text;
}

} // namespace jitscope::ui
