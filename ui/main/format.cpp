#include "format.h"

#include "types/format.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace jitscope::ui {

QString formatBytes(int64_t bytes)
{
    return qs(jitscope::formatBytes(bytes));
}

QString formatCount(int64_t count)
{
    return QLocale().toString(static_cast<qlonglong>(count));
}

QString formatShape(const std::vector<int64_t>& shape)
{
    return qs(jitscope::formatShape(shape));
}

QString formatNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (value == 0)
        return QStringLiteral("0");
    return QString::number(value, 'g', 5);
}

QString formatDuration(double milliseconds)
{
    if (milliseconds < 1)
        return QStringLiteral("%1 µs").arg(milliseconds * 1000, 0, 'f', 0);
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', milliseconds < 10 ? 1 : 0);
    return QStringLiteral("%1 s").arg(milliseconds / 1000, 0, 'f', 2);
}

QString shortTypeName(const std::string& qualified)
{
    const QString text = qs(qualified);
    const int dot = text.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? text : text.mid(dot + 1);
}

QString demangledTypeName(const std::string& qualified)
{
    static const QRegularExpression mangle(QStringLiteral("\\.___torch_mangle_\\d+"));
    return qs(qualified).remove(mangle);
}

QString htmlEscape(const QString& text)
{
    return text.toHtmlEscaped();
}

} // namespace jitscope::ui
