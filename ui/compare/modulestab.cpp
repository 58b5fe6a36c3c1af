#include "modulestab.h"

#include "qtstring.h"

#include <map>
#include <set>

namespace jitscope::ui {

namespace {

// The modules holding a parameter that differs or has no match ("layer1.0" for "layer1.0.conv1.weight"'s
// module "layer1.0.conv1", "" for the root's own).
std::set<std::string> modulesWithDifferingParameters(const CompareReport& report)
{
    std::set<std::string> differing;
    for (const ParameterRow& row : report.parameters.rows)
        if (row.status != "matched" || row.max_abs_diff > 0) {
            const size_t dot = row.name.rfind('.');
            differing.insert(dot == std::string::npos ? std::string() : row.name.substr(0, dot));
        }
    return differing;
}

} // namespace

ModulesTab::ModulesTab(QWidget* parent) : QTreeWidget(parent)
{
    setHeaderLabels({tr("Module"), tr("Type in A"), tr("Type in B"), tr("Difference")});
}

void ModulesTab::fill(const std::optional<ModelInfo> info[2], const CompareReport& report)
{
    clear();
    std::map<std::string, std::string> typeA, typeB;
    std::vector<std::string> order;
    for (int side = 0; side < 2; ++side)
        if (info[side])
            for (const ModuleInfo& m : info[side]->modules) {
                auto& types = side == 0 ? typeA : typeB;
                if (!typeA.count(m.path) && !typeB.count(m.path))
                    order.push_back(m.path);
                types[m.path] = m.type;
            }
    const std::set<std::string> differing = modulesWithDifferingParameters(report);
    std::string divergent;
    if (report.first_divergence && report.first_divergence->found)
        divergent = report.first_divergence->module_path;
    std::map<std::string, QTreeWidgetItem*> items;
    for (const std::string& path : order) {
        const size_t dot = path.rfind('.');
        // The root has no parent ("\x01" names none); a top-level module's parent is the root ("").
        const std::string parent = path.empty()               ? std::string("\x01")
                                   : dot == std::string::npos ? std::string()
                                                              : path.substr(0, dot);
        QTreeWidgetItem* parentItem = items.count(parent) ? items[parent] : nullptr;
        QStringList columns{path.empty() ? tr("(root)")
                                         : qs(path.substr(dot == std::string::npos ? 0 : dot + 1)),
                            typeA.count(path) ? qs(typeA[path]) : QStringLiteral("—"),
                            typeB.count(path) ? qs(typeB[path]) : QStringLiteral("—")};
        QString status;
        if (!typeA.count(path))
            status = tr("only in B");
        else if (!typeB.count(path))
            status = tr("only in A");
        else if (typeA[path] != typeB[path])
            status = tr("other type");
        if (differing.count(path))
            status += (status.isEmpty() ? QString() : QStringLiteral(", ")) + tr("parameters differ");
        if (!divergent.empty() && path == divergent)
            status += (status.isEmpty() ? QString() : QStringLiteral(", ")) + tr("first divergence");
        columns << status;
        auto* item =
            parentItem ? new QTreeWidgetItem(parentItem, columns) : new QTreeWidgetItem(this, columns);
        if (!status.isEmpty())
            for (int c = 0; c < 4; ++c)
                item->setForeground(c, QColor(0xb0, 0x30, 0x20));
        items[path] = item;
    }
    expandAll();
    resizeColumnToContents(0);
}

} // namespace jitscope::ui
