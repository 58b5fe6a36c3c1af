// Small text helpers shared by the views: std::string <-> QString, sizes, counts, shapes, type names.
#pragma once

#include "qtstring.h"
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace jitscope::ui {

QString formatBytes(int64_t bytes);                     // core/types/format.h in a QString
QString formatCount(int64_t count);                     // "11,689,512" in the user's locale
QString formatShape(const std::vector<int64_t>& shape); // core/types/format.h in a QString
QString formatNumber(double value);                     // compact: "0.0123", "-1.5e-07"
QString formatDuration(double milliseconds);

// "__torch__.torch.nn.modules.conv.___torch_mangle_155.Conv2d" -> "Conv2d"
QString shortTypeName(const std::string& qualified);
// Drops the ___torch_mangle_N segment so that identical classes read the same.
QString demangledTypeName(const std::string& qualified);

QString htmlEscape(const QString& text);

} // namespace jitscope::ui
