#include "dotwriter.h"

#include <sstream>
#include <unordered_map>

namespace jitscope {

std::string dotEscape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

namespace {

class DotWriter
{
public:
    std::string write(const Graph& graph)
    {
        m_out << "digraph \""
              << dotEscape(graph.module_path.empty() ? graph.method : graph.module_path + "." + graph.method)
              << "\" {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", "
                 "fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n";
        m_out << "  input [shape=invhouse, fillcolor=\"#d9f2d9\", label=\"inputs\"];\n";
        for (const ValueInfo& v : graph.inputs)
            m_producer[v.id] = "input";
        writeNodes(graph.nodes, "  ");
        m_out << "  output [shape=house, fillcolor=\"#f9e0c7\", label=\"outputs\"];\n";
        for (const ValueInfo& v : graph.outputs)
            edge(v, "output", "  ");
        m_out << "}\n";
        return m_out.str();
    }

private:
    void edge(const ValueInfo& v, const std::string& to, const std::string& indent)
    {
        auto it = m_producer.find(v.id);
        if (it == m_producer.end())
            return;
        m_out << indent << it->second << " -> " << to << " [label=\"" << dotEscape(v.name) << "\"];\n";
    }

    void writeNodes(const std::vector<Node>& nodes, const std::string& indent)
    {
        for (const Node& node : nodes) {
            const std::string id = "n" + std::to_string(node.id);
            std::string label = node.kind;
            if (node.callee)
                label += "\\n" + dotEscape(node.callee->module_path.empty() ? node.callee->type
                                                                            : node.callee->module_path);
            for (const Attribute& a : node.attributes)
                label += "\\n" + dotEscape(a.name + "=" + a.value.substr(0, 40));
            m_out << indent << id << " [label=\"" << label << "\"];\n";
            for (const ValueInfo& v : node.inputs)
                edge(v, id, indent);
            for (size_t b = 0; b < node.blocks.size(); ++b) {
                const Block& block = node.blocks[b];
                m_out << indent << "subgraph cluster_" << node.id << "_" << b << " {\n"
                      << indent << "  label=\"" << dotEscape(node.kind) << " block " << b
                      << "\"; style=dashed;\n";
                for (const ValueInfo& v : block.inputs)
                    m_producer[v.id] = id;
                writeNodes(block.nodes, indent + "  ");
                m_out << indent << "}\n";
            }
            for (const ValueInfo& v : node.outputs)
                m_producer[v.id] = id;
        }
    }

    std::ostringstream m_out;
    std::unordered_map<int64_t, std::string> m_producer;
};

} // namespace

std::string toDot(const Graph& graph)
{
    return DotWriter().write(graph);
}

} // namespace jitscope
