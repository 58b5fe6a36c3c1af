// std::string (UTF-8, as core and the worker speak) to QString: the one helper every ui/ library uses.
#pragma once

#include <QString>

#include <string>

namespace jitscope::ui {

inline QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace jitscope::ui
