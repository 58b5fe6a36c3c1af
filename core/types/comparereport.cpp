// JSON, text and Markdown forms of a CompareReport.
#include "comparereport.h"

#include <iomanip>
#include <sstream>

namespace jitscope {

JITSCOPE_DEFINE_JSON(CompareSide, path, kind, bytes, methods, param_count)
JITSCOPE_DEFINE_JSON(KindCount, kind, a, b)
JITSCOPE_DEFINE_JSON(StructureDiff, method, a, b, differences, modules_only_a, modules_only_b, nodes_a, nodes_b)
JITSCOPE_DEFINE_JSON(ControlFlowNode, side, kind, module_path, node_id, source, original)
JITSCOPE_DEFINE_JSON(ControlFlowDiff, a, b, if_a, if_b, loop_a, loop_b, only_in_a, only_in_b, nodes)
JITSCOPE_DEFINE_JSON(ParameterRow, name, status, shape_a, shape_b, dtype_a, dtype_b, max_abs_diff)
JITSCOPE_DEFINE_JSON(ParameterDiffEntry, name, max_abs_diff)
JITSCOPE_DEFINE_JSON(ShapeMismatch, name, shape_a, shape_b)
JITSCOPE_DEFINE_JSON(ParameterDiff, matched, only_a, only_b, shape_mismatch, max_abs_diff, differing,
                     prefix_stripped, rows)
JITSCOPE_DEFINE_JSON(OutputDiff, path, kind_a, kind_b, shape_a, shape_b, dtype_a, dtype_b, value_a, value_b,
                     max_abs, mean_abs, median_abs, max_rel, mean_rel, median_rel, mismatched,
                     nonfinite_mismatch, allclose, note)
JITSCOPE_DEFINE_JSON(RunComparison, description, inputs, a_ok, b_ok, a_error, b_error, same_structure, allclose,
                     diverges, outputs)
JITSCOPE_DEFINE_JSON(FirstDivergence, found, input, module_path, module_type, reason, order, modules_compared,
                     outputs, note)
JITSCOPE_DEFINE_JSON(TimingComparison, iters, a_median_ms, b_median_ms, ratio, a_ms, b_ms)
JITSCOPE_DEFINE_JSON(CompareReport, a, b, method, rtol, atol, structure, control_flow, parameters, outputs,
                     probes, first_divergence, timing, verdict, reasons)

namespace {

std::string num(double v)
{
    std::ostringstream out;
    out << std::setprecision(4) << v;
    return out.str();
}

std::string shape(const std::vector<int64_t>& dims)
{
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

std::string where(const ControlFlowNode& n)
{
    std::string s = n.source.valid() ? n.source.file + ":" + std::to_string(n.source.line) : "?";
    if (n.original.valid())
        s += " (" + n.original.file + ":" + std::to_string(n.original.line) + ")";
    return s;
}

std::string trim(std::string s)
{
    const size_t first = s.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : s.substr(first);
}

std::string modulePath(const std::string& path)
{
    return path.empty() ? "(root)" : path;
}

std::string outputLine(const OutputDiff& o)
{
    std::ostringstream out;
    out << (o.path.empty() ? "output" : o.path) << ": ";
    if (o.kind_a == "tensor" && o.kind_b == "tensor") {
        out << shape(o.shape_a) << ' ' << o.dtype_a;
        if (o.shape_a != o.shape_b || o.dtype_a != o.dtype_b)
            out << " vs " << shape(o.shape_b) << ' ' << o.dtype_b;
        if (o.shape_a == o.shape_b)
            out << "  max abs " << num(o.max_abs) << ", mean " << num(o.mean_abs) << ", median "
                << num(o.median_abs) << "; max rel " << num(o.max_rel);
    } else {
        out << o.kind_a << (o.value_a.empty() ? "" : " " + o.value_a) << " vs " << o.kind_b
            << (o.value_b.empty() ? "" : " " + o.value_b);
    }
    out << (o.allclose ? "  ok" : "  DIFFERS");
    if (!o.note.empty())
        out << " (" << o.note << ")";
    return out.str();
}

// Shared by text and Markdown: `bullet` starts a list line, `heading` a section.
std::string render(const CompareReport& r, bool markdown)
{
    std::ostringstream out;
    const std::string bullet = markdown ? "- " : "  ";
    auto heading = [&](const std::string& title) {
        out << '\n' << (markdown ? "## " : "") << title << (markdown ? "\n\n" : "\n");
    };
    auto run = [&](const RunComparison& c) {
        out << bullet << c.description << ": ";
        if (!c.a_ok || !c.b_ok) {
            out << (c.a_ok ? "A ok" : "A failed: " + c.a_error) << "; "
                << (c.b_ok ? "B ok" : "B failed: " + c.b_error);
        } else if (!c.same_structure) {
            out << "outputs have different structures";
        } else {
            double maxAbs = 0;
            for (const OutputDiff& o : c.outputs)
                maxAbs = std::max(maxAbs, o.max_abs);
            out << (c.allclose ? "allclose" : "DIFFERS") << ", max abs diff " << num(maxAbs);
        }
        out << (c.diverges ? "  -> diverges" : "") << '\n';
    };

    out << (markdown ? "# " : "") << "Verdict: " << r.verdict << '\n';
    if (markdown)
        out << '\n';
    for (const std::string& reason : r.reasons)
        out << bullet << reason << '\n';
    out << (markdown ? "\n" : "") << "A: " << r.a.path << " (" << r.a.kind << ", " << r.a.param_count
        << " parameters)" << (markdown ? "  \n" : "\n") << "B: " << r.b.path << " (" << r.b.kind << ", "
        << r.b.param_count << " parameters)\n";

    if (r.outputs) {
        heading("Outputs on the example (rtol " + num(r.rtol) + ", atol " + num(r.atol) + ")");
        run(*r.outputs);
        for (const OutputDiff& o : r.outputs->outputs)
            out << (markdown ? "  - " : "    ") << outputLine(o) << '\n';
    }
    if (!r.probes.empty()) {
        heading("Probes");
        for (const RunComparison& p : r.probes)
            run(p);
    }
    if (r.first_divergence && r.first_divergence->found) {
        const FirstDivergence& d = *r.first_divergence;
        heading("First divergence");
        out << bullet << "module " << modulePath(d.module_path)
            << (d.module_type.empty() ? "" : " (" + d.module_type + ")") << ": " << d.reason << ", on "
            << d.input << '\n';
        for (const OutputDiff& o : d.outputs)
            out << (markdown ? "  - " : "    ") << outputLine(o) << '\n';
        if (!d.note.empty())
            out << bullet << d.note << '\n';
    }
    if (r.control_flow) {
        const ControlFlowDiff& c = *r.control_flow;
        heading("Control flow (prim::If + prim::Loop, inlined)");
        out << bullet << "A " << c.a << " (" << c.if_a << " if, " << c.loop_a << " loop), B " << c.b << " ("
            << c.if_b << " if, " << c.loop_b << " loop)\n";
        for (const ControlFlowNode& n : c.nodes)
            out << bullet << "only in " << n.side << ": " << n.kind << " in " << modulePath(n.module_path)
                << " at " << where(n) << (n.original.valid() ? "  " + trim(n.original.text) : "") << '\n';
    }
    if (r.structure) {
        heading("Structure (op kinds of the inlined graph)");
        out << bullet << "nodes: A " << r.structure->nodes_a << ", B " << r.structure->nodes_b << '\n';
        for (const KindCount& k : r.structure->differences)
            out << bullet << k.kind << ": A " << k.a << ", B " << k.b << '\n';
        for (const std::string& m : r.structure->modules_only_a)
            out << bullet << "module only in A: " << m << '\n';
        for (const std::string& m : r.structure->modules_only_b)
            out << bullet << "module only in B: " << m << '\n';
    }
    const ParameterDiff& p = r.parameters;
    heading("Parameters and buffers");
    out << bullet << p.matched << " matched by name, max abs diff " << num(p.max_abs_diff) << "; "
        << p.only_a.size() << " only in A, " << p.only_b.size() << " only in B, " << p.shape_mismatch.size()
        << " with other shapes" << (p.prefix_stripped ? " (B's \"module.\" prefix removed)" : "") << '\n';
    for (size_t i = 0; i < p.differing.size() && i < 10; ++i)
        out << bullet << p.differing[i].name << ": " << num(p.differing[i].max_abs_diff) << '\n';
    if (p.differing.size() > 10)
        out << bullet << "… " << p.differing.size() - 10 << " more differ\n";
    for (const ShapeMismatch& s : p.shape_mismatch)
        out << bullet << s.name << ": " << shape(s.shape_a) << " vs " << shape(s.shape_b) << '\n';
    if (r.timing) {
        heading("Timing (median of " + std::to_string(r.timing->iters) + " alternating calls)");
        out << bullet << "A " << num(r.timing->a_median_ms) << " ms, B " << num(r.timing->b_median_ms)
            << " ms, B/A " << num(r.timing->ratio) << '\n';
    }
    return out.str();
}

} // namespace

std::string compareReportText(const CompareReport& report)
{
    return render(report, false);
}

std::string compareReportMarkdown(const CompareReport& report)
{
    return render(report, true);
}

} // namespace jitscope
