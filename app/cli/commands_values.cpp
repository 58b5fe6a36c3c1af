// The text form of `run --values`: one line per recorded tensor, then where the first NaN/Inf appeared.
#include "cli.h"
#include "types/format.h"
#include "types/values.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace jitscope::cli {

namespace {

std::string num(double v)
{
    std::ostringstream out;
    out << std::setprecision(4) << v;
    return out.str();
}

std::string location(const SourceLocation& loc)
{
    return loc.file + ":" + std::to_string(loc.line) + "  " + loc.text;
}

} // namespace

void printValueTable(const ValueTable& table)
{
    std::cout << "\nValues (" << table.values.size() << " recorded in " << num(table.ms)
              << " ms; ids as in graph --inlined)\n";
    std::cout << "  " << std::left << std::setw(10) << "id" << std::setw(22) << "kind" << std::setw(26)
              << "module" << std::setw(20) << "shape" << std::setw(9) << "dtype"
              << "min / max / mean / std" << std::right << '\n';
    for (const RecordedValue& v : table.values) {
        const std::string id = valueKey(v.id, v.element);
        std::cout << "  " << std::left << std::setw(10) << id << std::setw(22) << v.kind << std::setw(26)
                  << (v.module_path.empty() ? "(root)" : v.module_path) << std::setw(20) << formatShape(v.shape)
                  << std::setw(9) << v.dtype << num(v.min) << " / " << num(v.max) << " / " << num(v.mean)
                  << " / " << num(v.std) << std::right;
        if (v.nonFinite())
            std::cout << "  NaN=" << v.nans << " Inf=" << v.infs;
        if (v.count > 1)
            std::cout << "  ×" << v.count;
        std::cout << '\n';
    }
    if (!table.values_dir.empty())
        std::cout << "Tensors saved in " << table.values_dir << '\n';
    if (!table.first_nonfinite) {
        std::cout << "No NaN or Inf in any value.\n";
        return;
    }
    const FirstNonFinite& f = *table.first_nonfinite;
    std::cout << "\nFirst NaN/Inf: value " << valueKey(f.value, f.element) << " of node " << f.node << " ("
              << f.kind << ") in " << (f.module_path.empty() ? "(root)" : f.module_path) << '\n';
    if (f.source.valid())
        std::cout << "  code      " << location(f.source) << '\n';
    if (f.original.valid())
        std::cout << "  original  " << location(f.original) << '\n';
}

} // namespace jitscope::cli
